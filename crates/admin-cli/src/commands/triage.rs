//! `crt-admin tag …` (a section's tags) and `crt-admin repeat-writers
//! refresh` (docs/staff-view.md).

use std::{process::ExitCode, sync::Arc};

use anyhow::anyhow;
use crt_domain::{
    choice::Choice,
    ports::SystemClock,
    repeat_writers::Thresholds,
    report::Section,
    service::{TagError, Triage},
    tags,
};

#[derive(Debug, clap::Subcommand)]
pub enum TagCommand {
    /// List every tag (retired ones marked).
    List,
    /// Define a tag for a section.
    Add {
        /// The section's code (e.g. HCE).
        #[arg(long)]
        section: String,
        /// Lower-case letters, digits and hyphens (e.g. flood-2026).
        name: String,
        /// What it is for (shown to staff).
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Stop offering a tag (reports keep it; it stays filterable).
    Retire {
        /// SECTION/name, e.g. HCE/flood-2026.
        tag: String,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum RepeatCommand {
    /// Compute missing description keys and set every report's flag from
    /// REPEAT_WRITER_EMAIL_REPORTS and REPEAT_WRITER_DESCRIPTION_REPORTS.
    Refresh,
}

async fn triage(url: &str) -> anyhow::Result<Triage> {
    let settings = crt_settings::repeat_writers_from_env().map_err(|e| anyhow!("settings: {e}"))?;
    Ok(Triage {
        repo: Arc::new(super::open(url).await?),
        thresholds: Thresholds {
            email_reports: settings.email_reports,
            description_reports: settings.description_reports,
        },
        clock: Arc::new(SystemClock),
    })
}

pub async fn tag(url: &str, cmd: TagCommand) -> anyhow::Result<ExitCode> {
    let t = triage(url).await?;
    match cmd {
        TagCommand::List => {
            let all = t.tags().await?;
            if all.is_empty() {
                println!("No tags yet (crt-admin tag add --section HCE NAME).");
            }
            for tag in all {
                println!(
                    "{:<50} {}{}",
                    tag.tag.qualified(),
                    tag.description,
                    if tag.retired { " (retired)" } else { "" }
                );
            }
        }
        TagCommand::Add {
            section,
            name,
            description,
        } => {
            let section = Section::from_value(&section.trim().to_ascii_uppercase())
                .ok_or_else(|| anyhow!("{section:?} is not a section code"))?;
            match t.define(section, &name, &description).await {
                Ok(tag) => println!("Added {tag}."),
                Err(TagError::Invalid(m)) => {
                    eprintln!("error: {m}");
                    return Ok(ExitCode::from(2));
                }
                Err(e) => return Err(e.into()),
            }
        }
        TagCommand::Retire { tag } => {
            let tag = tags::parse(&tag).map_err(|m| anyhow!(m))?;
            match t.retire(&tag).await {
                Ok(true) => println!("Retired {tag}; reports keep it."),
                Ok(false) => println!("{tag} was retired already."),
                Err(TagError::NotFound(q)) => {
                    eprintln!("error: there is no tag {q} (crt-admin tag list)");
                    return Ok(ExitCode::from(2));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn repeat_writers(url: &str, cmd: RepeatCommand) -> anyhow::Result<ExitCode> {
    let t = triage(url).await?;
    match cmd {
        RepeatCommand::Refresh => {
            let started = std::time::Instant::now();
            let r = t.refresh().await?;
            println!(
                "Repeat writers refreshed in {:.1} s (e-mail on at least {} reports, description on at least {}; 0 is off): \
                 {} description keys computed, {} reports flagged, {} no longer flagged.",
                started.elapsed().as_secs_f64(),
                t.thresholds.email_reports,
                t.thresholds.description_reports,
                r.keyed,
                r.flagged,
                r.unflagged
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

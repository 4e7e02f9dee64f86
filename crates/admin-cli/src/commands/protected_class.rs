//! `crt-admin protected-class …`: the seed's first task ("change protected
//! class options") as commands. Each change can be previewed with
//! `--dry-run`, runs in one transaction, keeps the catalog's invariants and
//! is recorded in the audit trail (`history`). Stored values never change,
//! so reports filed before keep what they said.

use std::process::ExitCode;

use anyhow::anyhow;
use chrono::Utc;
use crt_domain::{
    catalog_change::{CatalogChange, plan},
    ports::ProtectedClassRepository,
};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
    /// Show what would change (rows and report counts) and change nothing.
    #[arg(long, global = true)]
    dry_run: bool,
    /// Who is making the change (recorded in the audit trail).
    #[arg(long, global = true, env = "USER", default_value = "crt-admin")]
    actor: String,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Every option: value, code, label, position, active/retired, report count.
    List,
    /// Add an option.
    Add {
        /// Stored value (lower case, digits, underscores); never changes later.
        value: String,
        /// Short name for staff views.
        #[arg(long)]
        code: String,
        /// What the public reads.
        #[arg(long)]
        label: String,
        /// Offer it after this value (default: just before "Other reason").
        #[arg(long)]
        after: Option<String>,
    },
    /// Change a label and/or code (the stored value stays).
    Rename {
        /// Which option.
        value: String,
        /// New label.
        #[arg(long)]
        label: Option<String>,
        /// New code.
        #[arg(long)]
        code: Option<String>,
    },
    /// Move an option to a position on the form (1 = first).
    Reorder {
        /// Which option.
        value: String,
        /// 1-based position; "Other reason" always stays last.
        #[arg(long)]
        position: usize,
    },
    /// Stop offering an option; reports filed with it keep it.
    Retire {
        /// Which option.
        value: String,
    },
    /// Offer a retired option again.
    Restore {
        /// Which option.
        value: String,
    },
    /// Move every report of a duplicate option to the kept one, then delete the duplicate.
    Merge {
        /// The duplicate to remove.
        duplicate: String,
        /// The option to keep.
        #[arg(long)]
        into: String,
    },
    /// The audit trail of changes, newest first.
    History,
}

pub async fn run(url: &str, args: Args) -> anyhow::Result<ExitCode> {
    let db = super::open(url).await?;
    let catalog = db.catalog().await?;
    let counts = db.protected_class_report_counts().await?;
    let (change, action) = match args.command {
        Command::List => {
            println!("position\tvalue\tcode\tlabel\tstate\treports");
            let mut rows: Vec<_> = catalog.form_choices().into_iter().cloned().collect();
            let mut retired: Vec<_> = catalog
                .all()
                .iter()
                .filter(|o| !o.is_active())
                .cloned()
                .collect();
            retired.sort_by(|a, b| a.value.cmp(&b.value));
            rows.extend(retired);
            for (i, o) in rows.iter().enumerate() {
                let position = if o.is_active() {
                    (i + 1).to_string()
                } else {
                    "-".into()
                };
                let state = if o.is_active() { "active" } else { "retired" };
                println!(
                    "{position}\t{}\t{}\t{}\t{state}\t{}",
                    o.value,
                    o.code,
                    o.label,
                    counts.get(&o.value).copied().unwrap_or(0)
                );
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::History => {
            for e in db.protected_class_history().await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    e.at.format("%Y-%m-%d %H:%M:%S UTC"),
                    e.actor,
                    e.action,
                    e.detail
                );
            }
            return Ok(ExitCode::SUCCESS);
        }
        Command::Add {
            value,
            code,
            label,
            after,
        } => (
            CatalogChange::Add {
                value,
                code,
                label,
                after,
            },
            "add",
        ),
        Command::Rename { value, label, code } => {
            (CatalogChange::Rename { value, label, code }, "rename")
        }
        Command::Reorder { value, position } => {
            (CatalogChange::Reorder { value, position }, "reorder")
        }
        Command::Retire { value } => (CatalogChange::Retire { value }, "retire"),
        Command::Restore { value } => (CatalogChange::Restore { value }, "restore"),
        Command::Merge { duplicate, into } => (CatalogChange::Merge { duplicate, into }, "merge"),
    };
    let planned = plan(catalog.all(), &change).map_err(|e| anyhow!("{e}"))?;
    let reports = |v: &str| counts.get(v).copied().unwrap_or(0);
    let mut lines = planned.lines.clone();
    match &change {
        CatalogChange::Retire { value } => lines.push(format!(
            "{} report(s) keep {value} and still show its label",
            reports(value)
        )),
        CatalogChange::Merge { duplicate, into } => lines.push(format!(
            "{} report(s) move from {duplicate} to {into}",
            reports(duplicate)
        )),
        CatalogChange::Rename { value, .. } => lines.push(format!(
            "{} report(s) show the new wording; none is changed",
            reports(value)
        )),
        _ => {}
    }
    for l in &lines {
        println!("{}{l}", if args.dry_run { "would " } else { "" });
    }
    if args.dry_run {
        println!("dry run: nothing changed");
        return Ok(ExitCode::SUCCESS);
    }
    let merge = match &change {
        CatalogChange::Merge { duplicate, into } => Some((duplicate.as_str(), into.as_str())),
        _ => None,
    };
    db.apply_catalog_plan(&planned, merge, &args.actor, action, Utc::now())
        .await?;
    println!("done; running servers pick the change up within a minute");
    Ok(ExitCode::SUCCESS)
}

//! `crt-admin report …`: look at stored reports (the replacement for poking
//! at records in a Django shell).

use std::process::ExitCode;

use crt_domain::{
    export::FlatReport,
    ports::{ReportRepository, RepositoryError},
    values::PublicId,
};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Print a report's activity log, newest first.
    History {
        /// The record number, e.g. 4711-KTR.
        public_id: String,
    },
    /// Show which section routing gives the report today, and move it there
    /// (unless --dry-run). Moving resets it like any section change.
    Reroute {
        /// The record number, e.g. 4711-KTR.
        public_id: String,
        /// Only show what routing says now.
        #[arg(long)]
        dry_run: bool,
        /// Who is making the change (recorded in the activity log).
        #[arg(long, env = "USER", default_value = "crt-admin")]
        actor: String,
    },
    /// Print one report.
    Show {
        /// The record number, e.g. 4711-KTR.
        public_id: String,
        /// Print JSON (field names as in the form and the database).
        #[arg(long)]
        json: bool,
    },
}

async fn find(
    url: &str,
    public_id: &str,
) -> anyhow::Result<Result<(crt_persistence::Db, crt_domain::report::ReportRecord), ExitCode>> {
    let id = match PublicId::parse(public_id) {
        Ok(id) => id,
        Err(e) => {
            eprintln!("error: {public_id:?}: {e}");
            return Ok(Err(ExitCode::from(2)));
        }
    };
    let db = super::open(url).await?;
    match db.get_by_public_id(&id).await {
        Ok(r) => Ok(Ok((db, r))),
        Err(RepositoryError::NotFound) => {
            eprintln!("error: no report with record number {id}");
            Ok(Err(ExitCode::from(1)))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn run(url: &str, cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::History { public_id } => {
            let (db, record) = match find(url, &public_id).await? {
                Ok(x) => x,
                Err(code) => return Ok(code),
            };
            for a in db.activity(record.id).await? {
                let change = match (&a.old_value, &a.new_value) {
                    (None, None) => String::new(),
                    (old, new) => format!(
                        " {} → {}",
                        old.as_deref().unwrap_or("(none)"),
                        new.as_deref().unwrap_or("(none)")
                    ),
                };
                println!(
                    "{}	{}	{}{change}",
                    a.at.format("%Y-%m-%d %H:%M:%S UTC"),
                    a.actor,
                    a.verb
                );
            }
            println!(
                "{}	filed ({})",
                record.create_date.format("%Y-%m-%d %H:%M:%S UTC"),
                record.report.intake_format
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Reroute {
            public_id,
            dry_run,
            actor,
        } => {
            let (db, record) = match find(url, &public_id).await? {
                Ok(x) => x,
                Err(code) => return Ok(code),
            };
            let (section, why) = crt_domain::routing::assign_section(&record.report);
            println!("now:     {}", record.staff.assigned_section);
            println!("routing: {section}\t{why}");
            if section == record.staff.assigned_section {
                println!("already in the section routing gives; nothing to do");
                return Ok(ExitCode::SUCCESS);
            }
            if dry_run {
                println!("dry run: nothing changed");
                return Ok(ExitCode::SUCCESS);
            }
            let Some(change) = crt_domain::service::reroute_change(
                &record,
                Some(format!("Rerouted by crt-admin: {why}")),
            ) else {
                return Ok(ExitCode::SUCCESS);
            };
            crt_domain::service::change_report(
                &db,
                record.id,
                record.version,
                &change,
                &actor,
                chrono::Utc::now(),
            )
            .await?;
            println!("moved to {section}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { public_id, json } => {
            let id = match PublicId::parse(&public_id) {
                Ok(id) => id,
                Err(e) => {
                    eprintln!("error: {public_id:?}: {e}");
                    return Ok(ExitCode::from(2));
                }
            };
            let db = super::open(url).await?;
            let record = match db.get_by_public_id(&id).await {
                Ok(r) => r,
                Err(RepositoryError::NotFound) => {
                    eprintln!("error: no report with record number {id}");
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(e.into()),
            };
            let flat = FlatReport::from(&record);
            if json {
                println!("{}", serde_json::to_string_pretty(&flat)?);
            } else {
                let value = serde_json::to_value(&flat)?;
                if let Some(map) = value.as_object() {
                    for (k, v) in map {
                        let shown = match v {
                            serde_json::Value::Null => String::new(),
                            serde_json::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        println!("{k}: {shown}");
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

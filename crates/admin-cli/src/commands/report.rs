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
    /// Print one report.
    Show {
        /// The record number, e.g. 4711-KTR.
        public_id: String,
        /// Print JSON (field names as in the form and the database).
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(url: &str, cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
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

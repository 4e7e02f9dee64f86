//! `crt-admin migrate [--status]`.

use std::process::ExitCode;

use crt_persistence::Db;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// List applied and pending migrations instead of applying them.
    #[arg(long)]
    status: bool,
}

pub async fn run(url: &str, args: Args) -> anyhow::Result<ExitCode> {
    let db = Db::connect_unmigrated(url).await?;
    let before = db.migration_status().await?;
    if args.status {
        for m in &before {
            println!(
                "{}\t{}",
                if m.applied { "applied" } else { "pending" },
                m.name
            );
        }
        let pending = before.iter().filter(|m| !m.applied).count();
        println!(
            "{} applied, {pending} pending ({})",
            before.len() - pending,
            db.backend_name()
        );
        return Ok(ExitCode::SUCCESS);
    }
    db.migrate().await?;
    let applied: Vec<_> = before.iter().filter(|m| !m.applied).collect();
    if applied.is_empty() {
        println!("Nothing to do: every migration is applied.");
    }
    for m in applied {
        println!("applied\t{}", m.name);
    }
    Ok(ExitCode::SUCCESS)
}

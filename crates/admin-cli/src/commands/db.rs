//! `crt-admin db …`: moving the portal's data between databases.
//!
//! - `export --out FILE`: every table, streamed, as versioned JSON lines with
//!   the migration level (`-` writes to standard output).
//! - `import --in FILE`: into an empty database (migrated to the same level
//!   on connect), in one transaction; PostgreSQL sequences are moved past
//!   the imported ids.
//! - `verify --against URL`: row counts and checksums of every table in
//!   DATABASE_URL and in URL; exit status 1 when they differ.
//!
//! SQLite → PostgreSQL, PostgreSQL → PostgreSQL and back
//! (docs/database-upgrade.md).

use std::{
    fs::File,
    io::{BufReader, BufWriter, Write},
    process::ExitCode,
};

use anyhow::Context as _;
use crt_persistence::{Db, TableSummary};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Write every table to a file (versioned JSON lines).
    Export {
        /// The file to write (`-` for standard output).
        #[arg(long)]
        out: String,
    },
    /// Load an export into this (empty) database.
    Import {
        /// The export file.
        #[arg(long = "in")]
        input: String,
    },
    /// Compare this database with another, table by table.
    Verify {
        /// The other database's URL.
        #[arg(long)]
        against: String,
    },
}

pub async fn run(url: &str, cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Export { out } => {
            let db = super::open(url).await?;
            let mut progress =
                |s: &TableSummary| eprintln!("exported {}\t{} rows", s.table, s.rows);
            let summaries = if out == "-" {
                let stdout = std::io::stdout();
                let mut w = BufWriter::new(stdout.lock());
                db.export_to(&mut w, &mut progress).await?
            } else {
                let file = File::create(&out).with_context(|| format!("cannot create {out}"))?;
                let mut w = BufWriter::new(file);
                let s = db.export_to(&mut w, &mut progress).await?;
                w.flush()?;
                w.get_ref().sync_all()?;
                s
            };
            let rows: u64 = summaries.iter().map(|s| s.rows).sum();
            eprintln!("export complete: {} tables, {rows} rows", summaries.len());
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { input } => {
            let file = File::open(&input).with_context(|| format!("cannot open {input}"))?;
            let db = super::open(url).await?;
            let mut progress = |t: &str, n: u64| eprintln!("imported {t}\t{n} rows");
            let summaries = db
                .import_from(&mut BufReader::new(file), &mut progress)
                .await?;
            let rows: u64 = summaries.iter().map(|s| s.rows).sum();
            eprintln!(
                "import complete: {rows} rows; check it with crt-admin db verify --against SOURCE_URL"
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { against } => {
            // Neither database is migrated or changed by looking at it.
            let here = Db::connect_unmigrated(url)
                .await
                .map_err(|e| anyhow::anyhow!("DATABASE_URL: {e}"))?;
            let there = Db::connect_unmigrated(&against)
                .await
                .map_err(|e| anyhow::anyhow!("--against: {e}"))?;
            let (la, lb) = (
                here.migration_level().await?,
                there.migration_level().await?,
            );
            if la != lb {
                println!(
                    "the databases are at different migration levels ({} here, {} there): run crt-admin migrate on both",
                    la.last().map_or("none", String::as_str),
                    lb.last().map_or("none", String::as_str)
                );
                return Ok(ExitCode::FAILURE);
            }
            let (a, b) = (
                here.table_summaries().await?,
                there.table_summaries().await?,
            );
            let mut same = true;
            println!("table\tthis database\tthe other\tresult");
            for (x, y) in a.iter().zip(&b) {
                let ok = x == y;
                same &= ok;
                println!(
                    "{}\t{} rows {}\t{} rows {}\t{}",
                    x.table,
                    x.rows,
                    &x.checksum[..12],
                    y.rows,
                    &y.checksum[..12],
                    if ok { "same" } else { "DIFFERENT" }
                );
            }
            if same {
                println!("every table is the same");
                Ok(ExitCode::SUCCESS)
            } else {
                println!("the databases differ");
                Ok(ExitCode::FAILURE)
            }
        }
    }
}

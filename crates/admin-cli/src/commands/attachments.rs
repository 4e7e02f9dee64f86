//! `crt-admin attachments …`: checks that every attachment's bytes are in
//! storage and unchanged (size and SHA-256), for operators after a storage
//! move or a restore, or as a periodic task.

use std::process::ExitCode;

use crt_domain::ports::AttachmentRepository;
use futures::StreamExt;
use sha2::{Digest, Sha256};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Read every stored attachment (removed ones too: they are kept) and
    /// compare its size and SHA-256 with the database; exit 1 on any
    /// missing or changed file.
    Verify,
}

pub async fn run(url: &str, cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Verify => verify(url).await,
    }
}

async fn verify(url: &str) -> anyhow::Result<ExitCode> {
    let settings = crt_web::Settings::from_env().map_err(|e| anyhow::anyhow!("{e}"))?;
    let (store, _scanner) = crt_web::compose::attachment_adapters(&settings)
        .map_err(|e| anyhow::anyhow!("attachments: {e}"))?;
    let db = super::open(url).await?;
    let all = db.all_attachments().await?;
    println!(
        "checking {} attachment(s) in {}",
        all.len(),
        store.describe()
    );
    let mut bad = 0usize;
    for a in &all {
        let problem = match store.get(&a.object_key).await {
            Err(e) => Some(e.to_string()),
            Ok(mut bytes) => {
                let mut hash = Sha256::new();
                let mut size = 0u64;
                let mut failed = None;
                while let Some(chunk) = bytes.next().await {
                    match chunk {
                        Ok(c) => {
                            size += c.len() as u64;
                            hash.update(&c);
                        }
                        Err(e) => {
                            failed = Some(e.to_string());
                            break;
                        }
                    }
                }
                let sha = hex::encode(hash.finalize());
                failed.or_else(|| {
                    (size != a.size || sha != a.sha256).then(|| {
                        format!(
                            "changed: {size} bytes, SHA-256 {sha} (recorded {} bytes, {})",
                            a.size, a.sha256
                        )
                    })
                })
            }
        };
        if let Some(p) = problem {
            bad += 1;
            println!(
                "PROBLEM attachment {} ({}) of report {}: {p}",
                a.id.0, a.file_name, a.report_id.0
            );
        }
    }
    if bad == 0 {
        println!("every attachment is in storage and unchanged");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("{bad} attachment(s) missing or changed");
        Ok(ExitCode::FAILURE)
    }
}

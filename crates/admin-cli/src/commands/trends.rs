//! `crt-admin refresh-trends`: recomputes the staff trends page (the old
//! `refresh_trends` management command). Idempotent; run it daily from cron
//! or as a Cloud Foundry task.

use std::process::ExitCode;

use chrono::Utc;
use crt_domain::trends::{Window, compute};

pub async fn refresh(url: &str) -> anyhow::Result<ExitCode> {
    let db = super::open(url).await?;
    let now = Utc::now();
    // The widest window decides what to read.
    let from = Window::ALL
        .iter()
        .map(|w| w.range(now).0)
        .min()
        .unwrap_or(now);
    let reports = db.descriptions_since(from).await?;
    let trends = compute(&reports, now);
    db.replace_trends(&trends, now).await?;
    println!("refreshed trends from {} report(s)", reports.len());
    for (w, words) in &trends {
        let list: Vec<String> = words
            .iter()
            .map(|(word, n)| format!("{word} ({n})"))
            .collect();
        println!(
            "{}: {}",
            w.label(),
            if list.is_empty() {
                "no reports".into()
            } else {
                list.join(", ")
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

//! Periodic clean-up tasks: expired wizard drafts and the public limits'
//! old counters, expired staff sessions and old failed sign-in records. Idempotent: running twice deletes nothing
//! the second time. Run them from cron or as one-off Cloud Foundry tasks
//! (docs/periodic-tasks.md).

use std::process::ExitCode;

use chrono::{Duration, Utc};
use crt_domain::ports::{DraftRepository, RateLimitRepository, StaffSessionRepository};

/// `crt-admin drafts purge`
pub async fn drafts(url: &str) -> anyhow::Result<ExitCode> {
    let db = super::open(url).await?;
    let now = Utc::now();
    let n = db.purge_expired_drafts(now).await?;
    // The longest limit counts over a day (auto-responses per recipient).
    let counters = db.purge_events(now - Duration::days(1)).await?;
    println!(
        "deleted {n} expired draft(s) and {counters} public-limit counter(s) older than a day"
    );
    Ok(ExitCode::SUCCESS)
}

/// `crt-admin sessions purge`
pub async fn sessions(url: &str) -> anyhow::Result<ExitCode> {
    let db = super::open(url).await?;
    let now = Utc::now();
    // Failed sign-ins only matter for the 15-minute throttling window; keep a day for the record.
    let (sessions, attempts) = db
        .purge_expired_sessions(now, now - Duration::days(1))
        .await?;
    let flows = crt_domain::ports::SsoFlowRepository::purge_expired_flows(&db, now).await?;
    println!(
        "deleted {sessions} expired session(s) and {attempts} old failed sign-in record(s); {flows} unfinished single sign-on(s)"
    );
    Ok(ExitCode::SUCCESS)
}

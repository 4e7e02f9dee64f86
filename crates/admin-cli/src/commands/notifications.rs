//! `crt-admin notifications send`: one pass of staff notifications, the
//! same as the portal's worker runs every `NOTIFICATIONS_INTERVAL`
//! (docs/notifications.md). Safe to run on any number of instances at
//! once: each notice is queued exactly once.

use std::{process::ExitCode, sync::Arc, time::Instant};

use anyhow::anyhow;
use crt_domain::{
    ports::SystemClock,
    service::{AutomaticActions, Notifications},
};
use crt_settings::Settings;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Apply the shared saved searches' automatic actions to their new
    /// reports, then queue every "Assigned to you" e-mail and every digest
    /// that is due, each exactly once; the outbox sends them (`crt-admin
    /// mail send` or the portal's worker).
    Send,
}

pub async fn run(url: &str, cmd: Command) -> anyhow::Result<ExitCode> {
    let Command::Send = cmd;
    let settings = Settings::from_env().map_err(|e| anyhow!("settings: {e}"))?;
    let db = Arc::new(super::open(url).await?);
    let actions = AutomaticActions {
        searches: db.clone(),
        reports: db.clone(),
        places: db.clone(),
        clock: Arc::new(SystemClock),
    };
    // A failure of the actions does not keep the notices back.
    let acted = actions.run().await;
    match &acted {
        Ok(a) => println!(
            "Automatic actions: {} report(s) changed, {} left alone on litigation hold, {} needing nothing, {} failed (changed meanwhile); \
             {} search(es) that no longer read, {} whose owner can no longer sign in, {} taken by another runner.",
            a.changed,
            a.on_hold,
            a.not_needed,
            a.failed,
            a.unreadable,
            a.owner_gone,
            a.taken_by_another
        ),
        Err(e) => eprintln!("error: automatic actions: {e}"),
    }
    let service = Notifications {
        repo: db.clone(),
        reports: db.clone(),
        counts: db,
        renderer: Arc::new(crt_mail::notices::Notices::new(&settings.site_url)?),
        clock: Arc::new(SystemClock),
        day_starts: settings.notifications.day_starts_utc,
    };
    let started = Instant::now();
    let s = service.send().await?;
    println!(
        "Notifications queued in {:.2} s: {} \"Assigned to you\" e-mail(s) ({} assignment(s) nobody is told of), \
         {} digest(s) ({} waiting for their day, week or number; {} of a search the person can no longer open); \
         {} batch(es) handled by another sender.",
        started.elapsed().as_secs_f64(),
        s.assigned,
        s.assigned_passed,
        s.digests,
        s.digests_waiting,
        s.digests_unreadable,
        s.taken_by_another
    );
    Ok(if acted.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

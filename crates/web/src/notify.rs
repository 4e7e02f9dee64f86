//! The portal's notifications pass: every `NOTIFICATIONS_INTERVAL` seconds
//! the shared saved searches' automatic actions, then the same
//! [`Notifications::send`](crt_domain::service::Notifications) as
//! `crt-admin notifications send`. Any number of instances may run it:
//! each notice is queued once (docs/notifications.md).

use std::time::Duration;

use crate::AppState;

/// Starts the pass, unless `NOTIFICATIONS_INTERVAL` is 0.
pub fn spawn(
    state: &AppState,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> Option<tokio::task::JoinHandle<()>> {
    let every = state.settings.notifications.interval_seconds;
    if every == 0 {
        tracing::info!("NOTIFICATIONS_INTERVAL is 0: this instance sends no staff notifications");
        return None;
    }
    let service = state.services.notifications.clone();
    let actions = state.services.actions.clone();
    let wake = state.mail.wake.clone();
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(every));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.changed() => return,
            }
            // Actions first: a report they close or move is then told of
            // as it is.
            match actions.run().await {
                Ok(a) if a.changed + a.failed > 0 => tracing::info!(
                    changed = a.changed,
                    on_hold = a.on_hold,
                    failed = a.failed,
                    "saved searches' automatic actions applied"
                ),
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "automatic actions: the pass failed; the next one tries again")
                }
            }
            match service.send().await {
                Ok(s) if s.assigned + s.digests > 0 => {
                    tracing::info!(
                        assigned = s.assigned,
                        digests = s.digests,
                        "staff notifications queued"
                    );
                    wake.notify_one();
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "staff notifications: the pass failed; the next one tries again")
                }
            }
        }
    }))
}

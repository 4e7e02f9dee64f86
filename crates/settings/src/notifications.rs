//! `NOTIFICATIONS_*`: when staff notifications go (docs/notifications.md).

use crate::{
    SettingsError,
    env::{Lookup, parse_trimmed},
};

/// When the worker sends notifications, and when a digest's day starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotificationSettings {
    /// `NOTIFICATIONS_INTERVAL`: seconds between the server's passes over
    /// automatic actions and notifications; 0: none (`crt-admin
    /// notifications send` still does both).
    pub interval_seconds: u64,
    /// `NOTIFICATIONS_DAY_STARTS_UTC`: the hour (0–23, UTC) daily digests
    /// go and weekly ones go on Mondays.
    pub day_starts_utc: u32,
}

pub(crate) fn read(lookup: &Lookup<'_>) -> Result<NotificationSettings, SettingsError> {
    Ok(NotificationSettings {
        interval_seconds: lookup.required_var("NOTIFICATIONS_INTERVAL", |v| {
            parse_trimmed::<u64>(v, || format!("{v:?} is not a number of seconds (0: off)"))
        })?,
        day_starts_utc: lookup.required_var("NOTIFICATIONS_DAY_STARTS_UTC", |v| {
            parse_trimmed::<u32>(v, || format!("{v:?} is not an hour from 0 to 23")).and_then(|h| {
                if h < 24 {
                    Ok(h)
                } else {
                    Err(format!("{v:?} is not an hour from 0 to 23"))
                }
            })
        })?,
    })
}

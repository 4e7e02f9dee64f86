//! Limits on what the public can make the portal do: reports filed and
//! drafts started per client address, auto-responses sent per recipient.
//! They are counted in the database, so they hold across every instance;
//! an IPv6 address counts by its /64, and an address that cannot be read
//! is not limited (it is never one bucket everybody shares).

use std::{net::IpAddr, sync::Arc};

use chrono::Duration;
use sha2::{Digest, Sha256};

use super::address_bucket;
use crate::ports::{Clock, RateLimitRepository, RepositoryError};

/// How much the public may do (0 turns a limit off).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicLimits {
    /// Reports filed from one address per hour (`PUBLIC_SUBMIT_LIMIT`).
    pub reports_per_hour: u64,
    /// Drafts started from one address per hour (`PUBLIC_DRAFT_LIMIT`).
    pub drafts_per_hour: u64,
    /// Auto-responses to one e-mail address per day (`AUTO_RESPONSE_LIMIT`);
    /// over it the report is filed and only the mail is skipped.
    pub auto_responses_per_day: u64,
}

impl Default for PublicLimits {
    /// 20 reports and 60 drafts an hour from one address (a library or a
    /// legal clinic helping many people stays well under), 3 auto-responses
    /// a day to one address.
    fn default() -> Self {
        Self {
            reports_per_hour: 20,
            drafts_per_hour: 60,
            auto_responses_per_day: 3,
        }
    }
}

impl PublicLimits {
    /// No limits (tests of other rules, seeding).
    pub fn off() -> Self {
        Self {
            reports_per_hour: 0,
            drafts_per_hour: 0,
            auto_responses_per_day: 0,
        }
    }
}

/// Which limit a request reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Too many reports filed from this network in the last hour.
    ReportsFromAddress,
    /// Too many reports started from this network in the last hour.
    DraftsFromAddress,
}

impl Limit {
    /// The window the limit counts over.
    pub fn window(self) -> Duration {
        Duration::hours(1)
    }
}

/// Counts events against the limits.
#[derive(Clone)]
pub struct RateLimits {
    /// Where the counts are kept.
    pub events: Arc<dyn RateLimitRepository>,
    /// The limits.
    pub limits: PublicLimits,
    /// The time.
    pub clock: Arc<dyn Clock>,
}

impl RateLimits {
    /// Counts one event under `bucket` if fewer than `max` happened in
    /// `window`; a refused event is not counted (trying again later works
    /// as soon as older events leave the window). `max == 0`: no limit.
    /// `None`: refused.
    async fn allow(
        &self,
        bucket: &str,
        max: u64,
        window: Duration,
    ) -> Result<Option<Permit>, RepositoryError> {
        if max == 0 {
            return Ok(Some(Permit(None)));
        }
        let now = self.clock.now();
        let (id, n) = self.events.count_event(bucket, now, now - window).await?;
        if n > max {
            self.events.forget_event(id).await?;
            return Ok(None);
        }
        Ok(Some(Permit(Some(id))))
    }

    /// Uncounts an event whose action did not happen after all (the
    /// filing failed, or another click filed the report), so it does not
    /// count against the person. Best effort: a failure leaves it counted.
    pub async fn give_back(&self, permit: Permit) {
        if let Some(id) = permit.0 {
            let _ = self.events.forget_event(id).await;
        }
    }

    /// Counts a report filed, or a draft started, from `address`; `None`
    /// when the limit is reached. An unknown address is not limited.
    ///
    /// Errors: the counters could not be read or written.
    pub async fn allow_from(
        &self,
        limit: Limit,
        address: Option<IpAddr>,
    ) -> Result<Option<Permit>, RepositoryError> {
        let Some(ip) = address else {
            return Ok(Some(Permit(None)));
        };
        let (kind, max) = match limit {
            Limit::ReportsFromAddress => ("report", self.limits.reports_per_hour),
            Limit::DraftsFromAddress => ("draft", self.limits.drafts_per_hour),
        };
        self.allow(
            &format!("{kind}:{}", address_bucket(ip)),
            max,
            limit.window(),
        )
        .await
    }

    /// Counts an auto-response to `recipient`; `None` when the day's limit
    /// is reached. The address is counted case-insensitively and without a
    /// `+tag` (`ana+1@…` and `ana+2@…` reach one inbox), by a hash.
    ///
    /// Errors: the counters could not be read or written.
    pub async fn allow_auto_response(
        &self,
        recipient: &str,
    ) -> Result<Option<Permit>, RepositoryError> {
        self.allow(
            &format!("auto:{}", recipient_key(recipient)),
            self.limits.auto_responses_per_day,
            Duration::days(1),
        )
        .await
    }
}

/// One counted event, to give back if its action did not happen.
#[derive(Debug)]
#[must_use = "give it back if the action does not happen"]
pub struct Permit(Option<i64>);

/// The hash a recipient is counted under: lower case, `+tag` dropped.
fn recipient_key(recipient: &str) -> String {
    let lower = recipient.trim().to_lowercase();
    let normal = match lower.rsplit_once('@') {
        Some((local, domain)) => {
            let base = local.split('+').next().unwrap_or(local);
            format!("{base}@{domain}")
        }
        None => lower,
    };
    hex::encode(Sha256::digest(normal.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::recipient_key;

    #[test]
    fn one_inbox_is_one_recipient() {
        let ana = recipient_key("ana@example.org");
        assert_eq!(recipient_key(" ANA@Example.org "), ana);
        assert_eq!(recipient_key("ana+report2@example.org"), ana);
        assert_ne!(recipient_key("ana@example.com"), ana);
        assert_ne!(recipient_key("bo@example.org"), ana);
        assert_ne!(ana, "ana@example.org", "stored as a hash");
    }
}

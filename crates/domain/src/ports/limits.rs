//! The counters behind the public form's limits, kept in the database so
//! they hold across every instance.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::RepositoryError;

/// Events counted per bucket (a client address, a recipient's hash) over a
/// sliding window.
#[async_trait]
pub trait RateLimitRepository: Send + Sync {
    /// Records one event under `bucket` at `now` and returns its id and
    /// how many are recorded under it since `since`, this one included.
    /// Recording before counting means concurrent requests cannot all slip
    /// under a limit.
    ///
    /// Errors: `Backend`.
    async fn count_event(
        &self,
        bucket: &str,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> Result<(i64, u64), RepositoryError>;

    /// Removes the event with this id (one that was refused, so it does not
    /// count against the next try).
    ///
    /// Errors: `Backend`.
    async fn forget_event(&self, id: i64) -> Result<(), RepositoryError>;

    /// Deletes events older than `before`; returns how many.
    ///
    /// Errors: `Backend`.
    async fn purge_events(&self, before: DateTime<Utc>) -> Result<u64, RepositoryError>;
}

/// A check that a person, not a script, is filling in the form (Cloudflare
/// Turnstile or a service with the same verification API).
#[async_trait]
pub trait HumanCheck: Send + Sync {
    /// Whether the challenge `response` the browser posted is valid, asked
    /// of the verifier with the client's address when known.
    ///
    /// Errors: the verifier could not be reached or answered nonsense
    /// (the message says which).
    async fn verify(
        &self,
        response: &str,
        address: Option<std::net::IpAddr>,
    ) -> Result<bool, String>;
}

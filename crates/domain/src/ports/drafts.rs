//! The wizard drafts' port.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{NewOutboxEmail, RepositoryError};
use crate::{
    report::{Report, ReportRecord, StaffFields},
    values::PublicId,
};

/// Why a draft operation failed.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// The draft changed since it was read (another tab, a double click).
    #[error("the draft was changed elsewhere")]
    Conflict,
    /// The draft was already submitted: here is its report's public id.
    #[error("already submitted as {0}")]
    AlreadySubmitted(PublicId),
    /// Storing failed.
    #[error(transparent)]
    Repository(#[from] RepositoryError),
}

impl DraftError {
    /// Whether the drafts' database is out of reach for the moment.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, Self::Repository(RepositoryError::Unavailable(_)))
    }
}

/// Wizard drafts, kept server-side so any instance can continue them.
#[async_trait]
pub trait DraftRepository: Send + Sync {
    /// The live draft of this session (`None` if there is none or it
    /// expired).
    ///
    /// Errors: `Repository(Corrupt)` if its answers cannot be read;
    /// `Repository(Backend)`.
    async fn load_draft(
        &self,
        session_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<crate::draft::Draft>, DraftError>;

    /// Saves the draft if it is still at `draft.version` (a new draft has
    /// version 0) and returns the new version; it expires `ttl` after now.
    ///
    /// Errors: `Conflict` if it changed meanwhile; `Repository(Backend)`.
    async fn save_draft(
        &self,
        session_key: &str,
        draft: &crate::draft::Draft,
        now: DateTime<Utc>,
        ttl: chrono::Duration,
    ) -> Result<i32, DraftError>;

    /// Files the draft as a report in one transaction: the report, its
    /// protected classes, its outbox e-mail (if any), and the draft marked
    /// submitted with its answers cleared, expiring at `rekey.old_expires`,
    /// and a filed draft under `rekey.to` (unless it is the same key).
    /// Only one of several concurrent submissions of the same draft files
    /// a report.
    ///
    /// Errors: `AlreadySubmitted` (with the public id) if it was;
    /// `Conflict` if the draft changed; `Repository(Invalid)` for an unknown
    /// protected class; `Repository(Backend)`.
    #[allow(clippy::too_many_arguments)] // one transaction's worth of inputs, each named
    async fn submit_draft(
        &self,
        session_key: &str,
        expected_version: i32,
        rekey: &crate::draft::Rekey,
        report: &Report,
        staff: &StaffFields,
        email: Option<NewOutboxEmail>,
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, DraftError>;

    /// Deletes drafts that expired before `now`; returns how many.
    ///
    /// Errors: `Repository(Backend)`.
    async fn purge_expired_drafts(&self, now: DateTime<Utc>) -> Result<u64, DraftError>;
}

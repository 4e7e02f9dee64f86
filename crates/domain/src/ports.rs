//! Ports: what the domain needs from the world, as traits. Adapters
//! (`crt-persistence`, `crt-mail`) implement them; composition roots
//! (`crt-web`, `crt-admin`) wire them.
//!
//! The reports' port and its query types, the drafts' port, the staff
//! accounts' and sessions' ports and the clock each have their own file;
//! the errors every adapter maps to, the outbox e-mail a filing queues and
//! the catalog's port are here.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::protected_class::ProtectedClassCatalog;

mod accounts;
mod attachments;
mod clock;
mod drafts;
mod limits;
mod notifications;
mod report_filters;
mod reports;
mod retention;
mod saved_searches;
mod sso;
mod tokens;
mod triage;

pub use accounts::{StaffSessionRepository, UserRepository};
pub use attachments::{
    AttachmentRepository, AttachmentStore, ByteStream, NewAttachment, ScanError, StoreError,
    Verdict, VirusScanner,
};
pub use clock::{Clock, FixedClock, SystemClock};
pub use drafts::{DraftError, DraftRepository};
pub use limits::{HumanCheck, RateLimitRepository};
pub use notifications::{
    AssignmentBatch, DigestChoice, DigestStep, NotificationChoices, NotificationRepository,
    Subscription,
};
pub use reports::{
    AssigneeFilter, DecideUpdate, Direction, EXACT_COUNT_UP_TO, EXACT_TEXT_COUNT_UP_TO, Page,
    ReportFilters, ReportQuery, ReportRepository, SortField, StaffUpdate, Total, UpdateOutcome,
    UpdateTarget, group_thousands, keyset_sortable,
};
pub use retention::{DecideBatch, Disposed, RetentionRepository};
pub use saved_searches::SavedSearchRepository;
pub use sso::{
    AuthorizationRequest, Identity, IdentityProvider, ProviderError, SsoFlow, SsoFlowRepository,
};
pub use tokens::{ApiTokenInfo, ApiTokenRepository, NewApiToken};
pub use triage::{COUNTS_UP_TO, GroupBy, Refreshed, TriageRepository};

/// What can go wrong in a repository.
#[derive(Debug, thiserror::Error)]
pub enum RepositoryError {
    /// No row with that id.
    #[error("not found")]
    NotFound,
    /// A unique value is taken (the message names it).
    #[error("duplicate: {0}")]
    Duplicate(String),
    /// Someone else changed the report since it was read.
    #[error("the report was changed by someone else (now at version {current_version})")]
    Conflict {
        /// The version stored now.
        current_version: i32,
    },
    /// The input refers to something that does not exist (e.g. an unknown
    /// protected-class value).
    #[error("invalid: {0}")]
    Invalid(String),
    /// Stored data cannot be read back into domain types.
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
    /// The database cannot be reached or cannot take the write just now
    /// (connection lost or refused, every pooled connection busy past the
    /// wait, disk full): the same request may succeed in a minute.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// The database failed.
    #[error("database error: {0}")]
    Backend(String),
}

/// An e-mail to queue in the outbox with the action that causes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewOutboxEmail {
    /// Recipient.
    pub recipient: crate::values::Email,
    /// auto, manual or internal.
    pub purpose: String,
    /// The letter template's name (e.g. "autoresponse").
    pub template: String,
}

/// Reads the protected-class catalog.
#[async_trait]
pub trait ProtectedClassRepository: Send + Sync {
    /// Every option, active and retired, checked as a catalog.
    ///
    /// Errors: `Corrupt` if the stored rows break a catalog invariant;
    /// `Backend`.
    async fn catalog(&self) -> Result<ProtectedClassCatalog, RepositoryError>;
}

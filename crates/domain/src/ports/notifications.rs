//! Where notifications' state is kept: each person's choices, how far the
//! sender has read the activity log, and each digest's place.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::RepositoryError;
use crate::{
    notifications::{Assignment, Frequency, NoticeMail, Recipient},
    saved_search::SavedSearch,
};

/// "Assigned to:" entries after the sender's place in the activity log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssignmentBatch {
    /// The place they follow (the last entry already handled).
    pub after: i64,
    /// The last entry read (assignments or not): the next place.
    pub up_to: i64,
    /// The assignments among them, oldest first.
    pub assignments: Vec<Assignment>,
}

/// A person's digest of a saved search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    /// Row id.
    pub id: i64,
    /// The search.
    pub search: SavedSearch,
    /// Whose.
    pub username: String,
    /// How often.
    pub frequency: Frequency,
    /// The newest report already told about (or passed over).
    pub last_report_id: i64,
    /// The day or week of the last daily or weekly digest.
    pub last_period: Option<String>,
    /// When the last digest was queued.
    pub last_sent_at: Option<DateTime<Utc>>,
}

/// Where a digest's subscription moves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestStep {
    /// The place it is at (the move is refused if another sender moved it).
    pub from_report_id: i64,
    /// The newest report this digest covers.
    pub to_report_id: i64,
    /// The period it was sent in (daily and weekly), or the last one kept.
    pub period: Option<String>,
}

/// One search's digest as chosen: its id, and its frequency with the day
/// or week it starts in (`None`: no digest).
pub type DigestChoice = (i64, Option<(Frequency, Option<String>)>);

/// A person's notification choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotificationChoices {
    /// The "Assigned to you" e-mail.
    pub assigned: bool,
    /// Their digests, by saved search id.
    pub digests: Vec<(i64, Frequency)>,
}

/// Notifications' storage.
#[async_trait]
pub trait NotificationRepository: Send + Sync {
    /// These people, as the sender sees them (unknown names are left out).
    ///
    /// Errors: `Backend`.
    async fn recipients(&self, usernames: &[String]) -> Result<Vec<Recipient>, RepositoryError>;

    /// Up to `limit` assignments after the sender's place among the
    /// entries written before `before` (an entry of a transaction still
    /// being committed is never passed over). The first call of a new
    /// database sets the place at the log's end (nothing before it is
    /// announced) and returns an empty batch.
    ///
    /// Errors: `Corrupt`; `Backend`.
    async fn assignments(
        &self,
        limit: u64,
        before: DateTime<Utc>,
    ) -> Result<AssignmentBatch, RepositoryError>;

    /// In one transaction: moves the sender's place from `after` to
    /// `up_to` and queues `mails`. `false` (and nothing queued) when the
    /// place was no longer `after`: another sender took that batch. A mail
    /// whose key is already in the outbox is not queued again.
    ///
    /// Errors: `Backend`.
    async fn queue_assignment_notices(
        &self,
        after: i64,
        up_to: i64,
        mails: &[NoticeMail],
        now: DateTime<Utc>,
    ) -> Result<bool, RepositoryError>;

    /// The id of the newest report received before `before` (0 when none):
    /// a digest covers reports up to it, so one still being stored is not
    /// passed over.
    ///
    /// Errors: `Backend`.
    async fn settled_report_id(&self, before: DateTime<Utc>) -> Result<i64, RepositoryError>;

    /// Every digest subscription, with its search.
    ///
    /// Errors: `Corrupt`; `Backend`.
    async fn subscriptions(&self) -> Result<Vec<Subscription>, RepositoryError>;

    /// In one transaction: moves subscription `id` along `step` and queues
    /// `mail` (none: passed over). `false` (and nothing queued) when
    /// another sender moved it first.
    ///
    /// Errors: `Backend`.
    async fn advance_digest(
        &self,
        id: i64,
        step: &DigestStep,
        mail: Option<&NoticeMail>,
        now: DateTime<Utc>,
    ) -> Result<bool, RepositoryError>;

    /// A person's choices.
    ///
    /// Errors: `NotFound` for an unknown user; `Corrupt`; `Backend`.
    async fn notification_choices(
        &self,
        username: &str,
    ) -> Result<NotificationChoices, RepositoryError>;

    /// Stores a person's choices: the "Assigned to you" e-mail, and each
    /// listed search's digest (`None`: none), with the day or week it
    /// starts in. A new digest starts after report `start_after`; a
    /// changed one keeps its place (and takes the given day or week when
    /// its frequency changes).
    ///
    /// Errors: `NotFound` for an unknown user; `Backend`.
    async fn set_notification_choices(
        &self,
        username: &str,
        assigned: bool,
        digests: &[DigestChoice],
        start_after: i64,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError>;
}

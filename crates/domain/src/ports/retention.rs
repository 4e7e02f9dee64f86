//! The retention schedules' and disposal batches' port.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::RepositoryError;
use crate::{
    report::{ReportId, Section, Status},
    retention::{Batch, BatchError, BatchId, Decision, DefaultSchedule, DueReport, Schedule},
};

/// Decides a reviewer's decision on the batch as stored now (called inside
/// the repository's transaction, with the batch locked).
pub type DecideBatch = dyn Fn(&Batch) -> Result<Decision, BatchError> + Send + Sync;

/// What disposing of one report found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Disposed {
    /// Redacted and tombstoned now; these attachment objects are to be
    /// deleted from storage (recorded, so a failed delete is retried).
    Now,
    /// On litigation hold: skipped, and recorded as such.
    OnHold,
    /// No longer closed: skipped, and recorded as such.
    NotClosed,
    /// No longer past the schedule it follows now: skipped, and recorded.
    NotDue,
    /// Already done (by an earlier or a concurrent run): nothing changed.
    AlreadyDone,
}

/// Retention schedules, defaults, batches and disposal.
#[async_trait]
pub trait RetentionRepository: Send + Sync {
    /// Every schedule, in their order.
    ///
    /// Errors: `Backend`.
    async fn schedules(&self) -> Result<Vec<Schedule>, RepositoryError>;

    /// Creates or replaces a schedule (by code).
    ///
    /// Errors: `Backend`.
    async fn save_schedule(&self, schedule: &Schedule) -> Result<(), RepositoryError>;

    /// Every default schedule.
    ///
    /// Errors: `Backend`.
    async fn default_schedules(&self) -> Result<Vec<DefaultSchedule>, RepositoryError>;

    /// Sets (or, with `None`, removes) the default schedule of a section
    /// and status.
    ///
    /// Errors: `Invalid` for an unknown schedule; `Backend`.
    async fn set_default_schedule(
        &self,
        section: Section,
        status: Status,
        schedule: Option<&str>,
    ) -> Result<(), RepositoryError>;

    /// Closed reports past their schedule (`cutoffs`: reports of a schedule
    /// closed before its moment), not on litigation hold, not disposed of
    /// and in no batch waiting or approved; oldest closed first, at most
    /// `limit`.
    ///
    /// Errors: `Backend`.
    async fn due_reports(
        &self,
        cutoffs: &[(String, DateTime<Utc>)],
        limit: u64,
    ) -> Result<Vec<DueReport>, RepositoryError>;

    /// Stores a proposed batch of these reports (those that joined another
    /// open batch meanwhile are left out); `None` when none is left.
    ///
    /// Errors: `Backend`.
    async fn create_batch(
        &self,
        proposed_by: &str,
        now: DateTime<Utc>,
        dispose_after: DateTime<Utc>,
        reports: &[DueReport],
    ) -> Result<Option<BatchId>, RepositoryError>;

    /// Every batch, newest first, without its reports.
    ///
    /// Errors: `Backend`.
    async fn batches(&self) -> Result<Vec<Batch>, RepositoryError>;

    /// One batch with its reports.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn batch(&self, id: BatchId) -> Result<Batch, RepositoryError>;

    /// Records a reviewer's decision, as `decide` makes it on the batch
    /// locked and read in one transaction (two reviewers at once cannot
    /// both be "the second"); the batch afterwards.
    ///
    /// Errors: `NotFound`; `Backend`. The rule's refusal is the inner error.
    async fn decide_batch(
        &self,
        id: BatchId,
        now: DateTime<Utc>,
        decide: &DecideBatch,
    ) -> Result<Result<Batch, BatchError>, RepositoryError>;

    /// Approved batches whose date has come, with their reports.
    ///
    /// Errors: `Backend`.
    async fn batches_to_dispose(&self, now: DateTime<Utc>) -> Result<Vec<Batch>, RepositoryError>;

    /// Disposes of one report of an approved batch in one transaction:
    /// unless it is on hold, reopened or done already, its personal data,
    /// description, summary and comments are removed, its attachments
    /// marked for deletion, its e-mails emptied, a tombstone written, the
    /// batch's row and an activity entry recorded.
    ///
    /// Errors: `Backend`.
    async fn dispose_report(
        &self,
        batch: BatchId,
        report: ReportId,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Disposed, RepositoryError>;

    /// Marks the batch disposed of when every report in it has an outcome;
    /// whether it did.
    ///
    /// Errors: `Backend`.
    async fn finish_batch(&self, id: BatchId, now: DateTime<Utc>) -> Result<bool, RepositoryError>;

    /// Attachments of disposed reports whose objects are still to be
    /// deleted from storage: (attachment id, object key).
    ///
    /// Errors: `Backend`.
    async fn objects_to_purge(&self) -> Result<Vec<(i64, String)>, RepositoryError>;

    /// Records that an attachment's object was deleted from storage;
    /// whether this call recorded it (false: another run did).
    ///
    /// Errors: `Backend`.
    async fn mark_purged(
        &self,
        attachment: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, RepositoryError>;
}

//! The durable outbox: its mails, the staff letters queued in it, and its
//! port.

use std::{collections::BTreeMap, time::Duration};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Delivery, EmailStatus, WebhookOutcome};
use crate::{choice::choice_enum, report::ReportId, values::Email};

choice_enum! {
    /// Why a mail was sent.
    pub enum EmailPurpose {
        /// The auto-response to a filed report.
        Auto = ("auto", "Auto-response"),
        /// A letter a staff member sent from the report page.
        Manual = ("manual", "Letter from staff"),
        /// A notice to staff.
        Internal = ("internal", "Internal notice"),
    }
}

/// A mail in the outbox, as staff and the worker see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEmail {
    /// Row id.
    pub id: i64,
    /// The report it is about, if any.
    pub report_id: Option<ReportId>,
    /// Recipient address as stored.
    pub recipient: String,
    /// Why it was sent.
    pub purpose: EmailPurpose,
    /// Letter template name (e.g. "autoresponse").
    pub template: String,
    /// Rendered subject (the auto-response is rendered when first sent).
    pub subject: Option<String>,
    /// Rendered HTML body.
    pub body: Option<String>,
    /// Where it is.
    pub status: EmailStatus,
    /// Attempts so far (claims, including interrupted ones).
    pub attempts: i32,
    /// Attempts that were claimed but never recorded (a crash): the mail may
    /// have gone out more than once.
    pub interrupted: i32,
    /// The last error, or why it was skipped.
    pub error_message: Option<String>,
    /// The TMS message id of the last accepted send.
    pub tms_id: Option<String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it is next due (while `new`).
    pub next_attempt_at: DateTime<Utc>,
    /// When it reached a final status (or TMS's completed_at).
    pub completed_at: Option<DateTime<Utc>>,
}

/// A rendered letter to queue from the staff view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLetter {
    /// Recipient (the report's contact address).
    pub recipient: Email,
    /// Template name.
    pub template: String,
    /// Template title, for the activity entry.
    pub title: String,
    /// Rendered subject.
    pub subject: String,
    /// Rendered HTML body.
    pub body: String,
    /// The key of the form it was sent from: a second send with the same
    /// key (a double click) is refused as a duplicate.
    pub request_key: Option<String>,
}

/// The start of the message of a mail that ran out of retries.
pub const GAVE_UP: &str = "gave up after";

/// Which failed mails to put back in the queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequeueScope {
    /// Those that ran out of retries (an outage), not those refused.
    OutOfRetries,
    /// Every failed mail, refusals included.
    AllFailed,
    /// This one.
    One(i64),
}

/// Counts of outbox rows by status.
pub type OutboxCounts = BTreeMap<String, u64>;

/// The durable outbox.
#[async_trait]
pub trait OutboxRepository: Send + Sync {
    /// Claims up to `limit` mails that are due (`new`, `next_attempt_at`
    /// passed): counts an attempt, marks them claimed, and pushes their next
    /// attempt `lease` ahead, so that if the worker dies before recording a
    /// result they are claimed again after the lease (at least once). A
    /// claim of a mail whose previous claim was never recorded counts it in
    /// `interrupted`. Concurrent workers never claim the same row (PostgreSQL:
    /// `FOR UPDATE SKIP LOCKED`; SQLite: one writer at a time).
    ///
    /// Errors: `Corrupt` for an unreadable row; `Backend`.
    async fn claim_due(
        &self,
        now: DateTime<Utc>,
        limit: u64,
        lease: Duration,
    ) -> Result<Vec<OutboxEmail>, crate::ports::RepositoryError>;

    /// Stores the subject and body a mail was rendered with.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn save_rendered(
        &self,
        id: i64,
        subject: &str,
        body: &str,
    ) -> Result<(), crate::ports::RepositoryError>;

    /// Records that a provider took the mail.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn record_delivery(
        &self,
        id: i64,
        delivery: &Delivery,
        now: DateTime<Utc>,
    ) -> Result<(), crate::ports::RepositoryError>;

    /// Records a failed attempt: retried at `retry_at`, or failed for good
    /// when `None`.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn record_failure(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), crate::ports::RepositoryError>;

    /// Records that the mail was not sent because of the recipient policy.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn record_skip(
        &self,
        id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), crate::ports::RepositoryError>;

    /// Applies a TMS delivery callback to the mail with this TMS id, never
    /// moving it backwards (see [`webhook_transition`](super::webhook_transition)).
    ///
    /// Errors: `NotFound` for an unknown TMS id; `Backend`.
    async fn apply_webhook(
        &self,
        tms_id: &str,
        status: EmailStatus,
        completed_at: Option<DateTime<Utc>>,
        error_message: Option<&str>,
    ) -> Result<WebhookOutcome, crate::ports::RepositoryError>;

    /// Mails about a report, newest first.
    ///
    /// Errors: `Corrupt`; `Backend`.
    async fn emails_for_report(
        &self,
        report: ReportId,
    ) -> Result<Vec<OutboxEmail>, crate::ports::RepositoryError>;

    /// Queues a staff letter and logs "Contacted complainant: TITLE" on the
    /// report, in one transaction. Returns the mail's id.
    ///
    /// Errors: `NotFound` for an unknown report; `Duplicate` when a letter
    /// with the same `request_key` was already queued (nothing is added);
    /// `Backend`.
    async fn queue_letter(
        &self,
        report: ReportId,
        letter: &NewLetter,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, crate::ports::RepositoryError>;

    /// Adds an address to the do-not-email list (idempotent).
    ///
    /// Errors: `Backend`.
    async fn suppress(
        &self,
        email: &Email,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<(), crate::ports::RepositoryError>;

    /// Whether an address is on the do-not-email list (case-insensitive).
    ///
    /// Errors: `Backend`.
    async fn is_suppressed(&self, email: &str) -> Result<bool, crate::ports::RepositoryError>;

    /// Puts failed mails back in the queue with fresh attempts and no TMS
    /// id; returns how many. For after an outage longer than the retry
    /// schedule.
    ///
    /// Errors: `Backend`.
    async fn requeue_failed(
        &self,
        which: RequeueScope,
        now: DateTime<Utc>,
    ) -> Result<u64, crate::ports::RepositoryError>;

    /// Gives back claimed mails a worker will not reach (its batch ran
    /// long): due now, the claim's attempt not counted.
    ///
    /// Errors: `Backend`.
    async fn release(
        &self,
        ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<(), crate::ports::RepositoryError>;

    /// Failed mails, newest first (at most `limit`).
    ///
    /// Errors: `Corrupt`; `Backend`.
    async fn failed_emails(
        &self,
        limit: u64,
    ) -> Result<Vec<OutboxEmail>, crate::ports::RepositoryError>;

    /// How many mails are in each status.
    ///
    /// Errors: `Backend`.
    async fn outbox_counts(&self) -> Result<OutboxCounts, crate::ports::RepositoryError>;
}

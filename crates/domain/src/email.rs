//! E-mail rules: what a mail's status can be and how it may move, the sender
//! port and its error classes, the retry schedule, the recipient policy, the
//! TMS webhook's fields, and the variables a letter is rendered with. No I/O:
//! the senders live in `crt-mail`, the outbox table in `crt-persistence`.

use std::{collections::BTreeMap, time::Duration};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    choice::{Choice, choice_enum},
    report::{ReportId, ReportRecord},
    values::Email,
};

choice_enum! {
    /// Where a mail is in its life. `new` waits in the outbox (also between
    /// retries); `sending` was accepted by TMS and waits for its delivery
    /// callback; `sent`, `failed` and `skipped` are final; `inconclusive` is
    /// TMS's "we could not tell" and may still become sent or failed.
    pub enum EmailStatus {
        /// Queued, not yet accepted by a provider.
        New = ("new", "New"),
        /// Accepted by TMS, delivery not yet confirmed.
        Sending = ("sending", "Sending"),
        /// Delivered (SMTP: accepted by the server).
        Sent = ("sent", "Sent"),
        /// Refused for good, or out of retries.
        Failed = ("failed", "Failed"),
        /// TMS could not tell whether it was delivered.
        Inconclusive = ("inconclusive", "Inconclusive"),
        /// Not sent because of the recipient policy or the do-not-email list.
        Skipped = ("skipped", "Not sent (recipient policy)"),
    }
}

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

impl EmailStatus {
    /// Order used to keep webhook updates monotonic.
    fn rank(self) -> u8 {
        match self {
            Self::New => 0,
            Self::Sending => 1,
            Self::Inconclusive => 2,
            Self::Sent | Self::Failed | Self::Skipped => 3,
        }
    }

    /// Whether nothing more will happen to the mail.
    pub fn is_final(self) -> bool {
        self.rank() == 3
    }
}

/// The status a delivery callback moves a mail to, or `None` when it must
/// not move (a replayed or late callback never takes a mail backwards, and a
/// final status is never replaced by another final one).
pub fn webhook_transition(current: EmailStatus, incoming: EmailStatus) -> Option<EmailStatus> {
    (incoming.rank() > current.rank()).then_some(incoming)
}

/// TMS's recipient status words, mapped to ours (`None`: not a TMS status).
pub fn parse_tms_status(s: &str) -> Option<EmailStatus> {
    Some(match s.trim().to_ascii_lowercase().as_str() {
        "new" | "queued" => EmailStatus::New,
        "sending" => EmailStatus::Sending,
        "sent" | "delivered" => EmailStatus::Sent,
        "failed" | "blacklisted" | "canceled" | "cancelled" => EmailStatus::Failed,
        "inconclusive" => EmailStatus::Inconclusive,
        _ => return None,
    })
}

/// Reads TMS's `completed_at` ("YYYY-MM-DD HH:MM:SS UTC").
pub fn parse_completed_at(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let s = s.strip_suffix("UTC").unwrap_or(s).trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|n| n.and_utc())
}

/// The message id at the end of TMS's `message_url`
/// (e.g. `https://tms.example/messages/email/123` or `/messages/email/123`).
pub fn tms_id_from_message_url(url: &str) -> Option<String> {
    let last = url.trim().trim_end_matches('/').rsplit('/').next()?;
    let ok = !last.is_empty()
        && last.len() <= 100
        && last
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then(|| last.to_owned())
}

/// A mail ready to hand to a provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingEmail {
    /// The one recipient.
    pub recipient: Email,
    /// Subject line (plain text).
    pub subject: String,
    /// HTML body.
    pub html_body: String,
}

/// What a provider said when it took a mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The provider's message id (TMS), if it gives one.
    pub provider_id: Option<String>,
    /// `Sending` when a callback will confirm delivery (TMS), `Sent` when
    /// acceptance is all we will learn (SMTP, in-memory), `Inconclusive`
    /// when the provider took it but we cannot follow it (no message id).
    pub status: EmailStatus,
    /// Why the status is not the usual one (stored as the mail's message).
    pub note: Option<String>,
}

/// Why a provider did not take a mail.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Retrying will not help (TMS 4xx, an address SMTP refuses).
    #[error("refused: {0}")]
    Permanent(String),
    /// Try again later (5xx, timeout, connection refused).
    #[error("temporary failure: {0}")]
    Transient(String),
}

/// Hands mails to a provider (TMS, SMTP, or memory in tests).
#[async_trait]
pub trait EmailSender: Send + Sync {
    /// Short name for logs and `check-config` ("tms", "smtp", "memory").
    fn name(&self) -> &'static str;

    /// Sends one mail.
    ///
    /// Errors: `Permanent` when the provider refuses it for good;
    /// `Transient` when it may work later.
    async fn send(&self, mail: &OutgoingEmail) -> Result<Delivery, SendError>;
}

/// `RESTRICT_EMAIL_RECIPIENTS_TO`: when it lists addresses, mail goes only
/// to them (compared without regard to case).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecipientPolicy {
    only: Vec<String>,
}

impl RecipientPolicy {
    /// Reads the `;`-separated list (blank entries ignored; empty = anyone).
    pub fn parse(list: &str) -> Self {
        Self {
            only: list
                .split(';')
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }

    /// Whether mail is restricted to a list.
    pub fn is_restricted(&self) -> bool {
        !self.only.is_empty()
    }

    /// The addresses mail is restricted to (empty: no restriction).
    pub fn addresses(&self) -> &[String] {
        &self.only
    }

    /// Whether `email` may receive mail.
    pub fn allows(&self, email: &Email) -> bool {
        self.only.is_empty() || self.only.contains(&email.as_str().to_ascii_lowercase())
    }
}

/// How often and how long a transient failure is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Wait after the first failed attempt.
    pub first_delay: Duration,
    /// Longest wait between attempts.
    pub max_delay: Duration,
    /// Attempts before the mail is marked failed.
    pub max_attempts: i32,
}

impl Default for RetryPolicy {
    /// 1 min, 2, 4, … capped at 1 h; 10 attempts (about 4 hours in all).
    fn default() -> Self {
        Self {
            first_delay: Duration::from_secs(60),
            max_delay: Duration::from_secs(3600),
            max_attempts: 10,
        }
    }
}

impl RetryPolicy {
    /// The wait after attempt number `attempts` failed (1-based), or `None`
    /// when no attempt is left.
    pub fn delay_after(&self, attempts: i32) -> Option<Duration> {
        if attempts >= self.max_attempts {
            return None;
        }
        let doublings = u32::try_from(attempts.saturating_sub(1))
            .unwrap_or(0)
            .min(30);
        let delay = self.first_delay.saturating_mul(1u32 << doublings);
        Some(delay.min(self.max_delay))
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

/// What a delivery callback did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebhookOutcome {
    /// The status moved to this.
    Updated(EmailStatus),
    /// Nothing changed (a replay, or a callback older than what we know).
    Unchanged(EmailStatus),
}

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
    /// moving it backwards (see [`webhook_transition`]).
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

/// The variables a letter is rendered with, all plain text (templates
/// escape them): record_locator, addressee, date_of_intake, outgoing_date,
/// section_name, the contact fields and the location fields.
pub fn letter_variables(
    record: &ReportRecord,
    outgoing: DateTime<Utc>,
) -> BTreeMap<&'static str, String> {
    let r = &record.report;
    let c = &r.contact;
    let name = [c.first_name.as_deref(), c.last_name.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let addressee = if name.is_empty() {
        "Thank you for your report".to_owned()
    } else {
        format!("Dear {name}")
    };
    let text = |v: Option<&str>| v.unwrap_or("").to_owned();
    let mut vars = BTreeMap::new();
    vars.insert("record_locator", record.public_id.to_string());
    vars.insert("addressee", addressee);
    vars.insert(
        "date_of_intake",
        record.create_date.format("%B %-d, %Y").to_string(),
    );
    vars.insert("outgoing_date", outgoing.format("%B %-d, %Y").to_string());
    vars.insert(
        "section_name",
        record.staff.assigned_section.label().to_owned(),
    );
    vars.insert(
        "section_code",
        record.staff.assigned_section.value().to_owned(),
    );
    vars.insert("contact_first_name", text(c.first_name.as_deref()));
    vars.insert("contact_last_name", text(c.last_name.as_deref()));
    vars.insert("contact_email", text(c.email.as_ref().map(|e| e.as_str())));
    vars.insert("contact_phone", text(c.phone.as_ref().map(|p| p.as_str())));
    vars.insert("contact_city", text(c.city.as_deref()));
    vars.insert("contact_state", text(c.state.as_ref().map(|s| s.as_str())));
    vars.insert("contact_zip", text(c.zip.as_ref().map(|z| z.as_str())));
    vars.insert("location_name", r.location.name.clone());
    vars.insert("location_city_state", {
        format!("{}, {}", r.location.city_town, r.location.state.as_str())
    });
    vars.insert("location_city", r.location.city_town.clone());
    vars.insert("location_state", r.location.state.as_str().to_owned());
    vars
}

/// The names [`letter_variables`] provides (for docs and template checks).
pub const LETTER_VARIABLES: &[&str] = &[
    "record_locator",
    "addressee",
    "date_of_intake",
    "outgoing_date",
    "section_name",
    "section_code",
    "contact_first_name",
    "contact_last_name",
    "contact_email",
    "contact_phone",
    "contact_city",
    "contact_state",
    "contact_zip",
    "location_name",
    "location_city_state",
    "location_city",
    "location_state",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_never_moves_backwards_or_between_final_states() {
        use EmailStatus::*;
        assert_eq!(webhook_transition(New, Sending), Some(Sending));
        assert_eq!(webhook_transition(Sending, Sent), Some(Sent));
        assert_eq!(
            webhook_transition(Sending, Inconclusive),
            Some(Inconclusive)
        );
        assert_eq!(webhook_transition(Inconclusive, Sent), Some(Sent));
        assert_eq!(webhook_transition(Inconclusive, Failed), Some(Failed));
        assert_eq!(webhook_transition(Sent, Sending), None);
        assert_eq!(webhook_transition(Sent, Sent), None);
        assert_eq!(webhook_transition(Sent, Failed), None);
        assert_eq!(webhook_transition(Failed, Sent), None);
        assert_eq!(webhook_transition(Sending, Sending), None);
    }

    #[test]
    fn tms_fields_parse() {
        assert_eq!(parse_tms_status("SENT"), Some(EmailStatus::Sent));
        assert_eq!(parse_tms_status("blacklisted"), Some(EmailStatus::Failed));
        assert_eq!(parse_tms_status("exploded"), None);
        assert_eq!(
            parse_completed_at("2026-11-25 14:03:09 UTC")
                .unwrap()
                .to_rfc3339(),
            "2026-11-25T14:03:09+00:00"
        );
        assert_eq!(parse_completed_at("yesterday"), None);
        assert_eq!(
            tms_id_from_message_url("https://tms.example/messages/email/4242").as_deref(),
            Some("4242")
        );
        assert_eq!(
            tms_id_from_message_url("/messages/email/abc-9/").as_deref(),
            Some("abc-9")
        );
        assert_eq!(tms_id_from_message_url("/messages/email/<x>"), None);
        assert_eq!(tms_id_from_message_url(""), None);
    }

    #[test]
    fn recipient_policy() {
        let anyone = RecipientPolicy::parse(" ; ");
        let jane = Email::parse("Jane@Example.org").unwrap();
        let bob = Email::parse("bob@example.org").unwrap();
        assert!(!anyone.is_restricted());
        assert!(anyone.allows(&bob));
        let only = RecipientPolicy::parse("jane@example.org; dev@example.org");
        assert!(only.is_restricted());
        assert!(only.allows(&jane));
        assert!(!only.allows(&bob));
    }

    #[test]
    fn retry_delays_double_up_to_the_cap_then_stop() {
        let p = RetryPolicy::default();
        let mins = |n| p.delay_after(n).map(|d| d.as_secs() / 60);
        assert_eq!(mins(1), Some(1));
        assert_eq!(mins(2), Some(2));
        assert_eq!(mins(4), Some(8));
        assert_eq!(mins(7), Some(60));
        assert_eq!(mins(9), Some(60));
        assert_eq!(mins(10), None);
    }
}

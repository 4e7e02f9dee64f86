//! Ports: what the domain needs from the world, as traits. Adapters
//! (`crt-persistence`, `crt-mail`) implement them; composition roots
//! (`crt-web`, `crt-admin`) wire them.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    protected_class::ProtectedClassCatalog,
    report::{PrimaryComplaint, Report, ReportId, ReportRecord, Section, StaffFields, Status},
    staff::{Activity, ChangeError},
    values::PublicId,
};

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
    /// The database failed or is unreachable.
    #[error("database error: {0}")]
    Backend(String),
}

/// Sort direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// Smallest first.
    Ascending,
    /// Largest first.
    #[default]
    Descending,
}

/// Columns the staff list sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortField {
    /// create_date
    CreateDate,
    /// id (the number of the public id)
    Id,
    /// assigned_section
    Section,
    /// status
    Status,
    /// assigned_to
    AssignedTo,
    /// primary_complaint
    PrimaryComplaint,
    /// location_state
    LocationState,
    /// location_city_town
    LocationCity,
    /// contact_last_name
    ContactLastName,
}

/// Which reports by assignee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssigneeFilter {
    /// Assigned to nobody.
    Unassigned,
    /// Assigned to this username.
    User(String),
}

/// Filters of the staff list; empty lists and `None` do not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFilters {
    /// Any of these sections.
    pub sections: Vec<Section>,
    /// Any of these statuses.
    pub statuses: Vec<Status>,
    /// Any of these primary concerns.
    pub primary_complaints: Vec<PrimaryComplaint>,
    /// By assignee.
    pub assigned_to: Option<AssigneeFilter>,
    /// Reports with any of these protected-class values.
    pub protected_classes: Vec<String>,
    /// location_state equals.
    pub location_state: Option<String>,
    /// contact_email equals (case-insensitive).
    pub contact_email: Option<String>,
    /// This public id.
    pub public_id: Option<PublicId>,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before.
    pub created_before: Option<DateTime<Utc>>,
    /// Closed at or after.
    pub closed_from: Option<DateTime<Utc>>,
    /// Closed before.
    pub closed_before: Option<DateTime<Utc>>,
    /// contact_first_name contains (case-insensitive).
    pub contact_first_name: Option<String>,
    /// contact_last_name contains (case-insensitive).
    pub contact_last_name: Option<String>,
    /// contact_phone has these digits (punctuation ignored).
    pub contact_phone_digits: Option<String>,
    /// location_city_town contains (case-insensitive).
    pub location_city_town: Option<String>,
    /// location_name contains (case-insensitive).
    pub location_name: Option<String>,
    /// Any of these intake formats.
    pub intake_formats: Vec<crate::report::IntakeFormat>,
    /// servicemember equals.
    pub servicemember: Option<crate::report::YesNo>,
    /// referred equals.
    pub referred: Option<bool>,
    /// litigation_hold equals.
    pub litigation_hold: Option<bool>,
    /// primary_statute equals.
    pub primary_statute: Option<String>,
    /// district equals.
    pub district: Option<String>,
    /// Full-text search in violation_summary.
    pub violation_summary: Option<crate::search::TextQuery>,
    /// Full-text search in the staff summary.
    pub summary: Option<crate::search::TextQuery>,
}

/// A page request for the staff list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportQuery {
    /// Filters.
    pub filters: ReportFilters,
    /// Sort keys in priority order; empty = newest first.
    pub sort: Vec<(SortField, Direction)>,
    /// 1-based page number.
    pub page: u64,
    /// Rows per page (the web offers 15, 25, 50, 100).
    pub per_page: u64,
}

impl Default for ReportQuery {
    fn default() -> Self {
        Self {
            filters: ReportFilters::default(),
            sort: Vec::new(),
            page: 1,
            per_page: 15,
        }
    }
}

/// One page of results with the total count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Rows matching the filters, over all pages.
    pub total: u64,
    /// This page's number (1-based).
    pub page: u64,
    /// Rows per page.
    pub per_page: u64,
}

/// Stores and reads reports.
#[async_trait]
pub trait ReportRepository: Send + Sync {
    /// Stores a new report with its protected classes and staff fields in one
    /// transaction and gives it a public id.
    ///
    /// Errors: `Invalid` if a protected-class value is not in the catalog
    /// (nothing is stored); `Backend` if the database fails.
    async fn create(
        &self,
        report: &Report,
        staff: &StaffFields,
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, RepositoryError>;

    /// The report with this database id.
    ///
    /// Errors: `NotFound`; `Corrupt` if stored data no longer maps to the
    /// domain; `Backend`.
    async fn get(&self, id: ReportId) -> Result<ReportRecord, RepositoryError>;

    /// The report with this public id (number and letters must both match).
    ///
    /// Errors: `NotFound` (also when the letters differ); `Corrupt`; `Backend`.
    async fn get_by_public_id(&self, public_id: &PublicId)
    -> Result<ReportRecord, RepositoryError>;

    /// A page of reports matching the query, with the total count.
    ///
    /// Errors: `Invalid` for a page or per_page of 0; `Corrupt`; `Backend`.
    async fn list(&self, query: &ReportQuery) -> Result<Page<ReportRecord>, RepositoryError>;

    /// Stores a new report like [`ReportRepository::create`] and, in the
    /// same transaction, queues `email` (the auto-response) in the outbox.
    ///
    /// Errors: as `create`.
    async fn create_with_email(
        &self,
        report: &Report,
        staff: &StaffFields,
        email: Option<NewOutboxEmail>,
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, RepositoryError>;

    /// One unit of work over the staff fields of `targets`, all or nothing:
    /// each report is locked and read, `decide` (the service's rules) says
    /// what its staff fields become and which activity entries to write, and
    /// the adapter stores exactly that. A target with an expected version is
    /// refused with `Conflict` when someone else changed the report first.
    ///
    /// Returns `Refused` (nothing written) when `decide` refuses one report.
    ///
    /// Errors: `NotFound` if a report does not exist; `Conflict`; `Corrupt`;
    /// `Backend` (nothing written in each case).
    async fn update_staff(
        &self,
        targets: &[UpdateTarget],
        decide: &DecideUpdate,
    ) -> Result<UpdateOutcome, RepositoryError>;

    /// Other reports with the same contact e-mail (case-insensitive), newest
    /// first, at most `limit`.
    ///
    /// Errors: `Corrupt`; `Backend`.
    async fn related_by_email(
        &self,
        email: &str,
        except: ReportId,
        limit: u64,
    ) -> Result<Vec<ReportRecord>, RepositoryError>;

    /// How many reports share each of these contact e-mails (keys lower-cased).
    ///
    /// Errors: `Backend`.
    async fn email_counts(
        &self,
        emails: &[String],
    ) -> Result<std::collections::HashMap<String, u64>, RepositoryError>;

    /// The report's activity log, newest first.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn activity(&self, id: ReportId) -> Result<Vec<Activity>, RepositoryError>;
}

/// One report a unit of work changes, with the version the editor saw
/// (`None`: whatever is stored, as for a bulk change).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UpdateTarget {
    /// The report.
    pub id: ReportId,
    /// The version the change was made from.
    pub expected_version: Option<i32>,
}

/// What a service decided for one report's staff fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffUpdate {
    /// The staff fields to store.
    pub staff: StaffFields,
    /// The activity entries to write with them.
    pub activity: Vec<Activity>,
    /// When the change was made (the report's modified date).
    pub at: DateTime<Utc>,
    /// Whether the report's version moves on (not for a change that only
    /// logs a view or a print: it must not make someone else's save stale).
    pub bump_version: bool,
}

/// The rule a unit of work applies to each report: `Ok(None)` writes
/// nothing for it; `Err` refuses the whole unit.
pub type DecideUpdate =
    dyn Fn(&StaffFields) -> Result<Option<StaffUpdate>, ChangeError> + Send + Sync;

/// The result of [`ReportRepository::update_staff`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpdateOutcome {
    /// Every report was decided; this many had something written.
    Saved(usize),
    /// The rule refused this report; nothing was written.
    Refused {
        /// The report refused.
        public_id: PublicId,
        /// Why.
        error: ChangeError,
    },
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

/// The time, behind a trait so tests can fix it.
pub trait Clock: Send + Sync {
    /// Now, in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant (tests, reproducible runs).
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

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
    /// submitted with its answers cleared. Only one of several concurrent
    /// submissions of the same draft files a report.
    ///
    /// Errors: `AlreadySubmitted` (with the public id) if it was;
    /// `Conflict` if the draft changed; `Repository(Invalid)` for an unknown
    /// protected class; `Repository(Backend)`.
    async fn submit_draft(
        &self,
        session_key: &str,
        expected_version: i32,
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

/// Staff accounts.
#[async_trait]
pub trait UserRepository: Send + Sync {
    /// Creates an account.
    ///
    /// Errors: `Duplicate` if the username is taken; `Backend`.
    async fn create_user(
        &self,
        user: &crate::accounts::NewUser,
        now: DateTime<Utc>,
    ) -> Result<crate::accounts::User, RepositoryError>;

    /// The account and its password hash (if it has one), by username.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn user_with_hash(
        &self,
        username: &str,
    ) -> Result<(crate::accounts::User, Option<String>), RepositoryError>;

    /// Replaces an account's password hash.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn set_password(&self, username: &str, hash: &str) -> Result<(), RepositoryError>;

    /// Activates or deactivates an account (deactivating ends its sessions).
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn set_active(&self, username: &str, active: bool) -> Result<(), RepositoryError>;

    /// Every account, by username.
    ///
    /// Errors: `Backend`.
    async fn list_users(&self) -> Result<Vec<crate::accounts::User>, RepositoryError>;
}

/// Staff sign-in sessions and failed sign-in attempts, in the database so
/// any instance serves any session.
#[async_trait]
pub trait StaffSessionRepository: Send + Sync {
    /// Stores a new session for `user_id` under `key` (a hash of the token).
    ///
    /// Errors: `Backend`.
    async fn create_session(
        &self,
        key: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Result<(), RepositoryError>;

    /// The signed-in, active user of a live session.
    ///
    /// Errors: `NotFound` (no such session, expired, or user deactivated); `Backend`.
    async fn session_user(
        &self,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<crate::accounts::User, RepositoryError>;

    /// Ends a session (no error if it does not exist).
    ///
    /// Errors: `Backend`.
    async fn delete_session(&self, key: &str) -> Result<(), RepositoryError>;

    /// Records a failed sign-in under each of `keys` (e.g. the username and
    /// the address).
    ///
    /// Errors: `Backend`.
    async fn record_failed_login(
        &self,
        keys: &[String],
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError>;

    /// Deletes sessions that expired before `now` and failed sign-in
    /// records older than `attempts_before`; returns how many of each.
    ///
    /// Errors: `Backend`.
    async fn purge_expired_sessions(
        &self,
        now: DateTime<Utc>,
        attempts_before: DateTime<Utc>,
    ) -> Result<(u64, u64), RepositoryError>;

    /// Removes the attempts recorded under `keys` at exactly `at` (a sign-in
    /// that was counted before its password was checked, and then succeeded).
    ///
    /// Errors: `Backend`.
    async fn forget_login_attempt(
        &self,
        keys: &[String],
        at: DateTime<Utc>,
    ) -> Result<(), RepositoryError>;

    /// Failed sign-ins under `key` since `since`.
    ///
    /// Errors: `Backend`.
    async fn failed_logins_since(
        &self,
        key: &str,
        since: DateTime<Utc>,
    ) -> Result<u64, RepositoryError>;
}

//! The reports' port: the staff list's filters, sort and pages, and the
//! unit of work that changes staff fields.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::report_filters::{AssigneeFilter, ReportFilters};
use super::{NewOutboxEmail, RepositoryError};
use crate::{
    report::{Report, ReportId, ReportRecord, StaffFields},
    staff::{Activity, ChangeError},
    values::PublicId,
};

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
    /// Continue after this report (the last row of the previous page)
    /// instead of skipping `(page - 1) * per_page` rows: the cost of a page
    /// then no longer grows with its number. `page` is still the number
    /// shown. Only for sorts where [`keyset_sortable`] holds; otherwise the
    /// repository answers `Invalid`.
    pub after: Option<ReportId>,
}

impl Default for ReportQuery {
    fn default() -> Self {
        Self {
            filters: ReportFilters::default(),
            sort: Vec::new(),
            page: 1,
            per_page: 15,
            after: None,
        }
    }
}

impl SortField {
    /// Whether every report has a value in this column (NULLs would need
    /// their own place in a "continue after" condition).
    pub fn never_empty(self) -> bool {
        !matches!(self, SortField::AssignedTo | SortField::ContactLastName)
    }
}

/// Whether a page of this sort can continue after a given report
/// ([`ReportQuery::after`]).
pub fn keyset_sortable(sort: &[(SortField, Direction)]) -> bool {
    sort.iter().all(|(f, _)| f.never_empty())
}

/// Matching rows are counted exactly up to this many; above it the count
/// is estimated, so a page costs the same at ten thousand reports as at a
/// million.
pub const EXACT_COUNT_UP_TO: u64 = 10_000;

/// A full-text search is counted exactly up to this many matches (each
/// match counted is a row read, where other filters count index entries).
pub const EXACT_TEXT_COUNT_UP_TO: u64 = 1_000;

impl ReportFilters {
    /// Whether a full-text search is among the filters.
    pub fn has_text_search(&self) -> bool {
        self.violation_summary.is_some() || self.summary.is_some()
    }

    /// Up to how many matching reports a list with these filters counts
    /// exactly.
    pub fn exact_count_limit(&self) -> u64 {
        if self.has_text_search() {
            EXACT_TEXT_COUNT_UP_TO
        } else {
            EXACT_COUNT_UP_TO
        }
    }
}

/// How many reports match a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Total {
    /// Exactly this many (at most [`ReportFilters::exact_count_limit`]).
    Exact(u64),
    /// More than the exact limit; about this many (the table's size for an
    /// unfiltered list, the query planner's estimate on PostgreSQL).
    About(u64),
    /// More than this many (the exact limit, where no estimate is at hand).
    MoreThan(u64),
}

impl Total {
    /// The number to compute with: the exact count, the estimate, or the
    /// lower bound.
    pub fn value(self) -> u64 {
        match self {
            Total::Exact(n) | Total::About(n) | Total::MoreThan(n) => n,
        }
    }

    /// Whether the count is exact.
    pub fn is_exact(self) -> bool {
        matches!(self, Total::Exact(_))
    }

    /// The count for people: "1,234", "about 1,200,000", "more than 10,000".
    /// An estimate is rounded to two significant digits.
    pub fn describe(self) -> String {
        match self {
            Total::Exact(n) => group_thousands(n),
            Total::About(n) => format!("about {}", group_thousands(round_two_digits(n))),
            Total::MoreThan(n) => format!("more than {}", group_thousands(n)),
        }
    }
}

fn round_two_digits(n: u64) -> u64 {
    let mut unit = 1u64;
    while n / unit >= 100 {
        unit = unit.saturating_mul(10);
    }
    (n + unit / 2) / unit * unit
}

/// `1234567` as `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One page of results with the count of all matching rows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Rows matching the filters, over all pages (exact up to
    /// [`ReportFilters::exact_count_limit`]).
    pub total: Total,
    /// Whether more rows follow this page.
    pub has_more: bool,
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
    ) -> Result<ReportRecord, RepositoryError> {
        self.create_with_email(report, staff, None, &[], now).await
    }

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

    /// A page of reports matching the query, with the count of all matches
    /// (exact up to [`ReportFilters::exact_count_limit`]).
    ///
    /// Errors: `Invalid` for a page or per_page of 0, or an `after` with a
    /// sort that cannot continue after a report; `Corrupt`; `Backend`.
    async fn list(&self, query: &ReportQuery) -> Result<Page<ReportRecord>, RepositoryError>;

    /// Stores a new report like [`ReportRepository::create`] and, in the
    /// same transaction, queues `email` (the auto-response) in the outbox
    /// and writes `activity` (staff intake's "Report created by …").
    ///
    /// Errors: as `create`.
    async fn create_with_email(
        &self,
        report: &Report,
        staff: &StaffFields,
        email: Option<NewOutboxEmail>,
        activity: &[Activity],
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

    /// Replaces a report's answers (not its staff fields, intake format,
    /// language or dates) if it is still at `expected_version`, with its
    /// protected classes, writing `activity` and moving the version on.
    ///
    /// Errors: `NotFound`; `Conflict`; `Invalid` (an unknown class);
    /// `Backend` (nothing written in each case).
    async fn update_answers(
        &self,
        id: ReportId,
        expected_version: i32,
        report: &Report,
        activity: &[Activity],
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, RepositoryError>;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_read_as_people_say_them() {
        assert_eq!(Total::Exact(0).describe(), "0");
        assert_eq!(Total::Exact(9_999).describe(), "9,999");
        assert_eq!(Total::About(1_234_567).describe(), "about 1,200,000");
        assert_eq!(Total::About(1_250_000).describe(), "about 1,300,000");
        assert_eq!(Total::About(10_001).describe(), "about 10,000");
        assert_eq!(Total::About(99).describe(), "about 99");
        assert_eq!(Total::MoreThan(10_000).describe(), "more than 10,000");
        assert_eq!(group_thousands(1_000_000), "1,000,000");
        assert_eq!(group_thousands(100), "100");
        assert!(Total::Exact(3).is_exact() && !Total::About(3).is_exact());
    }

    #[test]
    fn only_sorts_without_empty_values_continue_after_a_report() {
        assert!(keyset_sortable(&[]));
        assert!(keyset_sortable(&[(
            SortField::Section,
            Direction::Ascending
        )]));
        assert!(!keyset_sortable(&[
            (SortField::Section, Direction::Ascending),
            (SortField::AssignedTo, Direction::Descending)
        ]));
    }
}

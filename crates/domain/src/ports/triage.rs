//! The staff triage loop's port: tags, repeat writers and the list's
//! counts (docs/staff-view.md).

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ReportFilters, RepositoryError, Total};
use crate::{
    repeat_writers::Thresholds,
    report::ReportId,
    tags::{Tag, TagRef},
};

/// Up to how many reports the list's counts by status and section, and a
/// saved search's new matches, are exact ("more than 1,000" above): each
/// count then reads at most this many rows, whatever the filters.
pub const COUNTS_UP_TO: u64 = 1_000;

/// What the list counts its matches by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GroupBy {
    /// By status (new, open, closed).
    Status,
    /// By section code.
    Section,
}

/// What `refresh_repeat_writers` did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refreshed {
    /// Reports whose description key was computed now.
    pub keyed: u64,
    /// Reports flagged now.
    pub flagged: u64,
    /// Reports no longer flagged.
    pub unflagged: u64,
}

/// Tags, repeat writers and counts.
#[async_trait]
pub trait TriageRepository: Send + Sync {
    /// Every tag, by section and name, retired ones included.
    ///
    /// Errors: `Backend`.
    async fn tags(&self) -> Result<Vec<Tag>, RepositoryError>;

    /// Defines a tag.
    ///
    /// Errors: `Invalid` when the section has a tag of that name already;
    /// `Backend`.
    async fn add_tag(&self, tag: &Tag, now: DateTime<Utc>) -> Result<(), RepositoryError>;

    /// Retires a tag (it stays on its reports; it can no longer be added).
    /// Returns whether it was in use before.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn retire_tag(&self, tag: &TagRef, now: DateTime<Utc>) -> Result<bool, RepositoryError>;

    /// Flags report `id`, and every report sharing its contact e-mail or
    /// its description key, when their group is as large as `t` asks.
    /// Returns whether the report is flagged now.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn flag_repeat_writer(
        &self,
        id: ReportId,
        t: Thresholds,
    ) -> Result<bool, RepositoryError>;

    /// Computes the missing description keys and sets every report's flag
    /// from `t` (after a change of thresholds, or for reports filed before
    /// the flag existed).
    ///
    /// Errors: `Backend`.
    async fn refresh_repeat_writers(&self, t: Thresholds) -> Result<Refreshed, RepositoryError>;

    /// How many reports have each of these description keys.
    ///
    /// Errors: `Backend`.
    async fn description_counts(
        &self,
        keys: &[String],
    ) -> Result<HashMap<String, u64>, RepositoryError>;

    /// The description keys of these reports (those that have one).
    ///
    /// Errors: `Backend`.
    async fn description_keys(
        &self,
        ids: &[ReportId],
    ) -> Result<HashMap<ReportId, String>, RepositoryError>;

    /// How many reports match `filters`, by status or section (values
    /// with no match are left out). Each count is exact up to `up_to` (at
    /// most [`ReportFilters::exact_count_limit`]) and `MoreThan` above it,
    /// so the counts cost the same at a million reports as at ten
    /// thousand.
    ///
    /// Errors: `Backend`.
    async fn count_by(
        &self,
        filters: &ReportFilters,
        by: GroupBy,
        up_to: u64,
    ) -> Result<Vec<(String, Total)>, RepositoryError>;

    /// How many reports match `filters`, counted exactly (the dashboard's
    /// figures, each over a bounded period).
    ///
    /// Errors: `Backend`.
    async fn count_exact(&self, filters: &ReportFilters) -> Result<u64, RepositoryError>;

    /// When each report matching `filters` was received and closed (at
    /// most `limit`, the most recently closed first).
    ///
    /// Errors: `Backend`.
    async fn closed_spans(
        &self,
        filters: &ReportFilters,
        limit: u64,
    ) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>, RepositoryError>;

    /// Who made an activity entry on which report, and when, in
    /// [`from`, `to`), on reports of `section` (all when `None`).
    ///
    /// Errors: `Backend`.
    async fn touches(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        section: Option<crate::report::Section>,
    ) -> Result<Vec<(String, DateTime<Utc>, i64)>, RepositoryError>;
}

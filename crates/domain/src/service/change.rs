//! Working reports: one report ([`ChangeReport`], with the version guard)
//! and many at once ([`BulkChange`]). Both decide through the same code
//! ([`decider`]): the domain's [`apply_change`] plus the rule that a view
//! or a print is logged without moving the version.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::{
    ports::{
        Clock, ReportFilters, ReportQuery, ReportRepository, RepositoryError, StaffUpdate,
        UpdateOutcome, UpdateTarget,
    },
    report::{ReportId, ReportRecord, StaffFields},
    staff::{ChangeError, StaffChange, apply_change, check_change},
    values::PublicId,
};

/// Most reports one bulk change may touch.
pub const MAX_BULK: u64 = 500;

/// What a unit of work does to each report for `change`.
fn decider(
    change: &StaffChange,
    actor: &str,
    now: DateTime<Utc>,
) -> impl Fn(&StaffFields) -> Result<Option<StaffUpdate>, ChangeError> + Send + Sync + use<> {
    let change = change.clone();
    let actor = actor.to_owned();
    move |current| {
        let (staff, activity) = apply_change(current, &change, &actor, now)?;
        Ok((!activity.is_empty()).then(|| StaffUpdate {
            staff,
            activity,
            at: now,
            bump_version: !change.only_logs(),
        }))
    }
}

/// The change that moves a report to the section routing chooses for its
/// answers as they are now, with routing's explanation; `None` when the
/// report is there already.
pub fn reroute_change(record: &ReportRecord, comment: Option<String>) -> Option<StaffChange> {
    let (section, why) = crate::routing::assign_section(&record.report);
    (section != record.staff.assigned_section).then(|| StaffChange {
        assigned_section: Some(section),
        routing_explanation: Some(why),
        comment,
        ..Default::default()
    })
}

/// Why a change to one report was not made.
#[derive(Debug, thiserror::Error)]
pub enum ChangeReportError {
    /// No such report.
    #[error("not found")]
    NotFound,
    /// Someone else changed it since it was read; nothing was written.
    #[error("the report was changed by someone else (now at version {current_version})")]
    Conflict {
        /// The version stored now.
        current_version: i32,
    },
    /// The change breaks a rule of working a report; nothing was written.
    #[error(transparent)]
    Rule(ChangeError),
    /// Storing failed.
    #[error(transparent)]
    Repository(RepositoryError),
}

impl From<RepositoryError> for ChangeReportError {
    fn from(e: RepositoryError) -> Self {
        match e {
            RepositoryError::NotFound => Self::NotFound,
            RepositoryError::Conflict { current_version } => Self::Conflict { current_version },
            e => Self::Repository(e),
        }
    }
}

/// Applies `change` to one report if it is still at `expected_version`,
/// with its activity entries, and returns the report as stored.
///
/// Errors: `NotFound`; `Conflict`; `Rule`; `Repository`.
pub async fn change_report(
    reports: &dyn ReportRepository,
    id: ReportId,
    expected_version: i32,
    change: &StaffChange,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<ReportRecord, ChangeReportError> {
    let target = UpdateTarget {
        id,
        expected_version: Some(expected_version),
    };
    match reports
        .update_staff(&[target], &decider(change, actor, now))
        .await?
    {
        UpdateOutcome::Refused { error, .. } => Err(ChangeReportError::Rule(error)),
        UpdateOutcome::Saved(_) => Ok(reports.get(id).await?),
    }
}

/// The "change one report" use case.
#[derive(Clone)]
pub struct ChangeReport {
    /// The reports.
    pub reports: Arc<dyn ReportRepository>,
    /// The time of each change.
    pub clock: Arc<dyn Clock>,
}

impl ChangeReport {
    /// See [`change_report`].
    ///
    /// Errors: `NotFound`; `Conflict`; `Rule`; `Repository`.
    pub async fn change(
        &self,
        id: ReportId,
        expected_version: i32,
        change: &StaffChange,
        actor: &str,
    ) -> Result<ReportRecord, ChangeReportError> {
        change_report(
            &*self.reports,
            id,
            expected_version,
            change,
            actor,
            self.clock.now(),
        )
        .await
    }

    /// Opening a report marks it viewed (logged once). Someone else
    /// opening or changing it at the same moment is no error: the report is
    /// returned as stored. The error, if any, is one worth logging (the
    /// database failed); the report is still returned for reading.
    pub async fn mark_viewed(
        &self,
        record: ReportRecord,
        actor: &str,
    ) -> (ReportRecord, Option<ChangeReportError>) {
        if record.staff.viewed {
            return (record, None);
        }
        let change = StaffChange {
            viewed: Some(true),
            ..Default::default()
        };
        self.log_only(record, &change, actor).await
    }

    /// Printing a report is logged; printing never fails because someone
    /// else is editing (the error, if any, is only worth logging).
    pub async fn mark_printed(
        &self,
        record: ReportRecord,
        actor: &str,
    ) -> (ReportRecord, Option<ChangeReportError>) {
        let change = StaffChange {
            printed: true,
            ..Default::default()
        };
        self.log_only(record, &change, actor).await
    }

    async fn log_only(
        &self,
        record: ReportRecord,
        change: &StaffChange,
        actor: &str,
    ) -> (ReportRecord, Option<ChangeReportError>) {
        match self.change(record.id, record.version, change, actor).await {
            Ok(r) => (r, None),
            Err(ChangeReportError::Conflict { .. } | ChangeReportError::Rule(_)) => (record, None),
            Err(e) => (record, Some(e)),
        }
    }
}

/// Which reports a bulk change touches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkTarget {
    /// These reports (duplicates ignored).
    Ids(Vec<ReportId>),
    /// Every report matching the staff list's filters.
    Matching(Box<ReportFilters>),
}

/// Why a bulk change was not made (nothing was changed in every case).
#[derive(Debug, thiserror::Error)]
pub enum BulkError {
    /// A bulk change needs a comment.
    #[error("A comment is required for a bulk change: say why these reports are changing.")]
    CommentRequired,
    /// No report was chosen.
    #[error("Select at least one report, or choose \"every report matching this search\".")]
    NothingSelected,
    /// The search matches more reports than one change may touch.
    #[error(
        "The search matches {} reports; a bulk change may touch at most {MAX_BULK}. Narrow the search.",
        matched.describe()
    )]
    TooManyMatching {
        /// How many reports the search matches.
        matched: crate::ports::Total,
    },
    /// More reports were selected than one change may touch.
    #[error("At most {MAX_BULK} reports can be changed at once.")]
    TooManySelected,
    /// The change itself is not valid (a code not on its list, …).
    #[error("{0} Nothing was changed.")]
    Invalid(ChangeError),
    /// A selected report does not exist (any more).
    #[error("One of the selected reports no longer exists. Nothing was changed.")]
    NotFound,
    /// The change breaks a rule for one of the reports.
    #[error("report {public_id}: {error} Nothing was changed.")]
    Rule {
        /// The report refused.
        public_id: PublicId,
        /// Why.
        error: ChangeError,
    },
    /// Storing failed.
    #[error(transparent)]
    Repository(RepositoryError),
}

impl From<RepositoryError> for BulkError {
    fn from(e: RepositoryError) -> Self {
        match e {
            RepositoryError::NotFound => Self::NotFound,
            e => Self::Repository(e),
        }
    }
}

/// The "change many reports at once" use case: at most [`MAX_BULK`]
/// reports, a required comment, all or nothing, each report with its own
/// activity entries (the same rules, and the same ports, as [`ChangeReport`]).
#[derive(Clone)]
pub struct BulkChange {
    /// The reports.
    pub reports: Arc<dyn ReportRepository>,
    /// The time of the change.
    pub clock: Arc<dyn Clock>,
}

impl BulkChange {
    /// Applies `change` to the target reports; returns how many changed.
    ///
    /// Errors: see [`BulkError`].
    pub async fn apply(
        &self,
        target: BulkTarget,
        change: &StaffChange,
        actor: &str,
    ) -> Result<usize, BulkError> {
        if change
            .comment
            .as_deref()
            .is_none_or(|c| c.trim().is_empty())
        {
            return Err(BulkError::CommentRequired);
        }
        check_change(change).map_err(BulkError::Invalid)?;
        let ids = match target {
            BulkTarget::Ids(mut ids) => {
                ids.sort();
                ids.dedup();
                if ids.len() as u64 > MAX_BULK {
                    return Err(BulkError::TooManySelected);
                }
                ids
            }
            BulkTarget::Matching(filters) => {
                let query = ReportQuery {
                    filters: *filters,
                    sort: Vec::new(),
                    page: 1,
                    per_page: MAX_BULK,
                    after: None,
                };
                let page = self.reports.list(&query).await?;
                if page.total.value() > MAX_BULK {
                    return Err(BulkError::TooManyMatching {
                        matched: page.total,
                    });
                }
                page.items.iter().map(|r| r.id).collect()
            }
        };
        if ids.is_empty() {
            return Err(BulkError::NothingSelected);
        }
        let targets: Vec<UpdateTarget> = ids
            .iter()
            .map(|id| UpdateTarget {
                id: *id,
                expected_version: None,
            })
            .collect();
        let one = decider(change, actor, self.clock.now());
        // A disposed report can no longer change: a bulk change passes it
        // by rather than refusing the rest.
        let decide = move |current: &StaffFields| {
            if current.disposed_at.is_some() {
                Ok(None)
            } else {
                one(current)
            }
        };
        match self.reports.update_staff(&targets, &decide).await? {
            UpdateOutcome::Saved(_) => Ok(ids.len()),
            UpdateOutcome::Refused { public_id, error } => {
                Err(BulkError::Rule { public_id, error })
            }
        }
    }
}

//! Retention and disposal (DOMAIN.md "Records", docs/retention.md): each
//! report is kept for its retention schedule (so many years after it was
//! closed, or permanently); reports past it, closed and not on litigation
//! hold, are disposed of in batches that two different members of the
//! records group approve. Pure rules: the batches are stored through
//! [`crate::ports::RetentionRepository`] and worked by
//! [`crate::service::Retention`].

use chrono::{DateTime, Months, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    accounts::User,
    report::{ReportId, Section, Status},
    values::PublicId,
};

/// The group whose members may propose, approve and reject disposal
/// batches (given with `crt-admin user groups`, or by the identity
/// provider under single sign-on).
pub const RECORDS_GROUP: &str = "records";

/// How many different approvers a batch needs before it is disposed of.
pub const APPROVALS_NEEDED: usize = 2;

/// The longest rejection reason.
pub const REASON_CHARS: usize = 2000;

/// Days between proposing a batch and the earliest disposal, by default:
/// time for the reviewers, and for anyone to place a litigation hold.
pub const DEFAULT_WAIT_DAYS: i64 = 30;

/// A retention schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// Stable code, e.g. `3-year`.
    pub code: String,
    /// What staff read.
    pub name: String,
    /// The NARA disposition authority it follows (entered by the records
    /// officer; a schedule without one disposes of nothing).
    pub authority: String,
    /// Years after closing; `None`: permanent.
    pub years: Option<u32>,
    /// Offered for new choices (a retired schedule still applies to the
    /// reports that have it).
    pub active: bool,
    /// Order in lists.
    pub position: i32,
}

impl Schedule {
    /// When a report closed at `closed` may be disposed of under this
    /// schedule; `None` for a permanent one.
    pub fn due_on(&self, closed: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let years = self.years?;
        closed.checked_add_months(Months::new(years.saturating_mul(12)))
    }

    /// Reports closed before the returned moment are past this schedule at
    /// `now`; `None` for a permanent one.
    pub fn cutoff(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let years = self.years?;
        Some(
            now.checked_sub_months(Months::new(years.saturating_mul(12)))
                .unwrap_or(DateTime::<Utc>::MIN_UTC),
        )
    }

    /// "3-year: Destroy 3 years after … (DAA-…)".
    pub fn describe(&self) -> String {
        if self.authority.is_empty() {
            format!(
                "{}: {} (no disposition authority entered)",
                self.code, self.name
            )
        } else {
            format!("{}: {} ({})", self.code, self.name, self.authority)
        }
    }
}

/// Every schedule's cutoff at `now`: what the list's "due for disposal"
/// filter and a proposal compare each closed report's date with.
pub fn cutoffs(schedules: &[Schedule], now: DateTime<Utc>) -> Vec<(String, DateTime<Utc>)> {
    schedules
        .iter()
        .filter_map(|s| s.cutoff(now).map(|c| (s.code.clone(), c)))
        .collect()
}

/// The message for an unusable schedule code.
pub const CODE_INVALID: &str =
    "A schedule code is 1 to 40 lower-case letters, digits and hyphens, e.g. 7-year.";

/// Checks a schedule code.
pub fn parse_code(input: &str) -> Result<String, &'static str> {
    let s = input.trim().to_ascii_lowercase();
    let ok = !s.is_empty()
        && s.len() <= 40
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok { Ok(s) } else { Err(CODE_INVALID) }
}

/// The schedule a report follows when staff have not chosen one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultSchedule {
    /// For reports of this section …
    pub section: Section,
    /// … in this status …
    pub status: Status,
    /// … this schedule.
    pub schedule: String,
}

/// Whether `user` may propose, approve and reject disposal batches.
pub fn is_records_staff(user: &User) -> bool {
    user.active && user.portal_access && user.groups.iter().any(|g| g == RECORDS_GROUP)
}

crate::choice::choice_enum! {
    /// Where a disposal batch is.
    pub enum BatchState {
        /// Waiting for approvals.
        Proposed = ("proposed", "Waiting for approval"),
        /// Approved by two reviewers: disposed of after its date.
        Approved = ("approved", "Approved"),
        /// Rejected (with the reason): nothing in it is disposed of.
        Rejected = ("rejected", "Rejected"),
        /// Worked: every report in it disposed of or skipped.
        Disposed = ("disposed", "Disposed"),
    }
}

crate::choice::choice_enum! {
    /// What disposal did with one report of a batch.
    pub enum Outcome {
        /// Personal data and description removed; a tombstone kept.
        Disposed = ("disposed", "Disposed"),
        /// Put on litigation hold after the batch was proposed: left alone.
        SkippedHold = ("skipped-hold", "Skipped: litigation hold"),
        /// Reopened after the batch was proposed: left alone.
        SkippedOpen = ("skipped-open", "Skipped: no longer closed"),
        /// No longer past the schedule it follows now (a longer schedule
        /// chosen, closed again later, or its authority withdrawn).
        SkippedNotDue = ("skipped-not-due", "Skipped: no longer past its schedule"),
    }
}

/// A disposal batch's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BatchId(pub i64);

/// One approval of a batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// The approver's username.
    pub approver: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// One report of a batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchReport {
    /// The report.
    pub report: ReportId,
    /// Its record number.
    pub public_id: PublicId,
    /// Its section when proposed.
    pub section: Section,
    /// When it was closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// The schedule it was proposed under.
    pub schedule: String,
    /// What disposal did, once it ran.
    pub outcome: Option<Outcome>,
    /// On litigation hold now (disposal will skip it).
    pub litigation_hold: bool,
    /// Its status now (disposal skips one that is no longer closed).
    pub status: Status,
    /// Disposed of already (in this batch or another).
    pub disposed: bool,
}

/// A disposal batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    /// Its id.
    pub id: BatchId,
    /// Where it is.
    pub state: BatchState,
    /// Who proposed it (a username, or `crt-admin`).
    pub proposed_by: String,
    /// When.
    pub proposed_at: DateTime<Utc>,
    /// Not disposed of before this moment.
    pub dispose_after: DateTime<Utc>,
    /// Its approvals, oldest first.
    pub approvals: Vec<Approval>,
    /// Who rejected it, or whose approval completed it.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<DateTime<Utc>>,
    /// Why it was rejected.
    pub rejection_reason: Option<String>,
    /// When disposal finished.
    pub disposed_at: Option<DateTime<Utc>>,
    /// Its reports (empty in lists of batches).
    pub reports: Vec<BatchReport>,
    /// How many reports it holds.
    pub report_count: u64,
}

/// Why a reviewer's decision on a batch was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BatchError {
    /// Not in the records group.
    #[error("Only members of the records group may review disposal batches.")]
    NotRecordsStaff,
    /// The proposer may not approve their own batch.
    #[error("You proposed this batch, so two other reviewers must approve it.")]
    OwnBatch,
    /// Already approved by this person.
    #[error("You have already approved this batch; a second, different reviewer must approve it.")]
    AlreadyApproved,
    /// Only a batch waiting for approval can be approved or rejected.
    #[error("This batch is {0}, so it can no longer be approved or rejected.")]
    Closed(&'static str),
    /// A rejection needs a reason.
    #[error("Give the reason for rejecting the batch (1 to {REASON_CHARS} characters).")]
    ReasonMissing,
    /// No such batch.
    #[error("There is no such disposal batch.")]
    NotFound,
}

/// A reviewer's decision, once the rules allow it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Add this approval; `completes` when it is the last one needed.
    Approve {
        /// The approver.
        approver: String,
        /// Whether the batch is approved with it.
        completes: bool,
    },
    /// Reject the batch for this reason.
    Reject {
        /// The reviewer.
        reviewer: String,
        /// Why (trimmed).
        reason: String,
    },
}

fn open_for_review(batch: &Batch, user: &User) -> Result<(), BatchError> {
    if !is_records_staff(user) {
        return Err(BatchError::NotRecordsStaff);
    }
    if batch.state != BatchState::Proposed {
        return Err(BatchError::Closed(match batch.state {
            BatchState::Approved => "approved already",
            BatchState::Rejected => "rejected",
            _ => "disposed of",
        }));
    }
    Ok(())
}

/// The approval `user` may give `batch`: a member of the records group,
/// not its proposer, not twice.
pub fn approve(batch: &Batch, user: &User) -> Result<Decision, BatchError> {
    open_for_review(batch, user)?;
    if batch.proposed_by == user.username {
        return Err(BatchError::OwnBatch);
    }
    if batch.approvals.iter().any(|a| a.approver == user.username) {
        return Err(BatchError::AlreadyApproved);
    }
    Ok(Decision::Approve {
        approver: user.username.clone(),
        completes: batch.approvals.len() + 1 >= APPROVALS_NEEDED,
    })
}

/// The rejection `user` may make, with its reason (any member of the
/// records group, the proposer included, while the batch waits).
pub fn reject(batch: &Batch, user: &User, reason: &str) -> Result<Decision, BatchError> {
    open_for_review(batch, user)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > REASON_CHARS {
        return Err(BatchError::ReasonMissing);
    }
    Ok(Decision::Reject {
        reviewer: user.username.clone(),
        reason: reason.to_owned(),
    })
}

/// The activity verbs whose values stay after disposal: the report's
/// handling, with nothing a person wrote. Every other entry (comments,
/// summaries, corrections, letters, file names) keeps its verb, who and
/// when, and loses its values.
pub const KEPT_ACTIVITY: &[&str] = &[
    "Status:",
    "Assigned section:",
    "Assigned to:",
    "Litigation hold:",
    "Secondary review:",
    "Primary classification:",
    "District:",
    "DJ number:",
    "Retention schedule:",
    "Disposal skipped:",
    "Disposed:",
];

/// A report closed and past its schedule, as a proposal finds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueReport {
    /// The report.
    pub report: ReportId,
    /// Its record number.
    pub public_id: PublicId,
    /// Its section.
    pub section: Section,
    /// When it was closed.
    pub closed_at: DateTime<Utc>,
    /// The schedule it follows (its own, or its section's default).
    pub schedule: String,
}

#[cfg(test)]
mod tests;

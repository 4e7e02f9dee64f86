//! Working a report (DOMAIN.md "Working a report"): the rules that turn a
//! staff change into new staff fields plus activity entries. Pure: the
//! repository applies the result in one transaction.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    choice::Choice,
    fields::limits,
    reference,
    report::{Section, StaffFields, Status},
};

/// A change staff asked for. `None` leaves a field as it is; for optional
/// fields `Some(None)` clears it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffChange {
    /// New section (a different one resets the report).
    pub assigned_section: Option<Section>,
    /// Why the new section, when routing chose it (re-routing after a
    /// correction, `crt-admin report reroute`); applied only with a
    /// section change.
    pub routing_explanation: Option<String>,
    /// New status.
    pub status: Option<Status>,
    /// New assignee (username) or none.
    pub assigned_to: Option<Option<String>>,
    /// New primary statute code or none.
    pub primary_statute: Option<Option<String>>,
    /// New judicial district code or none.
    pub district: Option<Option<String>>,
    /// Secondary review on or off.
    pub referred: Option<bool>,
    /// Litigation hold on or off.
    pub litigation_hold: Option<bool>,
    /// New staff summary.
    pub summary: Option<String>,
    /// A comment to add.
    pub comment: Option<String>,
    /// Mark the report viewed.
    pub viewed: Option<bool>,
    /// Log that the report was printed.
    pub printed: bool,
    /// New retention schedule (a code of the schedules) or none (the
    /// section's default for the report's status).
    #[serde(default)]
    pub retention_schedule: Option<Option<String>>,
    /// Tags to add (each must be defined and not retired).
    #[serde(default)]
    pub add_tags: Vec<crate::tags::TagRef>,
    /// Tags to remove.
    #[serde(default)]
    pub remove_tags: Vec<crate::tags::TagRef>,
}

/// One entry of a report's activity log (who is added by the caller).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// Staff username (or "system").
    pub actor: String,
    /// What happened, e.g. "Status:".
    pub verb: String,
    /// The value before, if any.
    pub old_value: Option<String>,
    /// The value after (or the comment text).
    pub new_value: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

/// Why a change was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    /// The report is on litigation hold.
    #[error("This report is on litigation hold: only turning the hold off is allowed.")]
    LitigationHold,
    /// The report was disposed of under its retention schedule.
    #[error(
        "This report was disposed of under its retention schedule: it can no longer be changed."
    )]
    Disposed,
    /// A code is not on its list.
    #[error("{0}")]
    Invalid(String),
}

/// The checks of a change that do not depend on the report: codes on
/// their lists, comment and summary lengths. [`apply_change`] runs them
/// too; a bulk change runs them once before touching any report.
///
/// Errors: `Invalid` with the message staff read.
pub fn check_change(change: &StaffChange) -> Result<(), ChangeError> {
    if let Some(Some(code)) = &change.retention_schedule
        && crate::retention::parse_code(code).as_deref() != Ok(code.as_str())
    {
        return Err(ChangeError::Invalid(format!(
            "{code:?} is not a retention schedule."
        )));
    }
    if let Some(Some(s)) = &change.primary_statute
        && !reference::is_statute(s)
    {
        return Err(ChangeError::Invalid(format!(
            "{s:?} is not a primary statute."
        )));
    }
    if let Some(Some(d)) = &change.district
        && !reference::is_district(d)
    {
        return Err(ChangeError::Invalid(format!(
            "{d:?} is not a judicial district."
        )));
    }
    if let Some(c) = &change.comment
        && (c.trim().is_empty() || c.chars().count() > limits::SUMMARY_CHARS)
    {
        return Err(ChangeError::Invalid(format!(
            "A comment must be between 1 and {} characters.",
            limits::SUMMARY_CHARS
        )));
    }
    if let Some(s) = &change.summary
        && s.chars().count() > limits::SUMMARY_CHARS
    {
        return Err(ChangeError::Invalid(format!(
            "A summary must be at most {} characters.",
            limits::SUMMARY_CHARS
        )));
    }
    Ok(())
}

impl StaffChange {
    /// Whether the change only logs that the report was opened or printed:
    /// such a change is not an edit and does not move the report's version.
    pub fn only_logs(&self) -> bool {
        StaffChange {
            viewed: None,
            printed: false,
            ..self.clone()
        } == StaffChange::default()
    }

    /// The part of this change that differs from `current` (a form posts
    /// every field; the unchanged ones must not undo, say, the reset that
    /// a section change makes). A blank summary never clears the stored one.
    pub fn differences_from(self, current: &StaffFields) -> StaffChange {
        let differs = |new: Option<Option<String>>, old: &Option<String>| {
            new.filter(|v| v.as_ref() != old.as_ref())
        };
        StaffChange {
            assigned_section: self
                .assigned_section
                .filter(|s| *s != current.assigned_section),
            routing_explanation: self.routing_explanation,
            status: self.status.filter(|s| *s != current.status),
            assigned_to: differs(self.assigned_to, &current.assigned_to),
            primary_statute: differs(self.primary_statute, &current.primary_statute),
            district: differs(self.district, &current.district),
            referred: self.referred.filter(|r| *r != current.referred),
            litigation_hold: self
                .litigation_hold
                .filter(|h| *h != current.litigation_hold),
            summary: self
                .summary
                .filter(|v| !v.is_empty() && Some(v) != current.summary.as_ref()),
            comment: self.comment,
            viewed: self.viewed,
            printed: self.printed,
            retention_schedule: differs(self.retention_schedule, &current.retention_schedule),
            add_tags: self
                .add_tags
                .into_iter()
                .filter(|t| !current.tags.contains(&t.qualified()))
                .collect(),
            remove_tags: self
                .remove_tags
                .into_iter()
                .filter(|t| current.tags.contains(&t.qualified()))
                .collect(),
        }
    }
}

/// Applies `change` to `current` following the rules, returning the new
/// staff fields and one activity entry per change (in the order applied).
pub fn apply_change(
    current: &StaffFields,
    change: &StaffChange,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<(StaffFields, Vec<Activity>), ChangeError> {
    let mut next = current.clone();
    let mut log = Vec::new();
    let mut note = |verb: &str, old: Option<String>, new: Option<String>| {
        log.push(Activity {
            actor: actor.to_owned(),
            verb: verb.to_owned(),
            old_value: old,
            new_value: new,
            at: now,
        });
    };

    if current.disposed_at.is_some() && !change.only_logs() {
        return Err(ChangeError::Disposed);
    }
    if current.litigation_hold {
        let only_lifting = change.litigation_hold == Some(false)
            && StaffChange {
                litigation_hold: None,
                comment: None,
                viewed: None,
                printed: false,
                ..change.clone()
            } == StaffChange::default();
        // Tags organise the work; they change nothing held.
        let nothing = StaffChange {
            comment: None,
            viewed: None,
            printed: false,
            add_tags: Vec::new(),
            remove_tags: Vec::new(),
            ..change.clone()
        } == StaffChange::default();
        if !only_lifting && !nothing {
            return Err(ChangeError::LitigationHold);
        }
    }
    check_change(change)?;

    if let Some(hold) = change.litigation_hold
        && hold != next.litigation_hold
    {
        note(
            "Litigation hold:",
            Some(yes_no(next.litigation_hold)),
            Some(yes_no(hold)),
        );
        next.litigation_hold = hold;
    }
    if let Some(status) = change.status
        && status != next.status
    {
        note(
            "Status:",
            Some(next.status.value().into()),
            Some(status.value().into()),
        );
        next.status = status;
        if status == Status::Closed {
            next.closed_date = Some(now);
            if next.assigned_to.take().is_some() {
                note("Report closed and Assignee removed", None, None);
            }
        } else {
            next.closed_date = None;
        }
    }
    if let Some(assignee) = &change.assigned_to {
        let assignee = assignee
            .as_ref()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty());
        // A closed report has no assignee.
        if assignee != next.assigned_to && !(next.status == Status::Closed && assignee.is_some()) {
            note(
                crate::notifications::ASSIGNED,
                next.assigned_to.clone(),
                assignee.clone(),
            );
            next.assigned_to = assignee;
        }
    }
    for (verb, field, new) in [
        (
            "Primary classification:",
            &mut next.primary_statute,
            &change.primary_statute,
        ),
        ("District:", &mut next.district, &change.district),
    ] {
        if let Some(new) = new
            && new != field
        {
            note(verb, field.clone(), new.clone());
            *field = new.clone();
        }
    }
    if let Some(referred) = change.referred
        && referred != next.referred
    {
        note(
            "Secondary review:",
            Some(yes_no(next.referred)),
            Some(yes_no(referred)),
        );
        next.referred = referred;
    }
    if let Some(section) = change.assigned_section
        && section != next.assigned_section
    {
        note(
            "Assigned section:",
            Some(section_code(next.assigned_section)),
            Some(section_code(section)),
        );
        next.assigned_section = section;
        if let Some(why) = &change.routing_explanation {
            next.routing_explanation = why.clone();
        }
        // A new section starts the report afresh, applied last so that it
        // holds even when the same save also set a status or an assignee.
        if let Some(old) = next.assigned_to.take() {
            note(crate::notifications::ASSIGNED, Some(old), None);
        }
        if next.status != Status::New {
            note(
                "Status:",
                Some(next.status.value().into()),
                Some(Status::New.value().into()),
            );
            next.status = Status::New;
            next.closed_date = None;
        }
        if let Some(old) = next.primary_statute.take() {
            note("Primary classification:", Some(old), None);
        }
        if let Some(old) = next.district.take() {
            note("District:", Some(old), None);
        }
        if let Some(old) = next.dj_number.take() {
            note("DJ number:", Some(old), None);
        }
        if next.referred {
            note("Secondary review:", Some(yes_no(true)), Some(yes_no(false)));
            next.referred = false;
        }
    }
    if let Some(schedule) = &change.retention_schedule
        && *schedule != next.retention_schedule
    {
        note(
            "Retention schedule:",
            next.retention_schedule.clone(),
            schedule.clone(),
        );
        next.retention_schedule = schedule.clone();
    }
    if let Some(summary) = &change.summary
        && Some(summary) != next.summary.as_ref()
    {
        note(
            "Updated summary:",
            next.summary.clone(),
            Some(summary.clone()),
        );
        next.summary = Some(summary.clone());
    }
    if let Some(viewed) = change.viewed
        && viewed
        && !next.viewed
    {
        note("Viewed report", None, None);
        next.viewed = true;
    }
    if change.printed {
        note("Printed report", None, None);
    }
    crate::tags::apply(
        next.assigned_section,
        &mut next.tags,
        &change.add_tags,
        &change.remove_tags,
        |verb, tag| note(verb, None, Some(tag)),
    )
    .map_err(ChangeError::Invalid)?;
    if let Some(comment) = &change.comment {
        note("Added comment:", None, Some(comment.trim().to_owned()));
    }
    Ok((next, log))
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.into()
}

fn section_code(s: Section) -> String {
    s.value().into()
}

#[cfg(test)]
mod tests;

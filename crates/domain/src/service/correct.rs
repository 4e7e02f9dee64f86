//! Correcting a report's answers: staff fix a contact detail or an answer
//! the person gave (a misheard phone number, a wrong state). The corrected
//! answers pass the public form's rules; each changed field is an activity
//! entry with its old and new value; a change that routing reads gives
//! the section routing would now choose, for staff to accept or not
//! (re-routing is never automatic).

use std::sync::Arc;

use crate::{
    fields::{self, FIELDS},
    ports::{Clock, ProtectedClassRepository, ReportRepository, RepositoryError},
    protected_class::ProtectedClassCatalog,
    report::{Report, ReportId, ReportRecord, Section},
    routing::{RoutingInput, assign_section},
    staff::Activity,
    validation::{Answers, Context, FieldErrors, answers_of, validate_report},
};

/// The "correct a report's answers" use case.
#[derive(Clone)]
pub struct CorrectReport {
    /// The reports.
    pub reports: Arc<dyn ReportRepository>,
    /// The protected-class catalog the answers are checked against.
    pub catalog: Arc<dyn ProtectedClassRepository>,
    /// The time of the correction.
    pub clock: Arc<dyn Clock>,
}

/// A correction made.
#[derive(Debug)]
pub struct Corrected {
    /// The report as stored now.
    pub record: ReportRecord,
    /// How many fields changed (0: nothing to save, nothing written).
    pub changed: usize,
    /// The section routing would now choose, and why, when the corrected
    /// answers route elsewhere than the report's section.
    pub reroute: Option<(Section, String)>,
}

/// Why a correction was not made (nothing was written).
#[derive(Debug, thiserror::Error)]
pub enum CorrectError {
    /// No such report.
    #[error("not found")]
    NotFound,
    /// Someone else changed the report since it was read.
    #[error("the report was changed by someone else")]
    Conflict,
    /// The report is on litigation hold.
    #[error(
        "This report is on litigation hold: its answers cannot be corrected until the hold is turned off."
    )]
    LitigationHold,
    /// The report was disposed of under its retention schedule.
    #[error(
        "This report was disposed of under its retention schedule: its answers can no longer be corrected."
    )]
    Disposed,
    /// The corrected answers break the form's rules.
    #[error("the corrected answers are not valid")]
    Invalid(FieldErrors),
    /// Storing failed.
    #[error(transparent)]
    Repository(RepositoryError),
}

impl From<RepositoryError> for CorrectError {
    fn from(e: RepositoryError) -> Self {
        match e {
            RepositoryError::NotFound => Self::NotFound,
            RepositoryError::Conflict { .. } => Self::Conflict,
            e => Self::Repository(e),
        }
    }
}

/// How a field's answer reads in the activity log ("" when unanswered).
fn shown(name: &str, answers: &Answers, catalog: &ProtectedClassCatalog) -> String {
    let values = answers.values(name);
    values
        .iter()
        .map(|v| {
            if name == fields::names::PROTECTED_CLASS {
                catalog.label_of(v).to_owned()
            } else {
                fields::option_label(name, v).map_or_else(|| (*v).to_owned(), str::to_owned)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One activity entry per field whose answer differs, in form order.
pub fn corrections(
    old: &Report,
    new: &Report,
    catalog: &ProtectedClassCatalog,
    actor: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Vec<Activity> {
    let (before, after) = (answers_of(old), answers_of(new));
    FIELDS
        .iter()
        .filter_map(|f| {
            let (o, n) = (
                shown(f.name, &before, catalog),
                shown(f.name, &after, catalog),
            );
            (o != n).then(|| Activity {
                actor: actor.to_owned(),
                verb: format!("Corrected \"{}\":", f.label),
                old_value: (!o.is_empty()).then_some(o),
                new_value: (!n.is_empty()).then_some(n),
                at,
            })
        })
        .collect()
}

impl CorrectReport {
    /// Replaces the answers of report `id` (at `expected_version`) with the
    /// public-form fields in `posted` (a field left out of `posted` is
    /// cleared, as a form posts every field); the intake format, language
    /// and dates stay.
    ///
    /// Errors: `NotFound`; `Conflict`; `LitigationHold`; `Invalid` (every
    /// problem, with the form's messages); `Repository`.
    pub async fn correct(
        &self,
        id: ReportId,
        expected_version: i32,
        posted: &Answers,
        actor: &str,
    ) -> Result<Corrected, CorrectError> {
        let record = self.reports.get(id).await?;
        if record.version != expected_version {
            return Err(CorrectError::Conflict);
        }
        if record.staff.disposed_at.is_some() {
            return Err(CorrectError::Disposed);
        }
        if record.staff.litigation_hold {
            return Err(CorrectError::LitigationHold);
        }
        let catalog = self
            .catalog
            .catalog()
            .await?
            .keeping(&record.report.protected_classes);
        let now = self.clock.now();
        let mut answers = answers_of(&record.report);
        let names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        answers.replace_fields(&names, posted);
        let ctx = Context {
            catalog: &catalog,
            today: now.date_naive(),
        };
        let mut report = validate_report(&answers, ctx).map_err(CorrectError::Invalid)?;
        report.intake_format = record.report.intake_format;
        report.language = record.report.language.clone();
        report.received_date = record.report.received_date;
        let activity = corrections(&record.report, &report, &catalog, actor, now);
        if activity.is_empty() {
            return Ok(Corrected {
                record,
                changed: 0,
                reroute: None,
            });
        }
        let stored = self
            .reports
            .update_answers(id, expected_version, &report, &activity, now)
            .await?;
        let reroute = (RoutingInput::of(&record.report) != RoutingInput::of(&stored.report))
            .then(|| assign_section(&stored.report))
            .filter(|(section, _)| *section != stored.staff.assigned_section);
        Ok(Corrected {
            changed: activity.len(),
            record: stored,
            reroute,
        })
    }

    /// The section routing chooses for a report's answers as they are now,
    /// when it is not the report's section (the detail page's offer).
    pub fn routing_differs(record: &ReportRecord) -> Option<(Section, String)> {
        let (section, why) = assign_section(&record.report);
        (section != record.staff.assigned_section).then_some((section, why))
    }
}

//! Reading answers field by field, collecting every problem instead of
//! stopping at the first, and keeping what the step parsers read.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Answers;
use crate::{
    choice::Choice,
    protected_class::ProtectedClassCatalog,
    report::{Concern, Contact, IncidentDate, Location, PrimaryComplaint, WitnessOrHarmed, YesNo},
    values::InvalidValue,
};

/// One problem with one field, with the sentence to show beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name (as in the HTML form).
    pub field: String,
    /// The message for the person.
    pub message: String,
}

/// Every problem found, in form order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{} field(s) need attention: {}", .0.len(), .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// No problems.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The messages for one field.
    pub fn for_field(&self, field: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.message.as_str())
            .collect()
    }
}

/// What validation needs to know about the world.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The protected-class options (only active ones are accepted).
    pub catalog: &'a ProtectedClassCatalog,
    /// Today's date, for "not in the future".
    pub today: NaiveDate,
}

/// The parts of a report the step checks read, one slot per step parser
/// (`None`: that parser did not run, or found a problem). The step
/// registry's checks fill it, so that `validate_report` builds the report
/// from one pass over the answers instead of parsing them again.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    /// What `parse_contact` read.
    pub(crate) contact: Option<(Contact, YesNo)>,
    /// What `parse_primary_complaint` read.
    pub(crate) primary_complaint: Option<PrimaryComplaint>,
    /// What `parse_location` read.
    pub(crate) location: Option<Location>,
    /// What `parse_concern` read.
    pub(crate) concern: Option<Concern>,
    /// What `parse_witness` read (`Some(None)`: the step ran, unanswered).
    pub(crate) witness: Option<Option<WitnessOrHarmed>>,
    /// What `parse_protected_classes` read.
    pub(crate) protected_classes: Option<(Vec<String>, Option<String>)>,
    /// What `parse_incident_date` read.
    pub(crate) incident_date: Option<IncidentDate>,
    /// What `parse_violation_summary` read.
    pub(crate) violation_summary: Option<String>,
}

/// Reads fields from answers, collecting every problem instead of stopping
/// at the first.
pub struct Check<'a> {
    answers: &'a Answers,
    ctx: Context<'a>,
    errors: Vec<FieldError>,
    /// The parts of a report the step checks read so far.
    pub(crate) parts: Parts,
}

fn too_long(max: usize, n: usize) -> String {
    format!("Ensure this value has at most {max} characters (it has {n}).")
}

impl<'a> Check<'a> {
    /// Starts checking `answers`.
    pub fn new(answers: &'a Answers, ctx: Context<'a>) -> Self {
        Self {
            answers,
            ctx,
            errors: Vec::new(),
            parts: Parts::default(),
        }
    }
    /// The answers being checked.
    pub fn answers(&self) -> &'a Answers {
        self.answers
    }
    /// The context.
    pub fn context(&self) -> Context<'a> {
        self.ctx
    }
    /// Records a problem.
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }
    /// How many problems were recorded so far.
    pub(crate) fn error_count(&self) -> usize {
        self.errors.len()
    }
    /// Finishes: the problems found, in order.
    pub fn finish(self) -> FieldErrors {
        FieldErrors(self.errors)
    }
    /// Finishes: the problems found, in order, and the parts of a report
    /// the step checks read.
    pub(crate) fn finish_with_parts(self) -> (FieldErrors, Parts) {
        (FieldErrors(self.errors), self.parts)
    }
    /// Optional free text of at most `max` characters.
    pub fn text(&mut self, field: &str, max: usize) -> Option<String> {
        let v = self.answers.get(field)?;
        let n = v.chars().count();
        if n > max {
            self.error(field, too_long(max, n));
            return None;
        }
        Some(v.to_owned())
    }
    /// Required free text.
    pub fn required_text(&mut self, field: &str, max: usize, missing: &str) -> Option<String> {
        if self.answers.get(field).is_none() {
            self.error(field, missing);
            return None;
        }
        self.text(field, max)
    }
    /// Optional value checked by a newtype's `parse`.
    pub fn parsed<T>(
        &mut self,
        field: &str,
        max: usize,
        parse: fn(&str) -> Result<T, InvalidValue>,
    ) -> Option<T> {
        let v = self.text(field, max)?;
        parse(&v).map_err(|e| self.error(field, e.0)).ok()
    }
    /// Optional member of a closed set.
    pub fn choice<C: Choice>(&mut self, field: &str) -> Option<C> {
        let v = self.answers.get(field)?;
        let c = C::from_value(v);
        if c.is_none() {
            self.error(field, invalid_choice(v));
        }
        c
    }
    /// Required member of a closed set.
    pub fn required_choice<C: Choice>(&mut self, field: &str, missing: &str) -> Option<C> {
        if self.answers.get(field).is_none() {
            self.error(field, missing);
            return None;
        }
        self.choice(field)
    }
}

pub(super) fn invalid_choice(v: &str) -> String {
    let shown: String = v.chars().take(40).collect();
    format!("Select a valid choice. {shown} is not one of the available choices.")
}

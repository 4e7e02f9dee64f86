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

/// What is wrong with an answer: a code and the values its message needs.
/// No sentence lives here: the web layer renders each code in the page's
/// language from the message files (`locales/<lang>/main.ftl`), by the id
/// and arguments [`FieldError::message_id`] and [`FieldError::message_args`]
/// give. The English rendering is the sentence of DOMAIN.md.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// A required answer is missing (each field has its own message).
    Missing,
    /// Longer than the field takes.
    TooLong {
        /// The most characters the field takes.
        max: usize,
        /// How many were sent.
        count: usize,
    },
    /// Not one of the options (the value sent, cut to 40 characters).
    NotAChoice {
        /// What was sent.
        value: String,
    },
    /// Not an e-mail address.
    InvalidEmail,
    /// Not a phone number.
    InvalidPhone,
    /// Not a state or territory.
    InvalidState,
    /// Not a ZIP code.
    InvalidZip,
    /// The month is not 1 to 12.
    MonthInvalid,
    /// The year is not four digits from 1900.
    YearInvalid,
    /// The day is not in the month.
    DayInvalid,
    /// The date is after today.
    DateInFuture,
    /// The description has too many words.
    TooManyWords {
        /// The most words it may have.
        max: usize,
        /// How many it has.
        count: usize,
    },
    /// The bot challenge was not answered.
    ChallengeMissing,
    /// The bot challenge's answer was refused.
    ChallengeFailed,
    /// The bot challenge could not be checked just now.
    ChallengeUnavailable,
    /// A problem of a staff-only field (intake page, API), in English:
    /// staff pages are not translated.
    Staff(String),
}

/// A value a problem's message shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageArg<'a> {
    /// Text, shown as it is (escaped by the page).
    Text(&'a str),
    /// A count or a limit.
    Number(usize),
}

/// One problem with one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name (as in the HTML form).
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

impl FieldError {
    /// The id of the message that explains the problem (`error-…` in the
    /// message files); `None` for a staff-only problem, whose English text
    /// is [`Problem::Staff`]'s.
    pub fn message_id(&self) -> Option<String> {
        Some(match &self.problem {
            Problem::Missing => format!("error-missing-{}", self.field),
            Problem::TooLong { .. } => "error-too-long".into(),
            Problem::NotAChoice { .. } => "error-not-a-choice".into(),
            Problem::InvalidEmail => "error-email-invalid".into(),
            Problem::InvalidPhone => "error-phone-invalid".into(),
            Problem::InvalidState => "error-state-invalid".into(),
            Problem::InvalidZip => "error-zip-invalid".into(),
            Problem::MonthInvalid => "error-month-invalid".into(),
            Problem::YearInvalid => "error-year-invalid".into(),
            Problem::DayInvalid => "error-day-invalid".into(),
            Problem::DateInFuture => "error-date-future".into(),
            Problem::TooManyWords { .. } => "error-too-many-words".into(),
            Problem::ChallengeMissing => "error-challenge-missing".into(),
            Problem::ChallengeFailed => "error-challenge-failed".into(),
            Problem::ChallengeUnavailable => "error-challenge-unavailable".into(),
            Problem::Staff(_) => return None,
        })
    }

    /// The values the message shows, by name.
    pub fn message_args(&self) -> Vec<(&'static str, MessageArg<'_>)> {
        match &self.problem {
            Problem::TooLong { max, count } | Problem::TooManyWords { max, count } => vec![
                ("max", MessageArg::Number(*max)),
                ("count", MessageArg::Number(*count)),
            ],
            Problem::NotAChoice { value } => vec![("value", MessageArg::Text(value))],
            _ => Vec::new(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.problem, self.message_id()) {
            (Problem::Staff(text), _) => write!(f, "{}: {text}", self.field),
            (_, Some(id)) => write!(f, "{}: {id}", self.field),
            (_, None) => write!(f, "{}", self.field),
        }
    }
}

/// Every problem found, in form order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{} field(s) need attention: {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// No problems.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The problems of one field.
    pub fn for_field(&self, field: &str) -> Vec<&FieldError> {
        self.0.iter().filter(|e| e.field == field).collect()
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
    pub fn error(&mut self, field: &str, problem: Problem) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            problem,
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
            self.error(field, Problem::TooLong { max, count: n });
            return None;
        }
        Some(v.to_owned())
    }
    /// Required free text.
    pub fn required_text(&mut self, field: &str, max: usize) -> Option<String> {
        if self.answers.get(field).is_none() {
            self.error(field, Problem::Missing);
            return None;
        }
        self.text(field, max)
    }
    /// Optional value checked by a newtype's `parse`; `problem` when it
    /// refuses it.
    pub fn parsed<T>(
        &mut self,
        field: &str,
        max: usize,
        parse: fn(&str) -> Result<T, InvalidValue>,
        problem: Problem,
    ) -> Option<T> {
        let v = self.text(field, max)?;
        parse(&v)
            .map_err(|_refused| self.error(field, problem))
            .ok()
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
    pub fn required_choice<C: Choice>(&mut self, field: &str) -> Option<C> {
        if self.answers.get(field).is_none() {
            self.error(field, Problem::Missing);
            return None;
        }
        self.choice(field)
    }
}

pub(super) fn invalid_choice(v: &str) -> Problem {
    Problem::NotAChoice {
        value: v.chars().take(40).collect(),
    }
}

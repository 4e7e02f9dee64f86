//! A report in progress (the wizard's draft) and the navigation rules of the
//! public form: where Next and Back lead, which earlier steps a person may
//! return to, and what happens when they come back from the review page.
//! Stored server-side by a [`crate::ports::DraftRepository`].

use serde::{Deserialize, Serialize};

use crate::{
    form::{self, STEPS, Step},
    validation::{Answers, Check, Context},
    values::PublicId,
};

/// A draft of a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Everything typed so far.
    pub answers: Answers,
    /// The step the person is on; a post for any other step is refused as
    /// a refreshed or replayed page.
    pub current_step: String,
    /// The furthest step reached; earlier steps may be revisited.
    pub furthest_step: String,
    /// Incremented by every save (concurrent tabs cannot overwrite each other).
    pub version: i32,
    /// Set once submitted: the report's public id.
    pub submitted: Option<PublicId>,
}

impl Default for Draft {
    fn default() -> Self {
        Self::new()
    }
}

fn index(name: &str) -> usize {
    STEPS.iter().position(|s| s.name == name).unwrap_or(0)
}

impl Draft {
    /// A new draft on the first step.
    pub fn new() -> Self {
        let first = STEPS[0].name.to_owned();
        Self {
            answers: Answers::new(),
            current_step: first.clone(),
            furthest_step: first,
            version: 0,
            submitted: None,
        }
    }

    /// The current step (the first one if the stored name is unknown).
    pub fn current(&self) -> &'static Step {
        form::step(&self.current_step).unwrap_or(&STEPS[0])
    }

    /// Whether the person may go to `step` (shown for their answers and not
    /// beyond the furthest step reached).
    pub fn may_visit(&self, step: &str) -> bool {
        form::steps_for(&self.answers).any(|s| s.name == step)
            && index(step) <= index(&self.furthest_step)
    }

    /// Moves to an earlier step (from a "Change" link on the review page).
    pub fn visit(&mut self, step: &str) -> bool {
        if self.may_visit(step) {
            self.current_step = step.to_owned();
            true
        } else {
            false
        }
    }

    /// Keeps the posted answers of the current step.
    pub fn keep(&mut self, posted: &Answers) {
        let fields = self.current().fields;
        self.answers.replace_fields(fields, posted);
    }

    /// Back: to the previous shown step (answers already kept).
    pub fn back(&mut self) {
        if let Some(prev) = form::previous_step(&self.current_step, &self.answers) {
            self.current_step = prev.name.to_owned();
        }
    }

    /// Next, after the current step passed its check: the following step;
    /// or, for someone who has already reached the review, the first step
    /// that still needs an answer (a changed primary concern brings its new
    /// location questions) and otherwise the review again.
    pub fn advance(&mut self, ctx: Context<'_>) {
        let reached_review = self.furthest_step == "review";
        let next = if reached_review {
            form::steps_for(&self.answers)
                .find(|s| {
                    let mut c = Check::new(&self.answers, ctx);
                    (s.check)(&mut c);
                    !c.finish().is_empty()
                })
                .or_else(|| form::step("review"))
        } else {
            form::next_step(&self.current_step, &self.answers)
        };
        if let Some(next) = next {
            self.current_step = next.name.to_owned();
            if index(next.name) > index(&self.furthest_step) {
                self.furthest_step = next.name.to_owned();
            }
        }
    }

    /// The stages of the progress bar with their state for this draft.
    pub fn progress(&self) -> Vec<(&'static str, StageState)> {
        let current = self.current().stage;
        let stages = form::stages();
        let at = stages.iter().position(|s| *s == current).unwrap_or(0);
        stages
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let state = match i.cmp(&at) {
                    std::cmp::Ordering::Less => StageState::Complete,
                    std::cmp::Ordering::Equal => StageState::Current,
                    std::cmp::Ordering::Greater => StageState::Upcoming,
                };
                (s, state)
            })
            .collect()
    }
}

/// Where a progress-bar stage stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StageState {
    /// Done.
    Complete,
    /// Here.
    Current,
    /// To come.
    Upcoming,
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::protected_class::current_catalog;

    fn post(d: &mut Draft, pairs: &[(&str, &str)], ctx: Context<'_>) {
        d.keep(&Answers::from_pairs(pairs.iter().copied()));
        let mut c = Check::new(&d.answers, ctx);
        (d.current().check)(&mut c);
        assert!(c.finish().is_empty(), "step {} should pass", d.current_step);
        d.advance(ctx);
    }

    #[test]
    fn walk_review_change_concern_and_return() {
        let catalog = current_catalog();
        let ctx = Context {
            catalog: &catalog,
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        };
        let mut d = Draft::new();
        assert!(!d.may_visit("date"), "no skipping ahead");
        post(&mut d, &[("servicemember", "no")], ctx);
        post(&mut d, &[("primary_complaint", "housing")], ctx);
        assert_eq!(d.current_step, "location-housing");
        post(
            &mut d,
            &[
                ("location_name", "A"),
                ("location_city_town", "B"),
                ("location_state", "CA"),
            ],
            ctx,
        );
        post(&mut d, &[("protected_class", "age")], ctx);
        post(
            &mut d,
            &[("last_incident_month", "1"), ("last_incident_year", "2026")],
            ctx,
        );
        post(&mut d, &[("violation_summary", "x")], ctx);
        assert_eq!(d.current_step, "review");
        assert_eq!(d.progress().last().map(|p| p.1), Some(StageState::Current));

        // Change the concern from the review: the new location questions come next.
        assert!(d.visit("primary-concern"));
        post(&mut d, &[("primary_complaint", "workplace")], ctx);
        assert_eq!(d.current_step, "location-workplace");
        post(
            &mut d,
            &[
                ("location_name", "A"),
                ("location_city_town", "B"),
                ("location_state", "CA"),
                ("public_or_private_employer", "public_employer"),
                ("employer_size", "not_sure"),
            ],
            ctx,
        );
        assert_eq!(d.current_step, "review", "everything else is answered");

        d.back();
        assert_eq!(d.current_step, "description");
        assert!(
            !d.visit("location-housing"),
            "not shown for a workplace report"
        );
    }
}

/// Where a draft moves when it is filed: the browser gets a new session
/// then, so a session token known before filing (a shared computer, a
/// leaked cookie) does not show the confirmation for long.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rekey {
    /// The new session's key (the filed draft is stored under it too).
    pub to: String,
    /// When the old key's filed draft expires (a short grace, for a second
    /// click on Submit that left before the new cookie arrived).
    pub old_expires: chrono::DateTime<chrono::Utc>,
    /// When the new key's filed draft expires.
    pub new_expires: chrono::DateTime<chrono::Utc>,
}

//! The public form, one step at a time: which draft a visitor is on, what
//! a posted step does (Next, Back, Submit on the review), and when the form
//! is closed for maintenance. Drafts are stored server-side so any instance
//! continues them; nothing typed is lost, even when it has errors.

use std::{net::IpAddr, sync::Arc};

use chrono::Duration;

use crate::{
    draft::Draft,
    field_rules::FieldError,
    form::{self, STEPS},
    ports::{Clock, DraftError, DraftRepository, HumanCheck, ProtectedClassRepository},
    validation::{Answers, Check, Context, FieldErrors, Problem},
    values::PublicId,
};

use super::{FileError, FileReport, Filed, Intake, Limit};

/// How long an untouched draft is kept.
pub fn draft_ttl() -> Duration {
    Duration::hours(24)
}

/// How long the session a report was filed from still shows its
/// confirmation (the browser has a new session by then).
pub fn filed_grace() -> Duration {
    Duration::minutes(5)
}

/// The form field the bot challenge's widget posts its answer in
/// (Cloudflare Turnstile's name).
pub const CHALLENGE_RESPONSE: &str = "cf-turnstile-response";

/// The name problems with the bot challenge are reported under (the
/// widget's container has this id).
pub const CHALLENGE_FIELD: &str = "challenge";

/// Who is posting a step.
#[derive(Clone, Copy, Debug)]
pub struct Visitor<'a> {
    /// The key of the visitor's session (a hash of its token).
    pub session_key: &'a str,
    /// The key the session moves to if this step files the report.
    pub filed_key: &'a str,
    /// The client's address, when it can be read (the limits count by it).
    pub address: Option<IpAddr>,
}

/// What `GET /report/` shows.
#[derive(Debug)]
pub enum ShowOutcome {
    /// The form is closed to newcomers for maintenance.
    Maintenance,
    /// This draft's current step (version 0: a newcomer's blank form).
    Draft(Draft),
    /// The draft changed while moving to another step: load the form again.
    Reload,
}

/// What a posted step leads to.
#[derive(Debug)]
pub enum StepOutcome {
    /// No such step.
    UnknownStep,
    /// Saved: show the step the draft is on now.
    Saved,
    /// Saved with problems: show this draft's step with them.
    Invalid {
        /// The draft as saved.
        draft: Draft,
        /// Every problem.
        errors: FieldErrors,
    },
    /// The page was sent before (another tab, the Back button, a replay).
    Refreshed,
    /// The form is closed to new drafts for maintenance.
    Maintenance,
    /// Too many reports or drafts from this network: show this draft's
    /// step (with what was posted, saved or not) and say so.
    Limited {
        /// The draft to show, with the posted answers.
        draft: Draft,
        /// Which limit.
        limit: Limit,
    },
    /// This post filed the report: show the confirmation (the session has
    /// moved to [`Visitor::filed_key`]).
    FiledNow(Box<Filed>),
    /// An earlier click filed it: show the confirmation.
    Filed,
}

/// The "take one step of the public form" use case.
#[derive(Clone)]
pub struct SaveDraftStep {
    /// The drafts.
    pub drafts: Arc<dyn DraftRepository>,
    /// The protected-class catalog the answers are checked against.
    pub catalog: Arc<dyn ProtectedClassRepository>,
    /// Files the report on the review step.
    pub file: FileReport,
    /// The time (drafts expire [`draft_ttl`] after their last save).
    pub clock: Arc<dyn Clock>,
    /// `MAINTENANCE_MODE`: the form is closed to new drafts (drafts in
    /// progress carry on).
    pub maintenance: bool,
    /// The bot challenge on the first step, when one is configured.
    pub challenge: Option<Arc<dyn HumanCheck>>,
}

impl SaveDraftStep {
    async fn save(&self, key: &str, draft: &mut Draft) -> Result<bool, DraftError> {
        match self
            .drafts
            .save_draft(key, draft, self.clock.now(), draft_ttl())
            .await
        {
            Ok(v) => {
                draft.version = v;
                Ok(true)
            }
            Err(DraftError::Conflict | DraftError::AlreadySubmitted(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The draft to show for a session (`None`: the visitor has no session
    /// yet, so nothing is read or written), moving to step `visit` first
    /// when the draft may go there.
    ///
    /// Errors: the drafts' storage failed.
    pub async fn show(
        &self,
        session_key: Option<&str>,
        visit: Option<&str>,
    ) -> Result<ShowOutcome, DraftError> {
        let loaded = match session_key {
            Some(key) => self.drafts.load_draft(key, self.clock.now()).await?,
            None => None,
        };
        let live = loaded.filter(|d| d.submitted.is_none());
        // Maintenance closes the form to newcomers; drafts in progress carry on.
        if self.maintenance && live.is_none() {
            return Ok(ShowOutcome::Maintenance);
        }
        let mut draft = live.unwrap_or_default();
        if let (Some(key), Some(target)) = (session_key, visit)
            && draft.version > 0
            && *target != draft.current_step
            && draft.visit(target)
            && !self.save(key, &mut draft).await?
        {
            return Ok(ShowOutcome::Reload);
        }
        Ok(ShowOutcome::Draft(draft))
    }

    /// Takes one posted step: `posted` holds the step's answers, `step`
    /// (its name) and `action` (`next`, `back`; Submit on the review).
    ///
    /// Errors: the drafts' storage failed.
    pub async fn take(
        &self,
        visitor: &Visitor<'_>,
        posted: &Answers,
        intake: &Intake,
    ) -> Result<StepOutcome, DraftError> {
        let session_key = visitor.session_key;
        let Some(step) = form::step(posted.get("step").unwrap_or("")) else {
            return Ok(StepOutcome::UnknownStep);
        };
        let back = posted.get("action") == Some("back");
        let now = self.clock.now();
        let first = STEPS[0].name;
        let mut draft = match self.drafts.load_draft(session_key, now).await? {
            // A second click on Submit: show the report the first one filed.
            Some(d) if d.submitted.is_some() && step.name == "review" => {
                return Ok(StepOutcome::Filed);
            }
            // Starting another report after filing one.
            Some(d) if d.submitted.is_some() && step.name == first && !self.maintenance => {
                Draft::new()
            }
            Some(d) if d.submitted.is_some() => return Ok(StepOutcome::Refreshed),
            Some(d) => d,
            // Maintenance closes the form to new drafts, by POST as by GET.
            None if self.maintenance => return Ok(StepOutcome::Maintenance),
            None if step.name == first => Draft::new(),
            None => return Ok(StepOutcome::Refreshed),
        };
        if draft.current_step != step.name {
            return Ok(StepOutcome::Refreshed);
        }
        let mut errors = FieldErrors::default();
        if step.name == "review" && !back {
            // Filing reads the catalog itself (once).
            return self.submit(visitor, draft, intake).await;
        }
        if step.name != "review" {
            draft.keep(posted);
        }
        if draft.version == 0
            && self
                .file
                .limits
                .allow_from(Limit::DraftsFromAddress, visitor.address)
                .await?
                .is_none()
        {
            // Not stored: the page shows what was posted so it is not lost.
            return Ok(StepOutcome::Limited {
                draft,
                limit: Limit::DraftsFromAddress,
            });
        }
        if back {
            draft.back();
        } else {
            // The catalog only for checking a step's answers.
            let catalog = self.catalog.catalog().await?;
            let ctx = Context {
                catalog: &catalog,
                today: now.date_naive(),
            };
            let mut check = Check::new(&draft.answers, ctx);
            (step.check)(&mut check);
            errors = check.finish();
            if step.name == first
                && let Some(problem) = self.challenge_problem(posted, visitor.address).await
            {
                errors.0.push(FieldError {
                    field: CHALLENGE_FIELD.into(),
                    problem,
                });
            }
            if errors.is_empty() {
                draft.advance(ctx);
            }
        }
        // Save even when there are errors: nothing typed is lost.
        if !self.save(session_key, &mut draft).await? {
            return Ok(StepOutcome::Refreshed);
        }
        Ok(if errors.is_empty() {
            StepOutcome::Saved
        } else {
            StepOutcome::Invalid { draft, errors }
        })
    }

    /// Why the bot challenge was not passed, if it is on and was not.
    async fn challenge_problem(
        &self,
        posted: &Answers,
        address: Option<IpAddr>,
    ) -> Option<Problem> {
        let check = self.challenge.as_ref()?;
        let response = posted.get(CHALLENGE_RESPONSE).unwrap_or("").trim();
        if response.is_empty() {
            return Some(Problem::ChallengeMissing);
        }
        match check.verify(response, address).await {
            Ok(true) => None,
            Ok(false) => Some(Problem::ChallengeFailed),
            Err(_) => Some(Problem::ChallengeUnavailable),
        }
    }

    async fn submit(
        &self,
        visitor: &Visitor<'_>,
        mut draft: Draft,
        intake: &Intake,
    ) -> Result<StepOutcome, DraftError> {
        let key = visitor.session_key;
        let limits = &self.file.limits;
        let Some(permit) = limits
            .allow_from(Limit::ReportsFromAddress, visitor.address)
            .await?
        else {
            return Ok(StepOutcome::Limited {
                draft,
                limit: Limit::ReportsFromAddress,
            });
        };
        let filed = self
            .file
            .from_draft(
                key,
                visitor.filed_key,
                &draft.answers,
                draft.version,
                intake,
            )
            .await;
        if filed.is_err() {
            // Not filed by this click (invalid, filed by another click, or
            // a failure): it does not count against the network.
            limits.give_back(permit).await;
        }
        match filed {
            Ok(filed) => Ok(StepOutcome::FiledNow(Box::new(filed))),
            Err(FileError::AlreadySubmitted(_)) => Ok(StepOutcome::Filed),
            Err(FileError::DraftChanged) => Ok(StepOutcome::Refreshed),
            Err(FileError::Invalid { errors, first_step }) => {
                draft.current_step = first_step.to_owned();
                if !self.save(key, &mut draft).await? {
                    return Ok(StepOutcome::Refreshed);
                }
                Ok(StepOutcome::Invalid { draft, errors })
            }
            Err(FileError::Repository(e)) => Err(DraftError::Repository(e)),
            // (Counted above, not by `from_draft`; the same answer if it were.)
            Err(FileError::OverLimit) => Ok(StepOutcome::Limited {
                draft,
                limit: Limit::ReportsFromAddress,
            }),
        }
    }

    /// The public id of the report this session filed, if it filed one.
    ///
    /// Errors: the drafts' storage failed.
    pub async fn filed_report(
        &self,
        session_key: Option<&str>,
    ) -> Result<Option<PublicId>, DraftError> {
        let Some(key) = session_key else {
            return Ok(None);
        };
        Ok(self
            .drafts
            .load_draft(key, self.clock.now())
            .await?
            .and_then(|d| d.submitted))
    }
}

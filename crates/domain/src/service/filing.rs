//! Filing a report: from a finished draft of the public form, or from a
//! complete set of answers (staff intake, the API, seeding). Validation,
//! routing, the staff fields of a new report and the auto-response are
//! decided here once, whichever door the report came in by.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::choice::Choice as _;

use crate::{
    draft::Rekey,
    form::{self, STEPS},
    ports::{
        Clock, DraftError, DraftRepository, NewOutboxEmail, ProtectedClassRepository,
        ReportRepository, RepositoryError,
    },
    report::{IntakeFormat, Report, ReportRecord, Section, StaffFields},
    routing::assign_section,
    staff::Activity,
    validation::{Answers, Context, FieldErrors, validate_report},
    values::PublicId,
};

use super::{OutboxWake, Permit, RateLimits};

mod staff;
pub use staff::StaffIntake;

/// The letter a complainant with an e-mail address receives on filing.
pub const AUTO_RESPONSE_LETTER: &str = "autoresponse";

/// How a report came in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Intake {
    /// Web form, phone, letter, fax or e-mail.
    pub format: IntakeFormat,
    /// The language the complainant used (BCP 47 tag); letters answer in it.
    pub language: String,
    /// Whether the auto-response goes to the complainant's address.
    pub send_auto_response: bool,
    /// Set when a staff member recorded the report (intake page, API).
    pub recorded: Option<Recorded>,
}

/// What a staff member adds when recording a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// Who took it (username).
    pub by: String,
    /// The day the Division received it.
    pub received: NaiveDate,
    /// A staff summary, if any.
    pub summary: Option<String>,
    /// A preset section and why (a hotline form), instead of routing.
    pub route: Option<(Section, String)>,
}

impl Intake {
    /// The public web form in English, with the auto-response.
    pub fn public_web() -> Self {
        Self {
            format: IntakeFormat::Web,
            language: "en".into(),
            send_auto_response: true,
            recorded: None,
        }
    }

    /// The public web form in `language` (a code of
    /// [`crate::report::LANGUAGES`]; English for any other), with the
    /// auto-response: the report keeps the language it was filed in.
    pub fn public_web_in(language: &str) -> Self {
        let language = if crate::report::is_language(language) {
            language
        } else {
            "en"
        };
        Self {
            language: language.into(),
            ..Self::public_web()
        }
    }
}

/// What became of the auto-response of a report just filed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutoResponse {
    /// Queued with the report.
    Queued,
    /// None to send: no e-mail address, or the intake turned it off.
    NotAsked,
    /// Skipped: this address got the day's limit of auto-responses
    /// already (`AUTO_RESPONSE_LIMIT`); the report was filed all the same.
    OverLimit,
}

/// A report just filed.
#[derive(Debug)]
pub struct Filed {
    /// The stored report.
    pub record: ReportRecord,
    /// Whether its auto-response was queued.
    pub auto_response: AutoResponse,
}

/// Why a report was not filed.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// Answers are missing or wrong: every problem, and the first step of
    /// the form that needs an answer.
    #[error("the answers are not complete")]
    Invalid {
        /// Every problem, by field.
        errors: FieldErrors,
        /// The first form step with a problem.
        first_step: &'static str,
    },
    /// This draft was filed already, as this report.
    #[error("already submitted as {0}")]
    AlreadySubmitted(PublicId),
    /// The draft changed since it was read (another tab).
    #[error("the draft was changed elsewhere")]
    DraftChanged,
    /// Too many reports came from this network in the last hour
    /// (`PUBLIC_SUBMIT_LIMIT`); nothing was stored.
    #[error("too many reports from this network in the last hour")]
    OverLimit,
    /// Storing failed.
    #[error(transparent)]
    Repository(RepositoryError),
}

impl From<RepositoryError> for FileError {
    fn from(e: RepositoryError) -> Self {
        Self::Repository(e)
    }
}

impl From<DraftError> for FileError {
    fn from(e: DraftError) -> Self {
        match e {
            DraftError::AlreadySubmitted(id) => Self::AlreadySubmitted(id),
            DraftError::Conflict => Self::DraftChanged,
            DraftError::Repository(e) => Self::Repository(e),
        }
    }
}

/// The "file a report" use case.
#[derive(Clone)]
pub struct FileReport {
    /// The public form's drafts (filing from a draft).
    pub drafts: Arc<dyn DraftRepository>,
    /// The reports (filing from answers).
    pub reports: Arc<dyn ReportRepository>,
    /// The protected-class catalog the answers are checked against.
    pub catalog: Arc<dyn ProtectedClassRepository>,
    /// Wakes the outbox worker when an auto-response is queued.
    pub wake: Arc<dyn OutboxWake>,
    /// The public's limits (auto-responses per recipient; the form's
    /// per-address limits are counted by [`SaveDraftStep`](super::SaveDraftStep)).
    pub limits: RateLimits,
    /// The filing time.
    pub clock: Arc<dyn Clock>,
    /// Flags a repeat writer's report as it is filed (`None`: no flags,
    /// for a store without them).
    pub triage: Option<super::Triage>,
}

/// A report ready to store: the report, its staff fields, its auto-response.
struct Prepared {
    report: Report,
    staff: StaffFields,
    email: Option<NewOutboxEmail>,
    /// The activity entries written with it ("Report created by …").
    activity: Vec<Activity>,
    auto_response: AutoResponse,
    /// The auto-response's count, given back if the report is not filed.
    auto_permit: Option<Permit>,
}

impl FileReport {
    async fn prepare(&self, answers: &Answers, intake: &Intake) -> Result<Prepared, FileError> {
        let catalog = self.catalog.catalog().await?;
        let ctx = Context {
            catalog: &catalog,
            today: self.clock.now().date_naive(),
        };
        let report = validate_report(answers, ctx).map_err(|errors| {
            // Send the person to the first step that needs an answer.
            let first_step = form::steps_for(answers)
                .find(|s| s.fields.iter().any(|f| !errors.for_field(f).is_empty()))
                .map_or(STEPS[0].name, |s| s.name);
            FileError::Invalid { errors, first_step }
        })?;
        self.prepare_report(report, intake).await
    }

    async fn prepare_report(
        &self,
        mut report: Report,
        intake: &Intake,
    ) -> Result<Prepared, FileError> {
        report.intake_format = intake.format;
        report.language = intake.language.clone();
        let recorded = intake.recorded.as_ref();
        report.received_date = recorded.map(|r| r.received);
        let (section, why) = match recorded.and_then(|r| r.route.clone()) {
            Some(preset) => preset,
            None => assign_section(&report),
        };
        let mut staff = StaffFields::new_report(section, why);
        staff.summary = recorded.and_then(|r| r.summary.clone());
        let activity = recorded
            .map(|r| {
                vec![Activity {
                    actor: r.by.clone(),
                    verb: format!(
                        "Report created by {} from {}",
                        r.by,
                        intake.format.label().to_lowercase()
                    ),
                    old_value: None,
                    new_value: None,
                    at: self.clock.now(),
                }]
            })
            .unwrap_or_default();
        let mut email = report
            .contact
            .email
            .clone()
            .filter(|_| intake.send_auto_response)
            .map(|recipient| NewOutboxEmail {
                recipient,
                purpose: "auto".into(),
                template: AUTO_RESPONSE_LETTER.into(),
            });
        let mut auto_response = if email.is_some() {
            AutoResponse::Queued
        } else {
            AutoResponse::NotAsked
        };
        let mut auto_permit = None;
        if let Some(e) = &email {
            match self
                .limits
                .allow_auto_response(e.recipient.as_str())
                .await?
            {
                Some(permit) => auto_permit = Some(permit),
                None => {
                    // Someone may be using the form to mail an address over
                    // and over: file the report, skip the letter.
                    email = None;
                    auto_response = AutoResponse::OverLimit;
                }
            }
        }
        Ok(Prepared {
            report,
            staff,
            email,
            activity,
            auto_response,
            auto_permit,
        })
    }

    /// After storing: wakes the worker for a queued auto-response, or gives
    /// the auto-response's count back when the report was not filed.
    async fn finish<E: Into<FileError>>(
        &self,
        stored: Result<ReportRecord, E>,
        queued: bool,
        auto_response: AutoResponse,
        auto_permit: Option<Permit>,
    ) -> Result<Filed, FileError> {
        match stored {
            Ok(mut record) => {
                // The flag is derived data: when it cannot be set now the
                // report is filed all the same, and `crt-admin
                // repeat-writers refresh` sets it later.
                if let Some(triage) = &self.triage
                    && let Ok(flagged) = triage.flag(record.id).await
                {
                    record.repeat_writer = flagged;
                }
                if queued {
                    // The auto-response is queued with the report: send it now.
                    self.wake.wake();
                }
                Ok(Filed {
                    record,
                    auto_response,
                })
            }
            Err(e) => {
                if let Some(p) = auto_permit {
                    self.limits.give_back(p).await;
                }
                Err(e.into())
            }
        }
    }

    /// Files the draft of session `session_key` (at `draft.version`) as a
    /// report; only one of several concurrent submissions files it. The
    /// filed draft moves to the session key `moved_to` (the browser gets a
    /// new session at filing); the old key still shows the confirmation
    /// for [`filed_grace`](super::filed_grace), for a second click on
    /// Submit that left before the new cookie arrived.
    ///
    /// Errors: `Invalid` (nothing stored); `AlreadySubmitted`;
    /// `DraftChanged`; `Repository`.
    pub async fn from_draft(
        &self,
        session_key: &str,
        moved_to: &str,
        answers: &Answers,
        draft_version: i32,
        intake: &Intake,
    ) -> Result<Filed, FileError> {
        let p = self.prepare(answers, intake).await?;
        let queued = p.email.is_some();
        let now = self.clock.now();
        let rekey = Rekey {
            to: moved_to.to_owned(),
            old_expires: now + super::filed_grace(),
            new_expires: now + super::draft_ttl(),
        };
        let stored = self
            .drafts
            .submit_draft(
                session_key,
                draft_version,
                &rekey,
                &p.report,
                &p.staff,
                p.email,
                now,
            )
            .await;
        self.finish(stored, queued, p.auto_response, p.auto_permit)
            .await
    }

    /// Files a complete set of answers as a report (no draft).
    ///
    /// Errors: `Invalid` (nothing stored); `Repository`.
    pub async fn from_answers(
        &self,
        answers: &Answers,
        intake: &Intake,
    ) -> Result<Filed, FileError> {
        let p = self.prepare(answers, intake).await?;
        let queued = p.email.is_some();
        let stored = self
            .reports
            .create_with_email(&p.report, &p.staff, p.email, &p.activity, self.clock.now())
            .await;
        self.finish(stored, queued, p.auto_response, p.auto_permit)
            .await
    }
}

//! Filing by a staff member (the intake pages, the API with a token) and
//! by an anonymous API caller: the intake's own answers and the limits
//! around the one filing path of [`FileReport`].

use crate::{
    choice::Choice as _,
    field_rules::Check,
    intake::{self, HotlineForm},
    validation::{Answers, Context, FieldErrors, validate_report},
};

use super::{FileError, FileReport, Filed, Intake, Recorded};

impl FileReport {
    /// Files answers sent by an anonymous caller (the JSON API, when
    /// `API_ANONYMOUS_FILING` lets it): the public web form's intake and
    /// its per-network limit (`PUBLIC_SUBMIT_LIMIT`), whose count is given
    /// back when nothing is filed; the fields only staff give are refused.
    ///
    /// Errors: `Invalid` (a staff-only field, or the form's problems);
    /// `OverLimit`; `Repository`.
    pub async fn from_anonymous(
        &self,
        answers: &Answers,
        address: Option<std::net::IpAddr>,
    ) -> Result<Filed, FileError> {
        let staff_only: Vec<crate::validation::FieldError> = intake::names::STAFF_ONLY
            .iter()
            .filter(|f| answers.get(f).is_some())
            .map(|f| crate::validation::FieldError {
                field: (*f).to_owned(),
                problem: crate::validation::Problem::Staff(intake::messages::STAFF_ONLY.to_owned()),
            })
            .collect();
        if !staff_only.is_empty() {
            return Err(FileError::Invalid {
                errors: FieldErrors(staff_only),
                first_step: "intake",
            });
        }
        let Some(permit) = self
            .limits
            .allow_from(crate::service::Limit::ReportsFromAddress, address)
            .await?
        else {
            return Err(FileError::OverLimit);
        };
        let filed = self.from_answers(answers, &Intake::public_web()).await;
        if filed.is_err() {
            self.limits.give_back(permit).await;
        }
        filed
    }
}

/// A staff member recording a report: who, in which language the
/// complainant wrote or spoke, and the hotline form used, if any.
#[derive(Clone, Copy, Debug)]
pub struct StaffIntake<'a> {
    /// The signed-in staff member (username).
    pub staff: &'a str,
    /// The complainant's language (BCP 47 tag).
    pub language: &'a str,
    /// The hotline form, when recorded on one (preset concern and section).
    pub hotline: Option<&'a HotlineForm>,
}

impl FileReport {
    /// Files a report a staff member recorded: every answer of the public
    /// form plus the intake's own (`intake_format`, `received_date`,
    /// `summary`, `send_auto_response`; see [`intake`]), checked together
    /// so that every problem is reported at once. A hotline form's preset
    /// concern replaces whatever was posted, and its section replaces
    /// routing. The report's activity log starts with "Report created by
    /// *staff* from *format*".
    ///
    /// Errors: `Invalid` (nothing stored; the intake's problems first);
    /// `Repository`.
    pub async fn from_staff(
        &self,
        answers: &Answers,
        who: StaffIntake<'_>,
    ) -> Result<Filed, FileError> {
        let mut answers = answers.clone();
        if let Some(p) = who.hotline.and_then(|h| h.primary_complaint) {
            answers.set(
                crate::fields::names::PRIMARY_COMPLAINT,
                vec![p.value().to_owned()],
            );
        }
        let catalog = self.catalog.catalog().await?;
        let ctx = Context {
            catalog: &catalog,
            today: self.clock.now().date_naive(),
        };
        let mut check = Check::new(&answers, ctx);
        let read = intake::parse_intake(&mut check);
        if !crate::report::is_language(who.language) {
            check.error(
                intake::names::LANGUAGE,
                crate::validation::Problem::Staff(intake::messages::LANGUAGE_UNKNOWN.into()),
            );
        }
        let mut errors = check.finish();
        let report = match validate_report(&answers, ctx) {
            Ok(r) => Some(r),
            Err(more) => {
                errors.0.extend(more.0);
                None
            }
        };
        let (Some(report), Some(read), true) = (report, read, errors.is_empty()) else {
            return Err(FileError::Invalid {
                errors,
                first_step: "intake",
            });
        };
        let intake = Intake {
            format: read.format,
            language: who.language.to_owned(),
            send_auto_response: read.send_auto_response,
            recorded: Some(Recorded {
                by: who.staff.to_owned(),
                received: read.received,
                summary: read.summary.filter(|s| !s.trim().is_empty()),
                route: who.hotline.map(|h| (h.section, h.routing_explanation())),
            }),
        };
        let p = self.prepare_report(report, &intake).await?;
        let queued = p.email.is_some();
        let stored = self
            .reports
            .create_with_email(&p.report, &p.staff, p.email, &p.activity, self.clock.now())
            .await;
        self.finish(stored, queued, p.auto_response, p.auto_permit)
            .await
    }
}

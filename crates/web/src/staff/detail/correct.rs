//! `/form/view/<id>/correct/`: correcting a report's answers (a misheard
//! phone number, a wrong state). Every question of the form on one page,
//! filled in with the report's answers; saving goes through
//! `CorrectReport` (the form's rules, one activity entry per changed field,
//! a re-routing offer when routing would now choose another section).

use crt_domain::{
    ports::ReportRepository,
    report::ReportRecord,
    service::CorrectError,
    validation::{Answers, FieldErrors, answers_of},
};
use poem::{
    IntoResponse, handler,
    http::StatusCode,
    web::{Data, Redirect},
};
use tera::Context;

use super::{super::auth::Staff, posted_version};
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::{PostedForm, ReportPath},
    view,
};

#[allow(clippy::too_many_arguments)] // the page's parts, each once
async fn page(
    state: &AppState,
    staff: &Staff,
    record: &ReportRecord,
    version: i32,
    answers: &Answers,
    errors: &FieldErrors,
    message: Option<&str>,
    status: StatusCode,
) -> WebResult {
    let catalog = state
        .catalog
        .get(&state.db)
        .await?
        .keeping(&record.report.protected_classes);
    let mut ctx = Context::new();
    ctx.insert(
        "page_title",
        &format!("Correct report {}", record.public_id),
    );
    ctx.insert("public_id", &record.public_id.to_string());
    ctx.insert("id", &record.id.0);
    // The version the shown answers were made from (an invalid post keeps
    // the one it was posted with, so a save made in between is still caught).
    ctx.insert("version", &version);
    ctx.insert("message", &message);
    ctx.insert(
        "groups",
        &view::intake_groups(
            answers,
            errors,
            &catalog,
            None,
            &[],
            view::Words::english(state.templates.messages()),
        ),
    );
    ctx.insert(
        "errors",
        &view::error_links(errors, view::Words::english(state.templates.messages())),
    );
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("user", &staff.user);
    state.page(status, "crt/correct.html", &ctx)
}

/// `GET /form/view/<id>/correct/`
#[handler]
pub async fn correct_form(staff: Staff, id: ReportPath, state: Data<&AppState>) -> WebResult {
    let record = state.db.get(id.0).await?;
    if record.staff.disposed_at.is_some() {
        // Nothing to correct: the answers were removed at disposal.
        return Ok(
            poem::web::Redirect::see_other(format!("/form/view/{}/", record.id.0)).into_response(),
        );
    }
    let answers = answers_of(&record.report);
    page(
        &state,
        &staff,
        &record,
        record.version,
        &answers,
        &FieldErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

const CONFLICT: &str = "Someone else changed this report while you were correcting it. Nothing was saved: \
                        here are its answers as they are now. Make your corrections again if they are still needed.";

/// `POST /form/view/<id>/correct/`
#[handler]
pub async fn correct_save(
    staff: Staff,
    id: ReportPath,
    form: PostedForm,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    staff.check_csrf(state, &form)?;
    let version = posted_version(&form)?;
    let posted = Answers::from_pairs(
        form.0
            .iter()
            .filter(|(k, _)| k != "csrf_token" && k != "version")
            .cloned(),
    );
    let result = state
        .services
        .correct
        .correct(id.0, version, &posted, &staff.user.username)
        .await;
    match result {
        Ok(done) => {
            let to = format!("/form/view/{}/?corrected={}", id.0.0, done.changed);
            Ok(Redirect::see_other(to).into_response())
        }
        Err(CorrectError::Invalid(errors)) => {
            let record = state.db.get(id.0).await?;
            page(
                state,
                &staff,
                &record,
                version,
                &posted,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(CorrectError::Conflict) => {
            let record = state.db.get(id.0).await?;
            let answers = answers_of(&record.report);
            let none = FieldErrors::default();
            page(
                state,
                &staff,
                &record,
                record.version,
                &answers,
                &none,
                Some(CONFLICT),
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e @ (CorrectError::LitigationHold | CorrectError::Disposed)) => {
            let record = state.db.get(id.0).await?;
            let msg = e.to_string();
            let none = FieldErrors::default();
            page(
                state,
                &staff,
                &record,
                version,
                &posted,
                &none,
                Some(&msg),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(CorrectError::NotFound) => Err(WebError::NotFound),
        Err(CorrectError::Repository(e)) => Err(WebError::database("correcting a report", e)),
    }
}

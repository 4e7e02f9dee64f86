//! `/form/view/<id>/`: one report for staff: every answer, the routing
//! explanation, staff fields, activity log, and the actions form
//! (`ChangeReport`, with the optimistic version check, so two editors never
//! silently overwrite each other); the print view; and writing to the
//! complainant ([`letters`], `QueueLetter`).

pub(super) mod letters;
mod view;

use crt_domain::{ports::ReportRepository, report::ReportRecord, service::ChangeReportError};
use poem::{
    IntoResponse, handler,
    http::StatusCode,
    web::{Data, Redirect},
};

use super::{
    auth::Staff,
    change_form::{Blank, change_from},
};
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::{PostedForm, ReportPath},
};

/// The report at `id` (404 when there is none).
async fn load(state: &AppState, id: ReportPath) -> WebResult<ReportRecord> {
    Ok(state.db.get(id.0).await?)
}

/// For a posted staff form: its CSRF token checked before anything is
/// read, then the report at `id`.
async fn load_for_post(
    state: &AppState,
    staff: &Staff,
    form: &PostedForm,
    id: ReportPath,
) -> WebResult<ReportRecord> {
    staff.check_csrf(state, form)?;
    load(state, id).await
}

/// Opening a report for reading: marked viewed, or logged as printed.
#[derive(Clone, Copy)]
enum Reading {
    Detail,
    Print,
}

async fn read(staff: Staff, id: ReportPath, state: &AppState, how: Reading) -> WebResult {
    let record = load(state, id).await?;
    let change = &state.services.change;
    let user = &staff.user.username;
    let ((record, problem), template) = match how {
        Reading::Detail => (change.mark_viewed(record, user).await, "crt/detail.html"),
        Reading::Print => (change.mark_printed(record, user).await, "crt/print.html"),
    };
    if let Some(e) = problem {
        tracing::warn!(error = %e, "logging that a report was read");
    }
    view::render(state, &staff, &record, StatusCode::OK, None, template).await
}

/// `GET /form/view/<id>/` (opening it marks it viewed, logged once).
#[handler]
pub async fn show(staff: Staff, id: ReportPath, state: Data<&AppState>) -> WebResult {
    read(staff, id, &state, Reading::Detail).await
}

/// `GET /form/view/<id>/print/`
#[handler]
pub async fn print(staff: Staff, id: ReportPath, state: Data<&AppState>) -> WebResult {
    read(staff, id, &state, Reading::Print).await
}

const CONFLICT: &str = "Someone else changed this report while you were working on it. Your changes were not saved: \
                        here are the current values. Make your changes again if they are still needed.";

/// `POST /form/view/<id>/`
#[handler]
pub async fn act(
    staff: Staff,
    id: ReportPath,
    form: PostedForm,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    let record = load_for_post(state, &staff, &form, id).await?;
    let version = form
        .get("version")
        .and_then(|v| v.parse::<i32>().ok())
        .ok_or_else(|| WebError::BadRequest("the form has no version".into()))?;
    let refused = |status, msg: String| {
        let record = &record;
        let staff = &staff;
        async move { view::render(state, staff, record, status, Some(&msg), "crt/detail.html").await }
    };
    let change = match change_from(&form, Blank::Clears) {
        Ok(c) => c.differences_from(&record.staff),
        Err(msg) => return refused(StatusCode::UNPROCESSABLE_ENTITY, msg).await,
    };
    match state
        .services
        .change
        .change(record.id, version, &change, &staff.user.username)
        .await
    {
        Ok(_) => Ok(Redirect::see_other(format!("/form/view/{}/", record.id.0)).into_response()),
        Err(ChangeReportError::Conflict { .. }) => {
            refused(StatusCode::CONFLICT, CONFLICT.to_owned()).await
        }
        Err(ChangeReportError::Rule(e)) => {
            refused(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()).await
        }
        Err(ChangeReportError::NotFound) => Err(WebError::NotFound),
        Err(ChangeReportError::Repository(e)) => Err(WebError::internal("updating a report", e)),
    }
}

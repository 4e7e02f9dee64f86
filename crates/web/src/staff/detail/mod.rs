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
    web::{Data, Query, Redirect},
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

/// What the detail page says after a section change: the fresh start.
const SECTION_RESET: &str = "This report moved to another section and starts afresh there: its status is new, it has no assignee, and its primary statute, district, DJ number and secondary review were cleared.";

#[derive(serde::Deserialize)]
pub(crate) struct ShowQuery {
    moved: Option<String>,
    recorded: Option<String>,
}

/// What the detail page says after staff intake filed the report.
const RECORDED: &str = "The report was recorded and routed. Check the answers below; the activity log names you as the person who took it.";

async fn read(
    staff: Staff,
    id: ReportPath,
    state: &AppState,
    how: Reading,
    notice: Option<&str>,
) -> WebResult {
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
    view::render(state, &staff, &record, StatusCode::OK, notice, template).await
}

/// `GET /form/view/<id>/` (opening it marks it viewed, logged once).
#[handler]
pub async fn show(
    staff: Staff,
    id: ReportPath,
    Query(q): Query<ShowQuery>,
    state: Data<&AppState>,
) -> WebResult {
    let notice = if q.moved.is_some() {
        Some(SECTION_RESET)
    } else {
        q.recorded.is_some().then_some(RECORDED)
    };
    read(staff, id, &state, Reading::Detail, notice).await
}

/// `GET /form/view/<id>/print/`
#[handler]
pub async fn print(staff: Staff, id: ReportPath, state: Data<&AppState>) -> WebResult {
    read(staff, id, &state, Reading::Print, None).await
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
        Ok(_) => {
            // A section change says on the page what it reset.
            let moved = if change.assigned_section.is_some() {
                "?moved=1"
            } else {
                ""
            };
            let to = format!("/form/view/{}/{moved}", record.id.0);
            Ok(Redirect::see_other(to).into_response())
        }
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

//! `/form/view/<id>/`: one report for staff: every answer, the routing
//! explanation, staff fields, activity log, and the actions form
//! (`ChangeReport`, with the optimistic version check, so two editors never
//! silently overwrite each other); the print view; and writing to the
//! complainant ([`letters`], `QueueLetter`).

pub(super) mod attachments;
mod correct;
pub(super) mod letters;
mod triage;
mod view;

pub(super) use correct::{correct_form, correct_save};

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

/// The report version a staff form was made from (its hidden `version`).
///
/// Errors: `BadRequest` when the form has none.
pub(super) fn posted_version(form: &PostedForm) -> WebResult<i32> {
    form.get("version")
        .and_then(|v| v.parse::<i32>().ok())
        .ok_or_else(|| WebError::BadRequest("the form has no version".into()))
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
    corrected: Option<u32>,
}

/// What the detail page says after staff intake filed the report.
const RECORDED: &str = "The report was recorded and routed. Check the answers below; the activity log names you as the person who took it.";

async fn read(
    staff: Staff,
    id: ReportPath,
    state: &AppState,
    how: Reading,
    notice: Option<&str>,
    offer_reroute: bool,
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
    // After a correction, the section routing would now choose (an offer).
    let offer = offer_reroute
        .then(|| crt_domain::service::CorrectReport::routing_differs(&record))
        .flatten();
    view::render_with(state, &staff, &record, StatusCode::OK, notice, template, |ctx| {
        if let Some((section, why)) = &offer {
            use crt_domain::choice::Choice;
            ctx.insert(
                "reroute",
                &serde_json::json!({"section": section.value(), "label": section.label(), "why": why}),
            );
        }
    })
    .await
}

/// `GET /form/view/<id>/` (opening it marks it viewed, logged once).
#[handler]
pub async fn show(
    staff: Staff,
    id: ReportPath,
    Query(q): Query<ShowQuery>,
    state: Data<&AppState>,
) -> WebResult {
    let corrected = q.corrected.map(|n| match n {
        0 => "Nothing was changed: the answers were already these.".to_owned(),
        1 => "1 answer was corrected; the activity log shows the old and the new value.".to_owned(),
        n => format!(
            "{n} answers were corrected; the activity log shows the old and the new values."
        ),
    });
    let notice = if q.moved.is_some() {
        Some(SECTION_RESET)
    } else if q.recorded.is_some() {
        Some(RECORDED)
    } else {
        corrected.as_deref()
    };
    read(
        staff,
        id,
        &state,
        Reading::Detail,
        notice,
        q.corrected.is_some(),
    )
    .await
}

/// `GET /form/view/<id>/print/`
#[handler]
pub async fn print(staff: Staff, id: ReportPath, state: Data<&AppState>) -> WebResult {
    read(staff, id, &state, Reading::Print, None, false).await
}

const CONFLICT: &str = "Someone else changed this report while you were working on it. Your changes were not saved: \
                        here are the current values. Make your changes again if they are still needed.";

/// Saves `change` to `record` (made from `version`) and goes back to the
/// report page; a refusal shows the page again with the current values and
/// why (409 when someone else saved first, 422 for a rule).
async fn save_change(
    state: &AppState,
    staff: &Staff,
    record: &ReportRecord,
    version: i32,
    change: &crt_domain::staff::StaffChange,
) -> WebResult {
    let refused = |status, msg: String| async move {
        view::render(state, staff, record, status, Some(&msg), "crt/detail.html").await
    };
    match state
        .services
        .change
        .change(record.id, version, change, &staff.user.username)
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
        Err(ChangeReportError::Repository(e)) => Err(WebError::database("updating a report", e)),
    }
}

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
    let version = posted_version(&form)?;
    let change = match change_from(&form, Blank::Clears) {
        Ok(c) => c.differences_from(&record.staff),
        Err(msg) => {
            return view::render(
                state,
                &staff,
                &record,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&msg),
                "crt/detail.html",
            )
            .await;
        }
    };
    save_change(state, &staff, &record, version, &change).await
}

/// `POST /form/view/<id>/reroute/`: the offer after a correction, taken:
/// the report moves to the section routing chooses for its answers now
/// (decided again here, from the stored answers), with routing's reason.
#[handler]
pub async fn reroute(
    staff: Staff,
    id: ReportPath,
    form: PostedForm,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    let record = load_for_post(state, &staff, &form, id).await?;
    let version = posted_version(&form)?;
    let Some(change) = crt_domain::service::reroute_change(&record, None) else {
        // Already there (someone else moved it): nothing to do.
        return Ok(Redirect::see_other(format!("/form/view/{}/", record.id.0)).into_response());
    };
    save_change(state, &staff, &record, version, &change).await
}

//! `/form/retention/`: the retention schedules and their defaults, the
//! disposal batches, and for members of the records group proposing a
//! batch, approving it (two different reviewers, not the proposer) or
//! rejecting it with a reason. The rules are the domain's
//! (`retention::approve`/`reject`); disposal itself runs from
//! `crt-admin retention dispose`.

use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    ports::RetentionRepository,
    report::ReportRecord,
    retention::{Batch, BatchError, BatchId, BatchState, REASON_CHARS, Schedule},
    service::{Retention, RetentionError, outcome_label, state_label},
};
use poem::{
    IntoResponse, handler,
    http::StatusCode,
    web::{Data, Path, Redirect},
};
use serde::Serialize;
use tera::Context;

use super::auth::Staff;
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::PostedForm,
};

fn day(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d").to_string()
}

pub(crate) fn failed(e: RetentionError) -> WebError {
    match e {
        RetentionError::Rule(BatchError::NotFound) => WebError::NotFound,
        RetentionError::Rule(other) => WebError::Unprocessable(other.to_string()),
        RetentionError::Repository(e) => e.into(),
    }
}

/// A schedule as the pages show it.
#[derive(Serialize)]
struct ScheduleView {
    code: String,
    name: String,
    period: String,
    authority: String,
    active: bool,
    permanent: bool,
}

fn schedule_view(s: &Schedule) -> ScheduleView {
    ScheduleView {
        code: s.code.clone(),
        name: s.name.clone(),
        period: s.years.map_or_else(
            || "Permanent".to_owned(),
            |y| format!("{y} year{} after closing", if y == 1 { "" } else { "s" }),
        ),
        authority: s.authority.clone(),
        active: s.active,
        permanent: s.years.is_none(),
    }
}

/// A batch in the list.
#[derive(Serialize)]
struct BatchRow {
    id: i64,
    state: &'static str,
    state_label: &'static str,
    reports: u64,
    proposed: String,
    proposed_by: String,
    approvals: Vec<String>,
    dispose_after: String,
}

fn batch_row(b: &Batch) -> BatchRow {
    BatchRow {
        id: b.id.0,
        state: b.state.value(),
        state_label: state_label(b.state),
        reports: b.report_count,
        proposed: day(b.proposed_at),
        proposed_by: b.proposed_by.clone(),
        approvals: b.approvals.iter().map(|a| a.approver.clone()).collect(),
        dispose_after: day(b.dispose_after),
    }
}

/// `GET /form/retention/`
#[handler]
pub async fn overview(staff: Staff, state: Data<&AppState>) -> WebResult {
    overview_page(*state, &staff, StatusCode::OK, None).await
}

async fn overview_page(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    message: Option<&str>,
) -> WebResult {
    let service = &state.services.retention;
    let schedules = service.schedules().await.map_err(failed)?;
    let defaults = RetentionRepository::default_schedules(&state.db).await?;
    let batches = service.batches().await.map_err(failed)?;
    let mut ctx = Context::new();
    ctx.insert("page_title", "Retention and disposal");
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("message", &message);
    ctx.insert("may_review", &Retention::may_review(&staff.user));
    ctx.insert(
        "schedules",
        &schedules.iter().map(schedule_view).collect::<Vec<_>>(),
    );
    ctx.insert(
        "defaults",
        &defaults
            .iter()
            .map(|d| (d.section.value(), d.status.label(), d.schedule.as_str()))
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "batches",
        &batches.iter().map(batch_row).collect::<Vec<_>>(),
    );
    state.page(status, "crt/retention.html", &ctx)
}

/// `POST /form/retention/propose/`: a batch of what is due now.
#[handler]
pub async fn propose(staff: Staff, form: PostedForm, state: Data<&AppState>) -> WebResult {
    let state = *state;
    staff.check_csrf(state, &form)?;
    if !Retention::may_review(&staff.user) {
        return overview_page(
            state,
            &staff,
            StatusCode::FORBIDDEN,
            Some("Only members of the records group may propose disposal batches."),
        )
        .await;
    }
    let p = state
        .services
        .retention
        .propose(&staff.user.username, None, false)
        .await
        .map_err(failed)?;
    match p.batch {
        Some(id) => {
            tracing::info!(batch = id.0, reports = p.reports.len(), by = %staff.user.username, "disposal batch proposed");
            Ok(Redirect::see_other(format!("/form/retention/{}/", id.0)).into_response())
        }
        None => {
            let mut msg = "No closed report is past its retention schedule (outside litigation hold and other batches), so no batch was proposed.".to_owned();
            if !p.without_authority.is_empty() {
                msg.push_str(&format!(
                    " Reports past these schedules wait for their NARA disposition authority to be entered: {}.",
                    p.without_authority.join(", ")
                ));
            }
            overview_page(state, &staff, StatusCode::OK, Some(&msg)).await
        }
    }
}

/// One report of a batch on its page.
#[derive(Serialize)]
struct BatchReportRow {
    id: i64,
    public_id: String,
    section: &'static str,
    closed: Option<String>,
    schedule: String,
    outcome: &'static str,
    warning: Option<&'static str>,
}

/// `GET /form/retention/<id>/`
#[handler]
pub async fn batch(staff: Staff, Path(id): Path<i64>, state: Data<&AppState>) -> WebResult {
    batch_page(*state, &staff, BatchId(id), StatusCode::OK, None, "").await
}

async fn batch_page(
    state: &AppState,
    staff: &Staff,
    id: BatchId,
    status: StatusCode,
    message: Option<&str>,
    reason: &str,
) -> WebResult {
    let b = state.services.retention.batch(id).await.map_err(failed)?;
    let rows: Vec<BatchReportRow> = b
        .reports
        .iter()
        .map(|r| BatchReportRow {
            id: r.report.0,
            public_id: r.public_id.to_string(),
            section: r.section.value(),
            closed: r.closed_at.map(day),
            schedule: r.schedule.clone(),
            outcome: outcome_label(r.outcome),
            warning: if r.outcome.is_some() {
                None
            } else if r.litigation_hold {
                Some("On litigation hold: disposal will skip it.")
            } else if r.status != crt_domain::report::Status::Closed {
                Some("Reopened: disposal will skip it.")
            } else {
                None
            },
        })
        .collect();
    let user = &staff.user;
    let waiting = b.state == BatchState::Proposed;
    let mut ctx = Context::new();
    ctx.insert("page_title", &format!("Disposal batch {}", b.id.0));
    ctx.insert("user", user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("message", &message);
    ctx.insert("batch", &batch_row(&b));
    ctx.insert("rows", &rows);
    ctx.insert("rejection_reason", &b.rejection_reason);
    ctx.insert("decided_by", &b.decided_by);
    ctx.insert("decided_at", &b.decided_at.map(day));
    ctx.insert("disposed_at", &b.disposed_at.map(day));
    ctx.insert(
        "approvals",
        &b.approvals
            .iter()
            .map(|a| (a.approver.clone(), day(a.at)))
            .collect::<Vec<_>>(),
    );
    let may = Retention::may_review(user);
    ctx.insert(
        "may_approve",
        &(waiting && crt_domain::retention::approve(&b, user).is_ok()),
    );
    ctx.insert("may_reject", &(waiting && may));
    ctx.insert(
        "why_not",
        &if !waiting || !may {
            None
        } else {
            crt_domain::retention::approve(&b, user)
                .err()
                .map(|e| e.to_string())
        },
    );
    ctx.insert("reason", reason);
    ctx.insert("reason_max", &REASON_CHARS);
    state.page(status, "crt/retention_batch.html", &ctx)
}

/// The status a refused decision answers with.
fn refusal_status(e: &BatchError) -> StatusCode {
    match e {
        BatchError::NotRecordsStaff | BatchError::OwnBatch => StatusCode::FORBIDDEN,
        BatchError::ReasonMissing => StatusCode::BAD_REQUEST,
        BatchError::AlreadyApproved | BatchError::Closed(_) => StatusCode::CONFLICT,
        BatchError::NotFound => StatusCode::NOT_FOUND,
    }
}

/// `POST /form/retention/<id>/approve/`
#[handler]
pub async fn approve(
    staff: Staff,
    Path(id): Path<i64>,
    form: PostedForm,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    staff.check_csrf(state, &form)?;
    match state
        .services
        .retention
        .approve(BatchId(id), &staff.user)
        .await
    {
        Ok(b) => {
            tracing::info!(batch = id, by = %staff.user.username, state = %b.state, "disposal batch approval");
            Ok(Redirect::see_other(format!("/form/retention/{id}/")).into_response())
        }
        Err(RetentionError::Rule(e)) if e != BatchError::NotFound => {
            batch_page(
                state,
                &staff,
                BatchId(id),
                refusal_status(&e),
                Some(&e.to_string()),
                "",
            )
            .await
        }
        Err(e) => Err(failed(e)),
    }
}

/// `POST /form/retention/<id>/reject/`: with the reason (kept on the page
/// when the rejection is refused).
#[handler]
pub async fn reject(
    staff: Staff,
    Path(id): Path<i64>,
    form: PostedForm,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    staff.check_csrf(state, &form)?;
    let reason = form.get("reason").unwrap_or_default();
    match state
        .services
        .retention
        .reject(BatchId(id), &staff.user, reason)
        .await
    {
        Ok(_) => {
            tracing::info!(batch = id, by = %staff.user.username, "disposal batch rejected");
            Ok(Redirect::see_other(format!("/form/retention/{id}/")).into_response())
        }
        Err(RetentionError::Rule(e)) if e != BatchError::NotFound => {
            batch_page(
                state,
                &staff,
                BatchId(id),
                refusal_status(&e),
                Some(&e.to_string()),
                reason,
            )
            .await
        }
        Err(e) => Err(failed(e)),
    }
}

/// What the detail page shows about a report's retention.
#[derive(Serialize)]
pub(crate) struct RetentionView {
    /// (code, label, selected) for the schedule menu: the active schedules
    /// and the report's own, even if retired.
    options: Vec<(String, String, bool)>,
    /// The schedule the section's default gives, if any.
    default: Option<String>,
    /// The schedule followed now.
    effective: Option<String>,
    /// When the report may be disposed of (closed reports).
    due: Option<String>,
    /// What disposal left, for a disposed report.
    disposed: Option<String>,
}

/// The retention part of a report's detail page.
pub(crate) async fn detail_view(
    state: &AppState,
    record: &ReportRecord,
    disposal_note: Option<String>,
) -> WebResult<RetentionView> {
    let schedules = state.services.retention.schedules().await.map_err(failed)?;
    let defaults = RetentionRepository::default_schedules(&state.db).await?;
    let own = record.staff.retention_schedule.as_deref();
    let default = defaults
        .iter()
        .find(|d| d.section == record.staff.assigned_section && d.status == record.staff.status)
        .map(|d| d.schedule.clone());
    let effective = own.map(str::to_owned).or_else(|| default.clone());
    let due = effective
        .as_deref()
        .and_then(|code| schedules.iter().find(|s| s.code == code))
        .zip(record.staff.closed_date)
        .map(|(s, closed)| match s.due_on(closed) {
            Some(d) => format!("may be disposed of from {}", day(d)),
            None => "kept permanently".to_owned(),
        });
    Ok(RetentionView {
        options: schedules
            .iter()
            .filter(|s| s.active || Some(s.code.as_str()) == own)
            .map(|s| {
                let v = schedule_view(s);
                (
                    s.code.clone(),
                    format!("{} ({})", v.code, v.period),
                    Some(s.code.as_str()) == own,
                )
            })
            .collect(),
        default,
        effective,
        due,
        disposed: record.staff.disposed_at.map(|at| match disposal_note {
            Some(n) => format!("Disposed of on {}: {n}.", day(at)),
            None => format!("Disposed of on {}.", day(at)),
        }),
    })
}

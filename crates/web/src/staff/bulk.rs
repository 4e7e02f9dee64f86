//! `POST /form/actions/`: one change applied to the selected reports, or to
//! every report matching the list's current filters: at most 500 at once,
//! with a required comment, all or nothing, each report with its own
//! activity entries.

use crt_domain::{
    choice::Choice,
    ports::{ReportQuery, ReportRepository, RepositoryError},
    reference,
    report::{ReportId, Section, Status},
    staff::StaffChange,
};
use poem::{
    Body, Request, Response, handler,
    http::{StatusCode, header},
    web::Data,
};
use tera::Context;

use super::{
    auth::{Staff, csrf_ok},
    list::parse_query,
};
use crate::{AppState, form_body, middleware::error_page};

/// Most reports one bulk action may change.
pub const MAX_BULK: u64 = 500;

fn problem(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    message: &str,
    back: &str,
) -> Response {
    let mut ctx = Context::new();
    ctx.insert("page_title", "Bulk change not made");
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("message", message);
    ctx.insert("back", back);
    match state.templates.render("crt/bulk_problem.html", &ctx) {
        Ok(html) => Response::builder()
            .status(status)
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(_) => error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR),
    }
}

/// `POST /form/actions/`
#[handler]
pub async fn apply(req: &Request, body: Body, state: Data<&AppState>) -> Response {
    let state = *state;
    let Some(staff) = req.extensions().get::<Staff>().cloned() else {
        return error_page(&state.templates, StatusCode::FORBIDDEN);
    };
    let pairs = match form_body::read_or_page(req, body, &state.templates).await {
        Ok(p) => p,
        Err(page) => return page,
    };
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    if !csrf_ok(&staff, get("csrf_token")) {
        return error_page(&state.templates, StatusCode::FORBIDDEN);
    }
    let return_query = get("return_query").unwrap_or("").to_owned();
    let back = format!("/form/view/?{return_query}");
    let unprocessable =
        |msg: &str| problem(state, &staff, StatusCode::UNPROCESSABLE_ENTITY, msg, &back);

    let Some(comment) = get("comment") else {
        return unprocessable(
            "A comment is required for a bulk change: say why these reports are changing.",
        );
    };
    let mut change = StaffChange {
        comment: Some(comment.to_owned()),
        ..Default::default()
    };
    if let Some(v) = get("assigned_section") {
        match Section::from_value(v) {
            Some(s) => change.assigned_section = Some(s),
            None => return unprocessable("That section does not exist."),
        }
    }
    if let Some(v) = get("status") {
        match Status::from_value(v) {
            Some(s) => change.status = Some(s),
            None => return unprocessable("That status does not exist."),
        }
    }
    if let Some(v) = get("assigned_to") {
        change.assigned_to = Some(if v == "(none)" {
            None
        } else {
            Some(v.to_owned())
        });
    }
    if let Some(v) = get("primary_statute") {
        if !reference::is_statute(v) {
            return unprocessable("That primary statute does not exist.");
        }
        change.primary_statute = Some(Some(v.to_owned()));
    }
    if let Some(v) = get("summary") {
        change.summary = Some(v.to_owned());
    }

    let ids: Vec<ReportId> = if get("scope") == Some("all") {
        let filter_pairs = form_body::parse(return_query.as_bytes()).unwrap_or_default();
        let (mut query, problems) = parse_query(&filter_pairs);
        if !problems.is_empty() {
            return unprocessable(
                "The search has terms that were not understood; fix the search first.",
            );
        }
        query = ReportQuery {
            page: 1,
            per_page: MAX_BULK,
            ..query
        };
        match state.db.list(&query).await {
            Ok(page) if page.total > MAX_BULK => {
                return unprocessable(&format!(
                    "The search matches {} reports; a bulk change may touch at most {MAX_BULK}. Narrow the search.",
                    page.total
                ));
            }
            Ok(page) => page.items.iter().map(|r| r.id).collect(),
            Err(e) => {
                tracing::error!(error = %e, "bulk: listing reports");
                return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR);
            }
        }
    } else {
        let mut ids = Vec::new();
        for (k, v) in &pairs {
            if k == "id" {
                match v.parse::<i64>() {
                    Ok(n) => ids.push(ReportId(n)),
                    Err(_) => return error_page(&state.templates, StatusCode::BAD_REQUEST),
                }
            }
        }
        ids.sort();
        ids.dedup();
        ids
    };
    if ids.is_empty() {
        return unprocessable(
            "Select at least one report, or choose \"every report matching this search\".",
        );
    }
    if ids.len() as u64 > MAX_BULK {
        return unprocessable(&format!(
            "At most {MAX_BULK} reports can be changed at once."
        ));
    }
    match state
        .db
        .bulk_update(&ids, &change, &staff.user.username, state.clock.now())
        .await
    {
        Ok(n) => {
            tracing::info!(user = %staff.user.username, reports = n, "bulk change");
            Response::builder()
                .status(StatusCode::SEE_OTHER)
                .header(header::LOCATION, back)
                .finish()
        }
        Err(RepositoryError::NotFound) => problem(
            state,
            &staff,
            StatusCode::NOT_FOUND,
            "One of the selected reports no longer exists. Nothing was changed.",
            &back,
        ),
        Err(RepositoryError::Invalid(msg)) => unprocessable(&format!("{msg} Nothing was changed.")),
        Err(e) => {
            tracing::error!(error = %e, "bulk change");
            error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

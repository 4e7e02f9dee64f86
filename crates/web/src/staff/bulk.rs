//! `POST /form/actions/`: one change applied to the selected reports, or to
//! every report matching the list's current filters, through the
//! `BulkChange` service (at most 500 at once, a required comment, all or
//! nothing, each report with its own activity entries).

use crt_domain::{
    report::ReportId,
    service::{BulkError, BulkTarget},
};
use poem::{
    IntoResponse, handler,
    http::StatusCode,
    web::{Data, Redirect},
};
use tera::Context;

use super::{
    auth::Staff,
    change_form::{Blank, change_from},
    list::{parse_query, resolve_me},
};
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::PostedForm,
    form_body,
};

fn problem(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    message: &str,
    back: &str,
) -> WebResult {
    let mut ctx = Context::new();
    ctx.insert("page_title", "Bulk change not made");
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("message", message);
    ctx.insert("back", back);
    state.page(status, "crt/bulk_problem.html", &ctx)
}

/// The reports the form chose: the ticked ids, or every report matching
/// the list's search.
fn target(
    form: &PostedForm,
    return_query: &str,
    username: &str,
) -> Result<BulkTarget, Option<&'static str>> {
    if form.text("scope") == Some("all") {
        // A search that cannot be read must not become "every report".
        let Ok(pairs) = form_body::parse(return_query.as_bytes()) else {
            return Err(Some(
                "The search could not be read, so the change was not made. Run the search again, then try once more.",
            ));
        };
        let (query, problems) = parse_query(&resolve_me(&pairs, username));
        if !problems.is_empty() {
            return Err(Some(
                "The search has terms that were not understood; fix the search first.",
            ));
        }
        return Ok(BulkTarget::Matching(Box::new(query.filters)));
    }
    form.all("id")
        .map(|v| v.parse::<i64>().map(ReportId))
        .collect::<Result<Vec<_>, _>>()
        .map(BulkTarget::Ids)
        .map_err(|_not_a_number| None)
}

/// `POST /form/actions/`
#[handler]
pub async fn apply(staff: Staff, form: PostedForm, state: Data<&AppState>) -> WebResult {
    let state = *state;
    staff.check_csrf(state, &form)?;
    let back = format!("/form/view/?{}", form.text("return_query").unwrap_or(""));
    let return_query = form.text("return_query").unwrap_or("");
    let change = match change_from(&form, Blank::Ignored) {
        Ok(c) => c,
        Err(msg) => return problem(state, &staff, StatusCode::UNPROCESSABLE_ENTITY, &msg, &back),
    };
    let target = match target(&form, return_query, &staff.user.username) {
        Ok(t) => t,
        Err(Some(msg)) => {
            return problem(state, &staff, StatusCode::UNPROCESSABLE_ENTITY, msg, &back);
        }
        Err(None) => return Err(WebError::BadRequest("a report id is not a number".into())),
    };
    match state
        .services
        .bulk
        .apply(target, &change, &staff.user.username)
        .await
    {
        Ok(n) => {
            tracing::info!(user = %staff.user.username, reports = n, "bulk change");
            Ok(Redirect::see_other(back).into_response())
        }
        Err(BulkError::Repository(e)) => Err(WebError::database("bulk change", e)),
        Err(e @ BulkError::NotFound) => {
            problem(state, &staff, StatusCode::NOT_FOUND, &e.to_string(), &back)
        }
        Err(e) => problem(
            state,
            &staff,
            StatusCode::UNPROCESSABLE_ENTITY,
            &e.to_string(),
            &back,
        ),
    }
}

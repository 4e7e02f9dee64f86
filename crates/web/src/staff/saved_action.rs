//! `/form/saved-searches/<code>/action/`: a shared saved search's
//! automatic action, set by its owner — chosen, previewed over the last 30
//! days (a dry run), then switched on; or switched off.

use crt_domain::{
    choice::Choice,
    report::Section,
    saved_search::{AutoAction, PREVIEW_DAYS, SavedSearch},
    service::{ActionError, Preview},
};
use poem::{
    IntoResponse, handler,
    http::StatusCode,
    web::{Data, Path, Redirect},
};
use tera::Context;

use super::auth::Staff;
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::PostedForm,
};

fn describe(a: &AutoAction) -> String {
    match a {
        AutoAction::Close { comment } => format!("Close, with the comment \"{comment}\""),
        AutoAction::Move { section } => format!("Move to {}", section.value()),
    }
}

struct Shown<'a> {
    message: Option<&'a str>,
    typed: Option<&'a PostedForm>,
    preview: Option<(&'a AutoAction, &'a Preview)>,
}

fn render(
    state: &AppState,
    staff: &Staff,
    s: &SavedSearch,
    status: StatusCode,
    shown: &Shown<'_>,
) -> WebResult {
    let mut ctx = Context::new();
    ctx.insert("page_title", "Automatic action");
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("name", &s.name);
    ctx.insert("code", &s.code);
    ctx.insert("shared_with", &s.shared_with.map(Section::value));
    ctx.insert("current", &s.action.as_ref().map(|a| describe(&a.action)));
    ctx.insert(
        "current_since",
        &s.action
            .as_ref()
            .map(|a| format!("{} by {}", a.enabled_at.format("%Y-%m-%d %H:%M UTC"), a.by)),
    );
    ctx.insert("message", &shown.message);
    let typed = |k: &str| shown.typed.and_then(|f| f.get(k)).unwrap_or("").to_owned();
    ctx.insert("typed_action", &typed("action"));
    ctx.insert("typed_comment", &typed("comment"));
    ctx.insert("typed_section", &typed("section"));
    ctx.insert("days", &PREVIEW_DAYS);
    if let Some((action, p)) = shown.preview {
        ctx.insert("preview_of", &describe(action));
        ctx.insert("preview_total", &p.total.describe());
        ctx.insert("preview_held", &p.on_hold.describe());
        let rows: Vec<serde_json::Value> = p
            .sample
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id.0,
                    "public_id": r.public_id.to_string(),
                    "received": r.create_date.format("%Y-%m-%d").to_string(),
                    "section": r.staff.assigned_section.value(),
                    "status": r.staff.status.value(),
                })
            })
            .collect();
        ctx.insert("preview_rows", &rows);
    }
    ctx.insert(
        "sections",
        &Section::ALL
            .iter()
            .map(|s| (s.value(), s.label()))
            .collect::<Vec<_>>(),
    );
    state.page(status, "crt/saved_search_action.html", &ctx)
}

async fn owned(
    state: &AppState,
    staff: &Staff,
    code: &str,
) -> Result<Result<SavedSearch, WebResult>, WebError> {
    match state.services.actions.owned(code, &staff.user).await {
        Ok(s) => Ok(Ok(s)),
        Err(ActionError::NotFound) => Err(WebError::NotFound),
        Err(e @ ActionError::NotAllowed) => {
            let mut ctx = Context::new();
            ctx.insert("page_title", "Automatic action");
            ctx.insert("user", &staff.user);
            ctx.insert("staff_csrf", &staff.csrf);
            ctx.insert("refused", &e.to_string());
            Ok(Err(state.page(
                StatusCode::FORBIDDEN,
                "crt/saved_search_action.html",
                &ctx,
            )))
        }
        Err(ActionError::Repository(e)) => Err(WebError::database("finding a saved search", e)),
        Err(e) => Err(WebError::internal("finding a saved search", e)),
    }
}

/// `GET /form/saved-searches/<code>/action/`
#[handler]
pub async fn show(staff: Staff, Path(code): Path<String>, state: Data<&AppState>) -> WebResult {
    let s = match owned(*state, &staff, &code).await? {
        Ok(s) => s,
        Err(page) => return page,
    };
    render(
        *state,
        &staff,
        &s,
        StatusCode::OK,
        &Shown {
            message: None,
            typed: None,
            preview: None,
        },
    )
}

/// `POST /form/saved-searches/<code>/action/`: `step` is `preview` (a dry
/// run of `action`, `comment`, `section`), `on` (from the preview's
/// form), or `off`.
#[handler]
pub async fn act(
    staff: Staff,
    Path(code): Path<String>,
    form: PostedForm,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    staff.check_csrf(state, &form)?;
    let s = match owned(state, &staff, &code).await? {
        Ok(s) => s,
        Err(page) => return page,
    };
    let actions = &state.services.actions;
    if form.get("step") == Some("off") {
        actions.switch_off(&s).await.map_err(|e| match e {
            ActionError::Repository(e) => {
                WebError::database("switching an automatic action off", e)
            }
            e => WebError::internal("switching an automatic action off", e),
        })?;
        tracing::info!(user = %staff.user.username, code = %s.code, "automatic action switched off");
        return Ok(Redirect::see_other("/form/saved-searches/").into_response());
    }
    let section = form.text("section").and_then(Section::from_value);
    let refuse = |m: String| {
        let shown = Shown {
            message: Some(&m),
            typed: Some(&form),
            preview: None,
        };
        render(state, &staff, &s, StatusCode::UNPROCESSABLE_ENTITY, &shown)
    };
    let action = match AutoAction::parse(
        form.get("action").unwrap_or(""),
        form.get("comment").unwrap_or(""),
        section,
    ) {
        Ok(a) => a,
        Err(m) => return refuse(m),
    };
    // Switched on only from the preview's own form: nobody turns an action
    // on without having seen what it would have done.
    if form.get("step") == Some("on") && form.get("previewed") == Some("yes") {
        return match actions.switch_on(&s, action, &staff.user).await {
            Ok(()) => {
                tracing::info!(user = %staff.user.username, code = %s.code, "automatic action switched on");
                Ok(Redirect::see_other("/form/saved-searches/").into_response())
            }
            Err(ActionError::Invalid(m)) => refuse(m),
            Err(ActionError::Repository(e)) => {
                Err(WebError::database("switching an automatic action on", e))
            }
            Err(e) => Err(WebError::internal("switching an automatic action on", e)),
        };
    }
    match actions.preview(&s, &action).await {
        Ok(p) => {
            let shown = Shown {
                message: None,
                typed: Some(&form),
                preview: Some((&action, &p)),
            };
            render(state, &staff, &s, StatusCode::OK, &shown)
        }
        Err(ActionError::Invalid(m)) => refuse(m),
        Err(ActionError::Repository(e)) => {
            Err(WebError::database("previewing an automatic action", e))
        }
        Err(e) => Err(WebError::internal("previewing an automatic action", e)),
    }
}

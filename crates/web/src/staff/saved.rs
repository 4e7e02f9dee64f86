//! Saved searches (docs/saved-searches.md): `GET /form/saved-searches/`
//! lists the searches a person may open with their new matches since they
//! last opened each; `POST` saves the list's current search;
//! `/form/s/<code>` opens one (a short link to share);
//! `POST /form/saved-searches/<code>/delete/` deletes one of one's own.

use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    ports::{GroupBy, ReportFilters, Total},
    report::Section,
    service::SavedSearchError,
};
use poem::{
    IntoResponse, handler,
    http::StatusCode,
    web::{Data, Path, Redirect},
};
use tera::Context;

use super::{
    auth::Staff,
    list::{parse_query, resolve_me},
};
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::PostedForm,
    form_body,
};

/// How many reports match `filters` and were received since `since`
/// ("more than N" past the list's exact limit).
async fn new_matches(
    state: &AppState,
    mut filters: ReportFilters,
    since: DateTime<Utc>,
) -> Result<Total, WebError> {
    filters.created_from = Some(filters.created_from.map_or(since, |f| f.max(since)));
    let counts = state
        .services
        .triage
        .counts(&filters, GroupBy::Status)
        .await
        .map_err(|e| WebError::database("counting a saved search's matches", e))?;
    let sum = counts.iter().map(|(_, n)| n.value()).sum();
    Ok(if counts.iter().all(|(_, n)| n.is_exact()) {
        Total::Exact(sum)
    } else {
        Total::MoreThan(sum)
    })
}

async fn render(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    message: Option<&str>,
    typed: Option<&PostedForm>,
) -> WebResult {
    let searches = state
        .services
        .saved
        .visible_to(&staff.user)
        .await
        .map_err(|e| WebError::database("listing saved searches", e))?;
    let mut rows = Vec::new();
    for (s, opened) in &searches {
        let filters = s.filters_for(&staff.user.username);
        let new = match filters {
            Some(f) => Some(new_matches(state, f, opened.unwrap_or(s.created_at)).await?),
            None => None,
        };
        rows.push(serde_json::json!({
            "name": s.name,
            "code": s.code,
            "owner": s.owner,
            "mine": s.owner == staff.user.username,
            "shared_with": s.shared_with.map(|x| x.value()),
            "new": new.map(Total::describe),
            "one": new == Some(Total::Exact(1)),
            "since": opened.map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
            "action": s.action.as_ref().map(|a| match &a.action {
                crt_domain::saved_search::AutoAction::Close { .. } => "Closes new reports".to_owned(),
                crt_domain::saved_search::AutoAction::Move { section } => format!("Moves new reports to {}", section.value()),
            }),
            "can_act": s.owner == staff.user.username && s.shared_with.is_some(),
        }));
    }
    let mut ctx = Context::new();
    ctx.insert("page_title", "Saved searches");
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("rows", &rows);
    ctx.insert("message", &message);
    ctx.insert("site_url", state.settings.site_url.trim_end_matches('/'));
    let typed = |k: &str| typed.and_then(|f| f.get(k)).unwrap_or("").to_owned();
    ctx.insert("typed_name", &typed("name"));
    ctx.insert("typed_query", &typed("query"));
    ctx.insert("typed_share", &typed("share"));
    ctx.insert(
        "sections",
        &Section::ALL
            .iter()
            .map(|s| (s.value(), s.label()))
            .collect::<Vec<_>>(),
    );
    state.page(status, "crt/saved_searches.html", &ctx)
}

/// `GET /form/saved-searches/`
#[handler]
pub async fn index(staff: Staff, state: Data<&AppState>) -> WebResult {
    render(*state, &staff, StatusCode::OK, None, None).await
}

/// `POST /form/saved-searches/`: saves the list's search (`query`) as
/// `name`, shared with the section `share` or not.
#[handler]
pub async fn save(staff: Staff, form: PostedForm, state: Data<&AppState>) -> WebResult {
    let state = *state;
    staff.check_csrf(state, &form)?;
    let refuse = |msg: String| {
        let form = &form;
        let staff = &staff;
        async move {
            render(
                state,
                staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&msg),
                Some(form),
            )
            .await
        }
    };
    let share = match form.text("share") {
        None => None,
        Some(code) => match Section::from_value(code) {
            Some(s) => Some(s),
            None => return refuse(format!("{code:?} is not a section.")).await,
        },
    };
    let Ok(pairs) = form_body::parse(form.get("query").unwrap_or("").as_bytes()) else {
        return refuse("The search could not be read; run it again from the list.".into()).await;
    };
    let (_, problems) = parse_query(&resolve_me(&pairs, &staff.user.username));
    if !problems.is_empty() {
        return refuse(format!(
            "The search has terms the list does not understand ({}); fix them on the list first.",
            problems.join("; ")
        ))
        .await;
    }
    match state
        .services
        .saved
        .save(&staff.user, form.get("name").unwrap_or(""), &pairs, share)
        .await
    {
        Ok(s) => {
            tracing::info!(user = %staff.user.username, code = %s.code, "saved a search");
            Ok(Redirect::see_other("/form/saved-searches/").into_response())
        }
        Err(SavedSearchError::Invalid(m)) => refuse(m).await,
        Err(SavedSearchError::Repository(e)) => Err(WebError::database("saving a search", e)),
        Err(e) => Err(WebError::internal("saving a search", e)),
    }
}

/// `GET /form/s/<code>`: opens a saved search on the list.
#[handler]
pub async fn open(staff: Staff, Path(code): Path<String>, state: Data<&AppState>) -> WebResult {
    match state.services.saved.open(&code, &staff.user).await {
        Ok(s) => Ok(Redirect::see_other(format!("/form/view/?{}", s.query)).into_response()),
        Err(SavedSearchError::NotFound) => Err(WebError::NotFound),
        Err(SavedSearchError::Repository(e)) => {
            Err(WebError::database("opening a saved search", e))
        }
        Err(e) => Err(WebError::internal("opening a saved search", e)),
    }
}

/// `POST /form/saved-searches/<code>/delete/`
#[handler]
pub async fn delete(
    staff: Staff,
    Path(code): Path<String>,
    form: PostedForm,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    staff.check_csrf(state, &form)?;
    match state.services.saved.delete(&code, &staff.user).await {
        Ok(()) => Ok(Redirect::see_other("/form/saved-searches/").into_response()),
        Err(SavedSearchError::NotFound) => Err(WebError::NotFound),
        Err(e @ SavedSearchError::NotOwner) => {
            render(
                state,
                &staff,
                StatusCode::FORBIDDEN,
                Some(&e.to_string()),
                None,
            )
            .await
        }
        Err(SavedSearchError::Repository(e)) => {
            Err(WebError::database("deleting a saved search", e))
        }
        Err(e) => Err(WebError::internal("deleting a saved search", e)),
    }
}

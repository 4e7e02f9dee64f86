//! `/form/notifications/`: what a staff member is told by e-mail — the
//! "Assigned to you" e-mail, and a digest of each saved search they may
//! open (docs/notifications.md).

use crt_domain::{
    notifications::{Frequency, MAX_THRESHOLD},
    saved_search::SavedSearch,
    service::ChoiceError,
};
use poem::{
    IntoResponse, handler,
    http::StatusCode,
    web::{Data, Query, Redirect},
};
use serde::Deserialize;
use tera::Context;

use super::auth::Staff;
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::PostedForm,
};

/// The choices of how often, as the page offers them.
const OFTEN: [(&str, &str); 5] = [
    ("", "No e-mail"),
    ("immediately", "As they come in"),
    ("daily", "Once a day"),
    ("weekly", "Once a week"),
    ("over", "When more than a number are new"),
];

async fn searches(state: &AppState, staff: &Staff) -> Result<Vec<SavedSearch>, WebError> {
    Ok(state
        .services
        .saved
        .visible_to(&staff.user)
        .await
        .map_err(|e| WebError::database("listing saved searches", e))?
        .into_iter()
        .map(|(s, _)| s)
        .collect())
}

async fn render(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    message: Option<&str>,
    typed: Option<&PostedForm>,
    saved: bool,
) -> WebResult {
    let searches = searches(state, staff).await?;
    let choices = state
        .services
        .notifications
        .choices(&staff.user, &searches)
        .await
        .map_err(|e| match e {
            ChoiceError::Repository(e) => WebError::database("reading notification choices", e),
            e => WebError::internal("reading notification choices", e),
        })?;
    let rows: Vec<serde_json::Value> = searches
        .iter()
        .map(|s| {
            let stored = choices
                .digests
                .iter()
                .find(|(id, _)| *id == s.id)
                .map(|(_, f)| *f);
            let (often, over) = match typed {
                Some(f) => (
                    f.get(&format!("digest_{}", s.id)).unwrap_or("").to_owned(),
                    f.get(&format!("over_{}", s.id)).unwrap_or("").to_owned(),
                ),
                None => (
                    stored.map_or("", Frequency::code).to_owned(),
                    stored
                        .and_then(Frequency::threshold)
                        .map_or_else(String::new, |n| n.to_string()),
                ),
            };
            serde_json::json!({
                "id": s.id,
                "name": s.name,
                "code": s.code,
                "shared_with": s.shared_with.map(crt_domain::choice::Choice::value),
                "often": often,
                "over": over,
            })
        })
        .collect();
    let assigned = match typed {
        Some(f) => f.get("assigned").is_some(),
        None => choices.assigned,
    };
    let mut ctx = Context::new();
    ctx.insert("page_title", "Notifications");
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("email", &staff.user.email.as_ref().map(|e| e.as_str()));
    ctx.insert("assigned", &assigned);
    ctx.insert("rows", &rows);
    ctx.insert("often", &OFTEN);
    ctx.insert("max_threshold", &MAX_THRESHOLD);
    ctx.insert("message", &message);
    ctx.insert("saved", &saved);
    ctx.insert("sso", &state.settings.sso.provider.is_some());
    state.page(status, "crt/notifications.html", &ctx)
}

#[derive(Deserialize)]
pub struct Shown {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /form/notifications/`
#[handler]
pub async fn show(staff: Staff, state: Data<&AppState>, Query(q): Query<Shown>) -> WebResult {
    render(
        *state,
        &staff,
        StatusCode::OK,
        None,
        None,
        q.saved.is_some(),
    )
    .await
}

/// `POST /form/notifications/`: `assigned` (checked or not), and for each
/// search `digest_<id>` (a code of [`OFTEN`]) and `over_<id>`.
#[handler]
pub async fn save(staff: Staff, form: PostedForm, state: Data<&AppState>) -> WebResult {
    let state = *state;
    staff.check_csrf(state, &form)?;
    let visible = searches(state, &staff).await?;
    let digests: Vec<(i64, String, Option<String>)> = visible
        .iter()
        .map(|s| {
            (
                s.id,
                form.get(&format!("digest_{}", s.id))
                    .unwrap_or("")
                    .to_owned(),
                form.text(&format!("over_{}", s.id)).map(str::to_owned),
            )
        })
        .collect();
    match state
        .services
        .notifications
        .choose(
            &staff.user,
            form.get("assigned").is_some(),
            &digests,
            &visible,
        )
        .await
    {
        Ok(()) => {
            tracing::info!(user = %staff.user.username, "notification choices saved");
            Ok(Redirect::see_other("/form/notifications/?saved=1").into_response())
        }
        Err(ChoiceError::Invalid(m)) => {
            render(
                state,
                &staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&m),
                Some(&form),
                false,
            )
            .await
        }
        Err(ChoiceError::NotFound) => Err(WebError::NotFound),
        Err(ChoiceError::Repository(e)) => {
            Err(WebError::database("saving notification choices", e))
        }
    }
}

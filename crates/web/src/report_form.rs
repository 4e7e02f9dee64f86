//! The public report form: `GET /report/` shows the step the draft is on,
//! `POST /report/` takes one step (Next, Back, or Submit on the review),
//! `GET /report/confirmation/` shows the record number. The rules are the
//! `SaveDraftStep` and `FileReport` services'; this module reads the
//! request and renders their outcome. A GET by someone without a draft
//! writes nothing.

use std::{collections::HashMap, sync::Arc};

use crt_domain::{
    draft::Draft,
    protected_class::ProtectedClassCatalog,
    service::{Intake, ShowOutcome, StepOutcome},
    validation::FieldErrors,
};
use poem::{
    IntoResponse, Response, handler,
    http::{StatusCode, header},
    web::{Data, Query, Redirect},
};
use tera::Context;

use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::PostedForm,
    session::Session,
    view,
};

const FORM: &str = "/report/";
const CONFIRMATION: &str = "/report/confirmation/";

/// The response with the session cookie when the browser does not have it yet.
fn with_session(state: &AppState, mut resp: Response, session: &Session) -> Response {
    if session.is_new
        && let Ok(v) = session
            .set_cookie(state.settings.secret_key.expose(), state.secure_cookies())
            .parse()
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

fn see_other(to: &str) -> Response {
    Redirect::see_other(to).into_response()
}

fn titled_page(state: &AppState, status: StatusCode, template: &str, title: &str) -> WebResult {
    let mut ctx = Context::new();
    ctx.insert("page_title", title);
    state.page(status, template, &ctx)
}

fn refreshed(state: &AppState) -> WebResult {
    titled_page(
        state,
        StatusCode::UNPROCESSABLE_ENTITY,
        "report/refreshed.html",
        "This form was refreshed",
    )
}

fn maintenance(state: &AppState) -> WebResult {
    titled_page(
        state,
        StatusCode::SERVICE_UNAVAILABLE,
        "report/maintenance.html",
        "Down for maintenance",
    )
}

async fn catalog(state: &AppState) -> WebResult<Arc<ProtectedClassCatalog>> {
    Ok(state.catalog.get(&state.db).await?)
}

async fn render_step(
    state: &AppState,
    draft: &Draft,
    errors: &FieldErrors,
    session: &Session,
    debug: bool,
) -> WebResult {
    let catalog = catalog(state).await?;
    let step = draft.current();
    let csrf = session.csrf_token(state.settings.secret_key.expose());
    let mut ctx = view::step_context(step, draft, errors, &catalog, &csrf);
    if debug && state.settings.environment == crate::settings::Environment::Local {
        // The Rust version of Django's {% debug %}: the context, escaped by the template.
        let json = ctx.clone().into_json();
        ctx.insert(
            "debug_context",
            &serde_json::to_string_pretty(&json).unwrap_or_default(),
        );
    }
    let resp = state.page(StatusCode::OK, step.template, &ctx)?;
    Ok(with_session(state, resp, session))
}

/// `GET /report/[?step=NAME]`
#[handler]
pub async fn show(
    session: Session,
    state: Data<&AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> WebResult {
    let state = *state;
    let key = session.existed().then(|| session.key());
    let outcome = state
        .services
        .step
        .show(key.as_deref(), q.get("step").map(String::as_str))
        .await?;
    let draft = match outcome {
        ShowOutcome::Maintenance => return maintenance(state),
        ShowOutcome::Reload => return Ok(see_other(FORM)),
        ShowOutcome::Draft(d) => d,
    };
    let debug = q.get("debug").is_some_and(|d| d == "context");
    if draft.version == 0 && !debug {
        return blank_first_page(state, &draft, &session).await;
    }
    render_step(state, &draft, &FieldErrors::default(), &session, debug).await
}

const CSRF_PLACEHOLDER: &str = "__crt_csrf_token_placeholder__";

/// The empty first step is the same page for every newcomer but for the
/// CSRF token: render it once per catalog and fill the token in. This is
/// what crawlers and load hit; pages with answers are always rendered.
async fn blank_first_page(state: &AppState, draft: &Draft, session: &Session) -> WebResult {
    let catalog = catalog(state).await?;
    let cached = state.first_page.read().ok().and_then(|slot| {
        slot.as_ref()
            .filter(|(c, _)| Arc::ptr_eq(c, &catalog))
            .map(|(_, html)| html.clone())
    });
    let html = match cached {
        Some(html) => html,
        None => {
            let step = draft.current();
            let ctx = view::step_context(
                step,
                draft,
                &FieldErrors::default(),
                &catalog,
                CSRF_PLACEHOLDER,
            );
            let html = Arc::new(state.templates.render(step.template, &ctx)?);
            if let Ok(mut slot) = state.first_page.write() {
                *slot = Some((catalog.clone(), html.clone()));
            }
            html
        }
    };
    let body = html.replace(
        CSRF_PLACEHOLDER,
        &session.csrf_token(state.settings.secret_key.expose()),
    );
    Ok(with_session(
        state,
        crate::html_response(StatusCode::OK, body),
        session,
    ))
}

/// `POST /report/`
#[handler]
pub async fn post(session: Session, form: PostedForm, state: Data<&AppState>) -> WebResult {
    let state = *state;
    if !session.verify_csrf(state.settings.secret_key.expose(), form.get("csrf_token")) {
        tracing::info!("form post refused: missing or wrong CSRF token");
        return Err(WebError::Forbidden);
    }
    let outcome = state
        .services
        .step
        .take(&session.key(), &form.answers(), &Intake::public_web())
        .await?;
    match outcome {
        StepOutcome::UnknownStep => Err(WebError::NotFound),
        StepOutcome::Saved => Ok(see_other(FORM)),
        StepOutcome::Invalid { draft, errors } => {
            render_step(state, &draft, &errors, &session, false).await
        }
        StepOutcome::Refreshed => refreshed(state),
        StepOutcome::Maintenance => maintenance(state),
        StepOutcome::FiledNow(record) => {
            tracing::info!(
                public_id = %record.public_id,
                section = %record.staff.assigned_section,
                "report filed"
            );
            Ok(see_other(CONFIRMATION))
        }
        StepOutcome::Filed => Ok(see_other(CONFIRMATION)),
    }
}

/// `GET /report/confirmation/`
#[handler]
pub async fn confirmation(session: Session, state: Data<&AppState>) -> WebResult {
    let state = *state;
    let key = session.existed().then(|| session.key());
    match state.services.step.filed_report(key.as_deref()).await? {
        Some(id) => {
            let mut ctx = Context::new();
            ctx.insert("public_id", &id.to_string());
            ctx.insert("page_title", "Your report has been submitted");
            state.page(StatusCode::OK, "report/confirmation.html", &ctx)
        }
        None => Ok(see_other(FORM)),
    }
}

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
    service::{AutoResponse, Intake, Limit, ShowOutcome, StepOutcome, Visitor},
    validation::FieldErrors,
};
use poem::{
    IntoResponse, Request, Response, handler,
    http::{StatusCode, header},
    web::{Data, Query, Redirect},
};
use tera::Context;

use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::PostedForm,
    lang::Lang,
    session::Session,
    view::{self, Words},
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

fn titled_page(
    state: &AppState,
    lang: &str,
    status: StatusCode,
    template: &str,
    title_key: &str,
) -> WebResult {
    let mut ctx = Context::new();
    ctx.insert(
        "page_title",
        &state.templates.messages().text(lang, title_key, &[]),
    );
    state.page_in(lang, status, template, &ctx)
}

fn refreshed(state: &AppState, lang: &str) -> WebResult {
    titled_page(
        state,
        lang,
        StatusCode::UNPROCESSABLE_ENTITY,
        "report/refreshed.html",
        "refreshed-title",
    )
}

fn maintenance(state: &AppState, lang: &str) -> WebResult {
    titled_page(
        state,
        lang,
        StatusCode::SERVICE_UNAVAILABLE,
        "report/maintenance.html",
        "maintenance-title",
    )
}

async fn catalog(state: &AppState) -> WebResult<Arc<ProtectedClassCatalog>> {
    Ok(state.catalog.get(&state.db).await?)
}

/// The step just posted, with what was typed in it, when it could not be
/// saved because the database is out of reach (503): nothing typed is
/// lost, and pressing the button again once it is back carries on. The
/// review step has nothing typed in it and gets the plain 503 page (its
/// answers are stored with the draft).
async fn unsaved_step(
    state: &AppState,
    lang: &'static str,
    session: &Session,
    form: &PostedForm,
) -> WebResult {
    let Some(step) =
        crt_domain::form::step(form.get("step").unwrap_or("")).filter(|s| !s.fields.is_empty())
    else {
        return Err(WebError::Unavailable);
    };
    let mut draft = Draft::new();
    draft.current_step = step.name.to_owned();
    draft.furthest_step = step.name.to_owned();
    draft.keep(&form.answers());
    let none = FieldErrors::default();
    let shown = Shown {
        status: StatusCode::SERVICE_UNAVAILABLE,
        notice: Some("unsaved-step"),
        ..Shown::with(&none, lang)
    };
    render_step(state, &draft, session, shown).await
}

/// The message the page shows when a limit on the public was reached.
fn limit_notice(limit: Limit) -> &'static str {
    match limit {
        Limit::ReportsFromAddress => "limit-reports-from-address",
        Limit::DraftsFromAddress => "limit-drafts-from-address",
    }
}

/// How a step is shown.
struct Shown<'a> {
    errors: &'a FieldErrors,
    status: StatusCode,
    /// The id of a message shown above the questions.
    notice: Option<&'static str>,
    debug: bool,
    lang: &'static str,
}

impl<'a> Shown<'a> {
    fn with(errors: &'a FieldErrors, lang: &'static str) -> Self {
        Self {
            errors,
            status: StatusCode::OK,
            notice: None,
            debug: false,
            lang,
        }
    }
}

async fn render_step(
    state: &AppState,
    draft: &Draft,
    session: &Session,
    shown: Shown<'_>,
) -> WebResult {
    let catalog = catalog(state).await?;
    let step = draft.current();
    let csrf = session.csrf_token(state.settings.secret_key.expose());
    let words = Words::new(state.templates.messages(), shown.lang);
    let mut ctx = view::step_context(step, draft, shown.errors, &catalog, &csrf, words);
    add_challenge(state, step.name, &mut ctx);
    if let Some(notice) = shown.notice {
        ctx.insert("limit_notice", notice);
    }
    if shown.debug && state.settings.environment == crate::settings::Environment::Local {
        // The Rust version of Django's {% debug %}: the context, escaped by the template.
        let json = ctx.clone().into_json();
        ctx.insert(
            "debug_context",
            &serde_json::to_string_pretty(&json).unwrap_or_default(),
        );
    }
    let resp = state.page_in(shown.lang, shown.status, step.template, &ctx)?;
    Ok(with_session(state, resp, session))
}

/// The bot challenge's widget, on the first step when one is configured.
fn add_challenge(state: &AppState, step: &str, ctx: &mut Context) {
    if let Some(c) = &state.settings.challenge
        && step == crt_domain::form::STEPS[0].name
    {
        ctx.insert("challenge_site_key", &c.site_key);
        ctx.insert("challenge_script_url", &c.script_url);
    }
}

/// `GET /report/[?step=NAME]`
#[handler]
pub async fn show(
    session: Session,
    state: Data<&AppState>,
    Lang(lang): Lang,
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
        ShowOutcome::Maintenance => return maintenance(state, lang),
        ShowOutcome::Reload => return Ok(see_other(FORM)),
        ShowOutcome::Draft(d) => d,
    };
    let debug = q.get("debug").is_some_and(|d| d == "context");
    if draft.version == 0 && !debug {
        return blank_first_page(state, lang, &draft, &session).await;
    }
    let none = FieldErrors::default();
    let shown = Shown {
        debug,
        ..Shown::with(&none, lang)
    };
    render_step(state, &draft, &session, shown).await
}

const CSRF_PLACEHOLDER: &str = "__crt_csrf_token_placeholder__";

/// The empty first step is the same page for every newcomer of a language
/// but for the CSRF token: render it once per catalog and language and
/// fill the token in. This is what crawlers and load hit; pages with
/// answers are always rendered.
async fn blank_first_page(
    state: &AppState,
    lang: &'static str,
    draft: &Draft,
    session: &Session,
) -> WebResult {
    let catalog = catalog(state).await?;
    let cached = state.first_page.read().ok().and_then(|slots| {
        slots
            .iter()
            .find(|(l, c, _)| *l == lang && Arc::ptr_eq(c, &catalog))
            .map(|(_, _, html)| html.clone())
    });
    let html = match cached {
        Some(html) => html,
        None => {
            let step = draft.current();
            let mut ctx = view::step_context(
                step,
                draft,
                &FieldErrors::default(),
                &catalog,
                CSRF_PLACEHOLDER,
                Words::new(state.templates.messages(), lang),
            );
            add_challenge(state, step.name, &mut ctx);
            // Shared by every newcomer: rendered without anyone's query (the
            // language menu's links are then plain `?lang=…`).
            let html = Arc::new(
                crate::lang::QUERY_WITHOUT_LANG.sync_scope(String::new(), || {
                    state.templates.render_in(lang, step.template, &ctx)
                })?,
            );
            if let Ok(mut slots) = state.first_page.write() {
                // Pages of an older catalog are of no more use.
                slots.retain(|(l, c, _)| *l != lang && Arc::ptr_eq(c, &catalog));
                slots.push((lang, catalog.clone(), html.clone()));
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
pub async fn post(
    req: &Request,
    session: Session,
    form: PostedForm,
    state: Data<&AppState>,
    Lang(lang): Lang,
) -> WebResult {
    let state = *state;
    if !session.verify_csrf(state.settings.secret_key.expose(), form.get("csrf_token")) {
        // A second click on Submit whose first click filed the report (and
        // moved the browser to a new session, so the page's token is the old
        // session's): show the confirmation, which is this session's own.
        if form.get("step") == Some("review")
            && session.existed()
            && state
                .services
                .step
                .filed_report(Some(&session.key()))
                .await?
                .is_some()
        {
            return Ok(see_other(CONFIRMATION));
        }
        tracing::info!("form post refused: missing or wrong CSRF token");
        return Err(WebError::Forbidden);
    }
    // If this post files the report, the browser moves to a new session.
    let moved = Session::fresh();
    let (key, filed_key) = (session.key(), moved.key());
    let visitor = Visitor {
        session_key: &key,
        filed_key: &filed_key,
        address: crate::email::client_ip(req, &state.settings),
    };
    let outcome = match state
        .services
        .step
        .take(&visitor, &form.answers(), &Intake::public_web_in(lang))
        .await
    {
        Ok(outcome) => outcome,
        Err(e) if e.is_unavailable() => {
            tracing::warn!(error = %e, "form step not saved: the database is out of reach");
            return unsaved_step(state, lang, &session, &form).await;
        }
        Err(e) => return Err(e.into()),
    };
    match outcome {
        StepOutcome::UnknownStep => Err(WebError::NotFound),
        StepOutcome::Saved => Ok(see_other(FORM)),
        StepOutcome::Invalid { draft, errors } => {
            render_step(state, &draft, &session, Shown::with(&errors, lang)).await
        }
        StepOutcome::Limited { draft, limit } => {
            tracing::warn!(?limit, "public limit reached");
            let none = FieldErrors::default();
            let shown = Shown {
                status: StatusCode::TOO_MANY_REQUESTS,
                notice: Some(limit_notice(limit)),
                ..Shown::with(&none, lang)
            };
            render_step(state, &draft, &session, shown).await
        }
        StepOutcome::Refreshed => refreshed(state, lang),
        StepOutcome::Maintenance => maintenance(state, lang),
        StepOutcome::FiledNow(filed) => {
            let auto_response = match filed.auto_response {
                AutoResponse::Queued => "queued",
                AutoResponse::NotAsked => "none",
                AutoResponse::OverLimit => {
                    "skipped: this address reached AUTO_RESPONSE_LIMIT today"
                }
            };
            tracing::info!(
                public_id = %filed.record.public_id,
                section = %filed.record.staff.assigned_section,
                auto_response,
                "report filed"
            );
            Ok(with_session(state, see_other(CONFIRMATION), &moved))
        }
        StepOutcome::Filed => Ok(see_other(CONFIRMATION)),
    }
}

/// `GET /report/confirmation/`
#[handler]
pub async fn confirmation(session: Session, state: Data<&AppState>, Lang(lang): Lang) -> WebResult {
    let state = *state;
    let key = session.existed().then(|| session.key());
    match state.services.step.filed_report(key.as_deref()).await? {
        Some(id) => {
            let mut ctx = Context::new();
            ctx.insert("public_id", &id.to_string());
            ctx.insert(
                "page_title",
                &state
                    .templates
                    .messages()
                    .text(lang, "confirmation-title", &[]),
            );
            state.page_in(lang, StatusCode::OK, "report/confirmation.html", &ctx)
        }
        None => Ok(see_other(FORM)),
    }
}

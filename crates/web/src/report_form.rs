//! The public report form: `GET /report/` shows the step the draft is on,
//! `POST /report/` takes one step (Next, Back, or Submit on the review),
//! `GET /report/confirmation/` shows the record number. Drafts live in the
//! database; a GET by someone without a draft writes nothing.

use std::collections::HashMap;

use chrono::Duration;
use crt_domain::{
    draft::Draft,
    form::{self, STEPS},
    ports::{DraftError, DraftRepository, NewOutboxEmail},
    protected_class::ProtectedClassCatalog,
    report::StaffFields,
    routing::assign_section,
    validation::{Answers, Check, Context as VContext, FieldErrors, validate_report},
};
use poem::{
    Body, Request, Response, handler,
    http::{StatusCode, header},
    web::{Data, Query},
};
use tera::Context;

use crate::{AppState, form_body, middleware::error_page, session::Session, view};

/// How long an untouched draft is kept.
pub fn draft_ttl() -> Duration {
    Duration::hours(24)
}

fn page(
    state: &AppState,
    status: StatusCode,
    template: &str,
    mut ctx: Context,
    session: Option<&Session>,
    debug: bool,
) -> Response {
    if debug && state.settings.environment == crate::settings::Environment::Local {
        // The Rust version of Django's {% debug %}: the context, escaped by the template.
        let json = ctx.clone().into_json();
        ctx.insert(
            "debug_context",
            &serde_json::to_string_pretty(&json).unwrap_or_default(),
        );
    }
    let html = match state.templates.render(template, &ctx) {
        Ok(h) => h,
        Err(_) => return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR),
    };
    let mut b = Response::builder()
        .status(status)
        .content_type("text/html; charset=utf-8");
    if let Some(s) = session.filter(|s| s.is_new) {
        b = b.header(
            header::SET_COOKIE,
            s.set_cookie(state.settings.environment.is_deployed()),
        );
    }
    b.body(html)
}

fn redirect(to: &str) -> Response {
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, to)
        .finish()
}

fn server_error(state: &AppState, what: &str, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "{what}");
    error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR)
}

fn refreshed(state: &AppState) -> Response {
    let mut ctx = Context::new();
    ctx.insert("page_title", "This form was refreshed");
    page(
        state,
        StatusCode::UNPROCESSABLE_ENTITY,
        "report/refreshed.html",
        ctx,
        None,
        false,
    )
}

fn maintenance(state: &AppState) -> Response {
    let mut ctx = Context::new();
    ctx.insert("page_title", "Down for maintenance");
    page(
        state,
        StatusCode::SERVICE_UNAVAILABLE,
        "report/maintenance.html",
        ctx,
        None,
        false,
    )
}

async fn catalog(state: &AppState) -> Result<std::sync::Arc<ProtectedClassCatalog>, Response> {
    state
        .catalog
        .get(&state.db)
        .await
        .map_err(|e| server_error(state, "loading protected classes", e))
}

fn render_step(
    state: &AppState,
    draft: &Draft,
    errors: &FieldErrors,
    catalog: &ProtectedClassCatalog,
    session: &Session,
    debug: bool,
) -> Response {
    let step = draft.current();
    let csrf = session.csrf_token(state.settings.secret_key.expose());
    let ctx = view::step_context(step, draft, errors, catalog, &csrf);
    page(
        state,
        StatusCode::OK,
        step.template,
        ctx,
        Some(session),
        debug,
    )
}

/// `GET /report/[?step=NAME]`
#[handler]
pub async fn show(
    req: &Request,
    state: Data<&AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let state = *state;
    let session = Session::from_request(req);
    let now = state.clock.now();
    let loaded = if session.existed() {
        match state.db.load_draft(&session.key(), now).await {
            Ok(d) => d,
            Err(e) => return server_error(state, "loading a draft", e),
        }
    } else {
        None
    };
    let live = loaded.filter(|d| d.submitted.is_none());
    // Maintenance closes the form to newcomers; drafts in progress carry on.
    if state.settings.maintenance_mode && live.is_none() {
        return maintenance(state);
    }
    let mut draft = live.unwrap_or_default();
    if let Some(target) = q.get("step")
        && draft.version > 0
        && *target != draft.current_step
        && draft.visit(target)
    {
        match state
            .db
            .save_draft(&session.key(), &draft, now, draft_ttl())
            .await
        {
            Ok(v) => draft.version = v,
            Err(DraftError::Conflict | DraftError::AlreadySubmitted(_)) => {
                return redirect("/report/");
            }
            Err(e) => return server_error(state, "saving a draft", e),
        }
    }
    let catalog = match catalog(state).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let debug = q.get("debug").is_some_and(|d| d == "context");
    if draft.version == 0 && !debug {
        return blank_first_page(state, &draft, &catalog, &session);
    }
    render_step(
        state,
        &draft,
        &FieldErrors::default(),
        &catalog,
        &session,
        debug,
    )
}

const CSRF_PLACEHOLDER: &str = "__crt_csrf_token_placeholder__";

/// The empty first step is the same page for every newcomer but for the
/// CSRF token: render it once per catalog and fill the token in. This is
/// what crawlers and load hit; pages with answers are always rendered.
fn blank_first_page(
    state: &AppState,
    draft: &Draft,
    catalog: &std::sync::Arc<ProtectedClassCatalog>,
    session: &Session,
) -> Response {
    let cached = state.first_page.read().ok().and_then(|slot| {
        slot.as_ref()
            .filter(|(c, _)| std::sync::Arc::ptr_eq(c, catalog))
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
                catalog,
                CSRF_PLACEHOLDER,
            );
            let Ok(html) = state.templates.render(step.template, &ctx) else {
                return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR);
            };
            let html = std::sync::Arc::new(html);
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
    let mut b = Response::builder()
        .status(StatusCode::OK)
        .content_type("text/html; charset=utf-8");
    if session.is_new {
        b = b.header(
            header::SET_COOKIE,
            session.set_cookie(state.settings.environment.is_deployed()),
        );
    }
    b.body(body)
}

/// `POST /report/`
#[handler]
pub async fn post(req: &Request, body: Body, state: Data<&AppState>) -> Response {
    let state = *state;
    let session = Session::from_request(req);
    let pairs = match form_body::read_or_page(req, body, &state.templates).await {
        Ok(p) => p,
        Err(page) => return page,
    };
    let posted = Answers::from_pairs(pairs);
    if !session.verify_csrf(state.settings.secret_key.expose(), posted.get("csrf_token")) {
        tracing::info!("form post refused: missing or wrong CSRF token");
        return error_page(&state.templates, StatusCode::FORBIDDEN);
    }
    let step_name = posted.get("step").unwrap_or("");
    let Some(step) = form::step(step_name) else {
        return error_page(&state.templates, StatusCode::NOT_FOUND);
    };
    let action = posted.get("action").unwrap_or("next");
    let now = state.clock.now();
    let key = session.key();
    let mut draft = match state.db.load_draft(&key, now).await {
        // A second click on Submit: show the report the first one filed.
        Ok(Some(d)) if d.submitted.is_some() && step.name == "review" => {
            return redirect("/report/confirmation/");
        }
        // Starting another report after filing one.
        Ok(Some(d))
            if d.submitted.is_some()
                && step.name == STEPS[0].name
                && !state.settings.maintenance_mode =>
        {
            Draft::new()
        }
        Ok(Some(d)) if d.submitted.is_some() => return refreshed(state),
        Ok(Some(d)) => d,
        // Maintenance closes the form to new drafts, by POST as by GET.
        Ok(None) if state.settings.maintenance_mode => return maintenance(state),
        Ok(None) if step.name == STEPS[0].name => Draft::new(),
        Ok(None) => return refreshed(state),
        Err(e) => return server_error(state, "loading a draft", e),
    };
    if draft.current_step != step.name {
        return refreshed(state);
    }
    let catalog = match catalog(state).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let ctx = VContext {
        catalog: &catalog,
        today: now.date_naive(),
    };
    let mut errors = FieldErrors::default();
    if step.name == "review" {
        if action == "back" {
            draft.back();
        } else {
            return submit(state, &session, draft, &catalog, ctx).await;
        }
    } else {
        draft.keep(&posted);
        if action == "back" {
            draft.back();
        } else {
            let mut check = Check::new(&draft.answers, ctx);
            (step.check)(&mut check);
            errors = check.finish();
            if errors.is_empty() {
                draft.advance(ctx);
            }
        }
    }
    // Save even when there are errors: nothing typed is lost.
    match state.db.save_draft(&key, &draft, now, draft_ttl()).await {
        Ok(v) => draft.version = v,
        Err(DraftError::Conflict | DraftError::AlreadySubmitted(_)) => return refreshed(state),
        Err(e) => return server_error(state, "saving a draft", e),
    }
    if errors.is_empty() {
        redirect("/report/")
    } else {
        render_step(state, &draft, &errors, &catalog, &session, false)
    }
}

async fn submit(
    state: &AppState,
    session: &Session,
    mut draft: Draft,
    catalog: &ProtectedClassCatalog,
    ctx: VContext<'_>,
) -> Response {
    let now = state.clock.now();
    let key = session.key();
    let report = match validate_report(&draft.answers, ctx) {
        Ok(r) => r,
        Err(errors) => {
            // Send the person to the first step that needs an answer.
            let first_bad = form::steps_for(&draft.answers)
                .find(|s| s.fields.iter().any(|f| !errors.for_field(f).is_empty()))
                .map_or(STEPS[0].name, |s| s.name);
            draft.current_step = first_bad.to_owned();
            match state.db.save_draft(&key, &draft, now, draft_ttl()).await {
                Ok(v) => draft.version = v,
                Err(DraftError::Conflict | DraftError::AlreadySubmitted(_)) => {
                    return refreshed(state);
                }
                Err(e) => return server_error(state, "saving a draft", e),
            }
            return render_step(state, &draft, &errors, catalog, session, false);
        }
    };
    let (section, why) = assign_section(&report);
    let staff = StaffFields::new_report(section, why);
    let email = report
        .contact
        .email
        .clone()
        .map(|recipient| NewOutboxEmail {
            recipient,
            purpose: "auto".into(),
            template: "autoresponse".into(),
        });
    match state
        .db
        .submit_draft(&key, draft.version, &report, &staff, email, now)
        .await
    {
        Ok(record) => {
            tracing::info!(public_id = %record.public_id, section = %section, "report filed");
            // The auto-response is queued with the report; send it now.
            state.mail.wake.notify_one();
            redirect("/report/confirmation/")
        }
        Err(DraftError::AlreadySubmitted(_)) => redirect("/report/confirmation/"),
        Err(DraftError::Conflict) => refreshed(state),
        Err(e) => server_error(state, "filing a report", e),
    }
}

/// `GET /report/confirmation/`
#[handler]
pub async fn confirmation(req: &Request, state: Data<&AppState>) -> Response {
    let state = *state;
    let session = Session::from_request(req);
    if !session.existed() {
        return redirect("/report/");
    }
    match state.db.load_draft(&session.key(), state.clock.now()).await {
        Ok(Some(Draft {
            submitted: Some(id),
            ..
        })) => {
            let mut ctx = Context::new();
            ctx.insert("public_id", &id.to_string());
            ctx.insert("page_title", "Your report has been submitted");
            page(
                state,
                StatusCode::OK,
                "report/confirmation.html",
                ctx,
                None,
                false,
            )
        }
        Ok(_) => redirect("/report/"),
        Err(e) => server_error(state, "loading a draft", e),
    }
}

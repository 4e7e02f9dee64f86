//! E-mail in the server: choosing the sender at start, the background
//! worker, the TMS delivery webhook (`POST /email/webhook/`, only for
//! callers inside `TMS_WEBHOOK_ALLOWED_CIDR_NETS`), the unsubscribe page,
//! and the client address behind trusted proxies.

use std::{net::IpAddr, sync::Arc, time::Duration};

use crt_domain::{
    email::{
        EmailStatus, OutboxRepository, WebhookOutcome, parse_completed_at, parse_tms_status,
        tms_id_from_message_url,
    },
    ports::RepositoryError,
    values::Email,
};
use crt_mail::worker::Worker;
use poem::{
    Body, Request, Response, handler,
    http::StatusCode,
    web::{Data, Query},
};
use tera::Context;

use crate::{
    AppState, Settings,
    error::{WebError, WebResult},
    extract::PostedForm,
    form_body,
    lang::Lang,
};

/// Starts the outbox worker when e-mail is enabled.
pub fn spawn_worker(
    state: &AppState,
    stop: tokio::sync::watch::Receiver<bool>,
) -> Option<tokio::task::JoinHandle<()>> {
    let sender = state.mail.sender.clone()?;
    if !state.settings.mail.worker {
        tracing::info!("EMAIL_WORKER is off: this instance queues mail but does not send it");
        return None;
    }
    let worker = Worker::from_settings(
        Arc::new(state.db.clone()),
        Arc::new(state.db.clone()),
        sender,
        state.mail.letters.clone(),
        &crate::compose::mail_config(&state.settings),
    );
    Some(tokio::spawn(worker.run(
        state.clock.clone(),
        Duration::from_secs(15),
        state.mail.wake.clone(),
        stop,
    )))
}

/// The client's address: the TCP peer's, or — only when the peer is a
/// trusted proxy (`TRUSTED_PROXY_NETS`) — the last address in
/// `X-Forwarded-For` that is not itself a trusted proxy. A caller cannot
/// choose its address by sending the header itself.
pub fn client_ip(req: &Request, settings: &Settings) -> Option<IpAddr> {
    let peer = req.remote_addr().as_socket_addr().map(|a| a.ip())?;
    if !settings.trusted_proxies.contains(peer) {
        return Some(peer);
    }
    let hops: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    for hop in hops.iter().rev() {
        // A hop we cannot read means we cannot tell who is calling.
        let ip: IpAddr = hop.parse().ok()?;
        if !settings.trusted_proxies.contains(ip) {
            return Some(ip);
        }
    }
    Some(peer)
}

fn plain(status: StatusCode, text: &str) -> Response {
    Response::builder()
        .status(status)
        .content_type("text/plain; charset=utf-8")
        .body(text.to_owned())
}

/// `POST /email/webhook/`: TMS's delivery callback.
#[handler]
pub async fn webhook(req: &Request, body: Body, state: Data<&AppState>) -> Response {
    let state = *state;
    let client = client_ip(req, &state.settings);
    if !client.is_some_and(|ip| state.settings.mail.webhook_nets.contains(ip)) {
        tracing::warn!(
            client = %client.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()),
            "e-mail webhook refused: caller not in TMS_WEBHOOK_ALLOWED_CIDR_NETS"
        );
        return plain(StatusCode::FORBIDDEN, "forbidden");
    }
    if let Some(secret) = &state.settings.mail.webhook_secret {
        let given = req
            .headers()
            .get("x-webhook-secret")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !crate::csrf::same_secret(given, secret.expose()) {
            tracing::warn!("e-mail webhook refused: missing or wrong X-Webhook-Secret");
            return plain(StatusCode::FORBIDDEN, "forbidden");
        }
    }
    let pairs = match form_body::read(req, body).await {
        Ok(p) => p,
        Err(form_body::BodyError::TooLarge) => {
            return plain(StatusCode::PAYLOAD_TOO_LARGE, "body too large");
        }
        Err(form_body::BodyError::Malformed(why)) => {
            return plain(StatusCode::BAD_REQUEST, &format!("malformed body: {why}"));
        }
    };
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let Some(tms_id) = get("message_url").and_then(tms_id_from_message_url) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "message_url is missing or has no message id",
        );
    };
    let Some(status) = get("status").and_then(parse_tms_status) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "status is missing or not one of new, sending, sent, failed, inconclusive, blacklisted, canceled",
        );
    };
    let completed_at = match get("completed_at") {
        None => None,
        Some(v) => match parse_completed_at(v) {
            Some(t) => Some(t),
            None => {
                return plain(
                    StatusCode::BAD_REQUEST,
                    "completed_at must look like 2026-11-25 14:03:09 UTC",
                );
            }
        },
    };
    let error_message = get("error_message");
    match state
        .db
        .apply_webhook(&tms_id, status, completed_at, error_message)
        .await
    {
        Ok(outcome) => {
            let (changed, now) = match outcome {
                WebhookOutcome::Updated(s) => (true, s),
                WebhookOutcome::Unchanged(s) => (false, s),
            };
            tracing::info!(tms_id, reported = %status, status = %now, changed, "e-mail delivery callback");
            if status == EmailStatus::Failed {
                tracing::warn!(
                    tms_id,
                    error = error_message.unwrap_or(""),
                    "TMS reports a failed delivery"
                );
            }
            Response::builder().status(StatusCode::NO_CONTENT).finish()
        }
        Err(RepositoryError::NotFound) => {
            tracing::info!(tms_id, "e-mail delivery callback for an unknown message");
            plain(StatusCode::NOT_FOUND, "unknown message")
        }
        Err(e) => {
            tracing::error!(error = %e, "applying an e-mail delivery callback");
            plain(StatusCode::SERVICE_UNAVAILABLE, "try again later")
        }
    }
}

#[derive(serde::Deserialize)]
struct UnsubscribeQuery {
    address: Option<String>,
    token: Option<String>,
}

fn unsubscribe_page(
    state: &AppState,
    lang: &str,
    status: StatusCode,
    ctx: &mut Context,
) -> WebResult {
    ctx.insert(
        "page_title",
        &state
            .templates
            .messages()
            .text(lang, "unsubscribe-title", &[]),
    );
    state.page_in(lang, status, "unsubscribe.html", ctx)
}

fn checked(state: &AppState, address: Option<&str>, token: Option<&str>) -> Option<Email> {
    let email = Email::parse(address?).ok()?;
    state
        .mail
        .links
        .verify(email.as_str(), token?)
        .then_some(email)
}

fn invalid_link(state: &AppState, lang: &str) -> WebResult {
    let mut ctx = Context::new();
    ctx.insert("state", "invalid");
    unsubscribe_page(state, lang, StatusCode::BAD_REQUEST, &mut ctx)
}

/// `GET /email/unsubscribe/?address=…&token=…`: asks to confirm (a GET
/// changes nothing: mail scanners follow links).
#[handler]
pub async fn unsubscribe_form(
    Query(q): Query<UnsubscribeQuery>,
    state: Data<&AppState>,
    Lang(lang): Lang,
) -> WebResult {
    let state = *state;
    let Some(email) = checked(state, q.address.as_deref(), q.token.as_deref()) else {
        return invalid_link(state, lang);
    };
    let mut ctx = Context::new();
    ctx.insert("state", "confirm");
    ctx.insert("address", email.as_str());
    ctx.insert("token", q.token.as_deref().unwrap_or(""));
    unsubscribe_page(state, lang, StatusCode::OK, &mut ctx)
}

/// `POST /email/unsubscribe/`: adds the address to the do-not-email list.
/// The signed token stands in for a CSRF token: only the recipient has it.
#[handler]
pub async fn unsubscribe(form: PostedForm, state: Data<&AppState>, Lang(lang): Lang) -> WebResult {
    let state = *state;
    let Some(email) = checked(state, form.get("address"), form.get("token")) else {
        return invalid_link(state, lang);
    };
    if let Err(e) = state
        .db
        .suppress(&email, "unsubscribe link", state.clock.now())
        .await
    {
        tracing::error!(error = %e, "recording an unsubscribe");
        return Err(WebError::Unavailable);
    }
    tracing::info!("an address was added to the do-not-email list");
    let mut ctx = Context::new();
    ctx.insert("state", "done");
    ctx.insert("address", email.as_str());
    unsubscribe_page(state, lang, StatusCode::OK, &mut ctx)
}

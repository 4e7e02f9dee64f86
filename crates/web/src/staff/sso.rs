//! Single sign-on's two pages: `GET /auth/login?next=…` sends the browser
//! to the identity provider, and `GET /auth/callback` receives it back.
//! The rules (single-use state bound to the browser, token checks, groups)
//! are the `SingleSignOn` service's and the provider adapter's; this module
//! reads the query and the cookie, and renders the outcome. Both pages are
//! 404 where single sign-on is off.

use std::collections::HashMap;

use crt_domain::service::{ProviderAnswer, SsoError, StaffToken, flow_length};
use poem::{
    IntoResponse, Request, Response, handler,
    http::{StatusCode, header},
    web::{Data, Query, Redirect},
};
use tera::Context;

use super::auth::{local_next, no_access_page, session_cookie};
use crate::{
    AppState,
    error::{WebError, WebResult},
    session::cookie_header,
};

/// The cookie binding a sign-in in progress to the browser that started
/// it (its name when not served over TLS).
const FLOW_COOKIE: &str = "crt_sso";
/// Its name over TLS: `__Host-` pins it to this host and path `/`.
const SECURE_FLOW_COOKIE: &str = "__Host-crt_sso";

fn flow_cookie_name(state: &AppState) -> &'static str {
    if state.secure_cookies() {
        SECURE_FLOW_COOKIE
    } else {
        FLOW_COOKIE
    }
}

fn flow_cookie(state: &AppState, value: &str, max_age: i64) -> String {
    cookie_header(
        flow_cookie_name(state),
        value,
        Some(max_age),
        state.secure_cookies(),
    )
}

/// Where the provider sends the browser after its logout: the sign-in
/// page, saying the person signed out.
pub(crate) fn signed_out_url(state: &AppState) -> String {
    let base = state
        .settings
        .sso
        .provider
        .as_ref()
        .map_or(state.settings.site_url.as_str(), |p| {
            p.relying_party.as_str()
        });
    format!("{base}/accounts/login/?signed_out=1")
}

fn sso_error_page(state: &AppState, status: StatusCode, message: &str, next: &str) -> WebResult {
    let mut ctx = Context::new();
    ctx.insert("page_title", "Sign-in did not finish");
    ctx.insert("message", message);
    ctx.insert(
        "again",
        &format!(
            "/auth/login?next={}",
            percent_encoding::utf8_percent_encode(next, super::auth::NEXT_ESCAPES)
        ),
    );
    state.page(status, "accounts/sso_error.html", &ctx)
}

fn no_store(mut resp: Response) -> Response {
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        poem::http::HeaderValue::from_static("no-store"),
    );
    resp
}

/// `GET /auth/login?next=…`
#[handler]
pub async fn login(state: Data<&AppState>, Query(q): Query<HashMap<String, String>>) -> WebResult {
    let state = *state;
    let Some(sso) = &state.services.sso else {
        return Err(WebError::NotFound);
    };
    let next = local_next(q.get("next").map(String::as_str));
    match sso.start(next).await {
        Ok(started) => {
            let cookie = flow_cookie(
                state,
                started.browser_token.expose(),
                flow_length().num_seconds(),
            );
            Ok(no_store(
                Redirect::see_other(started.redirect_to)
                    .with_header(header::SET_COOKIE, cookie)
                    .into_response(),
            ))
        }
        Err(e) => {
            tracing::warn!(reason = %e.reason(), "single sign-on could not start");
            let status = match e {
                SsoError::Repository(_) => StatusCode::INTERNAL_SERVER_ERROR,
                _ => StatusCode::SERVICE_UNAVAILABLE,
            };
            sso_error_page(state, status, &e.to_string(), next)
        }
    }
}

/// `GET /auth/callback?state=…&code=…` (or `&error=…`)
#[handler]
pub async fn callback(
    req: &Request,
    state: Data<&AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> WebResult {
    let state = *state;
    let Some(sso) = &state.services.sso else {
        return Err(WebError::NotFound);
    };
    let browser = req
        .cookie()
        .get(flow_cookie_name(state))
        .and_then(|c| StaffToken::parse(c.value_str()));
    let clear = flow_cookie(state, "", 0);
    let Some(flow_state) = q.get("state").filter(|s| !s.is_empty()) else {
        tracing::warn!(reason = "no state in the answer", "single sign-on refused");
        let page = sso_error_page(
            state,
            StatusCode::BAD_REQUEST,
            &SsoError::UnknownState.to_string(),
            super::auth::local_next(None),
        )?;
        return Ok(no_store(page));
    };
    let answer = ProviderAnswer {
        state: flow_state,
        code: q.get("code").map(String::as_str),
        error: q.get("error").map(String::as_str),
    };
    let outcome = sso.finish(answer, browser.as_ref()).await;
    let mut resp = match outcome {
        Ok((signed_in, next)) => {
            tracing::info!(
                user = %signed_in.user.username,
                groups = ?signed_in.user.groups,
                "signed in through single sign-on"
            );
            let next = local_next(Some(&next)).to_owned();
            let mut resp = Redirect::see_other(next)
                .with_header(header::SET_COOKIE, session_cookie(state, &signed_in.token))
                .into_response();
            if let Ok(v) = clear.parse() {
                resp.headers_mut().append(header::SET_COOKIE, v);
            }
            return Ok(no_store(resp));
        }
        Err(e) => {
            tracing::warn!(reason = %e.reason(), "single sign-on refused");
            let message = e.to_string();
            let home = local_next(None);
            match &e {
                SsoError::NoPortalGroup { username, .. } => {
                    no_access_page(state, username, Some(&message), true)?
                }
                SsoError::Inactive { username } | SsoError::NotYours { username, .. } => {
                    no_access_page(state, username, Some(&message), false)?
                }
                SsoError::Unreachable(_) => {
                    sso_error_page(state, StatusCode::SERVICE_UNAVAILABLE, &message, home)?
                }
                SsoError::Repository(_) => return Err(WebError::Internal),
                _ => sso_error_page(state, StatusCode::BAD_REQUEST, &message, home)?,
            }
        }
    };
    if let Ok(v) = clear.parse() {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(no_store(resp))
}

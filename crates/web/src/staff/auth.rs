//! Staff sign-in: `/accounts/login/`, `/accounts/logout/`, and the
//! middleware that guards every staff route. Sessions live in the database
//! (any instance serves them) under a hash of the cookie's token; the token
//! is new at every sign-in. Failed sign-ins are throttled per username and
//! per address without revealing which usernames exist.

use chrono::Duration;
use crt_domain::{
    accounts::{User, dummy_hash, verify_password},
    ports::{RepositoryError, StaffSessionRepository, UserRepository},
};
use hmac::{Hmac, Mac};
use poem::{
    Body, Endpoint, IntoResponse, Request, Response, handler,
    http::{Method, StatusCode, header},
    web::{Data, Query},
};
use rand::RngCore;
use sha2::{Digest, Sha256};
use tera::Context;

use crate::{AppState, form_body, middleware::error_page, session::Session};

/// The staff session cookie.
pub const COOKIE: &str = "crt_staff";
/// How long a staff session lasts.
pub fn session_length() -> Duration {
    Duration::hours(12)
}
/// Failed sign-ins allowed per username and per address in [`window`].
pub const MAX_FAILURES: u64 = 5;
/// The throttling window.
pub fn window() -> Duration {
    Duration::minutes(15)
}

/// The signed-in staff member of a request (set by [`require_staff`]).
#[derive(Clone, Debug)]
pub struct Staff {
    /// The account.
    pub user: User,
    /// The CSRF token staff forms carry.
    pub csrf: String,
}

fn token_of(req: &Request) -> Option<String> {
    req.headers().get_all(header::COOKIE).iter().find_map(|h| {
        h.to_str().ok()?.split(';').find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == COOKIE && v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
                .then(|| v.to_owned())
        })
    })
}

fn key_of(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn csrf_for(secret: &str, token: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(b"staff-csrf|");
    mac.update(token.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Checks a staff form's CSRF token in constant time.
pub fn csrf_ok(staff: &Staff, given: Option<&str>) -> bool {
    same_token(given, &staff.csrf)
}

/// Constant-time comparison of a posted token with the expected one.
fn same_token(given: Option<&str>, expected: &str) -> bool {
    let Some(given) = given else { return false };
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn is_local_path(next: &str) -> bool {
    // Printable ASCII only: browsers drop tabs and newlines from URLs, so
    // "/\t/evil.example" would become "//evil.example".
    next.bytes().all(|b| b.is_ascii_graphic())
        && next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.contains("://")
}
/// The guard of every staff route: anonymous → sign-in page (GET) or 403;
/// signed in without portal access → 403 page saying whom to ask.
pub async fn require_staff<E: Endpoint>(next: E, mut req: Request) -> poem::Result<Response> {
    let Some(state) = req.data::<AppState>().cloned() else {
        return Ok(StatusCode::INTERNAL_SERVER_ERROR.into_response());
    };
    let user = match token_of(&req) {
        Some(token) => match state
            .db
            .session_user(&key_of(&token), state.clock.now())
            .await
        {
            Ok(user) => Some((user, token)),
            Err(RepositoryError::NotFound) => None,
            Err(e) => {
                tracing::error!(error = %e, "reading a staff session");
                return Ok(error_page(
                    &state.templates,
                    StatusCode::INTERNAL_SERVER_ERROR,
                ));
            }
        },
        None => None,
    };
    let Some((user, token)) = user else {
        if req.method() == Method::GET {
            let path = req
                .uri()
                .path_and_query()
                .map_or("/form/view/", |p| p.as_str())
                .to_owned();
            let to = format!("/accounts/login/?next={}", urlencode(&path));
            return Ok(Response::builder()
                .status(StatusCode::FOUND)
                .header(header::LOCATION, to)
                .finish());
        }
        return Ok(error_page(&state.templates, StatusCode::FORBIDDEN));
    };
    if !user.portal_access {
        let mut ctx = Context::new();
        ctx.insert("page_title", "You do not have access to this page");
        ctx.insert("username", &user.username);
        let html = state
            .templates
            .render("errors/no_access.html", &ctx)
            .unwrap_or_default();
        return Ok(Response::builder()
            .status(StatusCode::FORBIDDEN)
            .content_type("text/html; charset=utf-8")
            .body(html));
    }
    let csrf = csrf_for(state.settings.secret_key.expose(), &token);
    req.extensions_mut().insert(Staff { user, csrf });
    next.call(req).await.map(IntoResponse::into_response)
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn login_page(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    error: Option<&str>,
    username: &str,
    next: &str,
) -> Response {
    let mut ctx = Context::new();
    ctx.insert("page_title", "Sign in");
    ctx.insert(
        "csrf_token",
        &session.csrf_token(state.settings.secret_key.expose()),
    );
    ctx.insert("error", &error);
    ctx.insert("username", username);
    ctx.insert("next", next);
    let html = match state.templates.render("accounts/login.html", &ctx) {
        Ok(h) => h,
        Err(_) => return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR),
    };
    let mut b = Response::builder()
        .status(status)
        .content_type("text/html; charset=utf-8");
    if session.is_new {
        b = b.header(
            header::SET_COOKIE,
            session.set_cookie(state.settings.environment.is_deployed()),
        );
    }
    b.body(html)
}

/// `GET /accounts/login/`
#[handler]
pub fn login_form(
    req: &Request,
    state: Data<&AppState>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let next = q
        .get("next")
        .filter(|n| is_local_path(n))
        .map_or("/form/view/", String::as_str);
    login_page(
        &state,
        &Session::from_request(req),
        StatusCode::OK,
        None,
        "",
        next,
    )
}

/// `POST /accounts/login/`
#[handler]
pub async fn login(req: &Request, body: Body, state: Data<&AppState>) -> Response {
    let state = *state;
    let session = Session::from_request(req);
    let pairs = match form_body::read_or_page(req, body, &state.templates).await {
        Ok(p) => p,
        Err(page) => return page,
    };
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    if !session.verify_csrf(state.settings.secret_key.expose(), get("csrf_token")) {
        return error_page(&state.templates, StatusCode::FORBIDDEN);
    }
    let username = get("username").unwrap_or("").trim().to_owned();
    let password = get("password").unwrap_or("");
    let next = get("next")
        .filter(|n| is_local_path(n))
        .unwrap_or("/form/view/")
        .to_owned();
    let now = state.clock.now();
    // Behind a trusted proxy, the address it saw (see TRUSTED_PROXY_NETS).
    let addr = crate::email::client_ip(req, &state.settings)
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    let keys = [
        format!("user:{}", username.to_lowercase()),
        format!("ip:{addr}"),
    ];
    // Count this attempt before checking the password, so parallel attempts
    // cannot all pass the limit; a successful sign-in removes it again.
    if let Err(e) = state.db.record_failed_login(&keys, now).await {
        tracing::error!(error = %e, "recording a sign-in attempt");
        return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR);
    }
    for k in &keys {
        match state.db.failed_logins_since(k, now - window()).await {
            Ok(n) if n > MAX_FAILURES => {
                tracing::warn!(
                    key_kind = k.split(':').next().unwrap_or(""),
                    "sign-in throttled"
                );
                return login_page(
                    state,
                    &session,
                    StatusCode::TOO_MANY_REQUESTS,
                    Some("Too many failed sign-in attempts. Please wait 15 minutes and try again."),
                    &username,
                    &next,
                );
            }
            Ok(_) => {}
            Err(e) => {
                tracing::error!(error = %e, "reading sign-in attempts");
                return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR);
            }
        }
    }
    // Exactly one password verification whether or not the account exists,
    // has a password or is active, so timing reveals nothing.
    let user = match state.db.user_with_hash(&username).await {
        Ok((user, hash)) => {
            let matches = verify_password(password, hash.as_deref().unwrap_or(dummy_hash()));
            (matches && hash.is_some() && user.active).then_some(user)
        }
        Err(RepositoryError::NotFound) => {
            let _ = verify_password(password, dummy_hash());
            None
        }
        Err(e) => {
            tracing::error!(error = %e, "reading an account");
            return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let Some(user) = user else {
        return login_page(
            state,
            &session,
            StatusCode::OK,
            Some("Your username and password didn't match. Please try again."),
            &username,
            &next,
        );
    };
    if let Err(e) = state.db.forget_login_attempt(&keys, now).await {
        tracing::error!(error = %e, "clearing a sign-in attempt");
    }
    // A new token at every sign-in (no session fixation).
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    if let Err(e) = state
        .db
        .create_session(&key_of(&token), user.id, now, now + session_length())
        .await
    {
        tracing::error!(error = %e, "creating a staff session");
        return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR);
    }
    tracing::info!(user = %user.username, "signed in");
    let secure = if state.settings.environment.is_deployed() {
        "; Secure"
    } else {
        ""
    };
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, next)
        .header(
            header::SET_COOKIE,
            format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}"),
        )
        .finish()
}

/// `POST /accounts/logout/`
#[handler]
pub async fn logout(req: &Request, body: Body, state: Data<&AppState>) -> Response {
    let state = *state;
    let pairs = form_body::read(req, body).await.unwrap_or_default();
    let given = pairs
        .iter()
        .find(|(k, _)| k == "csrf_token")
        .map(|(_, v)| v.as_str());
    if let Some(token) = token_of(req) {
        if !same_token(given, &csrf_for(state.settings.secret_key.expose(), &token)) {
            return error_page(&state.templates, StatusCode::FORBIDDEN);
        }
        if let Err(e) = state.db.delete_session(&key_of(&token)).await {
            tracing::error!(error = %e, "ending a staff session");
        }
    }
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, "/accounts/login/")
        .header(
            header::SET_COOKIE,
            format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
        )
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_must_be_local() {
        assert!(is_local_path("/form/view/?status=new"));
        for bad in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil",
            "javascript:alert(1)",
            "form/view/",
            "/\t/evil.example",
            "/\n/x",
        ] {
            assert!(!is_local_path(bad), "{bad}");
        }
    }
}

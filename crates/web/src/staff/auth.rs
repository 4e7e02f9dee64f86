//! Staff sign-in: `/accounts/login/`, `/accounts/logout/`, and the
//! middleware that guards every staff route. The rules (throttling, one
//! password verification per attempt, sessions stored under a hash of a
//! fresh token) are the `SignIn` service's; this module reads the form and
//! the cookie and renders the outcome.

use crt_domain::{
    accounts::User,
    service::{PasswordSignIn, SignInError, StaffToken},
};
use poem::{
    Endpoint, IntoResponse, Request, Response, handler,
    http::{Method, StatusCode, header},
    web::{Data, Query, Redirect},
};
use tera::Context;

use crate::{
    AppState, csrf,
    error::{WebError, WebResult},
    extract::PostedForm,
    session::{Session, cookie_header},
};

/// The staff session cookie (its name when not served over TLS).
pub const COOKIE: &str = "crt_staff";
/// Its name over TLS: `__Host-` pins it to this host (no sibling subdomain
/// can plant one) and to path `/`.
pub const SECURE_COOKIE: &str = "__Host-crt_staff";

/// The staff cookie's name here.
pub fn cookie_name(state: &AppState) -> &'static str {
    if state.secure_cookies() {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

/// Where staff land after signing in when no page was asked for.
const HOME: &str = "/form/view/";

/// The signed-in staff member of a request (set by [`require_staff`]; a
/// handler takes it as an extractor).
#[derive(Clone, Debug)]
pub struct Staff {
    /// The account.
    pub user: User,
    /// The CSRF token staff forms carry.
    pub csrf: String,
    token: StaffToken,
}

impl Staff {
    /// Whether a posted form carries this session's CSRF token.
    pub fn csrf_ok(&self, secret: &str, form: &PostedForm) -> bool {
        csrf::verify(
            secret,
            csrf::Purpose::Staff,
            self.token.expose(),
            form.get("csrf_token"),
        )
    }

    /// Whether `token` is this session's CSRF token (a multipart upload,
    /// read field by field).
    pub fn csrf_token_ok(&self, secret: &str, token: Option<&str>) -> bool {
        csrf::verify(secret, csrf::Purpose::Staff, self.token.expose(), token)
    }

    /// Refuses a posted form without this session's CSRF token.
    ///
    /// Errors: `Forbidden`.
    pub fn check_csrf(&self, state: &AppState, form: &PostedForm) -> WebResult<()> {
        if self.csrf_ok(state.settings.secret_key.expose(), form) {
            Ok(())
        } else {
            Err(WebError::Forbidden)
        }
    }
}

fn token_of(state: &AppState, req: &Request) -> Option<StaffToken> {
    StaffToken::parse(req.cookie().get(cookie_name(state))?.value_str())
}

/// The header value that removes the staff cookie.
fn clear_cookie(state: &AppState) -> String {
    cookie_header(cookie_name(state), "", Some(0), state.secure_cookies())
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

fn no_access(state: &AppState, user: &User) -> WebResult {
    no_access_page(state, &user.username, None, false)
}

/// The 403 page for a signed-in person without portal access, saying whom
/// to ask (`AUTH_ACCESS_CONTACT`) and, after single sign-on, why and
/// whether a group would let them in.
pub(crate) fn no_access_page(
    state: &AppState,
    username: &str,
    why: Option<&str>,
    group_would_help: bool,
) -> WebResult {
    let mut ctx = Context::new();
    ctx.insert("page_title", "You do not have access to this page");
    ctx.insert("username", username);
    ctx.insert("why", &why);
    ctx.insert("contact", &state.settings.sso.access_contact);
    ctx.insert("group_would_help", &group_would_help);
    state.page(StatusCode::FORBIDDEN, "errors/no_access.html", &ctx)
}

/// The guard of every staff route: anonymous → sign-in page (GET) or 403;
/// signed in without portal access → 403 page saying whom to ask.
pub async fn require_staff<E: Endpoint>(next: E, mut req: Request) -> poem::Result<Response> {
    let Some(state) = req.data::<AppState>().cloned() else {
        return Err(WebError::internal("staff guard", "no application state").into());
    };
    let signed_in = match token_of(&state, &req) {
        Some(token) => state
            .services
            .sign_in
            .session_user(&token)
            .await
            .map_err(|e| WebError::database("reading a staff session", e))?
            .map(|user| (user, token)),
        None => None,
    };
    let Some((user, token)) = signed_in else {
        if req.method() == Method::GET {
            // The whole address asked for: inside the `/form` nest, `uri()`
            // has lost its prefix.
            let path = req
                .original_uri()
                .path_and_query()
                .map_or(HOME, |p| p.as_str())
                .to_owned();
            let to = format!(
                "/accounts/login/?next={}",
                percent_encoding::utf8_percent_encode(&path, NEXT_ESCAPES)
            );
            return Ok(Response::builder()
                .status(StatusCode::FOUND)
                .header(header::LOCATION, to)
                .finish());
        }
        return Err(WebError::NotSignedIn.into());
    };
    if !user.portal_access {
        return Ok(no_access(&state, &user)?);
    }
    let csrf = csrf::token(
        state.settings.secret_key.expose(),
        csrf::Purpose::Staff,
        token.expose(),
    );
    req.extensions_mut().insert(Staff { user, csrf, token });
    next.call(req).await.map(IntoResponse::into_response)
}

/// What `next=` escapes: everything but unreserved characters and `/`.
pub(crate) const NEXT_ESCAPES: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

pub(crate) fn login_page(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    error: Option<&str>,
    username: &str,
    next: &str,
) -> WebResult {
    login_page_with(state, session, status, error, username, next, false)
}

fn login_page_with(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    error: Option<&str>,
    username: &str,
    next: &str,
    signed_out: bool,
) -> WebResult {
    let mut ctx = Context::new();
    ctx.insert("signed_out", &signed_out);
    ctx.insert("page_title", "Sign in");
    ctx.insert(
        "csrf_token",
        &session.csrf_token(state.settings.secret_key.expose()),
    );
    ctx.insert("error", &error);
    ctx.insert("username", username);
    ctx.insert("next", next);
    ctx.insert("sso", &state.services.sso.is_some());
    ctx.insert(
        "sso_link",
        &format!(
            "/auth/login?next={}",
            percent_encoding::utf8_percent_encode(next, NEXT_ESCAPES)
        ),
    );
    ctx.insert(
        "passwords",
        match state.services.sign_in.passwords {
            PasswordSignIn::Any => "any",
            PasswordSignIn::EmergencyLocalOnly => "emergency",
            PasswordSignIn::Off => "off",
        },
    );
    let mut resp = state.page(status, "accounts/login.html", &ctx)?;
    if session.is_new
        && let Ok(v) = session
            .set_cookie(state.settings.secret_key.expose(), state.secure_cookies())
            .parse()
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(resp)
}

pub(crate) fn local_next(next: Option<&str>) -> &str {
    next.filter(|n| is_local_path(n)).unwrap_or(HOME)
}

/// `GET /accounts/login/`
#[handler]
pub fn login_form(
    session: Session,
    state: Data<&AppState>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> WebResult {
    let next = local_next(q.get("next").map(String::as_str));
    let signed_out = q.contains_key("signed_out");
    login_page_with(&state, &session, StatusCode::OK, None, "", next, signed_out)
}

/// `POST /accounts/login/`
#[handler]
pub async fn login(
    req: &Request,
    session: Session,
    form: PostedForm,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    if !session.verify_csrf(state.settings.secret_key.expose(), form.get("csrf_token")) {
        return Err(WebError::Forbidden);
    }
    let username = form.get("username").unwrap_or("").trim();
    let next = local_next(form.get("next"));
    // Behind a trusted proxy, the address it saw (see TRUSTED_PROXY_NETS);
    // `None` when a forwarded address cannot be read.
    let address = crate::email::client_ip(req, &state.settings);
    let signed_in = state
        .services
        .sign_in
        .sign_in(username, form.get("password").unwrap_or(""), address)
        .await;
    let signed_in = match signed_in {
        Ok(s) => s,
        Err(e @ SignInError::Throttled { by, retry_after }) => {
            tracing::warn!(key_kind = by, "sign-in throttled");
            let msg = e.to_string();
            let mut page = login_page(
                state,
                &session,
                StatusCode::TOO_MANY_REQUESTS,
                Some(&msg),
                username,
                next,
            )?;
            // Whole seconds, rounded up as the page's text is.
            let secs = ((retry_after.num_milliseconds() + 999) / 1000).max(1);
            if let Ok(v) = secs.to_string().parse() {
                page.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return Ok(page);
        }
        Err(e @ SignInError::BadCredentials) => {
            let msg = e.to_string();
            return login_page(state, &session, StatusCode::OK, Some(&msg), username, next);
        }
        Err(e @ SignInError::PasswordsOff) => {
            // Not the typed username: people type passwords there by mistake.
            tracing::warn!("password sign-in refused: single sign-on is on here");
            let msg = e.to_string();
            return login_page(
                state,
                &session,
                StatusCode::FORBIDDEN,
                Some(&msg),
                username,
                next,
            );
        }
        Err(SignInError::Repository(e)) => return Err(WebError::database("signing in", e)),
    };
    if signed_in.emergency {
        tracing::warn!(
            user = %signed_in.user.username,
            "emergency-local password sign-in while single sign-on is on (AUTH_ALLOW_EMERGENCY_LOCAL)"
        );
    } else {
        tracing::info!(user = %signed_in.user.username, "signed in");
    }
    Ok(Redirect::see_other(next)
        .with_header(header::SET_COOKIE, session_cookie(state, &signed_in.token))
        .into_response())
}

/// The staff session cookie for `token` (HttpOnly, SameSite=Lax, Secure
/// when served over TLS).
pub(crate) fn session_cookie(state: &AppState, token: &StaffToken) -> String {
    cookie_header(
        cookie_name(state),
        token.expose(),
        None,
        state.secure_cookies(),
    )
}

/// `POST /accounts/logout/`
#[handler]
pub async fn logout(req: &Request, form: PostedForm, state: Data<&AppState>) -> WebResult {
    let state = *state;
    if let Some(token) = token_of(state, req) {
        if !csrf::verify(
            state.settings.secret_key.expose(),
            csrf::Purpose::Staff,
            token.expose(),
            form.get("csrf_token"),
        ) {
            return Err(WebError::Forbidden);
        }
        let provider_logout = match &state.services.sso {
            Some(sso) => sso
                .sign_out(&token, &crate::staff::sso::signed_out_url(state))
                .await
                .unwrap_or_else(|e| {
                    tracing::error!(error = %e, "ending a staff session");
                    None
                }),
            None => {
                if let Err(e) = state.services.sign_in.sign_out(&token).await {
                    tracing::error!(error = %e, "ending a staff session");
                }
                None
            }
        };
        if let Some(url) = provider_logout {
            return Ok(Redirect::see_other(url)
                .with_header(header::SET_COOKIE, clear_cookie(state))
                .into_response());
        }
    }
    let mut resp = Redirect::see_other("/accounts/login/?signed_out=1").into_response();
    if let Ok(v) = clear_cookie(state).parse() {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(resp)
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

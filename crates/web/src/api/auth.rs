//! Who is calling the API: a personal API token (`Authorization: Bearer`,
//! checked by the `ApiTokens` service) or the staff session cookie (checked
//! by `SignIn`, with the CSRF token in `X-CSRF-Token` on writes). Anonymous
//! callers get 401, except where an operation allows them.

use crt_domain::{accounts::User, service::StaffToken};
use poem::Request;
use poem_openapi::{
    SecurityScheme,
    auth::{ApiKey, Bearer},
};

use super::{ApiError, body};
use crate::{AppState, csrf};

/// The header a cookie-authenticated write carries its CSRF token in (the
/// token the staff pages carry, in `<meta name="csrf-token">`).
pub const CSRF_HEADER: &str = "X-CSRF-Token";

/// A personal API token (`crt-admin token create`).
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "crt_ followed by 64 hex digits")]
pub struct TokenAuth(Bearer);

/// The staff session cookie, as named without TLS (writes also need the
/// `X-CSRF-Token` header).
#[derive(SecurityScheme)]
#[oai(ty = "api_key", key_name = "crt_staff", key_in = "cookie")]
pub struct SessionAuth(ApiKey);

/// The staff session cookie as named over TLS (writes also need the
/// `X-CSRF-Token` header).
#[derive(SecurityScheme)]
#[oai(ty = "api_key", key_name = "__Host-crt_staff", key_in = "cookie")]
pub struct SecureSessionAuth(ApiKey);

/// The credentials of a request, if any.
#[derive(SecurityScheme)]
pub enum Auth {
    /// `Authorization: Bearer crt_…`
    Token(TokenAuth),
    /// The staff session cookie (served over TLS; first, so that a planted
    /// cookie without the prefix is never the one read).
    SecureSession(SecureSessionAuth),
    /// The staff session cookie (served without TLS).
    Session(SessionAuth),
    /// Neither.
    #[oai(fallback)]
    Anonymous,
}

/// A caller the API recognised.
#[derive(Clone, Debug)]
pub struct Caller {
    /// The staff member.
    pub user: User,
    /// Whether writes are refused (a read-only token).
    pub read_only: bool,
    /// Signed in by cookie: writes need the CSRF header.
    session: Option<StaffToken>,
}

fn unauthorized(message: &str) -> ApiError {
    ApiError::Unauthorized(body("unauthorized", message))
}

impl Auth {
    /// The caller, if the credentials are valid (`None` for anonymous).
    ///
    /// Errors: 401 for credentials that are not valid; 500 when they
    /// cannot be checked.
    pub async fn caller(&self, state: &AppState) -> Result<Option<Caller>, ApiError> {
        match self {
            Auth::Anonymous => Ok(None),
            Auth::Token(TokenAuth(Bearer { token })) => {
                match state.services.api_tokens.authenticate(token).await {
                    Ok(Some(c)) => Ok(Some(Caller {
                        user: c.user.clone(),
                        read_only: !c.may_write(),
                        session: None,
                    })),
                    Ok(None) => Err(unauthorized(
                        "This API token is not valid: it may have expired or been revoked, or its owner lost staff access.",
                    )),
                    Err(e) => Err(ApiError::internal("checking an API token", e)),
                }
            }
            // Each cookie counts only where the pages set it: over TLS a
            // cookie without the prefix may have been planted.
            Auth::Session(SessionAuth(ApiKey { key }))
            | Auth::SecureSession(SecureSessionAuth(ApiKey { key })) => {
                let secure_name = matches!(self, Auth::SecureSession(_));
                if secure_name != state.secure_cookies() {
                    return Err(unauthorized("Your session has ended: sign in again."));
                }
                let Some(token) = StaffToken::parse(key) else {
                    return Err(unauthorized("Your session has ended: sign in again."));
                };
                match state.services.sign_in.session_user(&token).await {
                    Ok(Some(user)) if user.portal_access => Ok(Some(Caller {
                        user,
                        read_only: false,
                        session: Some(token),
                    })),
                    Ok(Some(_)) => Err(ApiError::Forbidden(body(
                        "forbidden",
                        "Your account has no access to the staff view: ask your section's portal administrator.",
                    ))),
                    Ok(None) => Err(unauthorized("Your session has ended: sign in again.")),
                    Err(e) => Err(ApiError::internal("reading a staff session", e)),
                }
            }
        }
    }

    /// A staff caller for reading.
    ///
    /// Errors: 401 anonymous or invalid; 500.
    pub async fn reader(&self, state: &AppState) -> Result<Caller, ApiError> {
        self.caller(state).await?.ok_or_else(|| {
            unauthorized(
                "Sign in: send a personal API token as `Authorization: Bearer crt_…`, or the staff session cookie.",
            )
        })
    }

    /// A staff caller allowed to write: not a read-only token, and with
    /// the CSRF header when signed in by cookie.
    ///
    /// Errors: 401; 403; 500.
    pub async fn writer(&self, state: &AppState, req: &Request) -> Result<Caller, ApiError> {
        let caller = self.reader(state).await?;
        caller.check_write(state, req)?;
        Ok(caller)
    }
}

impl Caller {
    /// Refuses a write by a read-only token, or by a cookie without the
    /// session's CSRF token.
    ///
    /// Errors: 403.
    pub fn check_write(&self, state: &AppState, req: &Request) -> Result<(), ApiError> {
        if self.read_only {
            return Err(ApiError::Forbidden(body(
                "forbidden",
                "This API token is read-only: make a token without --read-only to change reports.",
            )));
        }
        if let Some(token) = &self.session {
            let given = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if !csrf::verify(
                state.settings.secret_key.expose(),
                csrf::Purpose::Staff,
                token.expose(),
                given,
            ) {
                return Err(ApiError::Forbidden(body(
                    "forbidden",
                    "A change made with the session cookie needs the page's CSRF token in the X-CSRF-Token header.",
                )));
            }
        }
        Ok(())
    }
}

//! The one error type of the web layer. Handlers return
//! [`WebResult`]; an error becomes its status, and the middleware
//! ([`crate::middleware::decorate`]) renders the site's error page for it,
//! in one place. A 500 logs its source where it is made and shows nothing
//! of it.

use poem::{error::ResponseError, http::StatusCode};

/// What a handler answers with: a response, or an error page.
pub type WebResult<T = poem::Response> = Result<T, WebError>;

/// Why a request could not be answered with its page.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// No such page or record (404).
    #[error("not found")]
    NotFound,
    /// Not allowed, or a missing or wrong CSRF token (403).
    #[error("forbidden")]
    Forbidden,
    /// A staff page asked for without signing in, by a method that cannot
    /// be sent to the sign-in page (403; GETs are redirected instead).
    #[error("not signed in")]
    NotSignedIn,
    /// The request cannot be read (400); the message says why, on the page.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The body is larger than a form accepts (413).
    #[error("payload too large")]
    TooLarge,
    /// The request is well formed but cannot be done (422).
    #[error("unprocessable: {0}")]
    Unprocessable(String),
    /// A service we need is down; try again later (503). The source was
    /// logged.
    #[error("unavailable")]
    Unavailable,
    /// Something failed on our side (500); the source was logged.
    #[error("internal error")]
    Internal,
}

impl WebError {
    /// For a database error while `what`: a 503 when the database is out
    /// of reach for the moment (a restart, a lost connection), else a 500;
    /// logged either way.
    pub fn database(what: &'static str, e: crt_domain::ports::RepositoryError) -> Self {
        match e {
            crt_domain::ports::RepositoryError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "{what}: the database is out of reach");
                Self::Unavailable
            }
            e => Self::internal(what, e),
        }
    }

    /// A 500 for `source`, logged here with what was being done.
    pub fn internal(what: &'static str, source: impl std::fmt::Display) -> Self {
        tracing::error!(error = %source, "{what}");
        Self::Internal
    }
}

impl WebError {
    /// What the error page may say about the problem (what was sent and
    /// cannot be read or done; never an internal detail).
    pub fn public_detail(&self) -> Option<&str> {
        match self {
            Self::BadRequest(m) | Self::Unprocessable(m) => Some(m),
            Self::NotSignedIn => {
                Some("This page is for Civil Rights Division staff: sign in first.")
            }
            _ => None,
        }
    }
}

impl ResponseError for WebError {
    fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Forbidden | Self::NotSignedIn => StatusCode::FORBIDDEN,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<tera::Error> for WebError {
    fn from(e: tera::Error) -> Self {
        Self::internal("rendering a template", e)
    }
}

impl From<crt_domain::ports::RepositoryError> for WebError {
    fn from(e: crt_domain::ports::RepositoryError) -> Self {
        match e {
            crt_domain::ports::RepositoryError::NotFound => Self::NotFound,
            crt_domain::ports::RepositoryError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "the database is out of reach");
                Self::Unavailable
            }
            e => Self::internal("reading or writing the database", e),
        }
    }
}

impl From<crt_domain::ports::DraftError> for WebError {
    fn from(e: crt_domain::ports::DraftError) -> Self {
        match e {
            crt_domain::ports::DraftError::Repository(r) => r.into(),
            e => Self::internal("reading or writing a draft", e),
        }
    }
}

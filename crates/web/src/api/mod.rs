//! The JSON API under `/api/` (poem-openapi): one more door into the same
//! use-case services as the staff pages (`ChangeReport`, `FileReport`, the
//! staff list's one query reader), with its OpenAPI 3 document at
//! `/api/openapi.json` and Swagger UI at `/api/docs/` (staff only when
//! deployed). Every error is JSON of one shape ([`types::ErrorBody`]).

mod auth;
mod reference;
mod reports;
mod support;
mod text;
pub mod types;

use poem::{
    Endpoint, EndpointExt, IntoResponse, Request, Response, Route,
    http::{HeaderValue, StatusCode, header},
};
use poem_openapi::{ApiResponse, OpenApiService, payload::Json};

pub use reference::ReferenceApi;
pub use reports::Api;
use types::{ErrorBody, ErrorDetail};

/// The API's error responses (each a JSON [`ErrorBody`]).
#[derive(ApiResponse, Debug)]
pub enum ApiError {
    /// A parameter could not be read.
    #[oai(status = 400)]
    BadRequest(Json<ErrorBody>),
    /// No credentials, or credentials that are not (or no longer) valid.
    #[oai(status = 401)]
    Unauthorized(Json<ErrorBody>),
    /// The caller may not do this (a read-only token writing, a missing
    /// CSRF token on a cookie-authenticated write, anonymous filing off).
    #[oai(status = 403)]
    Forbidden(Json<ErrorBody>),
    /// No such report.
    #[oai(status = 404)]
    NotFound(Json<ErrorBody>),
    /// The report changed since the `If-Match` ETag was read.
    #[oai(status = 412)]
    PreconditionFailed(Json<ErrorBody>),
    /// The body is not JSON.
    #[oai(status = 415)]
    UnsupportedMediaType(Json<ErrorBody>),
    /// The body or the filters break a rule; field problems in `errors`.
    #[oai(status = 422)]
    Unprocessable(Json<ErrorBody>),
    /// A change needs the `If-Match` header with the report's ETag.
    #[oai(status = 428)]
    PreconditionRequired(Json<ErrorBody>),
    /// Too many reports from this network (anonymous filing).
    #[oai(status = 429)]
    TooManyRequests(Json<ErrorBody>),
    /// Something failed on our side (details are logged, never sent).
    #[oai(status = 500)]
    Internal(Json<ErrorBody>),
    /// Maintenance mode: no new reports.
    #[oai(status = 503)]
    Unavailable(Json<ErrorBody>),
}

/// The API's groups of operations.
#[derive(poem_openapi::Tags)]
pub(crate) enum Tag {
    /// Reports: list, read, change, comment, file.
    Reports,
    /// The lists the answers are checked against, and routing.
    Reference,
}

/// The body of an error.
pub fn body(code: &str, message: impl Into<String>) -> Json<ErrorBody> {
    Json(ErrorBody {
        error: ErrorDetail {
            code: code.to_owned(),
            message: message.into(),
        },
        errors: None,
    })
}

impl ApiError {
    /// A 500 whose cause is logged, not sent.
    pub fn internal(doing: &str, e: impl std::fmt::Display) -> Self {
        tracing::error!(error = %e, "api: {doing}");
        Self::Internal(body(
            "internal",
            "Something failed on our side; the request was not completed. Try again later.",
        ))
    }

    /// A 422 with field problems.
    pub fn fields(message: &str, errors: std::collections::BTreeMap<String, Vec<String>>) -> Self {
        let mut b = body("invalid", message);
        b.0.errors = Some(errors);
        Self::Unprocessable(b)
    }
}

impl From<crt_domain::ports::RepositoryError> for ApiError {
    fn from(e: crt_domain::ports::RepositoryError) -> Self {
        match e {
            crt_domain::ports::RepositoryError::NotFound => Self::NotFound(body(
                "not_found",
                "There is no report with this record number.",
            )),
            crt_domain::ports::RepositoryError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "api: the database is out of reach");
                Self::Unavailable(body(
                    "unavailable",
                    "The database is out of reach for a moment; nothing was changed. Try again in a minute.",
                ))
            }
            e => Self::internal("reading or writing reports", e),
        }
    }
}

/// Whether `/api/docs/` and `/api/openapi.json` need a staff session.
#[derive(Clone, Copy)]
pub struct DocsAccess {
    /// A deployed environment: staff only.
    pub staff_only: bool,
}

/// The OpenAPI service (also what the snapshot test renders).
pub fn service() -> OpenApiService<(Api, ReferenceApi), ()> {
    OpenApiService::new(
        (Api, ReferenceApi),
        "Civil Rights Division reporting portal API",
        "1.0",
    )
    .description(
        "Reports, their staff actions and activity, filing, and the reference lists. \
             Authenticate with a personal API token (`Authorization: Bearer crt_…`, made with \
             `crt-admin token create`) or a staff session cookie; cookie-authenticated writes \
             need the `X-CSRF-Token` header. See docs/api.md.",
    )
    .server("/api")
}

/// The OpenAPI document as JSON (pretty-printed, as served).
pub fn spec_json() -> String {
    service().spec()
}

/// Everything under `/api`: the operations, the document, Swagger UI;
/// errors of any origin answered in the one JSON shape.
pub fn routes(access: DocsAccess) -> impl Endpoint {
    let api = service();
    let spec = api.spec_endpoint().with_if(access.staff_only, StaffOnly);
    let ui = api
        .swagger_ui()
        .around(swagger_policy)
        .with_if(access.staff_only, StaffOnly);
    let allowed = std::sync::Arc::new(allowed_methods());
    Route::new()
        .at("/openapi.json", spec)
        .nest("/docs", ui)
        .nest("/", api)
        .around(move |ep, mut req| {
            let allowed = allowed.clone();
            async move {
                let path = req.uri().path().to_owned();
                // A body is read whole before the operation runs (and before
                // it checks who is calling): never more than the forms take.
                let declared = req
                    .headers()
                    .get(header::CONTENT_LENGTH)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<usize>().ok());
                if declared.is_some_and(|n| n > MAX_BODY) {
                    return Ok(too_large());
                }
                match req.take_body().into_bytes_limit(MAX_BODY).await {
                    Ok(bytes) => req.set_body(bytes),
                    Err(_too_large_or_cut) => return Ok(too_large()),
                }
                let mut resp = match ep.call(req).await {
                    Ok(r) => r,
                    Err(e) => json_error(e).await,
                };
                if resp.status() == StatusCode::METHOD_NOT_ALLOWED
                    && let Some(methods) = allow_for(&allowed, &path)
                    && let Ok(v) = HeaderValue::from_str(&methods)
                {
                    resp.headers_mut().insert(header::ALLOW, v);
                }
                Ok::<_, poem::Error>(resp)
            }
        })
}

/// Largest request body the API reads (the forms' limit).
const MAX_BODY: usize = crate::form_body::MAX_BODY;

fn too_large() -> Response {
    let mut resp = body(
        "too_large",
        format!("The request body is larger than {} KB.", MAX_BODY / 1024),
    )
    .into_response();
    resp.set_status(StatusCode::PAYLOAD_TOO_LARGE);
    resp
}

/// Each path of the document (`/reports/{public_id}`) with its methods.
fn allowed_methods() -> Vec<(Vec<String>, String)> {
    let doc: serde_json::Value = serde_json::from_str(&spec_json()).unwrap_or_default();
    let Some(paths) = doc.get("paths").and_then(|p| p.as_object()) else {
        return Vec::new();
    };
    paths
        .iter()
        .map(|(path, ops)| {
            let segments = path.split('/').map(str::to_owned).collect();
            let methods = ops
                .as_object()
                .map(|o| {
                    o.keys()
                        .map(|m| m.to_uppercase())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            (segments, methods)
        })
        .collect()
}

/// The `Allow` header for a request path, if it is one of the document's.
fn allow_for(table: &[(Vec<String>, String)], path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    table
        .iter()
        .find(|(segments, _)| {
            segments.len() == parts.len()
                && segments
                    .iter()
                    .zip(&parts)
                    .all(|(s, p)| s.starts_with('{') || s == p)
        })
        .map(|(_, m)| m.clone())
}

/// Swagger UI's page runs inline scripts and styles: it gets a policy of
/// its own (it shows only our document, never report text).
async fn swagger_policy<E: Endpoint>(next: E, req: Request) -> poem::Result<Response> {
    let mut resp = next.call(req).await?.into_response();
    if resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
    {
        resp.headers_mut().insert(
            "content-security-policy",
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; \
                 img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
            ),
        );
    }
    Ok(resp)
}

/// Requires a staff session (deployed environments' API documents).
struct StaffOnly;

impl<E: Endpoint> poem::Middleware<E> for StaffOnly {
    type Output = StaffOnlyEndpoint<E>;
    fn transform(&self, ep: E) -> Self::Output {
        StaffOnlyEndpoint(ep)
    }
}

struct StaffOnlyEndpoint<E>(E);

impl<E: Endpoint> Endpoint for StaffOnlyEndpoint<E> {
    type Output = Response;
    async fn call(&self, req: Request) -> poem::Result<Response> {
        crate::staff::auth::require_staff(&self.0, req).await
    }
}

/// Any error that is not already an [`ApiError`] response (a parameter or
/// body poem-openapi could not read, an unknown path or method) as JSON.
async fn json_error(err: poem::Error) -> Response {
    use poem_openapi::error::{ContentTypeError, ParseRequestPayloadError};
    let status = err.status();
    let (status, code) = if err.is::<ParseRequestPayloadError>() {
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_body")
    } else if err.is::<ContentTypeError>() {
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
    } else {
        (
            status,
            match status.as_u16() {
                400 => "invalid_parameter",
                401 => "unauthorized",
                403 => "forbidden",
                404 => "not_found",
                405 => "method_not_allowed",
                413 => "too_large",
                _ if status.is_server_error() => "internal",
                _ => "error",
            },
        )
    };
    let message = if status.is_server_error() {
        tracing::error!(error = %err, "api request failed");
        "Something failed on our side; the request was not completed.".to_owned()
    } else {
        err.to_string()
    };
    let resp = err.into_response();
    let is_json = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return resp;
    }
    let mut out = body(code, message).into_response();
    out.set_status(status);
    out
}

//! What every response gets: security headers, and an error page in the
//! site's look for any error status a handler did not render itself (a 500
//! never shows internals).

use std::sync::Arc;

use poem::{
    Endpoint, IntoResponse, Request, Response,
    http::{HeaderValue, StatusCode, header},
};
use tera::Context;
use tracing::Instrument;

use crate::{error::WebError, templates::Templates};

/// The pages' Content-Security-Policy: everything from this site only;
/// with a bot challenge on, its origin may also serve scripts and frames;
/// with single sign-on on, the sign-out form may end at the identity
/// provider's origin (browsers apply `form-action` to the redirect).
pub fn content_security_policy(
    challenge_origin: Option<&str>,
    provider_origin: Option<&str>,
) -> String {
    let form = match provider_origin {
        Some(o) => format!("'self' {o}"),
        None => "'self'".to_owned(),
    };
    let (script, frame) = match challenge_origin {
        Some(o) => (format!("'self' {o}"), format!("; frame-src {o}")),
        None => ("'self'".to_owned(), String::new()),
    };
    format!(
        "default-src 'self'; script-src {script}; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; form-action {form}; frame-ancestors 'none'; base-uri 'self'; object-src 'none'{frame}"
    )
}

/// What the middleware adds to every response.
#[derive(Clone)]
pub struct Decor {
    /// The error pages' templates.
    pub templates: Arc<Templates>,
    /// Deployed: HSTS.
    pub deployed: bool,
    /// The Content-Security-Policy header.
    pub csp: HeaderValue,
}

/// The message ids of an error status's title and explanation.
pub fn error_keys(status: StatusCode) -> (String, String) {
    let code = match status.as_u16() {
        c @ (400 | 403 | 404 | 405 | 413 | 415 | 422 | 429 | 503) => c,
        c if (400..500).contains(&c) => 400,
        _ => 500,
    };
    (format!("error-{code}-title"), format!("error-{code}-text"))
}

/// A compression the browser accepts.
#[derive(Clone, Copy)]
enum Coding {
    Brotli,
    Gzip,
}

/// Pages smaller than this are sent as they are. Measured on the form's
/// first step (10 KB, 2.5 KB compressed): compressing it per request took
/// GET /report/ from 37,000 to 5,300 req/s (brotli 4) or 13,000 (gzip 1),
/// to save 7.5 KB of a 130 KB first visit. The big pages (the staff list,
/// a report, the intake form: 30 to 150 KB) are worth it.
const COMPRESS_FROM: usize = 16 * 1024;

/// An HTML page compressed for the browser (fast settings: a page is
/// made per request; static files are compressed harder, at build time).
async fn compress(resp: Response, coding: Coding) -> Response {
    use std::io::Write as _;
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = body.into_bytes().await else {
        return Response::from_parts(parts, poem::Body::empty());
    };
    parts
        .headers
        .insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if bytes.len() < COMPRESS_FROM || parts.headers.contains_key(header::CONTENT_ENCODING) {
        return Response::from_parts(parts, bytes.into());
    }
    let packed = match coding {
        Coding::Brotli => {
            let mut out = Vec::with_capacity(bytes.len() / 4);
            {
                let mut w = brotli::CompressorWriter::new(&mut out, 4096, 4, 18);
                if w.write_all(&bytes).is_err() {
                    return Response::from_parts(parts, bytes.into());
                }
            }
            (out, "br")
        }
        Coding::Gzip => {
            let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(5));
            match w.write_all(&bytes).and_then(|()| w.finish()) {
                Ok(out) => (out, "gzip"),
                Err(_) => return Response::from_parts(parts, bytes.into()),
            }
        }
    };
    parts
        .headers
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static(packed.1));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, packed.0.into())
}

/// The error page in `lang`, with what exactly was wrong when the person
/// can act on it.
fn error_page_with(
    templates: &Templates,
    lang: &str,
    status: StatusCode,
    detail: Option<&str>,
) -> Response {
    let (title_key, text_key) = error_keys(status);
    let messages = templates.messages();
    let title = messages.text(lang, &title_key, &[]);
    let mut ctx = Context::new();
    ctx.insert("detail", &detail);
    ctx.insert("status", &status.as_u16());
    ctx.insert("title", &title);
    ctx.insert("page_title", &title);
    ctx.insert("message", &messages.text(lang, &text_key, &[]));
    match templates.render_in(lang, "errors/error.html", &ctx) {
        Ok(html) => Response::builder()
            .status(status)
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(_) => Response::builder()
            .status(status)
            .content_type("text/plain; charset=utf-8")
            .body(title),
    }
}

fn is_html(resp: &Response) -> bool {
    resp.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// The middleware: a request id on every log line of the request, error
/// pages and security headers.
pub async fn decorate<E: Endpoint>(next: E, req: Request, decor: Decor) -> poem::Result<Response> {
    // Every log line of this request carries its id, method and path (never
    // the query, which may hold answers); bodies and cookies are never logged.
    let request_id = format!("{:016x}", rand::random::<u64>());
    let span = tracing::info_span!(
        "request",
        id = %request_id,
        method = %req.method(),
        path = %req.uri().path()
    );
    let mut resp = handle(next, req, decor.templates, decor.csp, decor.deployed)
        .instrument(span)
        .await?;
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        resp.headers_mut().insert("x-request-id", v);
    }
    if decor.deployed {
        // Deployed environments are served over TLS only.
        resp.headers_mut().insert(
            "strict-transport-security",
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    Ok(resp)
}

async fn handle<E: Endpoint>(
    next: E,
    req: Request,
    templates: Arc<Templates>,
    csp: HeaderValue,
    secure: bool,
) -> poem::Result<Response> {
    // Machine callers get plain answers (the webhook's 400 says what is wrong).
    let path_is_api = matches!(req.uri().path(), "/health" | "/email/webhook/")
        || req.uri().path().starts_with("/api/");
    // Staff pages are English; public pages speak the chosen language, and
    // `?lang=` on any of them is remembered for the browser session.
    let path = req.uri().path();
    let staff_path = ["/form/", "/accounts/", "/auth/"]
        .iter()
        .any(|p| path.starts_with(p));
    let (lang, remember) = if staff_path || path_is_api {
        (crt_i18n::DEFAULT, None)
    } else {
        (
            crate::lang::of_request(&req, secure),
            crate::lang::from_query(&req),
        )
    };
    let coding = if crate::assets::accepts(&req, "br") {
        Some(Coding::Brotli)
    } else if crate::assets::accepts(&req, "gzip") {
        Some(Coding::Gzip)
    } else {
        None
    };
    let started = std::time::Instant::now();
    let query = crate::lang::without_lang(req.uri().query().unwrap_or(""));
    let answered = crate::lang::QUERY_WITHOUT_LANG
        .scope(query, next.call(req))
        .await;
    let mut resp = match answered {
        Ok(r) => r.into_response(),
        Err(e) => {
            let status = e.status();
            if status.is_server_error() {
                tracing::error!(error = %e, "request failed");
            }
            // The detail is English (what staff or a script sent wrong);
            // a public page in another language says it in its own words.
            let detail = e
                .downcast_ref::<WebError>()
                .and_then(WebError::public_detail)
                .filter(|_| lang == crt_i18n::DEFAULT);
            if path_is_api {
                status.into_response()
            } else {
                error_page_with(&templates, lang, status, detail)
            }
        }
    };
    let status = resp.status();
    if (status.is_client_error() || status.is_server_error()) && !is_html(&resp) && !path_is_api {
        resp = error_page_with(&templates, lang, status, None);
    }
    if let Some(code) = remember
        && let Ok(v) = HeaderValue::from_str(&crate::lang::set_cookie(code, secure))
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    let html = is_html(&resp);
    // A public page says which language it is in (staff pages are English).
    if html
        && !staff_path
        && let Some(tag) = crt_i18n::language(lang).map(|l| l.tag)
    {
        resp.headers_mut()
            .insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(tag));
    }
    let h = resp.headers_mut();
    // A handler may set a stricter-or-different policy for its own response
    // (the letter preview: inline styles, no scripts, framed by our pages).
    let framed_by_us = h.contains_key("content-security-policy");
    if !framed_by_us {
        h.insert("content-security-policy", csp);
    }
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert(
        "x-frame-options",
        HeaderValue::from_static(if framed_by_us { "SAMEORIGIN" } else { "DENY" }),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    if html && !h.contains_key(header::CACHE_CONTROL) {
        // Pages can hold what a person typed: never keep them in shared caches.
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if html && let Some(coding) = coding {
        resp = compress(resp, coding).await;
    }
    tracing::info!(
        target: "crt_web::request",
        status = resp.status().as_u16(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "request"
    );
    Ok(resp)
}

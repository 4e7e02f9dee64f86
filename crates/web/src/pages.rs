//! The small public pages: the landing page (in the visitor's language),
//! the old address of the form, and the load balancers' health check.

use poem::{
    handler,
    http::StatusCode,
    web::{Data, Json, Redirect},
};

use crate::{AppState, error::WebResult, lang::Lang};

#[handler]
pub(crate) fn redirect_to_report() -> Redirect {
    Redirect::moved_permanent("/report/")
}

#[handler]
pub(crate) fn landing(state: Data<&AppState>, Lang(lang): Lang) -> WebResult {
    use crt_domain::{choice::Choice, report::PrimaryComplaint};
    let mut ctx = tera::Context::new();
    // Each concern's words are the page's (`option-primary_complaint-…`).
    let concerns: Vec<serde_json::Value> = PrimaryComplaint::ALL
        .iter()
        .map(|p| serde_json::json!({ "value": p.value() }))
        .collect();
    ctx.insert("concerns", &concerns);
    state.page_in(lang, StatusCode::OK, "landing.html", &ctx)
}

/// `GET /health`: 200 when the database answers (503 otherwise, which
/// takes the instance out of rotation). It also says whether the virus
/// scanner answers: without it only attachments stop (uploads are refused),
/// so it does not fail the check.
#[handler]
pub(crate) async fn health(state: Data<&AppState>) -> (StatusCode, Json<serde_json::Value>) {
    // Only "ok" or "unreachable" (the reason, with the scanner's address,
    // is check-config's and the upload's log), asked at most every 15 s
    // and waited for at most one second.
    let recent = state
        .scanner_health
        .lock()
        .ok()
        .and_then(|last| *last)
        .filter(|(at, _)| at.elapsed() < std::time::Duration::from_secs(15))
        .map(|(_, ok)| ok);
    let answers = match recent {
        Some(ok) => ok,
        None => {
            let ping = state.services.attachments.scanner.ping();
            let ok = matches!(
                tokio::time::timeout(std::time::Duration::from_secs(1), ping).await,
                Ok(Ok(()))
            );
            if let Ok(mut last) = state.scanner_health.lock() {
                *last = Some((std::time::Instant::now(), ok));
            }
            ok
        }
    };
    let scanner = if answers { "ok" } else { "unreachable" };
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(serde_json::json!({
                "status": "ok",
                "database": state.db.backend_name(),
                "virus_scanner": scanner,
            })),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({
                    "status": "unavailable",
                    "database": "unreachable",
                    "virus_scanner": scanner,
                })),
            )
        }
    }
}

//! `/form/trends/`: the most frequent words in report descriptions for four
//! windows, as last computed by `crt-admin refresh-trends`.

use poem::{Request, Response, handler, http::StatusCode, web::Data};
use tera::Context;

use super::auth::Staff;
use crate::{AppState, middleware::error_page};

/// `GET /form/trends/`
#[handler]
pub async fn show(req: &Request, state: Data<&AppState>) -> Response {
    let state = *state;
    let Some(staff) = req.extensions().get::<Staff>().cloned() else {
        return error_page(&state.templates, StatusCode::FORBIDDEN);
    };
    let (trends, computed_at) = match state.db.stored_trends().await {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "reading trends");
            return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let windows: Vec<serde_json::Value> = trends
        .iter()
        .map(|(w, words)| serde_json::json!({"label": w.label(), "words": words.iter().map(|(t, n)| serde_json::json!({"word": t, "count": n})).collect::<Vec<_>>()}))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("page_title", "Trends");
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("windows", &windows);
    ctx.insert(
        "computed_at",
        &computed_at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()),
    );
    match state.templates.render("crt/trends.html", &ctx) {
        Ok(html) => Response::builder()
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(_) => error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR),
    }
}

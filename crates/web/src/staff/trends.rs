//! `/form/trends/`: the most frequent words in report descriptions for four
//! windows, as last computed by `crt-admin refresh-trends`.

use poem::{handler, http::StatusCode, web::Data};
use tera::Context;

use super::auth::Staff;
use crate::{AppState, error::WebResult};

/// `GET /form/trends/`
#[handler]
pub async fn show(staff: Staff, state: Data<&AppState>) -> WebResult {
    let state = *state;
    let (trends, computed_at) = state.db.stored_trends().await?;
    let windows: Vec<Window> = trends
        .iter()
        .map(|(w, words)| Window {
            label: w.label(),
            words: words
                .iter()
                .map(|(word, count)| Word {
                    word,
                    count: *count,
                })
                .collect(),
        })
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
    state.page(StatusCode::OK, "crt/trends.html", &ctx)
}

/// One window of the trends page.
#[derive(serde::Serialize)]
struct Window<'a> {
    label: &'static str,
    words: Vec<Word<'a>>,
}

/// A word and how often it appears.
#[derive(serde::Serialize)]
struct Word<'a> {
    word: &'a str,
    count: u64,
}

//! Contact complainant: the letter preview (`GET /form/view/<id>/contact/`),
//! the rendered letter for its frame, and sending it (`POST`), through the
//! `QueueLetter` service.

use crt_domain::{
    report::ReportRecord,
    service::{LetterError, Queued, RenderedLetter},
};
use poem::{
    IntoResponse, Response, handler,
    http::StatusCode,
    web::{Data, Query, Redirect},
};
use tera::Context;

use super::{load, load_for_post, view};
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::{PostedForm, ReportPath},
    staff::auth::Staff,
};

#[derive(serde::Deserialize)]
pub(crate) struct LetterQuery {
    letter: Option<String>,
    /// The letter's language (by default the report's).
    language: Option<String>,
}

/// The language menu of the preview: every language, the chosen one marked,
/// the report's own named as such.
#[derive(serde::Serialize)]
struct LanguageChoice {
    code: &'static str,
    name: String,
    selected: bool,
}

/// A letter error as a page: the detail page with the reason when staff
/// can act on it, an error page otherwise.
async fn letter_problem(
    state: &AppState,
    staff: &Staff,
    record: &ReportRecord,
    e: LetterError,
) -> WebResult {
    match e {
        e if e.is_staff_fixable() => {
            let msg = e.to_string();
            view::render(
                state,
                staff,
                record,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&msg),
                "crt/detail.html",
            )
            .await
        }
        LetterError::BadRequestKey => Err(WebError::BadRequest(e.to_string())),
        LetterError::Repository(e) => Err(e.into()),
        e => Err(WebError::internal("rendering a letter", e)),
    }
}

/// The report at `id` and its letter rendered, or the page that says why not.
async fn preview(
    state: &AppState,
    staff: &Staff,
    id: ReportPath,
    letter: Option<&str>,
    language: Option<&str>,
) -> Result<(ReportRecord, String, RenderedLetter), WebResult> {
    let record = load(state, id).await.map_err(Err)?;
    match state.services.letters.preview(&record, letter, language) {
        Ok((name, rendered)) => Ok((record, name, rendered)),
        Err(e) => Err(letter_problem(state, staff, &record, e).await),
    }
}

/// `GET /form/view/<id>/contact/?letter=NAME`: the letter rendered with
/// this report's data, and the button that sends it.
#[handler]
pub async fn contact_preview(
    staff: Staff,
    id: ReportPath,
    Query(q): Query<LetterQuery>,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    let (record, name, letter) = match preview(
        state,
        &staff,
        id,
        q.letter.as_deref(),
        q.language.as_deref(),
    )
    .await
    {
        Ok(x) => x,
        Err(page) => return page,
    };
    let chosen = name.split_once('.').map_or("en", |(_, l)| l);
    let languages: Vec<LanguageChoice> = crt_i18n::LANGUAGES
        .iter()
        .map(|l| LanguageChoice {
            code: l.code,
            name: if l.code == record.report.language {
                format!("{} (the report's language)", l.english_name)
            } else {
                l.english_name.to_owned()
            },
            selected: l.code == chosen,
        })
        .collect();
    let base = name.split_once('.').map_or(name.as_str(), |(b, _)| b);
    let mut ctx = Context::new();
    ctx.insert(
        "page_title",
        &format!("Contact complainant: report {}", record.public_id),
    );
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("id", &record.id.0);
    ctx.insert("public_id", &record.public_id.to_string());
    ctx.insert("title", &state.services.letters.title(&name));
    ctx.insert("letter", &name);
    ctx.insert("letter_base", base);
    ctx.insert("language", chosen);
    ctx.insert("languages", &languages);
    ctx.insert(
        "recipient",
        &record.report.contact.email.as_ref().map(|e| e.as_str()),
    );
    ctx.insert("subject", &letter.subject);
    // One key per preview: sending twice from it (a double click) queues once.
    ctx.insert("request_key", &hex::encode(rand::random::<[u8; 16]>()));
    state.page(StatusCode::OK, "crt/contact.html", &ctx)
}

/// `GET /form/view/<id>/contact/letter/?letter=NAME`: the rendered letter
/// alone, for the preview frame. Its own policy allows the letter's inline
/// styles and nothing else (no scripts, no requests), and only our pages
/// may frame it.
#[handler]
pub async fn contact_letter(
    staff: Staff,
    id: ReportPath,
    Query(q): Query<LetterQuery>,
    state: Data<&AppState>,
) -> WebResult {
    match preview(
        &state,
        &staff,
        id,
        q.letter.as_deref(),
        q.language.as_deref(),
    )
    .await
    {
        Ok((_, _, letter)) => Ok(Response::builder()
            .content_type("text/html; charset=utf-8")
            .header(
                "content-security-policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'",
            )
            .body(letter.html)),
        Err(page) => page,
    }
}

/// `POST /form/view/<id>/contact/`: queues the letter (rendered again, as
/// previewed) with an activity entry, in one transaction.
#[handler]
pub async fn contact_send(
    staff: Staff,
    id: ReportPath,
    form: PostedForm,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    let record = load_for_post(state, &staff, &form, id).await?;
    let queued = state
        .services
        .letters
        .queue(
            &record,
            form.get("letter"),
            form.get("language"),
            form.get("request_key"),
            &staff.user.username,
        )
        .await;
    match queued {
        Ok(Queued::New(mail)) => {
            tracing::info!(mail, report = record.id.0, "letter queued");
        }
        // Sent twice from the same preview (a double click): it is queued once.
        Ok(Queued::AlreadyQueued) => {}
        Err(e) => return letter_problem(state, &staff, &record, e).await,
    }
    Ok(Redirect::see_other(format!("/form/view/{}/#emails", record.id.0)).into_response())
}

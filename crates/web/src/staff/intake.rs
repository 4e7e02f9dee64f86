//! Staff intake: `/form/new/` records a report that came in by phone,
//! letter, fax or e-mail on one page with every question of the public
//! form; `/form/new/phone/<name>/` is a hotline's short form (a preset
//! concern and section, fewer questions), defined as data
//! (`INTAKE_HOTLINE_FORMS`). Both file through `FileReport::from_staff`.

use crt_domain::{
    choice::Choice,
    intake::{self, HotlineForm, STAFF_FORMATS},
    service::{FileError, StaffIntake},
    validation::{Answers, FieldErrors},
};
use poem::{
    IntoResponse, handler,
    http::StatusCode,
    web::{Data, Path, Redirect},
};
use tera::Context;

use super::auth::Staff;
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::PostedForm,
    view::{self, ExtraField},
};

fn hotline<'a>(state: &'a AppState, name: &str) -> WebResult<&'a HotlineForm> {
    state
        .hotline_forms
        .iter()
        .find(|h| h.name == name)
        .ok_or(WebError::NotFound)
}

async fn page(
    state: &AppState,
    staff: &Staff,
    form: Option<&HotlineForm>,
    answers: &Answers,
    errors: &FieldErrors,
    status: StatusCode,
) -> WebResult {
    let catalog = state.catalog.get(&state.db).await?;
    let formats: Vec<(&str, &str)> = STAFF_FORMATS
        .iter()
        .map(|f| (f.value(), f.label()))
        .collect();
    let mut own = Vec::new();
    if form.is_none() {
        own.push(ExtraField {
            name: intake::names::INTAKE_FORMAT,
            label: "How did this report come in?",
            hint: "",
            kind: "radio",
            input_type: "text",
            required: true,
            options: &formats,
        });
    }
    own.push(ExtraField {
        name: intake::names::RECEIVED_DATE,
        label: "Date received",
        hint: "The day the Division received it (year-month-day).",
        kind: "text",
        input_type: "date",
        required: true,
        options: &[],
    });
    // Each language in English and in itself: "Korean (한국어)".
    let names: Vec<(&str, String)> = crt_i18n::LANGUAGES
        .iter()
        .map(|l| {
            let name = if l.name == l.english_name {
                l.name.to_owned()
            } else {
                format!("{} ({})", l.english_name, l.name)
            };
            (l.code, name)
        })
        .collect();
    let languages: Vec<(&str, &str)> = names.iter().map(|(c, n)| (*c, n.as_str())).collect();
    let languages = languages.as_slice();
    own.push(ExtraField {
        name: intake::names::LANGUAGE,
        label: "Language of the report",
        hint: "Letters to this person are written in it (the auto-response and every staff letter exist in each language).",
        kind: "select",
        input_type: "text",
        required: false,
        options: languages,
    });
    own.push(ExtraField {
        name: intake::names::SEND_AUTO_RESPONSE,
        label: "Auto-response",
        hint: "Off unless the person asked for it: a phone caller or letter writer may not expect an e-mail.",
        kind: "checkboxes",
        input_type: "text",
        required: false,
        options: &[("yes", "Send the auto-response to the contact e-mail address")],
    });
    own.push(ExtraField {
        name: intake::names::SUMMARY,
        label: "Staff summary",
        hint: "Optional: a note for the section, kept with the report.",
        kind: "textarea",
        input_type: "text",
        required: false,
        options: &[],
    });
    let words = view::Words::english(state.templates.messages());
    let own: Vec<_> = own
        .iter()
        .map(|f| view::extra_field(f, answers, errors, words))
        .collect();
    let (preset, hidden): (_, &[&str]) = match form {
        Some(f) => (f.primary_complaint, &f.hidden),
        None => (None, &[]),
    };
    let groups = view::intake_groups(answers, errors, &catalog, preset, hidden, words);
    let mut ctx = Context::new();
    let title = form.map_or_else(
        || "Record a report".to_owned(),
        |f| format!("{}: record a call", f.title),
    );
    ctx.insert("page_title", &title);
    ctx.insert("hotline", &form);
    ctx.insert(
        "hotline_section",
        &form.map(|f| format!("{} ({})", f.section.label(), f.section.value())),
    );
    ctx.insert("own", &own);
    ctx.insert("groups", &groups);
    ctx.insert("errors", &view::error_links(errors, words));
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("user", &staff.user);
    ctx.insert(
        "action",
        &form.map_or_else(
            || "/form/new/".to_owned(),
            |f| format!("/form/new/phone/{}/", f.name),
        ),
    );
    ctx.insert("hotlines", &state.hotline_forms);
    state.page(status, "crt/intake.html", &ctx)
}

/// A blank intake: received today, in English.
fn blank(state: &AppState) -> Answers {
    Answers::from_pairs([
        (
            intake::names::RECEIVED_DATE.to_owned(),
            state.clock.now().date_naive().to_string(),
        ),
        (intake::names::LANGUAGE.to_owned(), "en".to_owned()),
    ])
}

/// `GET /form/new/`
#[handler]
pub async fn show(staff: Staff, state: Data<&AppState>) -> WebResult {
    page(
        &state,
        &staff,
        None,
        &blank(&state),
        &FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// `GET /form/new/phone/<name>/`
#[handler]
pub async fn show_hotline(staff: Staff, name: Path<String>, state: Data<&AppState>) -> WebResult {
    let form = hotline(&state, &name)?;
    page(
        &state,
        &staff,
        Some(form),
        &blank(&state),
        &FieldErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /form/new/`
#[handler]
pub async fn file(staff: Staff, form: PostedForm, state: Data<&AppState>) -> WebResult {
    record(&state, &staff, None, form).await
}

/// `POST /form/new/phone/<name>/`
#[handler]
pub async fn file_hotline(
    staff: Staff,
    name: Path<String>,
    form: PostedForm,
    state: Data<&AppState>,
) -> WebResult {
    let hotline = hotline(&state, &name)?;
    record(&state, &staff, Some(hotline), form).await
}

async fn record(
    state: &AppState,
    staff: &Staff,
    hotline: Option<&HotlineForm>,
    form: PostedForm,
) -> WebResult {
    staff.check_csrf(state, &form)?;
    let mut pairs: Vec<(String, String)> = form
        .0
        .into_iter()
        .filter(|(k, _)| k != "csrf_token")
        .collect();
    if hotline.is_some() {
        // A hotline takes calls.
        pairs.retain(|(k, _)| k != intake::names::INTAKE_FORMAT);
        pairs.push((intake::names::INTAKE_FORMAT.into(), "phone".into()));
    }
    let answers = Answers::from_pairs(pairs);
    let language = answers.get(intake::names::LANGUAGE).unwrap_or("en");
    let filed = state
        .services
        .file
        .from_staff(
            &answers,
            StaffIntake {
                staff: &staff.user.username,
                language,
                hotline,
            },
        )
        .await;
    match filed {
        Ok(filed) => {
            tracing::info!(
                user = %staff.user.username,
                report = %filed.record.public_id,
                "report recorded at intake"
            );
            let to = format!("/form/view/{}/?recorded=1", filed.record.id.0);
            Ok(Redirect::see_other(to).into_response())
        }
        Err(FileError::Invalid { errors, .. }) => {
            page(
                state,
                staff,
                hotline,
                &answers,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(WebError::internal("recording a report", e)),
    }
}

//! `/form/view/<id>/`: one report for staff: every answer, the routing
//! explanation, staff fields, activity log, and the actions form. Changes go
//! through the domain's rules (`staff::apply_change`) with an optimistic
//! version check, so two editors never silently overwrite each other.

use crt_domain::{
    choice::Choice,
    email::{EmailStatus, NewLetter, OutboxRepository},
    ports::{ReportRepository, RepositoryError},
    reference,
    report::{ReportId, ReportRecord, Section, Status},
    staff::StaffChange,
    validation::answers_of,
};
use poem::{
    Body, Request, Response, handler,
    http::{StatusCode, header},
    web::{Data, Path},
};
use tera::Context;

use super::auth::{Staff, csrf_ok};
use crate::{AppState, form_body, middleware::error_page, view};

async fn load(state: &AppState, id: &str) -> Result<ReportRecord, Response> {
    let Ok(id) = id.parse::<i64>() else {
        return Err(error_page(&state.templates, StatusCode::NOT_FOUND));
    };
    match state.db.get(ReportId(id)).await {
        Ok(r) => Ok(r),
        Err(RepositoryError::NotFound) => Err(error_page(&state.templates, StatusCode::NOT_FOUND)),
        Err(e) => {
            tracing::error!(error = %e, "reading a report");
            Err(error_page(
                &state.templates,
                StatusCode::INTERNAL_SERVER_ERROR,
            ))
        }
    }
}

async fn render(
    state: &AppState,
    staff: &Staff,
    record: &ReportRecord,
    status: StatusCode,
    message: Option<&str>,
    template: &str,
) -> Response {
    let catalog = match state.catalog.get(&state.db).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "reading protected classes");
            return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let activity = match state.db.activity(record.id).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "reading activity");
            return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let related = match &record.report.contact.email {
        Some(email) => match state
            .db
            .related_by_email(email.as_str(), record.id, 50)
            .await
        {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "reading related reports");
                return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR);
            }
        },
        None => Vec::new(),
    };
    let related_groups: Vec<serde_json::Value> = Status::ALL
        .iter()
        .filter_map(|st| {
            let items: Vec<_> = related
                .iter()
                .filter(|r| r.staff.status == *st)
                .map(|r| {
                    serde_json::json!({
                        "id": r.id.0, "public_id": r.public_id.to_string(),
                        "received": r.create_date.format("%Y-%m-%d").to_string(),
                        "section": r.staff.assigned_section.value(),
                    })
                })
                .collect();
            (!items.is_empty()).then(|| serde_json::json!({"status": st.label(), "reports": items}))
        })
        .collect();
    let emails = match state.db.emails_for_report(record.id).await {
        Ok(e) => e,
        Err(e) => {
            tracing::error!(error = %e, "reading a report's e-mails");
            return error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR);
        }
    };
    let answers = answers_of(&record.report);
    let s = &record.staff;
    let mut ctx = Context::new();
    ctx.insert("page_title", &format!("Report {}", record.public_id));
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("message", &message);
    ctx.insert("id", &record.id.0);
    ctx.insert("public_id", &record.public_id.to_string());
    ctx.insert("version", &record.version);
    ctx.insert(
        "received",
        &record.create_date.format("%Y-%m-%d %H:%M UTC").to_string(),
    );
    ctx.insert("sections", &view::review_sections(&answers, &catalog));
    ctx.insert(
        "staff",
        &serde_json::json!({
            "assigned_section": s.assigned_section.value(),
            "section_label": s.assigned_section.label(),
            "routing_explanation": s.routing_explanation,
            "status": s.status.value(),
            "assigned_to": s.assigned_to.clone().unwrap_or_default(),
            "primary_statute": s.primary_statute.clone().unwrap_or_default(),
            "district": s.district.clone().unwrap_or_default(),
            "referred": s.referred,
            "litigation_hold": s.litigation_hold,
            "summary": s.summary.clone().unwrap_or_default(),
            "closed_date": s.closed_date.map(|d| d.format("%Y-%m-%d").to_string()),
        }),
    );
    ctx.insert(
        "activity",
        &activity
            .iter()
            .map(|a| {
                serde_json::json!({
                    "actor": a.actor, "verb": a.verb, "old": a.old_value, "new": a.new_value,
                    "at": a.at.format("%Y-%m-%d %H:%M").to_string(),
                })
            })
            .collect::<Vec<_>>(),
    );
    ctx.insert("related", &related_groups);
    ctx.insert(
        "emails",
        &emails
            .iter()
            .map(|m| {
                let title = state
                    .mail
                    .letters
                    .get(&m.template)
                    .map_or(m.template.as_str(), |l| l.title.as_str());
                serde_json::json!({
                    "letter": title,
                    "recipient": m.recipient,
                    "purpose": m.purpose.label(),
                    "status": m.status.value(),
                    "status_label": m.status.label(),
                    "error": m.error_message,
                    "attempts": m.attempts,
                    "interrupted": m.interrupted,
                    "queued": m.created_at.format("%Y-%m-%d %H:%M").to_string(),
                    "completed": m.completed_at.map(|d| d.format("%Y-%m-%d %H:%M").to_string()),
                    "next_attempt": (m.status == EmailStatus::New && m.attempts > 0)
                        .then(|| m.next_attempt_at.format("%Y-%m-%d %H:%M").to_string()),
                })
            })
            .collect::<Vec<_>>(),
    );
    ctx.insert("mail_enabled", &state.mail.enabled());
    ctx.insert(
        "contact_email",
        &record.report.contact.email.as_ref().map(|e| e.as_str()),
    );
    ctx.insert(
        "letters",
        &state
            .mail
            .letters
            .for_staff()
            .iter()
            .map(|l| (l.name.clone(), l.meta.title.clone()))
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "section_options",
        &Section::ALL
            .iter()
            .map(|s| (s.value(), s.label()))
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "status_options",
        &Status::ALL
            .iter()
            .map(|s| (s.value(), s.label()))
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "statutes",
        &reference::statutes()
            .iter()
            .map(|(c, _)| *c)
            .collect::<Vec<_>>(),
    );
    ctx.insert("districts", reference::districts());
    match state.templates.render(template, &ctx) {
        Ok(html) => Response::builder()
            .status(status)
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(_) => error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR),
    }
}

fn staff_of(req: &Request) -> Option<Staff> {
    req.extensions().get::<Staff>().cloned()
}

/// The signed-in staff member and the report at `id`, or the page to answer
/// with (403 without a staff member, 404 for an unknown report).
async fn staff_and_report(
    req: &Request,
    state: &AppState,
    id: &str,
) -> Result<(Staff, ReportRecord), Response> {
    let Some(staff) = staff_of(req) else {
        return Err(error_page(&state.templates, StatusCode::FORBIDDEN));
    };
    Ok((staff, load(state, id).await?))
}

/// For a posted staff form: the staff member, the form (its CSRF token
/// checked before anything is read) and the report, or the page to answer with.
async fn staff_post(
    req: &Request,
    body: Body,
    state: &AppState,
    id: &str,
) -> Result<(Staff, Vec<(String, String)>, ReportRecord), Response> {
    let Some(staff) = staff_of(req) else {
        return Err(error_page(&state.templates, StatusCode::FORBIDDEN));
    };
    let pairs = form_body::read_or_page(req, body, &state.templates).await?;
    let token = pairs
        .iter()
        .find(|(n, _)| n == "csrf_token")
        .map(|(_, v)| v.as_str());
    if !csrf_ok(&staff, token) {
        return Err(error_page(&state.templates, StatusCode::FORBIDDEN));
    }
    let record = load(state, id).await?;
    Ok((staff, pairs, record))
}

/// `GET /form/view/<id>/` (opening it marks it viewed, logged once).
#[handler]
pub async fn show(req: &Request, Path(id): Path<String>, state: Data<&AppState>) -> Response {
    let state = *state;
    let (staff, mut record) = match staff_and_report(req, state, &id).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    if !record.staff.viewed {
        let change = StaffChange {
            viewed: Some(true),
            ..Default::default()
        };
        match state
            .db
            .update(
                record.id,
                record.version,
                &change,
                &staff.user.username,
                state.clock.now(),
            )
            .await
        {
            Ok(r) => record = r,
            // Someone else opened or changed it at the same moment: show what is stored.
            Err(RepositoryError::Conflict { .. } | RepositoryError::Rule(_)) => {}
            Err(e) => tracing::warn!(error = %e, "marking a report viewed"),
        }
    }
    render(
        state,
        &staff,
        &record,
        StatusCode::OK,
        None,
        "crt/detail.html",
    )
    .await
}

/// `GET /form/view/<id>/print/`
#[handler]
pub async fn print(req: &Request, Path(id): Path<String>, state: Data<&AppState>) -> Response {
    let state = *state;
    let (staff, record) = match staff_and_report(req, state, &id).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let change = StaffChange {
        printed: true,
        ..Default::default()
    };
    let record = match state
        .db
        .update(
            record.id,
            record.version,
            &change,
            &staff.user.username,
            state.clock.now(),
        )
        .await
    {
        Ok(r) => r,
        // Printing never fails because someone else is editing.
        Err(e) => {
            tracing::info!(error = %e, "print not logged");
            record
        }
    };
    render(
        state,
        &staff,
        &record,
        StatusCode::OK,
        None,
        "crt/print.html",
    )
    .await
}

fn text(v: Option<&str>) -> Option<String> {
    v.map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// The change a posted actions form asks for: only fields whose value
/// differs from the stored one (so a section change's reset is not undone
/// by the unchanged values the form also posts).
fn change_from(pairs: &[(String, String)], current: &ReportRecord) -> Result<StaffChange, String> {
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let s = &current.staff;
    let mut c = StaffChange::default();
    if let Some(v) = get("assigned_section") {
        let section =
            Section::from_value(v.trim()).ok_or_else(|| format!("{v:?} is not a section"))?;
        if section != s.assigned_section {
            c.assigned_section = Some(section);
        }
    }
    if let Some(v) = get("status") {
        let status =
            Status::from_value(v.trim()).ok_or_else(|| format!("{v:?} is not a status"))?;
        if status != s.status {
            c.status = Some(status);
        }
    }
    if get("assigned_to").is_some() {
        let v = text(get("assigned_to"));
        if v != s.assigned_to {
            c.assigned_to = Some(v);
        }
    }
    if get("primary_statute").is_some() {
        let v = text(get("primary_statute"));
        if v != s.primary_statute {
            c.primary_statute = Some(v);
        }
    }
    if get("district").is_some() {
        let v = text(get("district"));
        if v != s.district {
            c.district = Some(v);
        }
    }
    // Checkboxes: absent means off (the form always posts `checkboxes=1`).
    if get("checkboxes").is_some() {
        let referred = get("referred").is_some();
        if referred != s.referred {
            c.referred = Some(referred);
        }
        let hold = get("litigation_hold").is_some();
        if hold != s.litigation_hold {
            c.litigation_hold = Some(hold);
        }
    }
    if let Some(v) = get("summary") {
        let v = v.trim();
        if !v.is_empty() && Some(v) != s.summary.as_deref() {
            c.summary = Some(v.to_owned());
        }
    }
    c.comment = text(get("comment"));
    Ok(c)
}

/// `POST /form/view/<id>/`
#[handler]
pub async fn act(
    req: &Request,
    Path(id): Path<String>,
    body: Body,
    state: Data<&AppState>,
) -> Response {
    let state = *state;
    let (staff, pairs, record) = match staff_post(req, body, state, &id).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let Some(version) = get("version").and_then(|v| v.parse::<i32>().ok()) else {
        return error_page(&state.templates, StatusCode::BAD_REQUEST);
    };
    let change = match change_from(&pairs, &record) {
        Ok(c) => c,
        Err(msg) => {
            return render(
                state,
                &staff,
                &record,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&msg),
                "crt/detail.html",
            )
            .await;
        }
    };
    match state
        .db
        .update(
            record.id,
            version,
            &change,
            &staff.user.username,
            state.clock.now(),
        )
        .await
    {
        Ok(_) => Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(header::LOCATION, format!("/form/view/{}/", record.id.0))
            .finish(),
        Err(RepositoryError::Conflict { .. }) => {
            let msg = "Someone else changed this report while you were working on it. Your changes were not saved: \
                       here are the current values. Make your changes again if they are still needed.";
            render(
                state,
                &staff,
                &record,
                StatusCode::CONFLICT,
                Some(msg),
                "crt/detail.html",
            )
            .await
        }
        Err(RepositoryError::Rule(e)) => {
            render(
                state,
                &staff,
                &record,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&e.to_string()),
                "crt/detail.html",
            )
            .await
        }
        Err(RepositoryError::NotFound) => error_page(&state.templates, StatusCode::NOT_FOUND),
        Err(e) => {
            tracing::error!(error = %e, "updating a report");
            error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

#[derive(serde::Deserialize)]
struct LetterQuery {
    letter: Option<String>,
}

/// Why a letter cannot be sent for this report, if it cannot.
fn cannot_contact(state: &AppState, record: &ReportRecord) -> Option<&'static str> {
    if !state.mail.enabled() {
        return Some(
            "E-mail is not configured here, so letters cannot be sent (see docs/email.md).",
        );
    }
    if record.report.contact.email.is_none() {
        return Some("This report has no e-mail address to write to.");
    }
    None
}

/// Renders the chosen letter for the report, or the detail page with the reason.
async fn rendered_letter(
    state: &AppState,
    staff: &Staff,
    record: &ReportRecord,
    letter: Option<&str>,
) -> Result<(String, crt_mail::letters::RenderedLetter), Response> {
    let problem = cannot_contact(state, record)
        .map(str::to_owned)
        .or_else(|| {
            let name = letter.unwrap_or("");
            let ok = state
                .mail
                .letters
                .for_staff()
                .iter()
                .any(|l| l.name == name);
            (!ok).then(|| "Choose a letter from the list.".to_owned())
        });
    if let Some(msg) = problem {
        return Err(render(
            state,
            staff,
            record,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(&msg),
            "crt/detail.html",
        )
        .await);
    }
    let name = letter.unwrap_or("").to_owned();
    let to = record
        .report
        .contact
        .email
        .as_ref()
        .map_or("", |e| e.as_str());
    let links_to = crt_domain::values::Email::parse(to).map(|e| state.mail.links.url(&e));
    match state.mail.letters.render(
        &name,
        record,
        state.clock.now(),
        &links_to.unwrap_or_default(),
    ) {
        Ok(r) => Ok((name, r)),
        Err(e) => {
            tracing::error!(error = %e, letter = name, "rendering a letter");
            Err(error_page(
                &state.templates,
                StatusCode::INTERNAL_SERVER_ERROR,
            ))
        }
    }
}

/// `GET /form/view/<id>/contact/?letter=NAME`: the letter rendered with
/// this report's data, and the button that sends it.
#[handler]
pub async fn contact_preview(
    req: &Request,
    Path(id): Path<String>,
    poem::web::Query(q): poem::web::Query<LetterQuery>,
    state: Data<&AppState>,
) -> Response {
    let state = *state;
    let (staff, record) = match staff_and_report(req, state, &id).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let (name, letter) = match rendered_letter(state, &staff, &record, q.letter.as_deref()).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let mut ctx = Context::new();
    ctx.insert(
        "page_title",
        &format!("Contact complainant: report {}", record.public_id),
    );
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("id", &record.id.0);
    ctx.insert("public_id", &record.public_id.to_string());
    ctx.insert("letter", &name);
    ctx.insert(
        "title",
        &state.mail.letters.get(&name).map(|m| m.title.clone()),
    );
    ctx.insert(
        "recipient",
        &record.report.contact.email.as_ref().map(|e| e.as_str()),
    );
    ctx.insert("subject", &letter.subject);
    // One key per preview: sending twice from it (a double click) queues once.
    ctx.insert("request_key", &hex::encode(rand::random::<[u8; 16]>()));
    match state.templates.render("crt/contact.html", &ctx) {
        Ok(html) => Response::builder()
            .content_type("text/html; charset=utf-8")
            .body(html),
        Err(_) => error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR),
    }
}

/// `GET /form/view/<id>/contact/letter/?letter=NAME`: the rendered letter
/// alone, for the preview frame. Its own policy allows the letter's inline
/// styles and nothing else (no scripts, no requests), and only our pages
/// may frame it.
#[handler]
pub async fn contact_letter(
    req: &Request,
    Path(id): Path<String>,
    poem::web::Query(q): poem::web::Query<LetterQuery>,
    state: Data<&AppState>,
) -> Response {
    let state = *state;
    let (staff, record) = match staff_and_report(req, state, &id).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    match rendered_letter(state, &staff, &record, q.letter.as_deref()).await {
        Ok((_, letter)) => Response::builder()
            .content_type("text/html; charset=utf-8")
            .header(
                "content-security-policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'",
            )
            .body(letter.html),
        Err(resp) => resp,
    }
}

/// `POST /form/view/<id>/contact/`: queues the letter (rendered again, as
/// previewed) with an activity entry, in one transaction.
#[handler]
pub async fn contact_send(
    req: &Request,
    Path(id): Path<String>,
    body: Body,
    state: Data<&AppState>,
) -> Response {
    let state = *state;
    let (staff, pairs, record) = match staff_post(req, body, state, &id).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let (name, letter) = match rendered_letter(state, &staff, &record, get("letter")).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let Some(recipient) = record.report.contact.email.clone() else {
        return error_page(&state.templates, StatusCode::UNPROCESSABLE_ENTITY);
    };
    let Some(request_key) = get("request_key")
        .filter(|k| k.len() == 32 && k.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned)
    else {
        return error_page(&state.templates, StatusCode::BAD_REQUEST);
    };
    let new = NewLetter {
        recipient,
        title: state
            .mail
            .letters
            .get(&name)
            .map_or_else(|| name.clone(), |m| m.title.clone()),
        template: name,
        subject: letter.subject,
        body: letter.html,
        request_key: Some(request_key),
    };
    match state
        .db
        .queue_letter(record.id, &new, &staff.user.username, state.clock.now())
        .await
    {
        Ok(mail) => {
            tracing::info!(
                mail,
                report = record.id.0,
                letter = new.template,
                "letter queued"
            );
            state.mail.wake.notify_one();
            Response::builder()
                .status(StatusCode::SEE_OTHER)
                .header(
                    header::LOCATION,
                    format!("/form/view/{}/#emails", record.id.0),
                )
                .finish()
        }
        // Sent twice from the same preview (a double click): it is queued once.
        Err(RepositoryError::Duplicate(_)) => Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(
                header::LOCATION,
                format!("/form/view/{}/#emails", record.id.0),
            )
            .finish(),
        Err(RepositoryError::NotFound) => error_page(&state.templates, StatusCode::NOT_FOUND),
        Err(e) => {
            tracing::error!(error = %e, "queueing a letter");
            error_page(&state.templates, StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

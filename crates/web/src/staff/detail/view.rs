//! The detail page's view model: typed structs the templates read
//! (`crt/detail.html`, `crt/print.html`), built from a report and what
//! surrounds it.

use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    email::{EmailStatus, OutboxEmail, OutboxRepository},
    ports::ReportRepository,
    reference,
    report::{ReportRecord, Section, Status},
    staff::Activity,
    validation::answers_of,
};
use poem::http::StatusCode;
use serde::Serialize;
use tera::Context;

use crate::{AppState, error::WebResult, staff::auth::Staff, view};

fn minute(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// The staff fields as the actions form shows them.
#[derive(Serialize)]
struct StaffView<'a> {
    assigned_section: &'static str,
    section_label: &'static str,
    routing_explanation: &'a str,
    status: &'static str,
    assigned_to: &'a str,
    primary_statute: &'a str,
    district: &'a str,
    referred: bool,
    litigation_hold: bool,
    summary: &'a str,
    closed_date: Option<String>,
}

/// One activity entry.
#[derive(Serialize)]
struct ActivityView<'a> {
    actor: &'a str,
    verb: &'a str,
    old: &'a Option<String>,
    new: &'a Option<String>,
    at: String,
}

/// Another report from the same address.
#[derive(Serialize)]
struct RelatedReport {
    id: i64,
    public_id: String,
    received: String,
    section: &'static str,
}

/// Related reports of one status.
#[derive(Serialize)]
struct RelatedGroup {
    status: &'static str,
    reports: Vec<RelatedReport>,
}

/// One e-mail of the report.
#[derive(Serialize)]
struct EmailView<'a> {
    letter: String,
    recipient: &'a str,
    purpose: &'static str,
    status: &'static str,
    status_label: &'static str,
    error: &'a Option<String>,
    attempts: i32,
    interrupted: i32,
    queued: String,
    completed: Option<String>,
    next_attempt: Option<String>,
}

fn staff_view(record: &ReportRecord) -> StaffView<'_> {
    let s = &record.staff;
    StaffView {
        assigned_section: s.assigned_section.value(),
        section_label: s.assigned_section.label(),
        routing_explanation: &s.routing_explanation,
        status: s.status.value(),
        assigned_to: s.assigned_to.as_deref().unwrap_or_default(),
        primary_statute: s.primary_statute.as_deref().unwrap_or_default(),
        district: s.district.as_deref().unwrap_or_default(),
        referred: s.referred,
        litigation_hold: s.litigation_hold,
        summary: s.summary.as_deref().unwrap_or_default(),
        closed_date: s.closed_date.map(|d| d.format("%Y-%m-%d").to_string()),
    }
}

fn activity_view(a: &Activity) -> ActivityView<'_> {
    ActivityView {
        actor: &a.actor,
        verb: &a.verb,
        old: &a.old_value,
        new: &a.new_value,
        at: minute(a.at),
    }
}

fn related_groups(related: &[ReportRecord]) -> Vec<RelatedGroup> {
    Status::ALL
        .iter()
        .filter_map(|st| {
            let reports: Vec<RelatedReport> = related
                .iter()
                .filter(|r| r.staff.status == *st)
                .map(|r| RelatedReport {
                    id: r.id.0,
                    public_id: r.public_id.to_string(),
                    received: r.create_date.format("%Y-%m-%d").to_string(),
                    section: r.staff.assigned_section.value(),
                })
                .collect();
            (!reports.is_empty()).then(|| RelatedGroup {
                status: st.label(),
                reports,
            })
        })
        .collect()
}

/// One mail of the report; an auto-response is named in the language it
/// goes out in (the worker chooses it from the report's language).
fn email_view<'a>(state: &AppState, m: &'a OutboxEmail, language: &str) -> EmailView<'a> {
    let template = if m.purpose == crt_domain::email::EmailPurpose::Auto {
        state
            .mail
            .letters
            .in_language(&m.template, language)
            .unwrap_or(&m.template)
    } else {
        &m.template
    };
    EmailView {
        letter: state.services.letters.title(template),
        recipient: &m.recipient,
        purpose: m.purpose.label(),
        status: m.status.value(),
        status_label: m.status.label(),
        error: &m.error_message,
        attempts: m.attempts,
        interrupted: m.interrupted,
        queued: minute(m.created_at),
        completed: m.completed_at.map(minute),
        next_attempt: (m.status == EmailStatus::New && m.attempts > 0)
            .then(|| minute(m.next_attempt_at)),
    }
}

fn options<T: Choice>(all: &[T]) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|s| (s.value(), s.label())).collect()
}

/// The detail (or print) page of `record`, with an optional message for
/// staff (a refused change) and the status to answer with.
///
/// Errors: `Internal` when reading what surrounds the report fails.
pub(super) async fn render(
    state: &AppState,
    staff: &Staff,
    record: &ReportRecord,
    status: StatusCode,
    message: Option<&str>,
    template: &str,
) -> WebResult {
    render_with(state, staff, record, status, message, template, |_| {}).await
}

/// [`render`], with more for the page (the re-routing offer).
pub(super) async fn render_with(
    state: &AppState,
    staff: &Staff,
    record: &ReportRecord,
    status: StatusCode,
    message: Option<&str>,
    template: &str,
    more: impl FnOnce(&mut Context),
) -> WebResult {
    let catalog = state.catalog.get(&state.db).await?;
    let activity = state.db.activity(record.id).await?;
    let related = match &record.report.contact.email {
        Some(email) => {
            state
                .db
                .related_by_email(email.as_str(), record.id, 50)
                .await?
        }
        None => Vec::new(),
    };
    let emails = state.db.emails_for_report(record.id).await?;
    let attachments = state
        .services
        .attachments
        .list(record.id)
        .await
        .map_err(|e| match e {
            crt_domain::service::AttachmentError::Repository(e) => {
                crate::error::WebError::database("listing attachments", e)
            }
            e => crate::error::WebError::internal("listing attachments", e),
        })?;
    let answers = answers_of(&record.report);
    let letters = &state.services.letters;
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
    ctx.insert(
        "intake",
        &format!(
            "{}{}, language {}",
            record.report.intake_format.label(),
            record
                .report
                .received_date
                .map(|d| format!(" received {d}"))
                .unwrap_or_default(),
            crt_i18n::language(&record.report.language).map_or_else(
                || record.report.language.clone(),
                |l| format!("{} ({})", l.english_name, l.code)
            )
        ),
    );
    ctx.insert(
        "sections",
        &view::review_sections(
            &answers,
            &catalog,
            view::Words::english(state.templates.messages()),
        ),
    );
    ctx.insert("staff", &staff_view(record));
    ctx.insert(
        "activity",
        &activity.iter().map(activity_view).collect::<Vec<_>>(),
    );
    ctx.insert("related", &related_groups(&related));
    ctx.insert(
        "emails",
        &emails
            .iter()
            .map(|m| email_view(state, m, &record.report.language))
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "attachments",
        &attachments
            .iter()
            .map(|a| {
                serde_json::json!({
                    "id": a.id.0,
                    "name": a.file_name,
                    "size": crt_domain::attachments::human_size(a.size),
                    "kind": a.content_type,
                    "by": a.uploaded_by,
                    "at": a.uploaded_at.format("%Y-%m-%d %H:%M").to_string(),
                    "removed": a.removed_at.map(|t| format!(
                        "removed by {} on {}",
                        a.removed_by.as_deref().unwrap_or("?"),
                        t.format("%Y-%m-%d %H:%M")
                    )),
                })
            })
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "attachment_limit",
        &crt_domain::attachments::human_size(state.services.attachments.max_bytes),
    );
    ctx.insert(
        "attachment_accept",
        &crt_domain::attachments::ALLOWED
            .iter()
            .flat_map(|k| k.extensions.iter().map(|e| format!(".{e}")))
            .collect::<Vec<_>>()
            .join(","),
    );
    ctx.insert("mail_enabled", &letters.mail_enabled());
    ctx.insert(
        "contact_email",
        &record.report.contact.email.as_ref().map(|e| e.as_str()),
    );
    ctx.insert(
        "letters",
        &letters
            .staff_letters()
            .into_iter()
            .map(|l| (l.name, l.title))
            .collect::<Vec<_>>(),
    );
    ctx.insert("section_options", &options(Section::ALL));
    ctx.insert("status_options", &options(Status::ALL));
    ctx.insert(
        "statutes",
        &reference::statutes()
            .iter()
            .map(|(c, _)| *c)
            .collect::<Vec<_>>(),
    );
    ctx.insert("districts", reference::districts());
    let disposal_note = activity
        .iter()
        .rev()
        .find(|a| a.verb == "Disposed:")
        .and_then(|a| a.new_value.clone());
    ctx.insert(
        "retention",
        &crate::staff::retention::detail_view(state, record, disposal_note).await?,
    );
    ctx.insert("triage", &super::triage::view(state, record).await?);
    more(&mut ctx);
    state.page(status, template, &ctx)
}

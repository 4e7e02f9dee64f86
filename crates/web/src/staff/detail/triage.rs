//! The detail page's tags and repeat-writer flag.

use crt_domain::{ports::ReportRepository, report::ReportRecord};
use serde_json::json;

use crate::{AppState, error::WebError};

/// `{tags, available, repeat}`: the report's tags, the tags of its section
/// that can still be added, and (for a repeat writer's report) how many
/// reports share its e-mail and its description, with the lists' links.
pub(super) async fn view(
    state: &AppState,
    record: &ReportRecord,
) -> Result<serde_json::Value, WebError> {
    let triage = &state.services.triage;
    let internal = |e| WebError::database("reading tags", e);
    let available: Vec<_> = triage
        .tags_for(record.staff.assigned_section)
        .await
        .map_err(internal)?
        .into_iter()
        .filter(|t| !record.staff.tags.contains(&t.tag.qualified()))
        .map(|t| json!({"value": t.tag.qualified(), "description": t.description}))
        .collect();
    let repeat = if record.repeat_writer {
        let email = record
            .report
            .contact
            .email
            .as_ref()
            .map(|e| e.as_str().to_owned());
        let email_count = match &email {
            Some(e) => state
                .db
                .email_counts(std::slice::from_ref(e))
                .await?
                .get(&e.to_lowercase())
                .copied()
                .unwrap_or(0),
            None => 0,
        };
        let key = triage
            .repo
            .description_keys(&[record.id])
            .await
            .map_err(internal)?
            .remove(&record.id);
        let description_count = match &key {
            Some(k) => triage
                .repo
                .description_counts(std::slice::from_ref(k))
                .await
                .map_err(internal)?
                .get(k)
                .copied()
                .unwrap_or(0),
            None => 0,
        };
        let q = |k: &str, v: &str| format!("/form/view/?{k}={}", super::super::list::enc(v));
        Some(json!({
            "email_count": email_count,
            "email_href": email.as_deref().map(|e| q("contact_email", e)),
            "description_count": description_count,
            "description_href": key.as_deref().map(|k| q("description_key", k)),
        }))
    } else {
        None
    };
    Ok(json!({
        "tags": record.staff.tags,
        "available": available,
        "repeat": repeat,
    }))
}

//! What the API's operations share: a report loaded by its record number,
//! its ETag and JSON form, a PATCH body read as a change, `If-Match`, and
//! the domain's errors as API errors.

use std::collections::BTreeMap;

use crt_domain::{
    choice::Choice,
    export::FlatReport,
    ports::ReportRepository,
    report::{ReportRecord, Section, Status},
    service::ChangeReportError,
    staff::StaffChange,
    validation::FieldErrors,
    values::PublicId,
};
use poem_openapi::types::MaybeUndefined;

use super::{
    ApiError, body,
    types::{ApiReport, ReportPatch},
};
use crate::AppState;

/// An operation's result.
pub(super) type Answer<T> = Result<T, ApiError>;

/// The report's version as a strong ETag.
pub(super) fn etag(record: &ReportRecord) -> String {
    format!("\"{}\"", record.version)
}

/// The API's view of a report, with how many files are kept with it.
pub(super) fn report_of(record: &ReportRecord, attachments: u64) -> ApiReport {
    ApiReport {
        attachment_count: attachments,
        ..ApiReport::from(&FlatReport::from(record))
    }
}

/// How many files each report keeps (removed ones not counted).
///
/// Errors: `Backend`, as the API's 500/503.
pub(super) async fn attachment_counts(
    state: &AppState,
    records: &[ReportRecord],
) -> Result<
    std::collections::HashMap<crt_domain::report::ReportId, u64>,
    crt_domain::ports::RepositoryError,
> {
    use crt_domain::ports::AttachmentRepository;
    let ids: Vec<_> = records.iter().map(|r| r.id).collect();
    state.db.attachment_counts(&ids).await
}

pub(super) fn not_found() -> ApiError {
    ApiError::NotFound(body(
        "not_found",
        "There is no report with this record number.",
    ))
}

pub(super) async fn load(state: &AppState, public_id: &str) -> Answer<ReportRecord> {
    let id = PublicId::parse(public_id.trim()).map_err(|_not_a_record_number| not_found())?;
    Ok(state.db.get_by_public_id(&id).await?)
}

/// Each field's problems, in English (the API's language), by field.
pub(super) fn field_map(
    errors: &FieldErrors,
    messages: &crt_i18n::Messages,
) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &errors.0 {
        map.entry(e.field.clone())
            .or_default()
            .push(crate::lang::problem_text(messages, crt_i18n::DEFAULT, e));
    }
    map
}

/// The change a PATCH body asks for (codes checked here as on the page's
/// form; every other rule is the service's).
pub(super) fn change_of(patch: ReportPatch) -> Answer<StaffChange> {
    let mut problems: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut c = StaffChange::default();
    if let Some(super::text::Text(v)) = &patch.assigned_section {
        match Section::from_value(v) {
            Some(s) => c.assigned_section = Some(s),
            None => problems
                .entry("assigned_section".into())
                .or_default()
                .push("That section does not exist.".into()),
        }
    }
    if let Some(super::text::Text(v)) = &patch.status {
        match Status::from_value(v) {
            Some(s) => c.status = Some(s),
            None => problems
                .entry("status".into())
                .or_default()
                .push("That status does not exist.".into()),
        }
    }
    let optional = |m: MaybeUndefined<super::text::Text>| match m {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) if v.0.trim().is_empty() => Some(None),
        MaybeUndefined::Value(v) => Some(Some(v.0.trim().to_owned())),
    };
    c.assigned_to = optional(patch.assigned_to);
    c.primary_statute = optional(patch.primary_statute);
    c.district = optional(patch.district);
    c.referred = patch.referred;
    c.litigation_hold = patch.litigation_hold;
    c.summary = patch.summary.map(|t| t.0);
    c.comment = patch.comment.map(|t| t.0);
    if problems.is_empty() {
        Ok(c)
    } else {
        Err(ApiError::fields(
            "The change has problems; see errors.",
            problems,
        ))
    }
}

pub(super) fn change_error(e: ChangeReportError) -> ApiError {
    match e {
        ChangeReportError::NotFound => not_found(),
        ChangeReportError::Conflict { current_version } => ApiError::PreconditionFailed(body(
            "precondition_failed",
            format!(
                "Someone else changed this report since you read it (its ETag is now \"{current_version}\"). Nothing was saved: read it again and repeat the change if it is still needed."
            ),
        )),
        ChangeReportError::Rule(e) => ApiError::Unprocessable(body("invalid", e.to_string())),
        ChangeReportError::Repository(e) => ApiError::internal("changing a report", e),
    }
}

/// The version an `If-Match` header names.
pub(super) fn if_match_version(header: Option<&str>) -> Answer<i32> {
    let Some(raw) = header.map(str::trim).filter(|h| !h.is_empty()) else {
        return Err(ApiError::PreconditionRequired(body(
            "precondition_required",
            "Send the report's ETag (from GET) in the If-Match header, so that a change made by someone else in the meantime is never overwritten.",
        )));
    };
    raw.trim_start_matches("W/")
        .trim_matches('"')
        .parse::<i32>()
        .map_err(|_not_ours| {
            ApiError::PreconditionFailed(body(
                "precondition_failed",
                "If-Match does not name a version of this report: send the ETag that GET returned.",
            ))
        })
}

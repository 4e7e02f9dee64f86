//! The operations on reports: list, read, change, comment, activity, file.
//! Each reads its input, calls the service or the one reader the staff
//! pages use, and answers; none decides a rule.

use std::collections::BTreeMap;

use crt_domain::{
    choice::Choice,
    ports::{ReportRepository, keyset_sortable},
    service::{ChangeReportError, FileError, StaffIntake},
    staff::StaffChange,
};
use poem::{Request, web::Data};
use poem_openapi::{
    ApiResponse, OpenApi,
    param::{Header, Path, Query},
    payload::Json,
};

use super::{
    ApiError, Tag,
    auth::{Auth, Caller},
    body,
    support::{
        Answer, attachment_counts, change_error, change_of, etag, field_map, if_match_version,
        load, report_of,
    },
    types::{
        ActivityEntry, ApiReport, FiledReport, NewComment, NewReport, ReportPage, ReportPatch,
    },
};
use crate::{AppState, extract::QueryPairs, staff::list};

/// The operations (see the module's docs).
pub struct Api;

/// A report with its version as an ETag.
#[derive(ApiResponse)]
enum ReportResponse {
    /// The report; send its `ETag` back as `If-Match` to change it.
    #[oai(status = 200)]
    Ok(Json<ApiReport>, #[oai(header = "ETag")] String),
}

/// A page of reports.
#[derive(ApiResponse)]
enum PageResponse {
    /// The page.
    #[oai(status = 200)]
    Ok(Json<ReportPage>),
}

/// A report filed.
#[derive(ApiResponse)]
enum FiledResponse {
    /// Filed and routed; `Location` is its address in this API.
    #[oai(status = 201)]
    Created(Json<FiledReport>, #[oai(header = "Location")] String),
}

/// A comment added.
#[derive(ApiResponse)]
enum CommentResponse {
    /// The comment as logged.
    #[oai(status = 201)]
    Created(Json<ActivityEntry>),
}

#[OpenApi]
impl Api {
    /// List reports: the staff list's filters, sort and paging.
    ///
    /// Repeat a filter to match any of several values (`status=new&status=open`).
    /// Dates are YYYY-MM-DD; `sort` is a comma-separated list of columns, `-` first
    /// for descending (`-create_date,id`).
    #[oai(
        path = "/reports",
        method = "get",
        tag = "Tag::Reports",
        operation_id = "listReports"
    )]
    #[allow(clippy::too_many_arguments)] // one per filter, for the document
    async fn list_reports(
        &self,
        auth: Auth,
        state: Data<&AppState>,
        pairs: QueryPairs,
        /// Section codes.
        #[oai(name = "assigned_section")]
        _assigned_section: Query<Vec<String>>,
        /// `new`, `open`, `closed`.
        #[oai(name = "status")]
        _status: Query<Vec<String>>,
        /// Primary concern values.
        #[oai(name = "primary_complaint")]
        _primary_complaint: Query<Vec<String>>,
        /// A username, or `(none)` for unassigned reports.
        #[oai(name = "assigned_to")]
        _assigned_to: Query<Option<String>>,
        /// Protected-class values (any of them).
        #[oai(name = "protected_class")]
        _protected_class: Query<Vec<String>>,
        /// Two-letter state code of the location.
        #[oai(name = "location_state")]
        _location_state: Query<Option<String>>,
        /// The contact's e-mail (exact, any case).
        #[oai(name = "contact_email")]
        _contact_email: Query<Option<String>>,
        /// One record number.
        #[oai(name = "public_id")]
        _public_id: Query<Option<String>>,
        /// Filed on or after (YYYY-MM-DD).
        #[oai(name = "create_date_start")]
        _create_date_start: Query<Option<String>>,
        /// Filed on or before (YYYY-MM-DD).
        #[oai(name = "create_date_end")]
        _create_date_end: Query<Option<String>>,
        /// Closed on or after (YYYY-MM-DD).
        #[oai(name = "closed_date_start")]
        _closed_date_start: Query<Option<String>>,
        /// Closed on or before (YYYY-MM-DD).
        #[oai(name = "closed_date_end")]
        _closed_date_end: Query<Option<String>>,
        /// Contact first name contains.
        #[oai(name = "contact_first_name")]
        _contact_first_name: Query<Option<String>>,
        /// Contact last name contains.
        #[oai(name = "contact_last_name")]
        _contact_last_name: Query<Option<String>>,
        /// Contact phone has these digits.
        #[oai(name = "contact_phone")]
        _contact_phone: Query<Option<String>>,
        /// Location city contains.
        #[oai(name = "location_city_town")]
        _location_city_town: Query<Option<String>>,
        /// Location name contains.
        #[oai(name = "location_name")]
        _location_name: Query<Option<String>>,
        /// `web`, `phone`, `letter`, `fax`, `email`.
        #[oai(name = "intake_format")]
        _intake_format: Query<Vec<String>>,
        /// The language the report was filed in: `en`, `es`, `zh-hant`,
        /// `zh-hans`, `vi`, `ko`, `tl` (several: any of them).
        #[oai(name = "language")]
        _language: Query<Vec<String>>,
        /// `yes`, `no`, `unknown`.
        #[oai(name = "servicemember")]
        _servicemember: Query<Option<String>>,
        /// Secondary review: `yes` or `no`.
        #[oai(name = "referred")]
        _referred: Query<Option<String>>,
        /// Litigation hold: `yes` or `no`.
        #[oai(name = "litigation_hold")]
        _litigation_hold: Query<Option<String>>,
        /// Primary statute code.
        #[oai(name = "primary_statute")]
        _primary_statute: Query<Option<String>>,
        /// Judicial district code.
        #[oai(name = "district")]
        _district: Query<Option<String>>,
        /// Full-text search of the description (words, "phrases", -exclusions).
        #[oai(name = "violation_summary")]
        _violation_summary: Query<Option<String>>,
        /// Full-text search of the staff summary.
        #[oai(name = "summary")]
        _summary: Query<Option<String>>,
        /// Columns to sort by.
        #[oai(name = "sort")]
        _sort: Query<Option<String>>,
        /// Page number, from 1.
        #[oai(name = "page")]
        _page: Query<Option<String>>,
        /// Continue after this report (the `next_after` of the previous
        /// page) instead of counting rows up to the page.
        #[oai(name = "after")]
        _after: Query<Option<String>>,
        /// Reports per page, 1 to 100 (default 15).
        #[oai(name = "per_page")]
        _per_page: Query<Option<String>>,
    ) -> Answer<PageResponse> {
        auth.reader(&state).await?;
        let (query, problems) = list::parse_query_with(&pairs.0, list::PerPage::UpTo(100));
        if !problems.is_empty() {
            let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (k, v) in problems {
                map.entry(k).or_default().push(v);
            }
            return Err(ApiError::fields(
                "Some filters could not be read; see errors.",
                map,
            ));
        }
        let page = state.db.list(&query).await?;
        let counts = attachment_counts(&state, &page.items).await?;
        Ok(PageResponse::Ok(Json(ReportPage {
            total: page.total.value(),
            total_exact: page.total.is_exact(),
            has_more: page.has_more,
            next_after: page
                .items
                .last()
                .filter(|_| page.has_more && keyset_sortable(&query.sort))
                .map(|r| r.id.0),
            page: page.page,
            per_page: page.per_page,
            items: page
                .items
                .iter()
                .map(|r| report_of(r, counts.get(&r.id).copied().unwrap_or(0)))
                .collect(),
        })))
    }

    /// Read one report (every answer and staff field) with its `ETag`.
    #[oai(
        path = "/reports/:public_id",
        method = "get",
        tag = "Tag::Reports",
        operation_id = "getReport"
    )]
    async fn get_report(
        &self,
        auth: Auth,
        state: Data<&AppState>,
        /// The record number, e.g. `123-ABC`.
        public_id: Path<String>,
    ) -> Answer<ReportResponse> {
        auth.reader(&state).await?;
        let record = load(&state, &public_id).await?;
        let counts = attachment_counts(&state, std::slice::from_ref(&record)).await?;
        let n = counts.get(&record.id).copied().unwrap_or(0);
        Ok(ReportResponse::Ok(
            Json(report_of(&record, n)),
            etag(&record),
        ))
    }

    /// Change a report's staff fields (section, status, assignee, statute,
    /// district, secondary review, litigation hold, summary, a comment):
    /// the detail page's rules and activity entries. `If-Match` is required.
    #[oai(
        path = "/reports/:public_id",
        method = "patch",
        tag = "Tag::Reports",
        operation_id = "changeReport"
    )]
    async fn change_report(
        &self,
        auth: Auth,
        req: &Request,
        state: Data<&AppState>,
        /// The record number.
        public_id: Path<String>,
        /// The ETag of the version the change is made from.
        #[oai(name = "If-Match")]
        if_match: Header<Option<String>>,
        patch: Json<ReportPatch>,
    ) -> Answer<ReportResponse> {
        let caller = auth.writer(&state, req).await?;
        let record = load(&state, &public_id).await?;
        let version = if_match_version(if_match.0.as_deref())?;
        let change = change_of(patch.0)?.differences_from(&record.staff);
        let saved = state
            .services
            .change
            .change(record.id, version, &change, &caller.user.username)
            .await
            .map_err(change_error)?;
        let counts = attachment_counts(&state, std::slice::from_ref(&saved)).await?;
        let n = counts.get(&saved.id).copied().unwrap_or(0);
        Ok(ReportResponse::Ok(Json(report_of(&saved, n)), etag(&saved)))
    }

    /// Add a comment to a report's activity (no `If-Match` needed).
    #[oai(
        path = "/reports/:public_id/comments",
        method = "post",
        tag = "Tag::Reports",
        operation_id = "addComment"
    )]
    async fn add_comment(
        &self,
        auth: Auth,
        req: &Request,
        state: Data<&AppState>,
        /// The record number.
        public_id: Path<String>,
        comment: Json<NewComment>,
    ) -> Answer<CommentResponse> {
        let caller = auth.writer(&state, req).await?;
        let change = StaffChange {
            // Stored trimmed (the domain's rule); found again by that text.
            comment: Some(comment.0.comment.0.trim().to_owned()),
            ..Default::default()
        };
        // A comment does not depend on the fields: someone else's change in
        // between is no reason to refuse it (read again, at most 3 times).
        let mut record = load(&state, &public_id).await?;
        for _ in 0..3 {
            match state
                .services
                .change
                .change(record.id, record.version, &change, &caller.user.username)
                .await
            {
                Ok(saved) => {
                    let log = state.db.activity(saved.id).await?;
                    let entry = log
                        .into_iter()
                        .find(|a| a.actor == caller.user.username && a.new_value == change.comment)
                        .ok_or_else(|| {
                            ApiError::internal("reading a comment back", "not logged")
                        })?;
                    return Ok(CommentResponse::Created(Json(entry.into())));
                }
                Err(ChangeReportError::Conflict { .. }) => {
                    record = load(&state, &public_id).await?;
                }
                Err(e) => return Err(change_error(e)),
            }
        }
        Err(ApiError::PreconditionFailed(body(
            "precondition_failed",
            "The report kept changing while the comment was being added; try again.",
        )))
    }

    /// A report's activity log, newest first.
    #[oai(
        path = "/reports/:public_id/activity",
        method = "get",
        tag = "Tag::Reports",
        operation_id = "getActivity"
    )]
    async fn activity(
        &self,
        auth: Auth,
        state: Data<&AppState>,
        /// The record number.
        public_id: Path<String>,
    ) -> Answer<Json<Vec<ActivityEntry>>> {
        auth.reader(&state).await?;
        let record = load(&state, &public_id).await?;
        let log = state.db.activity(record.id).await?;
        Ok(Json(log.into_iter().map(ActivityEntry::from).collect()))
    }

    /// File a report. Staff callers record one that came in by phone,
    /// letter, fax or e-mail (`intake_format` and `received_date` required);
    /// anonymous filing is off unless `API_ANONYMOUS_FILING` is on, and then
    /// takes the public form's answers only, under its limits.
    #[oai(
        path = "/reports",
        method = "post",
        tag = "Tag::Reports",
        operation_id = "fileReport"
    )]
    async fn file_report(
        &self,
        auth: Auth,
        req: &Request,
        state: Data<&AppState>,
        report: Json<NewReport>,
    ) -> Answer<FiledResponse> {
        let state = *state;
        let caller: Option<Caller> = auth.caller(state).await?;
        let answers = report.0.answers();
        let filed = match &caller {
            Some(caller) => {
                caller.check_write(state, req)?;
                let language = report.0.language.as_ref().map_or("en", |t| t.0.as_str());
                state
                    .services
                    .file
                    .from_staff(
                        &answers,
                        StaffIntake {
                            staff: &caller.user.username,
                            language,
                            hotline: None,
                        },
                    )
                    .await
            }
            None => {
                if !state.settings.api_anonymous_filing {
                    return Err(ApiError::Unauthorized(body(
                        "unauthorized",
                        "Filing through the API needs a staff API token; the public files on the web form at /report/.",
                    )));
                }
                if state.settings.maintenance_mode {
                    return Err(ApiError::Unavailable(body(
                        "unavailable",
                        "The portal is down for maintenance and takes no new reports right now. Please try again later.",
                    )));
                }
                let address = crate::email::client_ip(req, &state.settings);
                state.services.file.from_anonymous(&answers, address).await
            }
        };
        match filed {
            Ok(filed) => {
                let r = &filed.record;
                Ok(FiledResponse::Created(
                    Json(FiledReport {
                        public_id: r.public_id.to_string(),
                        assigned_section: r.staff.assigned_section.value().to_owned(),
                        routing_explanation: r.staff.routing_explanation.clone(),
                    }),
                    format!("/api/reports/{}", r.public_id),
                ))
            }
            Err(FileError::Invalid { errors, .. }) => Err(ApiError::fields(
                "The report has problems; see errors.",
                field_map(&errors, state.templates.messages()),
            )),
            Err(FileError::OverLimit) => Err(ApiError::TooManyRequests(body(
                "rate_limited",
                "Too many reports came from your network in the last hour. Please try again later.",
            ))),
            Err(e @ (FileError::AlreadySubmitted(_) | FileError::DraftChanged)) => {
                Err(ApiError::internal("filing from the API", e))
            }
            Err(FileError::Repository(e)) => Err(ApiError::internal("filing a report", e)),
        }
    }
}

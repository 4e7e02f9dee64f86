//! The API's operations. Each reads its input, calls the service or the
//! one reader the staff pages use, and answers; none decides a rule.

use std::collections::BTreeMap;

use crt_domain::{
    choice::Choice,
    export::FlatReport,
    ports::ReportRepository,
    report::{
        CommercialOrPublicPlace, InsideCorrectionalFacility, PrimaryComplaint,
        PublicOrPrivateSchool, ReportRecord, Section, Status,
    },
    routing::{RoutingInput, route},
    service::{ChangeReportError, FileError, StaffIntake},
    staff::StaffChange,
    validation::FieldErrors,
    values::PublicId,
};
use poem::{Request, web::Data};
use poem_openapi::{
    ApiResponse, OpenApi, Tags,
    param::{Header, Path, Query},
    payload::Json,
    types::MaybeUndefined,
};

use super::{
    ApiError,
    auth::{Auth, Caller},
    body,
    types::{
        ActivityEntry, ApiReport, FiledReport, NewComment, NewReport, ProtectedClassView,
        ReportPage, ReportPatch, RoutingView, SectionView,
    },
};
use crate::{AppState, extract::QueryPairs, staff::list};

/// The API's groups of operations.
#[derive(Tags)]
enum Tag {
    /// Reports: list, read, change, comment, file.
    Reports,
    /// The lists the answers are checked against, and routing.
    Reference,
}

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

type Answer<T> = Result<T, ApiError>;

/// The report's version as a strong ETag.
fn etag(record: &ReportRecord) -> String {
    format!("\"{}\"", record.version)
}

fn report_of(record: &ReportRecord) -> ApiReport {
    ApiReport::from(&FlatReport::from(record))
}

fn not_found() -> ApiError {
    ApiError::NotFound(body(
        "not_found",
        "There is no report with this record number.",
    ))
}

async fn load(state: &AppState, public_id: &str) -> Answer<ReportRecord> {
    let id = PublicId::parse(public_id.trim()).map_err(|_not_a_record_number| not_found())?;
    Ok(state.db.get_by_public_id(&id).await?)
}

fn field_map(errors: &FieldErrors) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in &errors.0 {
        map.entry(e.field.clone())
            .or_default()
            .push(e.message.clone());
    }
    map
}

/// The change a PATCH body asks for (codes checked here as on the page's
/// form; every other rule is the service's).
fn change_of(patch: ReportPatch) -> Answer<StaffChange> {
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

fn change_error(e: ChangeReportError) -> ApiError {
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
fn if_match_version(header: Option<&str>) -> Answer<i32> {
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
        Ok(PageResponse::Ok(Json(ReportPage {
            total: page.total,
            page: page.page,
            per_page: page.per_page,
            items: page.items.iter().map(report_of).collect(),
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
        Ok(ReportResponse::Ok(Json(report_of(&record)), etag(&record)))
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
        Ok(ReportResponse::Ok(Json(report_of(&saved)), etag(&saved)))
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
                field_map(&errors),
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

    /// The protected-class options, active and retired, in form order.
    #[oai(
        path = "/protected-classes",
        method = "get",
        tag = "Tag::Reference",
        operation_id = "listProtectedClasses"
    )]
    async fn protected_classes(
        &self,
        auth: Auth,
        state: Data<&AppState>,
    ) -> Answer<Json<Vec<ProtectedClassView>>> {
        auth.reader(&state).await?;
        let catalog = state.catalog.get(&state.db).await?;
        Ok(Json(
            catalog
                .all()
                .iter()
                .map(|o| ProtectedClassView {
                    value: o.value.clone(),
                    code: o.code.clone(),
                    label: o.label.clone(),
                    form_order: o.form_order,
                    active: o.is_active(),
                })
                .collect(),
        ))
    }

    /// The Division's sections.
    #[oai(
        path = "/sections",
        method = "get",
        tag = "Tag::Reference",
        operation_id = "listSections"
    )]
    async fn sections(&self, auth: Auth, state: Data<&AppState>) -> Answer<Json<Vec<SectionView>>> {
        auth.reader(&state).await?;
        Ok(Json(
            Section::ALL
                .iter()
                .map(|s| SectionView {
                    code: s.value().to_owned(),
                    label: s.label().to_owned(),
                })
                .collect(),
        ))
    }

    /// Where routing would send a set of answers, and why.
    #[oai(
        path = "/routing",
        method = "get",
        tag = "Tag::Reference",
        operation_id = "explainRouting"
    )]
    #[allow(clippy::too_many_arguments)] // one per answer routing reads
    async fn routing(
        &self,
        auth: Auth,
        state: Data<&AppState>,
        /// The primary concern.
        primary_complaint: Query<Option<String>>,
        /// Protected-class values.
        protected_class: Query<Vec<String>>,
        /// Commercial or public place.
        commercial_or_public_place: Query<Option<String>>,
        /// `inside` or `outside`.
        inside_correctional_facility: Query<Option<String>>,
        /// `public` or `private`.
        public_or_private_school: Query<Option<String>>,
    ) -> Answer<Json<RoutingView>> {
        auth.reader(&state).await?;
        let catalog = state.catalog.get(&state.db).await?;
        let mut problems: BTreeMap<String, Vec<String>> = BTreeMap::new();
        fn choice<C: Choice>(
            name: &str,
            v: Option<&str>,
            problems: &mut BTreeMap<String, Vec<String>>,
        ) -> Option<C> {
            let v = v.map(str::trim).filter(|v| !v.is_empty())?;
            let c = C::from_value(v);
            if c.is_none() {
                problems
                    .entry(name.to_owned())
                    .or_default()
                    .push(format!("{v:?} is not one of the choices."));
            }
            c
        }
        let input = RoutingInput {
            primary_complaint: choice::<PrimaryComplaint>(
                "primary_complaint",
                primary_complaint.0.as_deref(),
                &mut problems,
            ),
            protected_classes: protected_class.0.iter().map(String::as_str).collect(),
            commercial_or_public_place: choice::<CommercialOrPublicPlace>(
                "commercial_or_public_place",
                commercial_or_public_place.0.as_deref(),
                &mut problems,
            ),
            inside_correctional_facility: choice::<InsideCorrectionalFacility>(
                "inside_correctional_facility",
                inside_correctional_facility.0.as_deref(),
                &mut problems,
            ),
            public_or_private_school: choice::<PublicOrPrivateSchool>(
                "public_or_private_school",
                public_or_private_school.0.as_deref(),
                &mut problems,
            ),
        };
        for v in &protected_class.0 {
            if !catalog.all().iter().any(|o| &o.value == v) {
                problems
                    .entry("protected_class".into())
                    .or_default()
                    .push(format!("{v:?} is not a protected-class value."));
            }
        }
        if !problems.is_empty() {
            return Err(ApiError::fields(
                "Some answers could not be read; see errors.",
                problems,
            ));
        }
        let (section, why) = route(&input);
        Ok(Json(RoutingView {
            assigned_section: section.value().to_owned(),
            section_label: section.label().to_owned(),
            routing_explanation: why,
        }))
    }
}

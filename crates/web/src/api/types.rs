//! The API's bodies, with their OpenAPI schemas. Field names are the
//! public form's and the database's (DOMAIN.md); conversions from the
//! domain's types are generic (`FlatReport` through serde, request bodies
//! into form answers), so a field added to the form or the export shows up
//! here through a failing test, not silently.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use crt_domain::{export::FlatReport, validation::Answers};
use poem_openapi::{Object, types::MaybeUndefined};
use serde::{Deserialize, Serialize};

use super::text::Text;

/// What went wrong.
#[derive(Object, Clone, Debug)]
pub struct ErrorDetail {
    /// A stable code: `unauthorized`, `forbidden`, `not_found`,
    /// `invalid`, `invalid_parameter`, `invalid_body`,
    /// `precondition_required`, `precondition_failed`, `rate_limited`,
    /// `unavailable`, `internal`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
}

/// Every error of the API: this one shape.
#[derive(Object, Clone, Debug)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
    /// Field problems (422), by field name: the form's exact messages.
    #[oai(skip_serializing_if_is_none)]
    pub errors: Option<BTreeMap<String, Vec<String>>>,
}

/// A stored report: every answer, the staff fields, the protected classes
/// as their stored values.
#[derive(Object, Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[oai(rename = "Report")]
#[allow(missing_docs)] // the names are the documentation (DOMAIN.md)
pub struct ApiReport {
    pub id: i64,
    pub public_id: String,
    #[oai(nullable)]
    pub contact_first_name: Option<String>,
    #[oai(nullable)]
    pub contact_last_name: Option<String>,
    #[oai(nullable)]
    pub contact_email: Option<String>,
    #[oai(nullable)]
    pub contact_phone: Option<String>,
    #[oai(nullable)]
    pub contact_address_line_1: Option<String>,
    #[oai(nullable)]
    pub contact_address_line_2: Option<String>,
    #[oai(nullable)]
    pub contact_city: Option<String>,
    #[oai(nullable)]
    pub contact_state: Option<String>,
    #[oai(nullable)]
    pub contact_zip: Option<String>,
    pub servicemember: String,
    pub primary_complaint: String,
    pub location_name: String,
    #[oai(nullable)]
    pub location_address_line_1: Option<String>,
    #[oai(nullable)]
    pub location_address_line_2: Option<String>,
    pub location_city_town: String,
    pub location_state: String,
    #[oai(nullable)]
    pub location_zipcode: Option<String>,
    #[oai(nullable)]
    pub public_or_private_employer: Option<String>,
    #[oai(nullable)]
    pub employer_size: Option<String>,
    #[oai(nullable)]
    pub inside_correctional_facility: Option<String>,
    #[oai(nullable)]
    pub correctional_facility_type: Option<String>,
    #[oai(nullable)]
    pub commercial_or_public_place: Option<String>,
    #[oai(nullable)]
    pub other_commercial_or_public_place: Option<String>,
    #[oai(nullable)]
    pub public_or_private_school: Option<String>,
    #[oai(nullable)]
    pub election_details: Option<String>,
    #[oai(nullable)]
    pub witness: Option<String>,
    pub protected_class: Vec<String>,
    #[oai(nullable)]
    pub other_class: Option<String>,
    pub last_incident_month: u32,
    #[oai(nullable)]
    pub last_incident_day: Option<u32>,
    pub last_incident_year: i32,
    pub violation_summary: String,
    pub intake_format: String,
    pub language: String,
    #[oai(nullable)]
    pub received_date: Option<NaiveDate>,
    pub assigned_section: String,
    pub routing_explanation: String,
    pub status: String,
    #[oai(nullable)]
    pub assigned_to: Option<String>,
    #[oai(nullable)]
    pub primary_statute: Option<String>,
    #[oai(nullable)]
    pub district: Option<String>,
    #[oai(nullable)]
    pub dj_number: Option<String>,
    pub referred: bool,
    pub litigation_hold: bool,
    #[oai(nullable)]
    pub summary: Option<String>,
    pub viewed: bool,
    #[oai(nullable)]
    pub closed_date: Option<DateTime<Utc>>,
    pub create_date: DateTime<Utc>,
    pub modified_date: DateTime<Utc>,
    pub version: i32,
    /// Files staff keep with the report (removed ones not counted).
    #[serde(default)]
    pub attachment_count: u64,
}

impl From<&FlatReport> for ApiReport {
    fn from(flat: &FlatReport) -> Self {
        // The two structs carry the same names (a test checks every field
        // survives); a failure here is a new export field not added above.
        serde_json::to_value(flat)
            .and_then(serde_json::from_value)
            .unwrap_or_else(|e| unreachable!("ApiReport lags behind FlatReport: {e}"))
    }
}

/// One page of reports.
#[derive(Object, Clone, Debug)]
pub struct ReportPage {
    /// Reports matching the filters, over all pages: exact up to 10,000;
    /// above that an estimate (see `total_exact`).
    pub total: u64,
    /// Whether `total` is exact. When it is not, `total` is an estimate
    /// (the table's size for an unfiltered list, PostgreSQL's planner
    /// estimate for a filtered one) or, where no estimate is at hand, the
    /// exact-count limit itself (more match).
    pub total_exact: bool,
    /// Whether another page follows this one.
    pub has_more: bool,
    /// For the next page, pass `after=<next_after>` with `page` + 1: it
    /// continues after this page's last report and costs the same however
    /// deep it is. Absent on the last page and for sorts by assignee or
    /// contact name (use page numbers there).
    #[oai(skip_serializing_if_is_none)]
    pub next_after: Option<i64>,
    /// This page (from 1).
    pub page: u64,
    /// Reports per page (1 to 100).
    pub per_page: u64,
    /// The reports of this page.
    pub items: Vec<ApiReport>,
}

/// A staff change to a report: only the fields given change; `null`
/// clears an optional one. Same rules as the detail page's actions.
#[derive(Object, Clone, Debug, Default)]
#[oai(deny_unknown_fields)]
pub struct ReportPatch {
    /// A section code (see `GET /api/sections`); a different section
    /// resets status, assignee, statute, district and secondary review.
    pub assigned_section: Option<Text>,
    /// `new`, `open` or `closed`.
    pub status: Option<Text>,
    /// A staff username, or `null` for nobody.
    pub assigned_to: MaybeUndefined<Text>,
    /// A primary statute code, or `null`.
    pub primary_statute: MaybeUndefined<Text>,
    /// A judicial district code, or `null`.
    pub district: MaybeUndefined<Text>,
    /// Secondary review.
    pub referred: Option<bool>,
    /// Litigation hold (while on, only turning it off is allowed).
    pub litigation_hold: Option<bool>,
    /// The staff summary.
    pub summary: Option<Text>,
    /// A comment to add with the change.
    pub comment: Option<Text>,
}

/// A comment to add to a report's activity.
#[derive(Object, Clone, Debug)]
#[oai(deny_unknown_fields)]
pub struct NewComment {
    /// The comment (1 to 7,000 characters).
    pub comment: Text,
}

/// One entry of a report's activity log.
#[derive(Object, Clone, Debug)]
pub struct ActivityEntry {
    /// Staff username, or `system`.
    pub actor: String,
    /// What happened.
    pub verb: String,
    /// The value before, if any.
    #[oai(nullable)]
    pub old_value: Option<String>,
    /// The value after (or the comment), if any.
    #[oai(nullable)]
    pub new_value: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

impl From<crt_domain::staff::Activity> for ActivityEntry {
    fn from(a: crt_domain::staff::Activity) -> Self {
        Self {
            actor: a.actor,
            verb: a.verb,
            old_value: a.old_value,
            new_value: a.new_value,
            at: a.at,
        }
    }
}

/// A report to file: the public form's field names (`protected_class` a
/// list of values), plus, for staff callers, how and when it came in.
#[derive(Object, Clone, Debug, Default, Serialize)]
#[oai(deny_unknown_fields)]
#[allow(missing_docs)] // the names are the documentation (DOMAIN.md)
pub struct NewReport {
    pub contact_first_name: Option<Text>,
    pub contact_last_name: Option<Text>,
    pub contact_email: Option<Text>,
    pub contact_phone: Option<Text>,
    pub contact_address_line_1: Option<Text>,
    pub contact_address_line_2: Option<Text>,
    pub contact_city: Option<Text>,
    pub contact_state: Option<Text>,
    pub contact_zip: Option<Text>,
    pub servicemember: Option<Text>,
    pub primary_complaint: Option<Text>,
    pub location_name: Option<Text>,
    pub location_address_line_1: Option<Text>,
    pub location_address_line_2: Option<Text>,
    pub location_city_town: Option<Text>,
    pub location_state: Option<Text>,
    pub location_zipcode: Option<Text>,
    pub public_or_private_employer: Option<Text>,
    pub employer_size: Option<Text>,
    pub inside_correctional_facility: Option<Text>,
    pub correctional_facility_type: Option<Text>,
    pub commercial_or_public_place: Option<Text>,
    pub other_commercial_or_public_place: Option<Text>,
    pub public_or_private_school: Option<Text>,
    pub election_details: Option<Text>,
    pub witness: Option<Text>,
    pub protected_class: Option<Vec<Text>>,
    pub other_class: Option<Text>,
    pub last_incident_month: Option<i64>,
    pub last_incident_day: Option<i64>,
    pub last_incident_year: Option<i64>,
    pub violation_summary: Option<Text>,
    /// Staff callers: `phone`, `letter`, `fax` or `email` (required).
    pub intake_format: Option<Text>,
    /// Staff callers: the day it was received, YYYY-MM-DD (required).
    pub received_date: Option<Text>,
    /// Staff callers: a staff summary.
    pub summary: Option<Text>,
    /// Staff callers: send the auto-response to `contact_email` (default false).
    pub send_auto_response: Option<bool>,
    /// Staff callers: the complainant's language (default `en`).
    pub language: Option<Text>,
}

impl NewReport {
    /// The body as form answers (the names are the same; numbers and
    /// booleans become their text, absent and null fields are left out).
    pub fn answers(&self) -> Answers {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(self) {
            for (k, v) in map {
                match v {
                    serde_json::Value::String(s) => pairs.push((k, s)),
                    serde_json::Value::Array(items) => pairs.extend(
                        items
                            .into_iter()
                            .filter_map(|i| i.as_str().map(str::to_owned))
                            .map(|i| (k.clone(), i)),
                    ),
                    serde_json::Value::Null => {}
                    other => pairs.push((k, other.to_string())),
                }
            }
        }
        Answers::from_pairs(pairs)
    }
}

/// A report just filed.
#[derive(Object, Clone, Debug)]
pub struct FiledReport {
    /// Its record number.
    pub public_id: String,
    /// The section it was routed to.
    pub assigned_section: String,
    /// Why routing chose it.
    pub routing_explanation: String,
}

/// A protected-class option.
#[derive(Object, Clone, Debug)]
pub struct ProtectedClassView {
    /// The stored value (what `protected_class` holds).
    pub value: String,
    /// The short name staff see.
    pub code: String,
    /// What the public reads.
    pub label: String,
    /// Position on the form; absent when retired.
    #[oai(nullable)]
    pub form_order: Option<i32>,
    /// Whether the form still offers it.
    pub active: bool,
}

/// A section of the Division.
#[derive(Object, Clone, Debug)]
pub struct SectionView {
    /// Its code, e.g. `VOT`.
    pub code: String,
    /// Its name.
    pub label: String,
}

/// Where routing sends a set of answers, and why.
#[derive(Object, Clone, Debug)]
pub struct RoutingView {
    /// The section code.
    pub assigned_section: String,
    /// The section's name.
    pub section_label: String,
    /// The sentence the detail page shows.
    pub routing_explanation: String,
}

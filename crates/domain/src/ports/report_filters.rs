//! The staff list's filters (every one the list, the API, bulk changes
//! and saved searches accept).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    report::{PrimaryComplaint, Section, Status},
    values::PublicId,
};

/// Which reports by assignee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssigneeFilter {
    /// Assigned to nobody.
    Unassigned,
    /// Assigned to this username.
    User(String),
}

/// Filters of the staff list; empty lists and `None` do not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFilters {
    /// Any of these sections.
    pub sections: Vec<Section>,
    /// Any of these statuses.
    pub statuses: Vec<Status>,
    /// Any of these primary concerns.
    pub primary_complaints: Vec<PrimaryComplaint>,
    /// By assignee.
    pub assigned_to: Option<AssigneeFilter>,
    /// Reports with any of these protected-class values.
    pub protected_classes: Vec<String>,
    /// location_state equals.
    pub location_state: Option<String>,
    /// contact_email equals (case-insensitive).
    pub contact_email: Option<String>,
    /// This public id.
    pub public_id: Option<PublicId>,
    /// Created at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Created before.
    pub created_before: Option<DateTime<Utc>>,
    /// Closed at or after.
    pub closed_from: Option<DateTime<Utc>>,
    /// Closed before.
    pub closed_before: Option<DateTime<Utc>>,
    /// contact_first_name contains (case-insensitive).
    pub contact_first_name: Option<String>,
    /// contact_last_name contains (case-insensitive).
    pub contact_last_name: Option<String>,
    /// contact_phone has these digits (punctuation ignored).
    pub contact_phone_digits: Option<String>,
    /// location_city_town contains (case-insensitive).
    pub location_city_town: Option<String>,
    /// location_name contains (case-insensitive).
    pub location_name: Option<String>,
    /// Any of these intake formats.
    pub intake_formats: Vec<crate::report::IntakeFormat>,
    /// Filed in any of these languages (codes of `report::LANGUAGES`).
    pub languages: Vec<String>,
    /// servicemember equals.
    pub servicemember: Option<crate::report::YesNo>,
    /// referred equals.
    pub referred: Option<bool>,
    /// litigation_hold equals.
    pub litigation_hold: Option<bool>,
    /// primary_statute equals.
    pub primary_statute: Option<String>,
    /// district equals.
    pub district: Option<String>,
    /// Full-text search in violation_summary.
    pub violation_summary: Option<crate::search::TextQuery>,
    /// Full-text search in the staff summary.
    pub summary: Option<crate::search::TextQuery>,
    /// Follows this retention schedule (its own, or its section's default
    /// for its status).
    #[serde(default)]
    pub retention_schedule: Option<String>,
    /// Closed, past its retention schedule, not on litigation hold and not
    /// disposed of yet.
    #[serde(default)]
    pub due_for_disposal: bool,
    /// Reports with any of these tags (`SECTION/name`).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Flagged as a repeat writer's (or not).
    #[serde(default)]
    pub repeat_writer: Option<bool>,
    /// Reports whose description has this key
    /// ([`crate::repeat_writers::description_key`]).
    #[serde(default)]
    pub description_key: Option<String>,
    /// Reports stored after this one (by id): a digest's or an automatic
    /// action's new reports. Not offered on the list.
    #[serde(default)]
    pub id_above: Option<i64>,
    /// Reports stored up to this one (by id).
    #[serde(default)]
    pub id_up_to: Option<i64>,
}

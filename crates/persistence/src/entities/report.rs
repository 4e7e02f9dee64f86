use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub public_id_suffix: String,
    pub contact_first_name: Option<String>,
    pub contact_last_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_address_line_1: Option<String>,
    pub contact_address_line_2: Option<String>,
    pub contact_city: Option<String>,
    pub contact_state: Option<String>,
    pub contact_zip: Option<String>,
    pub servicemember: String,
    pub primary_complaint: String,
    pub location_name: String,
    pub location_address_line_1: Option<String>,
    pub location_address_line_2: Option<String>,
    pub location_city_town: String,
    pub location_state: String,
    pub location_zipcode: Option<String>,
    pub public_or_private_employer: Option<String>,
    pub employer_size: Option<String>,
    pub inside_correctional_facility: Option<String>,
    pub correctional_facility_type: Option<String>,
    pub commercial_or_public_place: Option<String>,
    pub other_commercial_or_public_place: Option<String>,
    pub public_or_private_school: Option<String>,
    pub election_details: Option<String>,
    pub witness: Option<String>,
    pub other_class: Option<String>,
    pub last_incident_month: i32,
    pub last_incident_day: Option<i32>,
    pub last_incident_year: i32,
    pub violation_summary: String,
    pub intake_format: String,
    pub language: String,
    pub received_date: Option<Date>,
    pub assigned_section: String,
    pub routing_explanation: String,
    pub status: String,
    pub assigned_to: Option<String>,
    pub primary_statute: Option<String>,
    pub district: Option<String>,
    pub dj_number: Option<String>,
    pub referred: bool,
    pub litigation_hold: bool,
    pub summary: Option<String>,
    pub viewed: bool,
    pub closed_date: Option<DateTimeUtc>,
    pub create_date: DateTimeUtc,
    pub modified_date: DateTimeUtc,
    pub version: i32,
    pub retention_schedule: Option<String>,
    pub disposed_at: Option<DateTimeUtc>,
    /// Absent from older exports.
    #[serde(default)]
    pub description_key: Option<String>,
    #[serde(default)]
    pub repeat_writer: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

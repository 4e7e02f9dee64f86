//! The report: what a member of the public told us (validated), plus what
//! staff add while working it. Pure data and the enumerations of DOMAIN.md;
//! validation lives in `validation`, routing in `routing`.
//!
//! The enumerations of the answers and the staff side (sections, statuses,
//! staff fields) each have their own file; the report's parts are here.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::values::{Email, Phone, PublicId, StateCode, Zip};

mod choices;
mod staff_fields;

pub use choices::{
    CommercialOrPublicPlace, CorrectionalFacilityType, ElectionDetails, EmployerSize,
    InsideCorrectionalFacility, IntakeFormat, PrimaryComplaint, PublicOrPrivateEmployer,
    PublicOrPrivateSchool, WitnessOrHarmed, YesNo,
};
pub use staff_fields::{Section, StaffFields, Status};

/// How to reach the person who filed (every part optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// contact_first_name
    pub first_name: Option<String>,
    /// contact_last_name
    pub last_name: Option<String>,
    /// contact_email
    pub email: Option<Email>,
    /// contact_phone
    pub phone: Option<Phone>,
    /// contact_address_line_1
    pub address_line_1: Option<String>,
    /// contact_address_line_2
    pub address_line_2: Option<String>,
    /// contact_city
    pub city: Option<String>,
    /// contact_state
    pub state: Option<StateCode>,
    /// contact_zip
    pub zip: Option<Zip>,
}

/// Police reports: inside a correctional facility (with its type) or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectionalFacility {
    /// Inside a facility of this type.
    Inside(CorrectionalFacilityType),
    /// Not inside a correctional facility.
    Outside,
}

/// The primary concern together with the extra location questions it asks.
/// Keeping both in one enum makes a mismatch (a school type on a housing
/// report) impossible to represent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Concern {
    /// workplace
    Workplace {
        /// public_or_private_employer
        employer: PublicOrPrivateEmployer,
        /// employer_size
        employer_size: EmployerSize,
    },
    /// housing
    Housing,
    /// education
    Education {
        /// public_or_private_school
        school: PublicOrPrivateSchool,
    },
    /// police
    Police {
        /// inside_correctional_facility and correctional_facility_type
        facility: CorrectionalFacility,
    },
    /// voting
    Voting {
        /// election_details (optional)
        election_details: Option<ElectionDetails>,
    },
    /// commercial_or_public
    CommercialOrPublic {
        /// commercial_or_public_place
        place: CommercialOrPublicPlace,
        /// other_commercial_or_public_place
        other_place: Option<String>,
    },
    /// something_else
    SomethingElse,
}

impl Concern {
    /// The primary concern this answer belongs to.
    pub fn primary_complaint(&self) -> PrimaryComplaint {
        match self {
            Concern::Workplace { .. } => PrimaryComplaint::Workplace,
            Concern::Housing => PrimaryComplaint::Housing,
            Concern::Education { .. } => PrimaryComplaint::Education,
            Concern::Police { .. } => PrimaryComplaint::Police,
            Concern::Voting { .. } => PrimaryComplaint::Voting,
            Concern::CommercialOrPublic { .. } => PrimaryComplaint::CommercialOrPublic,
            Concern::SomethingElse => PrimaryComplaint::SomethingElse,
        }
    }
}

/// Where it happened (the questions every location variant asks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// location_name (required)
    pub name: String,
    /// location_address_line_1
    pub address_line_1: Option<String>,
    /// location_address_line_2
    pub address_line_2: Option<String>,
    /// location_city_town (required)
    pub city_town: String,
    /// location_state (required)
    pub state: StateCode,
    /// location_zipcode
    pub zipcode: Option<Zip>,
}

/// When it last happened. The day is optional (blank counts as the 1st).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentDate {
    year: i32,
    month: u32,
    day: Option<u32>,
}

impl IncidentDate {
    /// A date that exists in the calendar and is not after `today`.
    /// Returns `None` otherwise; `validation` gives the person the reasons.
    pub fn new(year: i32, month: u32, day: Option<u32>, today: NaiveDate) -> Option<Self> {
        let date = NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1))?;
        (year >= 1900 && date <= today).then_some(Self { year, month, day })
    }
    /// Rebuild a stored date without the "not in the future" check (it was
    /// checked when filed).
    pub fn from_stored(year: i32, month: u32, day: Option<u32>) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1))?;
        Some(Self { year, month, day })
    }
    /// last_incident_year
    pub fn year(&self) -> i32 {
        self.year
    }
    /// last_incident_month (1–12)
    pub fn month(&self) -> u32 {
        self.month
    }
    /// last_incident_day, if given
    pub fn day(&self) -> Option<u32> {
        self.day
    }
    /// The calendar date (the 1st when no day was given).
    pub fn date(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN) // unreachable: checked in the constructors
    }
}

/// What a member of the public (or staff at intake) told us, validated.
/// Build one with [`crate::validation::validate_report`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Step 1.
    pub contact: Contact,
    /// servicemember (required)
    pub servicemember: YesNo,
    /// Steps 2 and 3 (variant part).
    pub concern: Concern,
    /// witness (police reports only; optional).
    pub witness: Option<WitnessOrHarmed>,
    /// Step 3 (common part).
    pub location: Location,
    /// protected_class: stored values, in form order.
    pub protected_classes: Vec<String>,
    /// other_class
    pub other_class: Option<String>,
    /// Step 5.
    pub incident_date: IncidentDate,
    /// violation_summary
    pub violation_summary: String,
    /// intake_format
    pub intake_format: IntakeFormat,
    /// language (BCP 47 tag, "en" for now)
    pub language: String,
    /// received_date: the day the Division received a report staff
    /// recorded (phone, letter, …); `None` for the web form, whose
    /// reports are received when filed.
    pub received_date: Option<NaiveDate>,
}

impl Report {
    /// The primary concern (step 2).
    pub fn primary_complaint(&self) -> PrimaryComplaint {
        self.concern.primary_complaint()
    }
    /// Whether the given protected-class value was chosen.
    pub fn has_class(&self, value: &str) -> bool {
        self.protected_classes.iter().any(|v| v == value)
    }
}

/// The languages the portal serves (BCP 47 tags, lower case as stored).
pub const LANGUAGES: [&str; 7] = ["en", "es", "zh-hant", "zh-hans", "vi", "ko", "tl"];

/// Whether `tag` is one of [`LANGUAGES`].
pub fn is_language(tag: &str) -> bool {
    LANGUAGES.contains(&tag)
}

/// Database id of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReportId(pub i64);

/// A stored report: its id, public id, answers and staff fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRecord {
    /// Database id.
    pub id: ReportId,
    /// The record number the public sees.
    pub public_id: PublicId,
    /// The answers.
    pub report: Report,
    /// The staff fields.
    pub staff: StaffFields,
    /// create_date
    pub create_date: DateTime<Utc>,
    /// modified_date
    pub modified_date: DateTime<Utc>,
    /// Incremented by every update; used to detect concurrent edits.
    pub version: i32,
    /// One of a repeat writer's reports (see [`crate::repeat_writers`]).
    #[serde(default)]
    pub repeat_writer: bool,
}

//! What staff add while working a report: its section, its status and
//! the other staff fields.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::choice::choice_enum;

choice_enum! {
    /// A section of the Civil Rights Division.
    pub enum Section {
        /// Second Amendment Rights.
        SecondAmendment = ("2AS", "Second Amendment Rights"),
        /// Administrative.
        Administrative = ("ADM", "Administrative"),
        /// Appellate.
        Appellate = ("APP", "Appellate"),
        /// Criminal.
        Criminal = ("CRM", "Criminal"),
        /// Disability Rights.
        DisabilityRights = ("DRS", "Disability Rights"),
        /// Employment Litigation.
        EmploymentLitigation = ("ELS", "Employment Litigation"),
        /// Educational Opportunities.
        EducationalOpportunities = ("EOS", "Educational Opportunities"),
        /// Federal Coordination and Compliance.
        FederalCoordination = ("FCS", "Federal Coordination and Compliance"),
        /// Housing and Civil Enforcement.
        HousingAndCivilEnforcement = ("HCE", "Housing and Civil Enforcement"),
        /// Immigrant and Employee Rights.
        ImmigrantAndEmployeeRights = ("IER", "Immigrant and Employee Rights"),
        /// Policy.
        Policy = ("POL", "Policy"),
        /// Special Litigation.
        SpecialLitigation = ("SPL", "Special Litigation"),
        /// Voting.
        Voting = ("VOT", "Voting"),
    }
}

choice_enum! {
    /// Where a report is in its life: new → open → closed.
    pub enum Status {
        /// Not yet worked.
        New = ("new", "New"),
        /// Being worked.
        Open = ("open", "Open"),
        /// Done.
        Closed = ("closed", "Closed"),
    }
}

/// What staff add while working a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFields {
    /// assigned_section
    pub assigned_section: Section,
    /// Why routing chose the section (shown on the detail page).
    pub routing_explanation: String,
    /// status
    pub status: Status,
    /// assigned_to (a staff username)
    pub assigned_to: Option<String>,
    /// primary_statute (a code of data/primary_statutes.csv)
    pub primary_statute: Option<String>,
    /// district (a code of data/judicial_districts.csv)
    pub district: Option<String>,
    /// dj_number
    pub dj_number: Option<String>,
    /// referred (secondary review)
    pub referred: bool,
    /// litigation_hold
    pub litigation_hold: bool,
    /// summary (the latest staff summary)
    pub summary: Option<String>,
    /// viewed
    pub viewed: bool,
    /// closed_date
    pub closed_date: Option<DateTime<Utc>>,
    /// The retention schedule staff chose (a code); `None`: the section's
    /// default for the report's status.
    #[serde(default)]
    pub retention_schedule: Option<String>,
    /// When the report was disposed of (its personal data removed).
    #[serde(default)]
    pub disposed_at: Option<DateTime<Utc>>,
    /// Its tags, `SECTION/name`, sorted (see [`crate::tags`]).
    #[serde(default)]
    pub tags: Vec<String>,
}

impl StaffFields {
    /// The staff fields of a report just filed and routed to `section`.
    pub fn new_report(section: Section, routing_explanation: String) -> Self {
        Self {
            assigned_section: section,
            routing_explanation,
            status: Status::New,
            assigned_to: None,
            primary_statute: None,
            district: None,
            dj_number: None,
            referred: false,
            litigation_hold: false,
            summary: None,
            viewed: false,
            closed_date: None,
            retention_schedule: None,
            disposed_at: None,
            tags: Vec::new(),
        }
    }
}

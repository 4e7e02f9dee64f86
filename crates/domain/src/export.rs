//! A flat view of a stored report with the field names of DOMAIN.md (the
//! names of the HTML form, the database columns, the API and the CLI JSON).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::{
    choice::Choice,
    report::{Concern, CorrectionalFacility, ReportRecord},
};

/// Every answer and staff field of a report, one level deep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[allow(missing_docs)] // the field names are the documentation (DOMAIN.md)
pub struct FlatReport {
    pub id: i64,
    pub public_id: String,
    pub contact_first_name: Option<String>,
    pub contact_last_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_address_line_1: Option<String>,
    pub contact_address_line_2: Option<String>,
    pub contact_city: Option<String>,
    pub contact_state: Option<String>,
    pub contact_zip: Option<String>,
    pub servicemember: &'static str,
    pub primary_complaint: &'static str,
    pub location_name: String,
    pub location_address_line_1: Option<String>,
    pub location_address_line_2: Option<String>,
    pub location_city_town: String,
    pub location_state: String,
    pub location_zipcode: Option<String>,
    pub public_or_private_employer: Option<&'static str>,
    pub employer_size: Option<&'static str>,
    pub inside_correctional_facility: Option<&'static str>,
    pub correctional_facility_type: Option<&'static str>,
    pub commercial_or_public_place: Option<&'static str>,
    pub other_commercial_or_public_place: Option<String>,
    pub public_or_private_school: Option<&'static str>,
    pub election_details: Option<&'static str>,
    pub witness: Option<&'static str>,
    pub protected_class: Vec<String>,
    pub other_class: Option<String>,
    pub last_incident_month: u32,
    pub last_incident_day: Option<u32>,
    pub last_incident_year: i32,
    pub violation_summary: String,
    pub intake_format: &'static str,
    pub language: String,
    pub received_date: Option<chrono::NaiveDate>,
    pub assigned_section: &'static str,
    pub routing_explanation: String,
    pub status: &'static str,
    pub assigned_to: Option<String>,
    pub primary_statute: Option<String>,
    pub district: Option<String>,
    pub dj_number: Option<String>,
    pub referred: bool,
    pub litigation_hold: bool,
    pub summary: Option<String>,
    pub viewed: bool,
    pub closed_date: Option<DateTime<Utc>>,
    pub create_date: DateTime<Utc>,
    pub modified_date: DateTime<Utc>,
    pub version: i32,
}

impl From<&ReportRecord> for FlatReport {
    fn from(rec: &ReportRecord) -> Self {
        let r = &rec.report;
        let c = &r.contact;
        let l = &r.location;
        let s = &rec.staff;
        let text = |v: Option<&str>| v.map(str::to_owned);
        let mut flat = FlatReport {
            id: rec.id.0,
            public_id: rec.public_id.to_string(),
            contact_first_name: c.first_name.clone(),
            contact_last_name: c.last_name.clone(),
            contact_email: text(c.email.as_ref().map(|v| v.as_str())),
            contact_phone: text(c.phone.as_ref().map(|v| v.as_str())),
            contact_address_line_1: c.address_line_1.clone(),
            contact_address_line_2: c.address_line_2.clone(),
            contact_city: c.city.clone(),
            contact_state: text(c.state.as_ref().map(|v| v.as_str())),
            contact_zip: text(c.zip.as_ref().map(|v| v.as_str())),
            servicemember: r.servicemember.value(),
            primary_complaint: r.primary_complaint().value(),
            location_name: l.name.clone(),
            location_address_line_1: l.address_line_1.clone(),
            location_address_line_2: l.address_line_2.clone(),
            location_city_town: l.city_town.clone(),
            location_state: l.state.as_str().to_owned(),
            location_zipcode: text(l.zipcode.as_ref().map(|v| v.as_str())),
            public_or_private_employer: None,
            employer_size: None,
            inside_correctional_facility: None,
            correctional_facility_type: None,
            commercial_or_public_place: None,
            other_commercial_or_public_place: None,
            public_or_private_school: None,
            election_details: None,
            witness: r.witness.map(|w| w.value()),
            protected_class: r.protected_classes.clone(),
            other_class: r.other_class.clone(),
            last_incident_month: r.incident_date.month(),
            last_incident_day: r.incident_date.day(),
            last_incident_year: r.incident_date.year(),
            violation_summary: r.violation_summary.clone(),
            intake_format: r.intake_format.value(),
            language: r.language.clone(),
            received_date: r.received_date,
            assigned_section: s.assigned_section.value(),
            routing_explanation: s.routing_explanation.clone(),
            status: s.status.value(),
            assigned_to: s.assigned_to.clone(),
            primary_statute: s.primary_statute.clone(),
            district: s.district.clone(),
            dj_number: s.dj_number.clone(),
            referred: s.referred,
            litigation_hold: s.litigation_hold,
            summary: s.summary.clone(),
            viewed: s.viewed,
            closed_date: s.closed_date,
            create_date: rec.create_date,
            modified_date: rec.modified_date,
            version: rec.version,
        };
        match &r.concern {
            Concern::Workplace {
                employer,
                employer_size,
            } => {
                flat.public_or_private_employer = Some(employer.value());
                flat.employer_size = Some(employer_size.value());
            }
            Concern::Education { school } => flat.public_or_private_school = Some(school.value()),
            Concern::Police { facility } => match facility {
                CorrectionalFacility::Inside(t) => {
                    flat.inside_correctional_facility = Some("inside");
                    flat.correctional_facility_type = Some(t.value());
                }
                CorrectionalFacility::Outside => {
                    flat.inside_correctional_facility = Some("outside")
                }
            },
            Concern::Voting { election_details } => {
                flat.election_details = election_details.map(|e| e.value())
            }
            Concern::CommercialOrPublic { place, other_place } => {
                flat.commercial_or_public_place = Some(place.value());
                flat.other_commercial_or_public_place = other_place.clone();
            }
            Concern::Housing | Concern::SomethingElse => {}
        }
        flat
    }
}

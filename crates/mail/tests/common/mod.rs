#![allow(dead_code)] // each test file uses a different part
//! Fixtures for the e-mail tests: a report built through the domain's
//! validation, and a fake TMS server speaking real HTTP (`fake_tms`).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use crt_domain::{
    protected_class::ProtectedClassCatalog,
    report::{Report, StaffFields},
    routing::assign_section,
    validation::{Answers, Context, validate_report},
};

pub mod fake_tms;
#[allow(unused_imports)] // not every test file uses them
pub use fake_tms::{FakeTms, TmsMode};

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

/// A valid housing report with a contact e-mail and hostile text.
pub fn report(catalog: &ProtectedClassCatalog, extra: &[(&str, &str)]) -> Report {
    let mut pairs: Vec<(&str, &str)> = vec![
        ("servicemember", "no"),
        ("contact_first_name", "Ana <b>"),
        ("contact_last_name", "Lopez"),
        ("contact_email", "ana.lopez@example.org"),
        ("primary_complaint", "housing"),
        ("location_name", "Maple & Oak Apartments <script>"),
        ("location_city_town", "Springfield"),
        ("location_state", "IL"),
        ("last_incident_month", "10"),
        ("last_incident_day", "3"),
        ("last_incident_year", "2026"),
        ("violation_summary", "The landlord refused to rent to us."),
        ("protected_class", "family_status"),
    ];
    for (k, v) in extra {
        pairs.retain(|(key, _)| key != k);
        pairs.push((k, v));
    }
    validate_report(
        &Answers::from_pairs(pairs),
        Context {
            catalog,
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        },
    )
    .expect("valid fixture")
}

pub fn staff_for(r: &Report) -> StaffFields {
    let (section, why) = assign_section(r);
    StaffFields::new_report(section, why)
}

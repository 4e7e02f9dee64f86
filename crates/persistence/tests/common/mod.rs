#![allow(dead_code)] // each test file uses a different part
//! Shared fixtures for the repository tests.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use crt_domain::{
    protected_class::ProtectedClassCatalog,
    report::{Report, StaffFields},
    routing::assign_section,
    validation::{Answers, Context, validate_report},
};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

/// A valid report for `primary` with the given classes and extra answers.
pub fn report(
    catalog: &ProtectedClassCatalog,
    primary: &str,
    classes: &[&str],
    extra: &[(&str, &str)],
) -> Report {
    let mut pairs: Vec<(&str, &str)> = vec![
        ("servicemember", "no"),
        ("contact_first_name", "Ana"),
        ("contact_last_name", "Lopez"),
        ("contact_email", "Ana.Lopez@Example.org"),
        ("contact_phone", "(202) 555-0100"),
        ("primary_complaint", primary),
        ("location_name", "Main Street Store"),
        ("location_city_town", "Springfield"),
        ("location_state", "IL"),
        ("location_zipcode", "62701"),
        ("last_incident_month", "10"),
        ("last_incident_day", "3"),
        ("last_incident_year", "2026"),
        (
            "violation_summary",
            "They refused to serve me. <script>alert(1)</script>",
        ),
        ("public_or_private_employer", "private_employer"),
        ("employer_size", "15_or_more"),
        ("public_or_private_school", "private"),
        ("inside_correctional_facility", "inside"),
        ("correctional_facility_type", "federal"),
        ("commercial_or_public_place", "healthcare"),
        ("election_details", "federal"),
    ];
    for c in classes {
        pairs.push(("protected_class", c));
    }
    for (k, v) in extra {
        pairs.retain(|(key, _)| key != k);
        pairs.push((k, v));
    }
    let answers = Answers::from_pairs(pairs);
    validate_report(
        &answers,
        Context {
            catalog,
            today: today(),
        },
    )
    .expect("valid fixture")
}

pub fn staff_for(r: &Report) -> StaffFields {
    let (section, why) = assign_section(r);
    StaffFields::new_report(section, why)
}

//! The variables a letter is rendered with.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::{choice::Choice, report::ReportRecord};

/// The variables a letter is rendered with, all plain text (templates
/// escape them): record_locator, addressee, date_of_intake, outgoing_date,
/// section_name, the contact fields and the location fields.
pub fn letter_variables(
    record: &ReportRecord,
    outgoing: DateTime<Utc>,
) -> BTreeMap<&'static str, String> {
    let r = &record.report;
    let c = &r.contact;
    let name = [c.first_name.as_deref(), c.last_name.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let addressee = if name.is_empty() {
        "Thank you for your report".to_owned()
    } else {
        format!("Dear {name}")
    };
    let text = |v: Option<&str>| v.unwrap_or("").to_owned();
    let mut vars = BTreeMap::new();
    vars.insert("record_locator", record.public_id.to_string());
    vars.insert("addressee", addressee);
    vars.insert(
        "date_of_intake",
        record.create_date.format("%B %-d, %Y").to_string(),
    );
    vars.insert("outgoing_date", outgoing.format("%B %-d, %Y").to_string());
    vars.insert(
        "section_name",
        record.staff.assigned_section.label().to_owned(),
    );
    vars.insert(
        "section_code",
        record.staff.assigned_section.value().to_owned(),
    );
    vars.insert("contact_first_name", text(c.first_name.as_deref()));
    vars.insert("contact_last_name", text(c.last_name.as_deref()));
    vars.insert("contact_email", text(c.email.as_ref().map(|e| e.as_str())));
    vars.insert("contact_phone", text(c.phone.as_ref().map(|p| p.as_str())));
    vars.insert("contact_city", text(c.city.as_deref()));
    vars.insert("contact_state", text(c.state.as_ref().map(|s| s.as_str())));
    vars.insert("contact_zip", text(c.zip.as_ref().map(|z| z.as_str())));
    vars.insert("location_name", r.location.name.clone());
    vars.insert("location_city_state", {
        format!("{}, {}", r.location.city_town, r.location.state.as_str())
    });
    vars.insert("location_city", r.location.city_town.clone());
    vars.insert("location_state", r.location.state.as_str().to_owned());
    vars
}

/// The names [`letter_variables`] provides (for docs and template checks).
pub const LETTER_VARIABLES: &[&str] = &[
    "record_locator",
    "addressee",
    "date_of_intake",
    "outgoing_date",
    "section_name",
    "section_code",
    "contact_first_name",
    "contact_last_name",
    "contact_email",
    "contact_phone",
    "contact_city",
    "contact_state",
    "contact_zip",
    "location_name",
    "location_city_state",
    "location_city",
    "location_state",
];

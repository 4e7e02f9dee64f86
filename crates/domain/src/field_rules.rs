//! The field rules under the step registry: the raw [`Answers`], the
//! [`Check`] that reads them and collects every problem, and one parser per
//! step. Nothing here knows the step registry (`crate::form` uses this
//! module, not the other way round); [`crate::validation`] is the public
//! face of these items and adds `validate_report` on top of the registry.

mod answers;
mod check;
mod parsers;

pub use answers::Answers;
pub(crate) use check::Parts;
pub use check::{Check, Context, FieldError, FieldErrors};
pub use parsers::{
    parse_concern, parse_contact, parse_incident_date, parse_location, parse_primary_complaint,
    parse_protected_classes, parse_violation_summary, parse_witness,
};

/// The sentences of DOMAIN.md, word for word.
pub mod messages {
    /// servicemember missing.
    pub const SERVICEMEMBER: &str = "Please select a status as an active duty service member.";
    /// primary_complaint missing.
    pub const PRIMARY_COMPLAINT: &str = "Please select a primary reason to continue.";
    /// location_name missing.
    pub const LOCATION_NAME: &str = "Please enter the name of the location where this took place.";
    /// location_city_town missing.
    pub const LOCATION_CITY: &str = "Please enter the city or town where this took place.";
    /// location_state missing.
    pub const LOCATION_STATE: &str = "Please select the state where this took place.";
    /// public_or_private_employer missing.
    pub const EMPLOYER_TYPE: &str = "Please select what type of employer this is.";
    /// employer_size missing.
    pub const EMPLOYER_SIZE: &str = "Please select how large the employer is.";
    /// commercial_or_public_place missing.
    pub const PLACE: &str = "Please select the type of location. If none of these apply to your situation, please select \"Other\".";
    /// inside_correctional_facility missing.
    pub const CORRECTIONAL_WHERE: &str = "Please select where this occurred";
    /// correctional_facility_type missing.
    pub const CORRECTIONAL_TYPE: &str = "Please select the type of location";
    /// public_or_private_school missing.
    pub const SCHOOL: &str = "Please select the type of school or educational program.";
    /// protected_class missing.
    pub const PROTECTED_CLASS: &str = "Please make a selection to continue. If none of these apply to your situation, please select \"None of these apply to me\" or \"Other reason\" and explain.";
    /// last_incident_month missing.
    pub const MONTH_MISSING: &str = "Please enter a month.";
    /// last_incident_month out of range.
    pub const MONTH_INVALID: &str = "Please enter a valid month. Month must be between 1 and 12.";
    /// last_incident_year missing.
    pub const YEAR_MISSING: &str = "Please enter a year.";
    /// last_incident_year not a 4-digit year from 1900.
    pub const YEAR_INVALID: &str = "Please enter a year after 1900.";
    /// last_incident_day not in the month.
    pub const DAY_INVALID: &str = "Please enter a valid day of the month. Day must be between 1 and the last day of the month.";
    /// The date is after today.
    pub const DATE_FUTURE: &str = "Date can not be in the future.";
    /// violation_summary missing.
    pub const SUMMARY: &str = "Please provide description to continue";
    /// Re-exported newtype messages.
    pub use crate::values::{EMAIL_INVALID, PHONE_INVALID, STATE_INVALID, ZIP_INVALID};
}

//! The English sentences the form shows for each problem (DOMAIN.md's,
//! word for word): what the English rendering of the problem codes must
//! stay.
#![allow(dead_code)]

pub const SERVICEMEMBER: &str = "Please select a status as an active duty service member.";
pub const EMAIL_INVALID: &str = "Enter a valid email address.";
pub const PHONE_INVALID: &str = "If you submit a phone number, please make sure to include between 7 and 15 digits. The characters \"+\", \")\", \"(\", \"-\", and \".\" are allowed. Please include country code if entering an international phone number.";
pub const PRIMARY_COMPLAINT: &str = "Please select a primary reason to continue.";
pub const LOCATION_NAME: &str = "Please enter the name of the location where this took place.";
pub const LOCATION_CITY: &str = "Please enter the city or town where this took place.";
pub const LOCATION_STATE: &str = "Please select the state where this took place.";
pub const EMPLOYER_TYPE: &str = "Please select what type of employer this is.";
pub const EMPLOYER_SIZE: &str = "Please select how large the employer is.";
pub const CORRECTIONAL_TYPE: &str = "Please select the type of location";
pub const PROTECTED_CLASS: &str = "Please make a selection to continue. If none of these apply to your situation, please select \"None of these apply to me\" or \"Other reason\" and explain.";
pub const MONTH_INVALID: &str = "Please enter a valid month. Month must be between 1 and 12.";
pub const YEAR_INVALID: &str = "Please enter a year after 1900.";
pub const SUMMARY: &str = "Please provide description to continue";

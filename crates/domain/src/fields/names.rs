//! The name of every field of the public form, written once. A name is the
//! HTML input's name, the key in [`Answers`](crate::validation::Answers),
//! the JSON name and the column name. The step parsers, the step registry,
//! the field table and [`answers_of`](crate::validation::answers_of) use
//! these constants instead of repeating the strings.

/// contact_first_name (step 1, optional).
pub const CONTACT_FIRST_NAME: &str = "contact_first_name";
/// contact_last_name (step 1, optional).
pub const CONTACT_LAST_NAME: &str = "contact_last_name";
/// contact_email (step 1, optional).
pub const CONTACT_EMAIL: &str = "contact_email";
/// contact_phone (step 1, optional).
pub const CONTACT_PHONE: &str = "contact_phone";
/// contact_address_line_1 (step 1, optional).
pub const CONTACT_ADDRESS_LINE_1: &str = "contact_address_line_1";
/// contact_address_line_2 (step 1, optional).
pub const CONTACT_ADDRESS_LINE_2: &str = "contact_address_line_2";
/// contact_city (step 1, optional).
pub const CONTACT_CITY: &str = "contact_city";
/// contact_state (step 1, optional).
pub const CONTACT_STATE: &str = "contact_state";
/// contact_zip (step 1, optional).
pub const CONTACT_ZIP: &str = "contact_zip";
/// servicemember (step 1, required).
pub const SERVICEMEMBER: &str = "servicemember";
/// primary_complaint (step 2, required).
pub const PRIMARY_COMPLAINT: &str = "primary_complaint";
/// location_name (step 3, required).
pub const LOCATION_NAME: &str = "location_name";
/// location_address_line_1 (step 3, optional).
pub const LOCATION_ADDRESS_LINE_1: &str = "location_address_line_1";
/// location_address_line_2 (step 3, optional).
pub const LOCATION_ADDRESS_LINE_2: &str = "location_address_line_2";
/// location_city_town (step 3, required).
pub const LOCATION_CITY_TOWN: &str = "location_city_town";
/// location_state (step 3, required).
pub const LOCATION_STATE: &str = "location_state";
/// location_zipcode (step 3, optional).
pub const LOCATION_ZIPCODE: &str = "location_zipcode";
/// public_or_private_employer (step 3, workplace).
pub const PUBLIC_OR_PRIVATE_EMPLOYER: &str = "public_or_private_employer";
/// employer_size (step 3, workplace).
pub const EMPLOYER_SIZE: &str = "employer_size";
/// inside_correctional_facility (step 3, police).
pub const INSIDE_CORRECTIONAL_FACILITY: &str = "inside_correctional_facility";
/// correctional_facility_type (step 3, police, inside a facility).
pub const CORRECTIONAL_FACILITY_TYPE: &str = "correctional_facility_type";
/// commercial_or_public_place (step 3, commercial or public place).
pub const COMMERCIAL_OR_PUBLIC_PLACE: &str = "commercial_or_public_place";
/// other_commercial_or_public_place (step 3, commercial or public place).
pub const OTHER_COMMERCIAL_OR_PUBLIC_PLACE: &str = "other_commercial_or_public_place";
/// public_or_private_school (step 3, education).
pub const PUBLIC_OR_PRIVATE_SCHOOL: &str = "public_or_private_school";
/// election_details (step 3, voting, optional).
pub const ELECTION_DETAILS: &str = "election_details";
/// witness (the optional police step).
pub const WITNESS: &str = "witness";
/// protected_class (step 4, required, several values).
pub const PROTECTED_CLASS: &str = "protected_class";
/// other_class (step 4, optional).
pub const OTHER_CLASS: &str = "other_class";
/// last_incident_month (step 5, required).
pub const LAST_INCIDENT_MONTH: &str = "last_incident_month";
/// last_incident_day (step 5, optional).
pub const LAST_INCIDENT_DAY: &str = "last_incident_day";
/// last_incident_year (step 5, required).
pub const LAST_INCIDENT_YEAR: &str = "last_incident_year";
/// violation_summary (step 6, required).
pub const VIOLATION_SUMMARY: &str = "violation_summary";

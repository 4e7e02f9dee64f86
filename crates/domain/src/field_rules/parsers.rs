//! One parser per step: the single home of each rule of the public form
//! and of the message that explains it.

use chrono::NaiveDate;

use super::{Check, Problem, check::invalid_choice};
use crate::{
    fields::{limits, names},
    report::{
        CommercialOrPublicPlace, Concern, Contact, CorrectionalFacility, CorrectionalFacilityType,
        ElectionDetails, EmployerSize, IncidentDate, InsideCorrectionalFacility, Location,
        PrimaryComplaint, PublicOrPrivateEmployer, WitnessOrHarmed, YesNo,
    },
    values::{Email, Phone, StateCode, Zip},
};

/// Step 1: contact fields and servicemember.
pub fn parse_contact(c: &mut Check<'_>) -> Option<(Contact, YesNo)> {
    use limits::*;
    let contact = Contact {
        first_name: c.text(names::CONTACT_FIRST_NAME, SHORT),
        last_name: c.text(names::CONTACT_LAST_NAME, SHORT),
        email: c.parsed(
            names::CONTACT_EMAIL,
            SHORT,
            Email::parse,
            Problem::InvalidEmail,
        ),
        phone: c.parsed(
            names::CONTACT_PHONE,
            SHORT,
            Phone::parse,
            Problem::InvalidPhone,
        ),
        address_line_1: c.text(names::CONTACT_ADDRESS_LINE_1, SHORT),
        address_line_2: c.text(names::CONTACT_ADDRESS_LINE_2, SHORT),
        city: c.text(names::CONTACT_CITY, CITY),
        state: c.parsed(
            names::CONTACT_STATE,
            SHORT,
            StateCode::parse,
            Problem::InvalidState,
        ),
        zip: c.parsed(names::CONTACT_ZIP, ZIP, Zip::parse, Problem::InvalidZip),
    };
    let servicemember = c.required_choice::<YesNo>(names::SERVICEMEMBER);
    Some((contact, servicemember?))
}

/// Step 2: the primary concern.
pub fn parse_primary_complaint(c: &mut Check<'_>) -> Option<PrimaryComplaint> {
    c.required_choice(names::PRIMARY_COMPLAINT)
}

/// Step 3, common part: where it happened.
pub fn parse_location(c: &mut Check<'_>) -> Option<Location> {
    use limits::*;
    let name = c.required_text(names::LOCATION_NAME, SHORT);
    let address_line_1 = c.text(names::LOCATION_ADDRESS_LINE_1, SHORT);
    let address_line_2 = c.text(names::LOCATION_ADDRESS_LINE_2, SHORT);
    let city_town = c.required_text(names::LOCATION_CITY_TOWN, CITY);
    let state = if c.answers().get(names::LOCATION_STATE).is_none() {
        c.error(names::LOCATION_STATE, Problem::Missing);
        None
    } else {
        c.parsed(
            names::LOCATION_STATE,
            SHORT,
            StateCode::parse,
            Problem::InvalidState,
        )
    };
    let zipcode = c.parsed(
        names::LOCATION_ZIPCODE,
        ZIP,
        Zip::parse,
        Problem::InvalidZip,
    );
    Some(Location {
        name: name?,
        address_line_1,
        address_line_2,
        city_town: city_town?,
        state: state?,
        zipcode,
    })
}

/// Step 3, variant part: the extra questions of `primary`.
pub fn parse_concern(c: &mut Check<'_>, primary: PrimaryComplaint) -> Option<Concern> {
    use PrimaryComplaint as P;
    Some(match primary {
        P::Workplace => {
            let employer =
                c.required_choice::<PublicOrPrivateEmployer>(names::PUBLIC_OR_PRIVATE_EMPLOYER);
            let size = c.required_choice::<EmployerSize>(names::EMPLOYER_SIZE);
            Concern::Workplace {
                employer: employer?,
                employer_size: size?,
            }
        }
        P::Housing => Concern::Housing,
        P::Education => Concern::Education {
            school: c.required_choice(names::PUBLIC_OR_PRIVATE_SCHOOL)?,
        },
        P::Police => {
            let inside = c.required_choice::<InsideCorrectionalFacility>(
                names::INSIDE_CORRECTIONAL_FACILITY,
            )?;
            let facility = match inside {
                InsideCorrectionalFacility::Inside => {
                    CorrectionalFacility::Inside(c.required_choice::<CorrectionalFacilityType>(
                        names::CORRECTIONAL_FACILITY_TYPE,
                    )?)
                }
                // The facility type is cleared when outside.
                InsideCorrectionalFacility::Outside => CorrectionalFacility::Outside,
            };
            Concern::Police { facility }
        }
        P::Voting => Concern::Voting {
            election_details: c.choice::<ElectionDetails>(names::ELECTION_DETAILS),
        },
        P::CommercialOrPublic => {
            let place =
                c.required_choice::<CommercialOrPublicPlace>(names::COMMERCIAL_OR_PUBLIC_PLACE);
            let other_place = c.text(names::OTHER_COMMERCIAL_OR_PUBLIC_PLACE, limits::OTHER);
            Concern::CommercialOrPublic {
                place: place?,
                other_place,
            }
        }
        P::SomethingElse => Concern::SomethingElse,
    })
}

/// Optional police step: the person's role.
pub fn parse_witness(c: &mut Check<'_>) -> Option<Option<WitnessOrHarmed>> {
    let before = c.error_count();
    let v = c.choice::<WitnessOrHarmed>(names::WITNESS);
    (c.error_count() == before).then_some(v)
}

/// Step 4: protected classes (values in form order) and other_class.
pub fn parse_protected_classes(c: &mut Check<'_>) -> Option<(Vec<String>, Option<String>)> {
    let catalog = c.context().catalog;
    let mut chosen: Vec<String> = Vec::new();
    let mut ok = true;
    for v in c.answers().values(names::PROTECTED_CLASS) {
        if !catalog.is_offered(v) {
            c.error(names::PROTECTED_CLASS, invalid_choice(v));
            ok = false;
        } else if !chosen.iter().any(|x| x == v) {
            chosen.push(v.to_owned());
        }
    }
    if ok && chosen.is_empty() {
        c.error(names::PROTECTED_CLASS, Problem::Missing);
        ok = false;
    }
    let other = c.text(names::OTHER_CLASS, limits::OTHER);
    catalog.sort_values(&mut chosen);
    ok.then_some((chosen, other))
}

/// A whole number written with digits only (no sign, no spaces inside).
fn digits(s: &str) -> Result<u32, ()> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    s.parse().map_err(|_not_a_number| ())
}

/// Step 5: when it last happened.
pub fn parse_incident_date(c: &mut Check<'_>) -> Option<IncidentDate> {
    let a = c.answers();
    let month = match a.get(names::LAST_INCIDENT_MONTH) {
        None => {
            c.error(names::LAST_INCIDENT_MONTH, Problem::Missing);
            None
        }
        Some(m) => match digits(m) {
            Ok(m) if (1..=12).contains(&m) => Some(m),
            _ => {
                c.error(names::LAST_INCIDENT_MONTH, Problem::MonthInvalid);
                None
            }
        },
    };
    let day = match a.get(names::LAST_INCIDENT_DAY) {
        None => Some(None),
        Some(d) => match digits(d) {
            Ok(d) if (1..=31).contains(&d) => Some(Some(d)),
            _ => {
                c.error(names::LAST_INCIDENT_DAY, Problem::DayInvalid);
                None
            }
        },
    };
    let year = match a.get(names::LAST_INCIDENT_YEAR) {
        None => {
            c.error(names::LAST_INCIDENT_YEAR, Problem::Missing);
            None
        }
        Some(y) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
            let y: i32 = y.parse().ok()?;
            if y >= 1900 {
                Some(y)
            } else {
                c.error(names::LAST_INCIDENT_YEAR, Problem::YearInvalid);
                None
            }
        }
        Some(_) => {
            c.error(names::LAST_INCIDENT_YEAR, Problem::YearInvalid);
            None
        }
    };
    let (month, day, year) = (month?, day?, year?);
    if NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1)).is_none() {
        c.error(names::LAST_INCIDENT_DAY, Problem::DayInvalid);
        return None;
    }
    let date = IncidentDate::new(year, month, day, c.context().today);
    if date.is_none() {
        c.error(names::LAST_INCIDENT_MONTH, Problem::DateInFuture);
    }
    date
}

/// Step 6: the description.
pub fn parse_violation_summary(c: &mut Check<'_>) -> Option<String> {
    let text = c.required_text(names::VIOLATION_SUMMARY, limits::SUMMARY_CHARS)?;
    let words = text.split_whitespace().count();
    if words > limits::SUMMARY_WORDS {
        c.error(
            names::VIOLATION_SUMMARY,
            Problem::TooManyWords {
                max: limits::SUMMARY_WORDS,
                count: words,
            },
        );
        return None;
    }
    Some(text)
}

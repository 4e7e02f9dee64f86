//! Field rules and the exact messages the public reads. One parser per step
//! (`parse_contact`, `parse_location` …) is the single home of each rule: the
//! step registry calls them to check a step, [`validate_report`] calls them
//! to build a [`Report`]. Nothing here does I/O.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    choice::Choice,
    form,
    protected_class::ProtectedClassCatalog,
    report::{
        CommercialOrPublicPlace, Concern, Contact, CorrectionalFacility, CorrectionalFacilityType,
        ElectionDetails, EmployerSize, IncidentDate, InsideCorrectionalFacility, IntakeFormat,
        Location, PrimaryComplaint, PublicOrPrivateEmployer, Report, WitnessOrHarmed, YesNo,
    },
    values::{Email, InvalidValue, Phone, StateCode, Zip},
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

/// Field limits (characters unless said otherwise).
pub mod limits {
    /// Names, e-mail, phone, address lines, location name.
    pub const SHORT: usize = 225;
    /// City fields.
    pub const CITY: usize = 700;
    /// ZIP codes.
    pub const ZIP: usize = 10;
    /// other_class, other_commercial_or_public_place.
    pub const OTHER: usize = 150;
    /// violation_summary, staff comments.
    pub const SUMMARY_CHARS: usize = 7000;
    /// violation_summary words.
    pub const SUMMARY_WORDS: usize = 500;
}

/// The raw answers of a draft: field name → submitted values, as posted by
/// the form (checkbox groups have several values).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers(BTreeMap<String, Vec<String>>);

impl Answers {
    /// No answers yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Builds answers from name/value pairs (repeated names accumulate).
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let mut a = Self::new();
        for (k, v) in pairs {
            a.0.entry(k.into()).or_default().push(v.into());
        }
        a
    }
    /// The first value of a field, trimmed; `None` when absent or blank.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .get(field)?
            .iter()
            .map(|v| v.trim())
            .find(|v| !v.is_empty())
    }
    /// Every non-blank value of a field, trimmed.
    pub fn values(&self, field: &str) -> Vec<&str> {
        self.0
            .get(field)
            .map(|vs| {
                vs.iter()
                    .map(|v| v.trim())
                    .filter(|v| !v.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
    /// Sets a field's values (replacing what was there).
    pub fn set(&mut self, field: impl Into<String>, values: Vec<String>) {
        self.0.insert(field.into(), values);
    }
    /// Replaces the given fields with their values in `posted` (fields absent
    /// from `posted`, like unticked checkboxes, are cleared); other fields
    /// and unknown posted names are left alone.
    pub fn replace_fields(&mut self, fields: &[&str], posted: &Answers) {
        for f in fields {
            match posted.0.get(*f) {
                Some(v) => {
                    self.0.insert((*f).to_owned(), v.clone());
                }
                None => {
                    self.0.remove(*f);
                }
            }
        }
    }
    /// Every field with its values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

/// One problem with one field, with the sentence to show beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's name (as in the HTML form).
    pub field: String,
    /// The message for the person.
    pub message: String,
}

/// Every problem found, in form order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{} field(s) need attention: {}", .0.len(), .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// No problems.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The messages for one field.
    pub fn for_field(&self, field: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.message.as_str())
            .collect()
    }
}

/// What validation needs to know about the world.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The protected-class options (only active ones are accepted).
    pub catalog: &'a ProtectedClassCatalog,
    /// Today's date, for "not in the future".
    pub today: NaiveDate,
}

/// Reads fields from answers, collecting every problem instead of stopping
/// at the first.
pub struct Check<'a> {
    answers: &'a Answers,
    ctx: Context<'a>,
    errors: Vec<FieldError>,
}

fn too_long(max: usize, n: usize) -> String {
    format!("Ensure this value has at most {max} characters (it has {n}).")
}

impl<'a> Check<'a> {
    /// Starts checking `answers`.
    pub fn new(answers: &'a Answers, ctx: Context<'a>) -> Self {
        Self {
            answers,
            ctx,
            errors: Vec::new(),
        }
    }
    /// The answers being checked.
    pub fn answers(&self) -> &'a Answers {
        self.answers
    }
    /// The context.
    pub fn context(&self) -> Context<'a> {
        self.ctx
    }
    /// Records a problem.
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }
    /// Finishes: the problems found, in order.
    pub fn finish(self) -> FieldErrors {
        FieldErrors(self.errors)
    }
    /// Optional free text of at most `max` characters.
    pub fn text(&mut self, field: &str, max: usize) -> Option<String> {
        let v = self.answers.get(field)?;
        let n = v.chars().count();
        if n > max {
            self.error(field, too_long(max, n));
            return None;
        }
        Some(v.to_owned())
    }
    /// Required free text.
    pub fn required_text(&mut self, field: &str, max: usize, missing: &str) -> Option<String> {
        if self.answers.get(field).is_none() {
            self.error(field, missing);
            return None;
        }
        self.text(field, max)
    }
    /// Optional value checked by a newtype's `parse`.
    pub fn parsed<T>(
        &mut self,
        field: &str,
        max: usize,
        parse: fn(&str) -> Result<T, InvalidValue>,
    ) -> Option<T> {
        let v = self.text(field, max)?;
        parse(&v).map_err(|e| self.error(field, e.0)).ok()
    }
    /// Optional member of a closed set.
    pub fn choice<C: Choice>(&mut self, field: &str) -> Option<C> {
        let v = self.answers.get(field)?;
        let c = C::from_value(v);
        if c.is_none() {
            self.error(field, invalid_choice(v));
        }
        c
    }
    /// Required member of a closed set.
    pub fn required_choice<C: Choice>(&mut self, field: &str, missing: &str) -> Option<C> {
        if self.answers.get(field).is_none() {
            self.error(field, missing);
            return None;
        }
        self.choice(field)
    }
}

fn invalid_choice(v: &str) -> String {
    let shown: String = v.chars().take(40).collect();
    format!("Select a valid choice. {shown} is not one of the available choices.")
}

/// Step 1: contact fields and servicemember.
pub fn parse_contact(c: &mut Check<'_>) -> Option<(Contact, YesNo)> {
    use limits::*;
    let contact = Contact {
        first_name: c.text("contact_first_name", SHORT),
        last_name: c.text("contact_last_name", SHORT),
        email: c.parsed("contact_email", SHORT, Email::parse),
        phone: c.parsed("contact_phone", SHORT, Phone::parse),
        address_line_1: c.text("contact_address_line_1", SHORT),
        address_line_2: c.text("contact_address_line_2", SHORT),
        city: c.text("contact_city", CITY),
        state: c.parsed("contact_state", SHORT, StateCode::parse),
        zip: c.parsed("contact_zip", ZIP, Zip::parse),
    };
    let servicemember = c.required_choice::<YesNo>("servicemember", messages::SERVICEMEMBER);
    Some((contact, servicemember?))
}

/// Step 2: the primary concern.
pub fn parse_primary_complaint(c: &mut Check<'_>) -> Option<PrimaryComplaint> {
    c.required_choice("primary_complaint", messages::PRIMARY_COMPLAINT)
}

/// Step 3, common part: where it happened.
pub fn parse_location(c: &mut Check<'_>) -> Option<Location> {
    use limits::*;
    let name = c.required_text("location_name", SHORT, messages::LOCATION_NAME);
    let address_line_1 = c.text("location_address_line_1", SHORT);
    let address_line_2 = c.text("location_address_line_2", SHORT);
    let city_town = c.required_text("location_city_town", CITY, messages::LOCATION_CITY);
    let state = if c.answers().get("location_state").is_none() {
        c.error("location_state", messages::LOCATION_STATE);
        None
    } else {
        c.parsed("location_state", SHORT, StateCode::parse)
    };
    let zipcode = c.parsed("location_zipcode", ZIP, Zip::parse);
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
            let employer = c.required_choice::<PublicOrPrivateEmployer>(
                "public_or_private_employer",
                messages::EMPLOYER_TYPE,
            );
            let size = c.required_choice::<EmployerSize>("employer_size", messages::EMPLOYER_SIZE);
            Concern::Workplace {
                employer: employer?,
                employer_size: size?,
            }
        }
        P::Housing => Concern::Housing,
        P::Education => Concern::Education {
            school: c.required_choice("public_or_private_school", messages::SCHOOL)?,
        },
        P::Police => {
            let inside = c.required_choice::<InsideCorrectionalFacility>(
                "inside_correctional_facility",
                messages::CORRECTIONAL_WHERE,
            )?;
            let facility = match inside {
                InsideCorrectionalFacility::Inside => {
                    CorrectionalFacility::Inside(c.required_choice::<CorrectionalFacilityType>(
                        "correctional_facility_type",
                        messages::CORRECTIONAL_TYPE,
                    )?)
                }
                // The facility type is cleared when outside.
                InsideCorrectionalFacility::Outside => CorrectionalFacility::Outside,
            };
            Concern::Police { facility }
        }
        P::Voting => Concern::Voting {
            election_details: c.choice::<ElectionDetails>("election_details"),
        },
        P::CommercialOrPublic => {
            let place = c.required_choice::<CommercialOrPublicPlace>(
                "commercial_or_public_place",
                messages::PLACE,
            );
            let other_place = c.text("other_commercial_or_public_place", limits::OTHER);
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
    let before = c.errors.len();
    let v = c.choice::<WitnessOrHarmed>("witness");
    (c.errors.len() == before).then_some(v)
}

/// Step 4: protected classes (values in form order) and other_class.
pub fn parse_protected_classes(c: &mut Check<'_>) -> Option<(Vec<String>, Option<String>)> {
    let catalog = c.context().catalog;
    let mut chosen: Vec<String> = Vec::new();
    let mut ok = true;
    for v in c.answers().values("protected_class") {
        if !catalog.is_offered(v) {
            c.error("protected_class", invalid_choice(v));
            ok = false;
        } else if !chosen.iter().any(|x| x == v) {
            chosen.push(v.to_owned());
        }
    }
    if ok && chosen.is_empty() {
        c.error("protected_class", messages::PROTECTED_CLASS);
        ok = false;
    }
    let other = c.text("other_class", limits::OTHER);
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
    let month = match a.get("last_incident_month") {
        None => {
            c.error("last_incident_month", messages::MONTH_MISSING);
            None
        }
        Some(m) => match digits(m) {
            Ok(m) if (1..=12).contains(&m) => Some(m),
            _ => {
                c.error("last_incident_month", messages::MONTH_INVALID);
                None
            }
        },
    };
    let day = match a.get("last_incident_day") {
        None => Some(None),
        Some(d) => match digits(d) {
            Ok(d) if (1..=31).contains(&d) => Some(Some(d)),
            _ => {
                c.error("last_incident_day", messages::DAY_INVALID);
                None
            }
        },
    };
    let year = match a.get("last_incident_year") {
        None => {
            c.error("last_incident_year", messages::YEAR_MISSING);
            None
        }
        Some(y) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
            let y: i32 = y.parse().ok()?;
            if y >= 1900 {
                Some(y)
            } else {
                c.error("last_incident_year", messages::YEAR_INVALID);
                None
            }
        }
        Some(_) => {
            c.error("last_incident_year", messages::YEAR_INVALID);
            None
        }
    };
    let (month, day, year) = (month?, day?, year?);
    if NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1)).is_none() {
        c.error("last_incident_day", messages::DAY_INVALID);
        return None;
    }
    let date = IncidentDate::new(year, month, day, c.context().today);
    if date.is_none() {
        c.error("last_incident_month", messages::DATE_FUTURE);
    }
    date
}

/// Step 6: the description.
pub fn parse_violation_summary(c: &mut Check<'_>) -> Option<String> {
    let text = c.required_text(
        "violation_summary",
        limits::SUMMARY_CHARS,
        messages::SUMMARY,
    )?;
    let words = text.split_whitespace().count();
    if words > limits::SUMMARY_WORDS {
        c.error(
            "violation_summary",
            format!(
                "Please shorten your description to {} words or fewer (it has {words}).",
                limits::SUMMARY_WORDS
            ),
        );
        return None;
    }
    Some(text)
}

/// Checks every step the answers lead to and, when all pass, builds the
/// [`Report`] (intake format web, language English). Returns every problem
/// of every step at once otherwise.
pub fn validate_report(answers: &Answers, ctx: Context<'_>) -> Result<Report, FieldErrors> {
    let mut check = Check::new(answers, ctx);
    for step in form::steps_for(answers) {
        (step.check)(&mut check);
    }
    let errors = check.finish();
    if !errors.is_empty() {
        return Err(errors);
    }
    // Every step passed, so every parser below returns Some; a None here
    // would be a registry that forgot a step, reported as an error anyway.
    let mut c = Check::new(answers, ctx);
    let built = (|| {
        let (contact, servicemember) = parse_contact(&mut c)?;
        let primary = parse_primary_complaint(&mut c)?;
        let location = parse_location(&mut c)?;
        let concern = parse_concern(&mut c, primary)?;
        // Only when its step is part of this form.
        let witness = if form::steps_for(answers).any(|s| s.name == "witness") {
            parse_witness(&mut c)?
        } else {
            None
        };
        let (protected_classes, other_class) = parse_protected_classes(&mut c)?;
        let incident_date = parse_incident_date(&mut c)?;
        let violation_summary = parse_violation_summary(&mut c)?;
        Some(Report {
            contact,
            servicemember,
            concern,
            witness,
            location,
            protected_classes,
            other_class,
            incident_date,
            violation_summary,
            intake_format: IntakeFormat::Web,
            language: "en".into(),
        })
    })();
    built.ok_or_else(|| c.finish())
}

/// The draft answers a [`Report`] corresponds to (for editing and tests).
pub fn answers_of(report: &Report) -> Answers {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let mut put = |k: &'static str, v: Option<&str>| {
        if let Some(v) = v {
            pairs.push((k, v.to_owned()));
        }
    };
    let ct = &report.contact;
    put("contact_first_name", ct.first_name.as_deref());
    put("contact_last_name", ct.last_name.as_deref());
    put("contact_email", ct.email.as_ref().map(Email::as_str));
    put("contact_phone", ct.phone.as_ref().map(Phone::as_str));
    put("contact_address_line_1", ct.address_line_1.as_deref());
    put("contact_address_line_2", ct.address_line_2.as_deref());
    put("contact_city", ct.city.as_deref());
    put("contact_state", ct.state.as_ref().map(StateCode::as_str));
    put("contact_zip", ct.zip.as_ref().map(Zip::as_str));
    put("servicemember", Some(report.servicemember.value()));
    put(
        "primary_complaint",
        Some(report.primary_complaint().value()),
    );
    let l = &report.location;
    put("location_name", Some(&l.name));
    put("location_address_line_1", l.address_line_1.as_deref());
    put("location_address_line_2", l.address_line_2.as_deref());
    put("location_city_town", Some(&l.city_town));
    put("location_state", Some(l.state.as_str()));
    put("location_zipcode", l.zipcode.as_ref().map(Zip::as_str));
    match &report.concern {
        Concern::Workplace {
            employer,
            employer_size,
        } => {
            put("public_or_private_employer", Some(employer.value()));
            put("employer_size", Some(employer_size.value()));
        }
        Concern::Education { school } => put("public_or_private_school", Some(school.value())),
        Concern::Police { facility } => match facility {
            CorrectionalFacility::Inside(t) => {
                put("inside_correctional_facility", Some("inside"));
                put("correctional_facility_type", Some(t.value()));
            }
            CorrectionalFacility::Outside => put("inside_correctional_facility", Some("outside")),
        },
        Concern::Voting { election_details } => {
            put("election_details", election_details.map(|e| e.value()))
        }
        Concern::CommercialOrPublic { place, other_place } => {
            put("commercial_or_public_place", Some(place.value()));
            put("other_commercial_or_public_place", other_place.as_deref());
        }
        Concern::Housing | Concern::SomethingElse => {}
    }
    put("witness", report.witness.map(|w| w.value()));
    for v in &report.protected_classes {
        put("protected_class", Some(v));
    }
    put("other_class", report.other_class.as_deref());
    let d = report.incident_date;
    let (m, y, day) = (
        d.month().to_string(),
        d.year().to_string(),
        d.day().map(|x| x.to_string()),
    );
    put("last_incident_month", Some(&m));
    put("last_incident_day", day.as_deref());
    put("last_incident_year", Some(&y));
    put("violation_summary", Some(&report.violation_summary));
    Answers::from_pairs(pairs)
}

//! Field rules and the problems the public is shown (as codes: the words
//! are the message files'). One parser per step
//! ([`parse_contact`], [`parse_location`] …) is the single home of each rule:
//! the step registry's checks call them and keep what they read, and
//! [`validate_report`] runs the checks of the steps the answers lead to, once,
//! and builds a [`Report`] from what they kept. Nothing here does I/O.
//!
//! The dependencies go one way: this module uses the step registry
//! ([`crate::form`]), which uses the answers, the checker and the parsers
//! re-exported here (they live in a module of their own that knows nothing of
//! the registry); the fields' names and limits are in [`crate::fields`].

use crate::{
    choice::Choice,
    field_rules::Parts,
    fields::names,
    form,
    report::{Concern, CorrectionalFacility, InsideCorrectionalFacility, IntakeFormat, Report},
    values::{Email, Phone, StateCode, Zip},
};

pub use crate::field_rules::{
    Answers, Check, Context, FieldError, FieldErrors, MessageArg, Problem, parse_concern,
    parse_contact, parse_incident_date, parse_location, parse_primary_complaint,
    parse_protected_classes, parse_violation_summary, parse_witness,
};
#[doc(inline)]
pub use crate::fields::limits;

/// Checks every step the answers lead to and, when all pass, builds the
/// [`Report`] (intake format web, language English). Returns every problem
/// of every step at once otherwise. Each step's parser runs once: the
/// report is built from what the step checks kept.
pub fn validate_report(answers: &Answers, ctx: Context<'_>) -> Result<Report, FieldErrors> {
    let mut check = Check::new(answers, ctx);
    for step in form::steps_for(answers) {
        (step.check)(&mut check);
    }
    let (errors, kept) = check.finish_with_parts();
    if !errors.is_empty() {
        return Err(errors);
    }
    build(answers, ctx, kept)
}

/// The report from what the step checks kept. Every step shown passed, so
/// every part is there; a part missing would be a registry that forgot a
/// step: its parser runs now, so that its problems are reported anyway.
fn build(answers: &Answers, ctx: Context<'_>, kept: Parts) -> Result<Report, FieldErrors> {
    let mut c = Check::new(answers, ctx);
    let built = (|| {
        let (contact, servicemember) = kept.contact.or_else(|| parse_contact(&mut c))?;
        let primary = kept
            .primary_complaint
            .or_else(|| parse_primary_complaint(&mut c))?;
        let location = kept.location.or_else(|| parse_location(&mut c))?;
        let concern = kept.concern.or_else(|| parse_concern(&mut c, primary))?;
        // Kept only when its step is part of this form (police reports).
        let witness = kept.witness.flatten();
        let (protected_classes, other_class) = kept
            .protected_classes
            .or_else(|| parse_protected_classes(&mut c))?;
        let incident_date = kept.incident_date.or_else(|| parse_incident_date(&mut c))?;
        let violation_summary = kept
            .violation_summary
            .or_else(|| parse_violation_summary(&mut c))?;
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
            received_date: None,
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
    put(names::CONTACT_FIRST_NAME, ct.first_name.as_deref());
    put(names::CONTACT_LAST_NAME, ct.last_name.as_deref());
    put(names::CONTACT_EMAIL, ct.email.as_ref().map(Email::as_str));
    put(names::CONTACT_PHONE, ct.phone.as_ref().map(Phone::as_str));
    put(names::CONTACT_ADDRESS_LINE_1, ct.address_line_1.as_deref());
    put(names::CONTACT_ADDRESS_LINE_2, ct.address_line_2.as_deref());
    put(names::CONTACT_CITY, ct.city.as_deref());
    put(
        names::CONTACT_STATE,
        ct.state.as_ref().map(StateCode::as_str),
    );
    put(names::CONTACT_ZIP, ct.zip.as_ref().map(Zip::as_str));
    put(names::SERVICEMEMBER, Some(report.servicemember.value()));
    put(
        names::PRIMARY_COMPLAINT,
        Some(report.primary_complaint().value()),
    );
    let l = &report.location;
    put(names::LOCATION_NAME, Some(&l.name));
    put(names::LOCATION_ADDRESS_LINE_1, l.address_line_1.as_deref());
    put(names::LOCATION_ADDRESS_LINE_2, l.address_line_2.as_deref());
    put(names::LOCATION_CITY_TOWN, Some(&l.city_town));
    put(names::LOCATION_STATE, Some(l.state.as_str()));
    put(names::LOCATION_ZIPCODE, l.zipcode.as_ref().map(Zip::as_str));
    match &report.concern {
        Concern::Workplace {
            employer,
            employer_size,
        } => {
            put(names::PUBLIC_OR_PRIVATE_EMPLOYER, Some(employer.value()));
            put(names::EMPLOYER_SIZE, Some(employer_size.value()));
        }
        Concern::Education { school } => put(names::PUBLIC_OR_PRIVATE_SCHOOL, Some(school.value())),
        Concern::Police { facility } => match facility {
            CorrectionalFacility::Inside(t) => {
                put(
                    names::INSIDE_CORRECTIONAL_FACILITY,
                    Some(InsideCorrectionalFacility::Inside.value()),
                );
                put(names::CORRECTIONAL_FACILITY_TYPE, Some(t.value()));
            }
            CorrectionalFacility::Outside => put(
                names::INSIDE_CORRECTIONAL_FACILITY,
                Some(InsideCorrectionalFacility::Outside.value()),
            ),
        },
        Concern::Voting { election_details } => {
            put(names::ELECTION_DETAILS, election_details.map(|e| e.value()))
        }
        Concern::CommercialOrPublic { place, other_place } => {
            put(names::COMMERCIAL_OR_PUBLIC_PLACE, Some(place.value()));
            put(
                names::OTHER_COMMERCIAL_OR_PUBLIC_PLACE,
                other_place.as_deref(),
            );
        }
        Concern::Housing | Concern::SomethingElse => {}
    }
    put(names::WITNESS, report.witness.map(|w| w.value()));
    for v in &report.protected_classes {
        put(names::PROTECTED_CLASS, Some(v));
    }
    put(names::OTHER_CLASS, report.other_class.as_deref());
    let d = report.incident_date;
    let (m, y, day) = (
        d.month().to_string(),
        d.year().to_string(),
        d.day().map(|x| x.to_string()),
    );
    put(names::LAST_INCIDENT_MONTH, Some(&m));
    put(names::LAST_INCIDENT_DAY, day.as_deref());
    put(names::LAST_INCIDENT_YEAR, Some(&y));
    put(names::VIOLATION_SUMMARY, Some(&report.violation_summary));
    Answers::from_pairs(pairs)
}

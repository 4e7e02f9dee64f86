//! Between rows and domain types. Reading back is strict: a stored value the
//! domain no longer knows is reported as `Corrupt`, never guessed.

use std::str::FromStr;

use crt_domain::{
    choice::Choice,
    fields::names,
    ports::RepositoryError,
    report::{
        Concern, Contact, CorrectionalFacility, IncidentDate, InsideCorrectionalFacility, Location,
        PrimaryComplaint, Report, ReportId, ReportRecord, StaffFields,
    },
    values::{Email, Phone, PublicId, StateCode, Zip},
};
use sea_orm::ActiveValue::Set;

use crate::entities::report;

fn corrupt(id: i64, what: impl std::fmt::Display) -> RepositoryError {
    RepositoryError::Corrupt(format!("report {id}: {what}"))
}

fn parse<T: FromStr>(id: i64, field: &str, v: &str) -> Result<T, RepositoryError> {
    v.parse()
        .map_err(|_not_parsed| corrupt(id, format!("{field} = {v:?}")))
}

fn parse_opt<T: FromStr>(
    id: i64,
    field: &str,
    v: &Option<String>,
) -> Result<Option<T>, RepositoryError> {
    v.as_deref().map(|v| parse(id, field, v)).transpose()
}

fn newtype<T, E>(
    id: i64,
    field: &str,
    v: &Option<String>,
    f: fn(&str) -> Result<T, E>,
) -> Result<Option<T>, RepositoryError> {
    v.as_deref()
        .map(|s| f(s).map_err(|_not_valid| corrupt(id, format!("{field} = {s:?}"))))
        .transpose()
}

fn required<T>(id: i64, field: &str, v: Option<T>) -> Result<T, RepositoryError> {
    v.ok_or_else(|| corrupt(id, format!("{field} is missing")))
}

/// The columns of a new report row (id and timestamps set by the caller).
pub(crate) fn new_row(report: &Report, staff: &StaffFields, suffix: &str) -> report::ActiveModel {
    let c = &report.contact;
    let l = &report.location;
    let s = |v: &Option<String>| v.clone();
    let mut row = report::ActiveModel {
        public_id_suffix: Set(suffix.to_owned()),
        contact_first_name: Set(s(&c.first_name)),
        contact_last_name: Set(s(&c.last_name)),
        contact_email: Set(c.email.as_ref().map(|v| v.as_str().to_owned())),
        contact_phone: Set(c.phone.as_ref().map(|v| v.as_str().to_owned())),
        contact_address_line_1: Set(s(&c.address_line_1)),
        contact_address_line_2: Set(s(&c.address_line_2)),
        contact_city: Set(s(&c.city)),
        contact_state: Set(c.state.as_ref().map(|v| v.as_str().to_owned())),
        contact_zip: Set(c.zip.as_ref().map(|v| v.as_str().to_owned())),
        servicemember: Set(report.servicemember.value().to_owned()),
        primary_complaint: Set(report.primary_complaint().value().to_owned()),
        location_name: Set(l.name.clone()),
        location_address_line_1: Set(s(&l.address_line_1)),
        location_address_line_2: Set(s(&l.address_line_2)),
        location_city_town: Set(l.city_town.clone()),
        location_state: Set(l.state.as_str().to_owned()),
        location_zipcode: Set(l.zipcode.as_ref().map(|v| v.as_str().to_owned())),
        public_or_private_employer: Set(None),
        employer_size: Set(None),
        inside_correctional_facility: Set(None),
        correctional_facility_type: Set(None),
        commercial_or_public_place: Set(None),
        other_commercial_or_public_place: Set(None),
        public_or_private_school: Set(None),
        election_details: Set(None),
        witness: Set(report.witness.map(|w| w.value().to_owned())),
        other_class: Set(s(&report.other_class)),
        last_incident_month: Set(report.incident_date.month() as i32),
        last_incident_day: Set(report.incident_date.day().map(|d| d as i32)),
        last_incident_year: Set(report.incident_date.year()),
        violation_summary: Set(report.violation_summary.clone()),
        intake_format: Set(report.intake_format.value().to_owned()),
        language: Set(report.language.clone()),
        received_date: Set(report.received_date),
        description_key: Set(crt_domain::repeat_writers::description_key(
            &report.violation_summary,
        )),
        ..Default::default()
    };
    let v = |x: &'static str| Set(Some(x.to_owned()));
    match &report.concern {
        Concern::Workplace {
            employer,
            employer_size,
        } => {
            row.public_or_private_employer = v(employer.value());
            row.employer_size = v(employer_size.value());
        }
        Concern::Education { school } => row.public_or_private_school = v(school.value()),
        Concern::Police { facility } => match facility {
            CorrectionalFacility::Inside(t) => {
                row.inside_correctional_facility = v(InsideCorrectionalFacility::Inside.value());
                row.correctional_facility_type = v(t.value());
            }
            CorrectionalFacility::Outside => {
                row.inside_correctional_facility = v(InsideCorrectionalFacility::Outside.value())
            }
        },
        Concern::Voting { election_details } => {
            row.election_details = Set(election_details.map(|e| e.value().to_owned()))
        }
        Concern::CommercialOrPublic { place, other_place } => {
            row.commercial_or_public_place = v(place.value());
            row.other_commercial_or_public_place = Set(other_place.clone());
        }
        Concern::Housing | Concern::SomethingElse => {}
    }
    set_staff(&mut row, staff);
    row
}

/// Sets the staff columns of a row.
pub(crate) fn set_staff(row: &mut report::ActiveModel, staff: &StaffFields) {
    row.assigned_section = Set(staff.assigned_section.value().to_owned());
    row.routing_explanation = Set(staff.routing_explanation.clone());
    row.status = Set(staff.status.value().to_owned());
    row.assigned_to = Set(staff.assigned_to.clone());
    row.primary_statute = Set(staff.primary_statute.clone());
    row.district = Set(staff.district.clone());
    row.dj_number = Set(staff.dj_number.clone());
    row.referred = Set(staff.referred);
    row.litigation_hold = Set(staff.litigation_hold);
    row.summary = Set(staff.summary.clone());
    row.viewed = Set(staff.viewed);
    row.closed_date = Set(staff.closed_date);
    row.retention_schedule = Set(staff.retention_schedule.clone());
}

/// A stored row and its protected-class values (in form order) as a record.
pub(crate) fn to_record(
    m: report::Model,
    classes: Vec<String>,
) -> Result<ReportRecord, RepositoryError> {
    let id = m.id;
    let primary: PrimaryComplaint = parse(id, names::PRIMARY_COMPLAINT, &m.primary_complaint)?;
    let concern = match primary {
        PrimaryComplaint::Workplace => Concern::Workplace {
            employer: required(
                id,
                names::PUBLIC_OR_PRIVATE_EMPLOYER,
                parse_opt(
                    id,
                    names::PUBLIC_OR_PRIVATE_EMPLOYER,
                    &m.public_or_private_employer,
                )?,
            )?,
            employer_size: required(
                id,
                names::EMPLOYER_SIZE,
                parse_opt(id, names::EMPLOYER_SIZE, &m.employer_size)?,
            )?,
        },
        PrimaryComplaint::Housing => Concern::Housing,
        PrimaryComplaint::Education => Concern::Education {
            school: required(
                id,
                names::PUBLIC_OR_PRIVATE_SCHOOL,
                parse_opt(
                    id,
                    names::PUBLIC_OR_PRIVATE_SCHOOL,
                    &m.public_or_private_school,
                )?,
            )?,
        },
        PrimaryComplaint::Police => {
            let inside: InsideCorrectionalFacility = required(
                id,
                names::INSIDE_CORRECTIONAL_FACILITY,
                parse_opt(
                    id,
                    names::INSIDE_CORRECTIONAL_FACILITY,
                    &m.inside_correctional_facility,
                )?,
            )?;
            let facility = match inside {
                InsideCorrectionalFacility::Inside => CorrectionalFacility::Inside(required(
                    id,
                    names::CORRECTIONAL_FACILITY_TYPE,
                    parse_opt(
                        id,
                        names::CORRECTIONAL_FACILITY_TYPE,
                        &m.correctional_facility_type,
                    )?,
                )?),
                InsideCorrectionalFacility::Outside => CorrectionalFacility::Outside,
            };
            Concern::Police { facility }
        }
        PrimaryComplaint::Voting => Concern::Voting {
            election_details: parse_opt(id, names::ELECTION_DETAILS, &m.election_details)?,
        },
        PrimaryComplaint::CommercialOrPublic => Concern::CommercialOrPublic {
            place: required(
                id,
                names::COMMERCIAL_OR_PUBLIC_PLACE,
                parse_opt(
                    id,
                    names::COMMERCIAL_OR_PUBLIC_PLACE,
                    &m.commercial_or_public_place,
                )?,
            )?,
            other_place: m.other_commercial_or_public_place.clone(),
        },
        PrimaryComplaint::SomethingElse => Concern::SomethingElse,
    };
    let incident_date = IncidentDate::from_stored(
        m.last_incident_year,
        u32::try_from(m.last_incident_month)
            .map_err(|_out_of_range| corrupt(id, names::LAST_INCIDENT_MONTH))?,
        m.last_incident_day
            .map(u32::try_from)
            .transpose()
            .map_err(|_out_of_range| corrupt(id, names::LAST_INCIDENT_DAY))?,
    )
    .ok_or_else(|| corrupt(id, "incident date does not exist"))?;
    let report = Report {
        contact: Contact {
            first_name: m.contact_first_name,
            last_name: m.contact_last_name,
            email: newtype(id, names::CONTACT_EMAIL, &m.contact_email, Email::parse)?,
            phone: newtype(id, names::CONTACT_PHONE, &m.contact_phone, Phone::parse)?,
            address_line_1: m.contact_address_line_1,
            address_line_2: m.contact_address_line_2,
            city: m.contact_city,
            state: newtype(id, names::CONTACT_STATE, &m.contact_state, StateCode::parse)?,
            zip: newtype(id, names::CONTACT_ZIP, &m.contact_zip, Zip::parse)?,
        },
        servicemember: parse(id, names::SERVICEMEMBER, &m.servicemember)?,
        concern,
        witness: parse_opt(id, names::WITNESS, &m.witness)?,
        location: Location {
            name: m.location_name,
            address_line_1: m.location_address_line_1,
            address_line_2: m.location_address_line_2,
            city_town: m.location_city_town,
            state: StateCode::parse(&m.location_state)
                .map_err(|_not_a_state| corrupt(id, names::LOCATION_STATE))?,
            zipcode: newtype(id, names::LOCATION_ZIPCODE, &m.location_zipcode, Zip::parse)?,
        },
        protected_classes: classes,
        other_class: m.other_class,
        incident_date,
        violation_summary: m.violation_summary,
        intake_format: parse(id, "intake_format", &m.intake_format)?,
        language: m.language,
        received_date: m.received_date,
    };
    let staff = StaffFields {
        assigned_section: parse(id, "assigned_section", &m.assigned_section)?,
        routing_explanation: m.routing_explanation,
        status: parse(id, "status", &m.status)?,
        assigned_to: m.assigned_to,
        primary_statute: m.primary_statute,
        district: m.district,
        dj_number: m.dj_number,
        referred: m.referred,
        litigation_hold: m.litigation_hold,
        summary: m.summary,
        viewed: m.viewed,
        closed_date: m.closed_date,
        retention_schedule: m.retention_schedule,
        disposed_at: m.disposed_at,
        // Filled by the callers that read a report's tags.
        tags: Vec::new(),
    };
    Ok(ReportRecord {
        id: ReportId(id),
        public_id: PublicId::from_parts(id, &m.public_id_suffix)
            .map_err(|_bad_letters| corrupt(id, "public_id_suffix"))?,
        report,
        staff,
        create_date: m.create_date,
        modified_date: m.modified_date,
        version: m.version,
        repeat_writer: m.repeat_writer,
    })
}

//! The report: what a member of the public told us (validated), plus what
//! staff add while working it. Pure data and the enumerations of DOMAIN.md;
//! validation lives in `validation`, routing in `routing`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    choice::choice_enum,
    values::{Email, Phone, PublicId, StateCode, Zip},
};

choice_enum! {
    /// The primary concern chosen on step 2.
    pub enum PrimaryComplaint {
        /// Employment.
        Workplace = ("workplace", "Workplace discrimination or other employment-related problem"),
        /// Housing.
        Housing = ("housing", "Housing discrimination or harassment"),
        /// Education.
        Education = ("education", "Discrimination at a school, educational program or service, or related to receiving education"),
        /// Police, correctional staff or inmates.
        Police = ("police", "Mistreated by police, correctional staff, or inmates"),
        /// Voting.
        Voting = ("voting", "Voting rights or ability to vote affected"),
        /// A commercial location or public place.
        CommercialOrPublic = ("commercial_or_public", "Discriminated against in a commercial location or public place"),
        /// Anything else.
        SomethingElse = ("something_else", "Something else happened"),
    }
}

choice_enum! {
    /// A section of the Civil Rights Division.
    pub enum Section {
        /// Second Amendment Rights.
        SecondAmendment = ("2AS", "Second Amendment Rights"),
        /// Administrative.
        Administrative = ("ADM", "Administrative"),
        /// Appellate.
        Appellate = ("APP", "Appellate"),
        /// Criminal.
        Criminal = ("CRM", "Criminal"),
        /// Disability Rights.
        DisabilityRights = ("DRS", "Disability Rights"),
        /// Employment Litigation.
        EmploymentLitigation = ("ELS", "Employment Litigation"),
        /// Educational Opportunities.
        EducationalOpportunities = ("EOS", "Educational Opportunities"),
        /// Federal Coordination and Compliance.
        FederalCoordination = ("FCS", "Federal Coordination and Compliance"),
        /// Housing and Civil Enforcement.
        HousingAndCivilEnforcement = ("HCE", "Housing and Civil Enforcement"),
        /// Immigrant and Employee Rights.
        ImmigrantAndEmployeeRights = ("IER", "Immigrant and Employee Rights"),
        /// Policy.
        Policy = ("POL", "Policy"),
        /// Special Litigation.
        SpecialLitigation = ("SPL", "Special Litigation"),
        /// Voting.
        Voting = ("VOT", "Voting"),
    }
}

choice_enum! {
    /// Where a report is in its life: new → open → closed.
    pub enum Status {
        /// Not yet worked.
        New = ("new", "New"),
        /// Being worked.
        Open = ("open", "Open"),
        /// Done.
        Closed = ("closed", "Closed"),
    }
}

choice_enum! {
    /// How a report reached the Division.
    pub enum IntakeFormat {
        /// The public web form.
        Web = ("web", "Web"),
        /// A letter.
        Letter = ("letter", "Letter"),
        /// A phone call.
        Phone = ("phone", "Phone"),
        /// A fax.
        Fax = ("fax", "Fax"),
        /// An e-mail.
        Email = ("email", "Email"),
    }
}

choice_enum! {
    /// A yes/no answer (servicemember).
    pub enum YesNo {
        /// Yes.
        Yes = ("yes", "Yes"),
        /// No.
        No = ("no", "No"),
    }
}

choice_enum! {
    /// Workplace: the kind of employer.
    pub enum PublicOrPrivateEmployer {
        /// A government employer.
        Public = ("public_employer", "Public employer"),
        /// A private employer.
        Private = ("private_employer", "Private employer"),
        /// The person does not know.
        NotSure = ("not_sure", "I'm not sure"),
    }
}

choice_enum! {
    /// Workplace: how many employees the employer has.
    pub enum EmployerSize {
        /// 14 or fewer employees.
        FourteenOrLess = ("14_or_less", "Fewer than 15 employees"),
        /// 15 or more employees.
        FifteenOrMore = ("15_or_more", "15 or more employees"),
        /// The person does not know.
        NotSure = ("not_sure", "I'm not sure"),
    }
}

choice_enum! {
    /// Police: did it happen inside a correctional facility?
    pub enum InsideCorrectionalFacility {
        /// Inside a prison, jail or similar.
        Inside = ("inside", "Yes"),
        /// Outside.
        Outside = ("outside", "No"),
    }
}

choice_enum! {
    /// Police, inside: the kind of correctional facility.
    pub enum CorrectionalFacilityType {
        /// State or local.
        StateLocal = ("state_local", "State or local"),
        /// Federal.
        Federal = ("federal", "Federal"),
        /// Privately run.
        Private = ("private", "Private"),
        /// The person does not know.
        NotSure = ("not_sure", "I'm not sure"),
    }
}

choice_enum! {
    /// Commercial or public place: the kind of place.
    pub enum CommercialOrPublicPlace {
        /// Place of worship.
        PlaceOfWorship = ("place_of_worship", "Place of worship or about a place of worship"),
        /// Store, restaurant, bar, hotel or theater.
        Store = ("store", "Store, restaurant, bar, hotel, or theater"),
        /// Health care facility.
        Healthcare = ("healthcare", "Health care facility like a hospital or clinic"),
        /// Bank or financial institution.
        Financial = ("financial", "Bank or other financial institution"),
        /// Public space.
        PublicSpace = ("public_space", "Public space like a park, street, or government building"),
        /// Somewhere else (explained in other_commercial_or_public_place).
        Other = ("other", "Other"),
    }
}

choice_enum! {
    /// Education: the kind of school.
    pub enum PublicOrPrivateSchool {
        /// A public school or program.
        Public = ("public", "Public school or educational program"),
        /// A private school or program.
        Private = ("private", "Private school or educational program"),
        /// The person does not know.
        NotSure = ("not_sure", "I'm not sure"),
    }
}

choice_enum! {
    /// Voting: which election (optional).
    pub enum ElectionDetails {
        /// A federal election.
        Federal = ("federal", "Federal election (presidential or congressional)"),
        /// A state or local election.
        StateLocal = ("state_local", "State or local election (governor, mayor, school board)"),
        /// Both kinds on one ballot.
        Both = ("both", "Both federal and state/local"),
        /// The person does not know.
        Unknown = ("unknown", "I'm not sure"),
    }
}

choice_enum! {
    /// Police reports: the person's role (an optional step, added through
    /// the step registry as the worked example in docs/adding-a-form-step.md).
    pub enum WitnessOrHarmed {
        /// It happened to the person filing.
        Harmed = ("harmed", "I was the person harmed"),
        /// The person filing saw it happen to someone else.
        Witness = ("witness", "I saw it happen to someone else"),
    }
}

/// How to reach the person who filed (every part optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// contact_first_name
    pub first_name: Option<String>,
    /// contact_last_name
    pub last_name: Option<String>,
    /// contact_email
    pub email: Option<Email>,
    /// contact_phone
    pub phone: Option<Phone>,
    /// contact_address_line_1
    pub address_line_1: Option<String>,
    /// contact_address_line_2
    pub address_line_2: Option<String>,
    /// contact_city
    pub city: Option<String>,
    /// contact_state
    pub state: Option<StateCode>,
    /// contact_zip
    pub zip: Option<Zip>,
}

/// Police reports: inside a correctional facility (with its type) or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectionalFacility {
    /// Inside a facility of this type.
    Inside(CorrectionalFacilityType),
    /// Not inside a correctional facility.
    Outside,
}

/// The primary concern together with the extra location questions it asks.
/// Keeping both in one enum makes a mismatch (a school type on a housing
/// report) impossible to represent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Concern {
    /// workplace
    Workplace {
        /// public_or_private_employer
        employer: PublicOrPrivateEmployer,
        /// employer_size
        employer_size: EmployerSize,
    },
    /// housing
    Housing,
    /// education
    Education {
        /// public_or_private_school
        school: PublicOrPrivateSchool,
    },
    /// police
    Police {
        /// inside_correctional_facility and correctional_facility_type
        facility: CorrectionalFacility,
    },
    /// voting
    Voting {
        /// election_details (optional)
        election_details: Option<ElectionDetails>,
    },
    /// commercial_or_public
    CommercialOrPublic {
        /// commercial_or_public_place
        place: CommercialOrPublicPlace,
        /// other_commercial_or_public_place
        other_place: Option<String>,
    },
    /// something_else
    SomethingElse,
}

impl Concern {
    /// The primary concern this answer belongs to.
    pub fn primary_complaint(&self) -> PrimaryComplaint {
        match self {
            Concern::Workplace { .. } => PrimaryComplaint::Workplace,
            Concern::Housing => PrimaryComplaint::Housing,
            Concern::Education { .. } => PrimaryComplaint::Education,
            Concern::Police { .. } => PrimaryComplaint::Police,
            Concern::Voting { .. } => PrimaryComplaint::Voting,
            Concern::CommercialOrPublic { .. } => PrimaryComplaint::CommercialOrPublic,
            Concern::SomethingElse => PrimaryComplaint::SomethingElse,
        }
    }
}

/// Where it happened (the questions every location variant asks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// location_name (required)
    pub name: String,
    /// location_address_line_1
    pub address_line_1: Option<String>,
    /// location_address_line_2
    pub address_line_2: Option<String>,
    /// location_city_town (required)
    pub city_town: String,
    /// location_state (required)
    pub state: StateCode,
    /// location_zipcode
    pub zipcode: Option<Zip>,
}

/// When it last happened. The day is optional (blank counts as the 1st).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentDate {
    year: i32,
    month: u32,
    day: Option<u32>,
}

impl IncidentDate {
    /// A date that exists in the calendar and is not after `today`.
    /// Returns `None` otherwise; `validation` gives the person the reasons.
    pub fn new(year: i32, month: u32, day: Option<u32>, today: NaiveDate) -> Option<Self> {
        let date = NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1))?;
        (year >= 1900 && date <= today).then_some(Self { year, month, day })
    }
    /// Rebuild a stored date without the "not in the future" check (it was
    /// checked when filed).
    pub fn from_stored(year: i32, month: u32, day: Option<u32>) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1))?;
        Some(Self { year, month, day })
    }
    /// last_incident_year
    pub fn year(&self) -> i32 {
        self.year
    }
    /// last_incident_month (1–12)
    pub fn month(&self) -> u32 {
        self.month
    }
    /// last_incident_day, if given
    pub fn day(&self) -> Option<u32> {
        self.day
    }
    /// The calendar date (the 1st when no day was given).
    pub fn date(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN) // unreachable: checked in the constructors
    }
}

/// What a member of the public (or staff at intake) told us, validated.
/// Build one with [`crate::validation::validate_report`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Step 1.
    pub contact: Contact,
    /// servicemember (required)
    pub servicemember: YesNo,
    /// Steps 2 and 3 (variant part).
    pub concern: Concern,
    /// witness (police reports only; optional).
    pub witness: Option<WitnessOrHarmed>,
    /// Step 3 (common part).
    pub location: Location,
    /// protected_class: stored values, in form order.
    pub protected_classes: Vec<String>,
    /// other_class
    pub other_class: Option<String>,
    /// Step 5.
    pub incident_date: IncidentDate,
    /// violation_summary
    pub violation_summary: String,
    /// intake_format
    pub intake_format: IntakeFormat,
    /// language (BCP 47 tag, "en" for now)
    pub language: String,
}

impl Report {
    /// The primary concern (step 2).
    pub fn primary_complaint(&self) -> PrimaryComplaint {
        self.concern.primary_complaint()
    }
    /// Whether the given protected-class value was chosen.
    pub fn has_class(&self, value: &str) -> bool {
        self.protected_classes.iter().any(|v| v == value)
    }
}

/// Database id of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReportId(pub i64);

/// What staff add while working a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFields {
    /// assigned_section
    pub assigned_section: Section,
    /// Why routing chose the section (shown on the detail page).
    pub routing_explanation: String,
    /// status
    pub status: Status,
    /// assigned_to (a staff username)
    pub assigned_to: Option<String>,
    /// primary_statute (a code of data/primary_statutes.csv)
    pub primary_statute: Option<String>,
    /// district (a code of data/judicial_districts.csv)
    pub district: Option<String>,
    /// dj_number
    pub dj_number: Option<String>,
    /// referred (secondary review)
    pub referred: bool,
    /// litigation_hold
    pub litigation_hold: bool,
    /// summary (the latest staff summary)
    pub summary: Option<String>,
    /// viewed
    pub viewed: bool,
    /// closed_date
    pub closed_date: Option<DateTime<Utc>>,
}

impl StaffFields {
    /// The staff fields of a report just filed and routed to `section`.
    pub fn new_report(section: Section, routing_explanation: String) -> Self {
        Self {
            assigned_section: section,
            routing_explanation,
            status: Status::New,
            assigned_to: None,
            primary_statute: None,
            district: None,
            dj_number: None,
            referred: false,
            litigation_hold: false,
            summary: None,
            viewed: false,
            closed_date: None,
        }
    }
}

/// A stored report: its id, public id, answers and staff fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRecord {
    /// Database id.
    pub id: ReportId,
    /// The record number the public sees.
    pub public_id: PublicId,
    /// The answers.
    pub report: Report,
    /// The staff fields.
    pub staff: StaffFields,
    /// create_date
    pub create_date: DateTime<Utc>,
    /// modified_date
    pub modified_date: DateTime<Utc>,
    /// Incremented by every update; used to detect concurrent edits.
    pub version: i32,
}

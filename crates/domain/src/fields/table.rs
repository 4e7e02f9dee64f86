//! The table of every field of the public form.

use super::{Field, FieldKind, limits, names};
use crate::{
    choice::Choice,
    reference,
    report::{
        CommercialOrPublicPlace, CorrectionalFacilityType, ElectionDetails, EmployerSize,
        InsideCorrectionalFacility, PrimaryComplaint, PublicOrPrivateEmployer,
        PublicOrPrivateSchool, WitnessOrHarmed, YesNo,
    },
};

fn choices<C: Choice>() -> Vec<(&'static str, &'static str)> {
    C::ALL.iter().map(|c| (c.value(), c.label())).collect()
}

fn states() -> Vec<(&'static str, &'static str)> {
    reference::states().to_vec()
}

fn months() -> Vec<(&'static str, &'static str)> {
    vec![
        ("1", "01 - January"),
        ("2", "02 - February"),
        ("3", "03 - March"),
        ("4", "04 - April"),
        ("5", "05 - May"),
        ("6", "06 - June"),
        ("7", "07 - July"),
        ("8", "08 - August"),
        ("9", "09 - September"),
        ("10", "10 - October"),
        ("11", "11 - November"),
        ("12", "12 - December"),
    ]
}

const fn text(
    name: &'static str,
    label: &'static str,
    max: usize,
    autocomplete: &'static str,
) -> Field {
    Field {
        name,
        label,
        hint: "",
        kind: FieldKind::Text {
            max,
            input_type: "text",
            autocomplete,
            numeric: false,
        },
        required: false,
    }
}

/// Every field of the public form.
pub static FIELDS: &[Field] = &[
    text(
        names::CONTACT_FIRST_NAME,
        "First name",
        limits::SHORT,
        "given-name",
    ),
    text(
        names::CONTACT_LAST_NAME,
        "Last name",
        limits::SHORT,
        "family-name",
    ),
    Field {
        kind: FieldKind::Text {
            max: limits::SHORT,
            input_type: "email",
            autocomplete: "email",
            numeric: false,
        },
        ..text(
            names::CONTACT_EMAIL,
            "Email address",
            limits::SHORT,
            "email",
        )
    },
    Field {
        hint: "Include the country code for an international number.",
        kind: FieldKind::Text {
            max: limits::SHORT,
            input_type: "tel",
            autocomplete: "tel",
            numeric: false,
        },
        ..text(names::CONTACT_PHONE, "Phone number", limits::SHORT, "tel")
    },
    text(
        names::CONTACT_ADDRESS_LINE_1,
        "Street address",
        limits::SHORT,
        "address-line1",
    ),
    text(
        names::CONTACT_ADDRESS_LINE_2,
        "Street address line 2",
        limits::SHORT,
        "address-line2",
    ),
    text(names::CONTACT_CITY, "City", limits::CITY, "address-level2"),
    Field {
        kind: FieldKind::Select(states),
        ..text(names::CONTACT_STATE, "State", 2, "address-level1")
    },
    Field {
        kind: FieldKind::Text {
            max: limits::ZIP,
            input_type: "text",
            autocomplete: "postal-code",
            numeric: true,
        },
        ..text(names::CONTACT_ZIP, "ZIP code", limits::ZIP, "postal-code")
    },
    Field {
        name: names::SERVICEMEMBER,
        label: "Are you now or have you ever been an active duty service member?",
        hint: "",
        kind: FieldKind::Radio(choices::<YesNo>),
        required: true,
    },
    Field {
        name: names::PRIMARY_COMPLAINT,
        label: "What is your primary reason for contacting the Civil Rights Division?",
        hint: "Choose the one that best describes what happened. You can describe more later.",
        kind: FieldKind::Radio(choices::<PrimaryComplaint>),
        required: true,
    },
    Field {
        required: true,
        ..text(
            names::LOCATION_NAME,
            "Organization name",
            limits::SHORT,
            "organization",
        )
    },
    text(
        names::LOCATION_ADDRESS_LINE_1,
        "Street address",
        limits::SHORT,
        "off",
    ),
    text(
        names::LOCATION_ADDRESS_LINE_2,
        "Street address line 2",
        limits::SHORT,
        "off",
    ),
    Field {
        required: true,
        ..text(
            names::LOCATION_CITY_TOWN,
            "City or town",
            limits::CITY,
            "off",
        )
    },
    Field {
        required: true,
        kind: FieldKind::Select(states),
        ..text(names::LOCATION_STATE, "State", 2, "off")
    },
    Field {
        kind: FieldKind::Text {
            max: limits::ZIP,
            input_type: "text",
            autocomplete: "off",
            numeric: true,
        },
        ..text(names::LOCATION_ZIPCODE, "ZIP code", limits::ZIP, "off")
    },
    Field {
        name: names::PUBLIC_OR_PRIVATE_EMPLOYER,
        label: "Was this a public or private employer?",
        hint: "Public employers are government agencies, offices and schools.",
        kind: FieldKind::Radio(choices::<PublicOrPrivateEmployer>),
        required: true,
    },
    Field {
        name: names::EMPLOYER_SIZE,
        label: "How many employees does this employer have?",
        hint: "",
        kind: FieldKind::Radio(choices::<EmployerSize>),
        required: true,
    },
    Field {
        name: names::INSIDE_CORRECTIONAL_FACILITY,
        label: "Did this happen while in a prison, jail, or other correctional facility?",
        hint: "",
        kind: FieldKind::Radio(choices::<InsideCorrectionalFacility>),
        required: true,
    },
    Field {
        name: names::CORRECTIONAL_FACILITY_TYPE,
        label: "What type of correctional facility?",
        hint: "Answer only if it happened inside a correctional facility.",
        kind: FieldKind::Radio(choices::<CorrectionalFacilityType>),
        required: false,
    },
    Field {
        name: names::COMMERCIAL_OR_PUBLIC_PLACE,
        label: "What kind of location was this?",
        hint: "",
        kind: FieldKind::Radio(choices::<CommercialOrPublicPlace>),
        required: true,
    },
    Field {
        name: names::OTHER_COMMERCIAL_OR_PUBLIC_PLACE,
        label: "If you chose \"Other\", what kind of location was it?",
        hint: "",
        kind: FieldKind::Text {
            max: limits::OTHER,
            input_type: "text",
            autocomplete: "off",
            numeric: false,
        },
        required: false,
    },
    Field {
        name: names::PUBLIC_OR_PRIVATE_SCHOOL,
        label: "Did this happen at a public or private school or educational program?",
        hint: "",
        kind: FieldKind::Radio(choices::<PublicOrPrivateSchool>),
        required: true,
    },
    Field {
        name: names::WITNESS,
        label: "Were you the person harmed, or did you see it happen to someone else?",
        hint: "Optional.",
        kind: FieldKind::Radio(choices::<WitnessOrHarmed>),
        required: false,
    },
    Field {
        name: names::ELECTION_DETAILS,
        label: "What kind of election or voting activity was this related to?",
        hint: "Optional.",
        kind: FieldKind::Radio(choices::<ElectionDetails>),
        required: false,
    },
    Field {
        name: names::PROTECTED_CLASS,
        label: "Do you believe any of these personal characteristics influenced why you were treated this way?",
        hint: "Select all that apply.",
        kind: FieldKind::ProtectedClasses,
        required: true,
    },
    Field {
        name: names::OTHER_CLASS,
        label: "If you chose \"Other reason\", please explain",
        hint: "",
        kind: FieldKind::Text {
            max: limits::OTHER,
            input_type: "text",
            autocomplete: "off",
            numeric: false,
        },
        required: false,
    },
    Field {
        required: true,
        kind: FieldKind::Select(months),
        ..text(names::LAST_INCIDENT_MONTH, "Month", 2, "off")
    },
    Field {
        hint: "Optional.",
        kind: FieldKind::Text {
            max: 2,
            input_type: "text",
            autocomplete: "off",
            numeric: true,
        },
        ..text(names::LAST_INCIDENT_DAY, "Day", 2, "off")
    },
    Field {
        required: true,
        kind: FieldKind::Text {
            max: 4,
            input_type: "text",
            autocomplete: "off",
            numeric: true,
        },
        ..text(names::LAST_INCIDENT_YEAR, "Year", 4, "off")
    },
    Field {
        name: names::VIOLATION_SUMMARY,
        label: "In your own words, describe what happened",
        hint: "Include who was involved, what they did, where and when it happened. At most 500 words.",
        kind: FieldKind::TextArea {
            max: limits::SUMMARY_CHARS,
        },
        required: true,
    },
];

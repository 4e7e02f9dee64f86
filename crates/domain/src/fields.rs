//! What each field of the public form is to a person: its label, hint and
//! kind of input. One entry per field name; the web layer renders inputs,
//! the review page and the staff view from this table, so a label is
//! written once. A test checks that every field a step asks has an entry.

use crate::{
    choice::Choice,
    reference,
    report::{
        CommercialOrPublicPlace, CorrectionalFacilityType, ElectionDetails, EmployerSize,
        InsideCorrectionalFacility, PrimaryComplaint, PublicOrPrivateEmployer,
        PublicOrPrivateSchool, WitnessOrHarmed, YesNo,
    },
    validation::limits,
};

/// A list of (value, label) pairs for a choice field.
pub type Options = fn() -> Vec<(&'static str, &'static str)>;

/// How a field is asked.
#[derive(Clone, Copy, Debug)]
pub enum FieldKind {
    /// A one-line text box.
    Text {
        /// Most characters accepted.
        max: usize,
        /// HTML input type (text, email, tel).
        input_type: &'static str,
        /// HTML autocomplete token ("off" when none fits).
        autocomplete: &'static str,
        /// Numeric keyboard on phones.
        numeric: bool,
    },
    /// A multi-line text box.
    TextArea {
        /// Most characters accepted.
        max: usize,
    },
    /// A drop-down list.
    Select(Options),
    /// Radio buttons (one answer).
    Radio(Options),
    /// The protected-class checkboxes (options come from the catalog).
    ProtectedClasses,
}

/// One field of the public form.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// Input name (also the column and JSON name).
    pub name: &'static str,
    /// The question or label.
    pub label: &'static str,
    /// Help text under the label ("" for none).
    pub hint: &'static str,
    /// How it is asked.
    pub kind: FieldKind,
    /// Whether the form requires it (shown as "required").
    pub required: bool,
}

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
        "contact_first_name",
        "First name",
        limits::SHORT,
        "given-name",
    ),
    text(
        "contact_last_name",
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
        ..text("contact_email", "Email address", limits::SHORT, "email")
    },
    Field {
        hint: "Include the country code for an international number.",
        kind: FieldKind::Text {
            max: limits::SHORT,
            input_type: "tel",
            autocomplete: "tel",
            numeric: false,
        },
        ..text("contact_phone", "Phone number", limits::SHORT, "tel")
    },
    text(
        "contact_address_line_1",
        "Street address",
        limits::SHORT,
        "address-line1",
    ),
    text(
        "contact_address_line_2",
        "Street address line 2",
        limits::SHORT,
        "address-line2",
    ),
    text("contact_city", "City", limits::CITY, "address-level2"),
    Field {
        kind: FieldKind::Select(states),
        ..text("contact_state", "State", 2, "address-level1")
    },
    Field {
        kind: FieldKind::Text {
            max: limits::ZIP,
            input_type: "text",
            autocomplete: "postal-code",
            numeric: true,
        },
        ..text("contact_zip", "ZIP code", limits::ZIP, "postal-code")
    },
    Field {
        name: "servicemember",
        label: "Are you now or have you ever been an active duty service member?",
        hint: "",
        kind: FieldKind::Radio(choices::<YesNo>),
        required: true,
    },
    Field {
        name: "primary_complaint",
        label: "What is your primary reason for contacting the Civil Rights Division?",
        hint: "Choose the one that best describes what happened. You can describe more later.",
        kind: FieldKind::Radio(choices::<PrimaryComplaint>),
        required: true,
    },
    Field {
        required: true,
        ..text(
            "location_name",
            "Organization name",
            limits::SHORT,
            "organization",
        )
    },
    text(
        "location_address_line_1",
        "Street address",
        limits::SHORT,
        "off",
    ),
    text(
        "location_address_line_2",
        "Street address line 2",
        limits::SHORT,
        "off",
    ),
    Field {
        required: true,
        ..text("location_city_town", "City or town", limits::CITY, "off")
    },
    Field {
        required: true,
        kind: FieldKind::Select(states),
        ..text("location_state", "State", 2, "off")
    },
    Field {
        kind: FieldKind::Text {
            max: limits::ZIP,
            input_type: "text",
            autocomplete: "off",
            numeric: true,
        },
        ..text("location_zipcode", "ZIP code", limits::ZIP, "off")
    },
    Field {
        name: "public_or_private_employer",
        label: "Was this a public or private employer?",
        hint: "Public employers are government agencies, offices and schools.",
        kind: FieldKind::Radio(choices::<PublicOrPrivateEmployer>),
        required: true,
    },
    Field {
        name: "employer_size",
        label: "How many employees does this employer have?",
        hint: "",
        kind: FieldKind::Radio(choices::<EmployerSize>),
        required: true,
    },
    Field {
        name: "inside_correctional_facility",
        label: "Did this happen while in a prison, jail, or other correctional facility?",
        hint: "",
        kind: FieldKind::Radio(choices::<InsideCorrectionalFacility>),
        required: true,
    },
    Field {
        name: "correctional_facility_type",
        label: "What type of correctional facility?",
        hint: "Answer only if it happened inside a correctional facility.",
        kind: FieldKind::Radio(choices::<CorrectionalFacilityType>),
        required: false,
    },
    Field {
        name: "commercial_or_public_place",
        label: "What kind of location was this?",
        hint: "",
        kind: FieldKind::Radio(choices::<CommercialOrPublicPlace>),
        required: true,
    },
    Field {
        name: "other_commercial_or_public_place",
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
        name: "public_or_private_school",
        label: "Did this happen at a public or private school or educational program?",
        hint: "",
        kind: FieldKind::Radio(choices::<PublicOrPrivateSchool>),
        required: true,
    },
    Field {
        name: "witness",
        label: "Were you the person harmed, or did you see it happen to someone else?",
        hint: "Optional.",
        kind: FieldKind::Radio(choices::<WitnessOrHarmed>),
        required: false,
    },
    Field {
        name: "election_details",
        label: "What kind of election or voting activity was this related to?",
        hint: "Optional.",
        kind: FieldKind::Radio(choices::<ElectionDetails>),
        required: false,
    },
    Field {
        name: "protected_class",
        label: "Do you believe any of these personal characteristics influenced why you were treated this way?",
        hint: "Select all that apply.",
        kind: FieldKind::ProtectedClasses,
        required: true,
    },
    Field {
        name: "other_class",
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
        ..text("last_incident_month", "Month", 2, "off")
    },
    Field {
        hint: "Optional.",
        kind: FieldKind::Text {
            max: 2,
            input_type: "text",
            autocomplete: "off",
            numeric: true,
        },
        ..text("last_incident_day", "Day", 2, "off")
    },
    Field {
        required: true,
        kind: FieldKind::Text {
            max: 4,
            input_type: "text",
            autocomplete: "off",
            numeric: true,
        },
        ..text("last_incident_year", "Year", 4, "off")
    },
    Field {
        name: "violation_summary",
        label: "In your own words, describe what happened",
        hint: "Include who was involved, what they did, where and when it happened. At most 500 words.",
        kind: FieldKind::TextArea {
            max: limits::SUMMARY_CHARS,
        },
        required: true,
    },
];

/// The entry for a field name.
pub fn field(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name)
}

/// The label a stored choice value shows, for fields with fixed options.
pub fn option_label(field_name: &str, value: &str) -> Option<&'static str> {
    match field(field_name)?.kind {
        FieldKind::Select(options) | FieldKind::Radio(options) => options()
            .into_iter()
            .find(|(v, _)| *v == value)
            .map(|(_, l)| l),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::STEPS;

    #[test]
    fn every_step_field_has_an_entry_and_names_are_unique() {
        for s in STEPS {
            for f in s.fields {
                assert!(
                    field(f).is_some(),
                    "step {} asks {f} but FIELDS has no entry",
                    s.name
                );
            }
        }
        let mut names: Vec<_> = FIELDS.iter().map(|f| f.name).collect();
        names.sort();
        let n = names.len();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    #[test]
    fn option_labels() {
        assert_eq!(
            option_label("inside_correctional_facility", "inside"),
            Some("Yes")
        );
        assert_eq!(
            option_label("contact_state", "DC"),
            Some("District of Columbia")
        );
        assert_eq!(
            option_label("last_incident_month", "2"),
            Some("02 - February")
        );
        assert_eq!(option_label("contact_first_name", "x"), None);
        assert_eq!(option_label("primary_complaint", "nope"), None);
    }
}

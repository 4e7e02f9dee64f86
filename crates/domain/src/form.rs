//! The form-step registry: every step of the public form is declared once in
//! [`STEPS`], with its progress-bar stage, page title, template, fields, the
//! condition on earlier answers that shows it, and its check. The web layer
//! renders and navigates from this list; adding an optional step means adding
//! one declaration here (plus its template, and a migration if it has new
//! fields).

use crate::{
    choice::Choice,
    field_rules::{self as rules, Answers, Check},
    fields::names,
    report::PrimaryComplaint,
};

/// One page of the public form.
#[derive(Clone, Copy)]
pub struct Step {
    /// Unique name; also the URL segment (`/report/<name>/`).
    pub name: &'static str,
    /// The progress-bar stage this page belongs to.
    pub stage: &'static str,
    /// The page title.
    pub title: &'static str,
    /// The tera template that renders the page.
    pub template: &'static str,
    /// The fields this page asks (HTML input names).
    pub fields: &'static [&'static str],
    /// Whether the page is part of the form, given earlier answers.
    pub shown_when: fn(&Answers) -> bool,
    /// Checks this page's fields, recording every problem and keeping what
    /// it read (so that [`validate_report`](crate::validation::validate_report)
    /// parses each field once).
    pub check: fn(&mut Check<'_>),
}

impl std::fmt::Debug for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Step")
            .field("name", &self.name)
            .field("stage", &self.stage)
            .finish()
    }
}

fn always(_: &Answers) -> bool {
    true
}

fn concern_is(a: &Answers, p: PrimaryComplaint) -> bool {
    a.get(names::PRIMARY_COMPLAINT) == Some(p.value())
}

const LOCATION_FIELDS: [&str; 6] = [
    names::LOCATION_NAME,
    names::LOCATION_ADDRESS_LINE_1,
    names::LOCATION_ADDRESS_LINE_2,
    names::LOCATION_CITY_TOWN,
    names::LOCATION_STATE,
    names::LOCATION_ZIPCODE,
];

macro_rules! location_step {
    ($name:literal, $concern:expr, [$($extra:expr),*]) => {
        Step {
            name: $name,
            stage: "Location",
            title: "Location details",
            template: concat!("report/", $name, ".html"),
            fields: &[
                LOCATION_FIELDS[0], LOCATION_FIELDS[1], LOCATION_FIELDS[2],
                LOCATION_FIELDS[3], LOCATION_FIELDS[4], LOCATION_FIELDS[5],
                $($extra),*
            ],
            shown_when: |a| concern_is(a, $concern),
            check: |c| {
                c.parts.location = rules::parse_location(c);
                c.parts.concern = rules::parse_concern(c, $concern);
            },
        }
    };
}

/// Every step, in order. Exactly one location variant is shown for any
/// primary concern.
pub static STEPS: &[Step] = &[
    Step {
        name: "contact",
        stage: "Contact",
        title: "Contact",
        template: "report/contact.html",
        fields: &[
            names::CONTACT_FIRST_NAME,
            names::CONTACT_LAST_NAME,
            names::CONTACT_EMAIL,
            names::CONTACT_PHONE,
            names::CONTACT_ADDRESS_LINE_1,
            names::CONTACT_ADDRESS_LINE_2,
            names::CONTACT_CITY,
            names::CONTACT_STATE,
            names::CONTACT_ZIP,
            names::SERVICEMEMBER,
        ],
        shown_when: always,
        check: |c| {
            c.parts.contact = rules::parse_contact(c);
        },
    },
    Step {
        name: "primary-concern",
        stage: "Primary concern",
        title: "Primary concern",
        template: "report/primary_concern.html",
        fields: &[names::PRIMARY_COMPLAINT],
        shown_when: always,
        check: |c| {
            c.parts.primary_complaint = rules::parse_primary_complaint(c);
        },
    },
    location_step!(
        "location-workplace",
        PrimaryComplaint::Workplace,
        [names::PUBLIC_OR_PRIVATE_EMPLOYER, names::EMPLOYER_SIZE]
    ),
    location_step!("location-housing", PrimaryComplaint::Housing, []),
    location_step!(
        "location-education",
        PrimaryComplaint::Education,
        [names::PUBLIC_OR_PRIVATE_SCHOOL]
    ),
    location_step!(
        "location-police",
        PrimaryComplaint::Police,
        [
            names::INSIDE_CORRECTIONAL_FACILITY,
            names::CORRECTIONAL_FACILITY_TYPE
        ]
    ),
    // An optional step shown only for police reports: the worked example of
    // docs/adding-a-form-step.md (this declaration, its template
    // report/witness.html, its name in fields/names.rs and its entry in
    // fields/table.rs, its slot in field_rules' `Parts` and a column
    // migration).
    Step {
        name: "witness",
        stage: "Location",
        title: "Your role",
        template: "report/witness.html",
        fields: &[names::WITNESS],
        shown_when: |a| concern_is(a, PrimaryComplaint::Police),
        check: |c| {
            c.parts.witness = rules::parse_witness(c);
        },
    },
    location_step!(
        "location-voting",
        PrimaryComplaint::Voting,
        [names::ELECTION_DETAILS]
    ),
    location_step!(
        "location-commercial-or-public",
        PrimaryComplaint::CommercialOrPublic,
        [
            names::COMMERCIAL_OR_PUBLIC_PLACE,
            names::OTHER_COMMERCIAL_OR_PUBLIC_PLACE
        ]
    ),
    location_step!(
        "location-something-else",
        PrimaryComplaint::SomethingElse,
        []
    ),
    Step {
        name: "personal-characteristics",
        stage: "Personal characteristics",
        title: "Personal characteristics",
        template: "report/protected_class.html",
        fields: &[names::PROTECTED_CLASS, names::OTHER_CLASS],
        shown_when: always,
        check: |c| {
            c.parts.protected_classes = rules::parse_protected_classes(c);
        },
    },
    Step {
        name: "date",
        stage: "Date",
        title: "Date",
        template: "report/date.html",
        fields: &[
            names::LAST_INCIDENT_MONTH,
            names::LAST_INCIDENT_DAY,
            names::LAST_INCIDENT_YEAR,
        ],
        shown_when: always,
        check: |c| {
            c.parts.incident_date = rules::parse_incident_date(c);
        },
    },
    Step {
        name: "description",
        stage: "Personal description",
        title: "Personal description",
        template: "report/description.html",
        fields: &[names::VIOLATION_SUMMARY],
        shown_when: always,
        check: |c| {
            c.parts.violation_summary = rules::parse_violation_summary(c);
        },
    },
    Step {
        name: "review",
        stage: "Review",
        title: "Review your report",
        template: "report/review.html",
        fields: &[],
        shown_when: always,
        check: |_| {},
    },
];

/// The steps shown for these answers, in order. Steps before the primary
/// concern is known show every step whose condition holds (none of the
/// location variants until then).
pub fn steps_for(answers: &Answers) -> impl Iterator<Item = &'static Step> + '_ {
    STEPS.iter().filter(move |s| (s.shown_when)(answers))
}

/// The step with this name.
pub fn step(name: &str) -> Option<&'static Step> {
    STEPS.iter().find(|s| s.name == name)
}

/// The step after `current` for these answers (`None` after the last).
pub fn next_step(current: &str, answers: &Answers) -> Option<&'static Step> {
    steps_for(answers).skip_while(|s| s.name != current).nth(1)
}

/// The step before `current` for these answers (`None` before the first).
pub fn previous_step(current: &str, answers: &Answers) -> Option<&'static Step> {
    let shown: Vec<_> = steps_for(answers).collect();
    let i = shown.iter().position(|s| s.name == current)?;
    i.checked_sub(1).map(|i| shown[i])
}

/// The progress-bar stages in order (each named once).
pub fn stages() -> Vec<&'static str> {
    let mut out: Vec<&str> = Vec::new();
    for s in STEPS {
        if !out.contains(&s.stage) {
            out.push(s.stage);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seven_stages_in_order() {
        assert_eq!(
            stages(),
            [
                "Contact",
                "Primary concern",
                "Location",
                "Personal characteristics",
                "Date",
                "Personal description",
                "Review"
            ]
        );
    }

    #[test]
    fn names_are_unique_and_templates_named_html() {
        let mut names: Vec<_> = STEPS.iter().map(|s| s.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), STEPS.len());
        assert!(STEPS.iter().all(|s| s.template.ends_with(".html")));
    }

    #[test]
    fn exactly_one_location_variant_per_concern() {
        for p in PrimaryComplaint::ALL {
            let a = Answers::from_pairs([("primary_complaint", p.value())]);
            let shown: Vec<_> = steps_for(&a).map(|s| s.name).collect();
            let locations: Vec<_> = shown.iter().filter(|n| n.starts_with("location")).collect();
            assert_eq!(locations.len(), 1, "{p:?}: {shown:?}");
            let police = *p == PrimaryComplaint::Police;
            // The optional "witness" step is part of police reports only.
            assert_eq!(shown.contains(&"witness"), police, "{p:?}");
            assert_eq!(shown.len(), if police { 8 } else { 7 }, "{p:?}");
            let expected = format!("location-{}", p.value().replace('_', "-"));
            assert_eq!(*locations[0], expected);
            assert_eq!(
                next_step("primary-concern", &a).map(|s| s.name),
                Some(expected.as_str())
            );
            assert_eq!(
                previous_step("personal-characteristics", &a).map(|s| s.name),
                Some(if police { "witness" } else { expected.as_str() })
            );
        }
        // Before a concern is chosen no location variant is shown.
        assert!(!steps_for(&Answers::new()).any(|s| s.stage == "Location"));
    }

    #[test]
    fn navigation_ends() {
        let a = Answers::from_pairs([("primary_complaint", "housing")]);
        assert_eq!(previous_step("contact", &a).map(|s| s.name), None);
        assert_eq!(next_step("review", &a).map(|s| s.name), None);
        assert_eq!(
            next_step("contact", &a).map(|s| s.name),
            Some("primary-concern")
        );
        assert_eq!(step("date").map(|s| s.title), Some("Date"));
        assert!(step("nope").is_none());
    }
}

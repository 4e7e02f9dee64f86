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

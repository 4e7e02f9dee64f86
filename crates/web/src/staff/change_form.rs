//! The one reader of staff change forms, for the detail page's actions
//! form and the list's bulk form: the posted fields as a [`StaffChange`].
//! What the change does is the domain's (`staff::apply_change`).

use crt_domain::{
    choice::Choice,
    report::{Section, Status},
    staff::StaffChange,
};

use crate::extract::PostedForm;

/// What a blank field means on this form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    /// The detail page posts every field: blank clears it.
    Clears,
    /// The bulk form posts what staff chose to change: blank leaves it
    /// (and `(none)` clears the assignee).
    Ignored,
}

/// The posted assignee, statute or district: `Some(None)` clears it.
fn optional(form: &PostedForm, name: &str, blank: Blank) -> Option<Option<String>> {
    match form.text(name) {
        Some("(none)") => Some(None),
        Some(v) => Some(Some(v.to_owned())),
        None if blank == Blank::Clears && form.get(name).is_some() => Some(None),
        None => None,
    }
}

/// The change a posted form asks for.
///
/// Errors: a message for staff when a section or status is not on its list.
pub fn change_from(form: &PostedForm, blank: Blank) -> Result<StaffChange, String> {
    let mut c = StaffChange::default();
    if let Some(v) = form.text("assigned_section") {
        c.assigned_section =
            Some(Section::from_value(v).ok_or_else(|| "That section does not exist.".to_owned())?);
    }
    if let Some(v) = form.text("status") {
        c.status =
            Some(Status::from_value(v).ok_or_else(|| "That status does not exist.".to_owned())?);
    }
    c.assigned_to = optional(form, "assigned_to", blank);
    c.primary_statute = optional(form, "primary_statute", blank);
    c.district = optional(form, "district", blank);
    // Blank or `(none)`: the section's default schedule.
    c.retention_schedule = optional(form, "retention_schedule", blank);
    // Checkboxes: absent means off (the detail form always posts `checkboxes=1`).
    if form.get("checkboxes").is_some() {
        c.referred = Some(form.get("referred").is_some());
        c.litigation_hold = Some(form.get("litigation_hold").is_some());
    }
    c.summary = form.text("summary").map(str::to_owned);
    c.comment = form.text("comment").map(str::to_owned);
    for (name, list) in [
        ("add_tag", &mut c.add_tags),
        ("remove_tag", &mut c.remove_tags),
    ] {
        for v in form.all(name).map(str::trim).filter(|v| !v.is_empty()) {
            list.push(crt_domain::tags::parse(v)?);
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> PostedForm {
        PostedForm(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn blank_clears_on_the_detail_form_and_is_ignored_in_bulk() {
        let f = form(&[("assigned_to", " "), ("district", ""), ("status", "open")]);
        let detail = change_from(&f, Blank::Clears).unwrap();
        assert_eq!(detail.assigned_to, Some(None));
        assert_eq!(detail.district, Some(None));
        assert_eq!(detail.status, Some(Status::Open));
        let bulk = change_from(&f, Blank::Ignored).unwrap();
        assert_eq!(bulk.assigned_to, None);
        assert_eq!(bulk.district, None);
        let none = change_from(&form(&[("assigned_to", "(none)")]), Blank::Ignored).unwrap();
        assert_eq!(none.assigned_to, Some(None));
        let kept = change_from(&form(&[("retention_schedule", "3-year")]), Blank::Ignored).unwrap();
        assert_eq!(kept.retention_schedule, Some(Some("3-year".into())));
        let default = change_from(&form(&[("retention_schedule", "")]), Blank::Clears).unwrap();
        assert_eq!(default.retention_schedule, Some(None));
    }

    #[test]
    fn unknown_codes_are_refused_and_checkboxes_read() {
        assert!(change_from(&form(&[("assigned_section", "XYZ")]), Blank::Clears).is_err());
        assert!(change_from(&form(&[("status", "maybe")]), Blank::Ignored).is_err());
        let c = change_from(
            &form(&[("checkboxes", "1"), ("referred", "on")]),
            Blank::Clears,
        )
        .unwrap();
        assert_eq!(c.referred, Some(true));
        assert_eq!(c.litigation_hold, Some(false));
        let tags = change_from(
            &form(&[
                ("add_tag", "HCE/flood"),
                ("add_tag", ""),
                ("remove_tag", "crm/x"),
            ]),
            Blank::Clears,
        )
        .unwrap();
        assert_eq!(
            tags.add_tags,
            [crt_domain::tags::parse("HCE/flood").unwrap()]
        );
        assert_eq!(tags.remove_tags[0].qualified(), "CRM/x");
        assert!(change_from(&form(&[("add_tag", "flood")]), Blank::Clears).is_err());
        let none = change_from(&form(&[("referred", "on")]), Blank::Ignored).unwrap();
        assert_eq!(
            none.referred, None,
            "no checkboxes marker: not on this form"
        );
    }
}

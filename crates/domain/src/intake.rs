//! Staff intake: the questions staff answer when they record a report that
//! came in by phone, letter, fax or e-mail (on top of every question of the
//! public form), and the hotline forms: short intake forms with a preset
//! primary concern and section, defined as data ([`HotlineForm`]).
//!
//! The rules are read here once; `FileReport::from_staff` files with them,
//! for the intake page and the JSON API alike.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::{
    choice::Choice,
    field_rules::{Check, Problem},
    fields::{self, limits},
    report::{IntakeFormat, PrimaryComplaint, Section},
};

/// The names of the intake's own fields (form inputs and JSON keys).
pub mod names {
    /// How the report came in: phone, letter, fax or email.
    pub const INTAKE_FORMAT: &str = "intake_format";
    /// The day the Division received it (YYYY-MM-DD).
    pub const RECEIVED_DATE: &str = "received_date";
    /// An optional staff summary.
    pub const SUMMARY: &str = "summary";
    /// Whether to send the auto-response to the complainant's e-mail.
    pub const SEND_AUTO_RESPONSE: &str = "send_auto_response";
    /// The complainant's language (a tag of `report::LANGUAGES`).
    pub const LANGUAGE: &str = "language";

    /// Every field only staff give (an anonymous filing may not).
    pub const STAFF_ONLY: [&str; 5] = [
        INTAKE_FORMAT,
        RECEIVED_DATE,
        SUMMARY,
        SEND_AUTO_RESPONSE,
        LANGUAGE,
    ];
}

/// The sentences staff read for the intake's own fields.
pub mod messages {
    /// intake_format missing or web.
    pub const FORMAT_MISSING: &str =
        "Please select how this report came in: phone, letter, fax or e-mail.";
    /// received_date missing.
    pub const RECEIVED_MISSING: &str = "Please enter the date the report was received.";
    /// received_date not a date.
    pub const RECEIVED_INVALID: &str =
        "Please enter the date received as year-month-day, for example 2026-03-14.";
    /// received_date after today.
    pub const RECEIVED_FUTURE: &str = "The date received can not be in the future.";
    /// language not one of the portal's.
    pub const LANGUAGE_UNKNOWN: &str =
        "Please choose one of the portal's languages: en, es, zh-hant, zh-hans, vi, ko, tl.";
    /// A staff-only field in an anonymous filing.
    pub const STAFF_ONLY: &str = "Only staff callers may give this field.";
}

/// The formats staff record (the web form files itself).
pub const STAFF_FORMATS: [IntakeFormat; 4] = [
    IntakeFormat::Phone,
    IntakeFormat::Letter,
    IntakeFormat::Fax,
    IntakeFormat::Email,
];

/// What staff answered about how a report came in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntakeAnswers {
    /// Phone, letter, fax or e-mail.
    pub format: IntakeFormat,
    /// The day it was received (not after today).
    pub received: NaiveDate,
    /// The staff summary, if any.
    pub summary: Option<String>,
    /// Whether the auto-response goes out (off unless asked).
    pub send_auto_response: bool,
}

/// Whether a checkbox-like answer is on (`on`, `yes`, `true`, `1`).
pub fn is_on(value: Option<&str>) -> bool {
    matches!(value, Some("on" | "yes" | "true" | "1"))
}

/// Reads the intake's own fields, recording every problem.
pub fn parse_intake(c: &mut Check<'_>) -> Option<IntakeAnswers> {
    let format = match c.answers().get(names::INTAKE_FORMAT) {
        None => {
            c.error(
                names::INTAKE_FORMAT,
                Problem::Staff(messages::FORMAT_MISSING.into()),
            );
            None
        }
        Some(v) => match IntakeFormat::from_value(v).filter(|f| STAFF_FORMATS.contains(f)) {
            Some(f) => Some(f),
            None => {
                c.error(
                    names::INTAKE_FORMAT,
                    Problem::Staff(messages::FORMAT_MISSING.into()),
                );
                None
            }
        },
    };
    let today = c.context().today;
    let received = match c.answers().get(names::RECEIVED_DATE) {
        None => {
            c.error(
                names::RECEIVED_DATE,
                Problem::Staff(messages::RECEIVED_MISSING.into()),
            );
            None
        }
        Some(v) => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) if d > today => {
                c.error(
                    names::RECEIVED_DATE,
                    Problem::Staff(messages::RECEIVED_FUTURE.into()),
                );
                None
            }
            Ok(d) if d.year() < 1900 => {
                c.error(
                    names::RECEIVED_DATE,
                    Problem::Staff(messages::RECEIVED_INVALID.into()),
                );
                None
            }
            Ok(d) => Some(d),
            Err(_not_a_date) => {
                c.error(
                    names::RECEIVED_DATE,
                    Problem::Staff(messages::RECEIVED_INVALID.into()),
                );
                None
            }
        },
    };
    let summary_ok = c.error_count();
    let summary = c.text(names::SUMMARY, limits::SUMMARY_CHARS);
    let summary_failed = c.error_count() > summary_ok;
    let send_auto_response = is_on(c.answers().get(names::SEND_AUTO_RESPONSE));
    if summary_failed {
        return None;
    }
    Some(IntakeAnswers {
        format: format?,
        received: received?,
        summary,
        send_auto_response,
    })
}

/// A short intake form for a hotline: a preset primary concern and
/// section, and optional questions left out. Defined as data (the
/// `INTAKE_HOTLINE_FORMS` setting), served at `/form/new/phone/<name>/`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HotlineForm {
    /// The URL segment (lower-case letters, digits and hyphens).
    pub name: String,
    /// The page's title, e.g. "Voting hotline".
    pub title: String,
    /// The section every report of this form goes to.
    pub section: Section,
    /// The primary concern every report of this form has, if preset.
    pub primary_complaint: Option<PrimaryComplaint>,
    /// Optional questions the form leaves out.
    pub hidden: Vec<&'static str>,
}

/// Why a hotline form definition was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("hotline form {name:?}: {problem}")]
pub struct HotlineFormError {
    /// The form's name as given.
    pub name: String,
    /// What is wrong.
    pub problem: String,
}

/// The optional questions a hotline leaves out unless told otherwise: the
/// complainant's postal address and the location's street address.
pub const DEFAULT_HIDDEN: [&str; 8] = [
    fields::names::CONTACT_ADDRESS_LINE_1,
    fields::names::CONTACT_ADDRESS_LINE_2,
    fields::names::CONTACT_CITY,
    fields::names::CONTACT_STATE,
    fields::names::CONTACT_ZIP,
    fields::names::LOCATION_ADDRESS_LINE_1,
    fields::names::LOCATION_ADDRESS_LINE_2,
    fields::names::LOCATION_ZIPCODE,
];

impl HotlineForm {
    /// Builds a form from its definition's text values, checking each.
    ///
    /// Errors: a bad name, an unknown section or concern code, a hidden
    /// field that does not exist or that the form requires.
    pub fn new(
        name: &str,
        title: &str,
        section: &str,
        primary_complaint: Option<&str>,
        hidden: Option<&[String]>,
    ) -> Result<Self, HotlineFormError> {
        let bad = |problem: String| HotlineFormError {
            name: name.to_owned(),
            problem,
        };
        if name.is_empty()
            || name.len() > 40
            || !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(bad(
                "a name is 1 to 40 lower-case letters, digits or hyphens".into(),
            ));
        }
        if title.trim().is_empty() {
            return Err(bad("give it a title".into()));
        }
        let section = Section::from_value(section)
            .ok_or_else(|| bad(format!("{section:?} is not a section code")))?;
        let primary_complaint = primary_complaint
            .map(|p| {
                PrimaryComplaint::from_value(p)
                    .ok_or_else(|| bad(format!("{p:?} is not a primary concern")))
            })
            .transpose()?;
        let hidden = match hidden {
            None => DEFAULT_HIDDEN.to_vec(),
            Some(list) => list
                .iter()
                .map(|h| match fields::field(h) {
                    Some(f) if f.required => Err(bad(format!(
                        "{h:?} is required by every report and cannot be left out"
                    ))),
                    Some(f) => Ok(f.name),
                    None => Err(bad(format!("{h:?} is not a field of the form"))),
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(Self {
            name: name.to_owned(),
            title: title.trim().to_owned(),
            section,
            primary_complaint,
            hidden,
        })
    }

    /// The routing explanation of a report filed through this form.
    pub fn routing_explanation(&self) -> String {
        format!(
            "Recorded on the {} intake form, which sends every report to {} ({}).",
            self.title,
            self.section.value(),
            self.section.label()
        )
    }
}

/// The hotline form shipped by default: the Voting section's hotline.
pub fn default_hotline_forms() -> Vec<HotlineForm> {
    vec![HotlineForm {
        name: "voting".into(),
        title: "Voting hotline".into(),
        section: Section::Voting,
        primary_complaint: Some(PrimaryComplaint::Voting),
        hidden: DEFAULT_HIDDEN.to_vec(),
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field_rules::{Answers, Context};

    fn read(pairs: &[(&str, &str)]) -> (Option<IntakeAnswers>, Vec<(String, String)>) {
        let answers = Answers::from_pairs(pairs.iter().map(|(k, v)| (*k, *v)));
        let catalog = crate::protected_class::current_catalog();
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let mut c = Check::new(
            &answers,
            Context {
                catalog: &catalog,
                today,
            },
        );
        let got = parse_intake(&mut c);
        let errors = c
            .finish()
            .0
            .into_iter()
            .map(|e| {
                let text = match e.problem {
                    Problem::Staff(text) => text,
                    other => format!("{other:?}"),
                };
                (e.field, text)
            })
            .collect();
        (got, errors)
    }

    #[test]
    fn intake_needs_a_staff_format_and_a_past_date() {
        let (got, errors) = read(&[]);
        assert!(got.is_none());
        assert_eq!(
            errors,
            vec![
                (names::INTAKE_FORMAT.into(), messages::FORMAT_MISSING.into()),
                (
                    names::RECEIVED_DATE.into(),
                    messages::RECEIVED_MISSING.into()
                ),
            ]
        );
        let (_, errors) = read(&[("intake_format", "web"), ("received_date", "2026-12-04")]);
        assert_eq!(errors[0].1, messages::FORMAT_MISSING);
        assert_eq!(errors[1].1, messages::RECEIVED_FUTURE);
        let (_, errors) = read(&[("intake_format", "phone"), ("received_date", "3/12/2026")]);
        assert_eq!(
            errors,
            vec![(
                names::RECEIVED_DATE.into(),
                messages::RECEIVED_INVALID.into()
            )]
        );
        let (got, errors) = read(&[
            ("intake_format", "letter"),
            ("received_date", "2026-12-03"),
            ("summary", "Called twice."),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        let got = got.unwrap();
        assert_eq!(got.format, IntakeFormat::Letter);
        assert_eq!(got.summary.as_deref(), Some("Called twice."));
        assert!(!got.send_auto_response, "off unless asked");
    }

    #[test]
    fn hotline_forms_are_checked() {
        let ok = HotlineForm::new("voting", "Voting hotline", "VOT", Some("voting"), None).unwrap();
        assert_eq!(ok, default_hotline_forms()[0]);
        for (name, section, concern, hidden) in [
            ("Voting", "VOT", None, None),
            ("voting", "XYZ", None, None),
            ("voting", "VOT", Some("ballots"), None),
            (
                "voting",
                "VOT",
                None,
                Some(vec!["location_name".to_owned()]),
            ),
            (
                "voting",
                "VOT",
                None,
                Some(vec!["favourite_colour".to_owned()]),
            ),
        ] {
            assert!(
                HotlineForm::new(name, "T", section, concern, hidden.as_deref()).is_err(),
                "{name} {section} {concern:?} {hidden:?}"
            );
        }
    }
}

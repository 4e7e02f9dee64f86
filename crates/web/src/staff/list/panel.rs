//! The list's filter panel and its chips: one input for every filter the
//! list accepts (see `query.rs`), in collapsible groups, and the active
//! filters as removable chips. Data-driven, so a filter added to the
//! reader is added here once and the template shows it.

use crt_domain::{
    choice::Choice,
    fields::names,
    protected_class::ProtectedClassCatalog,
    reference,
    report::{IntakeFormat, PrimaryComplaint, Section, Status},
};
use serde::Serialize;

/// How a filter is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A text box.
    Text,
    /// A date (YYYY-MM-DD).
    Date,
    /// One choice of a list.
    Select,
    /// Any of a list (the parameter repeats).
    Checks,
    /// Yes, no or either.
    YesNo,
}

/// One filter input.
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    /// The query parameter.
    pub name: &'static str,
    /// What staff read.
    pub label: &'static str,
    /// How it is entered.
    pub kind: Kind,
    /// A hint under the label.
    pub hint: &'static str,
    /// (value, label) for select and checks.
    pub options: Vec<(String, String)>,
}

/// A group of filters (one `<details>`).
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// Its heading.
    pub title: &'static str,
    /// Its filters.
    pub fields: Vec<Field>,
}

fn field(name: &'static str, label: &'static str, kind: Kind) -> Field {
    Field {
        name,
        label,
        kind,
        hint: "",
        options: Vec::new(),
    }
}

fn with(mut f: Field, options: impl IntoIterator<Item = (String, String)>) -> Field {
    f.options = options.into_iter().collect();
    f
}

fn hinted(mut f: Field, hint: &'static str) -> Field {
    f.hint = hint;
    f
}

fn choices<C: Choice + 'static>(all: &[C], with_code: bool) -> Vec<(String, String)> {
    all.iter()
        .map(|c| {
            let label = if with_code {
                format!("{} - {}", c.value(), c.label())
            } else {
                c.label().to_owned()
            };
            (c.value().to_owned(), label)
        })
        .collect()
}

fn pairs(list: &[(&str, &str)], with_code: bool) -> Vec<(String, String)> {
    list.iter()
        .map(|(c, l)| {
            let label = if with_code {
                format!("{c} - {l}")
            } else {
                (*l).to_owned()
            };
            ((*c).to_owned(), label)
        })
        .collect()
}

/// What the panel offers beyond fixed lists.
pub struct Offered<'a> {
    /// The protected classes.
    pub catalog: &'a ProtectedClassCatalog,
    /// Tags that may be filtered on (qualified names).
    pub tags: Vec<String>,
    /// Retention schedule codes.
    pub schedules: Vec<String>,
}

/// Every filter the list accepts, grouped.
pub fn groups(o: &Offered<'_>) -> Vec<Group> {
    use Kind::*;
    let languages = crt_i18n::LANGUAGES
        .iter()
        .map(|l| (l.code.to_owned(), l.english_name.to_owned()));
    vec![
        Group {
            title: "Handling",
            fields: vec![
                with(
                    field("assigned_section", "Section", Checks),
                    choices(Section::ALL, true),
                ),
                with(
                    field("status", "Status", Checks),
                    choices(Status::ALL, false),
                ),
                hinted(
                    field("assigned_to", "Assignee", Text),
                    "A username; (me) for you, (none) for nobody.",
                ),
                field("public_id", "Record number", Text),
                with(
                    field("tag", "Tags", Checks),
                    o.tags.iter().map(|t| (t.clone(), t.clone())),
                ),
                field("repeat_writer", "Repeat writer", YesNo),
                field("referred", "Secondary review", YesNo),
                field("litigation_hold", "Litigation hold", YesNo),
                with(
                    field("primary_statute", "Primary statute", Select),
                    pairs(reference::statutes(), true),
                ),
                with(
                    field("district", "Judicial district", Select),
                    pairs(reference::districts(), true),
                ),
                with(
                    field("retention_schedule", "Retention schedule", Select),
                    o.schedules.iter().map(|s| (s.clone(), s.clone())),
                ),
                field("due_for_disposal", "Due for disposal", YesNo),
            ],
        },
        Group {
            title: "Dates",
            fields: vec![
                field("create_date_start", "Received from", Date),
                field("create_date_end", "Received until", Date),
                field("closed_date_start", "Closed from", Date),
                field("closed_date_end", "Closed until", Date),
            ],
        },
        Group {
            title: "What happened",
            fields: vec![
                with(
                    field(names::PRIMARY_COMPLAINT, "Primary concern", Checks),
                    choices(PrimaryComplaint::ALL, false),
                ),
                with(
                    field(names::PROTECTED_CLASS, "Protected classes", Checks),
                    o.catalog
                        .all()
                        .iter()
                        .map(|c| (c.value.clone(), c.label.clone())),
                ),
                field(names::SERVICEMEMBER, "Servicemember", YesNo),
                hinted(
                    field(names::VIOLATION_SUMMARY, "Description contains", Text),
                    "Words, \"quoted phrases\", OR, and -word to exclude.",
                ),
                hinted(
                    field("summary", "Staff summary contains", Text),
                    "The same search words as the description.",
                ),
            ],
        },
        Group {
            title: "Location",
            fields: vec![
                with(
                    field(names::LOCATION_STATE, "State", Select),
                    pairs(reference::states(), true),
                ),
                field(names::LOCATION_CITY_TOWN, "City or town", Text),
                field(names::LOCATION_NAME, "Name of the place", Text),
            ],
        },
        Group {
            title: "Contact",
            fields: vec![
                field(names::CONTACT_FIRST_NAME, "First name", Text),
                field(names::CONTACT_LAST_NAME, "Last name", Text),
                field(names::CONTACT_EMAIL, "E-mail", Text),
                hinted(
                    field(names::CONTACT_PHONE, "Phone", Text),
                    "Digits; spaces and punctuation are ignored.",
                ),
            ],
        },
        Group {
            title: "Intake",
            fields: vec![
                with(
                    field("intake_format", "How it came in", Checks),
                    choices(IntakeFormat::ALL, false),
                ),
                with(
                    field("language", "Language of the report", Checks),
                    languages,
                ),
            ],
        },
    ]
}

/// An active filter as a chip: its words and the list without it.
#[derive(Clone, Debug, Serialize)]
pub struct Chip {
    /// "Status: Open".
    pub text: String,
    /// The list's address without this filter.
    pub remove_href: String,
}

/// The chips of the filters in `pairs` (the list's query).
pub fn chips(groups: &[Group], pairs: &[(String, String)]) -> Vec<Chip> {
    let fields: Vec<&Field> = groups.iter().flat_map(|g| &g.fields).collect();
    pairs
        .iter()
        .enumerate()
        .filter(|(_, (_, v))| !v.trim().is_empty())
        .filter_map(|(i, (k, v))| {
            let text = match fields.iter().find(|f| f.name == k) {
                Some(f) => {
                    let shown = f
                        .options
                        .iter()
                        .find(|(o, _)| o == v)
                        .map_or(v.as_str(), |(_, l)| l.as_str());
                    format!("{}: {shown}", f.label)
                }
                None if k == "description_key" => "Same description".to_owned(),
                None => return None,
            };
            let rest = super::query_of(
                pairs
                    .iter()
                    .enumerate()
                    .filter(|(j, (k, _))| *j != i && k != "page" && k != "after")
                    .map(|(_, p)| p),
            );
            Some(Chip {
                text,
                remove_href: format!("/form/view/?{}", rest.trim_end_matches('&')),
            })
        })
        .collect()
}

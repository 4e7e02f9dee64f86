//! Turns domain state into template context: a form step with its fields,
//! values and errors; the review page; the progress bar. No HTML here.

use std::collections::BTreeMap;

use crt_domain::{
    draft::Draft,
    fields::{self, FieldKind},
    form::{self, Step},
    protected_class::ProtectedClassCatalog,
    report::PrimaryComplaint,
    validation::{Answers, FieldErrors},
};
use serde::Serialize;
use tera::Context;

use crate::lang::problem_text;
pub(crate) use crate::words::Words;

#[derive(Serialize)]
struct OptionView {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Serialize)]
pub(crate) struct FieldView {
    name: &'static str,
    label: String,
    hint: String,
    kind: &'static str,
    input_type: &'static str,
    autocomplete: &'static str,
    numeric: bool,
    max: usize,
    required: bool,
    value: String,
    options: Vec<OptionView>,
    errors: Vec<String>,
}

fn field_view(
    name: &'static str,
    answers: &Answers,
    errors: &FieldErrors,
    catalog: &ProtectedClassCatalog,
    words: Words<'_>,
) -> FieldView {
    let spec = fields::field(name);
    let value = answers.get(name).unwrap_or("").to_owned();
    let chosen = answers.values(name);
    let mut v = FieldView {
        name,
        label: words.label(name, spec.map_or(name, |s| s.label)),
        hint: words.hint(name, spec.map_or("", |s| s.hint)),
        kind: "text",
        input_type: "text",
        autocomplete: "off",
        numeric: false,
        max: 0,
        required: spec.is_some_and(|s| s.required),
        value,
        options: Vec::new(),
        errors: errors
            .for_field(name)
            .into_iter()
            .map(|e| problem_text(words.messages, words.lang, e))
            .collect(),
    };
    // State and territory names are proper names: the same in every language.
    let translated = !matches!(spec.map(|s| s.kind), Some(FieldKind::Select(_)))
        || name == fields::names::LAST_INCIDENT_MONTH;
    let opts = |list: Vec<(&str, &str)>, chosen: &[&str]| {
        list.into_iter()
            .map(|(value, label)| OptionView {
                value: value.to_owned(),
                label: if translated {
                    words.option(name, value, label)
                } else {
                    label.to_owned()
                },
                checked: chosen.contains(&value),
            })
            .collect()
    };
    match spec.map(|s| s.kind) {
        Some(FieldKind::Text {
            max,
            input_type,
            autocomplete,
            numeric,
        }) => {
            (v.max, v.input_type, v.autocomplete, v.numeric) =
                (max, input_type, autocomplete, numeric);
        }
        Some(FieldKind::TextArea { max }) => (v.kind, v.max) = ("textarea", max),
        Some(FieldKind::Select(options)) => {
            (v.kind, v.options) = ("select", opts(options(), &chosen))
        }
        Some(FieldKind::Radio(options)) => {
            (v.kind, v.options) = ("radio", opts(options(), &chosen))
        }
        Some(FieldKind::ProtectedClasses) => {
            v.kind = "checkboxes";
            v.options = catalog
                .form_choices()
                .into_iter()
                .map(|o| OptionView {
                    value: o.value.clone(),
                    label: words.class_label(catalog, &o.value).to_owned(),
                    checked: chosen.contains(&o.value.as_str()),
                })
                .collect();
        }
        None => {}
    }
    v
}

#[derive(Serialize)]
struct StageView {
    name: String,
    state: crt_domain::draft::StageState,
}

#[derive(Serialize)]
pub(crate) struct ErrorLink {
    field: String,
    message: String,
    /// The id to jump to: the input, or the first option of a group.
    anchor: String,
}

/// The error summary's links.
pub(crate) fn error_links(errors: &FieldErrors, words: Words<'_>) -> Vec<ErrorLink> {
    errors
        .0
        .iter()
        .map(|e| ErrorLink {
            field: e.field.clone(),
            message: problem_text(words.messages, words.lang, e),
            anchor: anchor(&e.field),
        })
        .collect()
}

/// A group of the staff intake page: the fields of one form step, or the
/// questions asked only for some primary concerns.
#[derive(Serialize)]
pub(crate) struct FieldGroup {
    legend: String,
    /// Questions only some primary concerns ask (a smaller heading).
    only_for: bool,
    fields: Vec<FieldView>,
}

/// Every question of the public form on one page, each once, grouped by
/// step; questions only some primary concerns ask are grouped under
/// "Only for … reports". With a preset concern (a hotline form), only
/// that concern's questions, and not the concern itself; `hidden`
/// questions are left out.
pub(crate) fn intake_groups(
    answers: &Answers,
    errors: &FieldErrors,
    catalog: &ProtectedClassCatalog,
    preset: Option<PrimaryComplaint>,
    hidden: &[&str],
    words: Words<'_>,
) -> Vec<FieldGroup> {
    use crt_domain::choice::Choice;
    let concern_answers =
        |p: PrimaryComplaint| Answers::from_pairs([(fields::names::PRIMARY_COMPLAINT, p.value())]);
    // For each step, the concerns it is shown for.
    let shown: Vec<Vec<PrimaryComplaint>> = form::STEPS
        .iter()
        .map(|step| {
            PrimaryComplaint::ALL
                .iter()
                .copied()
                .filter(|p| (step.shown_when)(&concern_answers(*p)))
                .collect()
        })
        .collect();
    let concerns_of = |field: &str| -> Vec<PrimaryComplaint> {
        let mut all: Vec<PrimaryComplaint> = Vec::new();
        for (step, concerns) in form::STEPS.iter().zip(&shown) {
            if step.fields.contains(&field) {
                for c in concerns {
                    if !all.contains(c) {
                        all.push(*c);
                    }
                }
            }
        }
        all
    };
    let mut groups: Vec<FieldGroup> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (step, concerns) in form::STEPS.iter().zip(&shown) {
        if let Some(p) = preset
            && !concerns.contains(&p)
        {
            continue;
        }
        for name in step.fields {
            if seen.contains(name)
                || hidden.contains(name)
                || (preset.is_some() && *name == fields::names::PRIMARY_COMPLAINT)
            {
                continue;
            }
            seen.push(name);
            let asked = concerns_of(name);
            let only_for = preset.is_none() && asked.len() != PrimaryComplaint::ALL.len();
            let legend = if !only_for {
                step.title.to_owned()
            } else {
                format!(
                    "Only for reports about: {}",
                    asked
                        .iter()
                        .map(|p| p.label())
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            };
            let view = field_view(name, answers, errors, catalog, words);
            match groups.last_mut() {
                Some(g) if g.legend == legend => g.fields.push(view),
                _ => groups.push(FieldGroup {
                    legend,
                    only_for,
                    fields: vec![view],
                }),
            }
        }
    }
    groups
}

/// A field of the staff intake page that is not on the public form.
pub(crate) struct ExtraField<'a> {
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub kind: &'static str,
    pub input_type: &'static str,
    pub required: bool,
    pub options: &'a [(&'a str, &'a str)],
}

/// The view of an [`ExtraField`] with its value and errors.
pub(crate) fn extra_field(
    f: &ExtraField<'_>,
    answers: &Answers,
    errors: &FieldErrors,
    words: Words<'_>,
) -> FieldView {
    let chosen = answers.values(f.name);
    FieldView {
        name: f.name,
        label: f.label.to_owned(),
        hint: f.hint.to_owned(),
        kind: f.kind,
        input_type: f.input_type,
        autocomplete: "off",
        numeric: false,
        max: crt_domain::fields::limits::SUMMARY_CHARS,
        required: f.required,
        value: answers.get(f.name).unwrap_or("").to_owned(),
        options: f
            .options
            .iter()
            .map(|(value, label)| OptionView {
                value: (*value).to_owned(),
                label: (*label).to_owned(),
                checked: chosen.contains(value),
            })
            .collect(),
        errors: errors
            .for_field(f.name)
            .into_iter()
            .map(|e| problem_text(words.messages, words.lang, e))
            .collect(),
    }
}

fn anchor(field: &str) -> String {
    match fields::field(field).map(|f| f.kind) {
        Some(FieldKind::Radio(_) | FieldKind::ProtectedClasses) => format!("{field}-1"),
        _ => field.to_owned(),
    }
}

/// Context for one step of the form.
pub fn step_context(
    step: &Step,
    draft: &Draft,
    errors: &FieldErrors,
    catalog: &ProtectedClassCatalog,
    csrf: &str,
    words: Words<'_>,
) -> Context {
    let mut ctx = Context::new();
    let list: Vec<FieldView> = step
        .fields
        .iter()
        .map(|f| field_view(f, &draft.answers, errors, catalog, words))
        .collect();
    let by_name: BTreeMap<&str, &FieldView> = list.iter().map(|f| (f.name, f)).collect();
    let title = words.step_title(step);
    ctx.insert(
        "step",
        &serde_json::json!({"name": step.name, "title": title, "stage": words.stage(step.stage)}),
    );
    ctx.insert(
        "progress",
        &draft
            .progress()
            .into_iter()
            .map(|(name, state)| StageView {
                name: words.stage(name),
                state,
            })
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "stage_number",
        &(form::stages()
            .iter()
            .position(|s| *s == step.stage)
            .unwrap_or(0)
            + 1),
    );
    ctx.insert("stage_count", &form::stages().len());
    ctx.insert("fields", &list);
    ctx.insert("f", &by_name);
    ctx.insert("errors", &error_links(errors, words));
    ctx.insert("csrf_token", csrf);
    ctx.insert(
        "can_go_back",
        &form::previous_step(step.name, &draft.answers).is_some(),
    );
    ctx.insert("page_title", &title);
    if step.name == "review" {
        ctx.insert("sections", &review_sections(&draft.answers, catalog, words));
    }
    ctx
}

#[derive(Serialize)]
pub(crate) struct ReviewRow {
    label: String,
    value: String,
}

#[derive(Serialize)]
pub(crate) struct ReviewSection {
    title: String,
    step: &'static str,
    rows: Vec<ReviewRow>,
}

/// A stored or drafted answer as a person reads it, in `words`' language.
pub(crate) fn display_value(
    name: &str,
    answers: &Answers,
    catalog: &ProtectedClassCatalog,
    words: Words<'_>,
) -> String {
    if name == "protected_class" {
        let mut values: Vec<String> = answers
            .values(name)
            .into_iter()
            .map(str::to_owned)
            .collect();
        catalog.sort_values(&mut values);
        return values
            .iter()
            .map(|v| words.class_label(catalog, v).to_owned())
            .collect::<Vec<_>>()
            .join("; ");
    }
    match answers.get(name) {
        None => String::new(),
        Some(v) => match fields::option_label(name, v) {
            // A state's name is the same in every language.
            Some(label)
                if matches!(
                    fields::field(name).map(|f| f.kind),
                    Some(FieldKind::Select(_))
                ) && name != fields::names::LAST_INCIDENT_MONTH =>
            {
                label.to_owned()
            }
            Some(label) => words.option(name, v, label),
            None => v.to_owned(),
        },
    }
}

pub(crate) fn review_sections(
    answers: &Answers,
    catalog: &ProtectedClassCatalog,
    words: Words<'_>,
) -> Vec<ReviewSection> {
    form::steps_for(answers)
        .filter(|s| !s.fields.is_empty())
        .map(|s| ReviewSection {
            title: words.step_title(s),
            step: s.name,
            rows: s
                .fields
                .iter()
                .map(|f| ReviewRow {
                    label: words.label(f, fields::field(f).map_or(f, |x| x.label)),
                    value: display_value(f, answers, catalog, words),
                })
                .collect(),
        })
        .collect()
}

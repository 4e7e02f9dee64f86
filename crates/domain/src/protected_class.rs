//! The protected-class catalog: which options exist, their order on the form,
//! their codes for staff views, which are retired. The rows live in the
//! database (data migrations change them); this type checks the invariants
//! and derives the three views the rest of the system needs.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// The value of the option that carries the free-text `other_class`.
pub const OTHER: &str = "other";

/// The sort key of "Other reason comes last": `false` before `true`, then
/// `then` (the form order, and whatever breaks ties). The one statement of
/// the rule: the form's choices, the order of stored values and the
/// catalog's changes all sort with it.
pub fn other_last<T: Ord>(value: &str, then: T) -> (bool, T) {
    (value == OTHER, then)
}

/// The active options among `options`, in the order the form shows them:
/// by form_order, "Other reason" last.
pub fn in_form_order(options: &[ProtectedClassOption]) -> Vec<&ProtectedClassOption> {
    let mut active: Vec<_> = options.iter().filter(|o| o.is_active()).collect();
    active.sort_by_key(|o| other_last(&o.value, o.form_order));
    active
}

/// One protected-class option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtectedClassOption {
    /// Stored value; never changes once a report uses it.
    pub value: String,
    /// Short name shown in staff views.
    pub code: String,
    /// What the public reads on the form.
    pub label: String,
    /// Position on the form; `None` = retired (kept for old reports).
    pub form_order: Option<i32>,
}

impl ProtectedClassOption {
    /// Whether the form still offers this option.
    pub fn is_active(&self) -> bool {
        self.form_order.is_some()
    }
}

/// Why a set of options is not a valid catalog.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// Two options share a value.
    #[error("protected-class value {0:?} is used twice")]
    DuplicateValue(String),
    /// Two options share a code.
    #[error("protected-class code {0:?} is used twice")]
    DuplicateCode(String),
    /// Two active options share a form_order.
    #[error("form_order {0} is used by more than one active protected class")]
    DuplicateOrder(i32),
    /// "Other reason" is active but not last.
    #[error("\"Other reason\" must come last on the form")]
    OtherNotLast,
    /// A value, code or label is empty.
    #[error("a protected class has an empty value, code or label")]
    Empty,
    /// No option is active.
    #[error("at least one protected class must be offered on the form")]
    NoneActive,
}

/// A checked set of protected-class options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProtectedClassCatalog {
    options: Vec<ProtectedClassOption>,
    /// The public's label of an option in a language other than English:
    /// (value, language) → label.
    #[serde(skip)]
    translations: std::collections::BTreeMap<(String, String), String>,
}

/// An option's label in one language (the `protected_class_label` table).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassLabel {
    /// The option's value.
    pub value: String,
    /// The language (a code of `report::LANGUAGES`, not `en`: the English
    /// label is the option's own).
    pub language: String,
    /// What the public reads in that language.
    pub label: String,
}

impl ProtectedClassCatalog {
    /// Checks the invariants: unique values and codes, unique positions among
    /// active options, "Other reason" (if active) last, at least one active.
    pub fn new(options: Vec<ProtectedClassOption>) -> Result<Self, CatalogError> {
        let mut values = HashSet::new();
        let mut codes = HashSet::new();
        let mut orders = HashSet::new();
        for o in &options {
            if o.value.trim().is_empty() || o.code.trim().is_empty() || o.label.trim().is_empty() {
                return Err(CatalogError::Empty);
            }
            if !values.insert(o.value.as_str()) {
                return Err(CatalogError::DuplicateValue(o.value.clone()));
            }
            if !codes.insert(o.code.as_str()) {
                return Err(CatalogError::DuplicateCode(o.code.clone()));
            }
            if let Some(n) = o.form_order
                && !orders.insert(n)
            {
                return Err(CatalogError::DuplicateOrder(n));
            }
        }
        let max_order = options.iter().filter_map(|o| o.form_order).max();
        if max_order.is_none() {
            return Err(CatalogError::NoneActive);
        }
        if let Some(other) = options.iter().find(|o| o.value == OTHER)
            && other.form_order.is_some()
            && other.form_order != max_order
        {
            return Err(CatalogError::OtherNotLast);
        }
        Ok(Self {
            options,
            translations: Default::default(),
        })
    }

    /// This catalog with the options' labels in other languages (labels of
    /// values it does not have are left out).
    pub fn with_labels(mut self, labels: impl IntoIterator<Item = ClassLabel>) -> Self {
        for l in labels {
            if self.get(&l.value).is_some() && !l.label.trim().is_empty() {
                self.translations.insert((l.value, l.language), l.label);
            }
        }
        self
    }

    /// What the public reads for `value` in `language`: its translation,
    /// else the English label (never a blank), else the value itself.
    pub fn label_in<'a>(&'a self, value: &'a str, language: &str) -> &'a str {
        self.translations
            .get(&(value.to_owned(), language.to_owned()))
            .map_or_else(|| self.label_of(value), String::as_str)
    }

    /// Every label in another language, by option value and language.
    pub fn labels(&self) -> Vec<ClassLabel> {
        self.translations
            .iter()
            .map(|((value, language), label)| ClassLabel {
                value: value.clone(),
                language: language.clone(),
                label: label.clone(),
            })
            .collect()
    }

    /// The active options that have no label in `language`.
    pub fn untranslated(&self, language: &str) -> Vec<&ProtectedClassOption> {
        self.form_choices()
            .into_iter()
            .filter(|o| {
                !self
                    .translations
                    .contains_key(&(o.value.clone(), language.to_owned()))
            })
            .collect()
    }

    /// This catalog with the retired options among `values` offered again,
    /// before the others and marked "(retired option)": correcting an old
    /// report must not drop a class it was filed with.
    pub fn keeping(&self, values: &[String]) -> Self {
        let mut options = self.options.clone();
        let mut next = i32::MIN / 2;
        for o in &mut options {
            if o.form_order.is_none() && values.contains(&o.value) {
                o.form_order = Some(next);
                o.label = format!("{} (retired option)", o.label);
                next += 1;
            }
        }
        Self {
            options,
            translations: self.translations.clone(),
        }
    }

    /// Every option, active and retired, in the order given.
    pub fn all(&self) -> &[ProtectedClassOption] {
        &self.options
    }

    /// The choices the form offers: active options by form_order, "Other
    /// reason" last.
    pub fn form_choices(&self) -> Vec<&ProtectedClassOption> {
        in_form_order(&self.options)
    }

    /// The values the database accepts: every option, retired ones included.
    pub fn accepted_values(&self) -> Vec<&str> {
        self.options.iter().map(|o| o.value.as_str()).collect()
    }

    /// The option with this value, active or retired.
    pub fn get(&self, value: &str) -> Option<&ProtectedClassOption> {
        self.options.iter().find(|o| o.value == value)
    }

    /// Whether the form offers this value today.
    pub fn is_offered(&self, value: &str) -> bool {
        self.get(value).is_some_and(ProtectedClassOption::is_active)
    }

    /// The code staff views show for a value (the value itself if unknown).
    pub fn code_of<'a>(&'a self, value: &'a str) -> &'a str {
        self.get(value).map_or(value, |o| o.code.as_str())
    }

    /// The label for a value (the value itself if unknown).
    pub fn label_of<'a>(&'a self, value: &'a str) -> &'a str {
        self.get(value).map_or(value, |o| o.label.as_str())
    }

    /// Sorts stored values in form order (retired ones after active ones, by value).
    pub fn sort_values(&self, values: &mut [String]) {
        values.sort_by_key(|v| {
            let o = self.get(v);
            let order = o.and_then(|o| o.form_order).unwrap_or(i32::MAX);
            other_last(v, (order, v.clone()))
        });
    }
}

/// Today's options (DOMAIN.md), as the data migrations leave them. Useful for
/// tests and for embedding the domain without a database.
pub fn current_options() -> Vec<ProtectedClassOption> {
    [
        ("age", "Age", "Age"),
        (
            "disability",
            "Disability",
            "Disability (including temporary or recovered and including HIV and drug addiction)",
        ),
        (
            "family_status",
            "Family status",
            "Family, marital, or parental status",
        ),
        (
            "gender",
            "Gender",
            "Gender identity (including gender stereotypes)",
        ),
        (
            "genetic",
            "Genetic",
            "Genetic information (including family medical history)",
        ),
        ("gun_ownership", "Gun ownership", "Gun ownership"),
        (
            "immigration",
            "Immigration",
            "Immigration/citizenship status (choosing this will not share your status)",
        ),
        ("language", "Language", "Language"),
        (
            "national_origin",
            "National origin",
            "National origin (including ancestry and ethnicity)",
        ),
        ("pregnancy", "Pregnancy", "Pregnancy"),
        ("race_color", "Race/color", "Race/color"),
        ("religion", "Religion", "Religion"),
        ("sex", "Sex", "Sex"),
        ("orientation", "Orientation", "Sexual orientation"),
        ("none", "None", "None of these apply to me"),
        ("other", "Other", "Other reason"),
    ]
    .into_iter()
    .zip(0..)
    .map(|((value, code, label), n)| ProtectedClassOption {
        value: value.into(),
        code: code.into(),
        label: label.into(),
        form_order: Some(n),
    })
    .collect()
}

/// A catalog of [`current_options`].
pub fn current_catalog() -> ProtectedClassCatalog {
    // The built-in list satisfies every invariant (tested below).
    ProtectedClassCatalog::new(current_options()).unwrap_or_else(|e| unreachable!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opt(value: &str, code: &str, order: Option<i32>) -> ProtectedClassOption {
        ProtectedClassOption {
            value: value.into(),
            code: code.into(),
            label: format!("{value} label"),
            form_order: order,
        }
    }

    #[test]
    fn keeping_offers_a_reports_retired_classes_again() {
        let c = ProtectedClassCatalog::new(vec![
            opt("age", "Age", Some(1)),
            opt("old", "Old", None),
            opt("gone", "Gone", None),
            opt(OTHER, "Other", Some(2)),
        ])
        .unwrap();
        let kept = c.keeping(&["old".to_owned(), "age".to_owned()]);
        let offered: Vec<&str> = kept
            .form_choices()
            .iter()
            .map(|o| o.value.as_str())
            .collect();
        assert_eq!(
            offered,
            vec!["old", "age", OTHER],
            "retired first, Other still last"
        );
        assert!(kept.label_of("old").ends_with("(retired option)"));
        assert!(!offered.contains(&"gone"));
        assert_eq!(c.form_choices().len(), 2, "the catalog itself is unchanged");
    }

    #[test]
    fn current_catalog_views() {
        let c = current_catalog();
        let choices: Vec<_> = c.form_choices().iter().map(|o| o.value.as_str()).collect();
        assert_eq!(choices.len(), 16);
        assert_eq!(choices.first(), Some(&"age"));
        assert_eq!(choices.last(), Some(&"other"));
        assert_eq!(c.code_of("race_color"), "Race/color");
        assert_eq!(c.label_of("none"), "None of these apply to me");
        assert_eq!(c.code_of("unknown_value"), "unknown_value");
    }

    #[test]
    fn retired_options_are_accepted_but_not_offered() {
        let mut options = current_options();
        options.push(ProtectedClassOption {
            value: "national_origin_ancestry_ethnicity_language".into(),
            code: "National origin/language".into(),
            label: "National origin (including ancestry, ethnicity, and language)".into(),
            form_order: None,
        });
        let c = ProtectedClassCatalog::new(options).unwrap();
        let old = "national_origin_ancestry_ethnicity_language";
        assert!(c.accepted_values().contains(&old));
        assert!(!c.form_choices().iter().any(|o| o.value == old));
        assert!(!c.is_offered(old) && c.is_offered("language"));
        assert_eq!(
            c.label_of(old),
            "National origin (including ancestry, ethnicity, and language)"
        );
        let mut values = vec![old.to_string(), "other".into(), "age".into()];
        c.sort_values(&mut values);
        assert_eq!(values, ["age", old, "other"]);
    }

    #[test]
    fn other_is_last_on_the_form_even_if_ordered_in_between() {
        // form_order gives "other" the highest active position only if valid;
        // an "other" below another option is refused outright.
        let err = ProtectedClassCatalog::new(vec![
            opt("other", "Other", Some(1)),
            opt("age", "Age", Some(2)),
        ]);
        assert_eq!(err, Err(CatalogError::OtherNotLast));
        // A retired "other" does not count.
        assert!(
            ProtectedClassCatalog::new(vec![
                opt("other", "Other", None),
                opt("age", "Age", Some(2))
            ])
            .is_ok()
        );
    }

    #[test]
    fn invariants() {
        use CatalogError::*;
        let cases = [
            (
                vec![opt("a", "A", Some(0)), opt("a", "B", Some(1))],
                DuplicateValue("a".into()),
            ),
            (
                vec![opt("a", "A", Some(0)), opt("b", "A", Some(1))],
                DuplicateCode("A".into()),
            ),
            (
                vec![opt("a", "A", Some(0)), opt("b", "B", Some(0))],
                DuplicateOrder(0),
            ),
            (vec![opt("a", "A", None), opt("b", "B", None)], NoneActive),
            (vec![opt("", "A", Some(0))], Empty),
            (vec![opt("a", " ", Some(0))], Empty),
        ];
        for (options, expected) in cases {
            assert_eq!(
                ProtectedClassCatalog::new(options),
                Err(expected.clone()),
                "{expected}"
            );
        }
        // Two retired options may share no position problem.
        assert!(
            ProtectedClassCatalog::new(vec![
                opt("a", "A", None),
                opt("b", "B", None),
                opt("c", "C", Some(0))
            ])
            .is_ok()
        );
    }
}

//! The raw answers of a draft.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The raw answers of a draft: field name → submitted values, as posted by
/// the form (checkbox groups have several values).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers(BTreeMap<String, Vec<String>>);

impl Answers {
    /// No answers yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Builds answers from name/value pairs (repeated names accumulate).
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let mut a = Self::new();
        for (k, v) in pairs {
            a.0.entry(k.into()).or_default().push(v.into());
        }
        a
    }
    /// The first value of a field, trimmed; `None` when absent or blank.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .get(field)?
            .iter()
            .map(|v| v.trim())
            .find(|v| !v.is_empty())
    }
    /// Every non-blank value of a field, trimmed.
    pub fn values(&self, field: &str) -> Vec<&str> {
        self.0
            .get(field)
            .map(|vs| {
                vs.iter()
                    .map(|v| v.trim())
                    .filter(|v| !v.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
    /// Sets a field's values (replacing what was there).
    pub fn set(&mut self, field: impl Into<String>, values: Vec<String>) {
        self.0.insert(field.into(), values);
    }
    /// Replaces the given fields with their values in `posted` (fields absent
    /// from `posted`, like unticked checkboxes, are cleared); other fields
    /// and unknown posted names are left alone.
    pub fn replace_fields(&mut self, fields: &[&str], posted: &Answers) {
        for f in fields {
            match posted.0.get(*f) {
                Some(v) => {
                    self.0.insert((*f).to_owned(), v.clone());
                }
                None => {
                    self.0.remove(*f);
                }
            }
        }
    }
    /// Every field with its values.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }
}

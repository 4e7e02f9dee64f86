//! The words of a page in its language: a question's label and hint, an
//! option, a step's title, a stage, a protected-class option, from the
//! message files (`field-…`, `option-…`, `step-…`, `stage-…`) and the
//! catalog's labels. Staff pages use English.

use crt_domain::{fields, form::Step, protected_class::ProtectedClassCatalog};

/// The words of one language for a page: the message files' `field-…`,
/// `option-…`, `step-…` and `stage-…` messages. Staff pages use English.
#[derive(Clone, Copy)]
pub(crate) struct Words<'a> {
    pub messages: &'a crt_i18n::Messages,
    pub lang: &'a str,
}

impl<'a> Words<'a> {
    /// The words of `lang`.
    pub fn new(messages: &'a crt_i18n::Messages, lang: &'a str) -> Self {
        Self { messages, lang }
    }
    /// English (staff pages).
    pub fn english(messages: &'a crt_i18n::Messages) -> Self {
        Self::new(messages, crt_i18n::DEFAULT)
    }
    /// A message, if there is one by that id (in this language, else English).
    fn get(&self, id: &str) -> Option<String> {
        self.messages
            .get(self.lang, id, &[])
            .or_else(|| self.messages.get(crt_i18n::DEFAULT, id, &[]))
    }
    /// A question's label (a staff-only field: the label given).
    pub fn label(&self, field: &str, fallback: &str) -> String {
        self.get(&format!("field-{field}"))
            .unwrap_or_else(|| fallback.to_owned())
    }
    /// A question's hint (none when the form gives it none).
    pub fn hint(&self, field: &str, fallback: &str) -> String {
        if fallback.is_empty() {
            return String::new();
        }
        self.get(&format!("field-{field}-hint"))
            .unwrap_or_else(|| fallback.to_owned())
    }
    /// An option's label.
    pub fn option(&self, field: &str, value: &str, fallback: &str) -> String {
        let id = if field == fields::names::LAST_INCIDENT_MONTH {
            format!("month-{value}")
        } else {
            format!("option-{field}-{value}")
        };
        self.get(&id).unwrap_or_else(|| fallback.to_owned())
    }
    /// A step's page title.
    pub fn step_title(&self, step: &Step) -> String {
        let key = if step.name.starts_with("location-") {
            "location"
        } else {
            step.name
        };
        self.get(&format!("step-{key}"))
            .unwrap_or_else(|| step.title.to_owned())
    }
    /// A progress-bar stage's name.
    pub fn stage(&self, stage: &str) -> String {
        let key = stage.to_ascii_lowercase().replace(' ', "-");
        self.get(&format!("stage-{key}"))
            .unwrap_or_else(|| stage.to_owned())
    }
    /// A protected-class option's label in this language (the English one
    /// when no translation was given).
    pub fn class_label<'c>(&self, catalog: &'c ProtectedClassCatalog, value: &'c str) -> &'c str {
        catalog.label_in(value, self.lang)
    }
}

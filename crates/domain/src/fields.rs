//! What each field of the public form is to a person: its label, hint and
//! kind of input. One entry per field name; the web layer renders inputs,
//! the review page and the staff view from this table, so a label is
//! written once. A test checks that every field a step asks has an entry.
//!
//! The fields' names ([`names`]) and limits ([`limits`]) are here too, so
//! that the step parsers, the step registry and this table share them; the
//! table itself has its own file.

pub mod names;
mod table;

pub use table::FIELDS;

/// Field limits (characters unless said otherwise).
pub mod limits {
    /// Names, e-mail, phone, address lines, location name.
    pub const SHORT: usize = 225;
    /// City fields.
    pub const CITY: usize = 700;
    /// ZIP codes.
    pub const ZIP: usize = 10;
    /// other_class, other_commercial_or_public_place.
    pub const OTHER: usize = 150;
    /// violation_summary, staff comments.
    pub const SUMMARY_CHARS: usize = 7000;
    /// violation_summary words.
    pub const SUMMARY_WORDS: usize = 500;
}

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
mod tests;

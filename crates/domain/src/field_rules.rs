//! The field rules under the step registry: the raw [`Answers`], the
//! [`Check`] that reads them and collects every problem, and one parser per
//! step. Nothing here knows the step registry (`crate::form` uses this
//! module, not the other way round); [`crate::validation`] is the public
//! face of these items and adds `validate_report` on top of the registry.

mod answers;
mod check;
mod parsers;

pub use answers::Answers;
pub(crate) use check::Parts;
pub use check::{Check, Context, FieldError, FieldErrors, MessageArg, Problem};
pub use parsers::{
    parse_concern, parse_contact, parse_incident_date, parse_location, parse_primary_complaint,
    parse_protected_classes, parse_violation_summary, parse_witness,
};

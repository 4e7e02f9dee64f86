//! # crt-domain
//!
//! The pure rules of the civil-rights reporting portal: what a report is,
//! how the public form's answers are checked (each problem a code that the
//! web layer words in the reader's language), which protected classes exist, which form steps exist and
//! when they show, which section a report is routed to, and the ports
//! (traits) through which the rest of the system stores and sends things.
//! No database, HTTP, e-mail or async runtime crate is a dependency.
//!
//! ## Use cases
//! Each use case is a service in [`service`]: [`service::FileReport`],
//! [`service::SaveDraftStep`], [`service::ChangeReport`],
//! [`service::BulkChange`], [`service::QueueLetter`], [`service::SignIn`]
//! and [`service::ChangeCatalog`]. A service holds `Arc<dyn Port>`s and a
//! [`ports::Clock`]; the web pages, the JSON API and the CLI call the same
//! service, so a rule is written once whichever door a request comes in by.
//!
//! ## Implementing the ports
//! The ports are the traits in [`ports`] (reports, drafts, the
//! protected-class catalog, staff accounts and sessions), in
//! [`email`] (the outbox and the sender) and in [`service`] (the letters,
//! the worker's wake-up, the catalog's changes). An adapter implements them
//! with [`async_trait`](https://docs.rs/async-trait) and maps its own
//! failures to [`ports::RepositoryError`]:
//! - store what the service decided, nothing more: a repository never
//!   applies a rule itself. [`ports::ReportRepository::update_staff`]
//!   is one unit of work: lock and read each report, call the service's
//!   `decide`, write exactly what it returns (with its activity entries),
//!   and refuse a stale `expected_version` with `Conflict`;
//! - return `NotFound`, `Duplicate`, `Conflict`, `Invalid`, `Corrupt` or
//!   `Backend` as each method's documentation says, so services can tell
//!   a person what happened;
//! - be safe to call from several processes at once (the portal runs as
//!   several instances on one database).
//!
//! `examples/file_report.rs` wires `FileReport` to an in-memory
//! repository in about a hundred lines (`cargo run -p crt-domain --example
//! file_report`); `crt-persistence` is the full adapter over SQLite and
//! PostgreSQL, and its tests are the behaviour a new adapter should match.
//!
//! ```
//! use chrono::NaiveDate;
//! use crt_domain::{
//!     protected_class::current_catalog,
//!     report::{Section, StaffFields},
//!     routing::assign_section,
//!     validation::{validate_report, Answers, Context, Problem},
//!     values::PublicId,
//! };
//!
//! let catalog = current_catalog();
//! let ctx = Context { catalog: &catalog, today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap() };
//!
//! // A draft with a mistake: every problem comes back at once.
//! let mut draft = Answers::from_pairs([
//!     ("servicemember", "no"),
//!     ("contact_email", "not-an-address"),
//!     ("primary_complaint", "voting"),
//!     ("location_name", "City Hall"),
//!     ("location_city_town", "Springfield"),
//!     ("location_state", "IL"),
//!     ("protected_class", "disability"),
//!     ("last_incident_month", "11"),
//!     ("last_incident_year", "2026"),
//! ]);
//! let errors = validate_report(&draft, ctx).unwrap_err();
//! let email = errors.for_field("contact_email");
//! assert_eq!(email[0].problem, Problem::InvalidEmail);
//! assert_eq!(email[0].message_id().as_deref(), Some("error-email-invalid"));
//! assert_eq!(errors.for_field("violation_summary")[0].problem, Problem::Missing);
//!
//! // Fixed, it becomes a report, routed with a reason.
//! draft.set("contact_email", vec!["voter@example.org".into()]);
//! draft.set("violation_summary", vec!["The polling place had no ramp.".into()]);
//! let report = validate_report(&draft, ctx).unwrap();
//! let (section, why) = assign_section(&report);
//! assert_eq!(section, Section::DisabilityRights);
//! assert!(why.contains("disability"));
//!
//! // What a repository would store, and the record number it would show.
//! let staff = StaffFields::new_report(section, why);
//! let public_id = PublicId::generate(4711, &mut rand::rng());
//! assert!(public_id.to_string().starts_with("4711-"));
//! assert_eq!(staff.status.to_string(), "new");
//! ```

#![warn(missing_docs)]

pub mod accounts;
pub mod attachments;
pub mod catalog_change;
pub mod choice;
pub mod dashboard;
pub mod draft;
pub mod email;
pub mod export;
mod field_rules;
pub mod fields;
pub mod form;
pub mod intake;
pub mod list_query;
pub mod notifications;
pub mod ports;
pub mod protected_class;
pub mod reference;
pub mod repeat_writers;
pub mod report;
pub mod retention;
pub mod routing;
pub mod saved_search;
pub mod search;
pub mod service;
pub mod staff;
pub mod tags;
pub mod trends;
pub mod validation;
pub mod values;

/// An error with every cause after it (`a: b: c`): several crates' errors
/// (tera, reqwest, openidconnect) say the useful part only in a cause.
pub fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

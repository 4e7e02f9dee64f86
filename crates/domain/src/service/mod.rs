//! Use-case services: each use case of the portal written once, over the
//! ports. The HTML pages, the JSON API and the CLI are doors into these;
//! none of them decides a business rule itself, and no repository does
//! either (it stores what a service decided, under a version guard).
//!
//! | use case | service | called by |
//! | --- | --- | --- |
//! | take one step of the public form | [`SaveDraftStep`] | `POST /report/`, `GET /report/` |
//! | file a report | [`FileReport`] | the review step (through `SaveDraftStep`); `/form/new/` and `/form/new/phone/<name>/`; `POST /api/reports` |
//! | change one report | [`ChangeReport`] | `POST /form/view/<id>/`, opening and printing a report, `crt-admin report reroute` |
//! | correct a report's answers | [`CorrectReport`] | `/form/view/<id>/correct/` |
//! | change many reports | [`BulkChange`] | `POST /form/actions/` |
//! | write to a complainant | [`QueueLetter`] | `/form/view/<id>/contact/…` |
//! | staff sign-in and sessions | [`SignIn`] | `/accounts/login/`, `/accounts/logout/`, the staff guard |
//! | staff single sign-on | [`SingleSignOn`] | `/auth/login`, `/auth/callback`, `/accounts/logout/` |
//! | change the protected-class catalog | [`ChangeCatalog`] | `crt-admin protected-class …` |
//! | personal API tokens | [`ApiTokens`] | `crt-admin token …` |
//! | retention and disposal | [`Retention`] | `/form/retention/…`, `crt-admin retention …` |
//!
//! Services hold `Arc<dyn Port>`s and a [`Clock`](crate::ports::Clock), so
//! this crate stays free of I/O crates; their errors are their own (rule
//! errors never travel through [`RepositoryError`](crate::ports::RepositoryError)).

mod api_tokens;
mod attachments;
mod automatic_actions;
mod catalog;
mod change;
mod correct;
mod dashboard;
mod filing;
mod letters;
mod limits;
mod notifications;
mod retention;
mod saved_searches;
mod sign_in;
mod sso;
mod step;
mod triage;

pub use api_tokens::{
    ApiCaller, ApiSecret, ApiTokenError, ApiTokens, DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS,
    TOKEN_PREFIX,
};
pub use attachments::{AttachmentError, Attachments, DEFAULT_MAX_BYTES, Upload};
pub use automatic_actions::{ActionError, ActionSummary, AutomaticActions, PREVIEW_LISTS, Preview};
pub use catalog::{CatalogAdminRepository, CatalogChangeError, CatalogPreview, ChangeCatalog};
pub use change::{
    BulkChange, BulkError, BulkTarget, ChangeReport, ChangeReportError, MAX_BULK, change_report,
    reroute_change,
};
pub use correct::{CorrectError, CorrectReport, Corrected, corrections};
pub use dashboard::{Band, Figures, MEDIAN_SAMPLE};
pub use filing::{
    AUTO_RESPONSE_LETTER, AutoResponse, FileError, FileReport, Filed, Intake, Recorded, StaffIntake,
};
pub use letters::{LetterError, LetterRenderer, QueueLetter, Queued, RenderedLetter, StaffLetter};
pub use limits::{Limit, Permit, PublicLimits, RateLimits};
pub use notifications::{ChoiceError, NoticeRenderer, Notifications, SendSummary};
pub use retention::{
    BatchRun, DisposalRun, MAX_BATCH, Proposal, Retention, RetentionError, outcome_label,
    state_label,
};
pub use saved_searches::{SavedSearchError, SavedSearches};
pub use sign_in::{
    MAX_ADDRESS_FAILURES, MAX_FAILURES, PasswordSignIn, SignIn, SignInError, SignedIn, StaffToken,
    address_bucket, address_window, max_delay, pair_window, retry_delay, session_length, wait_text,
};
pub use sso::{GroupPolicy, ProviderAnswer, SingleSignOn, SsoError, Started, flow_length};
pub use step::{
    CHALLENGE_FIELD, CHALLENGE_RESPONSE, SaveDraftStep, ShowOutcome, StepOutcome, Visitor,
    draft_ttl, filed_grace,
};
pub use triage::{TagError, Triage};

/// Wakes whatever sends queued mail (the outbox worker), so a mail queued
/// by a use case goes out now rather than at the next poll.
pub trait OutboxWake: Send + Sync {
    /// Something was queued.
    fn wake(&self);
}

/// No worker to wake (the CLI, tests): queued mail waits for its poll.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoWake;

impl OutboxWake for NoWake {
    fn wake(&self) {}
}

//! sea-orm entities. Private to this crate: everything outside sees domain
//! types only.

pub(crate) mod activity;
pub(crate) mod api_token;
pub(crate) mod app_user;
pub(crate) mod attachment;
pub(crate) mod disposal_approval;
pub(crate) mod disposal_batch;
pub(crate) mod disposal_batch_report;
pub(crate) mod disposed_report;
pub(crate) mod email_outbox;
pub(crate) mod email_suppression;
pub(crate) mod login_attempt;
pub(crate) mod protected_class;
pub(crate) mod protected_class_audit;
pub(crate) mod protected_class_label;
pub(crate) mod rate_event;
pub(crate) mod report;
pub(crate) mod report_draft;
pub(crate) mod report_protected_class;
pub(crate) mod report_tag;
pub(crate) mod retention_default;
pub(crate) mod retention_schedule;
pub(crate) mod sso_flow;
pub(crate) mod staff_session;
pub(crate) mod tag;
pub(crate) mod trend;

//! E-mail rules: what a mail's status can be and how it may move, the sender
//! port and its error classes, the retry schedule, the recipient policy, the
//! TMS webhook's fields, and the variables a letter is rendered with. No I/O:
//! the senders live in `crt-mail`, the outbox table in `crt-persistence`.
//!
//! The statuses and the webhook's rules, the sender with the recipient and
//! retry policies, the outbox's types and port, and the letter variables
//! each have their own file.

mod letter;
mod outbox;
mod sending;
mod status;

pub use letter::{LETTER_VARIABLES, letter_variables};
pub use outbox::{
    EmailPurpose, GAVE_UP, NewLetter, OutboxCounts, OutboxEmail, OutboxRepository, RequeueScope,
};
pub use sending::{Delivery, EmailSender, OutgoingEmail, RecipientPolicy, RetryPolicy, SendError};
pub use status::{
    EmailStatus, WebhookOutcome, parse_completed_at, parse_tms_status, tms_id_from_message_url,
    webhook_transition,
};

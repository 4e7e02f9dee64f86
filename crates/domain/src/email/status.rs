//! Where a mail is in its life, and the TMS delivery callback's fields and
//! rules.

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::choice::choice_enum;

choice_enum! {
    /// Where a mail is in its life. `new` waits in the outbox (also between
    /// retries); `sending` was accepted by TMS and waits for its delivery
    /// callback; `sent`, `failed` and `skipped` are final; `inconclusive` is
    /// TMS's "we could not tell" and may still become sent or failed.
    pub enum EmailStatus {
        /// Queued, not yet accepted by a provider.
        New = ("new", "New"),
        /// Accepted by TMS, delivery not yet confirmed.
        Sending = ("sending", "Sending"),
        /// Delivered (SMTP: accepted by the server).
        Sent = ("sent", "Sent"),
        /// Refused for good, or out of retries.
        Failed = ("failed", "Failed"),
        /// TMS could not tell whether it was delivered.
        Inconclusive = ("inconclusive", "Inconclusive"),
        /// Not sent because of the recipient policy or the do-not-email list.
        Skipped = ("skipped", "Not sent (recipient policy)"),
    }
}

impl EmailStatus {
    /// Order used to keep webhook updates monotonic.
    fn rank(self) -> u8 {
        match self {
            Self::New => 0,
            Self::Sending => 1,
            Self::Inconclusive => 2,
            Self::Sent | Self::Failed | Self::Skipped => 3,
        }
    }

    /// Whether nothing more will happen to the mail.
    pub fn is_final(self) -> bool {
        self.rank() == 3
    }
}

/// The status a delivery callback moves a mail to, or `None` when it must
/// not move (a replayed or late callback never takes a mail backwards, and a
/// final status is never replaced by another final one).
pub fn webhook_transition(current: EmailStatus, incoming: EmailStatus) -> Option<EmailStatus> {
    (incoming.rank() > current.rank()).then_some(incoming)
}

/// TMS's recipient status words, mapped to ours (`None`: not a TMS status).
pub fn parse_tms_status(s: &str) -> Option<EmailStatus> {
    Some(match s.trim().to_ascii_lowercase().as_str() {
        "new" | "queued" => EmailStatus::New,
        "sending" => EmailStatus::Sending,
        "sent" | "delivered" => EmailStatus::Sent,
        "failed" | "blacklisted" | "canceled" | "cancelled" => EmailStatus::Failed,
        "inconclusive" => EmailStatus::Inconclusive,
        _ => return None,
    })
}

/// Reads TMS's `completed_at` ("YYYY-MM-DD HH:MM:SS UTC").
pub fn parse_completed_at(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let s = s.strip_suffix("UTC").unwrap_or(s).trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|n| n.and_utc())
}

/// The message id at the end of TMS's `message_url`
/// (e.g. `https://tms.example/messages/email/123` or `/messages/email/123`).
pub fn tms_id_from_message_url(url: &str) -> Option<String> {
    let last = url.trim().trim_end_matches('/').rsplit('/').next()?;
    let ok = !last.is_empty()
        && last.len() <= 100
        && last
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then(|| last.to_owned())
}

/// What a delivery callback did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebhookOutcome {
    /// The status moved to this.
    Updated(EmailStatus),
    /// Nothing changed (a replay, or a callback older than what we know).
    Unchanged(EmailStatus),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_never_moves_backwards_or_between_final_states() {
        use EmailStatus::*;
        assert_eq!(webhook_transition(New, Sending), Some(Sending));
        assert_eq!(webhook_transition(Sending, Sent), Some(Sent));
        assert_eq!(
            webhook_transition(Sending, Inconclusive),
            Some(Inconclusive)
        );
        assert_eq!(webhook_transition(Inconclusive, Sent), Some(Sent));
        assert_eq!(webhook_transition(Inconclusive, Failed), Some(Failed));
        assert_eq!(webhook_transition(Sent, Sending), None);
        assert_eq!(webhook_transition(Sent, Sent), None);
        assert_eq!(webhook_transition(Sent, Failed), None);
        assert_eq!(webhook_transition(Failed, Sent), None);
        assert_eq!(webhook_transition(Sending, Sending), None);
    }

    #[test]
    fn tms_fields_parse() {
        assert_eq!(parse_tms_status("SENT"), Some(EmailStatus::Sent));
        assert_eq!(parse_tms_status("blacklisted"), Some(EmailStatus::Failed));
        assert_eq!(parse_tms_status("exploded"), None);
        assert_eq!(
            parse_completed_at("2026-11-25 14:03:09 UTC")
                .unwrap()
                .to_rfc3339(),
            "2026-11-25T14:03:09+00:00"
        );
        assert_eq!(parse_completed_at("yesterday"), None);
        assert_eq!(
            tms_id_from_message_url("https://tms.example/messages/email/4242").as_deref(),
            Some("4242")
        );
        assert_eq!(
            tms_id_from_message_url("/messages/email/abc-9/").as_deref(),
            Some("abc-9")
        );
        assert_eq!(tms_id_from_message_url("/messages/email/<x>"), None);
        assert_eq!(tms_id_from_message_url(""), None);
    }
}

//! Handing mails to a provider: the sender port and its error classes, the
//! recipient policy and the retry schedule.

use std::time::Duration;

use async_trait::async_trait;

use super::EmailStatus;
use crate::values::Email;

/// A mail ready to hand to a provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingEmail {
    /// The one recipient.
    pub recipient: Email,
    /// Subject line (plain text).
    pub subject: String,
    /// HTML body.
    pub html_body: String,
    /// The same on every attempt of one outbox mail, different for every
    /// other mail (letters, digits, `.` and `-`): the SMTP sender makes it
    /// the Message-ID, so a mail sent again after a crash between the
    /// server's OK and the outbox update shows as the one message it is.
    pub reference: String,
}

/// What a provider said when it took a mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The provider's message id (TMS), if it gives one.
    pub provider_id: Option<String>,
    /// `Sending` when a callback will confirm delivery (TMS), `Sent` when
    /// acceptance is all we will learn (SMTP, in-memory), `Inconclusive`
    /// when the provider took it but we cannot follow it (no message id).
    pub status: EmailStatus,
    /// Why the status is not the usual one (stored as the mail's message).
    pub note: Option<String>,
}

/// Why a provider did not take a mail.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Retrying will not help (TMS 4xx, an address SMTP refuses).
    #[error("refused: {0}")]
    Permanent(String),
    /// Try again later (5xx, timeout, connection refused).
    #[error("temporary failure: {0}")]
    Transient(String),
}

/// Hands mails to a provider (TMS, SMTP, or memory in tests).
#[async_trait]
pub trait EmailSender: Send + Sync {
    /// Short name for logs and `check-config` ("tms", "smtp", "memory").
    fn name(&self) -> &'static str;

    /// Sends one mail.
    ///
    /// Errors: `Permanent` when the provider refuses it for good;
    /// `Transient` when it may work later.
    async fn send(&self, mail: &OutgoingEmail) -> Result<Delivery, SendError>;
}

/// `RESTRICT_EMAIL_RECIPIENTS_TO`: when it lists addresses, mail goes only
/// to them (compared without regard to case).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecipientPolicy {
    only: Vec<String>,
}

impl RecipientPolicy {
    /// Reads the `;`-separated list (blank entries ignored; empty = anyone).
    pub fn parse(list: &str) -> Self {
        Self {
            only: list
                .split(';')
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }

    /// Whether mail is restricted to a list.
    pub fn is_restricted(&self) -> bool {
        !self.only.is_empty()
    }

    /// The addresses mail is restricted to (empty: no restriction).
    pub fn addresses(&self) -> &[String] {
        &self.only
    }

    /// Whether `email` may receive mail.
    pub fn allows(&self, email: &Email) -> bool {
        self.only.is_empty() || self.only.contains(&email.as_str().to_ascii_lowercase())
    }
}

/// How often and how long a transient failure is retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Wait after the first failed attempt.
    pub first_delay: Duration,
    /// Longest wait between attempts.
    pub max_delay: Duration,
    /// Attempts before the mail is marked failed.
    pub max_attempts: i32,
}

impl Default for RetryPolicy {
    /// 1 min, 2, 4, … capped at 1 h; 10 attempts (about 4 hours in all).
    fn default() -> Self {
        Self {
            first_delay: Duration::from_secs(60),
            max_delay: Duration::from_secs(3600),
            max_attempts: 10,
        }
    }
}

impl RetryPolicy {
    /// The wait after attempt number `attempts` failed (1-based), or `None`
    /// when no attempt is left.
    pub fn delay_after(&self, attempts: i32) -> Option<Duration> {
        if attempts >= self.max_attempts {
            return None;
        }
        let doublings = u32::try_from(attempts.saturating_sub(1))
            .unwrap_or(0)
            .min(30);
        let delay = self.first_delay.saturating_mul(1u32 << doublings);
        Some(delay.min(self.max_delay))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipient_policy() {
        let anyone = RecipientPolicy::parse(" ; ");
        let jane = Email::parse("Jane@Example.org").unwrap();
        let bob = Email::parse("bob@example.org").unwrap();
        assert!(!anyone.is_restricted());
        assert!(anyone.allows(&bob));
        let only = RecipientPolicy::parse("jane@example.org; dev@example.org");
        assert!(only.is_restricted());
        assert!(only.allows(&jane));
        assert!(!only.allows(&bob));
    }

    #[test]
    fn retry_delays_double_up_to_the_cap_then_stop() {
        let p = RetryPolicy::default();
        let mins = |n| p.delay_after(n).map(|d| d.as_secs() / 60);
        assert_eq!(mins(1), Some(1));
        assert_eq!(mins(2), Some(2));
        assert_eq!(mins(4), Some(8));
        assert_eq!(mins(7), Some(60));
        assert_eq!(mins(9), Some(60));
        assert_eq!(mins(10), None);
    }
}

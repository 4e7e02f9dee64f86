//! # crt-mail
//!
//! The e-mail adapters behind the domain's [`EmailSender`] port: the TMS API
//! client ([`tms::TmsSender`], deployed environments), SMTP
//! ([`smtp::SmtpSender`], local development with MailHog or
//! [`catcher::SmtpCatcher`]) and [`memory::MemorySender`] (tests); the
//! letters ([`letters::LetterBook`]); and the outbox [`worker::Worker`].
//! [`sender_from_settings`] picks the sender at start.

use std::sync::Arc;

use crt_domain::email::EmailSender;
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub mod catcher;
pub mod letters;
pub mod memory;
pub mod smtp;
pub mod tms;
pub mod worker;

/// Which sender the settings choose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SenderChoice {
    /// The TMS API.
    Tms {
        /// TMS_TARGET_ENDPOINT
        endpoint: String,
        /// TMS_AUTH_TOKEN
        token: String,
    },
    /// SMTP.
    Smtp {
        /// EMAIL_HOST
        host: String,
        /// EMAIL_PORT
        port: u16,
        /// EMAIL_FROM
        from: String,
    },
}

/// Builds the sender.
///
/// Errors: a message naming the setting that is wrong.
pub fn sender_from_settings(choice: &SenderChoice) -> Result<Arc<dyn EmailSender>, String> {
    Ok(match choice {
        SenderChoice::Tms { endpoint, token } => Arc::new(tms::TmsSender::new(endpoint, token)?),
        SenderChoice::Smtp { host, port, from } => {
            Arc::new(smtp::SmtpSender::new(host, *port, from)?)
        }
    })
}

/// Signed unsubscribe links for letter footers: the address and an HMAC of
/// it under `SECRET_KEY`, so nobody can unsubscribe someone else.
#[derive(Clone)]
pub struct UnsubscribeLinks {
    base_url: String,
    secret: String,
}

impl std::fmt::Debug for UnsubscribeLinks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnsubscribeLinks")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl UnsubscribeLinks {
    /// Links under `base_url` (the portal's public address, `SITE_URL`).
    pub fn new(base_url: &str, secret: &str) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            secret: secret.to_owned(),
        }
    }

    fn mac(&self, email: &str) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.secret.as_bytes())
            .expect("HMAC takes keys of any length");
        mac.update(b"unsubscribe:");
        mac.update(email.trim().to_ascii_lowercase().as_bytes());
        mac
    }

    /// The token for an address.
    pub fn token(&self, email: &str) -> String {
        hex::encode(self.mac(email).finalize().into_bytes())
    }

    /// Whether `token` was made for `email` (constant time).
    pub fn verify(&self, email: &str, token: &str) -> bool {
        match hex::decode(token.trim()) {
            Ok(bytes) => self.mac(email).verify_slice(&bytes).is_ok(),
            Err(_) => false,
        }
    }

    /// The unsubscribe page for an address.
    pub fn url(&self, email: &crt_domain::values::Email) -> String {
        format!(
            "{}/email/unsubscribe/?address={}&token={}",
            self.base_url,
            percent_encode(email.as_str()),
            self.token(email.as_str())
        )
    }
}

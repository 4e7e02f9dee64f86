//! # crt-mail
//!
//! The e-mail adapters behind the domain's [`EmailSender`] port: the TMS API
//! client ([`tms::TmsSender`], deployed environments), SMTP
//! ([`smtp::SmtpSender`], local development with MailHog or
//! [`catcher::SmtpCatcher`]) and [`memory::MemorySender`] (tests); the
//! letters ([`letters::LetterBook`]); and the outbox [`worker::Worker`].
//! [`sender_for`] picks the sender from a [`MailConfig`], which the
//! composition roots build from their settings (this crate does not read
//! settings itself).

use std::sync::Arc;

use crt_domain::email::{EmailSender, RecipientPolicy};
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub mod catcher;
mod config;
pub mod letters;
pub mod memory;
pub mod notices;
pub mod smtp;
pub mod staff_letters;
pub mod tms;
pub mod worker;

pub use config::{MailBackend, MailConfig};

/// The sender the configuration makes possible (`None`: e-mail is off, mail
/// waits), with the log line that says which and why. Used by `crt-portal`
/// at start and by `crt-admin mail send-pending`.
///
/// Errors: a message naming the setting that cannot make a sender.
pub fn sender_for(config: &MailConfig) -> Result<Option<Arc<dyn EmailSender>>, String> {
    let restricted = RecipientPolicy::parse(&config.restrict_recipients_to);
    let restricted = restricted.addresses().join(";");
    let sender: Arc<dyn EmailSender> = match &config.backend {
        MailBackend::Tms {
            endpoint,
            token,
            webhook_nets,
        } => {
            tracing::info!(
                backend = "tms",
                endpoint = %endpoint,
                webhook_nets = %webhook_nets,
                restricted_to = %restricted,
                "e-mail enabled: TMS_AUTH_TOKEN, TMS_TARGET_ENDPOINT and TMS_WEBHOOK_ALLOWED_CIDR_NETS are set"
            );
            Arc::new(tms::TmsSender::new(endpoint, token)?)
        }
        MailBackend::Smtp { host, port, from } => {
            tracing::info!(
                backend = "smtp",
                host = %host,
                port = *port,
                restricted_to = %restricted,
                "e-mail enabled: EMAIL_HOST is set and TMS is not fully configured"
            );
            Arc::new(smtp::SmtpSender::new(host, *port, from)?)
        }
        MailBackend::Off { missing } => {
            tracing::warn!(
                missing = %missing.join(", "),
                "e-mail disabled (EMAIL_ENABLED=false): queued mail waits and staff see no send controls"
            );
            return Ok(None);
        }
    };
    Ok(Some(sender))
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

/// Everything but unreserved characters escaped (RFC 3986).
const QUERY_ESCAPES: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn percent_encode(s: &str) -> percent_encoding::PercentEncode<'_> {
    percent_encoding::utf8_percent_encode(s, QUERY_ESCAPES)
}

impl UnsubscribeLinks {
    /// Links under the configuration's `site_url`, signed with its
    /// `unsubscribe_secret` (`SITE_URL` and `SECRET_KEY`).
    pub fn from_settings(config: &MailConfig) -> Self {
        Self::new(&config.site_url, &config.unsubscribe_secret)
    }

    /// Links under `base_url` (the portal's public address, `SITE_URL`).
    pub fn new(base_url: &str, secret: &str) -> Self {
        Self {
            base_url: base_url.trim_end_matches('/').to_owned(),
            secret: secret.to_owned(),
        }
    }

    fn mac(&self, email: &str) -> Hmac<Sha256> {
        // HMAC accepts keys of any length, so this cannot fail.
        #[allow(clippy::expect_used)]
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

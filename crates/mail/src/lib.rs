//! # crt-mail
//!
//! The e-mail adapters behind the domain's [`EmailSender`] port: the TMS API
//! client ([`tms::TmsSender`], deployed environments), SMTP
//! ([`smtp::SmtpSender`], local development with MailHog or
//! [`catcher::SmtpCatcher`]) and [`memory::MemorySender`] (tests); the
//! letters ([`letters::LetterBook`]); and the outbox [`worker::Worker`].
//! [`sender_for`] picks the sender from the settings.

use std::sync::Arc;

use crt_domain::email::{EmailSender, RecipientPolicy};
use crt_settings::{EmailState, Settings};
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub mod catcher;
pub mod letters;
pub mod memory;
pub mod smtp;
pub mod tms;
pub mod worker;

/// The sender the settings make possible (`None`: e-mail is off, mail
/// waits), with the log line that says which and why. Used by `crt-portal`
/// at start and by `crt-admin mail send-pending`.
///
/// Errors: a message naming the setting that cannot make a sender.
pub fn sender_for(settings: &Settings) -> Result<Option<Arc<dyn EmailSender>>, String> {
    let m = &settings.mail;
    let restricted = RecipientPolicy::parse(&m.restrict_recipients_to);
    let restricted = restricted.addresses().join(";");
    let sender: Arc<dyn EmailSender> = match &settings.email {
        EmailState::Tms => {
            let endpoint = m.tms_endpoint.as_deref().unwrap_or_default();
            tracing::info!(
                backend = "tms",
                endpoint = %endpoint,
                webhook_nets = %m.webhook_nets,
                restricted_to = %restricted,
                "e-mail enabled: TMS_AUTH_TOKEN, TMS_TARGET_ENDPOINT and TMS_WEBHOOK_ALLOWED_CIDR_NETS are set"
            );
            let token = m.tms_token.as_ref().map_or("", |t| t.expose());
            Arc::new(tms::TmsSender::new(endpoint, token)?)
        }
        EmailState::Smtp { host } => {
            tracing::info!(
                backend = "smtp",
                host = %host,
                port = m.smtp_port,
                restricted_to = %restricted,
                "e-mail enabled: EMAIL_HOST is set and TMS is not fully configured"
            );
            Arc::new(smtp::SmtpSender::new(host, m.smtp_port, &m.from)?)
        }
        EmailState::Off { missing } => {
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
    /// Links under `SITE_URL`, signed with `SECRET_KEY`.
    pub fn from_settings(settings: &Settings) -> Self {
        Self::new(&settings.site_url, settings.secret_key.expose())
    }

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

//! GovDelivery TMS: `POST {endpoint}/messages/email` with `X-AUTH-TOKEN`,
//! a JSON subject, HTML body and recipients, tracking off. The answer's `id`
//! (or its `_links.self`) is the message id the delivery webhook names.
//! 4xx is permanent; 5xx, timeouts and connection errors are transient.

use std::time::Duration;

use async_trait::async_trait;
use crt_domain::email::{Delivery, EmailSender, EmailStatus, OutgoingEmail, SendError};

/// The TMS API client.
pub struct TmsSender {
    client: reqwest::Client,
    url: String,
    token: String,
}

impl std::fmt::Debug for TmsSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TmsSender")
            .field("url", &self.url)
            .field("token", &"***")
            .finish()
    }
}

/// Installs ring as the process's TLS provider (once; later calls are no-ops).
pub fn install_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl TmsSender {
    /// A client for `endpoint` (e.g. `https://tms.govdelivery.com`) with a
    /// 15 s timeout.
    pub fn new(endpoint: &str, token: &str) -> Result<Self, String> {
        Self::with_timeout(endpoint, token, Duration::from_secs(15))
    }

    /// The same with another timeout (tests use a short one).
    pub fn with_timeout(endpoint: &str, token: &str, timeout: Duration) -> Result<Self, String> {
        install_tls_provider();
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("crt-portal/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the TMS HTTP client: {e}"))?;
        Ok(Self {
            client,
            url: format!("{}/messages/email", endpoint.trim_end_matches('/')),
            token: token.to_owned(),
        })
    }
}

fn message_id(answer: &serde_json::Value) -> Option<String> {
    match answer.get("id") {
        Some(serde_json::Value::Number(n)) => return Some(n.to_string()),
        Some(serde_json::Value::String(s)) if !s.is_empty() => return Some(s.clone()),
        _ => {}
    }
    answer
        .pointer("/_links/self")
        .and_then(|s| s.as_str())
        .and_then(crt_domain::email::tms_id_from_message_url)
}

/// TMS accepted the mail but gave no id to follow it by.
fn untracked(why: String) -> Delivery {
    tracing::warn!(answer = %why, "TMS accepted a mail without a usable message id");
    Delivery {
        provider_id: None,
        status: EmailStatus::Inconclusive,
        note: Some(format!(
            "accepted by TMS, but delivery cannot be followed: {why}"
        )),
    }
}

#[async_trait]
impl EmailSender for TmsSender {
    fn name(&self) -> &'static str {
        "tms"
    }

    async fn send(&self, mail: &OutgoingEmail) -> Result<Delivery, SendError> {
        let body = serde_json::json!({
            "subject": mail.subject,
            "body": mail.html_body,
            "recipients": [{"email": mail.recipient.as_str()}],
            "open_tracking_enabled": false,
            "click_tracking_enabled": false,
        });
        let answer = self
            .client
            .post(&self.url)
            .header("X-AUTH-TOKEN", &self.token)
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .body(body.to_string())
            .send()
            .await
            .map_err(|e| {
                let kind = if e.is_timeout() {
                    "timed out"
                } else if e.is_connect() {
                    "cannot connect"
                } else {
                    "request failed"
                };
                SendError::Transient(format!("TMS {kind}: {e}"))
            })?;
        let status = answer.status();
        let text = match answer.text().await {
            Ok(t) => t,
            // TMS took it (2xx): never send again, but we cannot follow it.
            Err(e) if status.is_success() => {
                return Ok(untracked(format!("TMS {status}, answer unreadable: {e}")));
            }
            Err(e) => {
                return Err(SendError::Transient(format!(
                    "TMS {status}, answer unreadable: {e}"
                )));
            }
        };
        let short: String = text.chars().take(500).collect();
        if status.is_client_error() {
            // 429 is "slow down", not "never".
            if status.as_u16() == 429 {
                return Err(SendError::Transient(format!("TMS {status}: {short}")));
            }
            return Err(SendError::Permanent(format!("TMS {status}: {short}")));
        }
        if !status.is_success() {
            return Err(SendError::Transient(format!("TMS {status}: {short}")));
        }
        let id = serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .as_ref()
            .and_then(message_id);
        Ok(match id {
            Some(id) => Delivery {
                provider_id: Some(id),
                status: EmailStatus::Sending,
                note: None,
            },
            None => untracked(format!("TMS {status} without a message id: {short}")),
        })
    }
}

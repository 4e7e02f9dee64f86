//! The bot challenge's verifier: Cloudflare Turnstile's `siteverify` API
//! (form-encoded `secret`, `response`, `remoteip`; a JSON answer with
//! `success` and `error-codes`), which compatible services speak too.

use std::{net::IpAddr, time::Duration};

use async_trait::async_trait;
use crt_domain::ports::HumanCheck;
use crt_settings::ChallengeSettings;
use serde::Deserialize;

/// Verifies challenge answers with the configured service.
pub struct SiteVerify {
    client: reqwest::Client,
    url: String,
    secret: String,
}

#[derive(Deserialize)]
struct Answer {
    success: bool,
    #[serde(default, rename = "error-codes")]
    error_codes: Vec<String>,
}

impl SiteVerify {
    /// A verifier for these settings, waiting at most 10 s for an answer.
    ///
    /// Errors: the HTTP client cannot be built.
    pub fn new(settings: &ChallengeSettings) -> Result<Self, String> {
        crt_mail::tms::install_tls_provider();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("crt-portal/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the challenge's HTTP client: {e}"))?;
        Ok(Self {
            client,
            url: settings.verify_url.clone(),
            secret: settings.secret_key.expose().to_owned(),
        })
    }
}

#[async_trait]
impl HumanCheck for SiteVerify {
    async fn verify(&self, response: &str, address: Option<IpAddr>) -> Result<bool, String> {
        let ip = address.map(|a| a.to_string());
        let mut form = vec![("secret", self.secret.as_str()), ("response", response)];
        if let Some(ip) = &ip {
            form.push(("remoteip", ip.as_str()));
        }
        let resp = self
            .client
            .post(&self.url)
            .form(&form)
            .send()
            .await
            .map_err(|e| {
                tracing::warn!(error = %e.without_url(), "the challenge verifier is unreachable");
                "unreachable".to_owned()
            })?;
        let status = resp.status();
        if !status.is_success() {
            tracing::warn!(%status, "the challenge verifier refused the request");
            return Err(format!("answered {status}"));
        }
        let body = resp.bytes().await.map_err(|e| {
            tracing::warn!(error = %e.without_url(), "the challenge verifier's answer was cut off");
            "answer cut off".to_owned()
        })?;
        let answer: Answer = serde_json::from_slice(&body).map_err(|e| {
            tracing::warn!(error = %e, "the challenge verifier's answer is not the expected JSON");
            "unreadable answer".to_owned()
        })?;
        if !answer.success {
            tracing::info!(codes = ?answer.error_codes, "challenge not passed");
        }
        Ok(answer.success)
    }
}

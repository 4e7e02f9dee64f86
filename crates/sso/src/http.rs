//! The OpenID Connect client's HTTP: the workspace's reqwest on rustls
//! (ring), trusting the system's CA certificates plus `AUTH_CA_BUNDLE`'s
//! (for the provider only: this client is used for nothing else), with no
//! redirects followed and a timeout on every request.

use std::{future::Future, pin::Pin, time::Duration};

use openidconnect::{AsyncHttpClient, HttpRequest, HttpResponse};

/// How long one request to the provider may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Why a request to the provider failed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

/// The provider's HTTP client.
#[derive(Clone, Debug)]
pub struct Http(reqwest::Client);

impl Http {
    /// A client trusting the system roots and the PEM certificates in
    /// `ca_bundle`.
    ///
    /// Errors: the bundle holds no readable certificate, or the TLS stack
    /// cannot start.
    pub fn new(ca_bundle: Option<&[u8]>) -> Result<Self, String> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("crt-portal single sign-on");
        if let Some(pem) = ca_bundle {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| format!("the CA bundle cannot be read: {e}"))?;
            if certs.is_empty() {
                return Err("the CA bundle holds no certificate".to_owned());
            }
            builder = builder.tls_certs_merge(certs);
        }
        builder
            .build()
            .map(Self)
            .map_err(|e| format!("the HTTP client cannot start: {e}"))
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        let (parts, body) = request.into_parts();
        let response = self
            .0
            .request(parts.method, parts.uri.to_string())
            .headers(parts.headers)
            .body(body)
            .send()
            .await
            .map_err(|e| HttpError(describe(&e)))?;
        let mut builder = http::Response::builder().status(response.status());
        for (name, value) in response.headers() {
            builder = builder.header(name, value);
        }
        let body = response
            .bytes()
            .await
            .map_err(|e| HttpError(describe(&e)))?;
        builder
            .body(body.to_vec())
            .map_err(|e| HttpError(e.to_string()))
    }
}

/// The error with its causes (reqwest's own message omits the TLS reason).
pub(crate) use crt_domain::error_chain as describe;

impl<'c> AsyncHttpClient<'c> for Http {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(self.send(request))
    }
}

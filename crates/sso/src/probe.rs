//! `crt-admin check-config --probe`: the provider's discovery document and
//! keys, fetched now, and whether this configuration can authenticate the
//! way the provider requires.

use crate::{OidcProvider, ProviderError};

/// What `crt-admin check-config --probe` shows.
#[derive(Clone, Debug)]
pub struct Probe {
    /// The issuer the document names.
    pub issuer: String,
    /// The authorization endpoint.
    pub authorization_endpoint: String,
    /// The token endpoint.
    pub token_endpoint: Option<String>,
    /// The userinfo endpoint.
    pub userinfo_endpoint: Option<String>,
    /// The logout endpoint.
    pub end_session_endpoint: Option<String>,
    /// How many keys the JWKS holds.
    pub keys: usize,
    /// The token endpoint's client authentication methods (the spec's
    /// default, `client_secret_basic`, when the document lists none).
    pub auth_methods: Vec<String>,
}

impl Probe {
    /// Why the token requests will be refused, if the configuration
    /// cannot authenticate the way the provider requires.
    pub fn auth_problem(&self, has_secret: bool) -> Option<String> {
        let public_ok = self.auth_methods.iter().any(|m| m == "none");
        (!has_secret && !public_ok).then(|| {
            format!(
                "the provider authenticates clients with {} and AUTH_CLIENT_SECRET is not set: every sign-in would end with invalid_client",
                self.auth_methods.join(" or ")
            )
        })
    }
}

impl OidcProvider {
    /// Fetches the discovery document and the keys now (not cached), to
    /// prove the provider is reachable and its TLS trusted.
    ///
    /// Errors: `Unreachable`.
    pub async fn probe(&self) -> Result<Probe, ProviderError> {
        let m = self.discover().await?;
        Ok(Probe {
            issuer: m.issuer().to_string(),
            authorization_endpoint: m.authorization_endpoint().to_string(),
            token_endpoint: m.token_endpoint().map(|u| u.to_string()),
            userinfo_endpoint: m.userinfo_endpoint().map(|u| u.to_string()),
            end_session_endpoint: m
                .additional_metadata()
                .end_session_endpoint
                .as_ref()
                .map(|u| u.to_string()),
            keys: m.jwks().keys().len(),
            auth_methods: m.token_endpoint_auth_methods_supported().map_or_else(
                || vec!["client_secret_basic".to_owned()],
                |list| {
                    list.iter()
                        .map(|a| {
                            serde_json::to_value(a)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default()
                        })
                        .collect()
                },
            ),
        })
    }
}

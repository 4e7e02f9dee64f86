//! Single sign-on's ports: the identity provider (an OpenID Connect client,
//! in `crt-sso`) and the sign-ins in progress (in the database, so the
//! instance that receives the provider's answer need not be the one that
//! sent the browser there).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::RepositoryError;

/// An authorization request the provider adapter prepared: where to send
/// the browser, and the secrets the answer must match.
#[derive(Clone)]
pub struct AuthorizationRequest {
    /// The provider's authorization URL, with `state`, `nonce` and the
    /// PKCE challenge in it.
    pub url: String,
    /// The `state` sent (comes back with the code).
    pub state: String,
    /// The `nonce` sent (must come back inside the ID token).
    pub nonce: String,
    /// The PKCE verifier (sent with the code; its hash went in the URL).
    pub pkce_verifier: String,
}

impl std::fmt::Debug for AuthorizationRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthorizationRequest")
            .field("url", &"***")
            .finish_non_exhaustive()
    }
}

/// Who the provider says signed in, from an ID token whose signature,
/// issuer, audience, times and nonce were checked.
#[derive(Clone, PartialEq, Eq)]
pub struct Identity {
    /// The `iss` claim.
    pub issuer: String,
    /// The `sub` claim.
    pub subject: String,
    /// The claim named by `AUTH_USERNAME_CLAIM`, if present and a string.
    pub username: Option<String>,
    /// The `email` claim.
    pub email: Option<String>,
    /// The `name` claim.
    pub name: Option<String>,
    /// The claim named by `AUTH_GROUP_CLAIM` (from the ID token, else from
    /// the userinfo endpoint); `None` when neither has it.
    pub groups: Option<Vec<String>>,
    /// The ID token itself (kept for the provider's logout; never printed).
    pub id_token: String,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("issuer", &self.issuer)
            .field("subject", &self.subject)
            .field("username", &self.username)
            .field("groups", &self.groups)
            .finish_non_exhaustive()
    }
}

/// Why the provider did not give an identity.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    /// The provider could not be reached, or answered with something that
    /// is not its protocol (discovery, keys, token endpoint).
    #[error("the identity provider could not be reached: {0}")]
    Unreachable(String),
    /// The token endpoint refused the code (used twice, expired, wrong
    /// PKCE verifier, wrong client).
    #[error("the identity provider refused the code: {0}")]
    CodeRefused(String),
    /// The ID token failed a check (signature, issuer, audience, time,
    /// nonce, at_hash).
    #[error("the ID token was refused: {0}")]
    BadToken(String),
}

/// An OpenID Connect provider.
#[async_trait]
pub trait IdentityProvider: Send + Sync {
    /// A fresh authorization request (new state, nonce and PKCE verifier).
    ///
    /// Errors: `Unreachable` when the discovery document cannot be read.
    async fn authorization_request(&self) -> Result<AuthorizationRequest, ProviderError>;

    /// Redeems an authorization code and checks the ID token it brings.
    ///
    /// Errors: every variant.
    async fn redeem(
        &self,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<Identity, ProviderError>;

    /// Where to send the browser to end the provider's session too, when
    /// the provider has an `end_session_endpoint`.
    async fn logout_url(&self, id_token_hint: &str, post_logout_redirect: &str) -> Option<String>;
}

/// A sign-in in progress, between the redirect to the provider and its
/// answer.
#[derive(Clone, PartialEq, Eq)]
pub struct SsoFlow {
    /// A hash of the token in the cookie of the browser that started it.
    pub browser_key: String,
    /// The nonce sent.
    pub nonce: String,
    /// The PKCE verifier.
    pub pkce_verifier: String,
    /// The local page to open after signing in.
    pub next: String,
    /// When it was started.
    pub created_at: DateTime<Utc>,
    /// When it stops being usable.
    pub expires_at: DateTime<Utc>,
}

impl std::fmt::Debug for SsoFlow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoFlow")
            .field("next", &self.next)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// The sign-ins in progress.
#[async_trait]
pub trait SsoFlowRepository: Send + Sync {
    /// Stores a flow under `state_key` (a hash of its `state`).
    ///
    /// Errors: `Backend`.
    async fn create_flow(&self, state_key: &str, flow: &SsoFlow) -> Result<(), RepositoryError>;

    /// Removes and returns the flow stored under `state_key`: once only,
    /// even when two instances ask at the same moment (the other gets
    /// `None`).
    ///
    /// Errors: `Backend`.
    async fn take_flow(&self, state_key: &str) -> Result<Option<SsoFlow>, RepositoryError>;

    /// Deletes flows that expired before `now`; returns how many.
    ///
    /// Errors: `Backend`.
    async fn purge_expired_flows(&self, now: DateTime<Utc>) -> Result<u64, RepositoryError>;
}

//! Single sign-on's outbound adapter: an OpenID Connect relying party
//! (authorization-code flow with PKCE, state and nonce) on the
//! `openidconnect` crate, implementing the domain's
//! [`IdentityProvider`](crt_domain::ports::IdentityProvider).
//!
//! - The discovery document and the provider's keys are fetched at the
//!   first use and cached; an ID token signed with a key id the cache does
//!   not know makes it fetch the keys again, once, before refusing (key
//!   rotation).
//! - ID tokens are checked by the crate (signature with an asymmetric
//!   algorithm only, so `alg: none` and HMAC tricks fail; issuer; audience
//!   `AUTH_AUDIENCE`; expiry; nonce) and here (`iat`/`nbf` not in the
//!   future, each with [`CLOCK_SKEW`]; `at_hash` when present).
//! - Groups come from the ID token's group claim, else from the userinfo
//!   endpoint.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use crt_domain::ports::{AuthorizationRequest, Identity, IdentityProvider, ProviderError};
use openidconnect::{
    AccessToken, AdditionalClaims, AuthType, AuthenticationFlow, AuthorizationCode, ClientId,
    ClientSecret, CsrfToken, DiscoveryError, EmptyAdditionalProviderMetadata, EndSessionUrl,
    IssuerUrl, JsonWebKeySet, LogoutProviderMetadata, LogoutRequest, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadata, RedirectUrl,
    RequestTokenError, Scope, StandardErrorResponse, SubjectIdentifier, TokenResponse,
    core::{
        CoreAuthDisplay, CoreAuthPrompt, CoreClaimName, CoreClaimType, CoreClient,
        CoreClientAuthMethod, CoreErrorResponseType, CoreGenderClaim, CoreGrantType,
        CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
        CoreJwsSigningAlgorithm, CoreResponseMode, CoreResponseType, CoreRevocableToken,
        CoreRevocationErrorResponse, CoreSubjectIdentifierType, CoreTokenIntrospectionResponse,
        CoreTokenResponse,
    },
};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

mod http;
mod probe;
#[cfg(feature = "testing")]
pub mod testing;
mod verify;

pub use http::{Http, TIMEOUT};
pub use probe::Probe;

/// How far the provider's clock may be from ours.
pub const CLOCK_SKEW: i64 = 60;

/// How long the discovery document is trusted before it is read again.
pub fn discovery_lifetime() -> Duration {
    Duration::hours(24)
}

/// This portal's registration with the provider.
#[derive(Clone)]
pub struct OidcConfig {
    /// The issuer (`AUTH_SERVER`).
    pub issuer: String,
    /// `AUTH_CLIENT_ID`.
    pub client_id: String,
    /// `AUTH_CLIENT_SECRET`.
    pub client_secret: Option<String>,
    /// `AUTH_AUDIENCE`.
    pub audience: String,
    /// `{AUTH_RELYING_PARTY_ID}/auth/callback`.
    pub redirect_uri: String,
    /// `AUTH_USERNAME_CLAIM`.
    pub username_claim: String,
    /// `AUTH_GROUP_CLAIM`.
    pub group_claim: String,
    /// `AUTH_SCOPES`.
    pub scopes: Vec<String>,
}

impl std::fmt::Debug for OidcConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("audience", &self.audience)
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

/// Every claim of a token or a userinfo answer that the crate does not
/// name itself, so any claim can be the username or the groups.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct OtherClaims {
    /// The claims, by name.
    #[serde(flatten)]
    pub claims: serde_json::Map<String, serde_json::Value>,
}

impl AdditionalClaims for OtherClaims {}

/// An ID token with every claim kept.
pub type IdToken = openidconnect::IdToken<
    OtherClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// The discovery document, with the logout endpoint when the provider has
/// one.
pub type Metadata = ProviderMetadata<
    LogoutProviderMetadata<EmptyAdditionalProviderMetadata>,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

struct Cached {
    metadata: Arc<Metadata>,
    fetched_at: DateTime<Utc>,
}

/// The OpenID Connect provider.
pub struct OidcProvider {
    config: OidcConfig,
    http: Http,
    cache: RwLock<Option<Cached>>,
}

fn unreachable<E: std::error::Error>(what: &str, e: DiscoveryError<E>) -> ProviderError {
    let detail = match &e {
        DiscoveryError::Request(inner) => inner.to_string(),
        DiscoveryError::Response(status, body, _) => format!(
            "HTTP {status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(200)])
        ),
        _ => http::describe(&e),
    };
    ProviderError::Unreachable(format!("{what}: {detail}"))
}

type TokenError = RequestTokenError<http::HttpError, StandardErrorResponse<CoreErrorResponseType>>;

fn code_refused(e: TokenError) -> ProviderError {
    match e {
        RequestTokenError::ServerResponse(r) => ProviderError::CodeRefused(format!(
            "token endpoint answered {}{}",
            r.error(),
            r.error_description()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        )),
        RequestTokenError::Request(e) => ProviderError::Unreachable(format!("token endpoint: {e}")),
        RequestTokenError::Parse(e, _) => {
            ProviderError::CodeRefused(format!("token endpoint's answer is not a token: {e}"))
        }
        RequestTokenError::Other(e) => ProviderError::CodeRefused(e),
    }
}

impl OidcProvider {
    /// A provider client (nothing is fetched until the first sign-in).
    ///
    /// Errors: the CA bundle or an address in the configuration is
    /// unusable.
    pub fn new(config: OidcConfig, ca_bundle: Option<&[u8]>) -> Result<Self, String> {
        IssuerUrl::new(config.issuer.clone())
            .map_err(|e| format!("AUTH_SERVER {:?}: {e}", config.issuer))?;
        RedirectUrl::new(config.redirect_uri.clone())
            .map_err(|e| format!("the redirect URI {:?}: {e}", config.redirect_uri))?;
        Ok(Self {
            http: Http::new(ca_bundle)?,
            config,
            cache: RwLock::new(None),
        })
    }

    /// The cached discovery document and keys, fetched when missing or old.
    async fn metadata(&self) -> Result<Arc<Metadata>, ProviderError> {
        if let Some(c) = self.cache.read().await.as_ref()
            && Utc::now() - c.fetched_at < discovery_lifetime()
        {
            return Ok(c.metadata.clone());
        }
        let mut cache = self.cache.write().await;
        if let Some(c) = cache.as_ref()
            && Utc::now() - c.fetched_at < discovery_lifetime()
        {
            return Ok(c.metadata.clone());
        }
        let metadata = Arc::new(self.discover().await?);
        *cache = Some(Cached {
            metadata: metadata.clone(),
            fetched_at: Utc::now(),
        });
        Ok(metadata)
    }

    async fn discover(&self) -> Result<Metadata, ProviderError> {
        let issuer = IssuerUrl::new(self.config.issuer.clone())
            .map_err(|e| ProviderError::Unreachable(e.to_string()))?;
        Metadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| unreachable("discovery", e))
    }

    /// Fetches the keys again (an unknown key id: the provider rotated).
    async fn refresh_keys(&self, stale: &Arc<Metadata>) -> Result<Arc<Metadata>, ProviderError> {
        let mut cache = self.cache.write().await;
        if let Some(c) = cache.as_ref()
            && !Arc::ptr_eq(&c.metadata, stale)
        {
            // Another sign-in refreshed them meanwhile.
            return Ok(c.metadata.clone());
        }
        let jwks = JsonWebKeySet::fetch_async(stale.jwks_uri(), &self.http)
            .await
            .map_err(|e| unreachable("keys", e))?;
        let metadata = Arc::new((**stale).clone().set_jwks(jwks));
        tracing::info!(
            keys = metadata.jwks().keys().len(),
            "single sign-on: the provider's keys were fetched again (unknown key id)"
        );
        *cache = Some(Cached {
            metadata: metadata.clone(),
            fetched_at: Utc::now(),
        });
        Ok(metadata)
    }

    fn client(&self, metadata: &Metadata) -> Result<ProviderClient, ProviderError> {
        let mut client = CoreClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(self.config.client_id.clone()),
            self.config.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(
            RedirectUrl::new(self.config.redirect_uri.clone())
                .map_err(|e| ProviderError::Unreachable(e.to_string()))?,
        );
        // client_secret_basic unless the provider offers only _post.
        if let Some(methods) = metadata.token_endpoint_auth_methods_supported()
            && !methods.contains(&CoreClientAuthMethod::ClientSecretBasic)
            && methods.contains(&CoreClientAuthMethod::ClientSecretPost)
        {
            client = client.set_auth_type(AuthType::RequestBody);
        }
        Ok(client)
    }

    async fn groups_from_userinfo(
        &self,
        metadata: &Metadata,
        access_token: &AccessToken,
        subject: &SubjectIdentifier,
    ) -> Result<Option<Vec<String>>, ProviderError> {
        let client = self.client(metadata)?;
        let Ok(request) = client.user_info(access_token.clone(), Some(subject.clone())) else {
            return Ok(None); // no userinfo endpoint
        };
        let info: openidconnect::UserInfoClaims<OtherClaims, CoreGenderClaim> =
            match request.request_async(&self.http).await {
                Ok(info) => info,
                Err(e @ openidconnect::UserInfoError::Request(_)) => {
                    return Err(ProviderError::Unreachable(format!(
                        "userinfo: {}",
                        http::describe(&e)
                    )));
                }
                // Refused, not answered, or an answer for another subject.
                Err(e) => {
                    return Err(ProviderError::BadToken(format!(
                        "userinfo: {}",
                        http::describe(&e)
                    )));
                }
            };
        let value = serde_json::to_value(&info)
            .map_err(|e| ProviderError::Unreachable(format!("userinfo: {e}")))?;
        Ok(value.get(&self.config.group_claim).map(group_list))
    }
}

type ProviderClient = openidconnect::Client<
    openidconnect::EmptyAdditionalClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    CoreTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

/// A group claim as a list: a JSON list of strings, or one string (some
/// providers send a single group that way).
fn group_list(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|g| g.as_str())
            .map(str::to_owned)
            .collect(),
        serde_json::Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

#[async_trait]
impl IdentityProvider for OidcProvider {
    async fn authorization_request(&self) -> Result<AuthorizationRequest, ProviderError> {
        let metadata = self.metadata().await?;
        let client = self.client(&metadata)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client.authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        );
        for scope in self.config.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        Ok(AuthorizationRequest {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    async fn redeem(
        &self,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
    ) -> Result<Identity, ProviderError> {
        let metadata = self.metadata().await?;
        let client = self.client(&metadata)?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| ProviderError::Unreachable(format!("no token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(code_refused)?;
        let raw = response
            .id_token()
            .ok_or_else(|| ProviderError::BadToken("the token answer has no ID token".into()))?
            .to_string();
        let token: IdToken = serde_json::from_value(serde_json::Value::String(raw.clone()))
            .map_err(|e| ProviderError::BadToken(format!("not a JWT: {e}")))?;
        let claims = self
            .check(
                &token,
                &Nonce::new(nonce.to_owned()),
                response.access_token(),
            )
            .await?;
        let text = |name: &str| {
            claims
                .get(name)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        let subject = text("sub").unwrap_or_default();
        let groups = match claims.get(&self.config.group_claim) {
            Some(v) => Some(group_list(v)),
            None => {
                let metadata = self.metadata().await?;
                self.groups_from_userinfo(
                    &metadata,
                    response.access_token(),
                    &SubjectIdentifier::new(subject.clone()),
                )
                .await?
            }
        };
        // An e-mail address used as the username must be one the provider
        // verified, when it says.
        let unverified = self.config.username_claim == "email"
            && claims
                .get("email_verified")
                .and_then(serde_json::Value::as_bool)
                == Some(false);
        Ok(Identity {
            issuer: text("iss").unwrap_or_default(),
            username: if unverified {
                None
            } else {
                text(&self.config.username_claim)
            },
            email: text("email"),
            name: text("name"),
            groups,
            subject,
            id_token: raw,
        })
    }

    async fn logout_url(&self, id_token_hint: &str, post_logout_redirect: &str) -> Option<String> {
        // From the cache only: signing out never waits for the provider.
        let metadata = self.cache.read().await.as_ref()?.metadata.clone();
        let endpoint: EndSessionUrl = metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let hint: IdToken =
            serde_json::from_value(serde_json::Value::String(id_token_hint.to_owned())).ok()?;
        let mut request = LogoutRequest::from(endpoint)
            .set_id_token_hint(&hint)
            .set_client_id(ClientId::new(self.config.client_id.clone()));
        if let Ok(u) = PostLogoutRedirectUrl::new(post_logout_redirect.to_owned()) {
            request = request.set_post_logout_redirect_uri(u);
        }
        Some(request.http_get_url().to_string())
    }
}

//! The ID token's checks: the verifier the crate applies (signature with
//! an asymmetric algorithm, issuer, expiry with skew, `iat`, nonce) and
//! those added here (audience, `at_hash`, `nbf`), with one fresh fetch of
//! the keys on an unknown key id.

use chrono::{Duration, Utc};
use openidconnect::{
    AccessToken, AccessTokenHash, ClaimsVerificationError, ClientId, ClientSecret, Nonce,
    SignatureVerificationError,
    core::{CoreIdTokenVerifier, CoreJwsSigningAlgorithm},
};

use crate::{CLOCK_SKEW, IdToken, Metadata, OidcProvider, ProviderError, http};

impl OidcProvider {
    fn verifier<'a>(&'a self, metadata: &Metadata) -> CoreIdTokenVerifier<'a> {
        let issuer = metadata.issuer().clone();
        let jwks = metadata.jwks().clone();
        let client_id = ClientId::new(self.config.client_id.clone());
        let verifier = match &self.config.client_secret {
            Some(s) => CoreIdTokenVerifier::new_confidential_client(
                client_id,
                ClientSecret::new(s.clone()),
                issuer,
                jwks,
            ),
            None => CoreIdTokenVerifier::new_public_client(client_id, issuer, jwks),
        };
        verifier
            // Asymmetric signatures only: never `none`, never an HMAC keyed
            // with the client secret.
            .set_allowed_algs([
                CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
                CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
                CoreJwsSigningAlgorithm::RsaSsaPssSha256,
                CoreJwsSigningAlgorithm::EcdsaP256Sha256,
                CoreJwsSigningAlgorithm::EcdsaP384Sha384,
            ])
            // The audience is checked here ([`audience_problem`]): the
            // client id or AUTH_AUDIENCE, and nothing else.
            .require_audience_match(false)
            .set_time_fn(|| Utc::now() - Duration::seconds(CLOCK_SKEW))
            .set_issue_time_verifier_fn(|iat| {
                if iat > Utc::now() + Duration::seconds(CLOCK_SKEW) {
                    Err(format!("issued in the future ({iat})"))
                } else {
                    Ok(())
                }
            })
    }

    /// Why the token's `aud` is not acceptable: it must name the client
    /// id or `AUTH_AUDIENCE`, and no audience besides those two.
    fn audience_problem(&self, aud: Option<&serde_json::Value>) -> Option<String> {
        let list: Vec<&str> = match aud {
            Some(serde_json::Value::String(a)) => vec![a.as_str()],
            Some(serde_json::Value::Array(items)) => {
                items.iter().filter_map(serde_json::Value::as_str).collect()
            }
            _ => Vec::new(),
        };
        let ours = |a: &&str| *a == self.config.client_id || *a == self.config.audience;
        if !list.iter().any(ours) {
            Some(format!(
                "audience {list:?} names neither the client id {:?} nor AUTH_AUDIENCE {:?}",
                self.config.client_id, self.config.audience
            ))
        } else {
            list.iter().find(|a| !ours(a)).map(|a| {
                format!("audience {a:?} is not trusted (only the client id and AUTH_AUDIENCE are)")
            })
        }
    }

    /// Checks `token` against the cached keys, fetching them again once
    /// when its key id is unknown; returns its claims as JSON.
    pub(crate) async fn check(
        &self,
        token: &IdToken,
        nonce: &Nonce,
        access_token: &AccessToken,
    ) -> Result<serde_json::Map<String, serde_json::Value>, ProviderError> {
        let mut metadata = self.metadata().await?;
        let mut refreshed = false;
        loop {
            let verifier = self.verifier(&metadata);
            match token.claims(&verifier, nonce) {
                Ok(claims) => {
                    if let Some(expected) = claims.access_token_hash() {
                        let alg = token
                            .signing_alg()
                            .map_err(|e| ProviderError::BadToken(e.to_string()))?;
                        let key = token
                            .signing_key(&verifier)
                            .map_err(|e| ProviderError::BadToken(e.to_string()))?;
                        let actual = AccessTokenHash::from_token(access_token, alg, key)
                            .map_err(|e| ProviderError::BadToken(e.to_string()))?;
                        if actual != *expected {
                            return Err(ProviderError::BadToken(
                                "at_hash does not match the access token".to_owned(),
                            ));
                        }
                    }
                    let value = serde_json::to_value(claims)
                        .map_err(|e| ProviderError::BadToken(e.to_string()))?;
                    let serde_json::Value::Object(map) = value else {
                        return Err(ProviderError::BadToken("claims are not an object".into()));
                    };
                    if let Some(why) = self.audience_problem(map.get("aud")) {
                        return Err(ProviderError::BadToken(why));
                    }
                    if let Some(nbf) = map.get("nbf").and_then(serde_json::Value::as_i64)
                        && nbf > Utc::now().timestamp() + CLOCK_SKEW
                    {
                        return Err(ProviderError::BadToken(format!(
                            "not valid before {nbf} (nbf)"
                        )));
                    }
                    return Ok(map);
                }
                Err(ClaimsVerificationError::SignatureVerification(
                    SignatureVerificationError::NoMatchingKey,
                )) if !refreshed => {
                    metadata = self.refresh_keys(&metadata).await?;
                    refreshed = true;
                }
                Err(e) => return Err(ProviderError::BadToken(http::describe(&e))),
            }
        }
    }
}

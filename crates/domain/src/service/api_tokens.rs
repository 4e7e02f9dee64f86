//! Personal API tokens: made for a staff member by an operator, shown once,
//! stored as a SHA-256 hash, expiring, revocable, and carrying their
//! owner's permissions (a read-only token cannot write).

use std::sync::Arc;

use chrono::Duration;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{
    accounts::User,
    ports::{
        ApiTokenInfo, ApiTokenRepository, Clock, NewApiToken, RepositoryError, UserRepository,
    },
};

/// What every token starts with, so a leaked one is easy to recognise
/// (secret scanners, logs).
pub const TOKEN_PREFIX: &str = "crt_";

/// A token's lifetime when none is given.
pub const DEFAULT_TOKEN_DAYS: u32 = 90;

/// The longest lifetime a token may have.
pub const MAX_TOKEN_DAYS: u32 = 366;

/// A token's secret, as its owner holds it. Never printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiSecret(String);

impl std::fmt::Debug for ApiSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiSecret(***)")
    }
}

impl ApiSecret {
    fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(format!("{TOKEN_PREFIX}{}", hex::encode(bytes)))
    }

    /// The secret, to show its owner once.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The hash a secret is stored and looked up under.
fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Who is calling with a token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiCaller {
    /// The token's owner.
    pub user: User,
    /// The token.
    pub token: ApiTokenInfo,
}

impl ApiCaller {
    /// Whether this caller may change reports.
    pub fn may_write(&self) -> bool {
        !self.token.read_only
    }
}

/// Why a token was not made.
#[derive(Debug, thiserror::Error)]
pub enum ApiTokenError {
    /// No such account.
    #[error("no account named {0:?}")]
    NoSuchUser(String),
    /// The account may not use the staff view (nor the API).
    #[error("{0:?} has no staff access (crt-admin user create … --staff)")]
    NoStaffAccess(String),
    /// The account is deactivated.
    #[error("{0:?} is deactivated")]
    Inactive(String),
    /// A token needs a name saying what it is for.
    #[error("give the token a name saying what it is for (--name)")]
    NoName,
    /// The lifetime is out of range.
    #[error("a token lasts 1 to {MAX_TOKEN_DAYS} days")]
    BadLifetime,
    /// Storing failed.
    #[error(transparent)]
    Repository(#[from] RepositoryError),
}

/// The "API tokens" use case.
#[derive(Clone)]
pub struct ApiTokens {
    /// The staff accounts.
    pub users: Arc<dyn UserRepository>,
    /// The tokens.
    pub tokens: Arc<dyn ApiTokenRepository>,
    /// The time.
    pub clock: Arc<dyn Clock>,
}

impl ApiTokens {
    /// Makes a token for `username`, lasting `days` (default
    /// [`DEFAULT_TOKEN_DAYS`]); the secret is returned once and never
    /// stored.
    ///
    /// Errors: see [`ApiTokenError`].
    pub async fn create(
        &self,
        username: &str,
        name: &str,
        read_only: bool,
        days: Option<u32>,
    ) -> Result<(ApiTokenInfo, ApiSecret), ApiTokenError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ApiTokenError::NoName);
        }
        let days = days.unwrap_or(DEFAULT_TOKEN_DAYS);
        if !(1..=MAX_TOKEN_DAYS).contains(&days) {
            return Err(ApiTokenError::BadLifetime);
        }
        let user = match self.users.user_with_hash(username).await {
            Ok((user, _)) => user,
            Err(RepositoryError::NotFound) => {
                return Err(ApiTokenError::NoSuchUser(username.to_owned()));
            }
            Err(e) => return Err(e.into()),
        };
        if !user.active {
            return Err(ApiTokenError::Inactive(user.username));
        }
        if !user.portal_access {
            return Err(ApiTokenError::NoStaffAccess(user.username));
        }
        let secret = ApiSecret::generate();
        let now = self.clock.now();
        let info = self
            .tokens
            .create_token(
                &NewApiToken {
                    user_id: user.id,
                    name: name.chars().take(100).collect(),
                    hash: hash(secret.expose()),
                    read_only,
                    expires_at: now + Duration::days(i64::from(days)),
                },
                now,
            )
            .await?;
        Ok((info, secret))
    }

    /// The caller a secret from an `Authorization: Bearer` header belongs
    /// to, if it is a live token of an active staff member (its use is
    /// noted).
    ///
    /// Errors: reading failed.
    pub async fn authenticate(&self, secret: &str) -> Result<Option<ApiCaller>, RepositoryError> {
        let secret = secret.trim();
        if !secret.starts_with(TOKEN_PREFIX) || secret.len() > 200 {
            return Ok(None);
        }
        match self.tokens.use_token(&hash(secret), self.clock.now()).await {
            Ok((user, token)) if user.portal_access => Ok(Some(ApiCaller { user, token })),
            Ok(_) | Err(RepositoryError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every token, or one user's.
    ///
    /// Errors: reading failed.
    pub async fn list(&self, username: Option<&str>) -> Result<Vec<ApiTokenInfo>, RepositoryError> {
        self.tokens.list_tokens(username).await
    }

    /// Revokes a token at once.
    ///
    /// Errors: `NotFound`; storing failed.
    pub async fn revoke(&self, id: i64) -> Result<ApiTokenInfo, RepositoryError> {
        self.tokens.revoke_token(id, self.clock.now()).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_prefixed_random_and_never_printed() {
        let (a, b) = (ApiSecret::generate(), ApiSecret::generate());
        assert_ne!(a, b);
        assert!(a.expose().starts_with("crt_") && a.expose().len() == 68);
        assert_eq!(format!("{a:?}"), "ApiSecret(***)");
        assert_ne!(hash(a.expose()), a.expose());
        assert_eq!(hash(a.expose()).len(), 64);
    }
}

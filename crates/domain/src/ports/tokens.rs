//! Personal API tokens' port.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::RepositoryError;
use crate::accounts::User;

/// A token as listed (never its secret: only a hash of it is stored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiTokenInfo {
    /// Its id (for `crt-admin token revoke`).
    pub id: i64,
    /// Its owner's username.
    pub username: String,
    /// What it is for, as its owner named it.
    pub name: String,
    /// Reads only: every write is refused.
    pub read_only: bool,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was last used, if ever.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewApiToken {
    /// The owner.
    pub user_id: i64,
    /// What it is for.
    pub name: String,
    /// SHA-256 of the secret, hex.
    pub hash: String,
    /// Reads only.
    pub read_only: bool,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// Personal API tokens, stored hashed.
#[async_trait]
pub trait ApiTokenRepository: Send + Sync {
    /// Stores a token.
    ///
    /// Errors: `Duplicate` (a hash collision: never in practice); `Backend`.
    async fn create_token(
        &self,
        token: &NewApiToken,
        now: DateTime<Utc>,
    ) -> Result<ApiTokenInfo, RepositoryError>;

    /// Every token, or one user's, newest first.
    ///
    /// Errors: `Backend`.
    async fn list_tokens(
        &self,
        username: Option<&str>,
    ) -> Result<Vec<ApiTokenInfo>, RepositoryError>;

    /// Revokes a token (revoking twice keeps the first time).
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn revoke_token(
        &self,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<ApiTokenInfo, RepositoryError>;

    /// The owner and the token with this hash if it is live (not revoked,
    /// not expired, its owner active), noting `now` as its last use.
    ///
    /// Errors: `NotFound` (no such live token); `Backend`.
    async fn use_token(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(User, ApiTokenInfo), RepositoryError>;
}

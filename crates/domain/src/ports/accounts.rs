//! The staff accounts' and sign-in sessions' ports.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::RepositoryError;

/// Staff accounts.
#[async_trait]
pub trait UserRepository: Send + Sync {
    /// Creates an account.
    ///
    /// Errors: `Duplicate` if the username is taken; `Backend`.
    async fn create_user(
        &self,
        user: &crate::accounts::NewUser,
        now: DateTime<Utc>,
    ) -> Result<crate::accounts::User, RepositoryError>;

    /// The account and its password hash (if it has one), by username.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn user_with_hash(
        &self,
        username: &str,
    ) -> Result<(crate::accounts::User, Option<String>), RepositoryError>;

    /// Replaces an account's password hash and ends the account's sessions
    /// (whoever knew the old password is signed out), in one transaction.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn set_password(&self, username: &str, hash: &str) -> Result<(), RepositoryError>;

    /// Activates or deactivates an account (deactivating ends its sessions).
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn set_active(&self, username: &str, active: bool) -> Result<(), RepositoryError>;

    /// Replaces an account's groups (operators' groups; under single
    /// sign-on the provider's replace them at each sign-in).
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn set_groups(&self, username: &str, groups: &[String]) -> Result<(), RepositoryError>;

    /// Sets or clears an account's e-mail address.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn set_email(
        &self,
        username: &str,
        email: Option<&crate::values::Email>,
    ) -> Result<(), RepositoryError>;

    /// Every account, by username.
    ///
    /// Errors: `Backend`.
    async fn list_users(&self) -> Result<Vec<crate::accounts::User>, RepositoryError>;

    /// The account a single sign-on opens, in one transaction:
    /// - a new username: created (with `section_if_new`), linked to the
    ///   provider's subject;
    /// - an account linked to this subject, or not linked yet (made by
    ///   `crt-admin`): linked, and its groups, portal access, and e-mail
    ///   address and name when given, become the ones passed (the provider
    ///   is the source of truth at every sign-in);
    /// - an account linked to another subject, or an emergency-local one:
    ///   left as it is, and said so.
    ///
    /// Whether the account is active is never changed.
    ///
    /// Errors: `Duplicate` when another sign-in created the same username
    /// at the same moment; `Backend`.
    async fn upsert_sso_user(
        &self,
        user: &crate::accounts::SsoUser,
        now: DateTime<Utc>,
    ) -> Result<crate::accounts::SsoLink, RepositoryError>;
}

/// Staff sign-in sessions and failed sign-in attempts, in the database so
/// any instance serves any session.
#[async_trait]
pub trait StaffSessionRepository: Send + Sync {
    /// Stores a new session for `user_id` under `key` (a hash of the token).
    ///
    /// Errors: `Backend`.
    async fn create_session(
        &self,
        key: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Result<(), RepositoryError>;

    /// Stores a new single sign-on session, with the ID token it was
    /// opened with (for the provider's logout).
    ///
    /// Errors: `Backend`.
    async fn create_sso_session(
        &self,
        key: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
        id_token: &str,
    ) -> Result<(), RepositoryError>;

    /// The ID token a live session was opened with, if it came from single
    /// sign-on.
    ///
    /// Errors: `Backend`.
    async fn session_id_token(&self, key: &str) -> Result<Option<String>, RepositoryError>;

    /// The signed-in, active user of a live session.
    ///
    /// Errors: `NotFound` (no such session, expired, or user deactivated); `Backend`.
    async fn session_user(
        &self,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<crate::accounts::User, RepositoryError>;

    /// Ends a session (no error if it does not exist).
    ///
    /// Errors: `Backend`.
    async fn delete_session(&self, key: &str) -> Result<(), RepositoryError>;

    /// Records a failed sign-in under each of `keys` (e.g. the username and
    /// the address); returns the records' ids.
    ///
    /// Errors: `Backend`.
    async fn record_failed_login(
        &self,
        keys: &[String],
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>, RepositoryError>;

    /// Deletes sessions that expired before `now` and failed sign-in
    /// records older than `attempts_before`; returns how many of each.
    ///
    /// Errors: `Backend`.
    async fn purge_expired_sessions(
        &self,
        now: DateTime<Utc>,
        attempts_before: DateTime<Utc>,
    ) -> Result<(u64, u64), RepositoryError>;

    /// Removes the attempt records with these ids (a sign-in that was
    /// counted before its password was checked, and then succeeded or was
    /// held back without a check).
    ///
    /// Errors: `Backend`.
    async fn forget_login_attempt(&self, ids: &[i64]) -> Result<(), RepositoryError>;

    /// Failed sign-ins under `key` since `since`, and the time of the
    /// latest one other than record `except` (the attempt being checked).
    ///
    /// Errors: `Backend`.
    async fn failed_logins_since(
        &self,
        key: &str,
        since: DateTime<Utc>,
        except: i64,
    ) -> Result<(u64, Option<DateTime<Utc>>), RepositoryError>;
}

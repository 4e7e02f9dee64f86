//! Staff sign-in with a local password: throttling per username and per
//! address (without revealing which usernames exist), exactly one password
//! verification per attempt, and database sessions under a hash of a fresh
//! random token (the cookie holds the token, the database only its hash).

use std::sync::Arc;

use chrono::Duration;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{
    accounts::{User, dummy_hash, verify_password},
    ports::{Clock, RepositoryError, StaffSessionRepository, UserRepository},
};

/// How long a staff session lasts.
pub fn session_length() -> Duration {
    Duration::hours(12)
}

/// Failed sign-ins allowed per username and per address in
/// [`throttle_window`].
pub const MAX_FAILURES: u64 = 5;

/// The throttling window.
pub fn throttle_window() -> Duration {
    Duration::minutes(15)
}

/// A staff session's secret token, as the browser holds it (64 hex digits).
/// Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct StaffToken(String);

impl std::fmt::Debug for StaffToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StaffToken(***)")
    }
}

impl StaffToken {
    /// A token read from a cookie, if it has the right shape.
    pub fn parse(s: &str) -> Option<Self> {
        (s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())).then(|| Self(s.to_owned()))
    }

    fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(hex::encode(bytes))
    }

    /// The token, for the cookie.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The key the session is stored under (a hash of the token).
    fn key(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

/// A successful sign-in.
#[derive(Debug)]
pub struct SignedIn {
    /// The account.
    pub user: User,
    /// The new session's token, for the cookie.
    pub token: StaffToken,
}

/// Why a sign-in did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Too many failed attempts for this username or this address.
    #[error("Too many failed sign-in attempts. Please wait 15 minutes and try again.")]
    Throttled {
        /// Which limit: "user" or "ip".
        by: &'static str,
    },
    /// Wrong username or password, or an inactive account (not told apart).
    #[error("Your username and password didn't match. Please try again.")]
    BadCredentials,
    /// Storing or reading failed.
    #[error(transparent)]
    Repository(#[from] RepositoryError),
}

/// The "staff sign-in" use case, and the sessions it creates.
#[derive(Clone)]
pub struct SignIn {
    /// The staff accounts.
    pub users: Arc<dyn UserRepository>,
    /// Sessions and failed sign-in attempts.
    pub sessions: Arc<dyn StaffSessionRepository>,
    /// The time (throttling window, session expiry).
    pub clock: Arc<dyn Clock>,
}

impl SignIn {
    /// Signs `username` in with `password` from `address` (the client's
    /// address as the proxies report it), creating a session.
    ///
    /// Errors: `Throttled`; `BadCredentials`; `Repository`.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        address: &str,
    ) -> Result<SignedIn, SignInError> {
        let username = username.trim();
        let now = self.clock.now();
        let keys = [
            format!("user:{}", username.to_lowercase()),
            format!("ip:{address}"),
        ];
        // Count this attempt before checking the password, so parallel
        // attempts cannot all pass the limit; success removes it again.
        self.sessions.record_failed_login(&keys, now).await?;
        for (key, by) in keys.iter().zip(["user", "ip"]) {
            let n = self
                .sessions
                .failed_logins_since(key, now - throttle_window())
                .await?;
            if n > MAX_FAILURES {
                return Err(SignInError::Throttled { by });
            }
        }
        // Exactly one password verification whether or not the account
        // exists, has a password or is active, so timing reveals nothing.
        let user = match self.users.user_with_hash(username).await {
            Ok((user, hash)) => {
                let matches = verify_password(password, hash.as_deref().unwrap_or(dummy_hash()));
                (matches && hash.is_some() && user.active).then_some(user)
            }
            Err(RepositoryError::NotFound) => {
                let _ = verify_password(password, dummy_hash());
                None
            }
            Err(e) => return Err(e.into()),
        };
        let user = user.ok_or(SignInError::BadCredentials)?;
        // If forgetting fails, the attempt stays counted: harmless, and it
        // expires with the window.
        let _ = self.sessions.forget_login_attempt(&keys, now).await;
        // A new token at every sign-in (no session fixation).
        let token = StaffToken::generate();
        self.sessions
            .create_session(&token.key(), user.id, now, now + session_length())
            .await?;
        Ok(SignedIn { user, token })
    }

    /// The signed-in, active user of a live session (`None`: no such
    /// session, expired, or the account was deactivated).
    ///
    /// Errors: reading failed.
    pub async fn session_user(&self, token: &StaffToken) -> Result<Option<User>, RepositoryError> {
        match self
            .sessions
            .session_user(&token.key(), self.clock.now())
            .await
        {
            Ok(u) => Ok(Some(u)),
            Err(RepositoryError::NotFound) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Ends a session (no error if it does not exist).
    ///
    /// Errors: storing failed.
    pub async fn sign_out(&self, token: &StaffToken) -> Result<(), RepositoryError> {
        self.sessions.delete_session(&token.key()).await
    }
}

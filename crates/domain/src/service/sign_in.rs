//! Staff sign-in with a local password: throttling per username and per
//! address (without revealing which usernames exist), exactly one password
//! verification per attempt, and database sessions under a hash of a fresh
//! random token (the cookie holds the token, the database only its hash).

use std::{net::IpAddr, sync::Arc};

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

/// Failed sign-ins for one username from one address (an IPv6 address
/// counts by its /64) in [`pair_window`] before each further attempt must
/// wait: 30 seconds, then twice as long after every further failure, up to
/// [`max_delay`] ([`retry_delay`]). Other addresses are not held back from
/// the account.
pub const MAX_FAILURES: u64 = 5;

/// Failed sign-ins from one address, whatever the usernames, in
/// [`address_window`] before the same growing delays apply to it (one
/// address trying many accounts).
pub const MAX_ADDRESS_FAILURES: u64 = 20;

/// How long a username's failures from one address are remembered: a day,
/// longer than the delays add up to, so they keep growing to the cap
/// instead of shrinking as early failures leave the window.
pub fn pair_window() -> Duration {
    Duration::days(1)
}

/// How long an address's failures (all usernames) are remembered: an hour,
/// so an office behind one address is not held back for a day by its
/// typos.
pub fn address_window() -> Duration {
    Duration::hours(1)
}

/// The longest wait between two attempts.
pub fn max_delay() -> Duration {
    Duration::minutes(15)
}

/// How long an attempt must wait after the latest failure, when `earlier`
/// failures are in the window and `free` are allowed without waiting.
pub fn retry_delay(earlier: u64, free: u64) -> Option<Duration> {
    let beyond = earlier.checked_sub(free)?;
    let cap = max_delay().num_seconds();
    let secs = 30i64.saturating_mul(1i64 << beyond.min(20));
    Some(Duration::seconds(secs.min(cap)))
}

/// "45 seconds", "2 minutes": a wait as a person reads it (rounded up).
pub fn wait_text(d: Duration) -> String {
    let secs = ((d.num_milliseconds() + 999) / 1000).max(1);
    if secs < 60 {
        format!("{secs} second{}", if secs == 1 { "" } else { "s" })
    } else {
        let mins = (secs + 59) / 60;
        format!("{mins} minute{}", if mins == 1 { "" } else { "s" })
    }
}

/// The throttling bucket of an address: an IPv4 address itself, an IPv6
/// address by its /64 (one subscriber's network).
pub fn address_bucket(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            // An IPv4 client seen through an IPv6 socket (`::ffff:a.b.c.d`)
            // is that IPv4 address, not one /64 shared by every IPv4 client.
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
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

    pub(crate) fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(hex::encode(bytes))
    }

    /// The token, for the cookie.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The key the session is stored under (a hash of the token).
    pub(crate) fn key(&self) -> String {
        Self::key_of(&self.0)
    }

    /// The hash a secret is stored under.
    pub(crate) fn key_of(secret: &str) -> String {
        hex::encode(Sha256::digest(secret.as_bytes()))
    }
}

/// A successful sign-in.
#[derive(Debug)]
pub struct SignedIn {
    /// The account.
    pub user: User,
    /// The new session's token, for the cookie.
    pub token: StaffToken,
    /// Whether this was an emergency-local password sign-in where single
    /// sign-on is on (the web layer logs each at warn).
    pub emergency: bool,
}

/// Which password sign-ins this environment accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordSignIn {
    /// Any active account with a password (single sign-on is off here).
    Any,
    /// Only accounts marked emergency-local (single sign-on is on, and
    /// `AUTH_ALLOW_EMERGENCY_LOCAL=true`).
    EmergencyLocalOnly,
    /// None: staff sign in through single sign-on.
    Off,
}

/// Why a sign-in did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Too many failed attempts for this username from this address, or
    /// from this address.
    #[error("Too many failed sign-in attempts. Please wait {} and try again.", wait_text(*retry_after))]
    Throttled {
        /// Which limit: "user and address" or "address".
        by: &'static str,
        /// How long until the next attempt is checked.
        retry_after: Duration,
    },
    /// Wrong username or password, or an inactive account (not told apart).
    #[error("Your username and password didn't match. Please try again.")]
    BadCredentials,
    /// Single sign-on is on here and password sign-in is off.
    #[error("Password sign-in is turned off here: sign in with your Division account.")]
    PasswordsOff,
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
    /// Which password sign-ins are accepted.
    pub passwords: PasswordSignIn,
}

impl SignIn {
    /// Signs `username` in with `password` from `address` (the client's
    /// address as the proxies report it; `None` when it cannot be read,
    /// which then counts only against this username), creating a session.
    ///
    /// Where single sign-on is on, only emergency-local accounts may, and
    /// only when the environment allows them; any other account gets
    /// `BadCredentials` even with the right password (the answer does not
    /// tell which accounts are emergency-local).
    ///
    /// Errors: `PasswordsOff`; `Throttled`; `BadCredentials`; `Repository`.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        address: Option<IpAddr>,
    ) -> Result<SignedIn, SignInError> {
        if self.passwords == PasswordSignIn::Off {
            return Err(SignInError::PasswordsOff);
        }
        let username = username.trim();
        let now = self.clock.now();
        let bucket = address.map(address_bucket);
        let mut keys = vec![format!(
            "pair:{}|{}",
            username.to_lowercase(),
            bucket.as_deref().unwrap_or("unknown address")
        )];
        keys.extend(bucket.iter().map(|b| format!("ip:{b}")));
        // Count this attempt before checking the password, so parallel
        // attempts cannot all pass the limit; success, or being held back
        // unchecked, removes it again.
        let ids = self.sessions.record_failed_login(&keys, now).await?;
        let limits = [
            (MAX_FAILURES, "user and address", pair_window()),
            (MAX_ADDRESS_FAILURES, "address", address_window()),
        ];
        for ((key, id), (free, by, window)) in keys.iter().zip(&ids).zip(limits) {
            let (n, previous) = self
                .sessions
                .failed_logins_since(key, now - window, *id)
                .await?;
            let earlier = n.saturating_sub(1);
            if let (Some(delay), Some(previous)) = (retry_delay(earlier, free), previous) {
                let waited = now - previous;
                if waited < delay {
                    let _ = self.sessions.forget_login_attempt(&ids).await;
                    return Err(SignInError::Throttled {
                        by,
                        retry_after: delay - waited,
                    });
                }
            }
        }
        // Exactly one password verification whether or not the account
        // exists, has a password or is active, so timing reveals nothing.
        let user = match self.users.user_with_hash(username).await {
            Ok((user, hash)) => {
                let matches = verify_password(password, hash.as_deref().unwrap_or(dummy_hash()));
                let allowed = match self.passwords {
                    PasswordSignIn::Any => true,
                    PasswordSignIn::EmergencyLocalOnly => user.emergency_local,
                    PasswordSignIn::Off => false,
                };
                (matches && hash.is_some() && user.active && allowed).then_some(user)
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
        let _ = self.sessions.forget_login_attempt(&ids).await;
        // A new token at every sign-in (no session fixation).
        let token = StaffToken::generate();
        self.sessions
            .create_session(&token.key(), user.id, now, now + session_length())
            .await?;
        Ok(SignedIn {
            emergency: self.passwords == PasswordSignIn::EmergencyLocalOnly,
            user,
            token,
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_addresses_count_by_their_64() {
        let a: IpAddr = "2001:db8:1:2::7".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:ffff:ffff:ffff".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::7".parse().unwrap();
        assert_eq!(address_bucket(a), address_bucket(b));
        assert_ne!(address_bucket(a), address_bucket(c));
        assert_eq!(address_bucket("10.0.0.1".parse().unwrap()), "10.0.0.1");
        assert_eq!(
            address_bucket("::ffff:10.0.0.1".parse().unwrap()),
            "10.0.0.1",
            "an IPv4-mapped address is its IPv4 address"
        );
        assert_ne!(
            address_bucket("::ffff:10.0.0.1".parse().unwrap()),
            address_bucket("::ffff:10.0.0.2".parse().unwrap())
        );
    }

    #[test]
    fn delays_grow_and_stop_at_the_window() {
        assert_eq!(retry_delay(4, 5), None, "under the free attempts");
        let secs = |n| retry_delay(n, 5).map(|d| d.num_seconds());
        assert_eq!(secs(5), Some(30));
        assert_eq!(secs(6), Some(60));
        assert_eq!(secs(7), Some(120));
        assert_eq!(secs(10), Some(900), "capped at the window");
        assert_eq!(secs(200), Some(900), "no overflow");
        assert_eq!(wait_text(Duration::seconds(1)), "1 second");
        assert_eq!(wait_text(Duration::milliseconds(200)), "1 second");
        assert_eq!(wait_text(Duration::seconds(59)), "59 seconds");
        assert_eq!(wait_text(Duration::seconds(61)), "2 minutes");
        assert_eq!(
            wait_text(Duration::milliseconds(29_200)),
            "30 seconds",
            "rounded up"
        );
        assert_eq!(wait_text(Duration::seconds(60)), "1 minute");
    }
}

//! CSRF tokens, for the public form's session and for staff sessions: an
//! HMAC under `SECRET_KEY` of the session's secret token with a purpose
//! label, so a GET needs no database write and a token from one kind of
//! session is no good for the other. Checked in constant time.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Which session a token belongs to.
#[derive(Clone, Copy, Debug)]
pub enum Purpose {
    /// The public form's anonymous session.
    PublicForm,
    /// A signed-in staff member's session.
    Staff,
}

fn mac(secret: &str, purpose: Purpose, session_token: &str) -> Hmac<Sha256> {
    #[allow(clippy::expect_used)]
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(match purpose {
        Purpose::PublicForm => b"csrf|",
        Purpose::Staff => b"staff-csrf|",
    });
    mac.update(session_token.as_bytes());
    mac
}

/// The token forms of this session carry.
pub fn token(secret: &str, purpose: Purpose, session_token: &str) -> String {
    hex::encode(mac(secret, purpose, session_token).finalize().into_bytes())
}

/// Whether `given` is this session's token (constant time).
pub fn verify(secret: &str, purpose: Purpose, session_token: &str, given: Option<&str>) -> bool {
    match given.and_then(|g| hex::decode(g).ok()) {
        Some(bytes) => mac(secret, purpose, session_token)
            .verify_slice(&bytes)
            .is_ok(),
        None => false,
    }
}

/// Whether two secrets are equal, in time that depends only on their
/// lengths (compared as HMACs of each, so even lengths leak nothing useful).
pub fn same_secret(given: &str, expected: &str) -> bool {
    let digest = |s: &str| {
        mac("same-secret", Purpose::Staff, s)
            .finalize()
            .into_bytes()
    };
    digest(given) == digest(expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_bound_to_session_key_and_purpose() {
        let t = token("secret", Purpose::Staff, "abc");
        assert!(verify("secret", Purpose::Staff, "abc", Some(&t)));
        assert!(!verify("secret", Purpose::PublicForm, "abc", Some(&t)));
        assert!(!verify("secret", Purpose::Staff, "abd", Some(&t)));
        assert!(!verify("other", Purpose::Staff, "abc", Some(&t)));
        assert!(!verify("secret", Purpose::Staff, "abc", None));
        assert!(!verify("secret", Purpose::Staff, "abc", Some("zz")));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("shared", "shared"));
        assert!(!same_secret("shared", "share"));
        assert!(!same_secret("", "shared"));
    }
}

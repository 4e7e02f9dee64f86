//! The anonymous session of the public form: a random token in an
//! HttpOnly, SameSite=Lax cookie (Secure when deployed). Nothing is stored
//! until the first POST; the CSRF token is an HMAC of the session token
//! under SECRET_KEY, so a GET needs no database write. The database keeps
//! only a SHA-256 of the token, so a leaked table opens no session.

use poem::Request;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::csrf;

/// The cookie's name.
pub const COOKIE: &str = "crt_session";

/// One visitor's session.
#[derive(Clone, Debug)]
pub struct Session {
    token: String,
    /// Whether the cookie must be (re)sent with the response.
    pub is_new: bool,
}

fn valid_token(t: &str) -> bool {
    t.len() == 64
        && t.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

impl Session {
    /// The request's session, or a new one (not yet sent or stored).
    pub fn from_request(req: &Request) -> Self {
        let existing = req
            .cookie()
            .get(COOKIE)
            .map(|c| c.value_str().to_owned())
            .filter(|v| valid_token(v));
        match existing {
            Some(token) => Self {
                token,
                is_new: false,
            },
            None => Self::fresh(),
        }
    }

    /// A brand-new session.
    pub fn fresh() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self {
            token: hex::encode(bytes),
            is_new: true,
        }
    }

    /// Whether the request came with a session cookie.
    pub fn existed(&self) -> bool {
        !self.is_new
    }

    /// The key drafts are stored under (a hash of the token).
    pub fn key(&self) -> String {
        hex::encode(Sha256::digest(self.token.as_bytes()))
    }

    /// The CSRF token forms of this session carry.
    pub fn csrf_token(&self, secret: &str) -> String {
        csrf::token(secret, csrf::Purpose::PublicForm, &self.token)
    }

    /// Checks a posted CSRF token (constant time); a session the browser
    /// never had cannot post.
    pub fn verify_csrf(&self, secret: &str, given: Option<&str>) -> bool {
        !self.is_new && csrf::verify(secret, csrf::Purpose::PublicForm, &self.token, given)
    }

    /// The Set-Cookie value.
    pub fn set_cookie(&self, secure: bool) -> String {
        format!(
            "{COOKIE}={}; Path=/; HttpOnly; SameSite=Lax{}",
            self.token,
            if secure { "; Secure" } else { "" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csrf_is_tied_to_the_session_and_the_key() {
        let a = Session {
            token: "a".repeat(64),
            is_new: false,
        };
        let b = Session {
            token: "b".repeat(64),
            is_new: false,
        };
        let t = a.csrf_token("secret");
        assert!(a.verify_csrf("secret", Some(&t)));
        assert!(!b.verify_csrf("secret", Some(&t)));
        assert!(!a.verify_csrf("other", Some(&t)));
        assert!(!a.verify_csrf("secret", None));
        assert!(!a.verify_csrf("secret", Some("zz")));
        let fresh = Session {
            is_new: true,
            ..a.clone()
        };
        assert!(
            !fresh.verify_csrf("secret", Some(&t)),
            "a session the browser never had cannot post"
        );
        assert_ne!(a.key(), a.token);
    }

    #[test]
    fn cookie_flags() {
        let s = Session::fresh();
        assert!(s.set_cookie(false).contains("HttpOnly; SameSite=Lax"));
        assert!(!s.set_cookie(false).contains("Secure"));
        assert!(s.set_cookie(true).ends_with("; Secure"));
    }
}

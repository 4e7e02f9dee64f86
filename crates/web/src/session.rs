//! The anonymous session of the public form: a random token in an
//! HttpOnly, SameSite=Lax cookie (Secure when deployed). Nothing is stored
//! until the first POST; the CSRF token is an HMAC of the session token
//! under SECRET_KEY, so a GET needs no database write. The database keeps
//! only a SHA-256 of the token, so a leaked table opens no session.

use hmac::{Hmac, Mac};
use poem::Request;
use rand::RngCore;
use sha2::{Digest, Sha256};

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
            .headers()
            .get_all(poem::http::header::COOKIE)
            .iter()
            .find_map(|h| {
                h.to_str().ok()?.split(';').find_map(|kv| {
                    let (k, v) = kv.trim().split_once('=')?;
                    (k == COOKIE && valid_token(v)).then(|| v.to_owned())
                })
            });
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

    fn mac(&self, secret: &str) -> Hmac<Sha256> {
        // HMAC accepts keys of any length.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
        mac.update(b"csrf|");
        mac.update(self.token.as_bytes());
        mac
    }

    /// The CSRF token forms of this session carry.
    pub fn csrf_token(&self, secret: &str) -> String {
        hex::encode(self.mac(secret).finalize().into_bytes())
    }

    /// Checks a posted CSRF token (constant time).
    pub fn verify_csrf(&self, secret: &str, given: Option<&str>) -> bool {
        if self.is_new {
            return false;
        }
        match given.and_then(|g| hex::decode(g).ok()) {
            Some(bytes) => self.mac(secret).verify_slice(&bytes).is_ok(),
            None => false,
        }
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

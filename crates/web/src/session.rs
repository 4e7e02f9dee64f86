//! The anonymous session of the public form: a random token in an
//! HttpOnly, SameSite=Lax cookie (Secure, and named with the `__Host-`
//! prefix, when deployed). The cookie holds the token and an HMAC of it
//! under `SECRET_KEY`, so only tokens this server issued are taken: a token
//! someone made up or planted from a sibling site starts a fresh session
//! instead. Nothing is stored
//! until the first POST; the CSRF token is an HMAC of the session token, so
//! a GET needs no database write. The database keeps only a SHA-256 of the
//! token, so a leaked table opens no session.

use hmac::{Hmac, Mac};
use poem::Request;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::csrf;

/// The cookie's name over plain HTTP (local development, tests).
pub const COOKIE: &str = "crt_session";
/// The cookie's name when it is Secure: the `__Host-` prefix pins it to
/// this host, path `/`, HTTPS only, so a sibling subdomain cannot set it.
pub const SECURE_COOKIE: &str = "__Host-crt_session";

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

fn signature(secret: &str, token: &str) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so this cannot fail.
    #[allow(clippy::expect_used)]
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(b"session|");
    mac.update(token.as_bytes());
    mac
}

/// A `Set-Cookie` value for one of the portal's cookies: path `/`,
/// HttpOnly, SameSite=Lax, and Secure over TLS (the names passed then
/// carry the `__Host-` prefix); `max_age` in seconds, or a session cookie.
pub(crate) fn cookie_header(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> String {
    let age = max_age
        .map(|s| format!("; Max-Age={s}"))
        .unwrap_or_default();
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax{age}{secure}")
}

/// The cookie's name for this transport.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure { SECURE_COOKIE } else { COOKIE }
}

impl Session {
    /// The request's session if its cookie is one this server issued
    /// (token and signature), or a new one (not yet sent or stored).
    pub fn from_request(req: &Request, secret: &str, secure: bool) -> Self {
        let existing = req
            .cookie()
            .get(cookie_name(secure))
            .and_then(|c| Self::verified(c.value_str(), secret));
        match existing {
            Some(token) => Self {
                token,
                is_new: false,
            },
            None => Self::fresh(),
        }
    }

    /// The token of a cookie value `token.signature`, if the signature is
    /// this server's (constant time).
    fn verified(value: &str, secret: &str) -> Option<String> {
        let (token, sig) = value.split_once('.')?;
        let sig = hex::decode(sig).ok()?;
        (valid_token(token) && signature(secret, token).verify_slice(&sig).is_ok())
            .then(|| token.to_owned())
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
    pub fn set_cookie(&self, secret: &str, secure: bool) -> String {
        let sig = hex::encode(signature(secret, &self.token).finalize().into_bytes());
        cookie_header(
            cookie_name(secure),
            &format!("{}.{sig}", self.token),
            None,
            secure,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(c: char) -> Session {
        Session {
            token: c.to_string().repeat(64),
            is_new: false,
        }
    }

    #[test]
    fn csrf_is_tied_to_the_session_and_the_key() {
        let (a, b) = (session('a'), session('b'));
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
    fn only_tokens_this_server_signed_are_taken() {
        let s = session('c');
        let cookie = s.set_cookie("secret", false);
        let value = cookie
            .strip_prefix("crt_session=")
            .and_then(|v| v.split(';').next())
            .unwrap();
        assert_eq!(
            Session::verified(value, "secret").as_deref(),
            Some(s.token.as_str())
        );
        assert_eq!(Session::verified(value, "another key"), None);
        assert_eq!(
            Session::verified(&"c".repeat(64), "secret"),
            None,
            "a bare token"
        );
        let forged = format!("{}.{}", "d".repeat(64), value.split_once('.').unwrap().1);
        assert_eq!(
            Session::verified(&forged, "secret"),
            None,
            "another token's signature"
        );
    }

    #[test]
    fn cookie_flags() {
        let s = Session::fresh();
        let plain = s.set_cookie("k", false);
        assert!(plain.starts_with("crt_session=") && plain.contains("HttpOnly; SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        let secure = s.set_cookie("k", true);
        assert!(secure.starts_with("__Host-crt_session=") && secure.ends_with("; Secure"));
        assert!(secure.contains("Path=/") && !secure.contains("Domain"));
    }
}

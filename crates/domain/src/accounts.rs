//! Staff accounts: who may sign in, their section and groups, and password
//! hashing (argon2id with a random salt per password). Pure computation: the
//! accounts are stored through [`crate::ports::UserRepository`].

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use serde::{Deserialize, Serialize};

use crate::{
    report::Section,
    values::{Email, InvalidValue},
};

/// A staff account (never carries the password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Database id.
    pub id: i64,
    /// Sign-in name.
    pub username: String,
    /// E-mail address.
    pub email: Option<Email>,
    /// Name shown in the staff view.
    pub display_name: String,
    /// Deactivated accounts cannot sign in.
    pub active: bool,
    /// May use the staff view.
    pub portal_access: bool,
    /// Home section, if any.
    pub section: Option<Section>,
    /// Groups (from single sign-on or set by operators).
    pub groups: Vec<String>,
    /// May sign in with a password where single sign-on is on (only when
    /// `AUTH_ALLOW_EMERGENCY_LOCAL=true`).
    pub emergency_local: bool,
}

/// What `crt-admin user create` supplies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUser {
    /// Sign-in name (checked with [`parse_username`]).
    pub username: String,
    /// E-mail address.
    pub email: Option<Email>,
    /// Name shown in the staff view (defaults to the username).
    pub display_name: String,
    /// May use the staff view.
    pub portal_access: bool,
    /// Home section.
    pub section: Option<Section>,
    /// An argon2 hash from [`hash_password`], or none (single sign-on only).
    pub password_hash: Option<String>,
    /// May sign in with a password where single sign-on is on.
    pub emergency_local: bool,
}

/// The account a single sign-on opens or refreshes, as the sign-in service
/// decided it from the provider's claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsoUser {
    /// Sign-in name (the username claim, checked with [`parse_username`]).
    pub username: String,
    /// Who the provider says this is, for good: `issuer` and `sub`, joined
    /// by a space. An account, once linked to it, opens for no other.
    pub subject: String,
    /// The `email` claim, when it is an address.
    pub email: Option<Email>,
    /// The `name` claim, when present.
    pub display_name: Option<String>,
    /// The groups the provider gave.
    pub groups: Vec<String>,
    /// Whether one of the groups grants portal access.
    pub portal_access: bool,
    /// The section a group maps to, for an account created now.
    pub section_if_new: Option<Section>,
}

/// What [`crate::ports::UserRepository::upsert_sso_user`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SsoLink {
    /// The account, created or refreshed.
    Ready(User),
    /// The username belongs to an account linked to another subject (the
    /// username claim changed hands, or someone set theirs to a
    /// colleague's).
    OtherSubject(User),
    /// The username belongs to an emergency-local account, which stays a
    /// local account.
    EmergencyLocal(User),
}

/// The message for an unusable username.
pub const USERNAME_INVALID: &str =
    "A username is 1 to 150 letters, digits and @ . + - _ characters.";

/// Checks a username: 1 to 150 of `A-Z a-z 0-9 @ . + - _`.
pub fn parse_username(input: &str) -> Result<String, InvalidValue> {
    let s = input.trim();
    let ok = !s.is_empty()
        && s.chars().count() <= 150
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "@.+-_".contains(c));
    if ok {
        Ok(s.to_owned())
    } else {
        Err(InvalidValue(USERNAME_INVALID))
    }
}

/// The message for a password that is too short.
pub const PASSWORD_TOO_SHORT: &str = "A password must be at least 12 characters.";

/// Hashes a password (argon2id, random salt) for storage. Refuses passwords
/// shorter than 12 characters.
pub fn hash_password(password: &str) -> Result<String, InvalidValue> {
    if password.chars().count() < 12 {
        return Err(InvalidValue(PASSWORD_TOO_SHORT));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_argon2_error| InvalidValue("The password could not be hashed."))
}

/// Whether `password` matches a stored hash (false for a malformed hash).
pub fn verify_password(password: &str, stored_hash: &str) -> bool {
    match PasswordHash::new(stored_hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the username does not exist, so a failed
/// sign-in takes as long whether or not the account exists.
pub fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("not-a-real-password-at-all").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash_password("correct horse battery").unwrap();
        let b = hash_password("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "a fresh salt each time");
        assert!(verify_password("correct horse battery", &a));
        assert!(!verify_password("correct horse batterx", &a));
        assert!(!verify_password("anything", "not a hash"));
        assert_eq!(
            hash_password("short"),
            Err(InvalidValue(PASSWORD_TOO_SHORT))
        );
        assert!(!verify_password("x", dummy_hash()));
    }

    #[test]
    fn usernames() {
        assert_eq!(parse_username(" ana.lopez@doj ").unwrap(), "ana.lopez@doj");
        for bad in ["", "ana lopez", "ana/../x", &"a".repeat(151), "<b>"] {
            assert!(parse_username(bad).is_err(), "{bad}");
        }
    }
}

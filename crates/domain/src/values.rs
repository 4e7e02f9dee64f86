//! Validated newtypes: an `Email`, `Phone`, `Zip`, `StateCode` or `PublicId`
//! that exists is valid. Fields are private; the only way in is `parse`.

use std::fmt;

use rand::Rng;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::reference;

/// Why a value was refused (the message is the one the public reads).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidValue(pub &'static str);

macro_rules! string_newtype {
    ($name:ident) => {
        impl $name {
            /// The validated text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

/// An e-mail address (at most 225 characters, one `@`, a dotted domain).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);
string_newtype!(Email);

/// The message for an invalid e-mail address.
pub const EMAIL_INVALID: &str = "Enter a valid email address.";

impl Email {
    /// Accepts a trimmed address such as `jane.doe@example.org`.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let s = input.trim();
        let bad = InvalidValue(EMAIL_INVALID);
        if s.is_empty() || s.chars().count() > 225 {
            return Err(bad);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(bad.clone())?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if local_ok && domain_ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(bad)
        }
    }
}

/// A phone number: 7 to 15 digits; `+ ( ) - .` and spaces allowed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phone(String);
string_newtype!(Phone);

/// The message for an invalid phone number.
pub const PHONE_INVALID: &str = "If you submit a phone number, please make sure to include between 7 and 15 digits. The characters \"+\", \")\", \"(\", \"-\", and \".\" are allowed. Please include country code if entering an international phone number.";

impl Phone {
    /// Accepts e.g. `(202) 555-0100` or `+44 20 7946 0958`.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let s = input.trim();
        let allowed = s
            .chars()
            .all(|c| c.is_ascii_digit() || "+()-. ".contains(c));
        let digits = s.chars().filter(char::is_ascii_digit).count();
        if allowed && (7..=15).contains(&digits) && s.chars().count() <= 225 {
            Ok(Self(s.to_owned()))
        } else {
            Err(InvalidValue(PHONE_INVALID))
        }
    }
    /// Only the digits, for matching numbers written differently.
    pub fn digits(&self) -> String {
        self.0.chars().filter(char::is_ascii_digit).collect()
    }
}

/// A ZIP code: at most 10 characters of digits, with an optional `-`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Zip(String);
string_newtype!(Zip);

/// The message for an invalid ZIP code.
pub const ZIP_INVALID: &str = "Enter a valid ZIP code.";

impl Zip {
    /// Accepts `20530` or `20530-0001` (or any 3 to 10 digits and dashes).
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let s = input.trim();
        let digits = s.chars().filter(char::is_ascii_digit).count();
        if s.len() <= 10
            && digits >= 3
            && s.chars().all(|c| c.is_ascii_digit() || c == '-')
            && !s.starts_with('-')
        {
            Ok(Self(s.to_owned()))
        } else {
            Err(InvalidValue(ZIP_INVALID))
        }
    }
}

/// A code of `data/states_and_territories.csv` (e.g. `DC`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StateCode(String);
string_newtype!(StateCode);

/// The message for a state that is not on the list.
pub const STATE_INVALID: &str = "Select a valid state or territory.";

impl StateCode {
    /// Accepts a code of the list (exact, upper case).
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let s = input.trim();
        if reference::state_name(s).is_some() {
            Ok(Self(s.to_owned()))
        } else {
            Err(InvalidValue(STATE_INVALID))
        }
    }
    /// The state's or territory's name.
    pub fn name(&self) -> &'static str {
        reference::state_name(&self.0).unwrap_or("") // unreachable: checked in parse
    }
}

/// The letters a public id's suffix is drawn from (no vowels, so no words).
pub const PUBLIC_ID_LETTERS: &[u8; 20] = b"BCDFGHJKLMNPQRSTVWXZ";

/// The record number the public sees: the database id, a dash and three
/// letters from [`PUBLIC_ID_LETTERS`], e.g. `4711-KTR`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PublicId {
    id: i64,
    suffix: [u8; 3],
}

/// The message for a malformed public id.
pub const PUBLIC_ID_INVALID: &str =
    "A record number is digits, a dash and three capital letters, like 4711-KTR.";

impl PublicId {
    /// A new public id for database id `id`, with three random letters.
    pub fn generate<R: Rng + ?Sized>(id: i64, rng: &mut R) -> Self {
        let mut suffix = [0u8; 3];
        for b in &mut suffix {
            *b = PUBLIC_ID_LETTERS[rng.random_range(0..PUBLIC_ID_LETTERS.len())];
        }
        Self { id, suffix }
    }
    /// Rebuild from a stored id and suffix.
    pub fn from_parts(id: i64, suffix: &str) -> Result<Self, InvalidValue> {
        let bytes = suffix.as_bytes();
        if id <= 0 || bytes.len() != 3 || !bytes.iter().all(|b| PUBLIC_ID_LETTERS.contains(b)) {
            return Err(InvalidValue(PUBLIC_ID_INVALID));
        }
        Ok(Self {
            id,
            suffix: [bytes[0], bytes[1], bytes[2]],
        })
    }
    /// Parses `4711-KTR` (surrounding spaces and lower case letters accepted).
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let s = input.trim().to_ascii_uppercase();
        let (id, suffix) = s.split_once('-').ok_or(InvalidValue(PUBLIC_ID_INVALID))?;
        if id.is_empty() || id.len() > 18 || !id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(InvalidValue(PUBLIC_ID_INVALID));
        }
        let id: i64 = id
            .parse()
            .map_err(|_not_a_number| InvalidValue(PUBLIC_ID_INVALID))?;
        Self::from_parts(id, suffix)
    }
    /// The database id part.
    pub fn id(&self) -> i64 {
        self.id
    }
    /// The three letters.
    pub fn suffix(&self) -> &str {
        // The suffix only ever holds ASCII letters of PUBLIC_ID_LETTERS.
        std::str::from_utf8(&self.suffix).unwrap_or("")
    }
}

impl fmt::Display for PublicId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.id, self.suffix())
    }
}

impl Serialize for PublicId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PublicId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use rand::{SeedableRng, rngs::StdRng};

    use super::*;

    #[test]
    fn emails() {
        for ok in [
            "a@b.co",
            "jane.doe+crt@example.org",
            "x_y@sub.domain.gov",
            " a@b.co ",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "plain",
            "@b.co",
            "a@",
            "a@b",
            "a@b.c",
            "a b@c.org",
            "a@@b.org",
            ".a@b.org",
            "a..b@c.org",
            "a@-b.org",
            "a@b.org.",
            "a@b.c0m",
            "<script>@x.org",
        ] {
            assert_eq!(Email::parse(bad), Err(InvalidValue(EMAIL_INVALID)), "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(64)) + &".org".repeat(40);
        assert!(Email::parse(&long).is_err(), "longer than 225");
    }

    #[test]
    fn phones() {
        for ok in [
            "2025550100",
            "(202) 555-0100",
            "+44 20 7946 0958",
            "555.0100",
            "1234567",
        ] {
            assert!(Phone::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "123456",
            "1234567890123456",
            "202-555-CALL",
            "202/555/0100",
            "#1234567",
        ] {
            assert_eq!(Phone::parse(bad), Err(InvalidValue(PHONE_INVALID)), "{bad}");
        }
        assert_eq!(
            Phone::parse("(202) 555-0100").unwrap().digits(),
            "2025550100"
        );
    }

    #[test]
    fn zips_and_states() {
        assert!(Zip::parse("20530").is_ok());
        assert!(Zip::parse("20530-0001").is_ok());
        for bad in ["20530-00011", "ABCDE", "-2053", "12"] {
            assert!(Zip::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            StateCode::parse("DC").unwrap().name(),
            "District of Columbia"
        );
        assert_eq!(StateCode::parse("PR").unwrap().name(), "Puerto Rico");
        assert!(StateCode::parse("XX").is_err());
        assert!(StateCode::parse("dc").is_err());
    }

    #[test]
    fn public_ids() {
        let mut rng = StdRng::seed_from_u64(7);
        for id in [1, 42, 4711, i64::from(i32::MAX) + 5] {
            let p = PublicId::generate(id, &mut rng);
            let text = p.to_string();
            let (num, letters) = text.split_once('-').unwrap();
            assert_eq!(num, id.to_string());
            assert_eq!(letters.len(), 3);
            assert!(
                letters.bytes().all(|b| PUBLIC_ID_LETTERS.contains(&b)),
                "{text}"
            );
            assert_eq!(PublicId::parse(&text).unwrap(), p);
        }
        assert_eq!(
            PublicId::parse(" 4711-ktr ").unwrap().to_string(),
            "4711-KTR"
        );
        for bad in [
            "4711",
            "4711-KT",
            "4711-KTRS",
            "4711-AEI",
            "-KTR",
            "0-KTR",
            "x1-KTR",
        ] {
            assert!(PublicId::parse(bad).is_err(), "{bad}");
        }
        // All 20 letters turn up and nothing else does.
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..500 {
            seen.extend(PublicId::generate(i + 1, &mut rng).suffix().bytes());
        }
        assert_eq!(
            seen.into_iter().collect::<Vec<_>>(),
            PUBLIC_ID_LETTERS.to_vec()
        );
    }
}

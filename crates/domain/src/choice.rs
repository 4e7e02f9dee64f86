//! Closed sets of answers (the enumerations of DOMAIN.md): each variant has a
//! stored `value` (never changes once used) and a `label` the public reads.
//!
//! This module only declares the sets; the rules that use them live elsewhere.

use std::fmt;

/// A closed set of answers with a stored value and a human label per member.
pub trait Choice: Sized + Copy + Eq + fmt::Debug + 'static {
    /// Every member, in the order forms and lists show them.
    const ALL: &'static [Self];
    /// The value stored in the database, sent in HTML forms, the API and the CLI.
    fn value(self) -> &'static str;
    /// The label shown to people.
    fn label(self) -> &'static str;
    /// The member whose stored value is `value` (exact match), if any.
    fn from_value(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.value() == value)
    }
}

/// Declares an enum implementing [`Choice`], `Display` (the value), `FromStr`
/// and serde as the stored value.
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($value:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $crate::choice::Choice for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn value(self) -> &'static str {
                match self { $(Self::$variant => $value),+ }
            }
            fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::choice::Choice::value(*self))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::choice::UnknownChoice;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as $crate::choice::Choice>::from_value(s).ok_or_else(|| {
                    $crate::choice::UnknownChoice { set: stringify!($name), value: s.to_owned() }
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::choice::Choice::value(*self))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as ::serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use choice_enum;

/// A value that is not a member of the named set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid {set} value")]
pub struct UnknownChoice {
    /// The Rust name of the set, e.g. `PrimaryComplaint`.
    pub set: &'static str,
    /// The value that was given.
    pub value: String,
}

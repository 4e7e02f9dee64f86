//! Saved searches (docs/saved-searches.md): a named list query, kept for
//! its owner or shared with a section, opened by a short stable link
//! (`/form/s/<code>`). The query is the list's own query string, so a
//! saved search shows exactly what the list showed when it was saved, and
//! `assigned_to=(me)` means whoever opens it.

use chrono::{DateTime, Utc};
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::report::Section;

/// Longest name.
pub const NAME_CHARS: usize = 120;
/// Longest query string kept.
pub const QUERY_CHARS: usize = 4000;
/// Letters of a link's code.
pub const CODE_LEN: usize = 8;
/// The letters a code is made of (no 0/o, 1/l: codes are read aloud).
const CODE_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A saved search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    /// Database id.
    pub id: i64,
    /// The link's code (`/form/s/<code>`), never reused.
    pub code: String,
    /// What staff call it.
    pub name: String,
    /// Who saved it (username).
    pub owner: String,
    /// Shared with this section's staff; `None`: the owner's alone.
    pub shared_with: Option<Section>,
    /// The list's query string (without paging).
    pub query: String,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
}

impl SavedSearch {
    /// Whether `username` (of home section `section`) may open it.
    pub fn visible_to(&self, username: &str, section: Option<Section>) -> bool {
        self.owner == username || (self.shared_with.is_some() && self.shared_with == section)
    }
}

/// What a new saved search is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSavedSearch {
    /// Its name, trimmed.
    pub name: String,
    /// Its query, without paging.
    pub query: String,
    /// Shared with a section, or not.
    pub shared_with: Option<Section>,
}

/// Checks a name and a query, and drops the query's paging (`page`,
/// `after`): a saved search opens at its first page.
///
/// Errors: the message for the person saving.
pub fn prepare(
    name: &str,
    query_pairs: &[(String, String)],
    shared_with: Option<Section>,
) -> Result<NewSavedSearch, String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > NAME_CHARS {
        return Err(format!(
            "Give the search a name of 1 to {NAME_CHARS} characters."
        ));
    }
    let kept: Vec<&(String, String)> = query_pairs
        .iter()
        .filter(|(k, v)| k != "page" && k != "after" && !v.trim().is_empty())
        .collect();
    let query = kept
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    if query.chars().count() > QUERY_CHARS {
        return Err("This search is too long to save; remove some filters.".into());
    }
    Ok(NewSavedSearch {
        name,
        query,
        shared_with,
    })
}

/// A new random link code.
pub fn new_code<R: Rng + ?Sized>(rng: &mut R) -> String {
    (0..CODE_LEN)
        .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

/// Whether `text` could be a link code (before looking it up).
pub fn is_code(text: &str) -> bool {
    text.len() == CODE_LEN && text.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

/// Percent-encodes all but RFC 3986's unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect()
    }

    #[test]
    fn prepare_keeps_the_filters_and_drops_paging() {
        let s = prepare(
            "  Voting   in Ohio ",
            &pairs(&[
                ("assigned_section", "VOT"),
                ("page", "3"),
                ("after", "99"),
                ("location_state", "OH"),
                ("violation_summary", "\"polling place\" -parking"),
                ("status", ""),
            ]),
            None,
        )
        .unwrap();
        assert_eq!(s.name, "Voting in Ohio");
        assert_eq!(
            s.query,
            "assigned_section=VOT&location_state=OH&violation_summary=%22polling%20place%22%20-parking"
        );
        assert!(prepare(" ", &[], None).is_err());
        assert!(prepare(&"x".repeat(121), &[], None).is_err());
        let long = pairs(&[("violation_summary", &"word ".repeat(1000))]);
        assert!(prepare("Long", &long, None).is_err());
    }

    #[test]
    fn codes_and_visibility() {
        let code = new_code(&mut rand::rng());
        assert!(is_code(&code), "{code}");
        assert!(!is_code("abc"));
        assert!(!is_code("ABCDEFGH"));
        let s = SavedSearch {
            id: 1,
            code,
            name: "n".into(),
            owner: "ana".into(),
            shared_with: Some(Section::Voting),
            query: String::new(),
            created_at: Utc::now(),
        };
        assert!(s.visible_to("ana", None));
        assert!(s.visible_to("bo", Some(Section::Voting)));
        assert!(!s.visible_to("bo", Some(Section::Criminal)));
        assert!(!s.visible_to("bo", None));
        let private = SavedSearch {
            shared_with: None,
            ..s
        };
        assert!(!private.visible_to("bo", None));
    }
}

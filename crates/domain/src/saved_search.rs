//! Saved searches (docs/saved-searches.md): a named list query, kept for
//! its owner or shared with a section, opened by a short stable link
//! (`/form/s/<code>`). The query is the list's own query string, so a
//! saved search shows exactly what the list showed when it was saved, and
//! `assigned_to=(me)` means whoever opens it.

use chrono::{DateTime, Utc};
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::{list_query, ports::ReportFilters, report::Section};

mod action;
pub use action::{ActionState, AutoAction, COMMENT_CHARS, PREVIEW_DAYS, actor};

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
    /// Its automatic action, when switched on (shared searches only).
    #[serde(default)]
    pub action: Option<ActionState>,
}

impl SavedSearch {
    /// Whether `username` (of home section `section`) may open it.
    pub fn visible_to(&self, username: &str, section: Option<Section>) -> bool {
        self.owner == username || (self.shared_with.is_some() && self.shared_with == section)
    }

    /// Its filters as `username` sees them (`assigned_to=(me)` is them);
    /// `None` when its query no longer reads (a filter since removed).
    pub fn filters_for(&self, username: &str) -> Option<ReportFilters> {
        let pairs = list_query::resolve_me(&decode_query(&self.query), username);
        let (query, problems) = list_query::parse_query(&pairs);
        problems.is_empty().then_some(query.filters)
    }
}

/// A query string's pairs (`+` and `%XX` decoded; bytes that are not
/// UTF-8 become U+FFFD).
pub fn decode_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let hex = |b: u8| char::from(b).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| Some((hex(*bytes.get(i + 1)?)?, hex(*bytes.get(i + 2)?)?)))
            .flatten();
        match (bytes[i], escaped) {
            (_, Some((hi, lo))) => {
                out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                i += 3;
                continue;
            }
            (b'+', None) => out.push(b' '),
            (b, None) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
    fn a_saved_query_reads_back_into_the_filters_it_was_saved_with() {
        let s = prepare(
            "Mine",
            &pairs(&[
                ("assigned_to", "(me)"),
                ("violation_summary", "\"ramp\" 50%+"),
                ("status", "new"),
            ]),
            None,
        )
        .unwrap();
        assert_eq!(
            decode_query(&s.query),
            pairs(&[
                ("assigned_to", "(me)"),
                ("violation_summary", "\"ramp\" 50%+"),
                ("status", "new"),
            ])
        );
        assert_eq!(
            decode_query("a=x+y%2&b=%E2%9C%93"),
            pairs(&[("a", "x y%2"), ("b", "\u{2713}")])
        );
        let search = SavedSearch {
            id: 1,
            code: "abcdefgh".into(),
            name: s.name,
            owner: "ana".into(),
            shared_with: None,
            query: s.query,
            created_at: Utc::now(),
            action: None,
        };
        let f = search.filters_for("bo").unwrap();
        assert_eq!(
            f.assigned_to,
            Some(crate::ports::AssigneeFilter::User("bo".into()))
        );
        assert_eq!(f.statuses, vec![crate::report::Status::New]);
        let broken = SavedSearch {
            query: "status=gone".into(),
            ..search
        };
        assert_eq!(broken.filters_for("bo"), None);
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
            action: None,
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

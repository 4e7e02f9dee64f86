//! Repeat writers: someone who files the same report again and again, or
//! many reports from one address. A report is flagged when its contact
//! e-mail is on at least [`Thresholds::email_reports`] reports, or its
//! description, normalised, is the same as on at least
//! [`Thresholds::description_reports`] reports (this one included), so
//! triage can find the whole group and handle it in one bulk action.
//!
//! The flag is set when a report is filed and recomputed for old data by
//! `crt-admin repeat-writers refresh` (docs/staff-view.md).

use sha2::{Digest, Sha256};

/// When a report counts as one of a repeat writer's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thresholds {
    /// Reports with one contact e-mail (`REPEAT_WRITER_EMAIL_REPORTS`,
    /// default 5); 0 turns this test off.
    pub email_reports: u64,
    /// Reports with one normalised description
    /// (`REPEAT_WRITER_DESCRIPTION_REPORTS`, default 3); 0 turns it off.
    pub description_reports: u64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            email_reports: 5,
            description_reports: 3,
        }
    }
}

/// Shortest description (in words) that is compared: "help" or "see
/// attached" on many reports is not one writer.
pub const MIN_WORDS: usize = 5;

/// The key of a description: a SHA-256 of its words, lower-cased, in
/// order, without punctuation or spacing, so copies that differ only in
/// case, spacing or punctuation share it. `None` for a description
/// shorter than [`MIN_WORDS`] words.
pub fn description_key(description: &str) -> Option<String> {
    let words = crate::search::words(description);
    if words.len() < MIN_WORDS {
        return None;
    }
    Some(hex::encode(Sha256::digest(words.join(" ").as_bytes())))
}

/// Whether counts this high make a repeat writer.
pub fn is_repeat(t: Thresholds, same_email: u64, same_description: u64) -> bool {
    (t.email_reports > 0 && same_email >= t.email_reports)
        || (t.description_reports > 0 && same_description >= t.description_reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_share_a_key() {
        let a = description_key("My landlord refused to rent to me, because of my religion.");
        let b = description_key("my landlord   REFUSED to rent to me because of my religion");
        assert!(a.is_some());
        assert_eq!(a, b);
        assert_ne!(
            a,
            description_key("My landlord refused to rent to me because of my race")
        );
        assert_eq!(description_key("see attached letter"), None);
    }

    #[test]
    fn thresholds() {
        let t = Thresholds::default();
        assert!(!is_repeat(t, 4, 2));
        assert!(is_repeat(t, 5, 0));
        assert!(is_repeat(t, 0, 3));
        let off = Thresholds {
            email_reports: 0,
            description_reports: 0,
        };
        assert!(!is_repeat(off, 100, 100));
    }
}

//! Tags: short labels a section defines for its own reports ("flood-2026",
//! "school-board"), added and removed by staff on a report or in bulk, and
//! filtered on in the list. Operators define and retire them
//! (`crt-admin tag add/list/retire`); a retired tag stays on the reports
//! that have it but can no longer be added.
//!
//! A tag is named with its section, `HCE/flood-2026`, everywhere it is
//! stored, linked or logged, so two sections may use the same word.

use serde::{Deserialize, Serialize};

use crate::{choice::Choice, report::Section};

/// Longest tag name (without its section).
pub const NAME_CHARS: usize = 40;

/// A tag's section and name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TagRef {
    /// The section that defined it.
    pub section: Section,
    /// Lower-case letters, digits and hyphens.
    pub name: String,
}

impl TagRef {
    /// `SECTION/name`, the form stored on reports and in links.
    pub fn qualified(&self) -> String {
        format!("{}/{}", self.section.value(), self.name)
    }
}

/// The section code and name of a stored `SECTION/name` (no checks: for
/// names read back from storage).
pub fn split_qualified(q: &str) -> (&str, &str) {
    q.split_once('/').unwrap_or(("", q))
}

impl std::fmt::Display for TagRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.section.value(), self.name)
    }
}

/// Checks a tag name: 1 to 40 of `a-z`, `0-9` and `-`, not starting or
/// ending with a hyphen. Upper case is folded.
///
/// Errors: the message shown to the person who typed it.
pub fn parse_name(name: &str) -> Result<String, String> {
    let name = name.trim().to_lowercase();
    let ok = !name.is_empty()
        && name.chars().count() <= NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    if ok {
        Ok(name)
    } else {
        Err(format!(
            "{name:?} is not a tag name: use 1 to {NAME_CHARS} lower-case letters, digits and hyphens (like flood-2026)."
        ))
    }
}

/// Reads `SECTION/name` (the section's code in any case).
///
/// Errors: the message shown to the person who typed it.
pub fn parse(text: &str) -> Result<TagRef, String> {
    let Some((section, name)) = text.trim().split_once('/') else {
        return Err(format!(
            "{:?} is not a tag: write the section and the name, like HCE/flood-2026.",
            text.trim()
        ));
    };
    let section = Section::from_value(&section.trim().to_ascii_uppercase())
        .ok_or_else(|| format!("{:?} is not a section code.", section.trim()))?;
    Ok(TagRef {
        section,
        name: parse_name(name)?,
    })
}

/// A tag as operators define it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// Section and name.
    pub tag: TagRef,
    /// What it is for (shown as a hint).
    pub description: String,
    /// Retired tags stay on reports but cannot be added.
    pub retired: bool,
}

/// Applies tag additions and removals to `tags` (qualified names, kept
/// sorted) of a report in `section`, calling `note(verb, value)` for each
/// one that changes something: "Tag added:" or "Tag removed:".
///
/// Errors: a tag of another section added (nothing is applied).
pub(crate) fn apply(
    section: Section,
    tags: &mut Vec<String>,
    add: &[TagRef],
    remove: &[TagRef],
    mut note: impl FnMut(&str, String),
) -> Result<(), String> {
    if let Some(t) = add.iter().find(|t| t.section != section) {
        return Err(format!(
            "The tag {t} belongs to {}; this report is in {}.",
            t.section.value(),
            section.value()
        ));
    }
    for t in remove {
        let q = t.qualified();
        if let Some(i) = tags.iter().position(|x| *x == q) {
            tags.remove(i);
            note("Tag removed:", q);
        }
    }
    for t in add {
        let q = t.qualified();
        if !tags.contains(&q) {
            tags.push(q.clone());
            note("Tag added:", q);
        }
    }
    tags.sort();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_references() {
        assert_eq!(parse_name(" Flood-2026 ").unwrap(), "flood-2026");
        for bad in ["", "-x", "x-", "a b", "é", "a/b", &"x".repeat(41)] {
            assert!(parse_name(bad).is_err(), "{bad:?}");
        }
        let t = parse("hce/Flood-2026").unwrap();
        assert_eq!(t.section, Section::HousingAndCivilEnforcement);
        assert_eq!(t.qualified(), "HCE/flood-2026");
        assert!(parse("flood").unwrap_err().contains("HCE/flood-2026"));
        assert!(parse("XYZ/flood").unwrap_err().contains("section"));
    }

    #[test]
    fn apply_logs_only_real_changes() {
        let a = parse("HCE/a").unwrap();
        let b = parse("HCE/b").unwrap();
        let hce = Section::HousingAndCivilEnforcement;
        let mut tags = vec!["HCE/b".to_owned()];
        let mut log = Vec::new();
        apply(hce, &mut tags, &[a.clone(), b.clone()], &[], |v, q| {
            log.push(format!("{v} {q}"))
        })
        .unwrap();
        assert_eq!(tags, ["HCE/a", "HCE/b"]);
        assert_eq!(log, ["Tag added: HCE/a"]);
        log.clear();
        apply(
            hce,
            &mut tags,
            &[],
            &[b, parse("CRM/b").unwrap()],
            |v, q| log.push(format!("{v} {q}")),
        )
        .unwrap();
        assert_eq!(tags, ["HCE/a"]);
        assert_eq!(log, ["Tag removed: HCE/b"]);
        let refused = apply(hce, &mut tags, &[parse("CRM/c").unwrap()], &[], |_, _| {});
        assert!(refused.unwrap_err().contains("belongs to CRM"));
        assert_eq!(tags, ["HCE/a"]);
    }
}

//! The translations are checkable even though nobody here reads them all:
//! every message exists in every language with the same variables, none is
//! left in English, none carries markup, and the legal terms of each
//! language's glossary (`locales/<lang>/GLOSSARY.md`) are used wherever the
//! English uses them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::collections::BTreeMap;

use crt_i18n::{LANGUAGES, Messages};

/// Messages that may read the same as the English in a language: proper
/// names and codes. Each entry is (language, message id).
const SAME_AS_ENGLISH: &[(&str, &str)] = &[];

fn locales() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales")
}

/// Every message's source text per language, read from the files (the
/// patterns as written, before any variable is filled in).
fn sources(lang: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let dir = locales().join(lang);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut current: Option<String> = None;
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                current = None;
                continue;
            }
            if !line.starts_with(' ')
                && let Some((id, value)) = line
                    .split_once(" = ")
                    .or_else(|| line.strip_suffix(" =").map(|id| (id, "")))
            {
                out.insert(id.trim().to_owned(), value.to_owned());
                current = Some(id.trim().to_owned());
            } else if let Some(id) = &current {
                // A continuation line (a select's variants).
                if let Some(v) = out.get_mut(id) {
                    v.push('\n');
                    v.push_str(line.trim());
                }
            }
        }
    }
    out
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let m = Messages::load().unwrap();
    let english = m.ids("en").unwrap();
    assert!(english.len() > 200, "{} English messages", english.len());
    let mut problems = Vec::new();
    for lang in LANGUAGES.iter().filter(|l| l.code != "en") {
        let ids = m.ids(lang.code).unwrap();
        for (id, vars) in english {
            match ids.get(id) {
                None => problems.push(format!("{}: {id} is missing", lang.code)),
                Some(v) if v != vars => problems.push(format!(
                    "{}: {id} uses {v:?}, English uses {vars:?}",
                    lang.code
                )),
                Some(_) => {}
            }
        }
        for id in ids.keys().filter(|id| !english.contains_key(*id)) {
            problems.push(format!("{}: {id} is not an English message", lang.code));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn nothing_is_left_in_english_and_nothing_carries_markup() {
    let english = sources("en");
    let mut problems = Vec::new();
    for lang in &LANGUAGES {
        let theirs = sources(lang.code);
        for (id, text) in &theirs {
            if text.contains('<') || text.contains('&') {
                problems.push(format!(
                    "{}: {id} has markup (pass links in as variables)",
                    lang.code
                ));
            }
            if lang.code != "en"
                && english.get(id) == Some(text)
                && !SAME_AS_ENGLISH.contains(&(lang.code, id.as_str()))
            {
                problems.push(format!("{}: {id} is the English text {text:?}", lang.code));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// `(English term, the forms this language uses)` from a glossary's table.
fn glossary(lang: &str) -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(locales().join(lang).join("GLOSSARY.md"))
        .unwrap_or_else(|_| panic!("locales/{lang}/GLOSSARY.md is missing"));
    text.lines()
        .filter(|l| l.starts_with('|'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            let (en, forms) = (cells.first()?, cells.get(1)?);
            if en.is_empty() || *en == "English" || en.starts_with("---") {
                return None;
            }
            let forms: Vec<String> = forms
                .split(" / ")
                .map(|f| f.trim().to_owned())
                .filter(|f| !f.is_empty())
                .collect();
            Some(((*en).to_owned(), forms))
        })
        .collect()
}

/// Whether `text` uses `term` as a word (case-blind; a plural "s" too).
fn uses_term(text: &str, term: &str) -> bool {
    let text = text.to_lowercase();
    let term = term.to_lowercase();
    let mut from = 0;
    while let Some(i) = text[from..].find(&term) {
        let start = from + i;
        let end = start + term.len();
        let before = text[..start].chars().next_back();
        let rest = &text[end..];
        let after = rest.strip_prefix('s').unwrap_or(rest).chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return true;
        }
        from = end;
    }
    false
}

#[test]
fn each_glossary_covers_the_key_terms_and_is_used() {
    const KEY_TERMS: [&str; 7] = [
        "civil rights",
        "protected class",
        "complaint",
        "discrimination",
        "retaliation",
        "service member",
        "record number",
    ];
    let english = sources("en");
    let mut problems = Vec::new();
    for lang in LANGUAGES.iter().filter(|l| l.code != "en") {
        let terms = glossary(lang.code);
        for key in KEY_TERMS {
            if !terms
                .iter()
                .any(|(en, forms)| en == key && !forms.is_empty())
            {
                problems.push(format!("{}: the glossary lacks {key:?}", lang.code));
            }
        }
        let theirs = sources(lang.code);
        for (term, forms) in &terms {
            for (id, en_text) in &english {
                if !uses_term(en_text, term) {
                    continue;
                }
                let Some(text) = theirs.get(id) else { continue };
                let lower = text.to_lowercase();
                if !forms.iter().any(|f| lower.contains(&f.to_lowercase())) {
                    problems.push(format!(
                        "{}: {id} says {term:?} in English but none of {forms:?}: {text:?}",
                        lang.code
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_term_matcher_matches_words_only() {
    assert!(uses_term("File a report", "report"));
    assert!(uses_term("Reports from your network", "report"));
    assert!(!uses_term("reporting form", "report"));
    assert!(uses_term("Federal civil rights laws", "civil rights"));
    assert!(!uses_term("servicemember", "service member"));
}

#[test]
fn every_language_formats_every_message() {
    let m = Messages::load().unwrap();
    for lang in &LANGUAGES {
        for (id, vars) in m.ids("en").unwrap() {
            let args: Vec<(&str, crt_i18n::Arg)> = vars
                .iter()
                .map(|v| (v.as_str(), crt_i18n::Arg::Number(3)))
                .collect();
            let text = m.get(lang.code, id, &args).unwrap_or_default();
            assert!(!text.trim().is_empty(), "{} {id} is blank", lang.code);
            assert!(
                !text.contains('{') && !text.contains('}'),
                "{} {id}: {text:?}",
                lang.code
            );
        }
    }
}

//! The staff view's full-text query language, parsed once here and turned
//! into each database's own syntax by the persistence adapter:
//!
//! - words: `landlord refused` (all must appear)
//! - quoted phrases: `"service dog"`
//! - `OR` between two terms: `landlord OR owner`
//! - exclusion with a leading minus: `-parking`, `-"parking lot"`
//!
//! Matching is on whole words, case-insensitive, without stemming, so
//! SQLite and PostgreSQL find the same reports.

use serde::{Deserialize, Serialize};

/// A word or a phrase (a phrase is several words in a row).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term(pub Vec<String>);

/// A parsed query: every group must match (AND); a group matches when any
/// of its terms does (OR); no excluded term may match.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuery {
    /// AND of ORs.
    pub groups: Vec<Vec<Term>>,
    /// NOT terms.
    pub excluded: Vec<Term>,
}

/// Why a query cannot be run (the message is shown to staff).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QueryError(pub &'static str);

/// Splits text into the words the index holds: runs of letters and digits,
/// lower-cased.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

enum Token {
    Term { negated: bool, term: Term },
    Or,
}

fn tokenize(input: &str) -> Result<Vec<Token>, QueryError> {
    let mut out = Vec::new();
    let chars: Vec<char> = input.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let negated = c == '-' && i + 1 < chars.len() && !chars[i + 1].is_whitespace();
        if negated {
            i += 1;
        }
        if chars[i] == '"' {
            let end = chars[i + 1..]
                .iter()
                .position(|&c| c == '"')
                .ok_or(QueryError("A quoted phrase is missing its closing quote."))?;
            let phrase: String = chars[i + 1..i + 1 + end].iter().collect();
            i += end + 2;
            let w = words(&phrase);
            if !w.is_empty() {
                out.push(Token::Term {
                    negated,
                    term: Term(w),
                });
            }
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            i += 1;
        }
        let raw: String = chars[start..i].iter().collect();
        if raw == "OR" && !negated {
            out.push(Token::Or);
            continue;
        }
        // "e-mail" is two words in a row, as the index sees it.
        let w = words(&raw);
        if !w.is_empty() {
            out.push(Token::Term {
                negated,
                term: Term(w),
            });
        }
    }
    Ok(out)
}

/// Parses a query. Errors: an unclosed quote, a dangling OR, or nothing to
/// look for (only exclusions).
pub fn parse(input: &str) -> Result<TextQuery, QueryError> {
    let tokens = tokenize(input)?;
    let mut q = TextQuery {
        groups: Vec::new(),
        excluded: Vec::new(),
    };
    let mut pending_or = false;
    for t in tokens {
        match t {
            Token::Or => {
                if pending_or || q.groups.is_empty() {
                    return Err(QueryError("OR needs a word or phrase on each side."));
                }
                pending_or = true;
            }
            Token::Term {
                negated: true,
                term,
            } => {
                if pending_or {
                    return Err(QueryError("OR cannot be followed by an exclusion."));
                }
                q.excluded.push(term);
            }
            Token::Term {
                negated: false,
                term,
            } => {
                match (pending_or, q.groups.last_mut()) {
                    (true, Some(group)) => group.push(term),
                    _ => q.groups.push(vec![term]),
                }
                pending_or = false;
            }
        }
    }
    if pending_or {
        return Err(QueryError("OR needs a word or phrase on each side."));
    }
    if q.groups.is_empty() {
        return Err(QueryError("Add at least one word or phrase to look for."));
    }
    Ok(q)
}

impl TextQuery {
    /// Whether a text matches (the reference semantics the databases follow;
    /// also used in tests).
    pub fn matches(&self, text: &str) -> bool {
        let w = words(text);
        let has = |t: &Term| w.windows(t.0.len()).any(|win| win == t.0.as_slice());
        self.groups.iter().all(|g| g.iter().any(has)) && !self.excluded.iter().any(has)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &[&str]) -> Term {
        Term(s.iter().map(|x| x.to_string()).collect())
    }

    #[test]
    fn grammar() {
        let q = parse(r#"landlord OR owner "service dog" -parking -"bus stop""#).unwrap();
        assert_eq!(
            q.groups,
            vec![
                vec![t(&["landlord"]), t(&["owner"])],
                vec![t(&["service", "dog"])]
            ]
        );
        assert_eq!(q.excluded, vec![t(&["parking"]), t(&["bus", "stop"])]);
        assert_eq!(
            parse("E-Mail").unwrap().groups,
            vec![vec![t(&["e", "mail"])]]
        );
        assert_eq!(parse("a OR b OR c").unwrap().groups.len(), 1);
        assert_eq!(
            parse("or").unwrap().groups,
            vec![vec![t(&["or"])]],
            "lower-case or is a word"
        );
    }

    #[test]
    fn errors() {
        for bad in [
            "\"open",
            "OR x",
            "x OR",
            "x OR OR y",
            "-x",
            "",
            "   ",
            "x OR -y",
            "\"\"",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reference_semantics() {
        let q = parse(r#"dog OR cat "no pets" -fish"#).unwrap();
        assert!(q.matches("They said: No pets, and my dog had to go."));
        assert!(!q.matches("No pets. My cat and my fish."));
        assert!(
            !q.matches("my dog, no cats or pets"),
            "phrase words must be adjacent"
        );
    }
}

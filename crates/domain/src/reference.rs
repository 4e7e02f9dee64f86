//! Reference lists shipped with the code: states and territories, judicial
//! districts, primary statutes (the CSV files under `crates/domain/data/`).

use std::sync::OnceLock;

const STATES_CSV: &str = include_str!("../data/states_and_territories.csv");
const DISTRICTS_CSV: &str = include_str!("../data/judicial_districts.csv");
const STATUTES_CSV: &str = include_str!("../data/primary_statutes.csv");

fn rows(csv: &'static str) -> Vec<(&'static str, &'static str)> {
    csv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| match l.split_once(',') {
            Some((code, label)) => (code.trim(), label.trim()),
            None => (l.trim(), l.trim()),
        })
        .collect()
}

/// States and territories as (code, name), in the file's order.
pub fn states() -> &'static [(&'static str, &'static str)] {
    static S: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    S.get_or_init(|| rows(STATES_CSV))
}

/// Judicial districts as (code, label).
pub fn districts() -> &'static [(&'static str, &'static str)] {
    static S: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    S.get_or_init(|| rows(DISTRICTS_CSV))
}

/// Primary statute codes.
pub fn statutes() -> &'static [(&'static str, &'static str)] {
    static S: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    S.get_or_init(|| rows(STATUTES_CSV))
}

/// The name of a state or territory code.
pub fn state_name(code: &str) -> Option<&'static str> {
    states().iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// Whether `code` is a judicial district.
pub fn is_district(code: &str) -> bool {
    districts().iter().any(|(c, _)| *c == code)
}

/// Whether `code` is a primary statute.
pub fn is_statute(code: &str) -> bool {
    statutes().iter().any(|(c, _)| *c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_loaded() {
        assert_eq!(states().len(), 59);
        assert_eq!(state_name("WY"), Some("Wyoming"));
        assert!(is_district("11E") && !is_district("11X"));
        assert!(is_statute("170-USE") && !is_statute("999"));
        assert_eq!(districts().len(), 94);
    }
}

//! The staff "trends" page: the most frequent words (English stop words
//! removed) in report descriptions for four windows. Pure counting; the
//! periodic task `crt-admin refresh-trends` feeds it and stores the result.

use std::{
    collections::{HashMap, HashSet},
    sync::OnceLock,
};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::search::words;

const STOP_WORDS: &str = include_str!("../data/stop_words_en.txt");

/// How many words each window keeps.
pub const TOP: usize = 10;

/// The English stop words shipped with the code (apostrophes removed, as
/// the word splitter sees them).
pub fn stop_words() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        STOP_WORDS
            .split_whitespace()
            .map(|w| w.replace('\'', ""))
            .chain(STOP_WORDS.split_whitespace().flat_map(words))
            .collect()
    })
}

/// A window of time the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Window {
    /// Monday of this week to now.
    ThisWeek,
    /// The whole previous week (Monday to Sunday).
    LastWeek,
    /// The last 28 days.
    LastFourWeeks,
    /// January 1st to now.
    YearToDate,
}

impl Window {
    /// Every window, in page order.
    pub const ALL: [Window; 4] = [
        Window::ThisWeek,
        Window::LastWeek,
        Window::LastFourWeeks,
        Window::YearToDate,
    ];

    /// Stored name.
    pub fn value(self) -> &'static str {
        match self {
            Window::ThisWeek => "this_week",
            Window::LastWeek => "last_week",
            Window::LastFourWeeks => "last_4_weeks",
            Window::YearToDate => "year_to_date",
        }
    }

    /// Heading on the page.
    pub fn label(self) -> &'static str {
        match self {
            Window::ThisWeek => "This week",
            Window::LastWeek => "Last week",
            Window::LastFourWeeks => "Last 4 weeks",
            Window::YearToDate => "Year to date",
        }
    }

    /// The window's [start, end) in UTC for `now`.
    pub fn range(self, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        let today = now.date_naive();
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let at = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map_or(now, |t| t.and_utc());
        match self {
            Window::ThisWeek => (at(monday), now),
            Window::LastWeek => (at(monday - Duration::days(7)), at(monday)),
            Window::LastFourWeeks => (now - Duration::days(28), now),
            Window::YearToDate => (
                at(NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today)),
                now,
            ),
        }
    }
}

/// The `n` most frequent words of these texts (ties by word, alphabetical),
/// stop words and one-letter words removed.
pub fn top_words<'a>(texts: impl IntoIterator<Item = &'a str>, n: usize) -> Vec<(String, u64)> {
    let stop = stop_words();
    let mut counts: HashMap<String, u64> = HashMap::new();
    for t in texts {
        for w in words(t) {
            if w.chars().count() > 1 && !stop.contains(&w) && !w.chars().all(|c| c.is_ascii_digit())
            {
                *counts.entry(w).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

/// The top words of every window, from (creation time, description) pairs.
pub fn compute(
    reports: &[(DateTime<Utc>, String)],
    now: DateTime<Utc>,
) -> Vec<(Window, Vec<(String, u64)>)> {
    Window::ALL
        .iter()
        .map(|w| {
            let (from, to) = w.range(now);
            let texts = reports
                .iter()
                .filter(|(at, _)| *at >= from && *at < to)
                .map(|(_, t)| t.as_str());
            (*w, top_words(texts, TOP))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn counts_words_without_stop_words() {
        let top = top_words(
            [
                "The landlord refused. The LANDLORD said no!",
                "My landlord didn't fix the heat",
                "heat 2024 a",
            ],
            3,
        );
        assert_eq!(
            top,
            [
                ("landlord".to_owned(), 3),
                ("heat".to_owned(), 2),
                ("fix".to_owned(), 1)
            ]
        );
    }

    #[test]
    fn windows() {
        // Wednesday 25 November 2026.
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        let day = |d: u32, m: u32| Utc.with_ymd_and_hms(2026, m, d, 9, 0, 0).unwrap();
        let reports = vec![
            (day(24, 11), "ramp ramp".to_owned()),  // this week
            (day(18, 11), "ballot".to_owned()),     // last week
            (day(2, 11), "uniform".to_owned()),     // last 4 weeks
            (day(15, 2), "interpreter".to_owned()), // year to date
        ];
        let got = compute(&reports, now);
        let words = |w: Window| {
            got.iter()
                .find(|(x, _)| *x == w)
                .unwrap()
                .1
                .iter()
                .map(|(s, _)| s.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(words(Window::ThisWeek), ["ramp"]);
        assert_eq!(words(Window::LastWeek), ["ballot"]);
        assert_eq!(
            words(Window::LastFourWeeks),
            ["ramp", "ballot", "uniform"],
            "most frequent first"
        );
        assert_eq!(
            words(Window::YearToDate),
            ["ramp", "ballot", "interpreter", "uniform"]
        );
    }
}

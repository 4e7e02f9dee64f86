//! The team dashboard's arithmetic (`/form/dashboard/`, docs/staff-view.md):
//! the weeks of a period, the open backlog's age bands, the median time
//! from received to closed, and reports touched per person per week.
//! Pure: the service fetches the counts and rows.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

/// Longest period shown, in weeks.
pub const MAX_WEEKS: i64 = 104;
/// The period shown when none is chosen, in weeks.
pub const DEFAULT_WEEKS: i64 = 12;

/// A week: Monday 00:00 UTC to the next Monday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Week {
    /// Its Monday.
    pub monday: NaiveDate,
}

impl Week {
    /// The week holding `day`.
    pub fn of(day: NaiveDate) -> Self {
        let back = i64::from(day.weekday().num_days_from_monday());
        Self {
            monday: day - Duration::days(back),
        }
    }

    /// Its first moment.
    pub fn start(self) -> DateTime<Utc> {
        Utc.from_utc_datetime(&self.monday.and_time(chrono::NaiveTime::MIN))
    }

    /// The first moment of the next week.
    pub fn end(self) -> DateTime<Utc> {
        self.start() + Duration::days(7)
    }

    /// Its Sunday (the last day, for "until" filters).
    pub fn sunday(self) -> NaiveDate {
        self.monday + Duration::days(6)
    }
}

/// The weeks from the one holding `from` to the one holding `to`.
///
/// Errors: `to` before `from`, or a period longer than [`MAX_WEEKS`].
pub fn weeks(from: NaiveDate, to: NaiveDate) -> Result<Vec<Week>, String> {
    if to < from {
        return Err("The period ends before it starts.".into());
    }
    let first = Week::of(from);
    let last = Week::of(to);
    let n = (last.monday - first.monday).num_days() / 7 + 1;
    if n > MAX_WEEKS {
        return Err(format!(
            "Choose a period of at most {MAX_WEEKS} weeks (two years)."
        ));
    }
    Ok((0..n)
        .map(|i| Week {
            monday: first.monday + Duration::days(7 * i),
        })
        .collect())
}

/// The open backlog's age bands: label, and the age range in days
/// (`from` inclusive, `to` exclusive; `None`: no upper end).
pub const AGE_BANDS: &[(&str, i64, Option<i64>)] = &[
    ("Under a week", 0, Some(7)),
    ("1 to 4 weeks", 7, Some(30)),
    ("1 to 3 months", 30, Some(90)),
    ("3 to 12 months", 90, Some(365)),
    ("Over a year", 365, None),
];

/// The median of whole and half days from received to closed, `None` for
/// no closed reports.
pub fn median_days(durations: &[(DateTime<Utc>, DateTime<Utc>)]) -> Option<f64> {
    let mut days: Vec<f64> = durations
        .iter()
        .map(|(received, closed)| (*closed - *received).num_seconds().max(0) as f64 / 86_400.0)
        .collect();
    if days.is_empty() {
        return None;
    }
    days.sort_by(f64::total_cmp);
    let mid = days.len() / 2;
    Some(if days.len() % 2 == 1 {
        days[mid]
    } else {
        (days[mid - 1] + days[mid]) / 2.0
    })
}

/// Reports touched per person per week: from activity entries (who, when,
/// which report), the number of different reports each person made an
/// entry on in each week.
pub fn touched_per_week(
    entries: &[(String, DateTime<Utc>, i64)],
) -> BTreeMap<String, BTreeMap<Week, u64>> {
    let mut sets: BTreeMap<String, BTreeMap<Week, BTreeSet<i64>>> = BTreeMap::new();
    for (who, at, report) in entries {
        sets.entry(who.clone())
            .or_default()
            .entry(Week::of(at.date_naive()))
            .or_default()
            .insert(*report);
    }
    sets.into_iter()
        .map(|(who, weeks)| {
            let counts = weeks
                .into_iter()
                .map(|(w, s)| (w, s.len() as u64))
                .collect();
            (who, counts)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-12-05 is a Saturday.
        assert_eq!(Week::of(d(2026, 12, 5)).monday, d(2026, 11, 30));
        assert_eq!(Week::of(d(2026, 11, 30)).monday, d(2026, 11, 30));
        let w = weeks(d(2026, 11, 20), d(2026, 12, 5)).unwrap();
        assert_eq!(w.len(), 3);
        assert_eq!(w[0].monday, d(2026, 11, 16));
        assert_eq!(w[2].sunday(), d(2026, 12, 6));
        assert!(weeks(d(2026, 12, 5), d(2026, 12, 4)).is_err());
        assert!(weeks(d(2020, 1, 1), d(2026, 1, 1)).is_err());
    }

    #[test]
    fn medians_and_touches() {
        let t = |day: u32, hour: u32| Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0).unwrap();
        assert_eq!(median_days(&[]), None);
        assert_eq!(median_days(&[(t(1, 0), t(3, 0))]), Some(2.0));
        assert_eq!(
            median_days(&[(t(1, 0), t(2, 0)), (t(1, 0), t(4, 0)), (t(1, 0), t(1, 12))]),
            Some(1.0)
        );
        assert_eq!(
            median_days(&[(t(1, 0), t(2, 0)), (t(1, 0), t(4, 0))]),
            Some(2.0)
        );
        let touched = touched_per_week(&[
            ("ana".into(), t(1, 9), 1),
            ("ana".into(), t(2, 9), 1),
            ("ana".into(), t(2, 10), 2),
            ("ana".into(), t(8, 9), 1),
            ("bo".into(), t(3, 9), 3),
        ]);
        let ana = &touched["ana"];
        assert_eq!(ana[&Week::of(d(2026, 12, 1))], 2, "two reports, one twice");
        assert_eq!(ana[&Week::of(d(2026, 12, 8))], 1);
        assert_eq!(touched["bo"].values().sum::<u64>(), 1);
    }
}

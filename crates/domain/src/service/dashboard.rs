//! The team dashboard's figures for a section (or all) and a period:
//! reports received per week, the open backlog by age, the median days
//! from received to closed, and reports touched per person per week.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use super::Triage;
use crate::{
    dashboard::{self, AGE_BANDS, Week},
    ports::{ReportFilters, RepositoryError},
    report::{Section, Status},
};

/// Most closed reports the median is taken over (the latest closed).
pub const MEDIAN_SAMPLE: u64 = 20_000;

/// A band of the open backlog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    /// "1 to 4 weeks".
    pub label: &'static str,
    /// Received on or after this day (`None`: any time before).
    pub received_from: Option<NaiveDate>,
    /// Received on or before this day.
    pub received_until: NaiveDate,
    /// New or open reports received then.
    pub count: u64,
}

/// The dashboard's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// The weeks of the period.
    pub weeks: Vec<Week>,
    /// Reports received in each week.
    pub received: Vec<u64>,
    /// The open backlog (new and open reports) by age, today.
    pub backlog: Vec<Band>,
    /// Median days from received to closed, of reports closed in the period.
    pub median_days: Option<f64>,
    /// How many reports were closed in the period (the median is of the
    /// latest [`MEDIAN_SAMPLE`] of them).
    pub closed: u64,
    /// Reports touched per person per week.
    pub touched: BTreeMap<String, BTreeMap<Week, u64>>,
}

fn day_start(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN))
}

impl Triage {
    /// The dashboard of `section` (all sections when `None`) from `from`
    /// to `to` (whole weeks), with the backlog as of `today`.
    ///
    /// Errors: `Invalid` for a period that is backwards or over two years;
    /// `Backend`.
    pub async fn dashboard(
        &self,
        section: Option<Section>,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
    ) -> Result<Figures, RepositoryError> {
        let weeks = dashboard::weeks(from, to).map_err(RepositoryError::Invalid)?;
        let base = ReportFilters {
            sections: section.into_iter().collect(),
            ..Default::default()
        };
        let mut received = Vec::with_capacity(weeks.len());
        for w in &weeks {
            let f = ReportFilters {
                created_from: Some(w.start()),
                created_before: Some(w.end()),
                ..base.clone()
            };
            received.push(self.repo.count_exact(&f).await?);
        }
        let mut backlog = Vec::new();
        for (label, min_age, max_age) in AGE_BANDS {
            let received_until = today - Duration::days(*min_age);
            let received_from = max_age.map(|m| today - Duration::days(m - 1));
            let f = ReportFilters {
                statuses: vec![Status::New, Status::Open],
                created_from: received_from.map(day_start),
                created_before: Some(day_start(received_until + Duration::days(1))),
                ..base.clone()
            };
            backlog.push(Band {
                label,
                received_from,
                received_until,
                count: self.repo.count_exact(&f).await?,
            });
        }
        let start = weeks.first().map_or_else(|| day_start(from), |w| w.start());
        let end = weeks.last().map_or_else(|| day_start(to), |w| w.end());
        let closed_in_period = ReportFilters {
            statuses: vec![Status::Closed],
            closed_from: Some(start),
            closed_before: Some(end),
            ..base.clone()
        };
        let spans = self
            .repo
            .closed_spans(&closed_in_period, MEDIAN_SAMPLE)
            .await?;
        let closed = self.repo.count_exact(&closed_in_period).await?;
        let entries = self.repo.touches(start, end, section).await?;
        Ok(Figures {
            weeks,
            received,
            backlog,
            median_days: dashboard::median_days(&spans),
            closed,
            touched: dashboard::touched_per_week(&entries),
        })
    }
}

//! Notifications to staff (docs/notifications.md): the "Assigned to you"
//! e-mail and each person's digest of a saved search. This module holds
//! the rules (how often a digest goes, what a notice says); the
//! [`Notifications`](crate::service::Notifications) service sends them
//! through the outbox, each exactly once.

use chrono::{DateTime, Datelike, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    report::{ReportId, Section},
    values::{Email, PublicId},
};

/// The activity log's verb of a new assignee (see [`crate::staff`]).
pub const ASSIGNED: &str = "Assigned to:";

/// The largest "more than N" a digest accepts.
pub const MAX_THRESHOLD: u32 = 10_000;

/// Reports listed in one digest (the count covers them all).
pub const DIGEST_LISTS: u64 = 25;

/// How often a person hears about a saved search's new reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    /// At the next run of the sender (every minute from the worker).
    Immediately,
    /// Once a day, when there is something new.
    Daily,
    /// Once a week (Mondays), when there is something new.
    Weekly,
    /// When more than this many new reports match.
    Over(u32),
}

impl Frequency {
    /// The stored code (`immediately`, `daily`, `weekly`, `over`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Immediately => "immediately",
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Over(_) => "over",
        }
    }

    /// The "more than N" of [`Frequency::Over`].
    pub fn threshold(self) -> Option<u32> {
        match self {
            Self::Over(n) => Some(n),
            _ => None,
        }
    }

    /// Reads a stored or posted code; `over` needs a threshold of 1 to
    /// [`MAX_THRESHOLD`].
    ///
    /// Errors: the message for the person choosing.
    pub fn parse(code: &str, threshold: Option<&str>) -> Result<Self, String> {
        Ok(match code {
            "immediately" => Self::Immediately,
            "daily" => Self::Daily,
            "weekly" => Self::Weekly,
            "over" => {
                let n = threshold
                    .map(str::trim)
                    .and_then(|t| t.parse::<u32>().ok())
                    .filter(|n| (1..=MAX_THRESHOLD).contains(n));
                Self::Over(n.ok_or_else(|| {
                    format!("For \"when more than\", give a number from 1 to {MAX_THRESHOLD}.")
                })?)
            }
            other => return Err(format!("{other:?} is not a choice of how often.")),
        })
    }

    /// Which day or week `now` falls in, for daily and weekly digests; a
    /// day starts at `day_starts` (an hour, UTC). `None` for the others.
    pub fn period(self, now: DateTime<Utc>, day_starts: u32) -> Option<String> {
        let shifted = now - Duration::hours(i64::from(day_starts.min(23)));
        match self {
            Self::Daily => Some(shifted.format("%Y-%m-%d").to_string()),
            Self::Weekly => {
                let w = shifted.iso_week();
                Some(format!("{}-W{:02}", w.year(), w.week()))
            }
            Self::Immediately | Self::Over(_) => None,
        }
    }

    /// Whether a digest of `new` matches goes now, the last one having
    /// gone in `last_period`.
    pub fn due(
        self,
        new: u64,
        last_period: Option<&str>,
        now: DateTime<Utc>,
        day_starts: u32,
    ) -> bool {
        if new == 0 {
            return false;
        }
        match self {
            Self::Immediately => true,
            Self::Over(n) => new > u64::from(n),
            Self::Daily | Self::Weekly => self.period(now, day_starts).as_deref() != last_period,
        }
    }
}

/// A person as the sender sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    /// Username.
    pub username: String,
    /// Their address, if they have one.
    pub email: Option<Email>,
    /// Whether they want the "Assigned to you" e-mail.
    pub notify_assigned: bool,
    /// Active, with staff access.
    pub can_sign_in: bool,
    /// Home section (which shared searches they see).
    pub section: Option<Section>,
}

/// One "Assigned to:" entry of the activity log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// The activity entry's id (the notice's key).
    pub activity_id: i64,
    /// The report.
    pub report_id: ReportId,
    /// Its record number.
    pub public_id: PublicId,
    /// Who it was assigned to.
    pub assignee: String,
    /// Who assigned it (a person, or "Automatic action: …").
    pub actor: String,
    /// When.
    pub at: DateTime<Utc>,
}

impl Assignment {
    /// Whether the assignee wants to hear of it: not their own doing, an
    /// account that can sign in, an address, and the notice left on.
    pub fn wanted_by(&self, r: &Recipient) -> bool {
        self.actor != self.assignee && r.can_sign_in && r.notify_assigned && r.email.is_some()
    }
}

/// A report as a digest lists it (no complainant's details: a staff
/// mailbox is not the case file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DigestLine {
    /// Database id (the link).
    pub report_id: ReportId,
    /// Record number.
    pub public_id: PublicId,
    /// Received.
    pub received: DateTime<Utc>,
    /// Section code.
    pub section: String,
    /// Primary concern, as staff read it.
    pub concern: String,
}

/// What a digest says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digest {
    /// The saved search's name.
    pub search_name: String,
    /// Its link's code (`/form/s/<code>`).
    pub code: String,
    /// How many new reports match (the lower bound when counted past the
    /// list's exact limit).
    pub count: u64,
    /// The first of them, oldest first.
    pub lines: Vec<DigestLine>,
    /// How often the person chose.
    pub frequency: Frequency,
}

/// A notice ready for the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeMail {
    /// Recipient.
    pub recipient: Email,
    /// Template name (`assigned`, `digest`), for the outbox page.
    pub template: String,
    /// Subject.
    pub subject: String,
    /// HTML body.
    pub body: String,
    /// Unique key: the same notice is never queued twice.
    pub key: String,
}

/// The outbox key of the "Assigned to you" notice of activity entry `id`.
pub fn assigned_key(activity_id: i64) -> String {
    format!("notice:assigned:{activity_id}")
}

/// The outbox key of subscription `id`'s digest up to report `up_to`.
pub fn digest_key(subscription: i64, up_to: i64) -> String {
    format!("notice:digest:{subscription}:{up_to}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap()
    }

    #[test]
    fn frequencies_read_and_refuse() {
        assert_eq!(Frequency::parse("daily", None), Ok(Frequency::Daily));
        assert_eq!(
            Frequency::parse("over", Some(" 20 ")),
            Ok(Frequency::Over(20))
        );
        assert!(Frequency::parse("over", Some("0")).is_err());
        assert!(Frequency::parse("over", None).is_err());
        assert!(Frequency::parse("hourly", None).is_err());
        for f in [
            Frequency::Immediately,
            Frequency::Daily,
            Frequency::Weekly,
            Frequency::Over(3),
        ] {
            let t = f.threshold().map(|n| n.to_string());
            assert_eq!(Frequency::parse(f.code(), t.as_deref()), Ok(f));
        }
    }

    #[test]
    fn a_daily_digest_goes_once_a_day_from_the_hour_the_day_starts() {
        let d = Frequency::Daily;
        // 2026-12-07 is a Monday.
        assert_eq!(d.period(at(7, 10), 11).as_deref(), Some("2026-12-06"));
        assert_eq!(d.period(at(7, 11), 11).as_deref(), Some("2026-12-07"));
        assert!(d.due(3, Some("2026-12-06"), at(7, 11), 11));
        assert!(!d.due(3, Some("2026-12-07"), at(7, 23), 11));
        assert!(!d.due(0, None, at(7, 11), 11));
        let w = Frequency::Weekly;
        assert_eq!(w.period(at(7, 11), 11).as_deref(), Some("2026-W50"));
        assert_eq!(w.period(at(7, 10), 11).as_deref(), Some("2026-W49"));
        assert!(!w.due(9, Some("2026-W50"), at(13, 11), 11));
        assert!(w.due(9, Some("2026-W50"), at(14, 11), 11));
    }

    #[test]
    fn immediately_and_over_n() {
        assert!(Frequency::Immediately.due(1, None, at(1, 0), 0));
        assert!(!Frequency::Over(5).due(5, None, at(1, 0), 0));
        assert!(Frequency::Over(5).due(6, None, at(1, 0), 0));
    }

    #[test]
    fn nobody_is_told_of_their_own_assignment_or_against_their_choice() {
        let a = Assignment {
            activity_id: 1,
            report_id: ReportId(1),
            public_id: PublicId::parse("1-KTR").unwrap(),
            assignee: "bo".into(),
            actor: "ana".into(),
            at: at(1, 0),
        };
        let r = Recipient {
            username: "bo".into(),
            email: Some(Email::parse("bo@example.gov").unwrap()),
            notify_assigned: true,
            can_sign_in: true,
            section: None,
        };
        assert!(a.wanted_by(&r));
        assert!(!a.wanted_by(&Recipient {
            notify_assigned: false,
            ..r.clone()
        }));
        assert!(!a.wanted_by(&Recipient {
            email: None,
            ..r.clone()
        }));
        assert!(!a.wanted_by(&Recipient {
            can_sign_in: false,
            ..r.clone()
        }));
        assert!(
            !Assignment {
                actor: "bo".into(),
                ..a
            }
            .wanted_by(&r)
        );
    }
}

//! Sending notifications (docs/notifications.md): the "Assigned to you"
//! e-mail for each new "Assigned to:" entry of the activity log, and each
//! person's digests of saved searches. One pass of [`Notifications::send`]
//! is what `crt-admin notifications send` and the portal's worker run.
//!
//! Exactly once: the sender's place in the log and each digest's place
//! move in the transaction that queues their mail, and only from the
//! place that was read, so a second sender (another instance, or the
//! command run twice) finds the place moved and queues nothing. Each mail
//! also carries a unique outbox key.

use std::{collections::BTreeMap, sync::Arc};

use chrono::{DateTime, Duration, Utc};

use crate::{
    accounts::User,
    choice::Choice,
    notifications::{
        self, Assignment, DIGEST_LISTS, Digest, DigestLine, Frequency, NoticeMail, Recipient,
    },
    ports::{
        Clock, DigestChoice, DigestStep, Direction, NotificationChoices, NotificationRepository,
        ReportQuery, ReportRepository, RepositoryError, SortField, Subscription, TriageRepository,
    },
    saved_search::SavedSearch,
    service::RenderedLetter,
};

/// Activity entries read per transaction.
const BATCH: u64 = 500;

/// Reports and activity entries of the last few seconds wait for the next
/// pass: one still being stored (a lower id, committed later) is never
/// passed over.
const SETTLE_SECONDS: i64 = 30;

/// The notices' words: a port, implemented by the mail adapter.
pub trait NoticeRenderer: Send + Sync {
    /// The "Assigned to you" e-mail.
    fn assigned(&self, a: &Assignment) -> RenderedLetter;
    /// A saved search's digest.
    fn digest(&self, d: &Digest) -> RenderedLetter;
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SendSummary {
    /// "Assigned to you" e-mails queued.
    pub assigned: u64,
    /// Assignments nobody is told of (their own doing, turned off, no
    /// address, or an account that cannot sign in).
    pub assigned_passed: u64,
    /// Digests queued.
    pub digests: u64,
    /// Digests with new reports, waiting for their day, week or number.
    pub digests_waiting: u64,
    /// Digests of a search the person may no longer open, or whose query
    /// no longer reads: left where they are.
    pub digests_unreadable: u64,
    /// Batches or digests another sender handled first.
    pub taken_by_another: u64,
}

/// Why choices were not stored.
#[derive(Debug, thiserror::Error)]
pub enum ChoiceError {
    /// A bad frequency or number (the message names it).
    #[error("{0}")]
    Invalid(String),
    /// A search the person may not open.
    #[error("there is no such saved search")]
    NotFound,
    /// Storing failed.
    #[error(transparent)]
    Repository(#[from] RepositoryError),
}

/// The notification use cases.
#[derive(Clone)]
pub struct Notifications {
    /// Choices and places.
    pub repo: Arc<dyn NotificationRepository>,
    /// The reports a digest lists.
    pub reports: Arc<dyn ReportRepository>,
    /// How many new reports a digest has (counted before anything is
    /// listed: most passes find none or too few).
    pub counts: Arc<dyn TriageRepository>,
    /// The notices' words.
    pub renderer: Arc<dyn NoticeRenderer>,
    /// Now.
    pub clock: Arc<dyn Clock>,
    /// The hour (UTC) a day starts for daily and weekly digests.
    pub day_starts: u32,
}

impl Notifications {
    /// One pass: every new assignment, then every digest that is due.
    ///
    /// Errors: `Backend`; `Corrupt`.
    pub async fn send(&self) -> Result<SendSummary, RepositoryError> {
        let now = self.clock.now();
        let mut summary = SendSummary::default();
        self.send_assigned(now, &mut summary).await?;
        self.send_digests(now, &mut summary).await?;
        Ok(summary)
    }

    async fn people(
        &self,
        names: impl Iterator<Item = &String>,
    ) -> Result<BTreeMap<String, Recipient>, RepositoryError> {
        let mut names: Vec<String> = names.cloned().collect();
        names.sort();
        names.dedup();
        Ok(self
            .repo
            .recipients(&names)
            .await?
            .into_iter()
            .map(|r| (r.username.clone(), r))
            .collect())
    }

    async fn send_assigned(
        &self,
        now: DateTime<Utc>,
        summary: &mut SendSummary,
    ) -> Result<(), RepositoryError> {
        loop {
            let batch = self
                .repo
                .assignments(BATCH, now - Duration::seconds(SETTLE_SECONDS))
                .await?;
            if batch.up_to <= batch.after {
                return Ok(());
            }
            let people = self
                .people(batch.assignments.iter().map(|a| &a.assignee))
                .await?;
            let mails: Vec<NoticeMail> = batch
                .assignments
                .iter()
                .filter_map(|a| {
                    let r = people.get(&a.assignee).filter(|r| a.wanted_by(r))?;
                    let letter = self.renderer.assigned(a);
                    Some(NoticeMail {
                        recipient: r.email.clone()?,
                        template: "assigned".into(),
                        subject: letter.subject,
                        body: letter.html,
                        key: notifications::assigned_key(a.activity_id),
                    })
                })
                .collect();
            if self
                .repo
                .queue_assignment_notices(batch.after, batch.up_to, &mails, now)
                .await?
            {
                summary.assigned += mails.len() as u64;
                summary.assigned_passed += (batch.assignments.len() - mails.len()) as u64;
            } else {
                summary.taken_by_another += 1;
            }
        }
    }

    async fn send_digests(
        &self,
        now: DateTime<Utc>,
        summary: &mut SendSummary,
    ) -> Result<(), RepositoryError> {
        let settled = self
            .repo
            .settled_report_id(now - Duration::seconds(SETTLE_SECONDS))
            .await?;
        let ds = self.day_starts;
        // A daily or weekly digest is looked at when its day or week has
        // turned, even with nothing new: that day's place is then taken,
        // so a report arriving later waits for the next day's hour.
        let subs: Vec<Subscription> = self
            .repo
            .subscriptions()
            .await?
            .into_iter()
            .filter(|s| {
                s.last_report_id < settled
                    || s.frequency
                        .period(now, ds)
                        .is_some_and(|p| Some(p) != s.last_period)
            })
            .collect();
        let people = self.people(subs.iter().map(|s| &s.username)).await?;
        for sub in subs {
            let period = sub.frequency.period(now, ds).or(sub.last_period.clone());
            let step = DigestStep {
                from_report_id: sub.last_report_id,
                to_report_id: settled.max(sub.last_report_id),
                period,
            };
            let person = people
                .get(&sub.username)
                .filter(|p| p.can_sign_in && sub.search.visible_to(&p.username, p.section));
            let readable = person.and_then(|p| Some((p, sub.search.filters_for(&p.username)?)));
            let Some((person, mut filters)) = readable else {
                // A search the person may no longer open (or that no
                // longer reads) moves on without a mail, so that regaining
                // it does not bring months of reports in one digest.
                summary.digests_unreadable += 1;
                if !self.repo.advance_digest(sub.id, &step, None, now).await? {
                    summary.taken_by_another += 1;
                }
                continue;
            };
            let count = if sub.last_report_id < settled {
                filters.id_above = Some(sub.last_report_id);
                filters.id_up_to = Some(settled);
                self.counts.count_exact(&filters).await?
            } else {
                0
            };
            if count > 0
                && !sub
                    .frequency
                    .due(count, sub.last_period.as_deref(), now, ds)
            {
                summary.digests_waiting += 1;
                continue;
            }
            let mail = match (&person.email, count) {
                (Some(to), 1..) => {
                    let items = self
                        .reports
                        .list(&ReportQuery {
                            filters,
                            sort: vec![(SortField::Id, Direction::Ascending)],
                            per_page: DIGEST_LISTS,
                            ..Default::default()
                        })
                        .await?
                        .items;
                    Some(self.digest_mail(&sub, to, count, &items, settled))
                }
                // Nothing new, or nobody to write to: passed over.
                _ => None,
            };
            if self
                .repo
                .advance_digest(sub.id, &step, mail.as_ref(), now)
                .await?
            {
                summary.digests += u64::from(mail.is_some());
            } else {
                summary.taken_by_another += 1;
            }
        }
        Ok(())
    }

    fn digest_mail(
        &self,
        sub: &Subscription,
        to: &crate::values::Email,
        count: u64,
        items: &[crate::report::ReportRecord],
        up_to: i64,
    ) -> NoticeMail {
        let digest = Digest {
            search_name: sub.search.name.clone(),
            code: sub.search.code.clone(),
            count,
            lines: items
                .iter()
                .map(|r| DigestLine {
                    report_id: r.id,
                    public_id: r.public_id.clone(),
                    received: r.create_date,
                    section: r.staff.assigned_section.value().to_owned(),
                    concern: r.report.primary_complaint().label().to_owned(),
                })
                .collect(),
            frequency: sub.frequency,
        };
        let letter = self.renderer.digest(&digest);
        NoticeMail {
            recipient: to.clone(),
            template: "digest".into(),
            subject: letter.subject,
            body: letter.html,
            key: notifications::digest_key(sub.id, up_to),
        }
    }

    /// `user`'s choices, with the searches they may choose a digest for.
    ///
    /// Errors: `Repository`.
    pub async fn choices(
        &self,
        user: &User,
        searches: &[SavedSearch],
    ) -> Result<NotificationChoices, ChoiceError> {
        let mut c = self.repo.notification_choices(&user.username).await?;
        c.digests
            .retain(|(id, _)| searches.iter().any(|s| s.id == *id));
        Ok(c)
    }

    /// Stores `user`'s choices. `digests` are (search id, frequency code,
    /// threshold) as posted; an empty code is "none". Each search must be
    /// one they may open (`visible`).
    ///
    /// Errors: `Invalid` naming the search; `NotFound`; `Repository`.
    pub async fn choose(
        &self,
        user: &User,
        assigned: bool,
        digests: &[(i64, String, Option<String>)],
        visible: &[SavedSearch],
    ) -> Result<(), ChoiceError> {
        let mut chosen = Vec::with_capacity(digests.len());
        for (id, code, threshold) in digests {
            let search = visible
                .iter()
                .find(|s| s.id == *id)
                .ok_or(ChoiceError::NotFound)?;
            let frequency = match code.trim() {
                "" | "none" => None,
                code => Some(
                    Frequency::parse(code, threshold.as_deref())
                        .map_err(|e| ChoiceError::Invalid(format!("{}: {e}", search.name)))?,
                ),
            };
            chosen.push((*id, frequency));
        }
        let now = self.clock.now();
        // A new daily or weekly digest starts in the current day or week:
        // its first one goes at the next turn, not at once.
        let chosen: Vec<DigestChoice> = chosen
            .into_iter()
            .map(|(id, f)| (id, f.map(|f| (f, f.period(now, self.day_starts)))))
            .collect();
        // A new digest starts with the reports received from now on.
        let start_after = self.repo.settled_report_id(now).await?;
        self.repo
            .set_notification_choices(&user.username, assigned, &chosen, start_after, now)
            .await?;
        Ok(())
    }
}

//! The outbox worker: claims due mails, applies the recipient policy and
//! the do-not-email list, renders auto-responses that were queued without a
//! body, hands each mail to the sender and records the result. Transient
//! failures wait (1 min, 2, 4, … up to 1 h) and fail visibly after the last
//! attempt; permanent ones fail at once. Runs inside `crt-portal` and alone
//! as `crt-admin mail send-pending`.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use crt_domain::{
    email::{
        EmailSender, EmailStatus, GAVE_UP, OutboxEmail, OutboxRepository, OutgoingEmail,
        RecipientPolicy, RetryPolicy, SendError,
    },
    ports::{Clock, ReportRepository, RepositoryError},
    values::Email,
};
use serde::Serialize;

use crate::{MailConfig, UnsubscribeLinks, letters::LetterBook};

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RunSummary {
    /// Mails claimed.
    pub claimed: u64,
    /// Delivered (SMTP) or accepted and awaiting the webhook (TMS).
    pub sent: u64,
    /// Failed for now, to be retried.
    pub retrying: u64,
    /// Failed for good.
    pub failed: u64,
    /// Skipped by the recipient policy or the do-not-email list.
    pub skipped: u64,
}

impl RunSummary {
    fn add(&mut self, other: RunSummary) {
        self.claimed += other.claimed;
        self.sent += other.sent;
        self.retrying += other.retrying;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }
}

/// Everything the worker needs.
#[derive(Clone)]
pub struct Worker {
    /// The outbox.
    pub outbox: Arc<dyn OutboxRepository>,
    /// Reports (to render auto-responses).
    pub reports: Arc<dyn ReportRepository>,
    /// Where mail goes.
    pub sender: Arc<dyn EmailSender>,
    /// The letters.
    pub letters: Arc<LetterBook>,
    /// `RESTRICT_EMAIL_RECIPIENTS_TO`.
    pub policy: RecipientPolicy,
    /// The retry schedule.
    pub retry: RetryPolicy,
    /// How long a claim holds before another worker may take the mail again
    /// (longer than a send can take: TMS times out after 15 s).
    pub lease: Duration,
    /// Mails claimed per pass.
    pub batch: u64,
    /// Unsubscribe links for letter footers.
    pub links: UnsubscribeLinks,
}

enum Outcome {
    Sent,
    Retrying,
    Failed,
    Skipped,
}

impl Worker {
    /// Default lease (5 min) and batch (50).
    pub fn new(
        outbox: Arc<dyn OutboxRepository>,
        reports: Arc<dyn ReportRepository>,
        sender: Arc<dyn EmailSender>,
        letters: Arc<LetterBook>,
        policy: RecipientPolicy,
        links: UnsubscribeLinks,
    ) -> Self {
        Self {
            outbox,
            reports,
            sender,
            letters,
            policy,
            retry: RetryPolicy::default(),
            lease: Duration::from_secs(300),
            batch: 50,
            links,
        }
    }

    /// A worker with the configuration's recipient policy and unsubscribe
    /// links.
    pub fn from_settings(
        outbox: Arc<dyn OutboxRepository>,
        reports: Arc<dyn ReportRepository>,
        sender: Arc<dyn EmailSender>,
        letters: Arc<LetterBook>,
        config: &MailConfig,
    ) -> Self {
        Self::new(
            outbox,
            reports,
            sender,
            letters,
            RecipientPolicy::parse(&config.restrict_recipients_to),
            UnsubscribeLinks::from_settings(config),
        )
    }

    /// Claims one batch and sends it.
    ///
    /// Errors: the outbox could not be read or written (what was already
    /// recorded stays recorded; an unrecorded claim is retried after the lease).
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<RunSummary, RepositoryError> {
        let started = std::time::Instant::now();
        let claimed = self.outbox.claim_due(now, self.batch, self.lease).await?;
        let mut summary = RunSummary {
            claimed: claimed.len() as u64,
            ..Default::default()
        };
        for (i, mail) in claimed.iter().enumerate() {
            // Time moves on while a batch is sent (slow providers): results
            // and retry times use it, in whole seconds from the claim.
            let elapsed = started.elapsed();
            let now =
                now + chrono::Duration::seconds(i64::try_from(elapsed.as_secs()).unwrap_or(0));
            // Never send on a claim that may have run out: give the rest back
            // for the next pass (or another worker) instead.
            if elapsed > self.lease / 2 {
                let rest: Vec<i64> = claimed[i..].iter().map(|m| m.id).collect();
                tracing::info!(
                    released = rest.len(),
                    "e-mail batch ran long; releasing the rest"
                );
                self.outbox.release(&rest, now).await?;
                summary.claimed -= rest.len() as u64;
                break;
            }
            if mail.interrupted > 0 && mail.attempts > 1 {
                tracing::warn!(
                    mail = mail.id,
                    interrupted = mail.interrupted,
                    tms_id = mail.tms_id.as_deref().unwrap_or(""),
                    "resending a mail whose earlier attempt was interrupted: it may arrive twice"
                );
            }
            match self.deliver(mail, now).await? {
                Outcome::Sent => summary.sent += 1,
                Outcome::Retrying => summary.retrying += 1,
                Outcome::Failed => summary.failed += 1,
                Outcome::Skipped => summary.skipped += 1,
            }
        }
        Ok(summary)
    }

    /// Passes until nothing is due (`crt-admin mail send-pending`).
    ///
    /// Errors: as [`Worker::run_once`].
    pub async fn drain(&self, clock: &dyn Clock) -> Result<RunSummary, RepositoryError> {
        let mut total = RunSummary::default();
        loop {
            let pass = self.run_once(clock.now()).await?;
            total.add(pass);
            if pass.claimed < self.batch {
                return Ok(total);
            }
        }
    }

    /// Runs passes every `interval`, and at once when `wake` is notified (a
    /// mail was queued), until `stop` turns true (the portal's background
    /// task). A pass in progress finishes its current mail.
    pub async fn run(
        self,
        clock: Arc<dyn Clock>,
        interval: Duration,
        wake: Arc<tokio::sync::Notify>,
        mut stop: tokio::sync::watch::Receiver<bool>,
    ) {
        tracing::info!(sender = self.sender.name(), "e-mail worker started");
        let mut tick = tokio::time::interval(interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = wake.notified() => {}
                _ = stop.changed() => {}
            }
            if *stop.borrow() {
                tracing::info!("e-mail worker stopped");
                return;
            }
            match self.drain(clock.as_ref()).await {
                Ok(s) if s.claimed == 0 => {}
                Ok(s) => tracing::info!(
                    claimed = s.claimed,
                    sent = s.sent,
                    retrying = s.retrying,
                    failed = s.failed,
                    skipped = s.skipped,
                    "e-mail pass"
                ),
                Err(e) => tracing::warn!(error = %e, "e-mail pass failed; will try again"),
            }
        }
    }

    async fn fail(
        &self,
        mail: &OutboxEmail,
        error: &str,
        now: DateTime<Utc>,
    ) -> Result<Outcome, RepositoryError> {
        tracing::warn!(mail = mail.id, error, "e-mail failed for good");
        self.outbox
            .record_failure(mail.id, error, None, now)
            .await?;
        Ok(Outcome::Failed)
    }

    async fn deliver(
        &self,
        mail: &OutboxEmail,
        now: DateTime<Utc>,
    ) -> Result<Outcome, RepositoryError> {
        let Ok(recipient) = Email::parse(&mail.recipient) else {
            return self
                .fail(mail, "the recipient is not a valid address", now)
                .await;
        };
        if !self.policy.allows(&recipient) {
            self.outbox
                .record_skip(mail.id, "not in RESTRICT_EMAIL_RECIPIENTS_TO", now)
                .await?;
            tracing::info!(
                mail = mail.id,
                "e-mail skipped: recipient not in RESTRICT_EMAIL_RECIPIENTS_TO"
            );
            return Ok(Outcome::Skipped);
        }
        if self.outbox.is_suppressed(recipient.as_str()).await? {
            self.outbox
                .record_skip(mail.id, "the recipient asked not to be e-mailed", now)
                .await?;
            tracing::info!(
                mail = mail.id,
                "e-mail skipped: recipient on the do-not-email list"
            );
            return Ok(Outcome::Skipped);
        }
        let (subject, body) = match (&mail.subject, &mail.body) {
            (Some(s), Some(b)) => (s.clone(), b.clone()),
            _ => match self.render(mail, &recipient, now).await {
                Ok(rendered) => rendered,
                Err(RenderProblem::Repository(e)) => return Err(e),
                Err(RenderProblem::Permanent(why)) => return self.fail(mail, &why, now).await,
            },
        };
        let outgoing = OutgoingEmail {
            recipient,
            subject,
            html_body: body,
            reference: format!(
                "crt-outbox-{}-{}",
                mail.id,
                mail.created_at.timestamp_micros()
            ),
        };
        match self.sender.send(&outgoing).await {
            Ok(delivery) => {
                self.outbox.record_delivery(mail.id, &delivery, now).await?;
                tracing::info!(
                    mail = mail.id,
                    provider = self.sender.name(),
                    provider_id = delivery.provider_id.as_deref().unwrap_or(""),
                    status = %delivery.status,
                    "e-mail handed over"
                );
                Ok(Outcome::Sent)
            }
            Err(SendError::Permanent(e)) => self.fail(mail, &e, now).await,
            Err(SendError::Transient(e)) => match self.retry.delay_after(mail.attempts) {
                Some(delay) => {
                    let at = now
                        + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(1));
                    tracing::warn!(mail = mail.id, attempts = mail.attempts, retry_at = %at, error = %e, "e-mail not sent; will retry");
                    self.outbox
                        .record_failure(mail.id, &e, Some(at), now)
                        .await?;
                    Ok(Outcome::Retrying)
                }
                None => {
                    let why = format!("{GAVE_UP} {} attempts: {e}", mail.attempts);
                    self.fail(mail, &why, now).await
                }
            },
        }
    }

    async fn render(
        &self,
        mail: &OutboxEmail,
        recipient: &Email,
        now: DateTime<Utc>,
    ) -> Result<(String, String), RenderProblem> {
        let Some(report_id) = mail.report_id else {
            return Err(RenderProblem::Permanent(
                "no subject or body and no report to render them from".into(),
            ));
        };
        let record = match self.reports.get(report_id).await {
            Ok(r) => r,
            Err(RepositoryError::NotFound) => {
                return Err(RenderProblem::Permanent(
                    "its report no longer exists".into(),
                ));
            }
            Err(e) => return Err(RenderProblem::Repository(e)),
        };
        let Some(name) = self
            .letters
            .localized(&mail.template, &record.report.language)
        else {
            return Err(RenderProblem::Permanent(format!(
                "no letter named {:?}",
                mail.template
            )));
        };
        let rendered = self
            .letters
            .render(name, &record, now, &self.links.url(recipient))
            .map_err(|e| RenderProblem::Permanent(e.to_string()))?;
        self.outbox
            .save_rendered(mail.id, &rendered.subject, &rendered.html)
            .await
            .map_err(RenderProblem::Repository)?;
        Ok((rendered.subject, rendered.html))
    }
}

enum RenderProblem {
    Permanent(String),
    Repository(RepositoryError),
}

/// Whether a status means the mail left us.
pub fn handed_over(status: EmailStatus) -> bool {
    matches!(
        status,
        EmailStatus::Sending | EmailStatus::Sent | EmailStatus::Inconclusive
    )
}

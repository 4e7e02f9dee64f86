//! Retention and disposal as use cases: proposing a batch of the reports
//! past their schedule, reviewing it (two different members of the records
//! group approve; anyone of them may reject with a reason), and disposing
//! of approved batches after their date (periodic and idempotent: a report
//! is disposed of once, however often and on however many instances it
//! runs). Every step can be tried with `dry_run`.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::{
    accounts::User,
    ports::{AttachmentStore, Clock, Disposed, RepositoryError, RetentionRepository, StoreError},
    retention::{
        self, Batch, BatchError, BatchId, BatchState, DEFAULT_WAIT_DAYS, DueReport, Outcome,
        Schedule, is_records_staff,
    },
    values::PublicId,
};

/// Most reports one proposal gathers.
pub const MAX_BATCH: u64 = 1000;

/// Why a retention step was refused.
#[derive(Debug, thiserror::Error)]
pub enum RetentionError {
    /// A reviewing rule (the message says which).
    #[error(transparent)]
    Rule(#[from] BatchError),
    /// The database failed.
    #[error(transparent)]
    Repository(RepositoryError),
}

impl From<RepositoryError> for RetentionError {
    fn from(e: RepositoryError) -> Self {
        match e {
            RepositoryError::NotFound => Self::Rule(BatchError::NotFound),
            e => Self::Repository(e),
        }
    }
}

/// What a proposal found (and, unless it was a dry run, stored).
#[derive(Clone, Debug, Default)]
pub struct Proposal {
    /// The reports past their schedule, as the batch holds them.
    pub reports: Vec<DueReport>,
    /// The batch stored; `None` on a dry run or when nothing was due.
    pub batch: Option<BatchId>,
    /// Not disposed of before this moment.
    pub dispose_after: Option<DateTime<Utc>>,
    /// Schedules with reports past them that cite no disposition authority:
    /// their reports are left out until the records officer enters one.
    pub without_authority: Vec<String>,
}

/// What one disposal run did with one batch.
#[derive(Clone, Debug, Default)]
pub struct BatchRun {
    /// The batch.
    pub id: Option<BatchId>,
    /// Reports disposed of (or, on a dry run, that would be).
    pub disposed: Vec<PublicId>,
    /// Reports skipped because they are on litigation hold.
    pub skipped_hold: Vec<PublicId>,
    /// Reports skipped because they were reopened.
    pub skipped_open: Vec<PublicId>,
    /// Reports skipped because they are no longer past their schedule.
    pub skipped_not_due: Vec<PublicId>,
    /// Reports another run had done already.
    pub already: usize,
    /// Whether the batch is now finished.
    pub finished: bool,
}

/// What a disposal run did.
#[derive(Clone, Debug, Default)]
pub struct DisposalRun {
    /// Per batch whose date has come.
    pub batches: Vec<BatchRun>,
    /// Attachment objects deleted from storage.
    pub purged: usize,
    /// Objects whose deletion failed (retried next run): (key, why).
    pub purge_failures: Vec<(String, String)>,
}

/// The retention use cases.
#[derive(Clone)]
pub struct Retention {
    /// Schedules, batches, disposal.
    pub repo: Arc<dyn RetentionRepository>,
    /// Where attachments are kept (their objects are deleted at disposal).
    pub store: Arc<dyn AttachmentStore>,
    /// Now.
    pub clock: Arc<dyn Clock>,
}

impl Retention {
    /// Every schedule.
    ///
    /// Errors: `Repository`.
    pub async fn schedules(&self) -> Result<Vec<Schedule>, RetentionError> {
        Ok(self.repo.schedules().await?)
    }

    /// Gathers the reports past their schedule (at most [`MAX_BATCH`]) and,
    /// unless `dry_run`, stores them as a batch proposed by `proposer`, not
    /// to be disposed of before `wait_days` from now (default 30).
    ///
    /// Errors: `Repository`.
    pub async fn propose(
        &self,
        proposer: &str,
        wait_days: Option<i64>,
        dry_run: bool,
    ) -> Result<Proposal, RetentionError> {
        let now = self.clock.now();
        let schedules = self.repo.schedules().await?;
        let (ready, unauthorised): (Vec<Schedule>, Vec<Schedule>) = schedules
            .into_iter()
            .filter(|s| s.years.is_some())
            .partition(|s| !s.authority.trim().is_empty());
        let mut without_authority = Vec::new();
        for s in &unauthorised {
            let cutoffs = retention::cutoffs(std::slice::from_ref(s), now);
            if !self.repo.due_reports(&cutoffs, 1).await?.is_empty() {
                without_authority.push(s.code.clone());
            }
        }
        let reports = self
            .repo
            .due_reports(&retention::cutoffs(&ready, now), MAX_BATCH)
            .await?;
        let dispose_after = now + Duration::days(wait_days.unwrap_or(DEFAULT_WAIT_DAYS).max(0));
        let batch = if dry_run || reports.is_empty() {
            None
        } else {
            self.repo
                .create_batch(proposer, now, dispose_after, &reports)
                .await?
        };
        Ok(Proposal {
            reports,
            batch,
            dispose_after: Some(dispose_after),
            without_authority,
        })
    }

    /// Every batch, newest first.
    ///
    /// Errors: `Repository`.
    pub async fn batches(&self) -> Result<Vec<Batch>, RetentionError> {
        Ok(self.repo.batches().await?)
    }

    /// One batch with its reports.
    ///
    /// Errors: `Rule(NotFound)`; `Repository`.
    pub async fn batch(&self, id: BatchId) -> Result<Batch, RetentionError> {
        Ok(self.repo.batch(id).await?)
    }

    /// `reviewer` approves batch `id` (see [`retention::approve`]).
    ///
    /// Errors: `Rule`; `Repository`.
    pub async fn approve(&self, id: BatchId, reviewer: &User) -> Result<Batch, RetentionError> {
        let reviewer = reviewer.clone();
        let batch = self
            .repo
            .decide_batch(id, self.clock.now(), &move |b| {
                retention::approve(b, &reviewer)
            })
            .await??;
        Ok(batch)
    }

    /// `reviewer` rejects batch `id` for `reason`.
    ///
    /// Errors: `Rule`; `Repository`.
    pub async fn reject(
        &self,
        id: BatchId,
        reviewer: &User,
        reason: &str,
    ) -> Result<Batch, RetentionError> {
        let reviewer = reviewer.clone();
        let reason = reason.to_owned();
        let batch = self
            .repo
            .decide_batch(id, self.clock.now(), &move |b| {
                retention::reject(b, &reviewer, &reason)
            })
            .await??;
        Ok(batch)
    }

    /// Whether `user` may review batches (the pages ask before showing the
    /// buttons; the rules ask again).
    pub fn may_review(user: &User) -> bool {
        is_records_staff(user)
    }

    /// Disposes of every approved batch whose date has come, then deletes
    /// the disposed reports' attachment objects from storage. With
    /// `dry_run`, says what it would do and changes nothing.
    ///
    /// Errors: `Repository` (what was done before it stays done; the next
    /// run carries on).
    pub async fn dispose(&self, actor: &str, dry_run: bool) -> Result<DisposalRun, RetentionError> {
        let now = self.clock.now();
        let mut run = DisposalRun::default();
        for batch in self.repo.batches_to_dispose(now).await? {
            let mut one = BatchRun {
                id: Some(batch.id),
                ..BatchRun::default()
            };
            for r in &batch.reports {
                if r.outcome.is_some() {
                    one.already += 1;
                    continue;
                }
                if dry_run {
                    if r.disposed {
                        one.already += 1;
                    } else if r.litigation_hold {
                        one.skipped_hold.push(r.public_id.clone());
                    } else if r.status != crate::report::Status::Closed {
                        one.skipped_open.push(r.public_id.clone());
                    } else {
                        one.disposed.push(r.public_id.clone());
                    }
                    continue;
                }
                match self
                    .repo
                    .dispose_report(batch.id, r.report, actor, now)
                    .await?
                {
                    Disposed::Now => one.disposed.push(r.public_id.clone()),
                    Disposed::OnHold => one.skipped_hold.push(r.public_id.clone()),
                    Disposed::NotClosed => one.skipped_open.push(r.public_id.clone()),
                    Disposed::NotDue => one.skipped_not_due.push(r.public_id.clone()),
                    Disposed::AlreadyDone => one.already += 1,
                }
            }
            if !dry_run {
                one.finished = self.repo.finish_batch(batch.id, now).await?;
            }
            run.batches.push(one);
        }
        if !dry_run {
            for (id, key) in self.repo.objects_to_purge().await? {
                // An object that is not there at all is suspicious (the
                // command may be looking at another store than the
                // server's): said, and not recorded as deleted.
                if let Err(e) = self.store.get(&key).await {
                    let why = match e {
                        StoreError::NotFound(_) => format!(
                            "not found in {} (is this the server's ATTACHMENTS_STORAGE?)",
                            self.store.describe()
                        ),
                        other => other.to_string(),
                    };
                    run.purge_failures.push((key, why));
                    continue;
                }
                match self.store.delete(&key).await {
                    Ok(()) | Err(StoreError::NotFound(_)) => {
                        if self.repo.mark_purged(id, now).await? {
                            run.purged += 1;
                        }
                    }
                    Err(e) => run.purge_failures.push((key, e.to_string())),
                }
            }
        }
        Ok(run)
    }
}

/// The outcome's label for people ("Skipped: litigation hold").
pub fn outcome_label(outcome: Option<Outcome>) -> &'static str {
    use crate::choice::Choice;
    outcome.map_or("Waiting", Choice::label)
}

/// The state's label for people.
pub fn state_label(state: BatchState) -> &'static str {
    use crate::choice::Choice;
    state.label()
}

//! The durable e-mail outbox ([`OutboxRepository`]): mails are rows written
//! with the action that causes them; workers claim due rows (PostgreSQL:
//! `FOR UPDATE SKIP LOCKED`, so several instances never claim the same one),
//! send, and record the result. A claim pushes the row's next attempt a lease
//! ahead, so a worker that dies mid-send loses nothing: the row is claimed
//! again when the lease runs out.

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    email::{
        Delivery, EmailPurpose, EmailStatus, GAVE_UP, NewLetter, OutboxCounts, OutboxEmail,
        OutboxRepository, RequeueScope, WebhookOutcome, webhook_transition,
    },
    ports::RepositoryError,
    report::ReportId,
    staff::Activity,
    values::Email,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait, LockBehavior, LockType, OnConflict},
};

use crate::{
    Db, backend,
    entities::{activity, email_outbox, email_suppression, report},
};

mod rows;
use rows::*;

#[async_trait]
impl OutboxRepository for Db {
    async fn claim_due(
        &self,
        now: DateTime<Utc>,
        limit: u64,
        lease: Duration,
    ) -> Result<Vec<OutboxEmail>, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let mut due = email_outbox::Entity::find()
            .select_only()
            .column(email_outbox::Column::Id)
            .filter(email_outbox::Column::Status.eq(EmailStatus::New.to_string()))
            .filter(email_outbox::Column::NextAttemptAt.lte(now))
            .order_by_asc(email_outbox::Column::NextAttemptAt)
            .order_by_asc(email_outbox::Column::Id)
            .limit(limit);
        if self.conn.get_database_backend() == DbBackend::Postgres {
            due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        #[derive(FromQueryResult)]
        struct IdOnly {
            id: i64,
        }
        let ids: Vec<i64> = due
            .into_model::<IdOnly>()
            .all(&txn)
            .await
            .map_err(backend)?
            .into_iter()
            .map(|r| r.id)
            .collect();
        if ids.is_empty() {
            txn.commit().await.map_err(backend)?;
            return Ok(Vec::new());
        }
        email_outbox::Entity::update_many()
            .col_expr(
                email_outbox::Column::Attempts,
                Expr::col(email_outbox::Column::Attempts).add(1),
            )
            // A claim that was never recorded means a worker died mid-send.
            .col_expr(
                email_outbox::Column::Interrupted,
                Expr::cust("interrupted + CASE WHEN claimed_at IS NULL THEN 0 ELSE 1 END"),
            )
            .col_expr(email_outbox::Column::ClaimedAt, Expr::value(now))
            .col_expr(
                email_outbox::Column::NextAttemptAt,
                Expr::value(lease_end(now, lease)),
            )
            .filter(email_outbox::Column::Id.is_in(ids.clone()))
            .exec(&txn)
            .await
            .map_err(backend)?;
        let rows = email_outbox::Entity::find()
            .filter(email_outbox::Column::Id.is_in(ids))
            .order_by_asc(email_outbox::Column::Id)
            .all(&txn)
            .await
            .map_err(backend)?;
        txn.commit().await.map_err(backend)?;
        rows.into_iter().map(to_domain).collect()
    }

    async fn save_rendered(
        &self,
        id: i64,
        subject: &str,
        body: &str,
    ) -> Result<(), RepositoryError> {
        update_one(
            self,
            id,
            email_outbox::ActiveModel {
                subject: Set(Some(subject.to_owned())),
                body: Set(Some(body.to_owned())),
                ..Default::default()
            },
        )
        .await
    }

    async fn record_delivery(
        &self,
        id: i64,
        delivery: &Delivery,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError> {
        update_one(
            self,
            id,
            email_outbox::ActiveModel {
                status: Set(delivery.status.to_string()),
                tms_id: Set(delivery.provider_id.clone()),
                claimed_at: Set(None),
                error_message: Set(delivery.note.clone()),
                completed_at: Set(delivery.status.is_final().then_some(now)),
                ..Default::default()
            },
        )
        .await
    }

    async fn record_failure(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError> {
        let mut am = email_outbox::ActiveModel {
            error_message: Set(Some(error.chars().take(2000).collect())),
            claimed_at: Set(None),
            ..Default::default()
        };
        match retry_at {
            Some(at) => am.next_attempt_at = Set(at),
            None => {
                am.status = Set(EmailStatus::Failed.to_string());
                am.completed_at = Set(Some(now));
            }
        }
        update_one(self, id, am).await
    }

    async fn release(&self, ids: &[i64], now: DateTime<Utc>) -> Result<(), RepositoryError> {
        if ids.is_empty() {
            return Ok(());
        }
        email_outbox::Entity::update_many()
            .col_expr(
                email_outbox::Column::Attempts,
                Expr::col(email_outbox::Column::Attempts).sub(1),
            )
            .col_expr(
                email_outbox::Column::ClaimedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(email_outbox::Column::NextAttemptAt, Expr::value(now))
            .filter(email_outbox::Column::Id.is_in(ids.to_vec()))
            .filter(email_outbox::Column::Status.eq(EmailStatus::New.to_string()))
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn record_skip(
        &self,
        id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError> {
        update_one(
            self,
            id,
            email_outbox::ActiveModel {
                status: Set(EmailStatus::Skipped.to_string()),
                error_message: Set(Some(reason.to_owned())),
                claimed_at: Set(None),
                completed_at: Set(Some(now)),
                ..Default::default()
            },
        )
        .await
    }

    async fn apply_webhook(
        &self,
        tms_id: &str,
        status: EmailStatus,
        completed_at: Option<DateTime<Utc>>,
        error_message: Option<&str>,
    ) -> Result<WebhookOutcome, RepositoryError> {
        // Retry on a lost race: the update only applies if the status is
        // still the one read, so two callbacks at once cannot both win.
        for _ in 0..5 {
            let row = email_outbox::Entity::find()
                .filter(email_outbox::Column::TmsId.eq(tms_id))
                .order_by_desc(email_outbox::Column::Id)
                .one(&self.conn)
                .await
                .map_err(backend)?
                .ok_or(RepositoryError::NotFound)?;
            let current = to_domain(row.clone())?.status;
            // A mail back in the queue (requeued) waits for its new send;
            // a callback about the old one must not mark it done.
            if current == EmailStatus::New {
                return Ok(WebhookOutcome::Unchanged(current));
            }
            let Some(next) = webhook_transition(current, status) else {
                return Ok(WebhookOutcome::Unchanged(current));
            };
            let am = email_outbox::ActiveModel {
                status: Set(next.to_string()),
                completed_at: Set(completed_at.or(row.completed_at)),
                error_message: Set(error_message
                    .filter(|e| !e.trim().is_empty())
                    .map(|e| e.chars().take(2000).collect())
                    .or(row.error_message)),
                ..Default::default()
            };
            let r = email_outbox::Entity::update_many()
                .set(am)
                .filter(email_outbox::Column::Id.eq(row.id))
                .filter(email_outbox::Column::Status.eq(row.status))
                .exec(&self.conn)
                .await
                .map_err(backend)?;
            if r.rows_affected == 1 {
                return Ok(WebhookOutcome::Updated(next));
            }
        }
        Err(RepositoryError::Backend(
            "the mail's status kept changing while applying a callback".into(),
        ))
    }

    async fn emails_for_report(&self, id: ReportId) -> Result<Vec<OutboxEmail>, RepositoryError> {
        email_outbox::Entity::find()
            .filter(email_outbox::Column::ReportId.eq(id.0))
            .order_by_desc(email_outbox::Column::CreatedAt)
            .order_by_desc(email_outbox::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?
            .into_iter()
            .map(to_domain)
            .collect()
    }

    async fn queue_letter(
        &self,
        id: ReportId,
        letter: &NewLetter,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let mail = email_outbox::ActiveModel {
            report_id: Set(Some(id.0)),
            recipient: Set(letter.recipient.as_str().to_owned()),
            purpose: Set(EmailPurpose::Manual.to_string()),
            template: Set(letter.template.clone()),
            subject: Set(Some(letter.subject.clone())),
            body: Set(Some(letter.body.clone())),
            request_key: Set(letter.request_key.clone()),
            status: Set(EmailStatus::New.to_string()),
            attempts: Set(0),
            interrupted: Set(0),
            created_at: Set(now),
            next_attempt_at: Set(now),
            ..Default::default()
        };
        // The insert comes first (see `begin_write`); a missing report makes
        // the foreign key or the check below roll it back.
        let saved = mail.insert(&txn).await.map_err(backend)?;
        // The report's write lock, as disposal takes it: no letter is
        // queued for a report disposed of meanwhile.
        crate::lock_report(&txn, id.0).await?;
        match report::Entity::find_by_id(id.0)
            .one(&txn)
            .await
            .map_err(backend)?
        {
            None => {
                txn.rollback().await.map_err(backend)?;
                return Err(RepositoryError::NotFound);
            }
            Some(r) if r.disposed_at.is_some() => {
                txn.rollback().await.map_err(backend)?;
                return Err(RepositoryError::Invalid(
                    "the report was disposed of under its retention schedule".into(),
                ));
            }
            Some(_) => {}
        }
        let entry = Activity {
            actor: actor.to_owned(),
            verb: "Contacted complainant:".into(),
            old_value: None,
            new_value: Some(format!("{} ({})", letter.title, letter.recipient)),
            at: now,
        };
        activity::Entity::insert_many(crate::staff_update::activity_rows(id, vec![entry]))
            .exec(&txn)
            .await
            .map_err(backend)?;
        txn.commit().await.map_err(backend)?;
        Ok(saved.id)
    }

    async fn suppress(
        &self,
        email: &Email,
        source: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError> {
        email_suppression::Entity::insert(email_suppression::ActiveModel {
            email: Set(email.as_str().to_ascii_lowercase()),
            source: Set(source.chars().take(50).collect()),
            created_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::column(email_suppression::Column::Email)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&self.conn)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn is_suppressed(&self, email: &str) -> Result<bool, RepositoryError> {
        Ok(email_suppression::Entity::find()
            .filter(email_suppression::Column::Email.eq(email.trim().to_ascii_lowercase()))
            .one(&self.conn)
            .await
            .map_err(backend)?
            .is_some())
    }

    async fn requeue_failed(
        &self,
        which: RequeueScope,
        now: DateTime<Utc>,
    ) -> Result<u64, RepositoryError> {
        let mut q = email_outbox::Entity::update_many()
            .set(email_outbox::ActiveModel {
                status: Set(EmailStatus::New.to_string()),
                attempts: Set(0),
                next_attempt_at: Set(now),
                completed_at: Set(None),
                claimed_at: Set(None),
                tms_id: Set(None),
                ..Default::default()
            })
            .filter(email_outbox::Column::Status.eq(EmailStatus::Failed.to_string()));
        match which {
            RequeueScope::OutOfRetries => {
                q = q.filter(email_outbox::Column::ErrorMessage.starts_with(GAVE_UP));
            }
            RequeueScope::AllFailed => {}
            RequeueScope::One(id) => q = q.filter(email_outbox::Column::Id.eq(id)),
        }
        Ok(q.exec(&self.conn).await.map_err(backend)?.rows_affected)
    }

    async fn failed_emails(&self, limit: u64) -> Result<Vec<OutboxEmail>, RepositoryError> {
        email_outbox::Entity::find()
            .filter(email_outbox::Column::Status.eq(EmailStatus::Failed.to_string()))
            .order_by_desc(email_outbox::Column::CompletedAt)
            .order_by_desc(email_outbox::Column::Id)
            .limit(limit)
            .all(&self.conn)
            .await
            .map_err(backend)?
            .into_iter()
            .map(to_domain)
            .collect()
    }

    async fn outbox_counts(&self) -> Result<OutboxCounts, RepositoryError> {
        #[derive(FromQueryResult)]
        struct Row {
            status: String,
            n: i64,
        }
        let rows = email_outbox::Entity::find()
            .select_only()
            .column(email_outbox::Column::Status)
            .column_as(email_outbox::Column::Id.count(), "n")
            .group_by(email_outbox::Column::Status)
            .into_model::<Row>()
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|r| (r.status, u64::try_from(r.n).unwrap_or(0)))
            .collect())
    }
}

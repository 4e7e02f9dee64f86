//! Retention schedules, disposal batches and disposal
//! (`RetentionRepository`). A reviewer's decision and each report's
//! disposal are one transaction each, taken under the batch's or the
//! report's write lock, so two instances running at once neither approve
//! twice nor dispose twice.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    ports::{DecideBatch, Disposed, RepositoryError, RetentionRepository},
    report::{ReportId, Section, Status},
    retention::{self, Batch, BatchId, BatchState, Decision, DefaultSchedule, DueReport, Schedule},
    values::PublicId,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};

use crate::{
    Db, backend,
    entities::{
        attachment, disposal_approval, disposal_batch, disposal_batch_report, report,
        retention_default, retention_schedule,
    },
    filters::{EFFECTIVE_SCHEDULE, due_condition},
};

mod disposal;
mod read;

use read::{find_batch, load_batch};

pub(super) fn corrupt(what: &str, value: &str) -> RepositoryError {
    RepositoryError::Corrupt(format!("{what} {value:?}"))
}

pub(super) fn to_schedule(m: retention_schedule::Model) -> Schedule {
    Schedule {
        code: m.code,
        name: m.name,
        authority: m.authority,
        years: m.years.and_then(|y| u32::try_from(y).ok()),
        active: m.active,
        position: m.position,
    }
}

async fn all_schedules<C: ConnectionTrait>(conn: &C) -> Result<Vec<Schedule>, RepositoryError> {
    Ok(retention_schedule::Entity::find()
        .order_by_asc(retention_schedule::Column::Position)
        .order_by_asc(retention_schedule::Column::Code)
        .all(conn)
        .await
        .map_err(backend)?
        .into_iter()
        .map(to_schedule)
        .collect())
}

/// Every schedule's cutoff at this moment (the list's "due for disposal").
pub(crate) async fn cutoffs_now<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<(String, DateTime<Utc>)>, RepositoryError> {
    Ok(retention::cutoffs(&all_schedules(conn).await?, Utc::now()))
}

/// Reports in a batch waiting for approval or approved.
fn in_open_batch() -> sea_orm::sea_query::SimpleExpr {
    Expr::cust(
        "EXISTS (SELECT 1 FROM \"disposal_batch_report\" \"br\" \
         JOIN \"disposal_batch\" \"b\" ON \"b\".\"id\" = \"br\".\"batch_id\" \
         WHERE \"br\".\"report_id\" = \"report\".\"id\" AND \"b\".\"state\" IN ('proposed', 'approved'))",
    )
}

/// A batch's report as read: id, suffix, section, closed, hold, status,
/// disposed.
#[async_trait]
impl RetentionRepository for Db {
    async fn schedules(&self) -> Result<Vec<Schedule>, RepositoryError> {
        all_schedules(&self.conn).await
    }

    async fn save_schedule(&self, s: &Schedule) -> Result<(), RepositoryError> {
        let years = s.years.map(|y| i32::try_from(y).unwrap_or(i32::MAX));
        let row = retention_schedule::ActiveModel {
            code: Set(s.code.clone()),
            name: Set(s.name.clone()),
            authority: Set(s.authority.clone()),
            years: Set(years),
            position: Set(s.position),
            active: Set(s.active),
        };
        let exists = retention_schedule::Entity::find_by_id(s.code.clone())
            .one(&self.conn)
            .await
            .map_err(backend)?
            .is_some();
        if exists {
            row.update(&self.conn).await.map_err(backend)?;
        } else {
            retention_schedule::Entity::insert(row)
                .exec(&self.conn)
                .await
                .map_err(backend)?;
        }
        Ok(())
    }

    async fn default_schedules(&self) -> Result<Vec<DefaultSchedule>, RepositoryError> {
        let rows = retention_default::Entity::find()
            .order_by_asc(retention_default::Column::Section)
            .order_by_asc(retention_default::Column::Status)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter()
            .map(|d| {
                Ok(DefaultSchedule {
                    section: d
                        .section
                        .parse()
                        .map_err(|_unreadable| corrupt("section", &d.section))?,
                    status: d
                        .status
                        .parse()
                        .map_err(|_unreadable| corrupt("status", &d.status))?,
                    schedule: d.schedule,
                })
            })
            .collect()
    }

    async fn set_default_schedule(
        &self,
        section: Section,
        status: Status,
        schedule: Option<&str>,
    ) -> Result<(), RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        retention_default::Entity::delete_many()
            .filter(retention_default::Column::Section.eq(section.value()))
            .filter(retention_default::Column::Status.eq(status.value()))
            .exec(&txn)
            .await
            .map_err(backend)?;
        if let Some(code) = schedule {
            if retention_schedule::Entity::find_by_id(code.to_owned())
                .one(&txn)
                .await
                .map_err(backend)?
                .is_none()
            {
                return Err(RepositoryError::Invalid(format!(
                    "there is no retention schedule {code:?}"
                )));
            }
            retention_default::Entity::insert(retention_default::ActiveModel {
                section: Set(section.value().to_owned()),
                status: Set(status.value().to_owned()),
                schedule: Set(code.to_owned()),
            })
            .exec(&txn)
            .await
            .map_err(backend)?;
        }
        txn.commit().await.map_err(backend)
    }

    async fn due_reports(
        &self,
        cutoffs: &[(String, DateTime<Utc>)],
        limit: u64,
    ) -> Result<Vec<DueReport>, RepositoryError> {
        let db_backend = self.conn.get_database_backend();
        let rows: Vec<(i64, String, String, Option<DateTime<Utc>>, Option<String>)> =
            report::Entity::find()
                .select_only()
                .column(report::Column::Id)
                .column(report::Column::PublicIdSuffix)
                .column(report::Column::AssignedSection)
                .column(report::Column::ClosedDate)
                .column_as(Expr::cust(EFFECTIVE_SCHEDULE), "schedule")
                .filter(due_condition(cutoffs, db_backend))
                .filter(in_open_batch().not())
                .order_by_asc(report::Column::ClosedDate)
                .order_by_asc(report::Column::Id)
                .limit(limit)
                .into_tuple()
                .all(&self.conn)
                .await
                .map_err(backend)?;
        rows.into_iter()
            .map(|(id, suffix, section, closed, schedule)| {
                Ok(DueReport {
                    report: ReportId(id),
                    public_id: PublicId::from_parts(id, &suffix)
                        .map_err(|_unreadable| corrupt("public id suffix", &suffix))?,
                    section: section
                        .parse()
                        .map_err(|_unreadable| corrupt("section", &section))?,
                    closed_at: closed.ok_or_else(|| corrupt("closed date", "none"))?,
                    schedule: schedule.ok_or_else(|| corrupt("schedule", "none"))?,
                })
            })
            .collect()
    }

    async fn create_batch(
        &self,
        proposed_by: &str,
        now: DateTime<Utc>,
        dispose_after: DateTime<Utc>,
        reports: &[DueReport],
    ) -> Result<Option<BatchId>, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        // One proposal at a time (PostgreSQL; SQLite's write transaction
        // is already alone): two instances proposing at once would
        // otherwise put the same reports in two batches.
        if self.conn.get_database_backend() == sea_orm::DbBackend::Postgres {
            txn.execute_unprepared("LOCK TABLE disposal_batch IN SHARE ROW EXCLUSIVE MODE")
                .await
                .map_err(backend)?;
        }
        let batch = disposal_batch::ActiveModel {
            state: Set(BatchState::Proposed.value().to_owned()),
            proposed_by: Set(proposed_by.to_owned()),
            proposed_at: Set(now),
            dispose_after: Set(dispose_after),
            decided_by: Set(None),
            decided_at: Set(None),
            rejection_reason: Set(None),
            disposed_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(backend)?;
        let mut added = 0;
        for chunk in reports.chunks(500) {
            let ids: Vec<i64> = chunk.iter().map(|r| r.report.0).collect();
            let taken: Vec<i64> = report::Entity::find()
                .select_only()
                .column(report::Column::Id)
                .filter(report::Column::Id.is_in(ids))
                .filter(in_open_batch())
                .into_tuple()
                .all(&txn)
                .await
                .map_err(backend)?;
            let rows: Vec<_> = chunk
                .iter()
                .filter(|r| !taken.contains(&r.report.0))
                .map(|r| disposal_batch_report::ActiveModel {
                    batch_id: Set(batch.id),
                    report_id: Set(r.report.0),
                    schedule: Set(r.schedule.clone()),
                    outcome: Set(None),
                    outcome_at: Set(None),
                })
                .collect();
            added += rows.len();
            if !rows.is_empty() {
                disposal_batch_report::Entity::insert_many(rows)
                    .exec(&txn)
                    .await
                    .map_err(backend)?;
            }
        }
        if added == 0 {
            txn.rollback().await.map_err(backend)?;
            return Ok(None);
        }
        txn.commit().await.map_err(backend)?;
        Ok(Some(BatchId(batch.id)))
    }

    async fn batches(&self) -> Result<Vec<Batch>, RepositoryError> {
        let rows = disposal_batch::Entity::find()
            .order_by_desc(disposal_batch::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let mut out = Vec::with_capacity(rows.len());
        for m in rows {
            out.push(load_batch(&self.conn, m, false).await?);
        }
        Ok(out)
    }

    async fn batch(&self, id: BatchId) -> Result<Batch, RepositoryError> {
        find_batch(&self.conn, id, true).await
    }

    async fn decide_batch(
        &self,
        id: BatchId,
        now: DateTime<Utc>,
        decide: &DecideBatch,
    ) -> Result<Result<Batch, retention::BatchError>, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        // The batch's write lock first: the second of two reviewers at once
        // reads the first one's approval.
        disposal_batch::Entity::update_many()
            .col_expr(
                disposal_batch::Column::State,
                Expr::col(disposal_batch::Column::State),
            )
            .filter(disposal_batch::Column::Id.eq(id.0))
            .exec(&txn)
            .await
            .map_err(backend)?;
        let batch = find_batch(&txn, id, false).await?;
        let decision = match decide(&batch) {
            Ok(d) => d,
            Err(e) => {
                txn.rollback().await.map_err(backend)?;
                return Ok(Err(e));
            }
        };
        let mut row: disposal_batch::ActiveModel = disposal_batch::Entity::find_by_id(id.0)
            .one(&txn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?
            .into();
        match decision {
            Decision::Approve {
                approver,
                completes,
            } => {
                disposal_approval::Entity::insert(disposal_approval::ActiveModel {
                    batch_id: Set(id.0),
                    approver: Set(approver.clone()),
                    approved_at: Set(now),
                })
                .exec(&txn)
                .await
                .map_err(backend)?;
                if completes {
                    row.state = Set(BatchState::Approved.value().to_owned());
                    row.decided_by = Set(Some(approver));
                    row.decided_at = Set(Some(now));
                    row.update(&txn).await.map_err(backend)?;
                }
            }
            Decision::Reject { reviewer, reason } => {
                row.state = Set(BatchState::Rejected.value().to_owned());
                row.decided_by = Set(Some(reviewer));
                row.decided_at = Set(Some(now));
                row.rejection_reason = Set(Some(reason));
                row.update(&txn).await.map_err(backend)?;
            }
        }
        let batch = find_batch(&txn, id, false).await?;
        txn.commit().await.map_err(backend)?;
        Ok(Ok(batch))
    }

    async fn batches_to_dispose(&self, now: DateTime<Utc>) -> Result<Vec<Batch>, RepositoryError> {
        let rows = disposal_batch::Entity::find()
            .filter(disposal_batch::Column::State.eq(BatchState::Approved.value()))
            .filter(disposal_batch::Column::DisposeAfter.lte(now))
            .order_by_asc(disposal_batch::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let mut out = Vec::with_capacity(rows.len());
        for m in rows {
            out.push(load_batch(&self.conn, m, true).await?);
        }
        Ok(out)
    }

    async fn dispose_report(
        &self,
        batch: BatchId,
        report_id: ReportId,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Disposed, RepositoryError> {
        disposal::dispose_report(self, batch, report_id, actor, now).await
    }

    async fn finish_batch(&self, id: BatchId, now: DateTime<Utc>) -> Result<bool, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let waiting = disposal_batch_report::Entity::find()
            .filter(disposal_batch_report::Column::BatchId.eq(id.0))
            .filter(disposal_batch_report::Column::Outcome.is_null())
            .count(&txn)
            .await
            .map_err(backend)?;
        if waiting > 0 {
            txn.rollback().await.map_err(backend)?;
            return Ok(false);
        }
        let done = disposal_batch::Entity::update_many()
            .col_expr(
                disposal_batch::Column::State,
                Expr::value(BatchState::Disposed.value()),
            )
            .col_expr(disposal_batch::Column::DisposedAt, Expr::value(now))
            .filter(disposal_batch::Column::Id.eq(id.0))
            .filter(disposal_batch::Column::State.eq(BatchState::Approved.value()))
            .exec(&txn)
            .await
            .map_err(backend)?;
        txn.commit().await.map_err(backend)?;
        Ok(done.rows_affected == 1)
    }

    async fn objects_to_purge(&self) -> Result<Vec<(i64, String)>, RepositoryError> {
        attachment::Entity::find()
            .select_only()
            .column(attachment::Column::Id)
            .column(attachment::Column::ObjectKey)
            .filter(attachment::Column::PurgedAt.is_null())
            .filter(Expr::cust(
                "EXISTS (SELECT 1 FROM \"report\" \"r\" WHERE \"r\".\"id\" = \"attachment\".\"report_id\" AND \"r\".\"disposed_at\" IS NOT NULL)",
            ))
            .order_by_asc(attachment::Column::Id)
            .into_tuple()
            .all(&self.conn)
            .await
            .map_err(backend)
    }

    async fn mark_purged(
        &self,
        attachment_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, RepositoryError> {
        let done = attachment::Entity::update_many()
            .col_expr(attachment::Column::PurgedAt, Expr::value(now))
            .filter(attachment::Column::Id.eq(attachment_id))
            .filter(attachment::Column::PurgedAt.is_null())
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(done.rows_affected == 1)
    }
}

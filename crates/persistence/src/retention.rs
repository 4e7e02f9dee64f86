//! Retention schedules, disposal batches and disposal
//! (`RetentionRepository`). A reviewer's decision and each report's
//! disposal are one transaction each, taken under the batch's or the
//! report's write lock, so two instances running at once neither approve
//! twice nor dispose twice.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    ports::{DecideBatch, Disposed, RepositoryError, RetentionRepository},
    report::{ReportId, Section, Status},
    retention::{
        self, Approval, Batch, BatchId, BatchReport, BatchState, Decision, DefaultSchedule,
        DueReport, KEPT_ACTIVITY, Outcome, Schedule,
    },
    values::PublicId,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, ExprTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};

use crate::{
    Db, backend,
    entities::{
        activity, attachment, disposal_approval, disposal_batch, disposal_batch_report,
        disposed_report, email_outbox, report, retention_default, retention_schedule,
    },
    filters::{EFFECTIVE_SCHEDULE, due_condition},
};

fn corrupt(what: &str, value: &str) -> RepositoryError {
    RepositoryError::Corrupt(format!("{what} {value:?}"))
}

fn to_schedule(m: retention_schedule::Model) -> Schedule {
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

async fn load_batch<C: ConnectionTrait>(
    conn: &C,
    m: disposal_batch::Model,
    with_reports: bool,
) -> Result<Batch, RepositoryError> {
    let approvals = disposal_approval::Entity::find()
        .filter(disposal_approval::Column::BatchId.eq(m.id))
        .order_by_asc(disposal_approval::Column::ApprovedAt)
        .all(conn)
        .await
        .map_err(backend)?
        .into_iter()
        .map(|a| Approval {
            approver: a.approver,
            at: a.approved_at,
        })
        .collect();
    let rows = disposal_batch_report::Entity::find()
        .filter(disposal_batch_report::Column::BatchId.eq(m.id))
        .order_by_asc(disposal_batch_report::Column::ReportId)
        .all(conn)
        .await
        .map_err(backend)?;
    let report_count = rows.len() as u64;
    let mut reports = Vec::new();
    if with_reports {
        let ids: Vec<i64> = rows.iter().map(|r| r.report_id).collect();
        let mut found: HashMap<i64, (String, String, Option<DateTime<Utc>>)> = HashMap::new();
        for chunk in ids.chunks(500) {
            let got: Vec<(i64, String, String, Option<DateTime<Utc>>)> = report::Entity::find()
                .select_only()
                .column(report::Column::Id)
                .column(report::Column::PublicIdSuffix)
                .column(report::Column::AssignedSection)
                .column(report::Column::ClosedDate)
                .filter(report::Column::Id.is_in(chunk.to_vec()))
                .into_tuple()
                .all(conn)
                .await
                .map_err(backend)?;
            found.extend(got.into_iter().map(|(id, s, sec, c)| (id, (s, sec, c))));
        }
        for r in rows {
            let (suffix, section, closed) = found
                .remove(&r.report_id)
                .ok_or_else(|| corrupt("batch report", &r.report_id.to_string()))?;
            reports.push(BatchReport {
                report: ReportId(r.report_id),
                public_id: PublicId::from_parts(r.report_id, &suffix)
                    .map_err(|_| corrupt("public id suffix", &suffix))?,
                section: section.parse().map_err(|_| corrupt("section", &section))?,
                closed_at: closed,
                schedule: r.schedule,
                outcome: r
                    .outcome
                    .as_deref()
                    .map(|o| Outcome::from_value(o).ok_or_else(|| corrupt("outcome", o)))
                    .transpose()?,
            });
        }
    }
    Ok(Batch {
        id: BatchId(m.id),
        state: BatchState::from_value(&m.state).ok_or_else(|| corrupt("batch state", &m.state))?,
        proposed_by: m.proposed_by,
        proposed_at: m.proposed_at,
        dispose_after: m.dispose_after,
        approvals,
        decided_by: m.decided_by,
        decided_at: m.decided_at,
        rejection_reason: m.rejection_reason,
        disposed_at: m.disposed_at,
        reports,
        report_count,
    })
}

async fn find_batch<C: ConnectionTrait>(
    conn: &C,
    id: BatchId,
    with_reports: bool,
) -> Result<Batch, RepositoryError> {
    let m = disposal_batch::Entity::find_by_id(id.0)
        .one(conn)
        .await
        .map_err(backend)?
        .ok_or(RepositoryError::NotFound)?;
    load_batch(conn, m, with_reports).await
}

fn note(
    report: i64,
    actor: &str,
    verb: &str,
    value: String,
    at: DateTime<Utc>,
) -> activity::ActiveModel {
    activity::ActiveModel {
        report_id: Set(report),
        actor: Set(actor.to_owned()),
        verb: Set(verb.to_owned()),
        old_value: Set(None),
        new_value: Set(Some(value)),
        created_at: Set(at),
        ..Default::default()
    }
}

async fn set_outcome(
    txn: &DatabaseTransaction,
    batch: BatchId,
    report: i64,
    outcome: Outcome,
    now: DateTime<Utc>,
) -> Result<(), RepositoryError> {
    disposal_batch_report::Entity::update_many()
        .col_expr(
            disposal_batch_report::Column::Outcome,
            Expr::value(outcome.value()),
        )
        .col_expr(disposal_batch_report::Column::OutcomeAt, Expr::value(now))
        .filter(disposal_batch_report::Column::BatchId.eq(batch.0))
        .filter(disposal_batch_report::Column::ReportId.eq(report))
        .exec(txn)
        .await
        .map_err(backend)?;
    Ok(())
}

/// Removes a report's personal data, description, summary, comments and
/// letters, and marks its attachments for deletion from storage.
async fn redact(
    txn: &DatabaseTransaction,
    row: report::Model,
    now: DateTime<Utc>,
) -> Result<(), RepositoryError> {
    let id = row.id;
    let mut r: report::ActiveModel = row.into();
    for col in [
        &mut r.contact_first_name,
        &mut r.contact_last_name,
        &mut r.contact_email,
        &mut r.contact_phone,
        &mut r.contact_address_line_1,
        &mut r.contact_address_line_2,
        &mut r.contact_city,
        &mut r.contact_state,
        &mut r.contact_zip,
        &mut r.location_address_line_1,
        &mut r.location_address_line_2,
        &mut r.location_zipcode,
        &mut r.other_commercial_or_public_place,
        &mut r.election_details,
        &mut r.witness,
        &mut r.other_class,
        &mut r.summary,
    ] {
        *col = Set(None);
    }
    r.location_name = Set(String::new());
    r.violation_summary = Set(String::new());
    r.disposed_at = Set(Some(now));
    r.modified_date = Set(now);
    if let sea_orm::ActiveValue::Unchanged(v) = r.version {
        r.version = Set(v + 1);
    }
    r.update(txn).await.map_err(backend)?;
    activity::Entity::update_many()
        .col_expr(
            activity::Column::OldValue,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            activity::Column::NewValue,
            Expr::value(Option::<String>::None),
        )
        .filter(activity::Column::ReportId.eq(id))
        .filter(activity::Column::Verb.is_not_in(KEPT_ACTIVITY.iter().copied()))
        .exec(txn)
        .await
        .map_err(backend)?;
    email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::Status, Expr::value("skipped"))
        .col_expr(
            email_outbox::Column::ErrorMessage,
            Expr::value("not sent: the report was disposed of"),
        )
        .filter(email_outbox::Column::ReportId.eq(id))
        .filter(email_outbox::Column::Status.eq("new"))
        .exec(txn)
        .await
        .map_err(backend)?;
    email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::Recipient, Expr::value(""))
        .col_expr(
            email_outbox::Column::Subject,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            email_outbox::Column::Body,
            Expr::value(Option::<String>::None),
        )
        .filter(email_outbox::Column::ReportId.eq(id))
        .exec(txn)
        .await
        .map_err(backend)?;
    attachment::Entity::update_many()
        .col_expr(attachment::Column::RemovedBy, Expr::value("disposal"))
        .col_expr(attachment::Column::RemovedAt, Expr::value(now))
        .filter(attachment::Column::ReportId.eq(id))
        .filter(attachment::Column::RemovedAt.is_null())
        .exec(txn)
        .await
        .map_err(backend)?;
    attachment::Entity::update_many()
        .col_expr(attachment::Column::FileName, Expr::value(""))
        .filter(attachment::Column::ReportId.eq(id))
        .exec(txn)
        .await
        .map_err(backend)?;
    Ok(())
}

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
                        .map_err(|_| corrupt("section", &d.section))?,
                    status: d.status.parse().map_err(|_| corrupt("status", &d.status))?,
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
                        .map_err(|_| corrupt("public id suffix", &suffix))?,
                    section: section.parse().map_err(|_| corrupt("section", &section))?,
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
        let id = report_id.0;
        let txn = self.begin_write().await.map_err(backend)?;
        // The report's write lock, as every staff change takes it: a hold
        // placed now waits for this transaction, or this one sees it.
        report::Entity::update_many()
            .col_expr(report::Column::Version, Expr::col(report::Column::Version))
            .filter(report::Column::Id.eq(id))
            .exec(&txn)
            .await
            .map_err(backend)?;
        let member = disposal_batch_report::Entity::find_by_id((batch.0, id))
            .one(&txn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?;
        let row = report::Entity::find_by_id(id)
            .one(&txn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?;
        if member.outcome.is_some() || row.disposed_at.is_some() {
            txn.rollback().await.map_err(backend)?;
            return Ok(Disposed::AlreadyDone);
        }
        let skipped = if row.litigation_hold {
            Some((Outcome::SkippedHold, Disposed::OnHold, "litigation hold"))
        } else if row.status != Status::Closed.value() {
            Some((
                Outcome::SkippedOpen,
                Disposed::NotClosed,
                "no longer closed",
            ))
        } else {
            None
        };
        if let Some((outcome, answer, why)) = skipped {
            set_outcome(&txn, batch, id, outcome, now).await?;
            note(
                id,
                actor,
                "Disposal skipped:",
                format!("{why} (batch {})", batch.0),
                now,
            )
            .insert(&txn)
            .await
            .map_err(backend)?;
            txn.commit().await.map_err(backend)?;
            return Ok(answer);
        }
        let authority = retention_schedule::Entity::find_by_id(member.schedule.clone())
            .one(&txn)
            .await
            .map_err(backend)?
            .map(|s| s.authority)
            .unwrap_or_default();
        let record_number = PublicId::from_parts(id, &row.public_id_suffix)
            .map_err(|_| corrupt("public id suffix", &row.public_id_suffix))?
            .to_string();
        let tombstone = disposed_report::ActiveModel {
            report_id: Set(id),
            record_number: Set(record_number),
            section: Set(row.assigned_section.clone()),
            received_at: Set(row.create_date),
            closed_at: Set(row.closed_date),
            schedule: Set(member.schedule.clone()),
            authority: Set(authority.clone()),
            batch_id: Set(batch.0),
            disposed_at: Set(now),
        };
        redact(&txn, row, now).await?;
        disposed_report::Entity::insert(tombstone)
            .exec(&txn)
            .await
            .map_err(backend)?;
        set_outcome(&txn, batch, id, Outcome::Disposed, now).await?;
        note(
            id,
            actor,
            "Disposed:",
            format!(
                "batch {}, schedule {} ({authority})",
                batch.0, member.schedule
            ),
            now,
        )
        .insert(&txn)
        .await
        .map_err(backend)?;
        txn.commit().await.map_err(backend)?;
        Ok(Disposed::Now)
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
    ) -> Result<(), RepositoryError> {
        attachment::Entity::update_many()
            .col_expr(attachment::Column::PurgedAt, Expr::value(now))
            .filter(attachment::Column::Id.eq(attachment_id))
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

//! Reading batches with their approvals and reports.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    ports::RepositoryError,
    report::ReportId,
    retention::{Approval, Batch, BatchId, BatchReport, BatchState, Outcome},
    values::PublicId,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::corrupt;
use crate::{
    backend,
    entities::{disposal_approval, disposal_batch, disposal_batch_report, report},
};

type Found = (
    i64,
    String,
    String,
    Option<DateTime<Utc>>,
    bool,
    String,
    Option<DateTime<Utc>>,
);

pub(super) async fn load_batch<C: ConnectionTrait>(
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
        let mut found: HashMap<i64, Found> = HashMap::new();
        for chunk in ids.chunks(500) {
            let got: Vec<Found> = report::Entity::find()
                .select_only()
                .column(report::Column::Id)
                .column(report::Column::PublicIdSuffix)
                .column(report::Column::AssignedSection)
                .column(report::Column::ClosedDate)
                .column(report::Column::LitigationHold)
                .column(report::Column::Status)
                .column(report::Column::DisposedAt)
                .filter(report::Column::Id.is_in(chunk.to_vec()))
                .into_tuple()
                .all(conn)
                .await
                .map_err(backend)?;
            found.extend(got.into_iter().map(|f| (f.0, f)));
        }
        for r in rows {
            let (_, suffix, section, closed, hold, status, disposed) =
                found
                    .remove(&r.report_id)
                    .ok_or_else(|| corrupt("batch report", &r.report_id.to_string()))?;
            reports.push(BatchReport {
                report: ReportId(r.report_id),
                public_id: PublicId::from_parts(r.report_id, &suffix)
                    .map_err(|_unreadable| corrupt("public id suffix", &suffix))?,
                section: section
                    .parse()
                    .map_err(|_unreadable| corrupt("section", &section))?,
                closed_at: closed,
                schedule: r.schedule,
                outcome: r
                    .outcome
                    .as_deref()
                    .map(|o| Outcome::from_value(o).ok_or_else(|| corrupt("outcome", o)))
                    .transpose()?,
                litigation_hold: hold,
                status: status
                    .parse()
                    .map_err(|_unreadable| corrupt("status", &status))?,
                disposed: disposed.is_some(),
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

pub(super) async fn find_batch<C: ConnectionTrait>(
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

//! Disposing of one report: under the report's write lock, unless it is
//! on hold, reopened or done already, its personal data, description,
//! summary, comments' and letters' text go, its attachments are marked for
//! deletion from storage, and a tombstone and an activity entry stay.

use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    ports::{Disposed, RepositoryError},
    report::{ReportId, Status},
    retention::{BatchId, KEPT_ACTIVITY, Outcome},
    values::PublicId,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    sea_query::Expr,
};

use super::corrupt;
use crate::{
    Db, backend,
    entities::{
        activity, attachment, disposal_batch_report, disposed_report, email_outbox, report,
        retention_default, retention_schedule,
    },
};

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

/// The schedule a report follows now: its own, or its section's default
/// for its status.
async fn following(
    txn: &DatabaseTransaction,
    row: &report::Model,
) -> Result<Option<crt_domain::retention::Schedule>, RepositoryError> {
    let code = match &row.retention_schedule {
        Some(c) => Some(c.clone()),
        None => retention_default::Entity::find_by_id((
            row.assigned_section.clone(),
            row.status.clone(),
        ))
        .one(txn)
        .await
        .map_err(backend)?
        .map(|d| d.schedule),
    };
    let Some(code) = code else { return Ok(None) };
    Ok(retention_schedule::Entity::find_by_id(code)
        .one(txn)
        .await
        .map_err(backend)?
        .map(super::to_schedule))
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
    r.description_key = Set(None);
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
        .col_expr(email_outbox::Column::Recipient, Expr::value(""))
        .col_expr(
            email_outbox::Column::Subject,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            email_outbox::Column::Body,
            Expr::value(Option::<String>::None),
        )
        // Delivery errors quote the address.
        .col_expr(
            email_outbox::Column::ErrorMessage,
            Expr::value(Option::<String>::None),
        )
        .filter(email_outbox::Column::ReportId.eq(id))
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

pub(super) async fn dispose_report(
    db: &Db,
    batch: BatchId,
    report_id: ReportId,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Disposed, RepositoryError> {
    let id = report_id.0;
    let txn = db.begin_write().await.map_err(backend)?;
    // The report's write lock, as every staff change takes it: a hold
    // placed now waits for this transaction, or this one sees it.
    crate::lock_report(&txn, id).await?;
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
    // Still due now, under the schedule it follows now (staff may have
    // chosen a longer one, or reopened and closed it again since).
    let schedule = following(&txn, &row).await?;
    let due = schedule.as_ref().is_some_and(|s| {
        !s.authority.trim().is_empty()
            && row
                .closed_date
                .zip(s.cutoff(now))
                .is_some_and(|(closed, cutoff)| closed < cutoff)
    });
    let skipped = if row.litigation_hold {
        Some((Outcome::SkippedHold, Disposed::OnHold, "litigation hold"))
    } else if row.status != Status::Closed.value() {
        Some((
            Outcome::SkippedOpen,
            Disposed::NotClosed,
            "no longer closed",
        ))
    } else if !due {
        Some((
            Outcome::SkippedNotDue,
            Disposed::NotDue,
            "no longer past its retention schedule",
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
    let (code, authority) = schedule
        .map(|s| (s.code, s.authority))
        .unwrap_or((member.schedule.clone(), String::new()));
    let record_number = PublicId::from_parts(id, &row.public_id_suffix)
        .map_err(|_unreadable| corrupt("public id suffix", &row.public_id_suffix))?
        .to_string();
    let tombstone = disposed_report::ActiveModel {
        report_id: Set(id),
        record_number: Set(record_number),
        section: Set(row.assigned_section.clone()),
        received_at: Set(row.create_date),
        closed_at: Set(row.closed_date),
        schedule: Set(code.clone()),
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

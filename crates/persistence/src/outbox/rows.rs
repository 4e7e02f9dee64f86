//! Outbox rows to domain values, and the single-row update every
//! delivery record uses.

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) fn to_domain(row: email_outbox::Model) -> Result<OutboxEmail, RepositoryError> {
    let corrupt = |what: &str, v: &str| {
        RepositoryError::Corrupt(format!("email_outbox {}: {what} {v:?}", row.id))
    };
    Ok(OutboxEmail {
        id: row.id,
        report_id: row.report_id.map(ReportId),
        purpose: row
            .purpose
            .parse::<EmailPurpose>()
            .map_err(|_unknown| corrupt("purpose", &row.purpose))?,
        status: row
            .status
            .parse::<EmailStatus>()
            .map_err(|_unknown| corrupt("status", &row.status))?,
        recipient: row.recipient,
        template: row.template,
        subject: row.subject,
        body: row.body,
        attempts: row.attempts,
        interrupted: row.interrupted,
        error_message: row.error_message,
        tms_id: row.tms_id,
        created_at: row.created_at,
        next_attempt_at: row.next_attempt_at,
        completed_at: row.completed_at,
    })
}

pub(super) fn lease_end(now: DateTime<Utc>, lease: Duration) -> DateTime<Utc> {
    now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::minutes(5))
}

/// Updates one row; `NotFound` if there is none.
pub(super) async fn update_one(
    db: &Db,
    id: i64,
    am: email_outbox::ActiveModel,
) -> Result<(), RepositoryError> {
    let r = email_outbox::Entity::update_many()
        .set(am)
        .filter(email_outbox::Column::Id.eq(id))
        .exec(&db.conn)
        .await
        .map_err(backend)?;
    if r.rows_affected == 0 {
        return Err(RepositoryError::NotFound);
    }
    Ok(())
}

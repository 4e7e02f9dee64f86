//! The unit of work behind `ReportRepository::update_answers`: a report's
//! corrected answers and protected classes stored under the version guard,
//! with their activity entries, in one transaction.

use chrono::{DateTime, Utc};
use crt_domain::{
    ports::RepositoryError,
    report::{Report, ReportId, ReportRecord},
    staff::Activity,
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    Db, backend,
    entities::{activity, report_protected_class},
    mapping::new_row,
    reports::{link_classes, load},
};

pub(crate) async fn update_answers(
    db: &Db,
    id: ReportId,
    expected_version: i32,
    report: &Report,
    activity: &[Activity],
    now: DateTime<Utc>,
) -> Result<ReportRecord, RepositoryError> {
    let txn = db.begin_write().await.map_err(backend)?;
    // Lock first (see `create_in`), then read and check the version.
    crate::lock_report(&txn, id.0).await?;
    let current = load(&txn, id.0).await?;
    if current.version != expected_version {
        return Err(RepositoryError::Conflict {
            current_version: current.version,
        });
    }
    let mut row = new_row(report, &current.staff, current.public_id.suffix());
    row.id = Set(id.0);
    row.create_date = Set(current.create_date);
    row.modified_date = Set(now);
    row.version = Set(current.version + 1);
    row.update(&txn).await.map_err(backend)?;
    report_protected_class::Entity::delete_many()
        .filter(report_protected_class::Column::ReportId.eq(id.0))
        .exec(&txn)
        .await
        .map_err(backend)?;
    link_classes(&txn, id.0, &report.protected_classes).await?;
    if !activity.is_empty() {
        activity::Entity::insert_many(crate::staff_update::activity_rows(id, activity.to_vec()))
            .exec(&txn)
            .await
            .map_err(backend)?;
    }
    let stored = load(&txn, id.0).await?;
    txn.commit().await.map_err(backend)?;
    Ok(stored)
}

//! The unit of work behind `ReportRepository::update_staff`: each report
//! locked and read, the service's decision stored exactly, with its
//! activity rows and the version guard, all in one transaction.

use crt_domain::{
    ports::{DecideUpdate, RepositoryError, UpdateOutcome, UpdateTarget},
    report::ReportId,
    staff::{Activity, ChangeError},
};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};

use crate::{
    Db, backend,
    entities::{activity, report, retention_schedule},
    mapping::{set_staff, to_record},
};

pub(crate) async fn update_staff(
    db: &Db,
    targets: &[UpdateTarget],
    decide: &DecideUpdate,
) -> Result<UpdateOutcome, RepositoryError> {
    let txn = db.begin_write().await.map_err(backend)?;
    let mut log_rows = Vec::new();
    let mut saved = 0;
    for target in targets {
        let id = target.id.0;
        // Take the row's write lock before reading it (see `create_in`; on
        // PostgreSQL this also serialises concurrent editors of one report).
        crate::lock_report(&txn, id).await?;
        let row = report::Entity::find_by_id(id)
            .one(&txn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?;
        let version = row.version;
        if target.expected_version.is_some_and(|v| v != version) {
            return Err(RepositoryError::Conflict {
                current_version: version,
            });
        }
        let mut current = to_record(row.clone(), Vec::new())?;
        current.staff.tags = crate::triage::tags_of(&txn, &[id])
            .await?
            .remove(&id)
            .unwrap_or_default();
        let update = match decide(&current.staff) {
            Ok(Some(update)) => update,
            Ok(None) => continue,
            Err(error) => {
                txn.rollback().await.map_err(backend)?;
                return Ok(UpdateOutcome::Refused {
                    public_id: current.public_id,
                    error,
                });
            }
        };
        // A newly chosen retention schedule must be one offered now.
        if let Some(code) = &update.staff.retention_schedule
            && update.staff.retention_schedule != current.staff.retention_schedule
            && !retention_schedule::Entity::find_by_id(code.clone())
                .one(&txn)
                .await
                .map_err(backend)?
                .is_some_and(|s| s.active)
        {
            txn.rollback().await.map_err(backend)?;
            return Ok(UpdateOutcome::Refused {
                public_id: current.public_id,
                error: ChangeError::Invalid(format!(
                    "{code:?} is not a retention schedule in use (crt-admin retention schedules)."
                )),
            });
        }
        if update.staff.tags != current.staff.tags
            && let Err(message) =
                crate::triage::store_tags(&txn, id, &current.staff.tags, &update.staff.tags).await?
        {
            txn.rollback().await.map_err(backend)?;
            return Ok(UpdateOutcome::Refused {
                public_id: current.public_id,
                error: ChangeError::Invalid(message),
            });
        }
        let mut am = row.into_active_model();
        set_staff(&mut am, &update.staff);
        am.modified_date = Set(update.at);
        am.version = Set(version + i32::from(update.bump_version));
        // The version in the WHERE clause makes a concurrent writer lose
        // cleanly instead of overwriting.
        let result = report::Entity::update_many()
            .set(am)
            .filter(report::Column::Id.eq(id))
            .filter(report::Column::Version.eq(version))
            .exec(&txn)
            .await
            .map_err(backend)?;
        if result.rows_affected != 1 {
            let now_at = report::Entity::find_by_id(id)
                .one(&txn)
                .await
                .map_err(backend)?
                .map_or(0, |r| r.version);
            return Err(RepositoryError::Conflict {
                current_version: now_at,
            });
        }
        log_rows.extend(activity_rows(target.id, update.activity));
        saved += 1;
    }
    for part in log_rows.chunks(1000) {
        activity::Entity::insert_many(part.to_vec())
            .exec(&txn)
            .await
            .map_err(backend)?;
    }
    txn.commit().await.map_err(backend)?;
    Ok(UpdateOutcome::Saved(saved))
}

/// The rows of a report's activity entries.
pub(crate) fn activity_rows(
    report: ReportId,
    log: Vec<Activity>,
) -> impl Iterator<Item = activity::ActiveModel> {
    log.into_iter().map(move |a| activity::ActiveModel {
        report_id: Set(report.0),
        actor: Set(a.actor),
        verb: Set(a.verb),
        old_value: Set(a.old_value),
        new_value: Set(a.new_value),
        created_at: Set(a.at),
        ..Default::default()
    })
}

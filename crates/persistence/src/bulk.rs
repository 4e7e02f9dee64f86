//! Bulk loading for `crt-admin seed` and benchmarks: many reports in one
//! transaction, in batches, with their protected classes. Not a port: only
//! operator tooling uses it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crt_domain::{
    ports::RepositoryError,
    report::{Report, StaffFields},
};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::{
    Db, backend,
    entities::{protected_class, report, report_protected_class},
    mapping::new_row,
    reports::random_suffix,
};

/// Reports per INSERT statement (about 50 columns each: well under
/// SQLite's and PostgreSQL's parameter limits).
const BATCH: usize = 500;

impl Db {
    /// Inserts reports (each with its staff fields and creation time) in
    /// one transaction; calls `progress(done)` after every batch.
    ///
    /// Errors: `Invalid` for an unknown protected class (nothing stored);
    /// `Backend`.
    pub async fn insert_reports_bulk(
        &self,
        items: &[(Report, StaffFields, DateTime<Utc>)],
        mut progress: impl FnMut(usize),
    ) -> Result<u64, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let ids: HashMap<String, i32> = protected_class::Entity::find()
            .all(&txn)
            .await
            .map_err(backend)?
            .into_iter()
            .map(|c| (c.value, c.id))
            .collect();
        let mut done = 0;
        for chunk in items.chunks(BATCH) {
            let rows = chunk.iter().map(|(r, s, at)| {
                let mut row = new_row(r, s, &random_suffix());
                row.create_date = Set(*at);
                row.modified_date = Set(*at);
                row.version = Set(1);
                row
            });
            let keys: Vec<i64> = report::Entity::insert_many(rows)
                .exec_with_returning_keys(&txn)
                .await
                .map_err(backend)?;
            let mut links = Vec::new();
            for (key, (r, _, _)) in keys.iter().zip(chunk) {
                for v in &r.protected_classes {
                    let class = ids.get(v).ok_or_else(|| {
                        RepositoryError::Invalid(format!("unknown protected class {v:?}"))
                    })?;
                    links.push(report_protected_class::ActiveModel {
                        report_id: Set(*key),
                        protected_class_id: Set(*class),
                    });
                }
            }
            for part in links.chunks(5000) {
                report_protected_class::Entity::insert_many(part.to_vec())
                    .exec(&txn)
                    .await
                    .map_err(backend)?;
            }
            done += chunk.len();
            progress(done);
        }
        txn.commit().await.map_err(backend)?;
        Ok(done as u64)
    }

    /// Refreshes the planner's statistics after a bulk load (and, on
    /// PostgreSQL, the visibility map that lets counts use indexes alone).
    ///
    /// Errors: `Backend`.
    pub async fn analyze(&self) -> Result<(), RepositoryError> {
        let sql = match self.conn.get_database_backend() {
            sea_orm::DbBackend::Postgres => "VACUUM ANALYZE",
            _ => "ANALYZE",
        };
        self.conn.execute_unprepared(sql).await.map_err(backend)?;
        Ok(())
    }
}

//! The public form's limit counters: one row per counted event.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::ports::{RateLimitRepository, RepositoryError};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{Db, backend, entities::rate_event};

#[async_trait]
impl RateLimitRepository for Db {
    async fn count_event(
        &self,
        bucket: &str,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> Result<(i64, u64), RepositoryError> {
        let bucket: String = bucket.chars().take(300).collect();
        let id = rate_event::Entity::insert(rate_event::ActiveModel {
            bucket: Set(bucket.clone()),
            happened_at: Set(now),
            ..Default::default()
        })
        .exec(&self.conn)
        .await
        .map_err(backend)?
        .last_insert_id;
        let n = rate_event::Entity::find()
            .filter(rate_event::Column::Bucket.eq(bucket))
            .filter(rate_event::Column::HappenedAt.gte(since))
            .count(&self.conn)
            .await
            .map_err(backend)?;
        Ok((id, n))
    }

    async fn forget_event(&self, id: i64) -> Result<(), RepositoryError> {
        rate_event::Entity::delete_by_id(id)
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn purge_events(&self, before: DateTime<Utc>) -> Result<u64, RepositoryError> {
        Ok(rate_event::Entity::delete_many()
            .filter(rate_event::Column::HappenedAt.lt(before))
            .exec(&self.conn)
            .await
            .map_err(backend)?
            .rows_affected)
    }
}

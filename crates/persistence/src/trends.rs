//! Storage of the trends page's data (operator tooling and one staff page).

use chrono::{DateTime, Utc};
use crt_domain::{ports::RepositoryError, trends::Window};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::{
    Db, backend,
    entities::{report, trend},
};

/// The stored trends: per window, its words with counts, and when computed.
pub type StoredTrends = Vec<(Window, Vec<(String, u64)>)>;

impl Db {
    /// (creation time, description) of every report created at or after `from`.
    ///
    /// Errors: `Backend`.
    pub async fn descriptions_since(
        &self,
        from: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, String)>, RepositoryError> {
        report::Entity::find()
            .select_only()
            .column(report::Column::CreateDate)
            .column(report::Column::ViolationSummary)
            .filter(report::Column::CreateDate.gte(from))
            .into_tuple()
            .all(&self.conn)
            .await
            .map_err(backend)
    }

    /// Replaces the stored trends in one transaction.
    ///
    /// Errors: `Backend`.
    pub async fn replace_trends(
        &self,
        trends: &StoredTrends,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        trend::Entity::delete_many()
            .exec(&txn)
            .await
            .map_err(backend)?;
        let rows: Vec<trend::ActiveModel> = trends
            .iter()
            .flat_map(|(w, words)| {
                words
                    .iter()
                    .enumerate()
                    .map(move |(i, (word, n))| trend::ActiveModel {
                        window: Set(w.value().to_owned()),
                        rank: Set(i as i32 + 1),
                        word: Set(word.chars().take(100).collect()),
                        count: Set(i64::try_from(*n).unwrap_or(i64::MAX)),
                        computed_at: Set(now),
                        ..Default::default()
                    })
            })
            .collect();
        if !rows.is_empty() {
            trend::Entity::insert_many(rows)
                .exec(&txn)
                .await
                .map_err(backend)?;
        }
        txn.commit().await.map_err(backend)?;
        Ok(())
    }

    /// The stored trends and when they were computed (`None` if never).
    ///
    /// Errors: `Backend`.
    pub async fn stored_trends(
        &self,
    ) -> Result<(StoredTrends, Option<DateTime<Utc>>), RepositoryError> {
        let rows = trend::Entity::find()
            .order_by_asc(trend::Column::Rank)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let at = rows.first().map(|r| r.computed_at);
        let out = Window::ALL
            .iter()
            .map(|w| {
                let words = rows
                    .iter()
                    .filter(|r| r.window == w.value())
                    .map(|r| (r.word.clone(), u64::try_from(r.count).unwrap_or(0)))
                    .collect();
                (*w, words)
            })
            .collect();
        Ok((out, at))
    }
}

//! Tags, repeat writers and the list's counts (`TriageRepository`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    ports::{GroupBy, Refreshed, ReportFilters, RepositoryError, Total, TriageRepository},
    repeat_writers::{Thresholds, description_key, is_repeat},
    report::{ReportId, Section, Status},
    tags::{Tag, TagRef},
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
    sea_query::{Expr, Func},
};

mod tags;
use tags::to_tag;
pub(crate) use tags::{store_tags, tags_of};

use crate::{
    Db, backend,
    entities::{report, tag},
    filters,
};

fn lower_email() -> sea_orm::sea_query::SimpleExpr {
    Expr::expr(Func::lower(Expr::col((
        report::Entity,
        report::Column::ContactEmail,
    ))))
}

/// Reports in a group at least `at_least` large, as SQL (`1 = 0` when the
/// test is off). The thresholds are numbers, never typed text.
fn groups_sql(t: Thresholds) -> String {
    let mut parts = Vec::new();
    if t.email_reports > 0 {
        parts.push(format!(
            "LOWER(\"contact_email\") IN (SELECT LOWER(\"contact_email\") FROM \"report\" \
             WHERE \"contact_email\" IS NOT NULL GROUP BY LOWER(\"contact_email\") \
             HAVING COUNT(*) >= {})",
            t.email_reports
        ));
    }
    if t.description_reports > 0 {
        parts.push(format!(
            "\"description_key\" IN (SELECT \"description_key\" FROM \"report\" \
             WHERE \"description_key\" IS NOT NULL GROUP BY \"description_key\" \
             HAVING COUNT(*) >= {})",
            t.description_reports
        ));
    }
    if parts.is_empty() {
        "1 = 0".into()
    } else {
        parts
            .iter()
            .map(|p| format!("COALESCE({p}, FALSE)"))
            .collect::<Vec<_>>()
            .join(" OR ")
    }
}

#[async_trait::async_trait]
impl TriageRepository for Db {
    async fn tags(&self) -> Result<Vec<Tag>, RepositoryError> {
        tag::Entity::find()
            .order_by_asc(tag::Column::Section)
            .order_by_asc(tag::Column::Name)
            .all(&self.conn)
            .await
            .map_err(backend)?
            .into_iter()
            .map(to_tag)
            .collect()
    }

    async fn add_tag(&self, t: &Tag, now: DateTime<Utc>) -> Result<(), RepositoryError> {
        let key = (t.tag.section.value().to_owned(), t.tag.name.clone());
        if tag::Entity::find_by_id(key.clone())
            .one(&self.conn)
            .await
            .map_err(backend)?
            .is_some()
        {
            return Err(RepositoryError::Invalid(format!(
                "{} has a tag {} already.",
                key.0, key.1
            )));
        }
        tag::ActiveModel {
            section: Set(key.0),
            name: Set(key.1),
            description: Set(t.description.clone()),
            created_at: Set(now),
            retired_at: Set(None),
        }
        .insert(&self.conn)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn retire_tag(&self, t: &TagRef, now: DateTime<Utc>) -> Result<bool, RepositoryError> {
        let row = tag::Entity::find_by_id((t.section.value().to_owned(), t.name.clone()))
            .one(&self.conn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?;
        if row.retired_at.is_some() {
            return Ok(false);
        }
        let mut am: tag::ActiveModel = row.into();
        am.retired_at = Set(Some(now));
        am.update(&self.conn).await.map_err(backend)?;
        Ok(true)
    }

    async fn flag_repeat_writer(
        &self,
        id: ReportId,
        t: Thresholds,
    ) -> Result<bool, RepositoryError> {
        let row = report::Entity::find_by_id(id.0)
            .one(&self.conn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?;
        // Lower-cased by the database on both sides, as `refresh` does
        // (SQLite's LOWER folds ASCII only).
        let same = |e: &String| lower_email().eq(Func::lower(Expr::val(e.clone())));
        let email = row.contact_email;
        let same_email = match &email {
            Some(e) => self.count(same(e)).await?,
            None => 0,
        };
        let same_description = match &row.description_key {
            Some(k) => {
                self.count(report::Column::DescriptionKey.eq(k.clone()))
                    .await?
            }
            None => 0,
        };
        if !is_repeat(t, same_email, same_description) {
            return Ok(row.repeat_writer);
        }
        // The whole group is flagged, not only the newest report.
        let mut group = sea_orm::Condition::any();
        if let Some(e) = email.filter(|_| t.email_reports > 0 && same_email >= t.email_reports) {
            group = group.add(same(&e));
        }
        if let Some(k) = row
            .description_key
            .filter(|_| t.description_reports > 0 && same_description >= t.description_reports)
        {
            group = group.add(report::Column::DescriptionKey.eq(k));
        }
        report::Entity::update_many()
            .col_expr(report::Column::RepeatWriter, Expr::value(true))
            .filter(report::Column::RepeatWriter.eq(false))
            .filter(group)
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(true)
    }

    async fn refresh_repeat_writers(&self, t: Thresholds) -> Result<Refreshed, RepositoryError> {
        let mut out = Refreshed::default();
        let mut after = 0_i64;
        loop {
            let rows: Vec<(i64, String)> = report::Entity::find()
                .select_only()
                .column(report::Column::Id)
                .column(report::Column::ViolationSummary)
                .filter(report::Column::DescriptionKey.is_null())
                .filter(report::Column::Id.gt(after))
                .order_by_asc(report::Column::Id)
                .limit(1000)
                .into_tuple()
                .all(&self.conn)
                .await
                .map_err(backend)?;
            let Some(last) = rows.last().map(|r| r.0) else {
                break;
            };
            after = last;
            let txn = self.begin_write().await.map_err(backend)?;
            for (id, text) in rows {
                if let Some(key) = description_key(&text) {
                    report::Entity::update_many()
                        .col_expr(report::Column::DescriptionKey, Expr::value(key))
                        .filter(report::Column::Id.eq(id))
                        .exec(&txn)
                        .await
                        .map_err(backend)?;
                    out.keyed += 1;
                }
            }
            txn.commit().await.map_err(backend)?;
        }
        let groups = groups_sql(t);
        let txn = self.begin_write().await.map_err(backend)?;
        out.flagged = txn
            .execute_unprepared(&format!(
                "UPDATE \"report\" SET \"repeat_writer\" = TRUE \
                 WHERE \"repeat_writer\" = FALSE AND ({groups})"
            ))
            .await
            .map_err(backend)?
            .rows_affected();
        out.unflagged = txn
            .execute_unprepared(&format!(
                "UPDATE \"report\" SET \"repeat_writer\" = FALSE \
                 WHERE \"repeat_writer\" = TRUE AND NOT ({groups})"
            ))
            .await
            .map_err(backend)?
            .rows_affected();
        txn.commit().await.map_err(backend)?;
        Ok(out)
    }

    async fn description_counts(
        &self,
        keys: &[String],
    ) -> Result<HashMap<String, u64>, RepositoryError> {
        if keys.is_empty() {
            return Ok(HashMap::new());
        }
        let key = Expr::col((report::Entity, report::Column::DescriptionKey));
        Ok(crate::count_per_key(
            &self.conn,
            report::Entity::find(),
            key,
            keys.iter().cloned(),
        )
        .await?
        .into_iter()
        .collect())
    }

    async fn description_keys(
        &self,
        ids: &[ReportId],
    ) -> Result<HashMap<ReportId, String>, RepositoryError> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows: Vec<(i64, Option<String>)> = report::Entity::find()
            .select_only()
            .column(report::Column::Id)
            .column(report::Column::DescriptionKey)
            .filter(report::Column::Id.is_in(ids.iter().map(|i| i.0)))
            .into_tuple()
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, k)| Some((ReportId(id), k?)))
            .collect())
    }

    async fn count_by(
        &self,
        f: &ReportFilters,
        by: GroupBy,
        up_to: u64,
    ) -> Result<Vec<(String, Total)>, RepositoryError> {
        let cond = self.condition_of(f).await?;
        let (col, values): (report::Column, Vec<&'static str>) = match by {
            GroupBy::Status => (
                report::Column::Status,
                Status::ALL.iter().map(|s| s.value()).collect(),
            ),
            GroupBy::Section => (
                report::Column::AssignedSection,
                Section::ALL.iter().map(|s| s.value()).collect(),
            ),
        };
        let limit = Ord::min(up_to, f.exact_count_limit());
        // Usually one pass: the first limit + 1 matches, grouped. Only when
        // more match is each value counted on its own, each count reading
        // at most the limit's entries (a plain GROUP BY would read every
        // match, a million at worst).
        let name = match by {
            GroupBy::Status => "status",
            GroupBy::Section => "assigned_section",
        };
        let first = report::Entity::find()
            .select_only()
            .column(col)
            .filter(cond.clone())
            .limit(limit + 1)
            .into_query();
        let grouped = sea_orm::sea_query::Query::select()
            .column(sea_orm::sea_query::Alias::new(name))
            .expr(Expr::col(sea_orm::sea_query::Asterisk).count())
            .from_subquery(first, sea_orm::sea_query::Alias::new("m"))
            .group_by_col(sea_orm::sea_query::Alias::new(name))
            .to_owned();
        let backend_kind = self.conn.get_database_backend();
        let rows = self
            .conn
            .query_all_raw(backend_kind.build(&grouped))
            .await
            .map_err(backend)?;
        let mut seen: Vec<(String, u64)> = Vec::new();
        for row in rows {
            let v: String = row.try_get_by_index(0).map_err(backend)?;
            let n: i64 = row.try_get_by_index(1).map_err(backend)?;
            seen.push((v, u64::try_from(n).unwrap_or(0)));
        }
        if seen.iter().map(|(_, n)| n).sum::<u64>() <= limit {
            return Ok(values
                .into_iter()
                .filter_map(|v| {
                    let n = seen.iter().find(|(s, _)| s == v)?.1;
                    Some((v.to_owned(), Total::Exact(n)))
                })
                .collect());
        }
        let mut out = Vec::new();
        for v in values {
            let matching = report::Entity::find()
                .select_only()
                .expr(Expr::val(1))
                .filter(cond.clone())
                .filter(col.eq(v))
                .into_query();
            let n = crate::reports::bounded_count(&self.conn, &matching, limit).await?;
            if n > 0 {
                let total = if n > limit {
                    Total::MoreThan(limit)
                } else {
                    Total::Exact(n)
                };
                out.push((v.to_owned(), total));
            }
        }
        Ok(out)
    }

    async fn count_exact(&self, f: &ReportFilters) -> Result<u64, RepositoryError> {
        let cond = self.condition_of(f).await?;
        self.count(cond).await
    }

    async fn closed_spans(
        &self,
        f: &ReportFilters,
        limit: u64,
    ) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>, RepositoryError> {
        let cond = self.condition_of(f).await?;
        let rows: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> = report::Entity::find()
            .select_only()
            .column(report::Column::CreateDate)
            .column(report::Column::ClosedDate)
            .filter(cond)
            .filter(report::Column::ClosedDate.is_not_null())
            .order_by_desc(report::Column::ClosedDate)
            .limit(limit)
            .into_tuple()
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows
            .into_iter()
            .filter_map(|(received, closed)| Some((received, closed?)))
            .collect())
    }

    async fn touches(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        section: Option<Section>,
    ) -> Result<Vec<(String, DateTime<Utc>, i64)>, RepositoryError> {
        use crate::entities::activity;
        let mut q = activity::Entity::find()
            .select_only()
            .column(activity::Column::Actor)
            .column(activity::Column::CreatedAt)
            .column(activity::Column::ReportId)
            .filter(activity::Column::CreatedAt.gte(from))
            .filter(activity::Column::CreatedAt.lt(to));
        if let Some(s) = section {
            let sub = sea_orm::sea_query::Query::select()
                .column(report::Column::Id)
                .from(report::Entity)
                .and_where(Expr::col(report::Column::AssignedSection).eq(s.value()))
                .to_owned();
            q = q.filter(activity::Column::ReportId.in_subquery(sub));
        }
        q.into_tuple().all(&self.conn).await.map_err(backend)
    }
}

impl Db {
    async fn condition_of(&self, f: &ReportFilters) -> Result<sea_orm::Condition, RepositoryError> {
        let cutoffs = if f.due_for_disposal {
            crate::retention::cutoffs_now(&self.conn).await?
        } else {
            Vec::new()
        };
        Ok(filters::condition(
            f,
            self.conn.get_database_backend(),
            filters::TextPlan::FromMatches,
            &cutoffs,
        ))
    }

    async fn count(
        &self,
        cond: impl sea_orm::sea_query::IntoCondition,
    ) -> Result<u64, RepositoryError> {
        let n = report::Entity::find()
            .filter(cond)
            .count(&self.conn)
            .await
            .map_err(backend)?;
        Ok(n)
    }
}

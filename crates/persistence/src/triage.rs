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

use crate::{
    Db, backend,
    entities::{report, report_tag, tag},
    filters,
};

/// The tags of these reports, `SECTION/name`, sorted.
pub(crate) async fn tags_of<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, RepositoryError> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows = report_tag::Entity::find()
        .filter(report_tag::Column::ReportId.is_in(ids.iter().copied()))
        .order_by_asc(report_tag::Column::Section)
        .order_by_asc(report_tag::Column::Name)
        .all(db)
        .await
        .map_err(backend)?;
    for r in rows {
        out.entry(r.report_id)
            .or_default()
            .push(format!("{}/{}", r.section, r.name));
    }
    Ok(out)
}

/// Stores report `id`'s tags as `new` (from `old`). A tag added must be
/// defined and not retired: otherwise the message to show, nothing written.
pub(crate) async fn store_tags<C: ConnectionTrait>(
    txn: &C,
    id: i64,
    old: &[String],
    new: &[String],
) -> Result<Result<(), String>, RepositoryError> {
    let split = |q: &String| {
        let (s, n) = q.split_once('/').unwrap_or(("", q));
        (s.to_owned(), n.to_owned())
    };
    for added in new.iter().filter(|t| !old.contains(t)) {
        let (section, name) = split(added);
        let usable = tag::Entity::find_by_id((section, name))
            .one(txn)
            .await
            .map_err(backend)?
            .is_some_and(|t| t.retired_at.is_none());
        if !usable {
            return Ok(Err(format!(
                "{added:?} is not a tag in use (crt-admin tag list)."
            )));
        }
        let (section, name) = split(added);
        report_tag::ActiveModel {
            report_id: Set(id),
            section: Set(section),
            name: Set(name),
        }
        .insert(txn)
        .await
        .map_err(backend)?;
    }
    for removed in old.iter().filter(|t| !new.contains(t)) {
        let (section, name) = split(removed);
        report_tag::Entity::delete_by_id((id, section, name))
            .exec(txn)
            .await
            .map_err(backend)?;
    }
    Ok(Ok(()))
}

fn to_tag(m: tag::Model) -> Result<Tag, RepositoryError> {
    let section = Section::from_value(&m.section).ok_or_else(|| {
        RepositoryError::Corrupt(format!("tag {}/{}: unknown section", m.section, m.name))
    })?;
    Ok(Tag {
        tag: TagRef {
            section,
            name: m.name,
        },
        description: m.description,
        retired: m.retired_at.is_some(),
    })
}

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
        let email = row.contact_email.map(|e| e.to_lowercase());
        let same_email = match &email {
            Some(e) => self.count(lower_email().eq(e.clone())).await?,
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
            group = group.add(lower_email().eq(e));
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
        let rows: Vec<(String, i64)> = report::Entity::find()
            .select_only()
            .column(report::Column::DescriptionKey)
            .column_as(report::Column::Id.count(), "n")
            .filter(report::Column::DescriptionKey.is_in(keys.iter().cloned()))
            .group_by(report::Column::DescriptionKey)
            .into_tuple()
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(k, n)| (k, u64::try_from(n).unwrap_or(0)))
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
    ) -> Result<Vec<(String, Total)>, RepositoryError> {
        let cutoffs = if f.due_for_disposal {
            crate::retention::cutoffs_now(&self.conn).await?
        } else {
            Vec::new()
        };
        let cond = filters::condition(
            f,
            self.conn.get_database_backend(),
            filters::TextPlan::FromMatches,
            &cutoffs,
        );
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
        // One bounded count per value: each reads at most the limit's
        // index entries, where a GROUP BY would read every match.
        let limit = f.exact_count_limit();
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
}

impl Db {
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

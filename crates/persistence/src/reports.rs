//! The report repository: create (with protected classes, one transaction),
//! read, list with filters/sort/paging, update with activity entries under
//! an optimistic version check.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    ports::{
        DecideUpdate, Direction, NewOutboxEmail, Page, ReportFilters, ReportQuery,
        ReportRepository, RepositoryError, SortField, Total, UpdateOutcome, UpdateTarget,
        keyset_sortable,
    },
    protected_class::other_last,
    report::{Report, ReportId, ReportRecord, StaffFields},
    staff::Activity,
    values::{PUBLIC_ID_LETTERS, PublicId},
};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, ExprTrait, ModelTrait, Order,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    sea_query::{Asterisk, Expr, Func, NullOrdering, Query},
};

use crate::{
    Db, backend,
    entities::{activity, email_outbox, protected_class, report, report_protected_class},
    filters,
    mapping::{new_row, to_record},
    staff_update,
};

pub(crate) fn random_suffix() -> String {
    let mut rng = rand::rng();
    (0..3)
        .map(|_| PUBLIC_ID_LETTERS[rng.random_range(0..PUBLIC_ID_LETTERS.len())] as char)
        .collect()
}

/// Where a protected class sorts on a report.
type FormOrderKey = (bool, (i32, String));

/// The sort key of a protected class on a report: the domain's rule
/// ("Other reason" last, by form order; retired options after the active
/// ones), then by value.
fn form_order_key(form_order: Option<i32>, value: &str) -> FormOrderKey {
    other_last(value, (form_order.unwrap_or(i32::MAX), value.to_owned()))
}

/// Protected-class values of the given reports, each list in form order
/// (one query for a whole page).
async fn classes_of<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, RepositoryError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    use protected_class::Column as P;
    use report_protected_class::Column as L;
    let stmt = Query::select()
        .column((report_protected_class::Entity, L::ReportId))
        .column((protected_class::Entity, P::FormOrder))
        .column((protected_class::Entity, P::Value))
        .from(report_protected_class::Entity)
        .inner_join(
            protected_class::Entity,
            Expr::col((protected_class::Entity, P::Id))
                .equals((report_protected_class::Entity, L::ProtectedClassId)),
        )
        .and_where(
            Expr::col((report_protected_class::Entity, L::ReportId)).is_in(ids.iter().copied()),
        )
        .to_owned();
    let rows = db
        .query_all_raw(db.get_database_backend().build(&stmt))
        .await
        .map_err(backend)?;
    let mut out: HashMap<i64, Vec<FormOrderKey>> = HashMap::new();
    for row in rows {
        let report_id: i64 = row.try_get_by_index(0).map_err(backend)?;
        let form_order: Option<i32> = row.try_get_by_index(1).map_err(backend)?;
        let value: String = row.try_get_by_index(2).map_err(backend)?;
        out.entry(report_id)
            .or_default()
            .push(form_order_key(form_order, &value));
    }
    Ok(out
        .into_iter()
        .map(|(id, mut v)| {
            v.sort();
            (id, v.into_iter().map(|(_, (_, value))| value).collect())
        })
        .collect())
}

/// How many reports match `filters`: counted up to their exact limit (a
/// bounded scan), estimated above it. In a table larger than twice the
/// limit a first guess decides whether to count at all: the id range for
/// an unfiltered list (reports are never deleted, so it is the table's
/// size within the few ids a rolled-back insert skips), PostgreSQL's
/// planner estimate for a filtered one (SQLite has none). A guess far
/// above the limit is the answer and nothing is counted: at a million
/// reports that saves reading 10,001 index entries (1.9 ms) per page.
async fn count_matching<C: ConnectionTrait>(
    db: &C,
    filters: &ReportFilters,
    cond: Condition,
) -> Result<Total, RepositoryError> {
    let limit = filters.exact_count_limit();
    let matching = report::Entity::find()
        .select_only()
        .expr(Expr::val(1))
        .filter(cond)
        .into_query();
    let unfiltered = *filters == ReportFilters::default();
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    let table = id_range(db).await?;
    // A small table is counted as it is; a guess is asked for only when it
    // can save reading thousands of rows.
    let guess = if table <= 2 * limit {
        None
    } else if unfiltered {
        Some(table)
    } else if postgres {
        planner_estimate(db, &matching).await
    } else {
        None
    };
    if let Some(g) = guess.filter(|g| *g > 2 * limit) {
        if unfiltered || filters.has_text_search() {
            // (A text search's count would find every match in the index
            // before counting even one.)
            return Ok(Total::About(g));
        }
        // A planner's guess can be far off for an unusual mix of filters:
        // a hundred rows counted tell a small result from a large one.
        let n = bounded_count(db, &matching, SURELY_SMALL).await?;
        return Ok(if n <= SURELY_SMALL {
            Total::Exact(n)
        } else {
            Total::About(g)
        });
    }
    let n = bounded_count(db, &matching, limit).await?;
    if n <= limit {
        return Ok(Total::Exact(n));
    }
    let guess = match guess {
        Some(g) => Some(g),
        None if unfiltered => Some(table),
        None if postgres && table <= 2 * limit => planner_estimate(db, &matching).await,
        None => None,
    };
    Ok(match guess {
        Some(g) => Total::About(Ord::max(g, limit + 1)),
        None => Total::MoreThan(limit),
    })
}

/// Below this many matches a count is exact whatever the planner guessed.
const SURELY_SMALL: u64 = 100;

/// The rows of `matching`, counted up to `limit + 1`.
pub(crate) async fn bounded_count<C: ConnectionTrait>(
    db: &C,
    matching: &sea_orm::sea_query::SelectStatement,
    limit: u64,
) -> Result<u64, RepositoryError> {
    let stmt = Query::select()
        .expr(Expr::col(Asterisk).count())
        .from_subquery(matching.clone().limit(limit + 1).to_owned(), "matching")
        .to_owned();
    let n: i64 = db
        .query_one_raw(db.get_database_backend().build(&stmt))
        .await
        .map_err(backend)?
        .ok_or_else(|| RepositoryError::Backend("COUNT returned no row".into()))?
        .try_get_by_index(0)
        .map_err(backend)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// `MAX(id) - MIN(id) + 1`, 0 for an empty table, in one statement with
/// each aggregate in a subquery of its own (SQLite reads MIN and MAX off
/// the index only when each is alone in its query).
async fn id_range<C: ConnectionTrait>(db: &C) -> Result<u64, RepositoryError> {
    let stmt = Query::select()
        .expr(Expr::cust(r#"(SELECT MIN("id") FROM "report")"#))
        .expr(Expr::cust(r#"(SELECT MAX("id") FROM "report")"#))
        .to_owned();
    let row = db
        .query_one_raw(db.get_database_backend().build(&stmt))
        .await
        .map_err(backend)?
        .ok_or_else(|| RepositoryError::Backend("MIN/MAX returned no row".into()))?;
    let lo: Option<i64> = row.try_get_by_index(0).map_err(backend)?;
    let hi: Option<i64> = row.try_get_by_index(1).map_err(backend)?;
    Ok(match (lo, hi) {
        (Some(lo), Some(hi)) => u64::try_from(hi - lo + 1).unwrap_or(0),
        _ => 0,
    })
}

/// PostgreSQL's estimate of how many rows `select` returns. An estimate is
/// a nicety: a planner that cannot give one gives `None`.
async fn planner_estimate<C: ConnectionTrait>(
    db: &C,
    select: &sea_orm::sea_query::SelectStatement,
) -> Option<u64> {
    let mut explain = db.get_database_backend().build(select);
    explain.sql = format!("EXPLAIN (FORMAT JSON) {}", explain.sql);
    let plan: serde_json::Value = db
        .query_one_raw(explain)
        .await
        .ok()??
        .try_get_by_index(0)
        .ok()?;
    let rows = plan[0]["Plan"]["Plan Rows"].as_f64()?;
    // Whole reports; an estimate is not worth more precision.
    Some(rows.max(0.0).round() as u64)
}

/// The rows that come after `row` in the order `keys` (each column with
/// its direction, the last one unique): for keys k1..kn with values
/// v1..vn, `k1 ≶ v1 OR (k1 = v1 AND k2 ≶ v2) OR …`, plus `k1 ≤ v1` (or
/// `≥`) on its own, which an index on k1 can start from.
fn after_condition(keys: &[(report::Column, Direction)], row: &report::Model) -> Condition {
    let past = |col: report::Column, dir: Direction, v: sea_orm::Value| {
        if dir == Direction::Ascending {
            Expr::col((report::Entity, col)).gt(v)
        } else {
            Expr::col((report::Entity, col)).lt(v)
        }
    };
    let mut any = Condition::any();
    for i in 0..keys.len() {
        let mut all = Condition::all();
        for (col, _) in &keys[..i] {
            all = all.add(Expr::col((report::Entity, *col)).eq(row.get(*col)));
        }
        let (col, dir) = keys[i];
        any = any.add(all.add(past(col, dir, row.get(col))));
    }
    let (first, dir) = keys[0];
    let start = if dir == Direction::Ascending {
        Expr::col((report::Entity, first)).gte(row.get(first))
    } else {
        Expr::col((report::Entity, first)).lte(row.get(first))
    };
    Condition::all().add(start).add(any)
}

pub(crate) async fn load<C: ConnectionTrait>(
    db: &C,
    id: i64,
) -> Result<ReportRecord, RepositoryError> {
    let row = report::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(backend)?
        .ok_or(RepositoryError::NotFound)?;
    let mut classes = classes_of(db, &[id]).await?;
    let mut record = to_record(row, classes.remove(&id).unwrap_or_default())?;
    record.staff.tags = crate::triage::tags_of(db, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    Ok(record)
}

/// Links report `id` to the protected classes `values` (which must all be
/// in the catalog) and returns their rows.
pub(crate) async fn link_classes<C: ConnectionTrait>(
    txn: &C,
    id: i64,
    values: &[String],
) -> Result<Vec<protected_class::Model>, RepositoryError> {
    let classes = protected_class::Entity::find()
        .filter(protected_class::Column::Value.is_in(values.iter().cloned()))
        .all(txn)
        .await
        .map_err(backend)?;
    if let Some(missing) = values
        .iter()
        .find(|v| !classes.iter().any(|c| &&c.value == v))
    {
        return Err(RepositoryError::Invalid(format!(
            "unknown protected class {missing:?}"
        )));
    }
    if !classes.is_empty() {
        report_protected_class::Entity::insert_many(classes.iter().map(|c| {
            report_protected_class::ActiveModel {
                report_id: Set(id),
                protected_class_id: Set(c.id),
            }
        }))
        .exec(txn)
        .await
        .map_err(backend)?;
    }
    Ok(classes)
}

/// Stores a report and its protected-class links inside the caller's
/// transaction.
pub(crate) async fn create_in<C: ConnectionTrait>(
    txn: &C,
    report: &Report,
    staff: &StaffFields,
    email: Option<NewOutboxEmail>,
    activity: &[Activity],
    now: DateTime<Utc>,
) -> Result<ReportRecord, RepositoryError> {
    // Write first: on SQLite a transaction that reads before it writes
    // cannot take the write lock once another connection has committed
    // (SQLITE_BUSY_SNAPSHOT); starting with the insert makes it wait its
    // turn instead. An unknown class below rolls the insert back.
    let mut row = new_row(report, staff, &random_suffix());
    row.create_date = Set(now);
    row.modified_date = Set(now);
    row.version = Set(1);
    let saved = row.insert(txn).await.map_err(backend)?;
    let classes = link_classes(txn, saved.id, &report.protected_classes).await?;
    if let Some(mail) = email {
        email_outbox::ActiveModel {
            report_id: Set(Some(saved.id)),
            recipient: Set(mail.recipient.as_str().to_owned()),
            purpose: Set(mail.purpose),
            template: Set(mail.template),
            status: Set("new".into()),
            attempts: Set(0),
            created_at: Set(now),
            next_attempt_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await
        .map_err(backend)?;
    }
    if !activity.is_empty() {
        activity::Entity::insert_many(crate::staff_update::activity_rows(
            ReportId(saved.id),
            activity.to_vec(),
        ))
        .exec(txn)
        .await
        .map_err(backend)?;
    }
    // The stored row is what we just wrote; its classes in form order.
    let mut ordered: Vec<&protected_class::Model> = classes.iter().collect();
    ordered.sort_by_key(|c| form_order_key(c.form_order, &c.value));
    to_record(
        saved,
        ordered.into_iter().map(|c| c.value.clone()).collect(),
    )
}

fn sort_column(f: SortField) -> report::Column {
    match f {
        SortField::CreateDate => report::Column::CreateDate,
        SortField::Id => report::Column::Id,
        SortField::Section => report::Column::AssignedSection,
        SortField::Status => report::Column::Status,
        SortField::AssignedTo => report::Column::AssignedTo,
        SortField::PrimaryComplaint => report::Column::PrimaryComplaint,
        SortField::LocationState => report::Column::LocationState,
        SortField::LocationCity => report::Column::LocationCityTown,
        SortField::ContactLastName => report::Column::ContactLastName,
    }
}

#[async_trait]
impl ReportRepository for Db {
    async fn create_with_email(
        &self,
        report: &Report,
        staff: &StaffFields,
        email: Option<NewOutboxEmail>,
        activity: &[Activity],
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let record = create_in(&txn, report, staff, email, activity, now).await?;
        txn.commit().await.map_err(backend)?;
        Ok(record)
    }

    async fn get(&self, id: ReportId) -> Result<ReportRecord, RepositoryError> {
        load(&self.conn, id.0).await
    }

    async fn get_by_public_id(
        &self,
        public_id: &PublicId,
    ) -> Result<ReportRecord, RepositoryError> {
        let record = load(&self.conn, public_id.id()).await?;
        if &record.public_id == public_id {
            Ok(record)
        } else {
            Err(RepositoryError::NotFound)
        }
    }

    async fn list(&self, q: &ReportQuery) -> Result<Page<ReportRecord>, RepositoryError> {
        let offset = q
            .page
            .saturating_sub(1)
            .checked_mul(q.per_page)
            .filter(|o| i64::try_from(*o).is_ok());
        let Some(mut offset) = offset.filter(|_| q.page > 0 && q.per_page > 0) else {
            return Err(RepositoryError::Invalid(
                "page and per_page start at 1, and the page must exist".into(),
            ));
        };
        let sort = if q.sort.is_empty() {
            vec![(SortField::CreateDate, Direction::Descending)]
        } else {
            q.sort.clone()
        };
        if q.after.is_some() && !keyset_sortable(&sort) {
            return Err(RepositoryError::Invalid(
                "a page sorted by assignee or contact name cannot continue after a report; use page numbers"
                    .into(),
            ));
        }
        let db_backend = self.conn.get_database_backend();
        let cutoffs = if q.filters.due_for_disposal {
            crate::retention::cutoffs_now(&self.conn).await?
        } else {
            Vec::new()
        };
        let cond = filters::condition(
            &q.filters,
            db_backend,
            filters::TextPlan::FromMatches,
            &cutoffs,
        );
        let total = count_matching(&self.conn, &q.filters, cond.clone()).await?;
        // Many text matches: SQLite finds a page sooner by walking the
        // reports in order and keeping the matches than by sorting them all.
        let cond = if total.is_exact() || db_backend != DbBackend::Sqlite {
            cond
        } else {
            filters::condition(&q.filters, db_backend, filters::TextPlan::InOrder, &cutoffs)
        };
        let mut select = report::Entity::find().filter(cond);
        // A stable tie-break so pages never overlap.
        let mut keys: Vec<(report::Column, Direction)> =
            sort.iter().map(|(f, d)| (sort_column(*f), *d)).collect();
        keys.push((report::Column::Id, sort[0].1));
        if let Some(after) = q.after {
            // A report that does not exist (a hand-edited link) leaves the
            // page to its number.
            if let Some(row) = report::Entity::find_by_id(after.0)
                .one(&self.conn)
                .await
                .map_err(backend)?
            {
                select = select.filter(after_condition(&keys, &row));
                offset = 0;
            }
        }
        for (i, (col, dir)) in keys.iter().enumerate() {
            let order = if *dir == Direction::Ascending {
                Order::Asc
            } else {
                Order::Desc
            };
            // Empty values last in both directions, the same on both databases
            // (their defaults differ). Columns that are never empty sort
            // plainly: PostgreSQL cannot read a DESC NULLS LAST order off an
            // ascending index, and sorted all 100,000 rows for the default
            // newest-first page (100 ms).
            select = match sort.get(i) {
                Some((field, _)) if !field.never_empty() => {
                    select.order_by_with_nulls(*col, order, NullOrdering::Last)
                }
                _ => select.order_by(*col, order),
            };
        }
        // One row more than the page says whether another page follows.
        let mut rows = select
            .offset(offset)
            .limit(q.per_page.saturating_add(1))
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let has_more = rows.len() as u64 > q.per_page;
        rows.truncate(usize::try_from(q.per_page).unwrap_or(usize::MAX));
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut classes = classes_of(&self.conn, &ids).await?;
        let mut tags = crate::triage::tags_of(&self.conn, &ids).await?;
        let items = rows
            .into_iter()
            .map(|r| {
                let c = classes.remove(&r.id).unwrap_or_default();
                let t = tags.remove(&r.id).unwrap_or_default();
                to_record(r, c).map(|mut rec| {
                    rec.staff.tags = t;
                    rec
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page {
            items,
            total,
            has_more,
            page: q.page,
            per_page: q.per_page,
        })
    }

    async fn update_staff(
        &self,
        targets: &[UpdateTarget],
        decide: &DecideUpdate,
    ) -> Result<UpdateOutcome, RepositoryError> {
        staff_update::update_staff(self, targets, decide).await
    }

    async fn update_answers(
        &self,
        id: ReportId,
        expected_version: i32,
        report: &Report,
        activity: &[Activity],
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, RepositoryError> {
        crate::corrections::update_answers(self, id, expected_version, report, activity, now).await
    }

    async fn related_by_email(
        &self,
        email: &str,
        except: ReportId,
        limit: u64,
    ) -> Result<Vec<ReportRecord>, RepositoryError> {
        let rows = report::Entity::find()
            .filter(
                Expr::expr(Func::lower(Expr::col((
                    report::Entity,
                    report::Column::ContactEmail,
                ))))
                .eq(email.to_lowercase()),
            )
            .filter(report::Column::Id.ne(except.0))
            .order_by_desc(report::Column::CreateDate)
            .limit(limit)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut classes = classes_of(&self.conn, &ids).await?;
        rows.into_iter()
            .map(|r| {
                let c = classes.remove(&r.id).unwrap_or_default();
                to_record(r, c)
            })
            .collect()
    }

    async fn email_counts(
        &self,
        emails: &[String],
    ) -> Result<HashMap<String, u64>, RepositoryError> {
        let wanted: Vec<String> = emails.iter().map(|e| e.to_lowercase()).collect();
        if wanted.is_empty() {
            return Ok(HashMap::new());
        }
        let lower = || {
            Expr::expr(Func::lower(Expr::col((
                report::Entity,
                report::Column::ContactEmail,
            ))))
        };
        let rows: Vec<(String, i64)> = report::Entity::find()
            .select_only()
            .column_as(lower(), "email")
            .column_as(Expr::col((report::Entity, report::Column::Id)).count(), "n")
            .filter(lower().is_in(wanted))
            .group_by(lower())
            .into_tuple()
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(e, n)| (e, u64::try_from(n).unwrap_or(0)))
            .collect())
    }

    async fn activity(&self, id: ReportId) -> Result<Vec<Activity>, RepositoryError> {
        let rows = activity::Entity::find()
            .filter(activity::Column::ReportId.eq(id.0))
            .order_by_desc(activity::Column::CreatedAt)
            .order_by_desc(activity::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        // No entries: a report without history, or no report at all.
        if rows.is_empty()
            && report::Entity::find_by_id(id.0)
                .one(&self.conn)
                .await
                .map_err(backend)?
                .is_none()
        {
            return Err(RepositoryError::NotFound);
        }
        Ok(rows
            .into_iter()
            .map(|r| Activity {
                actor: r.actor,
                verb: r.verb,
                old_value: r.old_value,
                new_value: r.new_value,
                at: r.created_at,
            })
            .collect())
    }
}

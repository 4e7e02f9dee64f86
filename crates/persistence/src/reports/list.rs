//! The staff list's page: filters, sort (with a stable tie-break),
//! "continue after" paging, the count, and each row's classes and tags.

use crt_domain::ports::{
    Direction, Page, ReportQuery, RepositoryError, SortField, keyset_sortable,
};
use crt_domain::report::ReportRecord;
use sea_orm::{
    Condition, DbBackend, EntityTrait, ExprTrait, ModelTrait, Order, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, NullOrdering},
};

use super::{classes_of, count::count_matching};
use crate::{Db, backend, entities::report, filters, mapping::to_record};

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

pub(super) async fn list(db: &Db, q: &ReportQuery) -> Result<Page<ReportRecord>, RepositoryError> {
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
    let db_backend = db.conn.get_database_backend();
    let cutoffs = if q.filters.due_for_disposal {
        crate::retention::cutoffs_now(&db.conn).await?
    } else {
        Vec::new()
    };
    let cond = filters::condition(
        &q.filters,
        db_backend,
        filters::TextPlan::FromMatches,
        &cutoffs,
    );
    let total = count_matching(&db.conn, &q.filters, cond.clone()).await?;
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
            .one(&db.conn)
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
        .all(&db.conn)
        .await
        .map_err(backend)?;
    let has_more = rows.len() as u64 > q.per_page;
    rows.truncate(usize::try_from(q.per_page).unwrap_or(usize::MAX));
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut classes = classes_of(&db.conn, &ids).await?;
    let mut tags = crate::triage::tags_of(&db.conn, &ids).await?;
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

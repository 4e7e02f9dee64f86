//! The report repository: create (with protected classes, one transaction),
//! read, list with filters/sort/paging, update with activity entries under
//! an optimistic version check.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    ports::{
        AssigneeFilter, DecideUpdate, Direction, NewOutboxEmail, Page, ReportQuery,
        ReportRepository, RepositoryError, SortField, UpdateOutcome, UpdateTarget,
    },
    protected_class::OTHER,
    report::{Report, ReportId, ReportRecord, StaffFields},
    search::{Term, TextQuery},
    staff::Activity,
    values::{PUBLIC_ID_LETTERS, PublicId},
};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, ExprTrait, IntoActiveModel,
    Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Func, NullOrdering, Query},
};

use crate::{
    Db, backend,
    entities::{activity, email_outbox, protected_class, report, report_protected_class},
    mapping::{new_row, set_staff, to_record},
};

pub(crate) fn random_suffix() -> String {
    let mut rng = rand::rng();
    (0..3)
        .map(|_| PUBLIC_ID_LETTERS[rng.random_range(0..PUBLIC_ID_LETTERS.len())] as char)
        .collect()
}

/// The sort key of a protected class on a report: form order, "Other
/// reason" last (the domain's rule, `ProtectedClassCatalog::form_choices`),
/// retired options after the active ones, then by value.
fn form_order_key(is_other: bool, form_order: Option<i32>, value: &str) -> (bool, i32, String) {
    (is_other, form_order.unwrap_or(i32::MAX), value.to_owned())
}

/// Protected-class values of the given reports, each list in form order.
async fn classes_of<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, RepositoryError> {
    let mut out: HashMap<i64, Vec<(bool, i32, String)>> = HashMap::new();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let links = report_protected_class::Entity::find()
        .filter(report_protected_class::Column::ReportId.is_in(ids.iter().copied()))
        .all(db)
        .await
        .map_err(backend)?;
    let class_ids: Vec<i32> = links.iter().map(|l| l.protected_class_id).collect();
    let classes: HashMap<i32, protected_class::Model> = protected_class::Entity::find()
        .filter(protected_class::Column::Id.is_in(class_ids))
        .all(db)
        .await
        .map_err(backend)?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    for l in links {
        if let Some(c) = classes.get(&l.protected_class_id) {
            out.entry(l.report_id).or_default().push(form_order_key(
                c.value == OTHER,
                c.form_order,
                &c.value,
            ));
        }
    }
    Ok(out
        .into_iter()
        .map(|(id, mut v)| {
            v.sort();
            (id, v.into_iter().map(|(_, _, value)| value).collect())
        })
        .collect())
}

async fn load<C: ConnectionTrait>(db: &C, id: i64) -> Result<ReportRecord, RepositoryError> {
    let row = report::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(backend)?
        .ok_or(RepositoryError::NotFound)?;
    let mut classes = classes_of(db, &[id]).await?;
    to_record(row, classes.remove(&id).unwrap_or_default())
}

/// Stores a report and its protected-class links inside the caller's
/// transaction.
pub(crate) async fn create_in<C: ConnectionTrait>(
    txn: &C,
    report: &Report,
    staff: &StaffFields,
    email: Option<NewOutboxEmail>,
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
    let classes = protected_class::Entity::find()
        .filter(protected_class::Column::Value.is_in(report.protected_classes.iter().cloned()))
        .all(txn)
        .await
        .map_err(backend)?;
    if let Some(missing) = report
        .protected_classes
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
                report_id: Set(saved.id),
                protected_class_id: Set(c.id),
            }
        }))
        .exec(txn)
        .await
        .map_err(backend)?;
    }
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
    // The stored row is what we just wrote; its classes in form order.
    let mut ordered: Vec<&protected_class::Model> = classes.iter().collect();
    ordered.sort_by_key(|c| form_order_key(c.value == OTHER, c.form_order, &c.value));
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
    async fn create(
        &self,
        report: &Report,
        staff: &StaffFields,
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, RepositoryError> {
        self.create_with_email(report, staff, None, now).await
    }

    async fn create_with_email(
        &self,
        report: &Report,
        staff: &StaffFields,
        email: Option<NewOutboxEmail>,
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let record = create_in(&txn, report, staff, email, now).await?;
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
        if q.page == 0 || q.per_page == 0 || offset.is_none() {
            return Err(RepositoryError::Invalid(
                "page and per_page start at 1, and the page must exist".into(),
            ));
        }
        use report::Column as C;
        let f = &q.filters;
        let mut cond = Condition::all();
        let values = |v: Vec<&'static str>| v.into_iter().map(str::to_owned).collect::<Vec<_>>();
        if !f.sections.is_empty() {
            cond = cond.add(
                C::AssignedSection.is_in(values(f.sections.iter().map(|s| s.value()).collect())),
            );
        }
        if !f.statuses.is_empty() {
            cond =
                cond.add(C::Status.is_in(values(f.statuses.iter().map(|s| s.value()).collect())));
        }
        if !f.primary_complaints.is_empty() {
            cond = cond.add(C::PrimaryComplaint.is_in(values(
                f.primary_complaints.iter().map(|s| s.value()).collect(),
            )));
        }
        match &f.assigned_to {
            Some(AssigneeFilter::Unassigned) => cond = cond.add(C::AssignedTo.is_null()),
            Some(AssigneeFilter::User(u)) => cond = cond.add(C::AssignedTo.eq(u.clone())),
            None => {}
        }
        if let Some(s) = &f.location_state {
            cond = cond.add(C::LocationState.eq(s.clone()));
        }
        if let Some(e) = &f.contact_email {
            cond =
                cond.add(Expr::expr(Func::lower(Expr::col(C::ContactEmail))).eq(e.to_lowercase()));
        }
        if let Some(p) = &f.public_id {
            cond = cond
                .add(C::Id.eq(p.id()))
                .add(C::PublicIdSuffix.eq(p.suffix()));
        }
        if let Some(t) = f.created_from {
            cond = cond.add(C::CreateDate.gte(t));
        }
        if let Some(t) = f.created_before {
            cond = cond.add(C::CreateDate.lt(t));
        }
        if let Some(t) = f.closed_from {
            cond = cond.add(C::ClosedDate.gte(t));
        }
        if let Some(t) = f.closed_before {
            cond = cond.add(C::ClosedDate.lt(t));
        }
        for (col, value) in [
            (C::ContactFirstName, &f.contact_first_name),
            (C::ContactLastName, &f.contact_last_name),
            (C::LocationCityTown, &f.location_city_town),
            (C::LocationName, &f.location_name),
        ] {
            if let Some(v) = value {
                cond = cond.add(contains(col, v));
            }
        }
        let db_backend = self.conn.get_database_backend();
        if let Some(d) = &f.contact_phone_digits {
            let digits: String = d.chars().filter(char::is_ascii_digit).collect();
            cond = cond.add(Expr::cust_with_values(
                format!(
                    "replace(replace(replace(replace(replace(replace(coalesce(\"report\".\"contact_phone\", ''), \
                     ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '') LIKE {}",
                    placeholder(db_backend)
                ),
                [format!("%{digits}%")],
            ));
        }
        if !f.intake_formats.is_empty() {
            cond = cond.add(
                C::IntakeFormat.is_in(values(f.intake_formats.iter().map(|s| s.value()).collect())),
            );
        }
        if let Some(s) = f.servicemember {
            cond = cond.add(C::Servicemember.eq(s.value()));
        }
        if let Some(b) = f.referred {
            cond = cond.add(C::Referred.eq(b));
        }
        if let Some(b) = f.litigation_hold {
            cond = cond.add(C::LitigationHold.eq(b));
        }
        if let Some(s) = &f.primary_statute {
            cond = cond.add(C::PrimaryStatute.eq(s.clone()));
        }
        if let Some(s) = &f.district {
            cond = cond.add(C::District.eq(s.clone()));
        }
        for (column, query) in [
            ("violation_summary", &f.violation_summary),
            ("summary", &f.summary),
        ] {
            if let Some(q) = query {
                cond = cond.add(text_match(db_backend, column, q));
            }
        }
        if !f.protected_classes.is_empty() {
            let sub = Query::select()
                .column((
                    report_protected_class::Entity,
                    report_protected_class::Column::ReportId,
                ))
                .from(report_protected_class::Entity)
                .inner_join(
                    protected_class::Entity,
                    Expr::col((protected_class::Entity, protected_class::Column::Id)).equals((
                        report_protected_class::Entity,
                        report_protected_class::Column::ProtectedClassId,
                    )),
                )
                .and_where(
                    Expr::col((protected_class::Entity, protected_class::Column::Value))
                        .is_in(f.protected_classes.iter().cloned()),
                )
                .to_owned();
            cond = cond.add(C::Id.in_subquery(sub));
        }
        let mut select = report::Entity::find().filter(cond);
        let total = select.clone().count(&self.conn).await.map_err(backend)?;
        let sort = if q.sort.is_empty() {
            vec![(SortField::CreateDate, Direction::Descending)]
        } else {
            q.sort.clone()
        };
        for (field, dir) in &sort {
            let order = if *dir == Direction::Ascending {
                Order::Asc
            } else {
                Order::Desc
            };
            // Empty values last in both directions, the same on both databases
            // (their defaults differ).
            select = select.order_by_with_nulls(sort_column(*field), order, NullOrdering::Last);
        }
        // A stable tie-break so pages never overlap.
        select = select.order_by(
            C::Id,
            if sort[0].1 == Direction::Ascending {
                Order::Asc
            } else {
                Order::Desc
            },
        );
        let rows = select
            .offset((q.page - 1).saturating_mul(q.per_page))
            .limit(q.per_page)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut classes = classes_of(&self.conn, &ids).await?;
        let items = rows
            .into_iter()
            .map(|r| {
                let c = classes.remove(&r.id).unwrap_or_default();
                to_record(r, c)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page {
            items,
            total,
            page: q.page,
            per_page: q.per_page,
        })
    }

    async fn update_staff(
        &self,
        targets: &[UpdateTarget],
        decide: &DecideUpdate,
    ) -> Result<UpdateOutcome, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let mut log_rows = Vec::new();
        let mut saved = 0;
        for target in targets {
            let id = target.id.0;
            // Take the row's write lock before reading it (see `create_in`; on
            // PostgreSQL this also serialises concurrent editors of one report).
            report::Entity::update_many()
                .col_expr(report::Column::Version, Expr::col(report::Column::Version))
                .filter(report::Column::Id.eq(id))
                .exec(&txn)
                .await
                .map_err(backend)?;
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
            let current = to_record(row.clone(), Vec::new())?;
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
        if report::Entity::find_by_id(id.0)
            .one(&self.conn)
            .await
            .map_err(backend)?
            .is_none()
        {
            return Err(RepositoryError::NotFound);
        }
        let rows = activity::Entity::find()
            .filter(activity::Column::ReportId.eq(id.0))
            .order_by_desc(activity::Column::CreatedAt)
            .order_by_desc(activity::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
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

/// The placeholder of a custom SQL fragment's one value: sea-query renumbers
/// `$1` for PostgreSQL and takes `?` for SQLite.
fn placeholder(backend: DbBackend) -> &'static str {
    if backend == DbBackend::Postgres {
        "$1"
    } else {
        "?"
    }
}

/// `LOWER(col) LIKE %value%`, with the value's own % and _ taken literally.
fn contains(col: report::Column, value: &str) -> sea_orm::sea_query::SimpleExpr {
    let escaped = value
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::expr(Func::lower(Expr::col((report::Entity, col))))
        .like(sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// A full-text condition in the database's own syntax. Terms hold only
/// letters and digits (see `crt_domain::search::words`), and the query is
/// passed as a bound value, so nothing typed reaches the SQL text.
fn text_match(backend: DbBackend, column: &str, q: &TextQuery) -> sea_orm::sea_query::SimpleExpr {
    match backend {
        DbBackend::Postgres => {
            let term = |t: &Term| {
                format!(
                    "({})",
                    t.0.iter()
                        .map(|w| format!("'{w}'"))
                        .collect::<Vec<_>>()
                        .join(" <-> ")
                )
            };
            let mut parts: Vec<String> = q
                .groups
                .iter()
                .map(|g| format!("({})", g.iter().map(term).collect::<Vec<_>>().join(" | ")))
                .collect();
            parts.extend(q.excluded.iter().map(|t| format!("!{}", term(t))));
            let column = if column == "summary" {
                "summary_tsv"
            } else {
                "violation_summary_tsv"
            };
            Expr::cust_with_values(
                format!(
                    "\"report\".\"{column}\" @@ to_tsquery('simple', {})",
                    placeholder(backend)
                ),
                [parts.join(" & ")],
            )
        }
        _ => {
            let term = |t: &Term| format!("{column} : \"{}\"", t.0.join(" "));
            let positive = q
                .groups
                .iter()
                .map(|g| format!("({})", g.iter().map(term).collect::<Vec<_>>().join(" OR ")))
                .collect::<Vec<_>>()
                .join(" AND ");
            let query = if q.excluded.is_empty() {
                positive
            } else {
                format!(
                    "({positive}) NOT ({})",
                    q.excluded.iter().map(term).collect::<Vec<_>>().join(" OR ")
                )
            };
            Expr::cust_with_values(
                "\"report\".\"id\" IN (SELECT rowid FROM report_fts WHERE report_fts MATCH ?)",
                [query],
            )
        }
    }
}

//! The report repository: create (with protected classes, one transaction),
//! read, list with filters/sort/paging, update with activity entries under
//! an optimistic version check.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    ports::{
        DecideUpdate, NewOutboxEmail, Page, ReportQuery, ReportRepository, RepositoryError,
        UpdateOutcome, UpdateTarget,
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
    ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Func, Query},
};

mod count;
mod list;
pub(crate) use count::bounded_count;

use crate::{
    Db, backend,
    entities::{activity, email_outbox, protected_class, report, report_protected_class},
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
        list::list(self, q).await
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
        Ok(
            crate::count_per_key(&self.conn, report::Entity::find(), lower(), wanted)
                .await?
                .into_iter()
                .collect(),
        )
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

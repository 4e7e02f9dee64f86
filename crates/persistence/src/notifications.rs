//! Notifications' state (`NotificationRepository`): people's choices, the
//! sender's place in the activity log (`notification_cursor`) and each
//! digest's place (`notification_subscription`). A place moves only from
//! the value read, in the transaction that queues its mail, so two senders
//! never queue the same notice; each mail's outbox key is unique as well.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use crt_domain::{
    email::{EmailPurpose, EmailStatus},
    notifications::{ASSIGNED, Assignment, Frequency, NoticeMail, Recipient},
    ports::{
        AssignmentBatch, DigestChoice, DigestStep, NotificationChoices, NotificationRepository,
        RepositoryError, Subscription,
    },
    report::ReportId,
    values::{Email, PublicId},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait, sea_query::OnConflict,
};

use crate::{
    Db, backend,
    entities::{
        activity, app_user, email_outbox, notification_cursor, notification_subscription, report,
        saved_search,
    },
};

/// The sender's place in the activity log.
const ASSIGNED_CURSOR: &str = "assigned";

#[derive(FromQueryResult)]
struct IdOnly {
    id: i64,
}

/// The newest id of `entity` whose `at` column is before `before`.
async fn newest_before<E, C>(
    conn: &impl ConnectionTrait,
    id: C,
    at: C,
    before: DateTime<Utc>,
) -> Result<i64, RepositoryError>
where
    E: EntityTrait,
    C: ColumnTrait,
{
    Ok(E::find()
        .select_only()
        .column_as(id, "id")
        .filter(at.lt(before))
        .order_by_desc(id)
        .limit(1)
        .into_model::<IdOnly>()
        .one(conn)
        .await
        .map_err(backend)?
        .map_or(0, |r| r.id))
}

fn frequency(m: &notification_subscription::Model) -> Result<Frequency, RepositoryError> {
    let threshold = m.threshold.map(|t| t.to_string());
    Frequency::parse(&m.frequency, threshold.as_deref())
        .map_err(|e| RepositoryError::Corrupt(format!("notification_subscription {}: {e}", m.id)))
}

/// Queues notices in the outbox (a key already there is left alone).
async fn queue(
    txn: &impl ConnectionTrait,
    mails: &[NoticeMail],
    now: DateTime<Utc>,
) -> Result<(), RepositoryError> {
    for m in mails {
        email_outbox::Entity::insert(email_outbox::ActiveModel {
            report_id: Set(None),
            recipient: Set(m.recipient.as_str().to_owned()),
            purpose: Set(EmailPurpose::Internal.to_string()),
            template: Set(m.template.clone()),
            subject: Set(Some(m.subject.clone())),
            body: Set(Some(m.body.clone())),
            request_key: Set(Some(m.key.clone())),
            status: Set(EmailStatus::New.to_string()),
            attempts: Set(0),
            interrupted: Set(0),
            created_at: Set(now),
            next_attempt_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::column(email_outbox::Column::RequestKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await
        .map_err(backend)?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl NotificationRepository for Db {
    async fn recipients(&self, usernames: &[String]) -> Result<Vec<Recipient>, RepositoryError> {
        let mut out = Vec::with_capacity(usernames.len());
        for chunk in usernames.chunks(500) {
            let rows = app_user::Entity::find()
                .filter(app_user::Column::Username.is_in(chunk.to_vec()))
                .all(&self.conn)
                .await
                .map_err(backend)?;
            out.extend(rows.into_iter().map(|m| Recipient {
                email: m.email.as_deref().and_then(|e| Email::parse(e).ok()),
                notify_assigned: m.notify_assigned,
                can_sign_in: m.is_active && m.portal_access,
                section: m.section.as_deref().and_then(|s| s.parse().ok()),
                username: m.username,
            }));
        }
        Ok(out)
    }

    async fn assignments(
        &self,
        limit: u64,
        before: DateTime<Utc>,
    ) -> Result<AssignmentBatch, RepositoryError> {
        let settled = newest_before::<activity::Entity, _>(
            &self.conn,
            activity::Column::Id,
            activity::Column::CreatedAt,
            before,
        )
        .await?;
        let Some(cursor) = notification_cursor::Entity::find_by_id(ASSIGNED_CURSOR.to_owned())
            .one(&self.conn)
            .await
            .map_err(backend)?
        else {
            // A new database, or one upgraded: start at the log's end.
            notification_cursor::Entity::insert(notification_cursor::ActiveModel {
                name: Set(ASSIGNED_CURSOR.to_owned()),
                position: Set(settled),
            })
            .on_conflict(
                OnConflict::column(notification_cursor::Column::Name)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&self.conn)
            .await
            .map_err(backend)?;
            return Ok(AssignmentBatch {
                after: settled,
                up_to: settled,
                assignments: Vec::new(),
            });
        };
        let after = cursor.position;
        let rows = activity::Entity::find()
            .filter(activity::Column::Id.gt(after))
            .filter(activity::Column::Id.lte(settled))
            .filter(activity::Column::Verb.eq(ASSIGNED))
            .filter(activity::Column::NewValue.is_not_null())
            .order_by_asc(activity::Column::Id)
            .limit(limit)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let up_to = match rows.last() {
            Some(last) if rows.len() as u64 == limit => last.id,
            _ => settled.max(after),
        };
        let ids: Vec<i64> = rows.iter().map(|r| r.report_id).collect();
        let mut public: BTreeMap<i64, PublicId> = BTreeMap::new();
        for chunk in ids.chunks(500) {
            for r in report::Entity::find()
                .filter(report::Column::Id.is_in(chunk.to_vec()))
                .all(&self.conn)
                .await
                .map_err(backend)?
            {
                if let Ok(p) = PublicId::from_parts(r.id, &r.public_id_suffix) {
                    public.insert(r.id, p);
                }
            }
        }
        let assignments = rows
            .into_iter()
            .filter_map(|r| {
                // A report disposed of since has nothing to announce.
                let public_id = public.get(&r.report_id)?.clone();
                Some(Assignment {
                    activity_id: r.id,
                    report_id: ReportId(r.report_id),
                    public_id,
                    assignee: r.new_value.filter(|v| !v.trim().is_empty())?,
                    actor: r.actor,
                    at: r.created_at,
                })
            })
            .collect();
        Ok(AssignmentBatch {
            after,
            up_to,
            assignments,
        })
    }

    async fn queue_assignment_notices(
        &self,
        after: i64,
        up_to: i64,
        mails: &[NoticeMail],
        now: DateTime<Utc>,
    ) -> Result<bool, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let moved = notification_cursor::Entity::update_many()
            .set(notification_cursor::ActiveModel {
                position: Set(up_to),
                ..Default::default()
            })
            .filter(notification_cursor::Column::Name.eq(ASSIGNED_CURSOR))
            .filter(notification_cursor::Column::Position.eq(after))
            .exec(&txn)
            .await
            .map_err(backend)?;
        if moved.rows_affected != 1 {
            txn.rollback().await.map_err(backend)?;
            return Ok(false);
        }
        queue(&txn, mails, now).await?;
        txn.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn settled_report_id(&self, before: DateTime<Utc>) -> Result<i64, RepositoryError> {
        newest_before::<report::Entity, _>(
            &self.conn,
            report::Column::Id,
            report::Column::CreateDate,
            before,
        )
        .await
    }

    async fn subscriptions(&self) -> Result<Vec<Subscription>, RepositoryError> {
        let subs = notification_subscription::Entity::find()
            .order_by_asc(notification_subscription::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let mut ids: Vec<i64> = subs.iter().map(|s| s.search_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut searches = BTreeMap::new();
        for chunk in ids.chunks(500) {
            for m in saved_search::Entity::find()
                .filter(saved_search::Column::Id.is_in(chunk.to_vec()))
                .all(&self.conn)
                .await
                .map_err(backend)?
            {
                let id = m.id;
                match crate::saved_searches::to_domain(m) {
                    Ok(s) => {
                        searches.insert(id, s);
                    }
                    // One unreadable search does not hold back the rest.
                    Err(e) => {
                        tracing::warn!(error = %e, "a saved search is skipped by the digests")
                    }
                }
            }
        }
        Ok(subs
            .into_iter()
            .filter_map(|m| {
                let search = searches.get(&m.search_id)?.clone();
                let frequency = frequency(&m)
                    .map_err(|e| tracing::warn!(error = %e, "a digest is skipped"))
                    .ok()?;
                Some(Subscription {
                    id: m.id,
                    search,
                    username: m.username,
                    frequency,
                    last_report_id: m.last_report_id,
                    last_period: m.last_period,
                    last_sent_at: m.last_sent_at,
                })
            })
            .collect())
    }

    async fn advance_digest(
        &self,
        id: i64,
        step: &DigestStep,
        mail: Option<&NoticeMail>,
        now: DateTime<Utc>,
    ) -> Result<bool, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let mut am = notification_subscription::ActiveModel {
            last_report_id: Set(step.to_report_id),
            last_period: Set(step.period.clone()),
            ..Default::default()
        };
        if mail.is_some() {
            am.last_sent_at = Set(Some(now));
        }
        let moved = notification_subscription::Entity::update_many()
            .set(am)
            .filter(notification_subscription::Column::Id.eq(id))
            .filter(notification_subscription::Column::LastReportId.eq(step.from_report_id))
            .exec(&txn)
            .await
            .map_err(backend)?;
        if moved.rows_affected != 1 {
            txn.rollback().await.map_err(backend)?;
            return Ok(false);
        }
        if let Some(mail) = mail {
            queue(&txn, std::slice::from_ref(mail), now).await?;
        }
        txn.commit().await.map_err(backend)?;
        Ok(true)
    }

    async fn notification_choices(
        &self,
        username: &str,
    ) -> Result<NotificationChoices, RepositoryError> {
        let user = app_user::Entity::find()
            .filter(app_user::Column::Username.eq(username))
            .one(&self.conn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?;
        let digests = notification_subscription::Entity::find()
            .filter(notification_subscription::Column::Username.eq(username))
            .order_by_asc(notification_subscription::Column::SearchId)
            .all(&self.conn)
            .await
            .map_err(backend)?
            .iter()
            .map(|m| Ok((m.search_id, frequency(m)?)))
            .collect::<Result<_, RepositoryError>>()?;
        Ok(NotificationChoices {
            assigned: user.notify_assigned,
            digests,
        })
    }

    async fn set_notification_choices(
        &self,
        username: &str,
        assigned: bool,
        digests: &[DigestChoice],
        start_after: i64,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError> {
        let txn = self.conn.begin().await.map_err(backend)?;
        let r = app_user::Entity::update_many()
            .set(app_user::ActiveModel {
                notify_assigned: Set(assigned),
                ..Default::default()
            })
            .filter(app_user::Column::Username.eq(username))
            .exec(&txn)
            .await
            .map_err(backend)?;
        if r.rows_affected == 0 {
            txn.rollback().await.map_err(backend)?;
            return Err(RepositoryError::NotFound);
        }
        for (search_id, choice) in digests {
            let mine = sea_orm::Condition::all()
                .add(notification_subscription::Column::SearchId.eq(*search_id))
                .add(notification_subscription::Column::Username.eq(username));
            let Some((f, period)) = choice else {
                notification_subscription::Entity::delete_many()
                    .filter(mine.clone())
                    .exec(&txn)
                    .await
                    .map_err(backend)?;
                continue;
            };
            let code = f.code().to_owned();
            let threshold = f.threshold().map(|n| i32::try_from(n).unwrap_or(i32::MAX));
            let existing = notification_subscription::Entity::find()
                .filter(mine.clone())
                .one(&txn)
                .await
                .map_err(backend)?;
            match existing {
                Some(m) if m.frequency == code && m.threshold == threshold => {}
                Some(m) => {
                    notification_subscription::Entity::update_many()
                        .set(notification_subscription::ActiveModel {
                            frequency: Set(code),
                            threshold: Set(threshold),
                            last_period: Set(period.clone()),
                            ..Default::default()
                        })
                        .filter(notification_subscription::Column::Id.eq(m.id))
                        .exec(&txn)
                        .await
                        .map_err(backend)?;
                }
                None => {
                    // Two saves at once: the other one's row stands.
                    notification_subscription::Entity::insert(
                        notification_subscription::ActiveModel {
                            search_id: Set(*search_id),
                            username: Set(username.to_owned()),
                            frequency: Set(code),
                            threshold: Set(threshold),
                            last_report_id: Set(start_after),
                            last_period: Set(period.clone()),
                            last_sent_at: Set(None),
                            created_at: Set(now),
                            ..Default::default()
                        },
                    )
                    .on_conflict(
                        OnConflict::columns([
                            notification_subscription::Column::SearchId,
                            notification_subscription::Column::Username,
                        ])
                        .do_nothing()
                        .to_owned(),
                    )
                    .exec_without_returning(&txn)
                    .await
                    .map_err(backend)?;
                }
            }
        }
        txn.commit().await.map_err(backend)?;
        Ok(())
    }
}

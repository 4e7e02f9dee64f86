//! Wizard drafts: load, save under a version check, submit as a report in
//! one transaction (exactly once), purge expired ones.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    draft::Draft,
    ports::{DraftError, DraftRepository, NewOutboxEmail, RepositoryError},
    report::{Report, ReportRecord, StaffFields},
    validation::Answers,
    values::PublicId,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter,
    TransactionTrait,
};

use crate::{
    Db, backend,
    entities::{email_outbox, report_draft},
    reports::create_in,
};

fn corrupt(e: impl std::fmt::Display) -> DraftError {
    DraftError::Repository(RepositoryError::Corrupt(format!("draft: {e}")))
}

fn db_err(e: sea_orm::DbErr) -> DraftError {
    DraftError::Repository(backend(e))
}

fn to_draft(m: report_draft::Model) -> Result<Draft, DraftError> {
    let answers: Answers = serde_json::from_str(&m.answers).map_err(corrupt)?;
    let submitted = m
        .submitted_public_id
        .as_deref()
        .map(PublicId::parse)
        .transpose()
        .map_err(corrupt)?;
    Ok(Draft {
        answers,
        current_step: m.current_step,
        furthest_step: m.furthest_step,
        version: m.version,
        submitted,
    })
}

/// Why a guarded draft update touched no row.
async fn explain<C: sea_orm::ConnectionTrait>(db: &C, key: &str) -> DraftError {
    match report_draft::Entity::find_by_id(key.to_owned())
        .one(db)
        .await
    {
        Ok(Some(row)) => match row.submitted_public_id.as_deref().map(PublicId::parse) {
            Some(Ok(id)) => DraftError::AlreadySubmitted(id),
            _ => DraftError::Conflict,
        },
        Ok(None) => DraftError::Conflict,
        Err(e) => db_err(e),
    }
}

#[async_trait]
impl DraftRepository for Db {
    async fn load_draft(&self, key: &str, now: DateTime<Utc>) -> Result<Option<Draft>, DraftError> {
        let row = report_draft::Entity::find_by_id(key.to_owned())
            .filter(report_draft::Column::ExpiresAt.gt(now))
            .one(&self.conn)
            .await
            .map_err(db_err)?;
        row.map(to_draft).transpose()
    }

    async fn save_draft(
        &self,
        key: &str,
        draft: &Draft,
        now: DateTime<Utc>,
        ttl: chrono::Duration,
    ) -> Result<i32, DraftError> {
        let answers = serde_json::to_string(&draft.answers).map_err(corrupt)?;
        let next = draft.version + 1;
        if draft.version == 0 {
            let txn = self.conn.begin().await.map_err(db_err)?;
            // A new draft replaces an expired or submitted one of the same session.
            report_draft::Entity::delete_many()
                .filter(report_draft::Column::SessionKey.eq(key))
                .filter(
                    Condition::any()
                        .add(report_draft::Column::ExpiresAt.lte(now))
                        .add(report_draft::Column::SubmittedPublicId.is_not_null()),
                )
                .exec(&txn)
                .await
                .map_err(db_err)?;
            let row = report_draft::ActiveModel {
                session_key: Set(key.to_owned()),
                answers: Set(answers),
                current_step: Set(draft.current_step.clone()),
                furthest_step: Set(draft.furthest_step.clone()),
                version: Set(next),
                submitted_public_id: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                expires_at: Set(now + ttl),
            };
            match row.insert(&txn).await {
                Ok(_) => {}
                // Another request of this session created it first.
                Err(e) if matches!(backend(e.clone()), RepositoryError::Duplicate(_)) => {
                    return Err(DraftError::Conflict);
                }
                Err(e) => return Err(db_err(e)),
            }
            txn.commit().await.map_err(db_err)?;
            return Ok(next);
        }
        let result = report_draft::Entity::update_many()
            .set(report_draft::ActiveModel {
                answers: Set(answers),
                current_step: Set(draft.current_step.clone()),
                furthest_step: Set(draft.furthest_step.clone()),
                version: Set(next),
                updated_at: Set(now),
                expires_at: Set(now + ttl),
                ..Default::default()
            })
            .filter(report_draft::Column::SessionKey.eq(key))
            .filter(report_draft::Column::Version.eq(draft.version))
            .filter(report_draft::Column::SubmittedPublicId.is_null())
            .exec(&self.conn)
            .await
            .map_err(db_err)?;
        if result.rows_affected == 1 {
            Ok(next)
        } else {
            Err(explain(&self.conn, key).await)
        }
    }

    async fn submit_draft(
        &self,
        key: &str,
        expected_version: i32,
        report: &Report,
        staff: &StaffFields,
        email: Option<NewOutboxEmail>,
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, DraftError> {
        let txn = self.conn.begin().await.map_err(db_err)?;
        // Claim the draft first: a concurrent submission of the same draft
        // waits on this row and then finds the version moved on.
        let claimed = report_draft::Entity::update_many()
            .set(report_draft::ActiveModel {
                version: Set(expected_version + 1),
                submitted_public_id: Set(Some("pending".into())),
                updated_at: Set(now),
                ..Default::default()
            })
            .filter(report_draft::Column::SessionKey.eq(key))
            .filter(report_draft::Column::Version.eq(expected_version))
            .filter(report_draft::Column::SubmittedPublicId.is_null())
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if claimed.rows_affected != 1 {
            drop(txn);
            return Err(explain(&self.conn, key).await);
        }
        let record = create_in(&txn, report, staff, now).await?;
        if let Some(mail) = email {
            email_outbox::ActiveModel {
                report_id: Set(Some(record.id.0)),
                recipient: Set(mail.recipient.as_str().to_owned()),
                purpose: Set(mail.purpose),
                template: Set(mail.template),
                status: Set("new".into()),
                attempts: Set(0),
                created_at: Set(now),
                next_attempt_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(db_err)?;
        }
        // What the person typed is now in the report: clear the draft.
        report_draft::Entity::update_many()
            .set(report_draft::ActiveModel {
                answers: Set("{}".into()),
                submitted_public_id: Set(Some(record.public_id.to_string())),
                ..Default::default()
            })
            .filter(report_draft::Column::SessionKey.eq(key))
            .exec(&txn)
            .await
            .map_err(db_err)?;
        txn.commit().await.map_err(db_err)?;
        Ok(record)
    }

    async fn purge_expired_drafts(&self, now: DateTime<Utc>) -> Result<u64, DraftError> {
        let r = report_draft::Entity::delete_many()
            .filter(report_draft::Column::ExpiresAt.lte(now))
            .exec(&self.conn)
            .await
            .map_err(db_err)?;
        Ok(r.rows_affected)
    }
}

//! Wizard drafts: load, save under a version check, submit as a report in
//! one transaction (exactly once), purge expired ones.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    draft::{Draft, Rekey},
    ports::{DraftError, DraftRepository, NewOutboxEmail, RepositoryError},
    report::{Report, ReportRecord, StaffFields},
    validation::Answers,
    values::PublicId,
};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, EntityTrait, ExprTrait, QueryFilter,
    sea_query::{Expr, OnConflict},
};

use crate::{Db, backend, entities::report_draft, reports::create_in};

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
            // One statement: insert, or replace an expired or submitted draft
            // of the same session; a live one is left alone (conflict).
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
            use report_draft::Column as C;
            let on_conflict = OnConflict::column(C::SessionKey)
                .update_columns([
                    C::Answers,
                    C::CurrentStep,
                    C::FurthestStep,
                    C::Version,
                    C::SubmittedPublicId,
                    C::CreatedAt,
                    C::UpdatedAt,
                    C::ExpiresAt,
                ])
                .action_and_where(
                    Expr::col((report_draft::Entity, C::ExpiresAt))
                        .lte(now)
                        .or(Expr::col((report_draft::Entity, C::SubmittedPublicId)).is_not_null()),
                )
                .to_owned();
            let affected = report_draft::Entity::insert(row)
                .on_conflict(on_conflict)
                .exec_without_returning(&self.conn)
                .await
                .map_err(db_err)?;
            return if affected == 1 {
                Ok(next)
            } else {
                Err(DraftError::Conflict)
            };
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
        rekey: &Rekey,
        report: &Report,
        staff: &StaffFields,
        email: Option<NewOutboxEmail>,
        now: DateTime<Utc>,
    ) -> Result<ReportRecord, DraftError> {
        let txn = self.begin_write().await.map_err(db_err)?;
        let record = create_in(&txn, report, staff, email, &[], now).await?;
        // Mark the draft submitted (and clear what was typed: it is in the
        // report now) only if nobody else did. A concurrent submission of
        // the same draft waits on this row, then finds the version moved on
        // and rolls back its report.
        let marked = report_draft::Entity::update_many()
            .set(report_draft::ActiveModel {
                answers: Set("{}".into()),
                version: Set(expected_version + 1),
                submitted_public_id: Set(Some(record.public_id.to_string())),
                updated_at: Set(now),
                expires_at: Set(rekey.old_expires),
                ..Default::default()
            })
            .filter(report_draft::Column::SessionKey.eq(key))
            .filter(report_draft::Column::Version.eq(expected_version))
            .filter(report_draft::Column::SubmittedPublicId.is_null())
            .exec(&txn)
            .await
            .map_err(db_err)?;
        if marked.rows_affected != 1 {
            txn.rollback().await.map_err(db_err)?;
            return Err(explain(&self.conn, key).await);
        }
        if rekey.to != key {
            // The browser's new session shows the confirmation from now on.
            report_draft::Entity::insert(report_draft::ActiveModel {
                session_key: Set(rekey.to.clone()),
                answers: Set("{}".into()),
                current_step: Set("review".into()),
                furthest_step: Set("review".into()),
                version: Set(1),
                submitted_public_id: Set(Some(record.public_id.to_string())),
                created_at: Set(now),
                updated_at: Set(now),
                expires_at: Set(rekey.new_expires),
            })
            .exec_without_returning(&txn)
            .await
            .map_err(db_err)?;
        }
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

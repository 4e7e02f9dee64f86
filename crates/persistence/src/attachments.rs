//! The attachments table (`AttachmentRepository`): each change written with
//! its activity entry in one transaction.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    attachments::{Attachment, AttachmentId},
    ports::{AttachmentRepository, NewAttachment, RepositoryError},
    report::ReportId,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::{
    Db, backend,
    entities::{activity, attachment, report},
};

fn to_domain(m: attachment::Model) -> Attachment {
    Attachment {
        id: AttachmentId(m.id),
        report_id: ReportId(m.report_id),
        object_key: m.object_key,
        file_name: m.file_name,
        content_type: m.content_type,
        size: u64::try_from(m.size).unwrap_or(0),
        sha256: m.sha256,
        uploaded_by: m.uploaded_by,
        uploaded_at: m.uploaded_at,
        removed_at: m.removed_at,
        removed_by: m.removed_by,
    }
}

fn entry(
    report: i64,
    actor: &str,
    verb: &str,
    what: &Attachment,
    at: DateTime<Utc>,
) -> activity::ActiveModel {
    activity::ActiveModel {
        report_id: Set(report),
        actor: Set(actor.to_owned()),
        verb: Set(verb.to_owned()),
        old_value: Set(None),
        new_value: Set(Some(format!(
            "{} ({}, {})",
            what.file_name,
            crt_domain::attachments::human_size(what.size),
            what.content_type
        ))),
        created_at: Set(at),
        ..Default::default()
    }
}

#[async_trait]
impl AttachmentRepository for Db {
    async fn add_attachment(
        &self,
        new: &NewAttachment,
        now: DateTime<Utc>,
    ) -> Result<Attachment, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        // The report's write lock, as disposal takes it: a file is never
        // recorded for a report disposed of meanwhile.
        crate::lock_report(&txn, new.report_id.0).await?;
        let disposed = report::Entity::find_by_id(new.report_id.0)
            .select_only()
            .column(report::Column::DisposedAt)
            .into_tuple::<Option<DateTime<Utc>>>()
            .one(&txn)
            .await
            .map_err(backend)?;
        match disposed {
            None => return Err(RepositoryError::NotFound),
            Some(Some(_)) => {
                return Err(RepositoryError::Invalid(
                    "the report was disposed of under its retention schedule".into(),
                ));
            }
            Some(None) => {}
        }
        let row = attachment::ActiveModel {
            report_id: Set(new.report_id.0),
            object_key: Set(new.object_key.clone()),
            file_name: Set(new.file_name.clone()),
            content_type: Set(new.content_type.clone()),
            size: Set(i64::try_from(new.size).unwrap_or(i64::MAX)),
            sha256: Set(new.sha256.clone()),
            uploaded_by: Set(new.uploaded_by.clone()),
            uploaded_at: Set(now),
            removed_at: Set(None),
            removed_by: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(backend)?;
        let a = to_domain(row);
        entry(new.report_id.0, &new.uploaded_by, "Attached file:", &a, now)
            .insert(&txn)
            .await
            .map_err(backend)?;
        txn.commit().await.map_err(backend)?;
        Ok(a)
    }

    async fn attachments_of(&self, report: ReportId) -> Result<Vec<Attachment>, RepositoryError> {
        Ok(attachment::Entity::find()
            .filter(attachment::Column::ReportId.eq(report.0))
            .order_by_asc(attachment::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?
            .into_iter()
            .map(to_domain)
            .collect())
    }

    async fn attachment(&self, id: AttachmentId) -> Result<Attachment, RepositoryError> {
        attachment::Entity::find_by_id(id.0)
            .one(&self.conn)
            .await
            .map_err(backend)?
            .map(to_domain)
            .ok_or(RepositoryError::NotFound)
    }

    async fn remove_attachment(
        &self,
        id: AttachmentId,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Attachment, RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let row = attachment::Entity::find_by_id(id.0)
            .one(&txn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?;
        if row.removed_at.is_some() {
            return Ok(to_domain(row));
        }
        let report_id = row.report_id;
        let mut am: attachment::ActiveModel = row.into();
        am.removed_at = Set(Some(now));
        am.removed_by = Set(Some(actor.to_owned()));
        let a = to_domain(am.update(&txn).await.map_err(backend)?);
        entry(report_id, actor, "Removed attachment:", &a, now)
            .insert(&txn)
            .await
            .map_err(backend)?;
        txn.commit().await.map_err(backend)?;
        Ok(a)
    }

    async fn log_attachment_download(
        &self,
        a: &Attachment,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError> {
        entry(a.report_id.0, actor, "Downloaded attachment:", a, now)
            .insert(&self.conn)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn all_attachments(&self) -> Result<Vec<Attachment>, RepositoryError> {
        // Those of disposed reports whose bytes were deleted are gone for good.
        Ok(attachment::Entity::find()
            .filter(attachment::Column::PurgedAt.is_null())
            .order_by_asc(attachment::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?
            .into_iter()
            .map(to_domain)
            .collect())
    }

    async fn attachment_counts(
        &self,
        reports: &[ReportId],
    ) -> Result<HashMap<ReportId, u64>, RepositoryError> {
        if reports.is_empty() {
            return Ok(HashMap::new());
        }
        let live = attachment::Entity::find().filter(attachment::Column::RemovedAt.is_null());
        let key = sea_orm::sea_query::Expr::col((attachment::Entity, attachment::Column::ReportId));
        Ok(
            crate::count_per_key(&self.conn, live, key, reports.iter().map(|r| r.0))
                .await?
                .into_iter()
                .map(|(r, n)| (ReportId(r), n))
                .collect(),
        )
    }
}

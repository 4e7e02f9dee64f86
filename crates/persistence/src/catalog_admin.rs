//! Applying operators' protected-class changes: one transaction per change,
//! with report re-linking for merges and an audit entry (the port
//! `CatalogAdminRepository` of the `ChangeCatalog` service), and the audit
//! trail.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use crt_domain::{
    catalog_change::CatalogPlan, ports::RepositoryError, service::CatalogAdminRepository,
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, EntityTrait, ExprTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Query},
};

use crate::{
    Db, backend,
    entities::{
        protected_class, protected_class_audit, protected_class_label, report_protected_class,
    },
};

/// One line of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogAuditEntry {
    /// Who ran the command.
    pub actor: String,
    /// add, rename, reorder, retire, restore, merge.
    pub action: String,
    /// What changed.
    pub detail: String,
    /// When.
    pub at: DateTime<Utc>,
}

#[async_trait::async_trait]
impl CatalogAdminRepository for Db {
    /// How many reports carry each protected-class value.
    ///
    /// Errors: `Backend`.
    async fn protected_class_report_counts(&self) -> Result<HashMap<String, u64>, RepositoryError> {
        let classes = protected_class::Entity::find()
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let rows: Vec<(i32, i64)> = report_protected_class::Entity::find()
            .select_only()
            .column(report_protected_class::Column::ProtectedClassId)
            .column_as(report_protected_class::Column::ReportId.count(), "n")
            .group_by(report_protected_class::Column::ProtectedClassId)
            .into_tuple()
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(classes
            .into_iter()
            .map(|c| {
                let n = rows
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map_or(0, |(_, n)| *n);
                (c.value, u64::try_from(n).unwrap_or(0))
            })
            .collect())
    }

    /// Applies a planned change in one transaction: inserts, updates and
    /// deletes rows to match `plan.options`; for a merge, first re-links the
    /// duplicate's reports to the kept option (once per report). Records the
    /// change in the audit trail.
    ///
    /// Errors: `Invalid` if the plan deletes an option that is not merged
    /// away; `Duplicate` for a taken code; `Backend`.
    async fn apply_catalog_plan(
        &self,
        plan: &CatalogPlan,
        merge: Option<(&str, &str)>,
        actor: &str,
        action: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let rows = protected_class::Entity::find()
            .all(&txn)
            .await
            .map_err(backend)?;
        let id_of = |v: &str| rows.iter().find(|r| r.value == v).map(|r| r.id);
        if let Some((dup, into)) = merge {
            let (Some(dup_id), Some(into_id)) = (id_of(dup), id_of(into)) else {
                return Err(RepositoryError::Invalid("merge: unknown option".into()));
            };
            // Reports that already have the kept option just lose the duplicate.
            let has_kept = Query::select()
                .column(report_protected_class::Column::ReportId)
                .from(report_protected_class::Entity)
                .and_where(Expr::col(report_protected_class::Column::ProtectedClassId).eq(into_id))
                .to_owned();
            report_protected_class::Entity::delete_many()
                .filter(report_protected_class::Column::ProtectedClassId.eq(dup_id))
                .filter(report_protected_class::Column::ReportId.in_subquery(has_kept))
                .exec(&txn)
                .await
                .map_err(backend)?;
            report_protected_class::Entity::update_many()
                .col_expr(
                    report_protected_class::Column::ProtectedClassId,
                    Expr::value(into_id),
                )
                .filter(report_protected_class::Column::ProtectedClassId.eq(dup_id))
                .exec(&txn)
                .await
                .map_err(backend)?;
        }
        // Positions first go out of the way so no two active options ever
        // share one mid-change (there is no unique index, but be tidy).
        for row in &rows {
            match plan.options.iter().find(|o| o.value == row.value) {
                Some(o) => {
                    if (o.code.as_str(), o.label.as_str(), o.form_order)
                        != (row.code.as_str(), row.label.as_str(), row.form_order)
                    {
                        let mut am: protected_class::ActiveModel = row.clone().into();
                        am.code = Set(o.code.clone());
                        am.label = Set(o.label.clone());
                        am.form_order = Set(o.form_order);
                        am.update(&txn).await.map_err(backend)?;
                    }
                }
                None => {
                    if merge.map(|(d, _)| d) != Some(row.value.as_str()) {
                        return Err(RepositoryError::Invalid(format!(
                            "{} would be deleted without a merge",
                            row.value
                        )));
                    }
                    let left = report_protected_class::Entity::find()
                        .filter(report_protected_class::Column::ProtectedClassId.eq(row.id))
                        .count(&txn)
                        .await
                        .map_err(backend)?;
                    if left > 0 {
                        return Err(RepositoryError::Invalid(format!(
                            "{} still has {left} reports",
                            row.value
                        )));
                    }
                    protected_class_label::Entity::delete_many()
                        .filter(protected_class_label::Column::ProtectedClassId.eq(row.id))
                        .exec(&txn)
                        .await
                        .map_err(backend)?;
                    protected_class::Entity::delete_by_id(row.id)
                        .exec(&txn)
                        .await
                        .map_err(backend)?;
                }
            }
        }
        for o in plan.options.iter().filter(|o| id_of(&o.value).is_none()) {
            protected_class::ActiveModel {
                value: Set(o.value.clone()),
                code: Set(o.code.clone()),
                label: Set(o.label.clone()),
                form_order: Set(o.form_order),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(backend)?;
        }
        protected_class_audit::ActiveModel {
            actor: Set(actor.to_owned()),
            action: Set(action.to_owned()),
            detail: Set(plan.lines.join("; ")),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(backend)?;
        txn.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn set_class_label(
        &self,
        value: &str,
        language: &str,
        label: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        let Some(row) = protected_class::Entity::find()
            .filter(protected_class::Column::Value.eq(value))
            .one(&txn)
            .await
            .map_err(backend)?
        else {
            return Err(RepositoryError::NotFound);
        };
        let key = (row.id, language.to_owned());
        let old = protected_class_label::Entity::find_by_id(key.clone())
            .one(&txn)
            .await
            .map_err(backend)?;
        let detail = match &old {
            Some(o) => format!("{value} in {language}: {:?} -> {label:?}", o.label),
            None => format!("{value} in {language}: {label:?}"),
        };
        match old {
            Some(o) => {
                let mut am: protected_class_label::ActiveModel = o.into();
                am.label = Set(label.to_owned());
                am.update(&txn).await.map_err(backend)?;
            }
            None => {
                protected_class_label::ActiveModel {
                    protected_class_id: Set(key.0),
                    language: Set(key.1),
                    label: Set(label.to_owned()),
                }
                .insert(&txn)
                .await
                .map_err(backend)?;
            }
        }
        protected_class_audit::ActiveModel {
            actor: Set(actor.to_owned()),
            action: Set("translate".to_owned()),
            detail: Set(detail),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(backend)?;
        txn.commit().await.map_err(backend)?;
        Ok(())
    }
}

impl Db {
    /// The audit trail, newest first.
    ///
    /// Errors: `Backend`.
    pub async fn protected_class_history(&self) -> Result<Vec<CatalogAuditEntry>, RepositoryError> {
        Ok(protected_class_audit::Entity::find()
            .order_by_desc(protected_class_audit::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?
            .into_iter()
            .map(|r| CatalogAuditEntry {
                actor: r.actor,
                action: r.action,
                detail: r.detail,
                at: r.created_at,
            })
            .collect())
    }
}

//! The protected-class catalog, read from its table.

use async_trait::async_trait;
use crt_domain::{
    ports::{ProtectedClassRepository, RepositoryError},
    protected_class::{ClassLabel, ProtectedClassCatalog, ProtectedClassOption},
};
use sea_orm::{EntityTrait, QueryOrder};

use crate::{
    Db, backend,
    entities::{protected_class, protected_class_label},
};

#[async_trait]
impl ProtectedClassRepository for Db {
    async fn catalog(&self) -> Result<ProtectedClassCatalog, RepositoryError> {
        let rows = protected_class::Entity::find()
            .order_by_asc(protected_class::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let labels = protected_class_label::Entity::find()
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let value_of = |id: i32| rows.iter().find(|r| r.id == id).map(|r| r.value.clone());
        let labels: Vec<ClassLabel> = labels
            .into_iter()
            .filter_map(|l| {
                Some(ClassLabel {
                    value: value_of(l.protected_class_id)?,
                    language: l.language,
                    label: l.label,
                })
            })
            .collect();
        let options = rows
            .into_iter()
            .map(|r| ProtectedClassOption {
                value: r.value,
                code: r.code,
                label: r.label,
                form_order: r.form_order,
            })
            .collect();
        ProtectedClassCatalog::new(options)
            .map(|c| c.with_labels(labels))
            .map_err(|e| RepositoryError::Corrupt(e.to_string()))
    }
}

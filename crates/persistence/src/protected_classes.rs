//! The protected-class catalog, read from its table.

use async_trait::async_trait;
use crt_domain::{
    ports::{ProtectedClassRepository, RepositoryError},
    protected_class::{ProtectedClassCatalog, ProtectedClassOption},
};
use sea_orm::{EntityTrait, QueryOrder};

use crate::{Db, backend, entities::protected_class};

#[async_trait]
impl ProtectedClassRepository for Db {
    async fn catalog(&self) -> Result<ProtectedClassCatalog, RepositoryError> {
        let rows = protected_class::Entity::find()
            .order_by_asc(protected_class::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let options = rows
            .into_iter()
            .map(|r| ProtectedClassOption {
                value: r.value,
                code: r.code,
                label: r.label,
                form_order: r.form_order,
            })
            .collect();
        ProtectedClassCatalog::new(options).map_err(|e| RepositoryError::Corrupt(e.to_string()))
    }
}

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "protected_class_label")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub protected_class_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub language: String,
    pub label: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

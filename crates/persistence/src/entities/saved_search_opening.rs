use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "saved_search_opening")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub search_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub username: String,
    pub opened_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

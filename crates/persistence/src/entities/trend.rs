use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trend")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub window: String,
    pub rank: i32,
    pub word: String,
    pub count: i64,
    pub computed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "disposed_report")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub report_id: i64,
    pub record_number: String,
    pub section: String,
    pub received_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    pub schedule: String,
    pub authority: String,
    pub batch_id: i64,
    pub disposed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

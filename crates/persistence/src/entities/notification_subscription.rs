use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "notification_subscription")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub search_id: i64,
    pub username: String,
    pub frequency: String,
    pub threshold: Option<i32>,
    pub last_report_id: i64,
    pub last_period: Option<String>,
    pub last_sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

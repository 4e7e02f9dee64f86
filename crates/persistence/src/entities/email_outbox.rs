use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "email_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub report_id: Option<i64>,
    pub recipient: String,
    pub purpose: String,
    pub template: String,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub error_message: Option<String>,
    pub tms_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub next_attempt_at: DateTimeUtc,
    pub completed_at: Option<DateTimeUtc>,
    pub claimed_at: Option<DateTimeUtc>,
    pub interrupted: i32,
    pub request_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

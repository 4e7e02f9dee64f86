use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "saved_search")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub owner: String,
    pub shared_with: Option<String>,
    pub query: String,
    pub created_at: DateTimeUtc,
    /// The automatic action (`close`, `move`); absent from older exports.
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub action_section: Option<String>,
    #[serde(default)]
    pub action_comment: Option<String>,
    #[serde(default)]
    pub action_by: Option<String>,
    #[serde(default)]
    pub action_enabled_at: Option<DateTimeUtc>,
    #[serde(default)]
    pub action_last_report_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

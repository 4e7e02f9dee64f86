use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "app_user")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub username: String,
    pub email: Option<String>,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub is_active: bool,
    pub portal_access: bool,
    pub section: Option<String>,
    pub groups: String,
    pub created_at: DateTimeUtc,
    /// Absent from older exports.
    #[serde(default)]
    pub emergency_local: bool,
    /// Issuer and subject of the single sign-on identity it is linked to.
    #[serde(default)]
    pub sso_subject: Option<String>,
    /// Wants the "Assigned to you" e-mail (absent from older exports).
    #[serde(default = "yes")]
    pub notify_assigned: bool,
}

fn yes() -> bool {
    true
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

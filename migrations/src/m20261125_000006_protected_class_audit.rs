//! The audit trail of protected-class changes made with `crt-admin
//! protected-class …`: who, when, what.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("protected_class_audit")
                    .col(big_pk_auto("id"))
                    .col(string_len("actor", 150))
                    .col(string_len("action", 40))
                    .col(text("detail"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("protected_class_audit").to_owned())
            .await
    }
}

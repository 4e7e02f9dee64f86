//! The optional police step "Your role" (witness or person harmed): its one
//! column. The worked example of docs/adding-a-form-step.md.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("report")
                    .add_column(string_len_null("witness", 20))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("report")
                    .drop_column("witness")
                    .to_owned(),
            )
            .await
    }
}

//! A staff letter carries the key of the preview it was sent from, unique,
//! so a double click on "Send this letter" queues it once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("email_outbox")
                    .add_column(string_len_null("request_key", 64))
                    .to_owned(),
            )
            .await?;
        // Unique; rows without a key (auto-responses) are NULL, and NULLs
        // never collide on SQLite or PostgreSQL.
        manager
            .create_index(
                Index::create()
                    .name("idx_email_outbox_request_key")
                    .table("email_outbox")
                    .col("request_key")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_email_outbox_request_key")
                    .table("email_outbox")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("email_outbox")
                    .drop_column("request_key")
                    .to_owned(),
            )
            .await
    }
}

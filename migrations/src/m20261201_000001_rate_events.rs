//! Counters for the public form's limits (reports and drafts per client
//! network, auto-responses per recipient), in the database so that every
//! instance counts the same events.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("rate_event")
                    .col(big_pk_auto("id"))
                    .col(string_len("bucket", 300))
                    .col(timestamp_with_time_zone("happened_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rate_event_bucket_at")
                    .table("rate_event")
                    .col("bucket")
                    .col("happened_at")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("rate_event").to_owned())
            .await
    }
}

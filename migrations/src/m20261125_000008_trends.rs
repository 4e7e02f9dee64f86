//! The trends page's data: the top words of each window, recomputed by
//! `crt-admin refresh-trends`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("trend")
                    .col(big_pk_auto("id"))
                    .col(string_len("window", 20))
                    .col(integer("rank"))
                    .col(string_len("word", 100))
                    .col(big_integer("count"))
                    .col(timestamp_with_time_zone("computed_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("trend").to_owned())
            .await
    }
}

//! Saved searches (docs/saved-searches.md) and when each person last
//! opened each.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("saved_search")
                    .col(big_pk_auto("id"))
                    .col(string_len("code", 16).unique_key())
                    .col(string_len("name", 120))
                    .col(string_len("owner", 150))
                    .col(string_len_null("shared_with", 10))
                    .col(text("query"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("saved_search_opening")
                    .col(big_integer("search_id"))
                    .col(string_len("username", 150))
                    .col(timestamp_with_time_zone("opened_at"))
                    .primary_key(Index::create().col("search_id").col("username"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_saved_search_opening_search")
                            .from("saved_search_opening", "search_id")
                            .to("saved_search", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["saved_search_opening", "saved_search"] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}

//! Staff attachments: one row per file kept with a report (its bytes are in
//! object storage under a random key), removed ones kept with who removed
//! them and when.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("attachment")
                    .col(big_pk_auto("id"))
                    .col(big_integer("report_id"))
                    .col(string_len_uniq("object_key", 200))
                    .col(string_len("file_name", 255))
                    .col(string_len("content_type", 120))
                    .col(big_integer("size"))
                    .col(string_len("sha256", 64))
                    .col(string_len("uploaded_by", 150))
                    .col(timestamp_with_time_zone("uploaded_at"))
                    .col(timestamp_with_time_zone_null("removed_at"))
                    .col(string_len_null("removed_by", 150))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attachment_report")
                            .from("attachment", "report_id")
                            .to("report", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attachment_report")
                    .table("attachment")
                    .col("report_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("attachment").to_owned())
            .await
    }
}

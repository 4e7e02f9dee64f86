//! The staff triage loop's first tables (docs/staff-view.md): section
//! tags and the reports that carry them, and each report's description key
//! and repeat-writer flag (`crt_domain::repeat_writers`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("tag")
                    .col(string_len("section", 10))
                    .col(string_len("name", 40))
                    .col(string_len("description", 200).default(""))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("retired_at"))
                    .primary_key(Index::create().col("section").col("name"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("report_tag")
                    .col(big_integer("report_id"))
                    .col(string_len("section", 10))
                    .col(string_len("name", 40))
                    .primary_key(Index::create().col("report_id").col("section").col("name"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_report_tag_report")
                            .from("report_tag", "report_id")
                            .to("report", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_report_tag_tag")
                            .from("report_tag", ("section", "name"))
                            .to("tag", ("section", "name")),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_report_tag_tag")
                    .table("report_tag")
                    .col("section")
                    .col("name")
                    .col("report_id")
                    .to_owned(),
            )
            .await?;
        for col in [
            ColumnDef::new("description_key")
                .string_len(64)
                .null()
                .to_owned(),
            boolean("repeat_writer").default(false).to_owned(),
        ] {
            manager
                .alter_table(Table::alter().table("report").add_column(col).to_owned())
                .await?;
        }
        for (name, col) in [
            ("idx_report_description_key", "description_key"),
            ("idx_report_repeat_writer", "repeat_writer"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table("report")
                        .col(col)
                        .col("create_date")
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_report_description_key", "idx_report_repeat_writer"] {
            manager
                .drop_index(Index::drop().name(name).table("report").to_owned())
                .await?;
        }
        for col in ["repeat_writer", "description_key"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("report")
                        .drop_column(col.to_owned())
                        .to_owned(),
                )
                .await?;
        }
        for table in ["report_tag", "tag"] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        Ok(())
    }
}

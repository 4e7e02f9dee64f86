//! Retention and disposal (docs/retention.md): the schedules (seeded with
//! the Division's usual 1-, 3- and 10-year and permanent ones; each cites
//! its NARA disposition authority, which the records officer enters), the
//! default schedule per section and status, each report's own schedule,
//! disposal batches with their approvals and reports, and the tombstone a
//! disposed report leaves.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The seeded schedules: code, name, years after closing (none: permanent).
const SCHEDULES: &[(&str, &str, Option<i32>, i32)] = &[
    (
        "1-year",
        "Destroy 1 year after the report is closed",
        Some(1),
        1,
    ),
    (
        "3-year",
        "Destroy 3 years after the report is closed",
        Some(3),
        2,
    ),
    (
        "10-year",
        "Destroy 10 years after the report is closed",
        Some(10),
        3,
    ),
    (
        "permanent",
        "Permanent: transfer to the National Archives, never destroyed here",
        None,
        4,
    ),
];

async fn add_column(manager: &SchemaManager<'_>, table: &str, col: ColumnDef) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table.to_owned())
                .add_column(col)
                .to_owned(),
        )
        .await
}

async fn drop_column(manager: &SchemaManager<'_>, table: &str, col: &str) -> Result<(), DbErr> {
    manager
        .alter_table(
            Table::alter()
                .table(table.to_owned())
                .drop_column(col.to_owned())
                .to_owned(),
        )
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("retention_schedule")
                    .col(string_len("code", 40).primary_key())
                    .col(string_len("name", 200))
                    .col(string_len("authority", 100).default(""))
                    .col(integer_null("years"))
                    .col(integer("position").default(0))
                    .col(boolean("active").default(true))
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert()
            .into_table("retention_schedule")
            .columns(["code", "name", "authority", "years", "position", "active"])
            .to_owned();
        for (code, name, years, position) in SCHEDULES {
            insert.values_panic([
                (*code).into(),
                (*name).into(),
                "".into(),
                (*years).into(),
                (*position).into(),
                true.into(),
            ]);
        }
        manager.exec_stmt(insert).await?;
        manager
            .create_table(
                Table::create()
                    .table("retention_default")
                    .col(string_len("section", 10))
                    .col(string_len("status", 20))
                    .col(string_len("schedule", 40))
                    .primary_key(Index::create().col("section").col("status"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_retention_default_schedule")
                            .from("retention_default", "schedule")
                            .to("retention_schedule", "code"),
                    )
                    .to_owned(),
            )
            .await?;
        add_column(manager, "report", string_len_null("retention_schedule", 40)).await?;
        add_column(
            manager,
            "report",
            timestamp_with_time_zone_null("disposed_at"),
        )
        .await?;
        add_column(
            manager,
            "attachment",
            timestamp_with_time_zone_null("purged_at"),
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table("disposal_batch")
                    .col(big_pk_auto("id"))
                    .col(string_len("state", 20))
                    .col(string_len("proposed_by", 150))
                    .col(timestamp_with_time_zone("proposed_at"))
                    .col(timestamp_with_time_zone("dispose_after"))
                    .col(string_len_null("decided_by", 150))
                    .col(timestamp_with_time_zone_null("decided_at"))
                    .col(text_null("rejection_reason"))
                    .col(timestamp_with_time_zone_null("disposed_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("disposal_approval")
                    .col(big_integer("batch_id"))
                    .col(string_len("approver", 150))
                    .col(timestamp_with_time_zone("approved_at"))
                    .primary_key(Index::create().col("batch_id").col("approver"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_disposal_approval_batch")
                            .from("disposal_approval", "batch_id")
                            .to("disposal_batch", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("disposal_batch_report")
                    .col(big_integer("batch_id"))
                    .col(big_integer("report_id"))
                    .col(string_len("schedule", 40))
                    .col(string_len_null("outcome", 20))
                    .col(timestamp_with_time_zone_null("outcome_at"))
                    .primary_key(Index::create().col("batch_id").col("report_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_disposal_batch_report_batch")
                            .from("disposal_batch_report", "batch_id")
                            .to("disposal_batch", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_disposal_batch_report_report")
                            .from("disposal_batch_report", "report_id")
                            .to("report", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_disposal_batch_report_report")
                    .table("disposal_batch_report")
                    .col("report_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("disposed_report")
                    .col(big_integer("report_id").primary_key())
                    .col(string_len("record_number", 40))
                    .col(string_len("section", 10))
                    .col(timestamp_with_time_zone("received_at"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .col(string_len("schedule", 40))
                    .col(string_len("authority", 100))
                    .col(big_integer("batch_id"))
                    .col(timestamp_with_time_zone("disposed_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_disposed_report_report")
                            .from("disposed_report", "report_id")
                            .to("report", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_disposed_report_batch")
                            .from("disposed_report", "batch_id")
                            .to("disposal_batch", "id"),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "disposed_report",
            "disposal_batch_report",
            "disposal_approval",
            "disposal_batch",
            "retention_default",
        ] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        drop_column(manager, "attachment", "purged_at").await?;
        drop_column(manager, "report", "disposed_at").await?;
        drop_column(manager, "report", "retention_schedule").await?;
        manager
            .drop_table(Table::drop().table("retention_schedule").to_owned())
            .await
    }
}

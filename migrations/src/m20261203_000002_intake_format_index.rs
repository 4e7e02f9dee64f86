//! An index for the staff list's and the API's "how it came in" filter
//! (`intake_format`, newest first). At 100,000 web reports, asking for the
//! phone reports scanned every row: 2.8 s p50 on SQLite with 8 clients
//! (docs/benchmarks.md).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_report_intake_created")
                    .table("report")
                    .col("intake_format")
                    .col("create_date")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_report_intake_created")
                    .table("report")
                    .to_owned(),
            )
            .await
    }
}

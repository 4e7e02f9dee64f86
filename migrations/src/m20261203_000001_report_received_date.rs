//! The day the Division received a report staff recorded from a phone
//! call, letter, fax or e-mail (`received_date`; empty for the web form,
//! whose reports are received when filed).

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
                    .add_column(date_null("received_date"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("report")
                    .drop_column("received_date")
                    .to_owned(),
            )
            .await
    }
}

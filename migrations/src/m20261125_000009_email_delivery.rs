//! E-mail delivery: the outbox remembers a claim that was never recorded (a
//! worker that died mid-send, so the mail may have gone twice), finds a mail
//! by its TMS id for the delivery webhook, and a do-not-email list filled by
//! the unsubscribe link in letters.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table("email_outbox")
                    .add_column(timestamp_with_time_zone_null("claimed_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("email_outbox")
                    .add_column(integer("interrupted").default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_email_outbox_tms_id")
                    .table("email_outbox")
                    .col("tms_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_email_outbox_report")
                    .table("email_outbox")
                    .col("report_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("email_suppression")
                    .col(big_pk_auto("id"))
                    .col(string_len("email", 225).unique_key())
                    .col(string_len("source", 50))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("email_suppression").to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_email_outbox_report")
                    .table("email_outbox")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_email_outbox_tms_id")
                    .table("email_outbox")
                    .to_owned(),
            )
            .await?;
        for column in ["interrupted", "claimed_at"] {
            manager
                .alter_table(
                    Table::alter()
                        .table("email_outbox")
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

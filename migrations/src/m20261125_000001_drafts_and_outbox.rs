//! Wizard drafts (server-side, so any instance can continue one) and the
//! e-mail outbox (a row written in the same transaction as the action that
//! causes the mail; the mail worker sends it).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("report_draft")
                    .col(string_len("session_key", 64).primary_key())
                    .col(text("answers"))
                    .col(string_len("current_step", 100))
                    .col(string_len("furthest_step", 100))
                    .col(integer("version"))
                    .col(string_len_null("submitted_public_id", 40))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_report_draft_expires_at")
                    .table("report_draft")
                    .col("expires_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("email_outbox")
                    .col(big_pk_auto("id"))
                    .col(big_integer_null("report_id"))
                    .col(string_len("recipient", 225))
                    .col(string_len("purpose", 20))
                    .col(string_len("template", 100))
                    .col(text_null("subject"))
                    .col(text_null("body"))
                    .col(string_len("status", 20).default("new"))
                    .col(integer("attempts").default(0))
                    .col(text_null("error_message"))
                    .col(string_len_null("tms_id", 100))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(timestamp_with_time_zone_null("completed_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_email_outbox_report")
                            .from("email_outbox", "report_id")
                            .to("report", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_email_outbox_due")
                    .table("email_outbox")
                    .col("status")
                    .col("next_attempt_at")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("email_outbox").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("report_draft").to_owned())
            .await
    }
}

//! Notifications (docs/notifications.md) and automatic actions
//! (docs/saved-searches.md): whether a person wants the "Assigned to you"
//! e-mail, each person's digest of a saved search, how far the sender has
//! read the activity log, and a shared search's automatic action.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .add_column(boolean("notify_assigned").default(true))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("notification_subscription")
                    .col(big_pk_auto("id"))
                    .col(big_integer("search_id"))
                    .col(string_len("username", 150))
                    .col(string_len("frequency", 20))
                    .col(integer_null("threshold"))
                    // The newest report already told about (or skipped).
                    .col(big_integer("last_report_id").default(0))
                    // The day or week of the last daily or weekly digest.
                    .col(string_len_null("last_period", 20))
                    .col(timestamp_with_time_zone_null("last_sent_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .index(
                        Index::create()
                            .name("idx_notification_subscription_search_user")
                            .col("search_id")
                            .col("username")
                            .unique(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notification_subscription_search")
                            .from("notification_subscription", "search_id")
                            .to("saved_search", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("notification_cursor")
                    .col(string_len("name", 40).primary_key())
                    .col(big_integer("position"))
                    .to_owned(),
            )
            .await?;
        let alter = |col: ColumnDef| {
            Table::alter()
                .table("saved_search")
                .add_column(col)
                .to_owned()
        };
        for col in [
            string_len_null("action", 10),
            string_len_null("action_section", 10),
            text_null("action_comment"),
            string_len_null("action_by", 150),
            timestamp_with_time_zone_null("action_enabled_at"),
            big_integer("action_last_report_id").default(0).to_owned(),
        ] {
            // SQLite adds one column per statement.
            manager.alter_table(alter(col)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            "action",
            "action_section",
            "action_comment",
            "action_by",
            "action_enabled_at",
            "action_last_report_id",
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table("saved_search")
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        for table in ["notification_cursor", "notification_subscription"] {
            manager
                .drop_table(Table::drop().table(table.to_owned()).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .drop_column("notify_assigned")
                    .to_owned(),
            )
            .await
    }
}

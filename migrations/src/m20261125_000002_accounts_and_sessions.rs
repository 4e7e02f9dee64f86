//! Staff accounts, their sign-in sessions, and failed sign-in attempts (for
//! throttling). Sessions live in the database so any instance serves them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("app_user")
                    .col(big_pk_auto("id"))
                    .col(string_len_uniq("username", 150))
                    .col(string_len_null("email", 225))
                    .col(string_len("display_name", 225))
                    .col(text_null("password_hash"))
                    .col(boolean("is_active").default(true))
                    .col(boolean("portal_access").default(false))
                    .col(string_len_null("section", 10))
                    .col(text("groups").default(""))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("staff_session")
                    .col(string_len("session_key", 64).primary_key())
                    .col(big_integer("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_staff_session_user")
                            .from("staff_session", "user_id")
                            .to("app_user", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("login_attempt")
                    .col(big_pk_auto("id"))
                    .col(string_len("attempt_key", 300))
                    .col(timestamp_with_time_zone("attempted_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_attempt_key_at")
                    .table("login_attempt")
                    .col("attempt_key")
                    .col("attempted_at")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["login_attempt", "staff_session", "app_user"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}

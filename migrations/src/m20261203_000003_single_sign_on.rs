//! Single sign-on: the sign-ins in progress (`sso_flow`: one row per
//! redirect to the identity provider, keyed by a hash of its `state`,
//! bound to the browser that started it, removed when used), the ID token
//! a session was opened with (for the provider's logout), the provider's
//! subject an account is linked to (`sso_subject`), and accounts
//! marked emergency-local (the only ones that may use a password where
//! single sign-on is on, and only when `AUTH_ALLOW_EMERGENCY_LOCAL=true`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("sso_flow")
                    .col(string_len("state_key", 64).primary_key())
                    .col(string_len("browser_key", 64))
                    .col(text("nonce"))
                    .col(text("pkce_verifier"))
                    .col(text("next"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("staff_session")
                    .add_column(text_null("id_token"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .add_column(boolean("emergency_local").default(false))
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .add_column(text_null("sso_subject"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .drop_column("sso_subject")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("app_user")
                    .drop_column("emergency_local")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("staff_session")
                    .drop_column("id_token")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("sso_flow").to_owned())
            .await
    }
}

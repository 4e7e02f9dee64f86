//! An index on the lower-cased contact e-mail: related reports and the
//! list's "reports with this e-mail" count match e-mails case-insensitively.
//! (Expression indexes are plain SQL on both SQLite and PostgreSQL.)

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX idx_report_contact_email_lower ON report (lower(contact_email))",
            )
            .await
            .map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX IF EXISTS idx_report_contact_email_lower")
            .await
            .map(|_| ())
    }
}

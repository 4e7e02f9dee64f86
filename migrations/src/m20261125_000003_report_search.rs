//! Full-text search over the description (violation_summary) and the staff
//! summary. Each database uses its own real index, with the same matching
//! rules (whole words, case-insensitive, no stemming, no stop words) so both
//! find the same reports:
//! - PostgreSQL: generated `tsvector` columns (config `simple`) with GIN indexes;
//! - SQLite: an FTS5 table (tokenizer `unicode61`, diacritics kept) kept in
//!   step with `report` by triggers.

use sea_orm_migration::{prelude::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const POSTGRES_UP: &[&str] = &[
    "ALTER TABLE report ADD COLUMN violation_summary_tsv tsvector \
     GENERATED ALWAYS AS (to_tsvector('simple', coalesce(violation_summary, ''))) STORED",
    "ALTER TABLE report ADD COLUMN summary_tsv tsvector \
     GENERATED ALWAYS AS (to_tsvector('simple', coalesce(summary, ''))) STORED",
    "CREATE INDEX idx_report_violation_summary_tsv ON report USING GIN (violation_summary_tsv)",
    "CREATE INDEX idx_report_summary_tsv ON report USING GIN (summary_tsv)",
];

const POSTGRES_DOWN: &[&str] = &[
    "DROP INDEX IF EXISTS idx_report_summary_tsv",
    "DROP INDEX IF EXISTS idx_report_violation_summary_tsv",
    "ALTER TABLE report DROP COLUMN IF EXISTS summary_tsv",
    "ALTER TABLE report DROP COLUMN IF EXISTS violation_summary_tsv",
];

const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE report_fts USING fts5(violation_summary, summary, content='report', content_rowid='id', \
     tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TRIGGER report_fts_insert AFTER INSERT ON report BEGIN \
       INSERT INTO report_fts(rowid, violation_summary, summary) VALUES (new.id, new.violation_summary, coalesce(new.summary, '')); \
     END",
    "CREATE TRIGGER report_fts_delete AFTER DELETE ON report BEGIN \
       INSERT INTO report_fts(report_fts, rowid, violation_summary, summary) VALUES ('delete', old.id, old.violation_summary, coalesce(old.summary, '')); \
     END",
    "CREATE TRIGGER report_fts_update AFTER UPDATE OF violation_summary, summary ON report BEGIN \
       INSERT INTO report_fts(report_fts, rowid, violation_summary, summary) VALUES ('delete', old.id, old.violation_summary, coalesce(old.summary, '')); \
       INSERT INTO report_fts(rowid, violation_summary, summary) VALUES (new.id, new.violation_summary, coalesce(new.summary, '')); \
     END",
    "INSERT INTO report_fts(report_fts) VALUES ('rebuild')",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS report_fts_update",
    "DROP TRIGGER IF EXISTS report_fts_delete",
    "DROP TRIGGER IF EXISTS report_fts_insert",
    "DROP TABLE IF EXISTS report_fts",
];

async fn run(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for s in statements {
        db.execute_unprepared(s).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => run(manager, POSTGRES_UP).await,
            DbBackend::Sqlite => run(manager, SQLITE_UP).await,
            _ => Err(DbErr::Migration(
                "only SQLite and PostgreSQL are supported".into(),
            )),
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => run(manager, POSTGRES_DOWN).await,
            DbBackend::Sqlite => run(manager, SQLITE_DOWN).await,
            _ => Ok(()),
        }
    }
}

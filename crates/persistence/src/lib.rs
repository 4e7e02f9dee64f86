//! # crt-persistence
//!
//! The sea-orm adapter: implements the repository ports of `crt-domain` on
//! SQLite (the default, a file under `./data/`) and PostgreSQL (production).
//! Entities stay private; callers see domain types. [`Db::connect`] applies
//! pending migrations, so a fresh database is usable at once.

use std::{path::Path, time::Duration};

use crt_domain::ports::RepositoryError;
use crt_migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr, SqlErr, TransactionTrait,
};

mod accounts;
mod api_tokens;
mod attachments;
mod bulk;
mod catalog_admin;
mod catalog_export;
mod corrections;
mod drafts;
mod dump;
mod entities;
mod filters;
mod mapping;
mod notifications;
mod outbox;
mod protected_classes;
mod rate_limits;
mod reports;
mod retention;
mod saved_searches;
mod staff_update;
pub mod testing;
mod trends;
mod triage;

pub use catalog_admin::CatalogAuditEntry;
pub use catalog_export::{baseline_catalog, catalog_sync_sql, label_sync_sql};
pub use dump::{DumpError, EXPORT_FORMAT, EXPORT_VERSION, TableSummary, exported_tables};

/// Where the database lives when `DATABASE_URL` is not set: a SQLite file
/// under `./data/`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/crt-portal.sqlite3";

/// Why the database could not be opened or migrated.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The URL is neither `sqlite:` nor `postgres:`/`postgresql:`.
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got {0:?})")]
    UnsupportedUrl(String),
    /// The directory for a SQLite file could not be created.
    #[error("cannot create the directory {dir} for the SQLite database: {source}")]
    Directory {
        /// The directory.
        dir: String,
        /// Why.
        source: std::io::Error,
    },
    /// Connecting failed.
    #[error("cannot connect to the database: {0}")]
    Connect(DbErr),
    /// A migration failed.
    #[error("a migration failed: {0}")]
    Migrate(DbErr),
}

/// One applied-or-pending migration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationInfo {
    /// The migration's name (its file name).
    pub name: String,
    /// Whether it has been applied to this database.
    pub applied: bool,
}

/// A connection pool to the portal's database, implementing the ports.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
}

impl Db {
    /// Opens the database at `url` and applies pending migrations.
    ///
    /// `sqlite://path/file.sqlite3` (created if missing, with its directory),
    /// `sqlite::memory:` (one private in-memory database), or
    /// `postgres://user@host:port/name`.
    pub async fn connect(url: &str) -> Result<Self, ConnectError> {
        let db = Self::connect_unmigrated(url).await?;
        db.migrate().await?;
        Ok(db)
    }

    /// Opens the database without touching its schema (for `crt-admin
    /// migrate --status` and migration tests).
    pub async fn connect_unmigrated(url: &str) -> Result<Self, ConnectError> {
        let mut opts;
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let memory = rest.contains(":memory:") || rest.contains("mode=memory");
            if memory {
                opts = ConnectOptions::new(url.to_owned());
                // Every connection to :memory: is its own database: keep one.
                opts.max_connections(1)
                    .min_connections(1)
                    .idle_timeout(None::<Duration>)
                    .max_lifetime(None::<Duration>);
            } else {
                let path = rest.trim_start_matches("//");
                let path = path.split('?').next().unwrap_or(path);
                if let Some(dir) = Path::new(path)
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(dir).map_err(|source| ConnectError::Directory {
                        dir: dir.display().to_string(),
                        source,
                    })?;
                }
                let url = if url.contains("mode=") {
                    url.to_owned()
                } else if url.contains('?') {
                    format!("{url}&mode=rwc")
                } else {
                    format!("{url}?mode=rwc")
                };
                opts = ConnectOptions::new(url);
                // SQLite has one writer at a time: more connections only add
                // waiting (measured: docs/benchmarks.md).
                opts.max_connections(4);
            }
            opts.map_sqlx_sqlite_opts(|o| {
                o.foreign_keys(true)
                    .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    // With WAL, NORMAL never corrupts the database; a power
                    // cut may lose the last commits, not a crash of the app.
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
            });
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            opts = ConnectOptions::new(url.to_owned());
            opts.max_connections(16);
        } else {
            let shown = url.split('@').next_back().unwrap_or("");
            return Err(ConnectError::UnsupportedUrl(
                shown.chars().take(40).collect(),
            ));
        }
        opts.sqlx_logging(false)
            // A request waits at most this long for a connection while the
            // database is out of reach, then gets the "try again" page.
            .connect_timeout(Duration::from_secs(3))
            .acquire_timeout(Duration::from_secs(3));
        let conn = Database::connect(opts)
            .await
            .map_err(ConnectError::Connect)?;
        Ok(Self { conn })
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        Migrator::up(&self.conn, None)
            .await
            .map_err(ConnectError::Migrate)
    }

    /// Applies at most `steps` pending migrations (tests replay history).
    pub async fn migrate_steps(&self, steps: u32) -> Result<(), ConnectError> {
        Migrator::up(&self.conn, Some(steps))
            .await
            .map_err(ConnectError::Migrate)
    }

    /// Every known migration and whether it is applied here.
    pub async fn migration_status(&self) -> Result<Vec<MigrationInfo>, ConnectError> {
        let manager = crt_migrations::SchemaManager::new(&self.conn);
        let has_table = manager
            .has_table("seaql_migrations")
            .await
            .map_err(ConnectError::Connect)?;
        let applied: Vec<String> = if has_table {
            // Fails when the database has migrations this build does not
            // know (the database is newer than the binary): say so.
            Migrator::get_applied_migrations(&self.conn)
                .await
                .map_err(|e| {
                    ConnectError::Migrate(DbErr::Custom(format!(
                        "{e} (is this binary older than the database?)"
                    )))
                })?
                .iter()
                .map(|m| m.name().to_owned())
                .collect()
        } else {
            Vec::new()
        };
        Ok(Migrator::migrations()
            .iter()
            .map(|m| MigrationInfo {
                name: m.name().to_owned(),
                applied: applied.iter().any(|a| a == m.name()),
            })
            .collect())
    }

    /// Starts a transaction that will write. On SQLite it takes the write
    /// lock at BEGIN (BEGIN IMMEDIATE), waiting its turn under the busy
    /// timeout: a deferred transaction that has read anything (even the
    /// FTS5 configuration a trigger reads when its INSERT is prepared) gets
    /// "database is locked" at once when another connection is writing.
    pub(crate) async fn begin_write(&self) -> Result<sea_orm::DatabaseTransaction, DbErr> {
        self.conn
            .begin_with_options(sea_orm::TransactionOptions {
                sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await
    }

    /// Checks the database answers (for `/health`).
    pub async fn ping(&self) -> Result<(), RepositoryError> {
        self.conn.ping().await.map_err(backend)
    }

    /// "sqlite" or "postgres".
    pub fn backend_name(&self) -> &'static str {
        match self.conn.get_database_backend() {
            DbBackend::Sqlite => "sqlite",
            DbBackend::Postgres => "postgres",
            _ => "other",
        }
    }

    /// Closes the pool.
    pub async fn close(self) {
        let _ = self.conn.close().await;
    }
}

/// Takes report `id`'s write lock for the rest of the transaction (a
/// no-op update): every writer of a report (staff changes, corrections,
/// letters, attachments, disposal) takes it before reading the row, so
/// on PostgreSQL they follow one another and each sees the last one's
/// work; on SQLite the write transaction is already alone.
pub(crate) async fn lock_report(
    txn: &sea_orm::DatabaseTransaction,
    id: i64,
) -> Result<(), RepositoryError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    entities::report::Entity::update_many()
        .col_expr(
            entities::report::Column::Version,
            Expr::col(entities::report::Column::Version),
        )
        .filter(entities::report::Column::Id.eq(id))
        .exec(txn)
        .await
        .map_err(backend)?;
    Ok(())
}

/// How many rows of `query` have each of `keys` in `key`: one grouped
/// count (the list's "N from this e-mail", repeat writers' descriptions,
/// files per report). Keys without rows are absent.
pub(crate) async fn count_per_key<E, K, V>(
    conn: &impl sea_orm::ConnectionTrait,
    query: sea_orm::Select<E>,
    key: sea_orm::sea_query::SimpleExpr,
    keys: impl IntoIterator<Item = V>,
) -> Result<Vec<(K, u64)>, RepositoryError>
where
    E: sea_orm::EntityTrait,
    K: sea_orm::TryGetable,
    V: Into<sea_orm::Value>,
{
    use sea_orm::{
        QueryFilter, QuerySelect,
        sea_query::{Expr, ExprTrait},
    };
    let rows: Vec<(K, i64)> = query
        .select_only()
        .column_as(key.clone(), "k")
        .column_as(Expr::cust("COUNT(*)"), "n")
        .filter(key.clone().is_in(keys))
        .group_by(key)
        .into_tuple()
        .all(conn)
        .await
        .map_err(backend)?;
    Ok(rows
        .into_iter()
        .map(|(k, n)| (k, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// Maps a database error to the domain's repository error.
pub(crate) fn backend(e: DbErr) -> RepositoryError {
    if out_of_reach(&e) {
        return RepositoryError::Unavailable(e.to_string());
    }
    match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(m)) => RepositoryError::Duplicate(m),
        _ => RepositoryError::Backend(e.to_string()),
    }
}

/// Whether the database is out of reach for the moment rather than refusing
/// this statement: no connection (refused, lost, pool wait over), the
/// server shutting down or out of resources (PostgreSQL's SQLSTATE classes
/// 08, 53 and 57P), or SQLite's disk full, I/O error or lock wait over.
fn out_of_reach(e: &DbErr) -> bool {
    use sea_orm::{RuntimeErr, sqlx::Error as Sqlx};
    let sqlx = match e {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Exec(RuntimeErr::SqlxError(s)) | DbErr::Query(RuntimeErr::SqlxError(s)) => s,
        _ => return false,
    };
    match sqlx.as_ref() {
        Sqlx::Io(_)
        | Sqlx::Tls(_)
        | Sqlx::Protocol(_)
        | Sqlx::PoolTimedOut
        | Sqlx::PoolClosed
        | Sqlx::WorkerCrashed => true,
        Sqlx::Database(d) => d.code().is_some_and(|code| {
            if code.len() == 5 {
                ["08", "53", "57P"]
                    .iter()
                    .any(|class| code.starts_with(class))
            } else {
                // SQLite's (extended) result code; the primary code is
                // its low byte: SQLITE_BUSY 5, SQLITE_IOERR 10, SQLITE_FULL 13.
                code.parse::<u32>()
                    .is_ok_and(|c| matches!(c & 0xff, 5 | 10 | 13))
            }
        }),
        _ => false,
    }
}

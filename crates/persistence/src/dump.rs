//! Moving a database: export every table to a versioned JSON-lines file,
//! import it into an empty database on either backend, and compare two
//! databases table by table (row counts and checksums).
//!
//! The file: a header line (`format`, `version`, the source's backend and
//! applied migrations), one line per row (`{"table": …, "row": {…}}`, tables
//! in dependency order, rows in primary-key order), and an end line with the
//! row count of every table, so a truncated file is refused. Timestamps are
//! written to the microsecond (PostgreSQL's precision), so a checksum taken
//! on SQLite equals the one taken after the move.

use std::io::{BufRead, Write};

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ColumnType, ConnectionTrait, DbBackend, EntityTrait,
    IntoActiveModel, Iterable, PaginatorTrait, PrimaryKeyToColumn, QueryOrder, TransactionTrait,
};
use serde::{Serialize, de::DeserializeOwned};
use sha2::{Digest, Sha256};

use crate::{Db, entities::*};

#[macro_use]
mod rows;
pub use rows::exported_tables;
use rows::*;

/// Tables the migrations fill, which an import replaces.
const MIGRATION_SEEDED: &[&str] = &[
    "protected_class",
    "protected_class_label",
    "retention_schedule",
];

/// The file format's name and version.
pub const EXPORT_FORMAT: &str = "crt-portal-export";
/// Bumped when the file layout (not the schema) changes.
pub const EXPORT_VERSION: u32 = 1;

/// One table's size and fingerprint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableSummary {
    /// Table name.
    pub table: &'static str,
    /// Rows.
    pub rows: u64,
    /// SHA-256 of the rows in primary-key order, as exported (hex).
    pub checksum: String,
}

/// Why an export, import or comparison failed.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// Reading or writing the file failed.
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    /// The file is not an export, is damaged or is incomplete.
    #[error("line {line}: {problem}")]
    BadFile {
        /// 1-based line number (0: the file as a whole).
        line: u64,
        /// What is wrong.
        problem: String,
    },
    /// The target cannot take the import.
    #[error("{0}")]
    Refused(String),
}

impl Db {
    /// Tables, and columns of the exported tables, that the export would
    /// not carry (a migration added a table or column the program does not
    /// export). Export and verify refuse to run while there are any:
    /// nothing may be lost silently.
    ///
    /// Errors: `Database`.
    pub async fn unexported_columns(&self) -> Result<Vec<String>, DumpError> {
        use sea_orm::FromQueryResult;
        #[derive(FromQueryResult)]
        struct Col {
            name: String,
        }
        let backend = self.conn.get_database_backend();
        let mut missing = Vec::new();
        // Every table must be exported (or be the database's own machinery).
        let sql = if backend == DbBackend::Postgres {
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        } else {
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        };
        let tables = exported_tables();
        for t in Col::find_by_statement(sea_orm::Statement::from_string(backend, sql))
            .all(&self.conn)
            .await?
        {
            let machinery = t.name == "seaql_migrations"
                || t.name.starts_with("sqlite_")
                || t.name.starts_with("report_fts");
            if !machinery && !tables.contains(&t.name.as_str()) {
                missing.push(format!("{} (a whole table)", t.name));
            }
        }
        for_each_table!(e, name, {
            let sql = if backend == DbBackend::Postgres {
                format!(
                    "SELECT column_name::text AS name FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name = '{name}'"
                )
            } else {
                format!("SELECT name FROM pragma_table_info('{name}')")
            };
            let cols = Col::find_by_statement(sea_orm::Statement::from_string(backend, sql))
                .all(&self.conn)
                .await?;
            let known: Vec<String> = e::Column::iter()
                .map(|c| sea_orm::IdenStatic::as_str(&c).to_owned())
                .collect();
            for c in cols {
                if !known.contains(&c.name) && !DERIVED_COLUMNS.contains(&c.name.as_str()) {
                    missing.push(format!("{name}.{}", c.name));
                }
            }
        });
        Ok(missing)
    }

    async fn applied_migrations(&self) -> Result<Vec<String>, DumpError> {
        Ok(self
            .migration_status()
            .await
            .map_err(|e| DumpError::Refused(e.to_string()))?
            .into_iter()
            .filter(|m| m.applied)
            .map(|m| m.name)
            .collect())
    }

    /// Row counts and checksums of every exported table (for `db verify`).
    ///
    /// Errors: `Refused` if a table or column would not be compared (see
    /// [`Db::unexported_columns`]); `Database`.
    pub async fn table_summaries(&self) -> Result<Vec<TableSummary>, DumpError> {
        let missing = self.unexported_columns().await?;
        if !missing.is_empty() {
            return Err(DumpError::Refused(format!(
                "not compared, so not trusted: {}",
                missing.join(", ")
            )));
        }
        let txn = self.conn.begin().await?;
        let mut out = Vec::new();
        for_each_table!(e, name, {
            out.push(scan_table::<e::Entity, _>(&txn, name, None).await?);
        });
        txn.commit().await?;
        Ok(out)
    }

    /// The names of the migrations applied here (verify compares them).
    ///
    /// Errors: `Refused` if they cannot be read.
    pub async fn migration_level(&self) -> Result<Vec<String>, DumpError> {
        self.applied_migrations().await
    }

    /// Writes every table to `out`; `progress` is told each table's rows.
    ///
    /// Errors: `Database`, `Io`.
    pub async fn export_to(
        &self,
        out: &mut dyn Write,
        progress: &mut dyn FnMut(&TableSummary),
    ) -> Result<Vec<TableSummary>, DumpError> {
        let missing = self.unexported_columns().await?;
        if !missing.is_empty() {
            return Err(DumpError::Refused(format!(
                "these columns have no entity field and would be lost: {} (add them to crates/persistence/src/entities)",
                missing.join(", ")
            )));
        }
        let header = serde_json::json!({
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "backend": self.backend_name(),
            "exported_at": Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
            "migrations": self.applied_migrations().await?,
        });
        writeln!(out, "{header}")?;
        // One snapshot: every table as of the same moment, even if staff
        // keep working (PostgreSQL: repeatable read; SQLite: one read
        // transaction sees one state of the WAL).
        let txn = match self.conn.get_database_backend() {
            DbBackend::Postgres => {
                self.conn
                    .begin_with_config(
                        Some(sea_orm::IsolationLevel::RepeatableRead),
                        Some(sea_orm::AccessMode::ReadOnly),
                    )
                    .await?
            }
            _ => self.conn.begin().await?,
        };
        let mut summaries = Vec::new();
        for_each_table!(e, name, {
            let s = scan_table::<e::Entity, _>(&txn, name, Some(&mut *out)).await?;
            progress(&s);
            summaries.push(s);
        });
        txn.commit().await?;
        let counts: serde_json::Map<String, serde_json::Value> = summaries
            .iter()
            .map(|s| (s.table.to_owned(), serde_json::json!(s.rows)))
            .collect();
        writeln!(out, "{}", serde_json::json!({"end": true, "rows": counts}))?;
        out.flush()?;
        Ok(summaries)
    }

    /// Reads an export into this database, which must be migrated to the
    /// same level as the source and hold no data (the protected classes a
    /// fresh migration seeds are replaced by the file's). All or nothing:
    /// one transaction. Returns the imported tables' summaries.
    ///
    /// Errors: `BadFile` (not an export, damaged, truncated), `Refused`
    /// (another migration level, data already here), `Database`, `Io`.
    pub async fn import_from(
        &self,
        input: &mut dyn BufRead,
        progress: &mut dyn FnMut(&str, u64),
    ) -> Result<Vec<TableSummary>, DumpError> {
        let mut lines = input.lines();
        let header: serde_json::Value = match lines.next() {
            Some(l) => serde_json::from_str(&l?)
                .map_err(|e| bad(1, format!("not a crt-portal export ({e})")))?,
            None => return Err(bad(0, "the file is empty")),
        };
        if header["format"] != EXPORT_FORMAT {
            return Err(bad(1, "not a crt-portal export"));
        }
        if header["version"] != EXPORT_VERSION {
            return Err(bad(
                1,
                format!(
                    "file format version {} (this program reads {EXPORT_VERSION})",
                    header["version"]
                ),
            ));
        }
        let theirs: Vec<String> = serde_json::from_value(header["migrations"].clone())
            .map_err(|e| bad(1, format!("the header has no migration list ({e})")))?;
        let ours = self.applied_migrations().await?;
        if theirs != ours {
            return Err(DumpError::Refused(format!(
                "the export was taken at migration {} but this database is at {}: bring both to the same level (crt-admin migrate) first",
                theirs.last().map_or("(none)", String::as_str),
                ours.last().map_or("(none)", String::as_str)
            )));
        }
        for_each_table!(e, name, {
            let n = e::Entity::find().count(&self.conn).await?;
            // The migrations fill the catalog, its labels and the retention
            // schedules: the export's replace them.
            if n > 0 && !MIGRATION_SEEDED.contains(&name) {
                return Err(DumpError::Refused(format!(
                    "the target database is not empty ({name} has {n} rows): import into a new database"
                )));
            }
        });
        // Stream: rows go in as they are read, a batch at a time, inside one
        // transaction; a damaged or cut-off file rolls everything back.
        let order = exported_tables();
        let mut counts = vec![0u64; order.len()];
        let mut current = 0usize;
        let mut batch: Vec<serde_json::Value> = Vec::new();
        let mut end: Option<serde_json::Value> = None;
        let mut line_no = 1u64;
        let txn = self.begin_write().await?;
        protected_class_label::Entity::delete_many()
            .exec(&txn)
            .await?;
        protected_class::Entity::delete_many().exec(&txn).await?;
        retention_schedule::Entity::delete_many().exec(&txn).await?;
        for line in lines {
            line_no += 1;
            let line = line?;
            if end.is_some() {
                return Err(bad(line_no, "text after the end line"));
            }
            let mut v: serde_json::Value =
                serde_json::from_str(&line).map_err(|e| bad(line_no, format!("not JSON: {e}")))?;
            if v.get("end").is_some() {
                end = Some(v);
                continue;
            }
            let table = v["table"]
                .as_str()
                .ok_or_else(|| bad(line_no, "a row line without a table"))?;
            let at = order[current..]
                .iter()
                .position(|t| *t == table)
                .ok_or_else(|| bad(line_no, format!("unknown or out-of-order table {table:?}")))?;
            if at > 0 {
                insert_into(&txn, order[current], std::mem::take(&mut batch)).await?;
                progress(order[current], counts[current]);
                current += at;
            }
            batch.push(v["row"].take());
            counts[current] += 1;
            if batch.len() >= 1000 {
                insert_into(&txn, order[current], std::mem::take(&mut batch)).await?;
            }
        }
        insert_into(&txn, order[current], batch).await?;
        progress(order[current], counts[current]);
        let end = end.ok_or_else(|| bad(line_no, "the file is incomplete (no end line)"))?;
        for (i, name) in order.iter().enumerate() {
            let expected = end["rows"][name]
                .as_u64()
                .ok_or_else(|| bad(line_no, format!("the end line has no count for {name}")))?;
            if expected != counts[i] {
                return Err(bad(
                    line_no,
                    format!(
                        "{name}: the end line says {expected} rows, the file has {}",
                        counts[i]
                    ),
                ));
            }
        }
        if txn.get_database_backend() == DbBackend::Postgres {
            // Rows came with their ids: move each sequence past them.
            for table in SEQUENCED {
                txn.execute_unprepared(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                ))
                .await?;
            }
        }
        txn.commit().await?;
        self.table_summaries().await
    }
}

//! Test support: fresh databases for repository tests. SQLite in memory
//! always; PostgreSQL too when `TEST_DATABASE_URL` is set, in a new
//! database (`crt_test_<random>`) per call, so tests never see each other.
//! `.ci/run` counts those databases to prove the PostgreSQL tests ran.

// Test support: a database that cannot be made is a failed test.
#![allow(clippy::expect_used)]

use rand::Rng;
use sea_orm::{ConnectionTrait, Database};

use crate::{ConnectError, Db};

/// The prefix of every database the tests create on PostgreSQL.
pub const PG_TEST_DB_PREFIX: &str = "crt_test_";

/// A fresh, empty (unmigrated) database for one test.
pub struct TestDb {
    /// "sqlite" or "postgres".
    pub backend: &'static str,
    /// Its URL.
    pub url: String,
    /// The open connection.
    pub db: Db,
}

/// Replaces the database name in a PostgreSQL URL.
pub fn with_database_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{}", &base[..path_start], name);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// Creates a new empty PostgreSQL database next to `admin_url`'s and
/// returns its URL.
pub async fn create_pg_database(admin_url: &str) -> Result<String, ConnectError> {
    let name: String = {
        let mut rng = rand::rng();
        format!("{PG_TEST_DB_PREFIX}{:016x}", rng.random::<u64>())
    };
    let admin = Database::connect(admin_url)
        .await
        .map_err(ConnectError::Connect)?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .map_err(ConnectError::Connect)?;
    let _ = admin.close().await;
    Ok(with_database_name(admin_url, &name))
}

/// Fresh unmigrated databases: SQLite in memory, plus PostgreSQL when
/// `TEST_DATABASE_URL` is set. Panics (it is test support) if a configured
/// PostgreSQL cannot be reached: a silently skipped backend would hide bugs.
pub async fn empty_databases() -> Vec<TestDb> {
    let mut out = Vec::new();
    let url = "sqlite::memory:".to_owned();
    let db = Db::connect_unmigrated(&url)
        .await
        .expect("open SQLite in memory");
    out.push(TestDb {
        backend: "sqlite",
        url,
        db,
    });
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL")
        && !admin.trim().is_empty()
    {
        let url = create_pg_database(&admin)
            .await
            .expect("create a PostgreSQL test database (TEST_DATABASE_URL)");
        let db = Db::connect_unmigrated(&url)
            .await
            .expect("connect to the PostgreSQL test database");
        out.push(TestDb {
            backend: "postgres",
            url,
            db,
        });
    }
    out
}

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// SQLite in memory (always).
    Sqlite,
    /// PostgreSQL (when `TEST_DATABASE_URL` is set).
    Postgres,
}

/// The URL of a fresh database of `backend`: SQLite in memory, or a new
/// PostgreSQL database next to `TEST_DATABASE_URL` (`None` when it is not
/// set). Panics if a configured PostgreSQL cannot be reached.
pub async fn database_url(backend: Backend) -> Option<String> {
    match backend {
        Backend::Sqlite => Some("sqlite::memory:".to_owned()),
        Backend::Postgres => {
            let admin = std::env::var("TEST_DATABASE_URL").ok()?;
            if admin.trim().is_empty() {
                return None;
            }
            Some(
                create_pg_database(&admin)
                    .await
                    .expect("create a PostgreSQL test database (TEST_DATABASE_URL)"),
            )
        }
    }
}

/// Like [`database_url`], with SQLite in a new file (for tests that run a
/// program against the database, which cannot share an in-memory one).
pub async fn file_database_url(backend: Backend) -> Option<String> {
    match backend {
        Backend::Sqlite => {
            let dir =
                std::env::temp_dir().join(format!("crt-test-{:016x}", rand::rng().random::<u64>()));
            std::fs::create_dir_all(&dir).expect("a temporary directory");
            Some(format!("sqlite://{}/crt.sqlite3", dir.display()))
        }
        Backend::Postgres => database_url(backend).await,
    }
}

/// One fresh, empty database of `backend` (`None`: PostgreSQL not configured).
pub async fn empty_database(backend: Backend) -> Option<TestDb> {
    let url = database_url(backend).await?;
    let db = Db::connect_unmigrated(&url)
        .await
        .expect("open the test database");
    Some(TestDb {
        backend: match backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        },
        url,
        db,
    })
}

/// One fresh database of `backend` with every migration applied.
pub async fn migrated_database(backend: Backend) -> Option<TestDb> {
    let t = empty_database(backend).await?;
    t.db.migrate().await.expect("migrate the test database");
    Some(t)
}

/// One test per backend, so a failure names its database: for
/// `async fn name(t: TestDb)` (or `(url: String)` with `url`),
/// `per_backend!(name)` makes the tests `name::sqlite` and
/// `name::postgres` (the latter passes with a note when
/// `TEST_DATABASE_URL` is not set; `.ci/run` sets it and checks that
/// PostgreSQL databases were made). The second argument picks what the
/// test receives: `migrated_database` (default), `empty_database`,
/// `file_database_url` (a URL, SQLite in a file) or `url` (a URL, SQLite in
/// memory); the rest is the test attribute (default `tokio::test`).
#[macro_export]
macro_rules! per_backend {
    ($test:ident) => {
        $crate::per_backend!($test, migrated_database, tokio::test);
    };
    ($test:ident, $make:ident) => {
        $crate::per_backend!($test, $make, tokio::test);
    };
    ($test:ident, url, $($attr:tt)+) => {
        $crate::per_backend!(@tests $test, database_url, $($attr)+);
    };
    ($test:ident, $make:ident, $($attr:tt)+) => {
        $crate::per_backend!(@tests $test, $make, $($attr)+);
    };
    (@tests $test:ident, $make:ident, $($attr:tt)+) => {
        mod $test {
            #[$($attr)+]
            async fn sqlite() {
                let db = $crate::testing::$make($crate::testing::Backend::Sqlite).await;
                super::$test(db.expect("SQLite is always available")).await;
            }

            #[$($attr)+]
            async fn postgres() {
                match $crate::testing::$make($crate::testing::Backend::Postgres).await {
                    Some(db) => super::$test(db).await,
                    None => eprintln!("TEST_DATABASE_URL is not set: not run on PostgreSQL"),
                }
            }
        }
    };
}

/// Like [`empty_databases`], with every migration applied.
pub async fn migrated_databases() -> Vec<TestDb> {
    let dbs = empty_databases().await;
    for t in &dbs {
        t.db.migrate().await.expect("migrate the test database");
    }
    dbs
}

/// Rows in one of the portal's tables (tests check side effects with it).
/// `table` must be a plain identifier.
pub async fn count_rows(db: &Db, table: &str) -> u64 {
    assert!(
        table.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
        "table name"
    );
    let backend = db.conn.get_database_backend();
    let row = db
        .conn
        .query_one_raw(sea_orm::Statement::from_string(
            backend,
            format!("SELECT COUNT(*) AS n FROM {table}"),
        ))
        .await
        .expect("count rows")
        .expect("one row");
    let n: i64 = row.try_get("", "n").expect("a count");
    u64::try_from(n).unwrap_or(0)
}

/// The protected-class values the form offers, read from the table itself
/// (a database part-way through its migrations).
pub async fn offered_values(db: &Db) -> Vec<String> {
    let backend = db.conn.get_database_backend();
    db.conn
        .query_all_raw(sea_orm::Statement::from_string(
            backend,
            "SELECT value FROM protected_class WHERE form_order IS NOT NULL ORDER BY form_order"
                .to_owned(),
        ))
        .await
        .expect("offered values")
        .into_iter()
        .map(|r| r.try_get::<String>("", "value").expect("a value"))
        .collect()
}

/// The rows of a query whose columns are all text (or NULL), for tests that
/// check stored values column by column.
pub async fn text_rows(db: &Db, sql: &str, columns: &[&str]) -> Vec<Vec<Option<String>>> {
    let backend = db.conn.get_database_backend();
    db.conn
        .query_all_raw(sea_orm::Statement::from_string(backend, sql.to_owned()))
        .await
        .expect("test query")
        .into_iter()
        .map(|r| {
            columns
                .iter()
                .map(|c| r.try_get::<Option<String>>("", c).expect("a text column"))
                .collect()
        })
        .collect()
}

/// Moves a report's closing date (time passing, for retention tests).
pub async fn set_closed_date(db: &Db, report: i64, when: chrono::DateTime<chrono::Utc>) {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    crate::entities::report::Entity::update_many()
        .col_expr(
            crate::entities::report::Column::ClosedDate,
            Expr::value(when),
        )
        .filter(crate::entities::report::Column::Id.eq(report))
        .exec(&db.conn)
        .await
        .expect("closing date moved");
}

/// Runs one sea-query statement (tests that must write rows the way an
/// older schema had them, below the repository).
pub async fn execute<S: sea_orm::StatementBuilder>(db: &Db, stmt: &S) {
    db.conn.execute(stmt).await.expect("test statement");
}

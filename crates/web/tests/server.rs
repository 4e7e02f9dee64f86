//! The real server on port 0 with a fresh database, spoken to over HTTP.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use crt_web::{Application, Settings};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

async fn spawn_app(database_url: &str) -> u16 {
    let url = database_url.to_owned();
    let settings = Settings::from_lookup(|k| match k {
        "PORT" => Some("0".into()),
        "DATABASE_URL" => Some(url.clone()),
        "ENV" => Some("TEST".into()),
        _ => None,
    })
    .unwrap();
    let app = Application::build(settings).await.expect("build app");
    let port = app.port();
    tokio::spawn(app.run_until_stopped());
    port
}

/// A plain HTTP/1.1 GET; returns (status, body).
async fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let req = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

async fn health_reports_the_database(url: String) {
    let port = spawn_app(&url).await;
    let (status, body) = get(port, "/health").await;
    assert_eq!(status, 200, "{body}");
    let backend = if url.starts_with("sqlite") {
        "sqlite"
    } else {
        "postgres"
    };
    assert!(
        body.contains(&format!("\"database\":\"{backend}\"")),
        "{body}"
    );
}
crt_persistence::per_backend!(health_reports_the_database, url);

#[tokio::test]
async fn landing_page_lists_the_primary_concerns() {
    let port = spawn_app("sqlite::memory:").await;
    let (status, body) = get(port, "/").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Voting rights or ability to vote affected"),
        "{body}"
    );
    assert!(body.contains("911"));
    let (status, _) = get(port, "/no-such-page").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_sqlite_file_is_created_with_its_directory() {
    let dir = std::env::temp_dir().join(format!("crt-web-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let url = format!("sqlite://{}/nested/crt.sqlite3", dir.display());
    let port = spawn_app(&url).await;
    assert_eq!(get(port, "/health").await.0, 200);
    assert!(dir.join("nested/crt.sqlite3").exists());
}

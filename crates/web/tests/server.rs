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

async fn spawn_with(vars: &'static [(&'static str, &'static str)]) -> u16 {
    let settings = Settings::from_lookup(|k| match k {
        "PORT" => Some("0".into()),
        "DATABASE_URL" => Some("sqlite::memory:".into()),
        "ENV" => Some("TEST".into()),
        _ => vars
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| (*v).to_owned()),
    })
    .unwrap();
    let app = Application::build(settings).await.expect("build app");
    let port = app.port();
    tokio::spawn(app.run_until_stopped());
    port
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_sending_its_headers_a_byte_at_a_time_is_dropped() {
    let port = spawn_with(&[("REQUEST_HEADER_TIMEOUT", "1")]).await;
    let mut slow = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let started = std::time::Instant::now();
    let head = b"GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let mut dropped_after = None;
    for b in head.iter().take(head.len() - 2) {
        // Normal requests keep being served meanwhile.
        assert_eq!(get(port, "/health").await.0, 200);
        if slow.write_all(&[*b]).await.is_err() {
            dropped_after = Some(started.elapsed());
            break;
        }
        let mut probe = [0u8; 1];
        match tokio::time::timeout(std::time::Duration::from_millis(150), slow.read(&mut probe))
            .await
        {
            Ok(Ok(0) | Err(_)) => {
                dropped_after = Some(started.elapsed());
                break;
            }
            Ok(Ok(_)) => panic!("the server answered a request whose headers never ended"),
            Err(_) => {} // still open
        }
        assert!(started.elapsed().as_secs() < 6, "still connected after 6 s");
    }
    let after = dropped_after.expect("the slow connection was closed");
    assert!(
        after.as_millis() >= 900,
        "not before the timeout: {after:?}"
    );
    // A client that sends its headers in time is served.
    assert_eq!(get(port, "/health").await.0, 200);
}

#[tokio::test]
async fn connections_over_the_cap_wait_to_be_accepted() {
    let port = spawn_with(&[("MAX_CONNECTIONS", "1")]).await;
    let held = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    // The one slot is taken: a second request is not answered...
    let waiting =
        tokio::time::timeout(std::time::Duration::from_millis(500), get(port, "/health")).await;
    assert!(
        waiting.is_err(),
        "answered although the only slot was taken"
    );
    // ...until the first connection goes.
    drop(held);
    let served = tokio::time::timeout(std::time::Duration::from_secs(5), get(port, "/health"))
        .await
        .expect("served once the slot is free");
    assert_eq!(served.0, 200);
}

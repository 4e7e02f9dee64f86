//! A PostgreSQL outage in the middle of someone's report: the portal talks
//! to the database through a TCP relay that this test cuts (every open
//! connection dropped, new ones closed at once, as a restarting server
//! does) and restores. During the outage pages answer 503 within a few
//! seconds and the form step comes back with what was typed; after it the
//! pool recovers by itself within 5 s and the same draft carries on to a
//! stored report. Runs when TEST_DATABASE_URL is set (as in .ci/run).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use reqwest::StatusCode;
use tokio::{net::TcpListener, sync::broadcast};

/// A relay to PostgreSQL that can be cut and restored.
struct Relay {
    port: u16,
    up: Arc<AtomicBool>,
    cut: broadcast::Sender<()>,
}

impl Relay {
    async fn start(target: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let (cut, _) = broadcast::channel::<()>(4);
        let (flag, cuts) = (up.clone(), cut.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    return;
                };
                if !flag.load(Ordering::SeqCst) {
                    drop(client); // a server that is down closes at once
                    continue;
                }
                let target = target.clone();
                let mut cut = cuts.subscribe();
                tokio::spawn(async move {
                    let Ok(mut server) = tokio::net::TcpStream::connect(target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.recv() => {} // both sockets dropped
                    }
                });
            }
        });
        Self { port, up, cut }
    }

    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        let _ = self.cut.send(());
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

/// `postgres://user@host:port/db` → the same through `127.0.0.1:port`.
fn through(url: &str, port: u16) -> (String, String) {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (auth, path) = rest.split_once('/').unwrap();
    let (user, hostport) = match auth.rsplit_once('@') {
        Some((u, h)) => (format!("{u}@"), h),
        None => (String::new(), auth),
    };
    let hostport = if hostport.contains(':') {
        hostport.to_owned()
    } else {
        format!("{hostport}:5432")
    };
    (
        format!("{scheme}://{user}127.0.0.1:{port}/{path}"),
        hostport,
    )
}

async fn post(
    app: &mut common::TestApp,
    step: &str,
    fields: &[(&'static str, String)],
) -> common::Page {
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_step(step, "next", &f).await
}

/// Named `…::postgres` like the per-backend tests, so CI's count of
/// PostgreSQL tests that ran includes it.
mod a_database_outage_answers_503_keeps_answers_and_recovers {
    #[tokio::test]
    async fn postgres() {
        super::outage().await;
    }
}

async fn outage() {
    let Some(url) =
        crt_persistence::testing::database_url(crt_persistence::testing::Backend::Postgres).await
    else {
        eprintln!("TEST_DATABASE_URL is not set: not run on PostgreSQL");
        return;
    };
    crt_persistence::Db::connect(&url)
        .await
        .unwrap()
        .migrate()
        .await
        .unwrap();
    let (_, target) = through(&url, 0);
    let relay = Relay::start(target).await;
    let (relayed, _) = through(&url, relay.port);
    let mut app = common::spawn_with(&relayed, &[]).await;

    // Two steps in: the draft is stored.
    let steps = common::steps_for("voting", &["race_color"]);
    let pairs = |f: &[(&'static str, String)]| -> Vec<(&'static str, String)> { f.to_vec() };
    assert!(steps.len() > 3);
    app.get("/report/").await;
    for (step, fields) in &steps[..2] {
        let r = post(&mut app, step, fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{step}: {}", r.body);
        app.get("/report/").await;
    }

    // A staff member is signed in, in another browser.
    let mut staff = app.another_browser();
    common::sign_in_new_staff(&mut staff, "ana", "a long enough password").await;
    assert_eq!(staff.get("/form/view/").await.status, StatusCode::OK);

    relay.cut();
    // A page that reads the database: 503, quickly, saying nothing inside.
    let started = Instant::now();
    let health = app.get("/health").await;
    assert_eq!(health.status, StatusCode::SERVICE_UNAVAILABLE);
    // Staff pages too: their session cannot be read (a 503, not a 500).
    for page in ["/form/view/", "/form/notifications/"] {
        let r = staff.get(page).await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{page}");
    }
    let (step, fields) = &steps[2];
    let posted = post(&mut app, step, fields).await;
    let waited = started.elapsed();
    assert_eq!(
        posted.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        posted.body
    );
    assert!(
        waited < Duration::from_secs(8),
        "two requests during the outage took {waited:?}"
    );
    assert!(posted.body.contains("We could not save this page just now"));
    for (name, value) in pairs(fields) {
        if value.len() > 2 {
            assert!(
                posted.body.contains(&common::esc(&value)),
                "the typed {name} is still on the page"
            );
        }
    }
    for secret in ["sqlx", "postgres", "Connection", "relation"] {
        assert!(!posted.body.contains(secret), "no internals: {secret}");
    }

    // Back: the pool reconnects by itself within 5 s, and the same draft
    // (the same browser session) goes on to a stored report.
    relay.restore();
    let back = Instant::now();
    loop {
        if app.get("/health").await.status == StatusCode::OK {
            break;
        }
        assert!(
            back.elapsed() < Duration::from_secs(5),
            "not recovered in 5 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let current = app.get("/report/").await;
    assert!(
        current
            .body
            .contains(&format!("name=\"step\" value=\"{step}\"")),
        "the draft is still on the step that could not be saved"
    );
    for (step, fields) in &steps[2..] {
        let r = post(&mut app, step, fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{step}: {}", r.body);
        app.get("/report/").await;
    }
    let r = app.post_step("review", "submit", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.stored_reports().await, 1, "the report is stored once");
}

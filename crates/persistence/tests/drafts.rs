//! Wizard drafts on both backends: save/load, version guard, expiry,
//! submission exactly once with its outbox row.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use chrono::Duration;
use common::{at, report, staff_for};
use crt_domain::{
    draft::{Draft, Rekey},
    ports::{
        DraftError, DraftRepository, NewOutboxEmail, ProtectedClassRepository, ReportRepository,
    },
    validation::Answers,
    values::Email,
};
use crt_persistence::testing::count_rows;

fn ttl() -> Duration {
    Duration::hours(24)
}

/// Filing at 25th 10:00 moves the draft to `to`; the old key expires five
/// minutes later.
fn moved(to: &str) -> Rekey {
    Rekey {
        to: to.to_owned(),
        old_expires: at(25, 10) + Duration::minutes(5),
        new_expires: at(25, 10) + ttl(),
    }
}

async fn save_load_and_version_guard(t: crt_persistence::testing::TestDb) {
    let b = t.backend;
    assert_eq!(t.db.load_draft("k1", at(25, 9)).await.unwrap(), None);
    let mut d = Draft::new();
    d.answers = Answers::from_pairs([("contact_first_name", "Ana <b>")]);
    d.version = t.db.save_draft("k1", &d, at(25, 9), ttl()).await.unwrap();
    assert_eq!(d.version, 1);
    let loaded = t.db.load_draft("k1", at(25, 10)).await.unwrap().unwrap();
    assert_eq!(loaded, d, "{b}");

    d.current_step = "primary-concern".into();
    d.version = t.db.save_draft("k1", &d, at(25, 10), ttl()).await.unwrap();
    assert_eq!(d.version, 2);
    // A stale copy (another tab) cannot overwrite.
    let stale = Draft {
        version: 1,
        ..d.clone()
    };
    assert!(
        matches!(
            t.db.save_draft("k1", &stale, at(25, 11), ttl()).await,
            Err(DraftError::Conflict)
        ),
        "{b}"
    );
    // Creating a second "new" draft for the same live session conflicts too.
    assert!(matches!(
        t.db.save_draft("k1", &Draft::new(), at(25, 11), ttl())
            .await,
        Err(DraftError::Conflict)
    ));
}
crt_persistence::per_backend!(save_load_and_version_guard);

async fn drafts_expire_and_are_purged(t: crt_persistence::testing::TestDb) {
    let d = Draft::new();
    t.db.save_draft("old", &d, at(1, 9), ttl()).await.unwrap();
    t.db.save_draft("new", &d, at(25, 9), ttl()).await.unwrap();
    assert!(
        t.db.load_draft("old", at(3, 9)).await.unwrap().is_none(),
        "{}: expired after 24 h idle",
        t.backend
    );
    assert!(t.db.load_draft("new", at(25, 20)).await.unwrap().is_some());
    assert_eq!(t.db.purge_expired_drafts(at(25, 10)).await.unwrap(), 1);
    assert_eq!(count_rows(&t.db, "report_draft").await, 1);
    // An expired session may start afresh with the same key.
    t.db.save_draft("old", &d, at(25, 10), ttl()).await.unwrap();
}
crt_persistence::per_backend!(drafts_expire_and_are_purged);

async fn submit_files_one_report_with_its_outbox_row(t: crt_persistence::testing::TestDb) {
    let b = t.backend;
    let catalog = t.db.catalog().await.unwrap();
    let r = report(&catalog, "police", &["race_color"], &[]);
    let mut d = Draft::new();
    d.version = t.db.save_draft("s", &d, at(25, 9), ttl()).await.unwrap();
    let email = NewOutboxEmail {
        recipient: Email::parse("ana@example.org").unwrap(),
        purpose: "auto".into(),
        template: "autoresponse".into(),
    };
    let record =
        t.db.submit_draft(
            "s",
            d.version,
            &moved("s-new"),
            &r,
            &staff_for(&r),
            Some(email.clone()),
            at(25, 10),
        )
        .await
        .unwrap();
    assert_eq!(record.report, r);
    assert_eq!(count_rows(&t.db, "email_outbox").await, 1, "{b}");

    // The draft is cleared and remembers the report, under the old key for
    // five minutes and under the new one for the day.
    let soon = at(25, 10) + Duration::minutes(4);
    let after = t.db.load_draft("s", soon).await.unwrap().unwrap();
    assert_eq!(after.submitted, Some(record.public_id.clone()));
    assert_eq!(after.answers, Answers::new());
    assert!(
        t.db.load_draft("s", at(25, 11)).await.unwrap().is_none(),
        "{b}"
    );
    let new = t.db.load_draft("s-new", at(25, 11)).await.unwrap().unwrap();
    assert_eq!(new.submitted, Some(record.public_id.clone()));
    assert_eq!(new.answers, Answers::new());

    // A second click files nothing and says which report it was.
    let again =
        t.db.submit_draft(
            "s",
            d.version,
            &moved("s-other"),
            &r,
            &staff_for(&r),
            Some(email),
            at(25, 10),
        )
        .await;
    match again {
        Err(DraftError::AlreadySubmitted(id)) => assert_eq!(id, record.public_id),
        other => panic!("{b}: expected AlreadySubmitted, got {other:?}"),
    }
    assert_eq!(
        t.db.list(&Default::default()).await.unwrap().total.value(),
        1,
        "{b}"
    );
    assert_eq!(count_rows(&t.db, "email_outbox").await, 1);

    // After submitting, the session may start a new draft.
    assert_eq!(
        t.db.save_draft("s", &Draft::new(), at(25, 12), ttl())
            .await
            .unwrap(),
        1
    );
}
crt_persistence::per_backend!(submit_files_one_report_with_its_outbox_row);

async fn concurrent_submissions_file_exactly_one_report(url: String) {
    // A SQLite file with a pool of connections, or PostgreSQL: the race is
    // real on both (one in-memory connection would serialise everything).
    let t = crt_persistence::testing::TestDb {
        backend: if url.starts_with("sqlite") {
            "sqlite"
        } else {
            "postgres"
        },
        db: crt_persistence::Db::connect(&url).await.unwrap(),
        url,
    };
    let catalog = t.db.catalog().await.unwrap();
    let r = report(&catalog, "housing", &["age"], &[("contact_email", "")]);
    let d = Draft::new();
    let v = t.db.save_draft("race", &d, at(25, 9), ttl()).await.unwrap();
    let staff = staff_for(&r);
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let (db, r, staff) = (t.db.clone(), r.clone(), staff.clone());
            tokio::spawn(async move {
                db.submit_draft(
                    "race",
                    v,
                    &moved(&format!("race-{i}")),
                    &r,
                    &staff,
                    None,
                    at(25, 10),
                )
                .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("task"));
    }
    let ok = results.iter().filter(|x| x.is_ok()).count();
    assert_eq!(ok, 1, "{results:?}");
    assert!(results.iter().all(|x| x.is_ok()
        || matches!(
            x,
            Err(DraftError::AlreadySubmitted(_)) | Err(DraftError::Conflict)
        )));
    assert_eq!(
        t.db.list(&Default::default()).await.unwrap().total.value(),
        1
    );
    assert_eq!(
        count_rows(&t.db, "email_outbox").await,
        0,
        "no e-mail given, no outbox row"
    );
}
crt_persistence::per_backend!(
    concurrent_submissions_file_exactly_one_report,
    file_database_url,
    tokio::test(flavor = "multi_thread", worker_threads = 4)
);

/// Many people submitting at once must all get their report filed, on a
/// SQLite file with a pool of connections too (a transaction that reads
/// before it writes would fail there with "database is locked").
async fn concurrent_submissions_of_different_drafts_all_succeed(url: String) {
    let db = crt_persistence::Db::connect(&url).await.unwrap();
    let catalog = db.catalog().await.unwrap();
    let r = report(&catalog, "education", &["disability"], &[]);
    let staff = staff_for(&r);
    let tasks: Vec<_> = (0..32)
        .map(|i| {
            let (db, r, staff) = (db.clone(), r.clone(), staff.clone());
            tokio::spawn(async move {
                let key = format!("session-{i}");
                let v = db.save_draft(&key, &Draft::new(), at(25, 9), ttl()).await?;
                db.submit_draft(
                    &key,
                    v,
                    &moved(&format!("{key}-new")),
                    &r,
                    &staff,
                    None,
                    at(25, 10),
                )
                .await
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("task").expect("every submission is filed");
    }
    assert_eq!(
        db.list(&Default::default()).await.unwrap().total.value(),
        32,
        "{}",
        db.backend_name()
    );
}
crt_persistence::per_backend!(
    concurrent_submissions_of_different_drafts_all_succeed,
    file_database_url,
    tokio::test(flavor = "multi_thread", worker_threads = 4)
);

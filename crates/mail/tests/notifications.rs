//! Staff notifications over the real repositories, on both backends: the
//! "Assigned to you" e-mail goes once to whoever wants it, however many
//! senders run at once; digests follow each person's choice (daily, more
//! than N) and arrive at an SMTP server (the catcher) through the outbox.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use common::at;
use crt_domain::{
    accounts::{NewUser, User},
    email::{EmailSender, OutboxRepository, RecipientPolicy},
    ports::{
        FixedClock, NotificationRepository, ReportRepository, SavedSearchRepository, UserRepository,
    },
    protected_class::current_catalog,
    report::{ReportId, Section},
    saved_search::NewSavedSearch,
    service::{ChoiceError, Notifications, SendSummary, change_report},
    staff::StaffChange,
    values::{Email, PublicId},
};
use crt_mail::{
    UnsubscribeLinks, catcher::SmtpCatcher, letters::LetterBook, notices::Notices,
    smtp::SmtpSender, worker::Worker,
};
use crt_persistence::{Db, testing::TestDb};

fn notifier(db: &Db, now: DateTime<Utc>) -> Notifications {
    Notifications {
        repo: Arc::new(db.clone()),
        reports: Arc::new(db.clone()),
        counts: Arc::new(db.clone()),
        renderer: Arc::new(Notices::new("https://portal.example").unwrap()),
        clock: Arc::new(FixedClock(now)),
        day_starts: 12,
    }
}

async fn send(db: &Db, now: DateTime<Utc>) -> SendSummary {
    notifier(db, now).send().await.unwrap()
}

async fn person(db: &Db, name: &str, email: Option<&str>, section: Section) -> User {
    db.create_user(
        &NewUser {
            username: name.into(),
            email: email.map(|e| Email::parse(e).unwrap()),
            display_name: name.into(),
            portal_access: true,
            section: Some(section),
            password_hash: None,
            emergency_local: false,
        },
        at(1, 9),
    )
    .await
    .unwrap()
}

async fn filed(db: &Db, section: Section, now: DateTime<Utc>) -> (ReportId, PublicId) {
    let r = common::report(&current_catalog(), &[]);
    let mut staff = common::staff_for(&r);
    staff.assigned_section = section;
    let rec = db.create(&r, &staff, now).await.unwrap();
    (rec.id, rec.public_id)
}

async fn assign(db: &Db, id: ReportId, to: &str, by: &str, now: DateTime<Utc>) {
    let version = db.get(id).await.unwrap().version;
    let change = StaffChange {
        assigned_to: Some(Some(to.into())),
        ..Default::default()
    };
    change_report(db, id, version, &change, by, now)
        .await
        .unwrap();
}

/// Every queued notice (claimed, so each is seen once).
async fn queued(db: &Db) -> Vec<crt_domain::email::OutboxEmail> {
    db.claim_due(at(28, 0), 1000, Duration::from_secs(600))
        .await
        .unwrap()
}

async fn assigned_notices_go_once_to_whoever_wants_them(t: TestDb) {
    let db = &t.db;
    for (name, email) in [
        ("ana", Some("ana@example.gov")),
        ("bo", Some("bo@example.gov")),
        ("cy", Some("cy@example.gov")),
        ("dee", None),
    ] {
        person(db, name, email, Section::Voting).await;
    }
    // The first pass of a new database starts at the log's end.
    assert_eq!(send(db, at(5, 12)).await, SendSummary::default());
    db.set_notification_choices("cy", false, &[], 0, at(5, 12))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for _ in 0..4 {
        ids.push(filed(db, Section::Voting, at(5, 13)).await);
    }
    assign(db, ids[0].0, "bo", "ana", at(5, 13)).await;
    assign(db, ids[1].0, "cy", "ana", at(5, 13)).await; // turned off
    assign(db, ids[2].0, "dee", "ana", at(5, 13)).await; // no address
    assign(db, ids[3].0, "bo", "bo", at(5, 13)).await; // took it himself
    // Three senders at once (instances, or the command run twice).
    let (a, b, c) = tokio::join!(
        send(db, at(5, 14)),
        send(db, at(5, 14)),
        send(db, at(5, 14))
    );
    assert_eq!(a.assigned + b.assigned + c.assigned, 1, "{a:?} {b:?} {c:?}");
    assert_eq!(a.assigned_passed + b.assigned_passed + c.assigned_passed, 3);
    assert_eq!(send(db, at(5, 15)).await.assigned, 0, "nothing twice");
    // A later assignment is announced by the next pass.
    assign(db, ids[1].0, "bo", "ana", at(5, 16)).await;
    assert_eq!(send(db, at(5, 17)).await.assigned, 1);
    let mails = queued(db).await;
    let subjects: Vec<(String, String)> = mails
        .iter()
        .map(|m| (m.recipient.clone(), m.subject.clone().unwrap()))
        .collect();
    assert_eq!(
        subjects,
        vec![
            (
                "bo@example.gov".to_owned(),
                format!("Assigned to you: report {}", ids[0].1)
            ),
            (
                "bo@example.gov".to_owned(),
                format!("Assigned to you: report {}", ids[1].1)
            ),
        ]
    );
    let link = format!("https://portal.example/form/view/{}/", ids[0].0.0);
    assert!(
        mails[0].body.as_deref().unwrap().contains(&link),
        "{:?}",
        mails[0].body
    );
}
crt_persistence::per_backend!(assigned_notices_go_once_to_whoever_wants_them);

async fn digests_follow_each_choice_and_reach_an_smtp_server(t: TestDb) {
    let db = &t.db;
    person(db, "ana", Some("ana@example.gov"), Section::Voting).await;
    let bo = person(db, "bo", Some("bo@example.gov"), Section::Voting).await;
    let search = db
        .create_saved_search(
            "ana",
            "abcdefgh",
            &NewSavedSearch {
                name: "Voting <new>".into(),
                query: "assigned_section=VOT".into(),
                shared_with: Some(Section::Voting),
            },
            at(5, 9),
        )
        .await
        .unwrap();
    let visible = [search.clone()];
    let choose = |code: &str, n: Option<&str>, now| {
        let digests = vec![(search.id, code.to_owned(), n.map(str::to_owned))];
        let (bo, db, visible) = (bo.clone(), db.clone(), visible.clone());
        async move {
            notifier(&db, now)
                .choose(&bo, true, &digests, &visible)
                .await
        }
    };
    assert!(matches!(
        choose("over", Some("0"), at(5, 9)).await,
        Err(ChoiceError::Invalid(m)) if m.contains("Voting <new>") && m.contains("from 1 to")
    ));
    choose("daily", None, at(5, 9)).await.unwrap();
    let mut vot = Vec::new();
    for _ in 0..3 {
        vot.push(filed(db, Section::Voting, at(5, 10)).await.1);
    }
    let crm = filed(db, Section::Criminal, at(5, 10)).await.1;
    let (a, b) = tokio::join!(send(db, at(5, 13)), send(db, at(5, 13)));
    assert_eq!(a.digests + b.digests, 1, "one digest: {a:?} {b:?}");
    // The same day: new reports wait for tomorrow's digest.
    vot.push(filed(db, Section::Voting, at(5, 14)).await.1);
    let s = send(db, at(5, 15)).await;
    assert_eq!((s.digests, s.digests_waiting), (0, 1));
    assert_eq!(send(db, at(6, 12)).await.digests, 1, "the next day");
    // More than 2: two new reports are not enough, a third is.
    choose("over", Some("2"), at(6, 12)).await.unwrap();
    for h in [13, 13, 14] {
        vot.push(filed(db, Section::Voting, at(6, h)).await.1);
        send(db, at(6, h) + chrono::Duration::minutes(1)).await;
    }
    let choices = db.notification_choices("bo").await.unwrap();
    assert_eq!(choices.digests.len(), 1);

    let catcher = SmtpCatcher::start("127.0.0.1:0").await.unwrap();
    let sender: Arc<dyn EmailSender> = Arc::new(
        SmtpSender::new(
            "127.0.0.1",
            catcher.addr().port(),
            "no-reply@crt-portal.localhost",
        )
        .unwrap(),
    );
    let worker = Worker::new(
        Arc::new(db.clone()),
        Arc::new(db.clone()),
        sender,
        Arc::new(LetterBook::embedded(Arc::new(crt_i18n::Messages::load().unwrap())).unwrap()),
        RecipientPolicy::default(),
        UnsubscribeLinks::new("https://portal.example", "k".repeat(40).as_str()),
    );
    worker.run_once(at(7, 0)).await.unwrap();
    let mails = catcher.wait_for(3, Duration::from_secs(5)).await;
    assert_eq!(mails.len(), 3, "three digests");
    let mut subjects: Vec<String> = mails
        .iter()
        .map(|m| m.decoded_header("Subject").unwrap())
        .collect();
    subjects.sort();
    assert_eq!(
        subjects,
        vec![
            "1 new report: Voting <new>",
            "3 new reports: Voting <new>",
            "3 new reports: Voting <new>",
        ]
    );
    for m in &mails {
        assert_eq!(m.to, vec!["bo@example.gov".to_owned()]);
        let body = m.body();
        assert!(
            !body.contains(&crm.to_string()),
            "another section's report: {body}"
        );
        assert!(body.contains("Voting &lt;new&gt;"), "{body}");
    }
    let first = mails
        .iter()
        .find(|m| m.body().contains(&vot[0].to_string()))
        .expect("the first digest");
    for p in &vot[..3] {
        assert!(
            first.body().contains(&p.to_string()),
            "{p} in the first digest"
        );
    }
    assert!(!first.body().contains(&vot[3].to_string()));
}
crt_persistence::per_backend!(digests_follow_each_choice_and_reach_an_smtp_server);

/// A weekly digest goes when its week turns (Mondays at the hour), not on
/// the day it was chosen; a daily one whose day turned with nothing new
/// keeps a report of that afternoon for the next day.
async fn digests_go_at_the_turn_of_their_day_or_week(t: TestDb) {
    let db = &t.db;
    let bo = person(db, "bo", Some("bo@example.gov"), Section::Voting).await;
    let search = db
        .create_saved_search(
            "bo",
            "abcdefgh",
            &NewSavedSearch {
                name: "Voting".into(),
                query: "assigned_section=VOT".into(),
                shared_with: None,
            },
            at(5, 9),
        )
        .await
        .unwrap();
    let visible = [search.clone()];
    let choose = |code: &str, now| {
        let digests = vec![(search.id, code.to_owned(), None)];
        let (bo, db, visible) = (bo.clone(), db.clone(), visible.clone());
        async move {
            notifier(&db, now)
                .choose(&bo, true, &digests, &visible)
                .await
        }
    };
    // 2026-11-05 is a Thursday; the week turns on Monday the 9th at 12:00.
    choose("weekly", at(5, 9)).await.unwrap();
    filed(db, Section::Voting, at(5, 10)).await;
    assert_eq!(
        send(db, at(5, 13)).await.digests_waiting,
        1,
        "not the day it was chosen"
    );
    assert_eq!(
        send(db, at(9, 11)).await.digests,
        0,
        "Monday before the hour"
    );
    assert_eq!(send(db, at(9, 12)).await.digests, 1, "Monday at the hour");

    choose("daily", at(9, 13)).await.unwrap();
    assert_eq!(
        send(db, at(10, 12)).await,
        SendSummary::default(),
        "nothing new"
    );
    filed(db, Section::Voting, at(10, 15)).await;
    assert_eq!(
        send(db, at(10, 16)).await.digests_waiting,
        1,
        "waits for tomorrow"
    );
    assert_eq!(send(db, at(11, 12)).await.digests, 1);
}
crt_persistence::per_backend!(digests_go_at_the_turn_of_their_day_or_week);

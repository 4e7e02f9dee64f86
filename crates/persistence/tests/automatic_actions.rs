//! Shared saved searches' automatic actions over the real repositories, on
//! both backends: only the owner of a shared search may set one; the
//! preview is a dry run over 30 days that counts what is on hold apart;
//! switched on, it changes each new matching report once (two runners at
//! once), never one on litigation hold, and logs each change as the
//! search's.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use common::{at, report, staff_for};
use crt_domain::{
    accounts::{NewUser, User},
    ports::{
        FixedClock, ProtectedClassRepository, ReportRepository, SavedSearchRepository,
        UserRepository,
    },
    report::{ReportId, Section, Status},
    saved_search::{AutoAction, NewSavedSearch, SavedSearch},
    service::{ActionError, ActionSummary, AutomaticActions, change_report},
    staff::StaffChange,
    values::Email,
};
use crt_persistence::{Db, per_backend, testing::TestDb};

fn actions(db: &Db, now: DateTime<Utc>) -> AutomaticActions {
    AutomaticActions {
        searches: Arc::new(db.clone()),
        reports: Arc::new(db.clone()),
        places: Arc::new(db.clone()),
        clock: Arc::new(FixedClock(now)),
    }
}

async fn person(db: &Db, name: &str) -> User {
    db.create_user(
        &NewUser {
            username: name.into(),
            email: Some(Email::parse(&format!("{name}@example.gov")).unwrap()),
            display_name: name.into(),
            portal_access: true,
            section: Some(Section::Voting),
            password_hash: None,
            emergency_local: false,
        },
        at(1, 9),
    )
    .await
    .unwrap()
}

async fn filed(db: &Db, section: Section, now: DateTime<Utc>) -> ReportId {
    let catalog = db.catalog().await.unwrap();
    let r = report(&catalog, "voting", &["race_color"], &[]);
    let mut staff = staff_for(&r);
    staff.assigned_section = section;
    db.create(&r, &staff, now).await.unwrap().id
}

async fn hold(db: &Db, id: ReportId, now: DateTime<Utc>) {
    let version = db.get(id).await.unwrap().version;
    let change = StaffChange {
        litigation_hold: Some(true),
        ..Default::default()
    };
    change_report(db, id, version, &change, "ana", now)
        .await
        .unwrap();
}

async fn search(db: &Db, code: &str, shared: Option<Section>) -> SavedSearch {
    db.create_saved_search(
        "ana",
        code,
        &NewSavedSearch {
            name: "Flood of copies".into(),
            query: "assigned_section=VOT&status=new".into(),
            shared_with: shared,
        },
        at(1, 9),
    )
    .await
    .unwrap()
}

async fn automatic_actions(t: TestDb) {
    let db = &t.db;
    let ana = person(db, "ana").await;
    let bo = person(db, "bo").await;
    let shared = search(db, "abcdefgh", Some(Section::Voting)).await;
    search(db, "hgfedcba", None).await;
    let now = at(20, 12);
    let a = actions(db, now);
    assert!(matches!(
        a.owned("abcdefgh", &bo).await,
        Err(ActionError::NotAllowed)
    ));
    assert!(matches!(
        a.owned("hgfedcba", &ana).await,
        Err(ActionError::NotAllowed)
    ));
    assert!(matches!(
        a.owned("hgfedcba", &bo).await,
        Err(ActionError::NotFound)
    ));
    assert!(matches!(
        a.owned("zzzzzzzz", &ana).await,
        Err(ActionError::NotFound)
    ));
    let s = a.owned("abcdefgh", &ana).await.unwrap();
    assert_eq!(s.id, shared.id);

    // The last 30 days: one to close, one on hold, one too old.
    let recent = filed(db, Section::Voting, now - Duration::days(10)).await;
    let held = filed(db, Section::Voting, now - Duration::days(5)).await;
    hold(db, held, now - Duration::days(5)).await;
    let old = filed(db, Section::Voting, now - Duration::days(40)).await;
    let close = AutoAction::parse("close", "One of many identical copies.", None).unwrap();
    let p = a.preview(&s, &close).await.unwrap();
    assert_eq!((p.total.value(), p.on_hold.value()), (1, 1));
    assert_eq!(
        p.sample.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![recent]
    );
    assert_eq!(
        db.get(recent).await.unwrap().staff.status,
        Status::New,
        "a dry run"
    );

    a.switch_on(&s, close, &ana).await.unwrap();
    let later = now + Duration::minutes(1);
    let fresh = filed(db, Section::Voting, later).await;
    let fresh_held = filed(db, Section::Voting, later).await;
    hold(db, fresh_held, later).await;
    let elsewhere = filed(db, Section::Criminal, later).await;
    let run = now + Duration::minutes(5);
    let (one, two) = (actions(db, run), actions(db, run));
    let (x, y) = tokio::join!(one.run(), two.run());
    let (x, y) = (x.unwrap(), y.unwrap());
    assert_eq!(x.changed + y.changed, 1, "{x:?} {y:?}");
    assert_eq!(x.on_hold + y.on_hold, 1);
    assert_eq!(
        actions(db, run).run().await.unwrap(),
        ActionSummary::default(),
        "once"
    );

    let closed = db.get(fresh).await.unwrap();
    assert_eq!(closed.staff.status, Status::Closed);
    let log = db.activity(fresh).await.unwrap();
    let by_search: Vec<_> = log
        .iter()
        .filter(|e| e.actor == "Automatic action of saved search \"Flood of copies\"")
        .collect();
    assert!(
        by_search.iter().any(|e| e.verb.starts_with("Status")),
        "{log:?}"
    );
    assert!(
        by_search
            .iter()
            .any(|e| e.new_value.as_deref() == Some("One of many identical copies.")),
        "{log:?}"
    );
    for untouched in [fresh_held, recent, old, held] {
        assert_eq!(db.get(untouched).await.unwrap().staff.status, Status::New);
    }
    assert_eq!(db.get(elsewhere).await.unwrap().staff.status, Status::New);

    // An owner who has left: the action waits (an operator switches it
    // off with `crt-admin saved-searches action-off`).
    db.set_active("ana", false).await.unwrap();
    let orphan = filed(db, Section::Voting, run + Duration::minutes(1)).await;
    let r = actions(db, run + Duration::minutes(5)).run().await.unwrap();
    assert_eq!((r.owner_gone, r.changed), (1, 0));
    assert_eq!(db.get(orphan).await.unwrap().staff.status, Status::New);
    db.set_active("ana", true).await.unwrap();
    actions(db, run + Duration::minutes(5)).run().await.unwrap();
    assert_eq!(
        db.get(orphan).await.unwrap().staff.status,
        Status::Closed,
        "back"
    );

    // Moving, and switching off.
    let s = a.owned("abcdefgh", &ana).await.unwrap();
    let mv = AutoAction::parse("move", "", Some(Section::Criminal)).unwrap();
    actions(db, run).switch_on(&s, mv, &ana).await.unwrap();
    let next = filed(db, Section::Voting, run + Duration::minutes(1)).await;
    let r = actions(db, run + Duration::minutes(5)).run().await.unwrap();
    assert_eq!(r.changed, 1);
    assert_eq!(
        db.get(next).await.unwrap().staff.assigned_section,
        Section::Criminal
    );
    a.switch_off(&s).await.unwrap();
    let last = filed(db, Section::Voting, run + Duration::minutes(6)).await;
    actions(db, run + Duration::minutes(10))
        .run()
        .await
        .unwrap();
    assert_eq!(
        db.get(last).await.unwrap().staff.assigned_section,
        Section::Voting,
        "off"
    );
}
per_backend!(automatic_actions);

//! The report and protected-class repositories, on SQLite always and on
//! PostgreSQL when TEST_DATABASE_URL is set (each test in a fresh database).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use common::{at, report, staff_for};
use crt_domain::{
    choice::Choice,
    ports::{
        AssigneeFilter, Direction, ProtectedClassRepository, ReportFilters, ReportQuery,
        ReportRepository, RepositoryError, SortField,
    },
    report::{PrimaryComplaint, ReportId, Section, Status},
    staff::StaffChange,
    values::PublicId,
};

async fn create_and_read_back_every_concern(t: crt_persistence::testing::TestDb) {
    let catalog = t.db.catalog().await.unwrap();
    for p in PrimaryComplaint::ALL {
        let r = report(&catalog, p.value(), &["race_color", "disability"], &[]);
        let staff = staff_for(&r);
        let saved = t.db.create(&r, &staff, at(25, 10)).await.unwrap();
        assert_eq!(saved.report, r, "{} {p:?}", t.backend);
        assert_eq!(saved.staff, staff);
        assert_eq!(saved.version, 1);
        assert_eq!(saved.create_date, at(25, 10));
        // Protected classes come back in form order whatever the input order.
        assert_eq!(saved.report.protected_classes, ["disability", "race_color"]);
        let by_id = t.db.get(saved.id).await.unwrap();
        assert_eq!(by_id, saved);
        let by_public = t.db.get_by_public_id(&saved.public_id).await.unwrap();
        assert_eq!(by_public, saved);
    }
}
crt_persistence::per_backend!(create_and_read_back_every_concern);

async fn public_id_must_match_number_and_letters(t: crt_persistence::testing::TestDb) {
    let catalog = t.db.catalog().await.unwrap();
    let r = report(&catalog, "housing", &["age"], &[]);
    let saved = t.db.create(&r, &staff_for(&r), at(25, 10)).await.unwrap();
    let text = saved.public_id.to_string();
    assert!(text.starts_with(&format!("{}-", saved.id.0)));
    let wrong_letters = if saved.public_id.suffix() == "BBB" {
        "CCC"
    } else {
        "BBB"
    };
    let wrong = PublicId::from_parts(saved.id.0, wrong_letters).unwrap();
    assert!(
        matches!(
            t.db.get_by_public_id(&wrong).await,
            Err(RepositoryError::NotFound)
        ),
        "{}",
        t.backend
    );
    assert!(matches!(
        t.db.get(ReportId(saved.id.0 + 100)).await,
        Err(RepositoryError::NotFound)
    ));
}
crt_persistence::per_backend!(public_id_must_match_number_and_letters);

async fn unknown_protected_class_stores_nothing(t: crt_persistence::testing::TestDb) {
    let catalog = t.db.catalog().await.unwrap();
    let mut r = report(&catalog, "housing", &["age"], &[]);
    r.protected_classes.push("made_up".into());
    let err =
        t.db.create(&r, &staff_for(&r), at(25, 10))
            .await
            .unwrap_err();
    assert!(
        matches!(err, RepositoryError::Invalid(_)),
        "{}: {err}",
        t.backend
    );
    let page = t.db.list(&ReportQuery::default()).await.unwrap();
    assert_eq!(page.total.value(), 0, "{}", t.backend);
}
crt_persistence::per_backend!(unknown_protected_class_stores_nothing);

async fn list_filters_sorts_and_pages(t: crt_persistence::testing::TestDb) {
    let catalog = t.db.catalog().await.unwrap();
    let mut ids = Vec::new();
    for (i, (p, classes)) in [
        ("voting", vec!["disability"]),     // DRS
        ("voting", vec!["race_color"]),     // VOT
        ("workplace", vec!["immigration"]), // IER
        ("housing", vec!["age", "sex"]),    // HCE
        ("police", vec!["religion"]),       // SPL (inside)
    ]
    .into_iter()
    .enumerate()
    {
        let email = format!("person{}@example.org", i % 2);
        let r = report(&catalog, p, &classes, &[("contact_email", &email)]);
        let saved =
            t.db.create(&r, &staff_for(&r), at(20 + i as u32, 9))
                .await
                .unwrap();
        ids.push(saved.id);
    }
    let b = t.backend;
    let list = |filters: ReportFilters| ReportQuery {
        filters,
        ..Default::default()
    };

    // Default: newest first.
    let all = t.db.list(&ReportQuery::default()).await.unwrap();
    assert_eq!(all.total.value(), 5);
    assert_eq!(
        all.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        ids.iter().rev().copied().collect::<Vec<_>>(),
        "{b}"
    );

    let drs_vot =
        t.db.list(&list(ReportFilters {
            sections: vec![Section::DisabilityRights, Section::Voting],
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(drs_vot.total.value(), 2, "{b}");

    let by_class =
        t.db.list(&list(ReportFilters {
            protected_classes: vec!["sex".into()],
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(
        by_class.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        [ids[3]],
        "{b}"
    );

    let by_email =
        t.db.list(&list(ReportFilters {
            contact_email: Some("PERSON1@example.org".into()),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(
        by_email.total.value(),
        2,
        "{b}: case-insensitive e-mail match"
    );

    let by_concern =
        t.db.list(&list(ReportFilters {
            primary_complaints: vec![PrimaryComplaint::Voting],
            statuses: vec![Status::New],
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(by_concern.total.value(), 2, "{b}");

    let unassigned =
        t.db.list(&list(ReportFilters {
            assigned_to: Some(AssigneeFilter::Unassigned),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(unassigned.total.value(), 5, "{b}");

    let dated =
        t.db.list(&list(ReportFilters {
            created_from: Some(at(21, 0)),
            created_before: Some(at(23, 0)),
            ..Default::default()
        }))
        .await
        .unwrap();
    assert_eq!(dated.total.value(), 2, "{b}");

    // Sorted by section ascending, two per page.
    let mut q = ReportQuery {
        sort: vec![(SortField::Section, Direction::Ascending)],
        per_page: 2,
        page: 1,
        ..Default::default()
    };
    let mut seen = Vec::new();
    for page in 1..=3 {
        q.page = page;
        let p = t.db.list(&q).await.unwrap();
        assert_eq!(p.total.value(), 5);
        seen.extend(
            p.items
                .iter()
                .map(|r| r.staff.assigned_section.value().to_owned()),
        );
    }
    assert_eq!(seen, ["DRS", "HCE", "IER", "SPL", "VOT"], "{b}");

    let bad = ReportQuery {
        page: 0,
        ..Default::default()
    };
    assert!(matches!(
        t.db.list(&bad).await,
        Err(RepositoryError::Invalid(_))
    ));
}
crt_persistence::per_backend!(list_filters_sorts_and_pages);

async fn update_writes_activity_and_detects_concurrent_edits(t: crt_persistence::testing::TestDb) {
    let b = t.backend;
    let catalog = t.db.catalog().await.unwrap();
    let r = report(&catalog, "voting", &["race_color"], &[]);
    let saved = t.db.create(&r, &staff_for(&r), at(25, 9)).await.unwrap();

    let assign = StaffChange {
        assigned_to: Some(Some("ana".into())),
        status: Some(Status::Open),
        ..Default::default()
    };
    let v2 = crt_domain::service::change_report(&t.db, saved.id, 1, &assign, "bo", at(25, 10))
        .await
        .unwrap();
    assert_eq!(v2.version, 2, "{b}");
    assert_eq!(v2.staff.assigned_to.as_deref(), Some("ana"));
    assert_eq!(v2.staff.status, Status::Open);
    assert_eq!(v2.modified_date, at(25, 10));

    // A second editor still holding version 1 loses, and nothing changes.
    let other = StaffChange {
        summary: Some("stale".into()),
        ..Default::default()
    };
    let err = crt_domain::service::change_report(&t.db, saved.id, 1, &other, "cy", at(25, 11))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            crt_domain::service::ChangeReportError::Conflict { current_version: 2 }
        ),
        "{b}: {err}"
    );
    assert_eq!(t.db.get(saved.id).await.unwrap().staff.summary, None);

    let close = StaffChange {
        status: Some(Status::Closed),
        comment: Some("done".into()),
        ..Default::default()
    };
    let v3 = crt_domain::service::change_report(&t.db, saved.id, 2, &close, "bo", at(25, 12))
        .await
        .unwrap();
    assert_eq!(v3.staff.closed_date, Some(at(25, 12)), "{b}");
    assert_eq!(v3.staff.assigned_to, None);

    let log = t.db.activity(saved.id).await.unwrap();
    let verbs: Vec<_> = log.iter().map(|a| a.verb.as_str()).collect();
    assert_eq!(
        verbs,
        [
            "Added comment:",
            "Report closed and Assignee removed",
            "Status:",
            "Assigned to:",
            "Status:"
        ],
        "{b}: newest first"
    );
    assert_eq!(log[0].new_value.as_deref(), Some("done"));
    assert_eq!(log.last().unwrap().old_value.as_deref(), Some("new"));

    // A rule violation writes nothing.
    let hold = StaffChange {
        litigation_hold: Some(true),
        ..Default::default()
    };
    crt_domain::service::change_report(&t.db, saved.id, 3, &hold, "bo", at(25, 13))
        .await
        .unwrap();
    let blocked = StaffChange {
        status: Some(Status::Open),
        ..Default::default()
    };
    assert!(matches!(
        crt_domain::service::change_report(&t.db, saved.id, 4, &blocked, "bo", at(25, 14)).await,
        Err(crt_domain::service::ChangeReportError::Rule(_))
    ));
    assert_eq!(t.db.get(saved.id).await.unwrap().version, 4, "{b}");
    assert!(matches!(
        t.db.activity(ReportId(999_999)).await,
        Err(RepositoryError::NotFound)
    ));
}
crt_persistence::per_backend!(update_writes_activity_and_detects_concurrent_edits);

async fn activity_of_a_report_without_history_and_of_none(t: crt_persistence::testing::TestDb) {
    let catalog = t.db.catalog().await.unwrap();
    let r = report(&catalog, "housing", &["age"], &[]);
    let saved = t.db.create(&r, &staff_for(&r), at(25, 10)).await.unwrap();
    assert_eq!(
        t.db.activity(saved.id).await.unwrap(),
        vec![],
        "{}",
        t.backend
    );
    assert!(
        matches!(
            t.db.activity(ReportId(saved.id.0 + 1000)).await,
            Err(RepositoryError::NotFound)
        ),
        "{}",
        t.backend
    );
}
crt_persistence::per_backend!(activity_of_a_report_without_history_and_of_none);

//! Moving a database: export from each backend, import into a fresh one on
//! each backend, and nothing is lost (reports with their protected classes,
//! activity, outbox, suppressions, users, sessions, drafts, catalog changes
//! and their audit, trends); ids continue after the imported ones; damaged,
//! truncated or mismatched files and non-empty targets are refused.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use common::{at, report, staff_for};
use crt_domain::{
    accounts::NewUser,
    catalog_change::{CatalogChange, plan},
    draft::Draft,
    email::{EmailStatus, NewLetter, OutboxRepository},
    ports::{
        DraftRepository, ProtectedClassRepository, ReportRepository, StaffSessionRepository,
        UserRepository,
    },
    staff::StaffChange,
    trends::Window,
    values::Email,
};
use crt_persistence::{
    Db, DumpError,
    testing::{TestDb, migrated_databases},
};

/// A database with a row in every table.
async fn fill(db: &Db) {
    let catalog = db.catalog().await.unwrap();
    let change = CatalogChange::Add {
        value: "citizenship".into(),
        code: "Citizenship".into(),
        label: "Citizenship status".into(),
        after: None,
    };
    let p = plan(catalog.all(), &change).unwrap();
    crt_domain::service::CatalogAdminRepository::apply_catalog_plan(
        db,
        &p,
        None,
        "ops",
        "add citizenship",
        at(1, 9),
    )
    .await
    .unwrap();
    let catalog = db.catalog().await.unwrap();
    let mut ids = Vec::new();
    for (primary, classes) in [
        ("housing", vec!["age", "citizenship"]),
        ("voting", vec!["disability"]),
        ("workplace", vec!["race_color", "sex", "religion"]),
    ] {
        let r = report(&catalog, primary, &classes, &[]);
        let rec = db.create(&r, &staff_for(&r), at(2, 10)).await.unwrap();
        ids.push(rec.id);
    }
    crt_domain::ports::AttachmentRepository::add_attachment(
        db,
        &crt_domain::ports::NewAttachment {
            report_id: ids[0],
            object_key: "reports/1/0123456789abcdef0123456789abcdef".into(),
            file_name: "Carta de queja.pdf".into(),
            content_type: "application/pdf".into(),
            size: 1234,
            sha256: "ab".repeat(32),
            uploaded_by: "ana".into(),
        },
        at(2, 11),
    )
    .await
    .unwrap();
    // A tag on the first report, and a saved search opened once.
    {
        use crt_domain::{
            ports::{SavedSearchRepository, TriageRepository},
            saved_search, tags,
        };
        let first = db.get(ids[0]).await.unwrap();
        let tag = tags::Tag {
            tag: tags::TagRef {
                section: first.staff.assigned_section,
                name: "follow-up".into(),
            },
            description: "Needs a call".into(),
            retired: false,
        };
        db.add_tag(&tag, at(2, 11)).await.unwrap();
        let add = StaffChange {
            add_tags: vec![tag.tag.clone()],
            ..Default::default()
        };
        crt_domain::service::change_report(db, first.id, first.version, &add, "ana", at(2, 11))
            .await
            .unwrap();
        let pairs = [("status".to_owned(), "new".to_owned())];
        let new = saved_search::prepare("New reports", &pairs, None).unwrap();
        let s = db
            .create_saved_search("ana", "abcdefgh", &new, at(2, 11))
            .await
            .unwrap();
        db.record_opening(s.id, "ana", at(2, 12)).await.unwrap();
    }
    // Retention: a default, and a batch approved by two reviewers with one
    // report disposed of (its tombstone).
    let third = db.get(ids[2]).await.unwrap();
    let close = StaffChange {
        status: Some(crt_domain::report::Status::Closed),
        retention_schedule: Some(Some("1-year".into())),
        ..Default::default()
    };
    crt_domain::service::change_report(db, third.id, third.version, &close, "ana", at(2, 12))
        .await
        .unwrap();
    {
        use crt_domain::{ports::RetentionRepository, retention};
        db.set_default_schedule(
            third.staff.assigned_section,
            crt_domain::report::Status::Closed,
            Some("3-year"),
        )
        .await
        .unwrap();
        let third = db.get(ids[2]).await.unwrap();
        let due = retention::DueReport {
            report: third.id,
            public_id: third.public_id.clone(),
            section: third.staff.assigned_section,
            closed_at: third.staff.closed_date.unwrap(),
            schedule: "1-year".into(),
        };
        let batch = db
            .create_batch("crt-admin", at(2, 13), at(2, 13), &[due])
            .await
            .unwrap()
            .unwrap();
        for name in ["ana", "bo"] {
            let reviewer = crt_domain::accounts::User {
                id: 0,
                username: name.into(),
                email: None,
                display_name: name.into(),
                active: true,
                portal_access: true,
                section: None,
                groups: vec![retention::RECORDS_GROUP.into()],
                emergency_local: false,
            };
            db.decide_batch(batch, at(2, 14), &move |b| retention::approve(b, &reviewer))
                .await
                .unwrap()
                .unwrap();
        }
        // Past its schedule, which cites an authority.
        let mut one = db
            .schedules()
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.code == "1-year")
            .unwrap();
        one.authority = "DAA-TEST-0001".into();
        db.save_schedule(&one).await.unwrap();
        crt_persistence::testing::set_closed_date(
            db,
            third.id.0,
            chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2020, 1, 2, 3, 4, 5).unwrap(),
        )
        .await;
        assert_eq!(
            db.dispose_report(batch, third.id, "crt-admin", at(2, 15))
                .await
                .unwrap(),
            crt_domain::ports::Disposed::Now
        );
    }
    let first = db.get(ids[0]).await.unwrap();
    let change = StaffChange {
        comment: Some("Called back; <b>hostile</b> text kept".into()),
        assigned_to: Some(Some("ana".into())),
        ..Default::default()
    };
    crt_domain::service::change_report(db, first.id, first.version, &change, "ana", at(3, 11))
        .await
        .unwrap();
    db.queue_letter(
        ids[0],
        &NewLetter {
            recipient: Email::parse("ana.lopez@example.org").unwrap(),
            template: "no_capacity".into(),
            title: "No capacity".into(),
            subject: "Your report".into(),
            body: "<p>Dear Ana</p>".into(),
            request_key: Some("a".repeat(32)),
        },
        "ana",
        at(3, 12),
    )
    .await
    .unwrap();
    db.suppress(
        &Email::parse("left@example.org").unwrap(),
        "unsubscribe link",
        at(3, 13),
    )
    .await
    .unwrap();
    let user = db
        .create_user(
            &NewUser {
                username: "ana".into(),
                email: Some(Email::parse("ana@crt.example.org").unwrap()),
                display_name: "Ana".into(),
                portal_access: true,
                section: Some(crt_domain::report::Section::HousingAndCivilEnforcement),
                password_hash: Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".into()),
                emergency_local: false,
            },
            at(1, 8),
        )
        .await
        .unwrap();
    // Notifications: a digest, the sender's place, a search's action.
    {
        use crt_domain::{
            notifications::Frequency,
            ports::{NotificationRepository, SavedSearchRepository},
            saved_search::{ActionState, AutoAction},
        };
        let s = db.saved_search_by_code("abcdefgh").await.unwrap();
        db.set_notification_choices(
            "ana",
            false,
            &[(s.id, Some((Frequency::Over(7), None)))],
            2,
            at(3, 9),
        )
        .await
        .unwrap();
        db.assignments(10, at(28, 0)).await.unwrap();
        let state = ActionState {
            action: AutoAction::Close {
                comment: "Copies.".into(),
            },
            by: "ana".into(),
            enabled_at: at(3, 9),
            last_report_id: 1,
        };
        db.set_action(s.id, Some(&state)).await.unwrap();
    }
    db.create_session("session-key-hash", user.id, at(3, 8), at(3, 20))
        .await
        .unwrap();
    db.create_sso_session(
        "sso-session-key",
        user.id,
        at(3, 8),
        at(3, 20),
        "header.claims.sig",
    )
    .await
    .unwrap();
    crt_domain::ports::SsoFlowRepository::create_flow(
        db,
        "state-key-hash",
        &crt_domain::ports::SsoFlow {
            browser_key: "browser-key-hash".into(),
            nonce: "n".into(),
            pkce_verifier: "v".into(),
            next: "/form/view/".into(),
            created_at: at(3, 8),
            expires_at: at(3, 9),
        },
    )
    .await
    .unwrap();
    crt_domain::ports::ApiTokenRepository::create_token(
        db,
        &crt_domain::ports::NewApiToken {
            user_id: user.id,
            name: "export script".into(),
            hash: "ab".repeat(32),
            read_only: true,
            expires_at: at(30, 8),
        },
        at(3, 8),
    )
    .await
    .unwrap();
    db.record_failed_login(&["user:bob".into()], at(3, 9))
        .await
        .unwrap();
    crt_domain::ports::RateLimitRepository::count_event(db, "report:10.0.0.1", at(3, 9), at(3, 8))
        .await
        .unwrap();
    let mut draft = Draft::new();
    draft.answers = crt_domain::validation::Answers::from_pairs([("contact_first_name", "Zoë")]);
    db.save_draft("draft-key", &draft, at(3, 9), chrono::Duration::hours(24))
        .await
        .unwrap();
    db.replace_trends(
        &vec![(
            Window::ThisWeek,
            vec![("landlord".into(), 3), ("refused".into(), 2)],
        )],
        at(3, 14),
    )
    .await
    .unwrap();
}

async fn export(db: &Db) -> Vec<u8> {
    let mut out = Vec::new();
    db.export_to(&mut out, &mut |_| {}).await.unwrap();
    out
}

async fn import(db: &Db, file: &[u8]) -> Result<(), DumpError> {
    db.import_from(&mut std::io::Cursor::new(file), &mut |_, _| {})
        .await
        .map(|_| ())
}

#[tokio::test]
async fn every_table_moves_between_backends_and_back() {
    for TestDb {
        backend: from,
        db: source,
        ..
    } in migrated_databases().await
    {
        fill(&source).await;
        assert_eq!(
            source.unexported_columns().await.unwrap(),
            Vec::<String>::new()
        );
        let file = export(&source).await;
        let before = source.table_summaries().await.unwrap();
        assert!(
            before.iter().all(|t| t.rows > 0),
            "{from}: a row in every table: {before:?}"
        );
        for TestDb {
            backend: to,
            db: target,
            ..
        } in migrated_databases().await
        {
            import(&target, &file).await.unwrap();
            let after = target.table_summaries().await.unwrap();
            assert_eq!(before, after, "{from} -> {to}");
            // Through the repositories: the same reports, classes, activity, mail.
            for page_item in source.list(&Default::default()).await.unwrap().items {
                let copy = target.get(page_item.id).await.unwrap();
                assert_eq!(copy, page_item, "{from} -> {to}");
                assert_eq!(
                    target.activity(copy.id).await.unwrap(),
                    source.activity(copy.id).await.unwrap()
                );
                assert_eq!(
                    target.emails_for_report(copy.id).await.unwrap(),
                    source.emails_for_report(copy.id).await.unwrap()
                );
            }
            let catalog = target.catalog().await.unwrap();
            assert!(catalog.is_offered("citizenship"), "{from} -> {to}");
            assert_eq!(
                target.protected_class_history().await.unwrap().len(),
                source.protected_class_history().await.unwrap().len()
            );
            assert!(target.is_suppressed("left@example.org").await.unwrap());
            assert_eq!(
                target.list_users().await.unwrap(),
                source.list_users().await.unwrap()
            );
            // New rows get new ids (sequences moved past the imported ones).
            let r = report(&catalog, "education", &["age"], &[]);
            let new = target.create(&r, &staff_for(&r), at(4, 9)).await.unwrap();
            assert!(new.id.0 > 3, "{from} -> {to}: id {}", new.id.0);
            let mail = target
                .queue_letter(
                    new.id,
                    &NewLetter {
                        recipient: Email::parse("x@example.org").unwrap(),
                        template: "no_capacity".into(),
                        title: "t".into(),
                        subject: "s".into(),
                        body: "b".into(),
                        request_key: None,
                    },
                    "ana",
                    at(4, 10),
                )
                .await
                .unwrap();
            assert!(mail > 1);
            assert_eq!(
                target.emails_for_report(new.id).await.unwrap()[0].status,
                EmailStatus::New
            );
            // A second import into the now non-empty database is refused.
            let again = import(&target, &file).await.unwrap_err();
            assert!(again.to_string().contains("not empty"), "{again}");
        }
    }
}

async fn damaged_files_and_other_migration_levels_are_refused(
    TestDb {
        backend,
        db: source,
        ..
    }: TestDb,
) {
    fill(&source).await;
    let file = String::from_utf8(export(&source).await).unwrap();
    let fresh = || async { migrated_databases().await.remove(0).db };
    // Truncated: the end line is missing.
    let cut: String = file.lines().take(10).map(|l| format!("{l}\n")).collect();
    let e = import(&fresh().await, cut.as_bytes()).await.unwrap_err();
    assert!(e.to_string().contains("incomplete"), "{backend}: {e}");
    // A row lost (the last one, which no other row refers to): the counts
    // disagree.
    let lines: Vec<&str> = file.lines().collect();
    let lost = lines.len() - 2;
    let dropped: String = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != lost)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let e = import(&fresh().await, dropped.as_bytes())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("end line says"), "{backend}: {e}");
    // Not an export at all.
    let e = import(&fresh().await, b"id,name\n1,x\n").await.unwrap_err();
    assert!(matches!(e, DumpError::BadFile { line: 1, .. }), "{e}");
    // Taken at another migration level.
    let older = file.replacen(",\"m20261125_000010_letter_request_key\"", "", 1);
    assert_ne!(older, file, "the header lists the migrations");
    let e = import(&fresh().await, older.as_bytes()).await.unwrap_err();
    assert!(e.to_string().contains("migration"), "{backend}: {e}");
    // A table the program does not know would be left behind: refused.
    let extra = fresh().await;
    fill(&extra).await;
    crt_persistence::testing::execute(
        &extra,
        &crt_migrations::Table::create()
            .table("case_note")
            .col(crt_migrations::ColumnDef::new("id").integer().primary_key())
            .to_owned(),
    )
    .await;
    let mut sink = Vec::new();
    let e = extra.export_to(&mut sink, &mut |_| {}).await.unwrap_err();
    assert!(
        e.to_string().contains("case_note (a whole table)"),
        "{backend}: {e}"
    );
    assert!(extra.table_summaries().await.is_err(), "verify refuses too");
    // Nothing was half-imported by any of these.
    let target = fresh().await;
    assert!(import(&target, cut.as_bytes()).await.is_err());
    assert_eq!(
        target
            .list(&Default::default())
            .await
            .unwrap()
            .total
            .value(),
        0
    );
    import(&target, file.as_bytes()).await.unwrap();
}
crt_persistence::per_backend!(damaged_files_and_other_migration_levels_are_refused);

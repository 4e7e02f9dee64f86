//! Retention and disposal over the real repositories and a real local
//! object store, on both backends: schedules and their defaults, the list's
//! "due for disposal" and schedule filters, the two-reviewer rule, a hold
//! placed after approval, disposal column by column (tombstone, redaction,
//! attachments gone from storage), idempotence with two runs at once, and
//! rejection with a reason.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::{collections::BTreeSet, sync::Arc};

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::{report, staff_for};
use crt_domain::{
    accounts::User,
    ports::{
        AttachmentRepository, AttachmentStore, Clock, FixedClock, NewAttachment,
        ProtectedClassRepository, ReportFilters, ReportQuery, ReportRepository,
        RetentionRepository,
    },
    report::{ReportId, Section, Status},
    retention::{BatchError, BatchState, RECORDS_GROUP},
    service::{ChangeReport, ChangeReportError, Retention, RetentionError},
    staff::{ChangeError, StaffChange},
};
use crt_persistence::{
    per_backend,
    testing::{TestDb, count_rows, text_rows},
};
use crt_storage::{ObjectStorage, StorageConfig};

fn long_ago() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2020, 1, 15, 10, 0, 0).unwrap()
}

fn today() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).unwrap()
}

fn clock(at: DateTime<Utc>) -> Arc<dyn Clock> {
    Arc::new(FixedClock(at))
}

fn person(name: &str, groups: &[&str]) -> User {
    User {
        id: 1,
        username: name.into(),
        email: None,
        display_name: name.into(),
        active: true,
        portal_access: true,
        section: None,
        groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        emergency_local: false,
    }
}

async fn change(
    t: &TestDb,
    at: DateTime<Utc>,
    id: ReportId,
    c: StaffChange,
) -> Result<(), ChangeReportError> {
    let one = ChangeReport {
        reports: Arc::new(t.db.clone()),
        clock: clock(at),
    };
    let version = t.db.get(id).await.unwrap().version;
    one.change(id, version, &c, "ana").await.map(|_| ())
}

fn close(schedule: Option<&str>) -> StaffChange {
    StaffChange {
        status: Some(Status::Closed),
        comment: Some("Called Ms. Lopez at 202-555-0100; she moved to 12 Elm St.".into()),
        summary: Some("Store refused service to Ana Lopez.".into()),
        retention_schedule: schedule.map(|s| Some(s.to_owned())),
        ..Default::default()
    }
}

fn hold(on: bool) -> StaffChange {
    StaffChange {
        litigation_hold: Some(on),
        ..Default::default()
    }
}

async fn listed(t: &TestDb, filters: ReportFilters) -> BTreeSet<i64> {
    let q = ReportQuery {
        filters,
        per_page: 100,
        ..Default::default()
    };
    t.db.list(&q)
        .await
        .unwrap()
        .items
        .iter()
        .map(|r| r.id.0)
        .collect()
}

async fn reports_are_kept_then_disposed_in_reviewed_batches(t: TestDb) {
    let catalog = t.db.catalog().await.unwrap();
    let mut ids = Vec::new();
    for _ in 0..7 {
        let r = report(&catalog, "voting", &["race_color"], &[]);
        ids.push(
            t.db.create(&r, &staff_for(&r), long_ago())
                .await
                .unwrap()
                .id,
        );
    }
    let section = t.db.get(ids[0]).await.unwrap().staff.assigned_section;
    assert_eq!(section, Section::Voting);
    // r0 follows its section's default; r1, r3 and r5 one year; r2 is
    // permanent; r4 stays open; r6 was closed this year.
    t.db.set_default_schedule(section, Status::Closed, Some("3-year"))
        .await
        .unwrap();
    assert!(matches!(
        t.db.set_default_schedule(section, Status::Open, Some("99-year"))
            .await,
        Err(crt_domain::ports::RepositoryError::Invalid(_))
    ));
    for (i, schedule) in [
        (0, None),
        (1, Some("1-year")),
        (2, Some("permanent")),
        (3, Some("1-year")),
        (5, Some("1-year")),
    ] {
        change(&t, long_ago(), ids[i], close(schedule))
            .await
            .unwrap();
    }
    change(&t, today() - Duration::days(30), ids[6], close(None))
        .await
        .unwrap();
    change(&t, long_ago(), ids[3], hold(true)).await.unwrap();
    // A schedule that does not exist is refused by the repository's rule.
    let unknown = change(
        &t,
        today(),
        ids[4],
        StaffChange {
            retention_schedule: Some(Some("7-year".into())),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(
            unknown,
            Err(ChangeReportError::Rule(ChangeError::Invalid(_)))
        ),
        "{unknown:?}"
    );

    // Attachments of r1: one kept, one removed earlier; both objects exist.
    let dir = std::env::temp_dir().join(format!("crt-retention-{}", uuid::Uuid::new_v4()));
    let store: Arc<dyn AttachmentStore> =
        Arc::new(ObjectStorage::open(&StorageConfig::Local(dir.clone())).unwrap());
    let file = dir.join("upload.txt");
    tokio::fs::create_dir_all(&dir).await.unwrap();
    tokio::fs::write(&file, b"letter from Ana Lopez")
        .await
        .unwrap();
    let mut keys = Vec::new();
    for n in 0..2 {
        let key = format!("test/{}-{n}", uuid::Uuid::new_v4());
        store.put_file(&key, &file).await.unwrap();
        let a =
            t.db.add_attachment(
                &NewAttachment {
                    report_id: ids[1],
                    object_key: key.clone(),
                    file_name: "Ana Lopez letter.txt".into(),
                    content_type: "text/plain".into(),
                    size: 21,
                    sha256: "0".repeat(64),
                    uploaded_by: "ana".into(),
                },
                long_ago(),
            )
            .await
            .unwrap();
        if n == 1 {
            t.db.remove_attachment(a.id, "ana", long_ago())
                .await
                .unwrap();
        }
        keys.push(key);
    }

    // The list's filters.
    let due = listed(
        &t,
        ReportFilters {
            due_for_disposal: true,
            ..Default::default()
        },
    )
    .await;
    assert_eq!(due, [ids[0].0, ids[1].0, ids[5].0].into(), "{}", t.backend);
    let three = listed(
        &t,
        ReportFilters {
            retention_schedule: Some("3-year".into()),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(three, [ids[0].0, ids[6].0].into(), "{}", t.backend);

    let repo = Arc::new(t.db.clone());
    let service = |at| Retention {
        repo: repo.clone(),
        store: store.clone(),
        clock: clock(at),
    };
    // No schedule cites an authority yet: nothing is proposed, and it says why.
    let p = service(today())
        .propose("carla", None, false)
        .await
        .unwrap();
    assert!(p.batch.is_none() && p.reports.is_empty());
    assert_eq!(
        p.without_authority,
        vec!["1-year".to_owned(), "3-year".to_owned()]
    );
    for code in ["1-year", "3-year"] {
        let mut s = repo
            .schedules()
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.code == code)
            .unwrap();
        s.authority = format!("DAA-TEST-{code}");
        repo.save_schedule(&s).await.unwrap();
    }
    let dry = service(today()).propose("carla", None, true).await.unwrap();
    let proposed: BTreeSet<i64> = dry.reports.iter().map(|r| r.report.0).collect();
    assert_eq!(proposed, [ids[0].0, ids[1].0, ids[5].0].into());
    assert!(dry.batch.is_none());
    assert_eq!(
        count_rows(&t.db, "disposal_batch").await,
        0,
        "a dry run stores nothing"
    );

    let p = service(today())
        .propose("carla", Some(30), false)
        .await
        .unwrap();
    let batch = p.batch.expect("a batch");
    assert!(
        service(today())
            .propose("crt-admin", None, false)
            .await
            .unwrap()
            .batch
            .is_none(),
        "reports are in one open batch at most"
    );

    // Two different members of the records group, neither the proposer.
    let rule = |r: Result<_, RetentionError>| match r {
        Err(RetentionError::Rule(e)) => e,
        other => panic!("expected a refusal, got {other:?}"),
    };
    let s = service(today());
    assert_eq!(
        rule(s.approve(batch, &person("carla", &[RECORDS_GROUP])).await),
        BatchError::OwnBatch
    );
    assert_eq!(
        rule(s.approve(batch, &person("dan", &["staff"])).await),
        BatchError::NotRecordsStaff
    );
    let once = s
        .approve(batch, &person("ana", &[RECORDS_GROUP]))
        .await
        .unwrap();
    assert_eq!(once.state, BatchState::Proposed);
    assert_eq!(
        rule(s.approve(batch, &person("ana", &[RECORDS_GROUP])).await),
        BatchError::AlreadyApproved
    );
    let twice = s
        .approve(batch, &person("bo", &[RECORDS_GROUP]))
        .await
        .unwrap();
    assert_eq!(twice.state, BatchState::Approved);
    assert_eq!(twice.approvals.len(), 2);
    assert!(matches!(
        rule(
            s.reject(batch, &person("bo", &[RECORDS_GROUP]), "late")
                .await
        ),
        BatchError::Closed(_)
    ));

    // Not before its date.
    assert!(
        s.dispose("crt-admin", false)
            .await
            .unwrap()
            .batches
            .is_empty()
    );
    // A hold placed after approval: that report is skipped.
    change(&t, today(), ids[5], hold(true)).await.unwrap();
    let later = today() + Duration::days(31);
    let dry = service(later).dispose("crt-admin", true).await.unwrap();
    assert_eq!(dry.batches[0].disposed.len(), 2);
    assert_eq!(dry.batches[0].skipped_hold.len(), 1);
    assert_eq!(
        count_rows(&t.db, "disposed_report").await,
        0,
        "a dry run changes nothing"
    );

    // Two runs at once dispose of each report once.
    let (first, second) = (service(later), service(later));
    let (a, b) = tokio::join!(
        first.dispose("crt-admin", false),
        second.dispose("crt-admin", false)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let disposed: usize = a
        .batches
        .iter()
        .chain(&b.batches)
        .map(|r| r.disposed.len())
        .sum();
    assert_eq!(disposed, 2, "{}", t.backend);
    assert_eq!(count_rows(&t.db, "disposed_report").await, 2);
    assert_eq!(a.purged + b.purged, 2, "both objects of r1 deleted");
    for key in &keys {
        assert!(
            matches!(
                store.get(key).await,
                Err(crt_domain::ports::StoreError::NotFound(_))
            ),
            "{key} gone"
        );
    }
    assert!(
        t.db.all_attachments().await.unwrap().is_empty(),
        "verify no longer expects them"
    );
    let again = service(later).dispose("crt-admin", false).await.unwrap();
    assert!(again.batches.is_empty(), "the batch is finished");
    assert_eq!(repo.batch(batch).await.unwrap().state, BatchState::Disposed);
    assert_eq!(
        repo.dispose_report(batch, ids[0], "crt-admin", later)
            .await
            .unwrap(),
        crt_domain::ports::Disposed::AlreadyDone
    );

    // The tombstone, column by column.
    let stones = text_rows(
        &t.db,
        &format!(
            "SELECT record_number, section, schedule, authority, CAST(batch_id AS TEXT) AS batch FROM disposed_report WHERE report_id = {}",
            ids[0].0
        ),
        &["record_number", "section", "schedule", "authority", "batch"],
    )
    .await;
    let r0 = t.db.get(ids[0]).await.unwrap();
    assert_eq!(
        stones,
        vec![vec![
            Some(r0.public_id.to_string()),
            Some("VOT".into()),
            Some("3-year".into()),
            Some("DAA-TEST-3-year".into()),
            Some(batch.0.to_string()),
        ]]
    );
    // The redaction, column by column.
    for id in [ids[0], ids[1]] {
        let r = t.db.get(id).await.unwrap();
        let c = &r.report.contact;
        assert_eq!(
            (
                c.first_name.clone(),
                c.last_name.clone(),
                c.email.clone(),
                c.phone.clone()
            ),
            (None, None, None, None)
        );
        assert_eq!(
            (
                c.address_line_1.clone(),
                c.city.clone(),
                c.state.clone(),
                c.zip.clone()
            ),
            (None, None, None, None)
        );
        assert_eq!(r.report.location.name, "");
        assert_eq!(r.report.location.address_line_1, None);
        assert_eq!(r.report.violation_summary, "");
        assert_eq!(r.staff.summary, None);
        assert_eq!(r.report.location.city_town, "Springfield", "the city stays");
        assert!(r.staff.disposed_at.is_some());
        let log = t.db.activity(id).await.unwrap();
        let comment = log.iter().find(|a| a.verb == "Added comment:").unwrap();
        assert_eq!(comment.new_value, None, "the comment's text is gone");
        let status = log.iter().find(|a| a.verb == "Status:").unwrap();
        assert_eq!(
            status.new_value.as_deref(),
            Some("closed"),
            "the handling stays"
        );
        assert!(log.iter().any(|a| {
            a.verb == "Disposed:"
                && a.new_value
                    .as_deref()
                    .is_some_and(|v| v.contains(&format!("batch {}", batch.0)))
        }));
        assert!(
            log.iter()
                .all(|a| !a.new_value.as_deref().unwrap_or("").contains("Lopez"))
        );
    }
    let names = text_rows(
        &t.db,
        &format!(
            "SELECT file_name FROM attachment WHERE report_id = {}",
            ids[1].0
        ),
        &["file_name"],
    )
    .await;
    assert_eq!(
        names,
        vec![vec![Some(String::new())], vec![Some(String::new())]]
    );
    // The held report is untouched, and a disposed one cannot change.
    let held = t.db.get(ids[5]).await.unwrap();
    assert_eq!(held.report.location.name, "Main Street Store");
    assert!(held.staff.disposed_at.is_none());
    let refused = change(
        &t,
        later,
        ids[0],
        StaffChange {
            status: Some(Status::Open),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(refused, Err(ChangeReportError::Rule(ChangeError::Disposed))),
        "{refused:?}"
    );

    // Once the hold is lifted it is due again; a rejection needs a reason.
    change(&t, later, ids[5], hold(false)).await.unwrap();
    let next = service(later)
        .propose("crt-admin", None, false)
        .await
        .unwrap();
    assert_eq!(
        next.reports.iter().map(|r| r.report).collect::<Vec<_>>(),
        vec![ids[5]]
    );
    let next = next.batch.unwrap();
    let s = service(later);
    assert_eq!(
        rule(
            s.reject(next, &person("ana", &[RECORDS_GROUP]), "   ")
                .await
        ),
        BatchError::ReasonMissing
    );
    let rejected = s
        .reject(
            next,
            &person("ana", &[RECORDS_GROUP]),
            "Case 170-16 may reopen",
        )
        .await
        .unwrap();
    assert_eq!(rejected.state, BatchState::Rejected);
    assert_eq!(
        rejected.rejection_reason.as_deref(),
        Some("Case 170-16 may reopen")
    );
    assert!(matches!(
        rule(s.approve(next, &person("bo", &[RECORDS_GROUP])).await),
        BatchError::Closed(_)
    ));
    let _ = tokio::fs::remove_dir_all(&dir).await;
}
per_backend!(reports_are_kept_then_disposed_in_reviewed_batches);

async fn two_reviewers_at_once_both_count(t: TestDb) {
    let catalog = t.db.catalog().await.unwrap();
    let r = report(&catalog, "voting", &["race_color"], &[]);
    let id =
        t.db.create(&r, &staff_for(&r), long_ago())
            .await
            .unwrap()
            .id;
    change(&t, long_ago(), id, close(Some("1-year")))
        .await
        .unwrap();
    let mut s =
        t.db.schedules()
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.code == "1-year")
            .unwrap();
    s.authority = "DAA-TEST".into();
    t.db.save_schedule(&s).await.unwrap();
    let dir = std::env::temp_dir().join(format!("crt-retention-{}", uuid::Uuid::new_v4()));
    let service = Retention {
        repo: Arc::new(t.db.clone()),
        store: Arc::new(ObjectStorage::open(&StorageConfig::Local(dir)).unwrap()),
        clock: clock(today()),
    };
    let batch = service
        .propose("crt-admin", None, false)
        .await
        .unwrap()
        .batch
        .unwrap();
    let (ana, bo) = (
        person("ana", &[RECORDS_GROUP]),
        person("bo", &[RECORDS_GROUP]),
    );
    let (a, b) = tokio::join!(service.approve(batch, &ana), service.approve(batch, &bo));
    a.unwrap();
    b.unwrap();
    let stored = service.batch(batch).await.unwrap();
    assert_eq!(stored.state, BatchState::Approved, "{}", t.backend);
    assert_eq!(stored.approvals.len(), 2);
    assert!(stored.decided_by.is_some());
    // Staff chose a longer schedule after approval: no longer due, skipped.
    change(
        &t,
        today(),
        id,
        StaffChange {
            retention_schedule: Some(Some("permanent".into())),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let later = Retention {
        clock: clock(today() + Duration::days(31)),
        ..service
    };
    let run = later.dispose("crt-admin", false).await.unwrap();
    assert_eq!(run.batches[0].skipped_not_due.len(), 1, "{}", t.backend);
    assert!(run.batches[0].disposed.is_empty());
    assert!(t.db.get(id).await.unwrap().staff.disposed_at.is_none());
    let log = t.db.activity(id).await.unwrap();
    assert!(log.iter().any(|a| a.verb == "Disposal skipped:"
        && a.new_value.as_deref()
            == Some(&*format!(
                "no longer past its retention schedule (batch {})",
                batch.0
            ))));
}
per_backend!(two_reviewers_at_once_both_count);

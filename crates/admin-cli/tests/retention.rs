//! `crt-admin retention …` and `crt-admin user groups` on both backends:
//! schedules and defaults changed (dry runs change nothing), a proposal
//! dry run and a real one, the batch listed and shown, disposal before
//! approval doing nothing, and dispose --dry-run on an approved batch
//! naming the held report it will skip.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::process::{Command, Output};

use chrono::{Duration, Utc};
use crt_domain::{
    accounts::NewUser,
    ports::{ReportRepository, RetentionRepository, UserRepository},
    report::{StaffFields, Status},
    retention::BatchId,
    routing::assign_section,
    service::Retention,
    staff::StaffChange,
    validation::{Answers, Context, validate_report},
};
use crt_persistence::Db;

fn admin(args: &[&str], url: &str, dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crt-admin"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("ATTACHMENTS_DIR", dir)
        .env_remove("ATTACHMENTS_STORAGE")
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

async fn closed_long_ago(db: &Db, hold: bool) -> crt_domain::report::ReportRecord {
    let catalog = crt_domain::protected_class::current_catalog();
    let answers = Answers::from_pairs([
        ("servicemember", "no"),
        ("primary_complaint", "voting"),
        ("location_name", "City Hall"),
        ("location_city_town", "Reno"),
        ("location_state", "NV"),
        ("protected_class", "age"),
        ("last_incident_month", "3"),
        ("last_incident_year", "2019"),
        ("violation_summary", "They turned me away at the polls."),
    ]);
    let report = validate_report(
        &answers,
        Context {
            catalog: &catalog,
            today: Utc::now().date_naive(),
        },
    )
    .unwrap();
    let (s, why) = assign_section(&report);
    let r = db
        .create(&report, &StaffFields::new_report(s, why), Utc::now())
        .await
        .unwrap();
    let change = crt_domain::service::ChangeReport {
        reports: std::sync::Arc::new(db.clone()),
        clock: std::sync::Arc::new(crt_domain::ports::SystemClock),
    };
    let c = StaffChange {
        status: Some(Status::Closed),
        litigation_hold: Some(hold),
        ..Default::default()
    };
    change.change(r.id, r.version, &c, "rosa").await.unwrap();
    crt_persistence::testing::set_closed_date(db, r.id.0, Utc::now() - Duration::days(4000)).await;
    db.get(r.id).await.unwrap()
}

async fn schedules_defaults_proposals_and_dispose(url: String) {
    let dir = std::env::temp_dir().join(format!("crt-retention-cli-{}", uuid::Uuid::new_v4()));
    let db = Db::connect(&url).await.unwrap();
    let listed = ok(&admin(&["retention", "schedules"], &url, &dir));
    for code in ["1-year", "3-year", "10-year", "permanent"] {
        assert!(listed.contains(code), "{listed}");
    }
    let checked = admin(&["check-config"], &url, &dir);
    let checked = String::from_utf8_lossy(&checked.stdout).into_owned();
    assert!(
        checked.contains("WARNING retention schedules without a NARA disposition authority (nothing is disposed of under them): 1-year, 3-year, 10-year"),
        "{checked}"
    );
    // A schedule's authority, a dry run first.
    let dry = ok(&admin(
        &[
            "retention",
            "schedule",
            "3-year",
            "--authority",
            "DAA-TEST-3",
            "--dry-run",
        ],
        &url,
        &dir,
    ));
    assert!(dry.contains("dry run: nothing changed"), "{dry}");
    assert!(
        db.schedules()
            .await
            .unwrap()
            .iter()
            .all(|s| s.authority.is_empty())
    );
    ok(&admin(
        &[
            "retention",
            "schedule",
            "3-year",
            "--authority",
            "DAA-TEST-3",
        ],
        &url,
        &dir,
    ));
    let made = ok(&admin(
        &[
            "retention",
            "schedule",
            "7-year",
            "--name",
            "Destroy 7 years after closing",
            "--years",
            "7",
        ],
        &url,
        &dir,
    ));
    assert!(made.contains("created"), "{made}");
    let bad = admin(
        &["retention", "schedule", "7 years", "--years", "7"],
        &url,
        &dir,
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("A schedule code is"));
    // Defaults: every status of VOT, then one cleared.
    ok(&admin(
        &[
            "retention",
            "set-default",
            "--section",
            "vot",
            "--schedule",
            "3-year",
        ],
        &url,
        &dir,
    ));
    ok(&admin(
        &[
            "retention",
            "set-default",
            "--section",
            "VOT",
            "--status",
            "new",
            "--clear",
        ],
        &url,
        &dir,
    ));
    let defaults = ok(&admin(&["retention", "defaults"], &url, &dir));
    assert!(
        defaults.contains("VOT\tclosed\t3-year") && defaults.contains("VOT\topen\t3-year"),
        "{defaults}"
    );
    assert!(!defaults.contains("VOT\tnew"), "{defaults}");
    let unknown = admin(
        &[
            "retention",
            "set-default",
            "--section",
            "VOT",
            "--schedule",
            "99-year",
        ],
        &url,
        &dir,
    );
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("there is no retention schedule"));

    let due = closed_long_ago(&db, false).await;
    let held = closed_long_ago(&db, true).await;
    let dry = ok(&admin(&["retention", "propose", "--dry-run"], &url, &dir));
    assert!(
        dry.contains(&due.public_id.to_string()) && !dry.contains(&held.public_id.to_string()),
        "{dry}"
    );
    assert!(dry.contains("1 report(s) would be proposed"), "{dry}");
    assert!(db.batches().await.unwrap().is_empty());
    let proposed = ok(&admin(
        &["retention", "propose", "--wait-days", "0"],
        &url,
        &dir,
    ));
    assert!(
        proposed.contains("proposed batch 1 with 1 report(s)"),
        "{proposed}"
    );
    assert!(ok(&admin(&["retention", "propose"], &url, &dir)).contains("nothing is due"));
    let batches = ok(&admin(&["retention", "batches"], &url, &dir));
    assert!(batches.contains("1\tproposed\t1\t"), "{batches}");
    let shown = ok(&admin(&["retention", "batch", "1"], &url, &dir));
    assert!(
        shown.contains(&format!("{}\tVOT\t3-year\tWaiting", due.public_id)),
        "{shown}"
    );
    assert!(
        !admin(&["retention", "batch", "9"], &url, &dir)
            .status
            .success()
    );
    assert!(ok(&admin(&["retention", "dispose"], &url, &dir)).contains("no approved batch is due"));

    // Two reviewers (granted the group with the CLI), then a hold placed.
    for name in ["ana", "bo"] {
        db.create_user(
            &NewUser {
                username: name.into(),
                email: None,
                display_name: name.into(),
                portal_access: true,
                section: None,
                password_hash: None,
                emergency_local: false,
            },
            Utc::now(),
        )
        .await
        .unwrap();
        let g = ok(&admin(
            &["user", "groups", name, "--add", "records"],
            &url,
            &dir,
        ));
        assert!(g.contains("groups records"), "{g}");
    }
    let service = Retention {
        repo: std::sync::Arc::new(db.clone()),
        store: std::sync::Arc::new(
            crt_storage::ObjectStorage::open(&crt_storage::StorageConfig::Local(dir.clone()))
                .unwrap(),
        ),
        clock: std::sync::Arc::new(crt_domain::ports::SystemClock),
    };
    for u in db.list_users().await.unwrap() {
        service.approve(BatchId(1), &u).await.unwrap();
    }
    let mail = ok(&admin(
        &["user", "set-email", "ana", "ana@example.gov"],
        &url,
        &dir,
    ));
    assert!(mail.contains("ana@example.gov"), "{mail}");
    let hold = crt_domain::service::ChangeReport {
        reports: std::sync::Arc::new(db.clone()),
        clock: std::sync::Arc::new(crt_domain::ports::SystemClock),
    };
    let now = db.get(due.id).await.unwrap();
    hold.change(
        due.id,
        now.version,
        &StaffChange {
            litigation_hold: Some(true),
            ..Default::default()
        },
        "rosa",
    )
    .await
    .unwrap();
    let dry = ok(&admin(&["retention", "dispose", "--dry-run"], &url, &dir));
    assert!(
        dry.contains(&format!(
            "{}\tbatch 1\tskipped: on litigation hold",
            due.public_id
        )),
        "{dry}"
    );
    let run = ok(&admin(&["retention", "dispose"], &url, &dir));
    assert!(
        run.contains("batch 1: 0 disposed of, 1 skipped (hold)"),
        "{run}"
    );
    assert!(run.contains("batch finished"), "{run}");
    assert_eq!(
        db.get(due.id).await.unwrap().report.location.name,
        "City Hall",
        "a held report is untouched"
    );
    assert!(ok(&admin(&["retention", "dispose"], &url, &dir)).contains("no approved batch is due"));
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
crt_persistence::per_backend!(schedules_defaults_proposals_and_dispose, file_database_url);

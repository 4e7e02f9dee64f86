//! `crt-admin attachments verify`: every stored file present and unchanged,
//! or a line naming each one that is not, and exit 1.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::process::Command;

use chrono::Utc;
use crt_domain::{
    ports::{AttachmentRepository, NewAttachment, ReportRepository},
    report::StaffFields,
    routing::assign_section,
    validation::{Answers, Context, validate_report},
};
use crt_persistence::Db;
use sha2::{Digest, Sha256};

#[tokio::test]
async fn verify_finds_missing_and_changed_files() {
    let dir = std::env::temp_dir().join(format!("crt-verify-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let files = dir.join("files");
    std::fs::create_dir_all(&files).unwrap();
    let url = format!("sqlite://{}/v.sqlite3", dir.display());
    let db = Db::connect(&url).await.unwrap();
    let catalog = crt_domain::protected_class::current_catalog();
    let answers = Answers::from_pairs([
        ("servicemember", "no"),
        ("primary_complaint", "housing"),
        ("location_name", "Place"),
        ("location_city_town", "Reno"),
        ("location_state", "NV"),
        ("protected_class", "age"),
        ("last_incident_month", "3"),
        ("last_incident_year", "2025"),
        ("violation_summary", "x"),
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
    let record = db
        .create(&report, &StaffFields::new_report(s, why), Utc::now())
        .await
        .unwrap();
    // Two files as the portal stores them: under their key in the directory.
    for (key, body) in [
        ("reports/1/aaaa", &b"%PDF-1.4 one"[..]),
        ("reports/1/bbbb", b"%PDF-1.4 two"),
    ] {
        let path = files.join(key);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, body).unwrap();
        db.add_attachment(
            &NewAttachment {
                report_id: record.id,
                object_key: key.into(),
                file_name: format!("{key}.pdf"),
                content_type: "application/pdf".into(),
                size: body.len() as u64,
                sha256: hex::encode(Sha256::digest(body)),
                uploaded_by: "rosa".into(),
            },
            Utc::now(),
        )
        .await
        .unwrap();
    }
    db.close().await;
    let verify = || {
        Command::new(env!("CARGO_BIN_EXE_crt-admin"))
            .args(["attachments", "verify"])
            .env("DATABASE_URL", &url)
            .env("ATTACHMENTS_DIR", &files)
            .env_remove("ATTACHMENTS_STORAGE")
            .output()
            .unwrap()
    };
    let ok = verify();
    let out = String::from_utf8_lossy(&ok.stdout).into_owned();
    assert!(
        ok.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(out.contains("checking 2 attachment(s)"), "{out}");
    assert!(
        out.contains("every attachment is in storage and unchanged"),
        "{out}"
    );
    // One changed, one gone.
    std::fs::write(files.join("reports/1/aaaa"), b"%PDF-1.4 ONE").unwrap();
    std::fs::remove_file(files.join("reports/1/bbbb")).unwrap();
    let bad = verify();
    let out = String::from_utf8_lossy(&bad.stdout).into_owned();
    assert_eq!(bad.status.code(), Some(1), "{out}");
    assert!(
        out.contains("PROBLEM attachment 1 (reports/1/aaaa.pdf) of report 1: changed"),
        "{out}"
    );
    assert!(
        out.contains("PROBLEM attachment 2 (reports/1/bbbb.pdf) of report 1: no stored object"),
        "{out}"
    );
    assert!(out.contains("2 attachment(s) missing or changed"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

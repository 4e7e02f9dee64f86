//! Staff attachments over HTTP against a real clamd (`TEST_CLAMD_ADDRESS`,
//! with a signature database the CI script writes: the EICAR test string)
//! and, for object storage, a local directory and a real S3-compatible
//! server (`TEST_S3_ENDPOINT`, moto's standalone server). Without those
//! variables the tests say so and do not run; `.ci/run` sets them and fails
//! if a test was skipped.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use chrono::Utc;
use common::{TestApp, spawn_with};
use crt_domain::{
    ports::{AttachmentRepository, ReportRepository},
    report::{ReportRecord, StaffFields},
    routing::assign_section,
    validation::{Answers, Context, validate_report},
};
use reqwest::StatusCode;

const PASSWORD: &str = "a long enough password";

/// The EICAR test string (the CI's clamd has a signature for it).
const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

fn clamd() -> Option<String> {
    let a = std::env::var("TEST_CLAMD_ADDRESS")
        .ok()
        .filter(|a| !a.is_empty());
    if a.is_none() {
        eprintln!("attachments test skipped: TEST_CLAMD_ADDRESS is not set");
    }
    a
}

fn s3() -> Option<String> {
    let a = std::env::var("TEST_S3_ENDPOINT")
        .ok()
        .filter(|a| !a.is_empty());
    if a.is_none() {
        eprintln!("attachments test skipped: TEST_S3_ENDPOINT is not set");
    }
    a
}

async fn filed(app: &TestApp) -> ReportRecord {
    let catalog = crt_domain::protected_class::current_catalog();
    let answers = Answers::from_pairs([
        ("servicemember", "no"),
        ("primary_complaint", "housing"),
        ("location_name", "Maple Apartments"),
        ("location_city_town", "Reno"),
        ("location_state", "NV"),
        ("protected_class", "disability"),
        ("last_incident_month", "3"),
        ("last_incident_year", "2025"),
        ("violation_summary", "The landlord refused a ramp."),
    ]);
    let report = validate_report(
        &answers,
        Context {
            catalog: &catalog,
            today: Utc::now().date_naive(),
        },
    )
    .unwrap();
    let (section, why) = assign_section(&report);
    app.db
        .create(&report, &StaffFields::new_report(section, why), Utc::now())
        .await
        .unwrap()
}

async fn signed_in(app: &mut TestApp) {
    common::sign_in_new_staff(app, "rosa", PASSWORD).await;
}

/// The staff CSRF token of the report's page.
async fn page_token(app: &mut TestApp, id: i64) -> String {
    let page = app.get(&format!("/form/view/{id}/")).await;
    assert_eq!(page.status, StatusCode::OK);
    let marker = "name=\"csrf-token\" content=\"";
    let i = page.body.find(marker).unwrap() + marker.len();
    page.body[i..i + page.body[i..].find('"').unwrap()].to_owned()
}

/// Uploads files (name, bytes) with `token` first, as the page's form does.
async fn upload(app: &TestApp, id: i64, token: &str, files: &[(&str, Vec<u8>)]) -> common::Page {
    let mut form = reqwest::multipart::Form::new().text("csrf_token", token.to_owned());
    for (name, bytes) in files {
        form = form.part(
            "file",
            reqwest::multipart::Part::bytes(bytes.clone()).file_name((*name).to_owned()),
        );
    }
    let resp = app
        .client
        .post(format!("{}/form/view/{id}/attachments/", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    common::Page {
        status: resp.status(),
        headers: resp.headers().clone(),
        body: resp.text().await.unwrap(),
    }
}

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n1 0 obj << /Title ({text}) >> endobj\n%%EOF\n").into_bytes()
}

/// The whole path with a given storage: a clean PDF and a Korean-named
/// text file stored, listed and downloaded by staff with the right
/// headers; EICAR, a mismatched type and an HTML page refused and never
/// stored; a removal logged and the file kept; anonymous downloads and
/// uploads without the CSRF token refused.
async fn the_attachment_path(app: &mut TestApp, stored_objects: impl Fn() -> usize) {
    let record = filed(app).await;
    let id = record.id.0;
    signed_in(app).await;
    let token = page_token(app, id).await;

    let page = upload(
        app,
        id,
        &token,
        &[
            ("Carta de queja.pdf", pdf("queja")),
            (
                "신고서.txt",
                "집주인이 경사로를 거절했습니다.".as_bytes().to_vec(),
            ),
        ],
    )
    .await;
    // Everything stored: back to the page (a reload sends nothing again).
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let back = format!("/form/view/{id}/#attachments");
    assert_eq!(page.location(), Some(back.as_str()));
    let shown = app.get(&format!("/form/view/{id}/")).await;
    assert!(shown.body.contains("Carta de queja.pdf") && shown.body.contains("신고서.txt"));
    let rows = app.db.attachments_of(record.id).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(stored_objects(), 2, "both files are in storage");
    assert!(
        rows.iter().all(|a| !a.object_key.contains("queja")),
        "keys never use the uploaded name"
    );

    // Staff download it, as an attachment, with its recognised type.
    let resp = app
        .client
        .get(format!(
            "{}/form/view/{id}/attachments/{}/",
            app.base, rows[0].id.0
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let h = resp.headers().clone();
    assert_eq!(h["content-type"], "application/pdf");
    assert_eq!(h["x-content-type-options"], "nosniff");
    let disposition = h["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"Carta de queja.pdf\""));
    assert_eq!(resp.bytes().await.unwrap().to_vec(), pdf("queja"));
    let text = app
        .client
        .get(format!(
            "{}/form/view/{id}/attachments/{}/",
            app.base, rows[1].id.0
        ))
        .send()
        .await
        .unwrap();
    assert!(
        text.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("filename*=UTF-8''%EC%8B%A0%EA%B3%A0%EC%84%9C%2Etxt")
    );
    assert_eq!(
        text.text().await.unwrap(),
        "집주인이 경사로를 거절했습니다."
    );

    // Refused, each with its reason, and nothing stored.
    let refused = upload(
        app,
        id,
        &token,
        &[
            ("eicar.txt", EICAR.to_vec()),
            ("invoice.pdf", b"<html><script>alert(1)</script>".to_vec()),
            ("page.html", b"<html></html>".to_vec()),
        ],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("the virus scanner found Crt-Eicar-Test"),
        "{}",
        common::error_text(&refused.body)
    );
    assert!(
        refused
            .body
            .contains("invoice.pdf: the file&#x27;s content is not a PDF document")
    );
    assert!(
        refused
            .body
            .contains("page.html: files of this type cannot be attached")
    );
    assert_eq!(app.db.attachments_of(record.id).await.unwrap().len(), 2);
    assert_eq!(stored_objects(), 2, "nothing refused reached storage");

    // Removed: gone from the page's downloads, kept in storage, logged.
    let removed = app
        .post_raw(
            &format!("/form/view/{id}/attachments/{}/remove/", rows[0].id.0),
            &[("csrf_token", &token)],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let gone = app
        .get(&format!("/form/view/{id}/attachments/{}/", rows[0].id.0))
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(stored_objects(), 2, "a removal is soft");
    let log: Vec<String> = app
        .db
        .activity(record.id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.verb)
        .collect();
    for verb in [
        "Attached file:",
        "Downloaded attachment:",
        "Removed attachment:",
    ] {
        assert!(log.iter().any(|v| v == verb), "{verb} in {log:?}");
    }
    // Another report's attachment is not reachable through this one.
    let other = filed(app).await;
    let cross = app
        .get(&format!(
            "/form/view/{}/attachments/{}/",
            other.id.0, rows[1].id.0
        ))
        .await;
    assert_eq!(cross.status, StatusCode::NOT_FOUND);

    // Without the session's token: refused before anything is read.
    let forged = upload(app, id, "not-the-token", &[("a.pdf", pdf("x"))]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // Signed out: no download.
    let mut anonymous = app.another_browser();
    let anon = anonymous
        .get(&format!("/form/view/{id}/attachments/{}/", rows[1].id.0))
        .await;
    assert_eq!(anon.status, StatusCode::FOUND);
    assert!(anon.location().unwrap().starts_with("/accounts/login/"));
    assert_eq!(app.db.attachments_of(record.id).await.unwrap().len(), 2);
}

fn files_in(dir: &std::path::Path) -> usize {
    fn walk(d: &std::path::Path) -> usize {
        std::fs::read_dir(d)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| {
                        let p = e.path();
                        if p.is_dir() { walk(&p) } else { 1 }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    walk(dir)
}

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "crt-attach-{name}-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    u64::from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_nanos(),
    )
}

async fn attachments_in_a_local_directory(url: String) {
    let Some(clamd) = clamd() else { return };
    let dir = scratch_dir("local");
    let dir_text = dir.display().to_string();
    let mut app = spawn_with(
        &url,
        &[("CLAMD_ADDRESS", &clamd), ("ATTACHMENTS_DIR", &dir_text)],
    )
    .await;
    the_attachment_path(&mut app, || files_in(&dir)).await;
    // A file lost from storage (a restore that missed it): 404, not an
    // outage; `crt-admin attachments verify` names it.
    let live = app
        .db
        .all_attachments()
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.removed_at.is_none())
        .unwrap();
    std::fs::remove_file(dir.join(&live.object_key)).unwrap();
    let lost = app
        .get(&format!(
            "/form/view/{}/attachments/{}/",
            live.report_id.0, live.id.0
        ))
        .await;
    assert_eq!(lost.status, StatusCode::NOT_FOUND);
    let _ = std::fs::remove_dir_all(&dir);
}
crt_persistence::per_backend!(attachments_in_a_local_directory, url);

#[tokio::test]
async fn attachments_in_s3_compatible_storage() {
    let (Some(clamd), Some(endpoint)) = (clamd(), s3()) else {
        return;
    };
    let bucket = format!("crt-test-{}-{}", std::process::id(), rand_suffix());
    let made = reqwest::Client::new()
        .put(format!("{endpoint}/{bucket}"))
        .send()
        .await
        .unwrap();
    assert!(made.status().is_success(), "bucket made: {}", made.status());
    let storage = format!("s3://{bucket}/portal/attachments");
    let mut app = spawn_with(
        "sqlite::memory:",
        &[
            ("CLAMD_ADDRESS", &clamd),
            ("ATTACHMENTS_STORAGE", &storage),
            ("AWS_ENDPOINT_URL", &endpoint),
            ("AWS_REGION", "us-east-1"),
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
        ],
    )
    .await;
    // What is in the bucket, listed by the S3 API itself.
    let list = {
        let url = format!("{endpoint}/{bucket}?list-type=2&prefix=portal/attachments/");
        move || {
            let body = std::thread::spawn({
                let url = url.clone();
                move || {
                    tokio::runtime::Runtime::new()
                        .unwrap()
                        .block_on(async { reqwest::get(&url).await.unwrap().text().await.unwrap() })
                }
            })
            .join()
            .unwrap();
            body.matches("<Key>").count()
        }
    };
    the_attachment_path(&mut app, list).await;
}

#[tokio::test]
async fn a_scanner_out_of_reach_refuses_the_upload_and_stores_nothing() {
    if clamd().is_none() {
        return;
    }
    let dir = scratch_dir("down");
    let dir_text = dir.display().to_string();
    // Nothing listens on port 1.
    let mut app = spawn_with(
        "sqlite::memory:",
        &[
            ("CLAMD_ADDRESS", "127.0.0.1:1"),
            ("ATTACHMENTS_DIR", &dir_text),
        ],
    )
    .await;
    let record = filed(&app).await;
    signed_in(&mut app).await;
    let token = page_token(&mut app, record.id.0).await;
    let page = upload(
        &app,
        record.id.0,
        &token,
        &[("letter.pdf", pdf("x")), ("second.pdf", pdf("y"))],
    )
    .await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        page.body
            .contains("second.pdf: not tried (the virus scanner is out of reach)."),
        "one wait, not one per file"
    );
    assert!(
        page.body.contains("the virus scanner is out of reach"),
        "{}",
        page.body
    );
    assert!(page.body.contains("The file was not stored"));
    assert!(app.db.attachments_of(record.id).await.unwrap().is_empty());
    assert_eq!(files_in(&dir), 0, "never stored unscanned");
    // /health says so, while the portal itself stays up.
    let health = app.get("/health").await;
    assert_eq!(health.status, StatusCode::OK);
    assert!(
        health.body.contains("\"virus_scanner\":\"unreachable\""),
        "{}",
        health.body
    );
    assert!(
        !health.body.contains("127.0.0.1:1"),
        "no internals in /health"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_while_it_arrives() {
    let Some(clamd) = clamd() else { return };
    let dir = scratch_dir("limit");
    let dir_text = dir.display().to_string();
    let mut app = spawn_with(
        "sqlite::memory:",
        &[
            ("CLAMD_ADDRESS", &clamd),
            ("ATTACHMENTS_DIR", &dir_text),
            ("ATTACHMENT_MAX_BYTES", "1000"),
        ],
    )
    .await;
    let record = filed(&app).await;
    signed_in(&mut app).await;
    let token = page_token(&mut app, record.id.0).await;
    let mut big = pdf("big");
    big.resize(5000, b' ');
    let page = upload(
        &app,
        record.id.0,
        &token,
        &[("big.pdf", big), ("small.pdf", pdf("small"))],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("big.pdf: the file is larger than 1000 bytes"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Attached: small.pdf."));
    assert_eq!(app.db.attachments_of(record.id).await.unwrap().len(), 1);
    assert_eq!(files_in(&dir), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

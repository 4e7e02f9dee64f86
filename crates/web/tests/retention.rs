//! Retention over HTTP: a schedule chosen on the detail page and in bulk,
//! the list's "due for disposal" and schedule filters, the retention page
//! closed to the public and its buttons only for the records group, the
//! two-reviewer rule as reviewers meet it (the proposer refused, someone
//! outside the group refused, a forged request without the CSRF token
//! refused), a rejection's reason kept when it is refused and escaped when
//! shown, and a disposed report's page.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::sync::Arc;

use chrono::{Duration, Utc};
use common::{TestApp, spawn};
use crt_domain::{
    ports::{FixedClock, ReportRepository, RetentionRepository, UserRepository},
    report::{ReportRecord, StaffFields},
    routing::assign_section,
    service::Retention,
    validation::{Answers, Context, validate_report},
};
use reqwest::StatusCode;

const PASSWORD: &str = "a long enough password";

async fn filed(app: &TestApp, place: &str) -> ReportRecord {
    let catalog = crt_domain::protected_class::current_catalog();
    let answers = Answers::from_pairs([
        ("servicemember", "no"),
        ("primary_complaint", "housing"),
        ("location_name", place),
        ("location_city_town", "Reno"),
        ("location_state", "NV"),
        ("protected_class", "disability"),
        ("last_incident_month", "3"),
        ("last_incident_year", "2025"),
        ("contact_first_name", "Lena"),
        ("contact_email", "lena@example.org"),
        ("violation_summary", "The landlord refused a ramp for Lena."),
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

/// Closes report `id` with `schedule` through the detail page's form.
async fn close_on_the_page(app: &mut TestApp, id: i64, schedule: &str) {
    let page = app.get(&format!("/form/view/{id}/")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("id=\"a-retention\""),
        "the schedule menu"
    );
    let version = app
        .db
        .get(crt_domain::report::ReportId(id))
        .await
        .unwrap()
        .version
        .to_string();
    let csrf = app.csrf.clone().unwrap();
    let p = app
        .post_raw(
            &format!("/form/view/{id}/"),
            &[
                ("csrf_token", &csrf),
                ("version", &version),
                ("status", "closed"),
                ("retention_schedule", schedule),
                ("comment", "Closed after a call with Lena."),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
}

/// Moves a report's closing date years back (time passing).
async fn closed_years_ago(app: &TestApp, id: i64, years: i64) {
    let when = Utc::now() - Duration::days(366 * years);
    crt_persistence::testing::set_closed_date(&app.db, id, when).await;
}

async fn post(app: &mut TestApp, path: &str, extra: &[(&str, &str)]) -> common::Page {
    let csrf = app.csrf.clone().unwrap();
    let mut pairs = vec![("csrf_token", csrf.as_str())];
    pairs.extend_from_slice(extra);
    app.post_raw(path, &pairs).await
}

#[tokio::test]
async fn reports_are_disposed_of_after_two_reviewers_approve() {
    let mut rosa = spawn().await;
    let a = filed(&rosa, "Maple Apartments").await;
    let b = filed(&rosa, "Oak Court").await;
    let anonymous = rosa.get("/form/retention/").await;
    assert_eq!(anonymous.status, StatusCode::FOUND, "closed to the public");
    assert!(
        anonymous
            .location()
            .unwrap()
            .starts_with("/accounts/login/")
    );
    common::sign_in_new_staff(&mut rosa, "rosa", PASSWORD).await;

    close_on_the_page(&mut rosa, a.id.0, "1-year").await;
    let page = rosa.get(&format!("/form/view/{}/", a.id.0)).await;
    assert!(
        page.body
            .contains("Follows 1-year; may be disposed of from"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Retention schedule: (none) &rarr; 1-year"),
        "logged"
    );
    // An unknown schedule is refused with a message, nothing changed.
    let version = rosa.db.get(a.id).await.unwrap().version.to_string();
    let bad = post(
        &mut rosa,
        &format!("/form/view/{}/", a.id.0),
        &[("version", &version), ("retention_schedule", "99-year")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("is not a retention schedule in use"));

    // In bulk: b gets 1-year too.
    rosa.get("/form/view/").await;
    let bulk = post(
        &mut rosa,
        "/form/actions/",
        &[
            ("scope", "selected"),
            ("id", &b.id.0.to_string()),
            ("status", "closed"),
            ("retention_schedule", "1-year"),
            ("comment", "Closed in bulk"),
        ],
    )
    .await;
    assert_eq!(bulk.status, StatusCode::SEE_OTHER, "{}", bulk.body);
    assert_eq!(
        rosa.db
            .get(b.id)
            .await
            .unwrap()
            .staff
            .retention_schedule
            .as_deref(),
        Some("1-year")
    );

    closed_years_ago(&rosa, a.id.0, 2).await;
    closed_years_ago(&rosa, b.id.0, 2).await;
    let due = rosa.get("/form/view/?due_for_disposal=1").await;
    assert!(
        due.body.contains(&a.public_id.to_string()) && due.body.contains(&b.public_id.to_string())
    );
    let none = rosa.get("/form/view/?retention_schedule=permanent").await;
    assert!(!none.body.contains(&a.public_id.to_string()));

    // Outside the records group: no buttons, and a forged proposal refused.
    let page = rosa.get("/form/retention/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("/form/retention/propose/"));
    let refused = post(&mut rosa, "/form/retention/propose/", &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    rosa.db
        .set_groups("rosa", &["records".into()])
        .await
        .unwrap();

    // Without an authority nothing is proposed, and the page says why.
    let p = post(&mut rosa, "/form/retention/propose/", &[]).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(
        p.body
            .contains("wait for their NARA disposition authority to be entered: 1-year"),
        "{}",
        p.body
    );
    let mut one = rosa
        .db
        .schedules()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.code == "1-year")
        .unwrap();
    one.authority = "DAA-TEST-0001".into();
    rosa.db.save_schedule(&one).await.unwrap();
    let p = post(&mut rosa, "/form/retention/propose/", &[]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let batch_url = p.location().unwrap().to_owned();
    let page = rosa.get(&batch_url).await;
    assert!(
        page.body.contains(&a.public_id.to_string())
            && page.body.contains(&b.public_id.to_string())
    );
    assert!(
        page.body.contains("You proposed this batch"),
        "the proposer sees why not"
    );
    let own = post(&mut rosa, &format!("{batch_url}approve/"), &[]).await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);

    // Ana (records) approves; Bo (not yet) cannot; a forged post is refused.
    let mut ana = rosa.another_browser();
    common::sign_in_new_staff(&mut ana, "ana", PASSWORD).await;
    ana.db.set_groups("ana", &["records".into()]).await.unwrap();
    ana.get(&batch_url).await;
    let forged = ana.post_raw(&format!("{batch_url}approve/"), &[]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "no CSRF token");
    assert_eq!(
        post(&mut ana, &format!("{batch_url}approve/"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let twice = post(&mut ana, &format!("{batch_url}approve/"), &[]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    let mut bo = rosa.another_browser();
    common::sign_in_new_staff(&mut bo, "bo", PASSWORD).await;
    bo.get(&batch_url).await;
    assert_eq!(
        post(&mut bo, &format!("{batch_url}approve/"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    bo.db.set_groups("bo", &["records".into()]).await.unwrap();
    assert_eq!(
        post(&mut bo, &format!("{batch_url}approve/"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let page = bo.get(&batch_url).await;
    assert!(
        page.body.contains("<strong>Approved</strong>"),
        "{}",
        page.body
    );

    // After its date (the service with a clock a month on), the page shows what is left.
    let retention = Retention {
        repo: Arc::new(rosa.db.clone()),
        store: Arc::new(
            crt_storage::ObjectStorage::open(&crt_storage::StorageConfig::Local(
                std::env::temp_dir().join("crt-retention-web"),
            ))
            .unwrap(),
        ),
        clock: Arc::new(FixedClock(Utc::now() + Duration::days(31))),
    };
    let run = retention.dispose("crt-admin", false).await.unwrap();
    assert_eq!(run.batches[0].disposed.len(), 2);
    let page = rosa.get(&format!("/form/view/{}/", a.id.0)).await;
    assert!(
        page.body
            .contains("Disposed of under its retention schedule")
    );
    assert!(
        !page.body.contains("Maple Apartments") && !page.body.contains("refused a ramp for Lena"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("Closed after a call with Lena"),
        "the comment's text is gone"
    );
    assert!(!page.body.contains("Correct the answers") && !page.body.contains("Attach files"));
    let correct = rosa.get(&format!("/form/view/{}/correct/", a.id.0)).await;
    assert_eq!(correct.status, StatusCode::SEE_OTHER, "nothing to correct");
    let version = rosa.db.get(a.id).await.unwrap().version.to_string();
    let typed = post(
        &mut rosa,
        &format!("/form/view/{}/correct/", a.id.0),
        &[("version", &version), ("location_name", "Maple Apartments")],
    )
    .await;
    assert_eq!(
        typed.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        typed.body
    );
    assert!(
        rosa.db
            .get(a.id)
            .await
            .unwrap()
            .report
            .location
            .name
            .is_empty(),
        "nothing put back"
    );
    let frozen = post(
        &mut rosa,
        &format!("/form/view/{}/", a.id.0),
        &[("version", &version), ("status", "open")],
    )
    .await;
    assert_eq!(frozen.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        frozen
            .body
            .contains("disposed of under its retention schedule")
    );

    // A rejection: the reason is required, kept when refused, escaped when shown.
    let c = filed(&rosa, "Elm House").await;
    close_on_the_page(&mut rosa, c.id.0, "1-year").await;
    closed_years_ago(&rosa, c.id.0, 2).await;
    rosa.get("/form/retention/").await;
    let p = post(&mut rosa, "/form/retention/propose/", &[]).await;
    let second = p.location().unwrap().to_owned();
    ana.get(&second).await;
    let empty = post(&mut ana, &format!("{second}reject/"), &[("reason", "   ")]).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let hostile = "Case <b>170-16</b> may reopen";
    let too_long = format!("{hostile} {}", "x".repeat(2100));
    let kept = post(
        &mut ana,
        &format!("{second}reject/"),
        &[("reason", &too_long)],
    )
    .await;
    assert_eq!(kept.status, StatusCode::BAD_REQUEST);
    assert!(
        kept.body
            .contains("Case &lt;b&gt;170-16&lt;&#x2F;b&gt; may reopen")
            || kept
                .body
                .contains("Case &lt;b&gt;170-16&lt;/b&gt; may reopen"),
        "what was typed is kept, escaped"
    );
    assert_eq!(
        post(
            &mut ana,
            &format!("{second}reject/"),
            &[("reason", hostile)]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    let page = ana.get(&second).await;
    assert!(page.body.contains("<strong>Rejected</strong>"));
    assert!(!page.body.contains("<b>170-16</b>"), "escaped");
    let list = ana.get("/form/retention/").await;
    assert!(list.body.contains("Disposed") && list.body.contains("Rejected"));
}

//! Staff intake over real HTTP: `/form/new/` (phone and letter reports
//! with the form's validation) and a hotline form (`/form/new/phone/<name>/`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;
use common::messages;

use chrono::Utc;
use common::{TestApp, spawn_with};
use crt_domain::{
    accounts::{NewUser, hash_password},
    email::OutboxRepository,
    intake,
    ports::{ReportRepository, UserRepository},
    report::{IntakeFormat, PrimaryComplaint, ReportId, Section},
};
use crt_web::{Application, Settings};
use reqwest::StatusCode;

const PASSWORD: &str = "a long enough password";

async fn signed_in(url: &str, env: &[(&str, &str)]) -> TestApp {
    let mut app = spawn_with(url, env).await;
    let user = NewUser {
        username: "ana".into(),
        email: None,
        display_name: "Ana Staff".into(),
        portal_access: true,
        section: None,
        password_hash: Some(hash_password(PASSWORD).unwrap()),
        emergency_local: false,
    };
    app.db.create_user(&user, Utc::now()).await.unwrap();
    app.get("/accounts/login/").await;
    let csrf = app.csrf.clone().unwrap();
    let page = app
        .post_raw(
            "/accounts/login/",
            &[
                ("csrf_token", &csrf),
                ("username", "ana"),
                ("password", PASSWORD),
                ("next", "/form/new/"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    app
}

fn today() -> String {
    Utc::now().date_naive().to_string()
}

/// A complete phone report's fields.
fn phone_call(received: &str) -> Vec<(&'static str, String)> {
    vec![
        ("intake_format", "phone".into()),
        ("received_date", received.into()),
        ("language", "es".into()),
        ("contact_first_name", "Rosa".into()),
        ("contact_email", "rosa@example.com".into()),
        ("servicemember", "no".into()),
        ("primary_complaint", "workplace".into()),
        ("public_or_private_employer", "private_employer".into()),
        ("employer_size", "14_or_less".into()),
        ("location_name", "Sunrise Bakery".into()),
        ("location_city_town", "El Paso".into()),
        ("location_state", "TX".into()),
        ("protected_class", "national_origin".into()),
        ("last_incident_month", "3".into()),
        ("last_incident_year", "2026".into()),
        (
            "violation_summary",
            "Told to <b>stop</b> speaking Spanish at work.".into(),
        ),
        ("summary", "Caller prefers mornings.".into()),
    ]
}

async fn post(app: &mut TestApp, path: &str, fields: &[(&str, String)]) -> common::Page {
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    let csrf = common::csrf_of(&page.body).unwrap();
    let mut pairs: Vec<(&str, &str)> = vec![("csrf_token", csrf.as_str())];
    pairs.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
    app.post_raw(path, &pairs).await
}

fn report_id(location: &str) -> ReportId {
    let id = location
        .trim_start_matches("/form/view/")
        .split('/')
        .next()
        .unwrap();
    ReportId(id.parse().unwrap())
}

async fn phone_and_letter_reports_are_recorded_routed_and_quiet(url: String) {
    let mut app = signed_in(&url, &[]).await;
    let blank = app.get("/form/new/").await;
    assert_eq!(blank.status, StatusCode::OK);
    for field in crt_domain::fields::FIELDS {
        assert!(
            blank.body.contains(&format!("name=\"{}\"", field.name)),
            "{} is on the page",
            field.name
        );
    }
    assert!(
        blank.body.contains("Only for reports about: Workplace"),
        "concern-only questions say so"
    );
    assert!(
        blank.body.contains(&format!("value=\"{}\"", today())),
        "received today by default"
    );

    // Problems: every one on the page, with what was typed kept (escaped).
    let mut broken = phone_call("2999-01-01");
    broken.retain(|(k, _)| *k != "location_name" && *k != "intake_format");
    let refused = post(&mut app, "/form/new/", &broken).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"error-summary\""));
    for msg in [
        messages::LOCATION_NAME,
        intake::messages::FORMAT_MISSING,
        intake::messages::RECEIVED_FUTURE,
    ] {
        assert!(refused.body.contains(&common::esc(msg)), "{msg}");
    }
    assert!(
        refused
            .body
            .contains("Told to &lt;b&gt;stop&lt;&#x2F;b&gt; speaking Spanish"),
        "kept and escaped"
    );
    assert!(!refused.body.contains("<b>stop</b>"));

    // A phone call: recorded, routed, no auto-response unless asked.
    let filed = post(&mut app, "/form/new/", &phone_call(&today())).await;
    assert_eq!(
        filed.status,
        StatusCode::SEE_OTHER,
        "{}",
        common::error_text(&filed.body)
    );
    let location = filed.location().unwrap().to_owned();
    assert!(location.ends_with("?recorded=1"), "{location}");
    let id = report_id(&location);
    let record = app.db.get(id).await.unwrap();
    assert_eq!(record.report.intake_format, IntakeFormat::Phone);
    assert_eq!(record.report.received_date, Some(Utc::now().date_naive()));
    assert_eq!(record.report.language, "es");
    assert_eq!(
        record.staff.assigned_section,
        crt_domain::routing::assign_section(&record.report).0,
        "routed"
    );
    assert_eq!(
        record.staff.summary.as_deref(),
        Some("Caller prefers mornings.")
    );
    assert!(
        app.db.emails_for_report(id).await.unwrap().is_empty(),
        "no auto-response unless asked"
    );
    let log = app.db.activity(id).await.unwrap();
    assert!(
        log.iter()
            .any(|a| a.actor == "ana" && a.verb == "Report created by ana from phone"),
        "{log:?}"
    );
    let detail = app.get(&location).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(
        detail.body.contains("Phone received"),
        "the detail page says how it came in"
    );
    assert!(detail.body.contains("Report created by ana from phone"));

    // A letter whose writer asked for the e-mail.
    let mut letter = phone_call("2026-01-02");
    letter.retain(|(k, _)| *k != "intake_format");
    letter.push(("intake_format", "letter".into()));
    letter.push(("send_auto_response", "yes".into()));
    let filed = post(&mut app, "/form/new/", &letter).await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER);
    let id = report_id(filed.location().unwrap());
    let record = app.db.get(id).await.unwrap();
    assert_eq!(record.report.intake_format, IntakeFormat::Letter);
    assert_eq!(
        record.report.received_date.unwrap().to_string(),
        "2026-01-02"
    );
    assert_eq!(
        app.db.emails_for_report(id).await.unwrap().len(),
        1,
        "asked for: queued"
    );

    // Without the page's CSRF token nothing is recorded.
    let before = app.stored_reports().await;
    let mut forged: Vec<(&str, &str)> = vec![("csrf_token", "00")];
    let fields = phone_call(&today());
    forged.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
    let page = app.post_raw("/form/new/", &forged).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(app.stored_reports().await, before);
}
crt_persistence::per_backend!(phone_and_letter_reports_are_recorded_routed_and_quiet, url);

async fn a_hotline_form_presets_concern_section_and_format(url: String) {
    let mut app = signed_in(&url, &[]).await;
    let page = app.get("/form/new/phone/voting/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Voting hotline"));
    assert!(
        !page.body.contains("name=\"primary_complaint\""),
        "the concern is preset"
    );
    assert!(
        !page.body.contains("name=\"contact_address_line_1\""),
        "fewer questions"
    );
    assert!(
        !page.body.contains("name=\"employer_size\""),
        "only the voting questions"
    );
    assert!(page.body.contains("name=\"election_details\""));
    let call = vec![
        ("received_date", today()),
        ("contact_phone", "202-555-0100".to_owned()),
        ("servicemember", "no".to_owned()),
        // Ignored: a hotline's concern and format are its own.
        ("primary_complaint", "housing".to_owned()),
        ("intake_format", "letter".to_owned()),
        ("location_name", "Lincoln School gym".to_owned()),
        ("location_city_town", "Columbus".to_owned()),
        ("location_state", "OH".to_owned()),
        ("protected_class", "race_color".to_owned()),
        ("last_incident_month", "11".to_owned()),
        ("last_incident_year", "2026".to_owned()),
        (
            "violation_summary",
            "Poll workers turned voters away.".to_owned(),
        ),
    ];
    let filed = post(&mut app, "/form/new/phone/voting/", &call).await;
    assert_eq!(
        filed.status,
        StatusCode::SEE_OTHER,
        "{}",
        common::error_text(&filed.body)
    );
    let record = app
        .db
        .get(report_id(filed.location().unwrap()))
        .await
        .unwrap();
    assert_eq!(record.report.primary_complaint(), PrimaryComplaint::Voting);
    assert_eq!(record.report.intake_format, IntakeFormat::Phone);
    assert_eq!(record.staff.assigned_section, Section::Voting);
    assert!(
        record.staff.routing_explanation.contains("Voting hotline"),
        "{}",
        record.staff.routing_explanation
    );
    assert_eq!(
        app.get("/form/new/phone/nope/").await.status,
        StatusCode::NOT_FOUND
    );
}
crt_persistence::per_backend!(a_hotline_form_presets_concern_section_and_format, url);

#[tokio::test]
async fn hotline_forms_come_from_the_setting_and_bad_ones_stop_the_start() {
    let mut app = signed_in(
        "sqlite::memory:",
        &[(
            "INTAKE_HOTLINE_FORMS",
            r#"[{"name": "ada", "title": "ADA information line", "section": "DRS", "hidden": []}]"#,
        )],
    )
    .await;
    let page = app.get("/form/new/phone/ada/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("name=\"primary_complaint\""),
        "no preset concern"
    );
    assert!(
        page.body.contains("name=\"contact_address_line_1\""),
        "nothing hidden"
    );
    assert_eq!(
        app.get("/form/new/phone/voting/").await.status,
        StatusCode::NOT_FOUND
    );
    for bad in [
        r#"[{"name": "x", "title": "X", "section": "NOPE"}]"#,
        r#"[{"name": "x", "title": "X", "section": "VOT", "hidden": ["location_name"]}]"#,
        r#"[{"name": "x", "title": "X", "section": "VOT"}, {"name": "x", "title": "Y", "section": "VOT"}]"#,
        r#"{"name": "x"}"#,
    ] {
        let vars = [
            ("ENV", "TEST"),
            ("PORT", "0"),
            ("DATABASE_URL", "sqlite::memory:"),
            ("INTAKE_HOTLINE_FORMS", bad),
        ];
        let settings = Settings::from_lookup(|k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_owned())
        });
        match settings {
            Err(e) => assert!(e.to_string().contains("INTAKE_HOTLINE_FORMS"), "{e}"),
            Ok(s) => {
                let err = Application::build(s).await.err().expect("refused at start");
                assert!(err.to_string().contains("INTAKE_HOTLINE_FORMS"), "{err}");
            }
        }
    }
}

async fn corrections_are_logged_field_by_field_and_offer_rerouting(url: String) {
    let mut app = signed_in(&url, &[]).await;
    let filed = post(&mut app, "/form/new/", &phone_call(&today())).await;
    let id = report_id(filed.location().unwrap());
    let before = app.db.get(id).await.unwrap();
    let path = format!("/form/view/{}/correct/", id.0);
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("value=\"Sunrise Bakery\""),
        "filled in with the answers"
    );

    // The form posts every answer; change three of them.
    let mut fields: Vec<(String, String)> = Vec::new();
    for (k, values) in crt_domain::validation::answers_of(&before.report).iter() {
        for v in values {
            fields.push((k.to_owned(), v.clone()));
        }
    }
    let set = |fields: &mut Vec<(String, String)>, k: &str, v: &str| {
        fields.retain(|(n, _)| n != k);
        fields.push((k.to_owned(), v.to_owned()));
    };
    set(&mut fields, "contact_email", "rosa.m@example.com");
    set(&mut fields, "location_state", "NM");
    set(&mut fields, "primary_complaint", "housing");
    let send = |fields: &[(String, String)], version: i32| {
        let mut v: Vec<(&'static str, String)> = vec![("version", version.to_string())];
        for (k, val) in fields {
            v.push((Box::leak(k.clone().into_boxed_str()), val.clone()));
        }
        v
    };
    let saved = post(&mut app, &path, &send(&fields, before.version)).await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{}",
        common::error_text(&saved.body)
    );
    // Three answers, and the two workplace questions a housing report
    // does not ask (cleared, and logged as such).
    assert_eq!(
        saved.location().unwrap(),
        format!("/form/view/{}/?corrected=5", id.0)
    );
    let after = app.db.get(id).await.unwrap();
    assert_eq!(
        after.report.contact.email.as_ref().unwrap().as_str(),
        "rosa.m@example.com"
    );
    assert_eq!(after.report.location.state.as_str(), "NM");
    assert_eq!(
        after.report.intake_format,
        IntakeFormat::Phone,
        "the intake stays"
    );
    assert_eq!(after.report.received_date, before.report.received_date);
    assert_eq!(
        after.staff.assigned_section, before.staff.assigned_section,
        "never re-routed by itself"
    );
    let log = app.db.activity(id).await.unwrap();
    let email = log
        .iter()
        .find(|a| {
            a.verb.starts_with("Corrected") && a.new_value.as_deref() == Some("rosa.m@example.com")
        })
        .expect("logged");
    assert_eq!(email.old_value.as_deref(), Some("rosa@example.com"));
    assert_eq!(email.actor, "ana");
    assert!(
        log.iter().any(
            |a| a.old_value.as_deref() == Some("Texas") || a.old_value.as_deref() == Some("TX")
        ),
        "{log:?}"
    );
    // The detail page offers the section routing would now choose.
    let detail = app.get(saved.location().unwrap()).await;
    assert!(detail.body.contains("5 answers were corrected"));
    assert!(
        log.iter()
            .any(|a| a.new_value.is_none() && a.old_value.is_some()),
        "a cleared answer: {log:?}"
    );
    let expected = crt_domain::routing::assign_section(&after.report).0;
    assert_ne!(expected, after.staff.assigned_section);
    use crt_domain::choice::Choice;
    assert!(
        detail
            .body
            .contains(&format!("Routing would now choose {}", expected.value())),
        "the offer"
    );
    // Taking the offer moves it, with routing's reason.
    let csrf = common::csrf_of(&detail.body).unwrap();
    let moved = app
        .post_raw(
            &format!("/form/view/{}/reroute/", id.0),
            &[
                ("csrf_token", &csrf),
                ("version", &after.version.to_string()),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let rerouted = app.db.get(id).await.unwrap();
    assert_eq!(rerouted.staff.assigned_section, expected);
    assert_eq!(
        rerouted.staff.routing_explanation,
        crt_domain::routing::assign_section(&rerouted.report).1
    );
    let after = rerouted;

    // A stale form, and an invalid one: nothing saved.
    let stale = post(&mut app, &path, &send(&fields, before.version)).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    set(&mut fields, "location_name", "");
    let invalid = post(&mut app, &path, &send(&fields, after.version)).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid.body.contains(&common::esc(messages::LOCATION_NAME)));
    assert_eq!(app.db.get(id).await.unwrap().version, after.version);
}
crt_persistence::per_backend!(
    corrections_are_logged_field_by_field_and_offer_rerouting,
    url
);

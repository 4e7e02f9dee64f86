//! The public report form over real HTTP: full submissions, validation
//! messages, the refresh guard, CSRF, escaping, double submit, limits.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;
use common::messages;

use common::{TestApp, error_text, esc, spawn, spawn_with};
use crt_domain::{
    choice::Choice, ports::ReportRepository, report::PrimaryComplaint, values::PublicId,
};
use crt_persistence::testing::count_rows;
use reqwest::StatusCode;

fn public_id_of(body: &str) -> PublicId {
    let marker = "class=\"crt-public-id\">";
    let start = body.find(marker).expect("public id on the page") + marker.len();
    let end = body[start..].find('<').unwrap() + start;
    PublicId::parse(&body[start..end]).expect("a well-formed public id")
}

async fn submit(app: &mut TestApp) -> PublicId {
    let done = app.post_step("review", "submit", &[]).await;
    assert_eq!(
        done.status,
        StatusCode::SEE_OTHER,
        "{}",
        error_text(&done.body)
    );
    assert_eq!(done.location(), Some("/report/confirmation/"));
    let confirmation = app.get("/report/confirmation/").await;
    assert_eq!(confirmation.status, StatusCode::OK);
    public_id_of(&confirmation.body)
}

async fn a_report_for_every_primary_concern_is_filed_and_routed(url: String) {
    let expected = [
        ("workplace", vec!["immigration"], "IER"),
        ("housing", vec!["race_color"], "HCE"),
        ("education", vec!["disability"], "DRS"),
        ("police", vec!["race_color"], "SPL"),
        ("voting", vec!["age"], "VOT"),
        ("commercial_or_public", vec!["religion"], "SPL"),
        ("something_else", vec!["gun_ownership"], "2AS"),
    ];
    assert_eq!(expected.len(), PrimaryComplaint::ALL.len());
    for (primary, classes, section) in &expected {
        // Seven reports to one address in one database: the auto-response
        // limit (3 a day) is off here; the limits have their own tests.
        let mut app = spawn_with(&url, &[("AUTO_RESPONSE_LIMIT", "0")]).await;
        let outbox_before = count_rows(&app.db, "email_outbox").await;
        let review = app.fill_to_review(primary, classes).await;
        assert!(review.body.contains("They refused to serve me."));
        let id = submit(&mut app).await;
        let stored = app.db.get_by_public_id(&id).await.unwrap();
        assert_eq!(
            stored.staff.assigned_section.value(),
            *section,
            "{} {primary}",
            app.backend
        );
        assert_eq!(stored.report.primary_complaint().value(), *primary);
        assert_eq!(
            stored.report.protected_classes,
            classes.iter().map(|c| c.to_string()).collect::<Vec<_>>()
        );
        assert_eq!(stored.staff.status.value(), "new");
        assert_eq!(stored.report.intake_format.value(), "web");
        assert_eq!(
            stored.report.contact.email.as_ref().map(|e| e.as_str()),
            Some("ana@example.org")
        );
        let outbox_after = count_rows(&app.db, "email_outbox").await;
        assert_eq!(
            outbox_after,
            outbox_before + 1,
            "one auto-response queued with the report"
        );
    }
}
crt_persistence::per_backend!(a_report_for_every_primary_concern_is_filed_and_routed, url);

/// (step, bad answers, messages expected, good answers)
type StepCase = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    Vec<&'static str>,
    Vec<(&'static str, &'static str)>,
);

#[tokio::test]
async fn every_step_shows_its_messages_with_an_error_summary() {
    let mut app = spawn().await;
    app.get("/report/").await;
    let cases: Vec<StepCase> = vec![
        (
            "contact",
            vec![("contact_email", "nope"), ("contact_phone", "12")],
            vec![
                messages::SERVICEMEMBER,
                messages::EMAIL_INVALID,
                messages::PHONE_INVALID,
            ],
            vec![("servicemember", "yes")],
        ),
        (
            "primary-concern",
            vec![],
            vec![messages::PRIMARY_COMPLAINT],
            vec![("primary_complaint", "workplace")],
        ),
        (
            "location-workplace",
            vec![],
            vec![
                messages::LOCATION_NAME,
                messages::LOCATION_CITY,
                messages::LOCATION_STATE,
                messages::EMPLOYER_TYPE,
                messages::EMPLOYER_SIZE,
            ],
            vec![
                ("location_name", "Depot"),
                ("location_city_town", "Reno"),
                ("location_state", "NV"),
                ("public_or_private_employer", "not_sure"),
                ("employer_size", "not_sure"),
            ],
        ),
        (
            "personal-characteristics",
            vec![],
            vec![messages::PROTECTED_CLASS],
            vec![("protected_class", "age")],
        ),
        (
            "date",
            vec![
                ("last_incident_month", "13"),
                ("last_incident_year", "1800"),
            ],
            vec![messages::MONTH_INVALID, messages::YEAR_INVALID],
            vec![("last_incident_month", "1"), ("last_incident_year", "2026")],
        ),
        (
            "description",
            vec![],
            vec![messages::SUMMARY],
            vec![("violation_summary", "x")],
        ),
    ];
    for (step, bad, wanted, good) in cases {
        let page = app.post_step(step, "next", &bad).await;
        assert_eq!(page.status, StatusCode::OK, "{step}");
        assert!(
            page.body.contains("id=\"error-summary\""),
            "{step}: error summary"
        );
        for m in &wanted {
            let escaped = esc(m);
            assert!(
                page.body.matches(&escaped).count() >= 2,
                "{step}: {m} in the summary and beside its field\n{}",
                error_text(&page.body)
            );
        }
        // What was typed stays in the form.
        for (k, v) in &bad {
            if k.starts_with("contact_") {
                assert!(
                    page.body.contains(&format!("value=\"{}\"", esc(v))),
                    "{step}: {k} kept"
                );
            }
        }
        let next = app.next(step, &good).await;
        assert!(!next.body.contains("error-summary"));
    }
    // Police: the facility type is required only when inside.
    let mut app = spawn().await;
    app.get("/report/").await;
    app.next("contact", &[("servicemember", "no")]).await;
    app.next("primary-concern", &[("primary_complaint", "police")])
        .await;
    let base = [
        ("location_name", "Jail"),
        ("location_city_town", "Reno"),
        ("location_state", "NV"),
    ];
    let mut inside = base.to_vec();
    inside.push(("inside_correctional_facility", "inside"));
    let page = app.post_step("location-police", "next", &inside).await;
    assert!(
        page.body.contains(&esc(messages::CORRECTIONAL_TYPE)),
        "{}",
        error_text(&page.body)
    );
    let mut outside = base.to_vec();
    outside.push(("inside_correctional_facility", "outside"));
    app.next("location-police", &outside).await;
}

#[tokio::test]
async fn back_keeps_answers_and_steps_cannot_be_skipped() {
    let mut app = spawn().await;
    app.get("/report/").await;
    app.next(
        "contact",
        &[("servicemember", "no"), ("contact_first_name", "Ana")],
    )
    .await;
    // Skipping ahead by posting a later step is refused.
    let skip = app
        .post_step(
            "date",
            "next",
            &[("last_incident_month", "1"), ("last_incident_year", "2026")],
        )
        .await;
    assert_eq!(skip.status, StatusCode::UNPROCESSABLE_ENTITY);
    // ...and so is visiting it by URL: the current step is shown instead.
    let by_url = app.get("/report/?step=date").await;
    assert!(
        by_url
            .body
            .contains("name=\"step\" value=\"primary-concern\"")
    );
    // Back, with the answer kept.
    let back = app
        .post_step(
            "primary-concern",
            "back",
            &[("primary_complaint", "voting")],
        )
        .await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    let contact = app.get("/report/").await;
    assert!(contact.body.contains("value=\"Ana\""));
    let again = app
        .next(
            "contact",
            &[("servicemember", "no"), ("contact_first_name", "Ana")],
        )
        .await;
    assert!(
        again.body.contains("value=\"voting\" checked"),
        "the answer given before Back is kept"
    );
}

#[tokio::test]
async fn a_replayed_step_gets_the_refreshed_page() {
    let mut app = spawn().await;
    app.get("/report/").await;
    app.next("contact", &[("servicemember", "no")]).await;
    let replay = app
        .post_step("contact", "next", &[("servicemember", "no")])
        .await;
    assert_eq!(replay.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(replay.body.contains("This form was refreshed"));
    assert!(replay.body.contains("href=\"/report/\""));
    // The person continues where the draft is.
    let cont = app.get("/report/").await;
    assert!(
        cont.body
            .contains("name=\"step\" value=\"primary-concern\"")
    );
    // An unknown step is 404.
    assert_eq!(
        app.post_step("witness-protection", "next", &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn csrf_is_required_and_tied_to_the_session() {
    let mut app = spawn().await;
    app.get("/report/").await;
    let token = app.csrf.clone().unwrap();
    let missing = app
        .post_raw("/report/", &[("step", "contact"), ("servicemember", "no")])
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert!(
        missing.body.contains("usa-"),
        "an error page in the site's look"
    );
    let wrong = app
        .post_raw(
            "/report/",
            &[
                ("csrf_token", "00"),
                ("step", "contact"),
                ("servicemember", "no"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    // Another visitor's token does not work for this session.
    let mut other = spawn().await;
    other.base = app.base.clone();
    other.get("/report/").await;
    let stolen = other
        .post_raw(
            "/report/",
            &[
                ("csrf_token", token.as_str()),
                ("step", "contact"),
                ("servicemember", "no"),
            ],
        )
        .await;
    assert_eq!(stolen.status, StatusCode::FORBIDDEN);
    // No cookie at all.
    crt_mail::tms::install_tls_provider();
    let bare = reqwest::Client::new()
        .post(format!("{}/report/", app.base))
        .form(&[
            ("csrf_token", token.as_str()),
            ("step", "contact"),
            ("servicemember", "no"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), StatusCode::FORBIDDEN);
    assert_eq!(count_rows(&app.db, "report_draft").await, 0);
}

#[tokio::test]
async fn anonymous_get_writes_nothing_and_sets_a_safe_cookie() {
    let mut app = spawn().await;
    let page = app.get("/report/").await;
    assert_eq!(page.status, StatusCode::OK);
    let cookie = page
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("crt_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain HTTP in tests");
    for _ in 0..5 {
        reqwest::get(format!("{}/report/", app.base)).await.unwrap();
    }
    assert_eq!(count_rows(&app.db, "report_draft").await, 0);
    let csp = page
        .headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"));
    assert_eq!(
        page.headers.get("x-content-type-options").unwrap(),
        "nosniff"
    );
    assert!(page.headers.get("referrer-policy").is_some());
    assert!(!page.body.contains("<script>"), "no inline script");
}

#[tokio::test]
async fn hostile_text_is_escaped_on_the_review_page() {
    let mut app = spawn().await;
    app.get("/report/").await;
    let hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    app.next(
        "contact",
        &[("servicemember", "no"), ("contact_first_name", hostile)],
    )
    .await;
    app.next("primary-concern", &[("primary_complaint", "housing")])
        .await;
    app.next(
        "location-housing",
        &[
            ("location_name", hostile),
            ("location_city_town", "Reno"),
            ("location_state", "NV"),
        ],
    )
    .await;
    app.next(
        "personal-characteristics",
        &[("protected_class", "other"), ("other_class", hostile)],
    )
    .await;
    app.next(
        "date",
        &[("last_incident_month", "1"), ("last_incident_year", "2026")],
    )
    .await;
    let review = app
        .next("description", &[("violation_summary", hostile)])
        .await;
    assert!(
        !review.body.contains("<script>alert"),
        "raw script must not appear"
    );
    assert!(!review.body.contains("<img src=x"));
    assert!(
        review.body.matches(&esc(hostile)).count() >= 4,
        "shown escaped"
    );
    let id = submit(&mut app).await;
    let stored = app.db.get_by_public_id(&id).await.unwrap();
    assert_eq!(stored.report.violation_summary, hostile, "stored as typed");
}

async fn double_submit_files_one_report(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    app.fill_to_review("voting", &["disability"]).await;
    let first = app.post_step("review", "submit", &[]).await;
    let second = app.post_step("review", "submit", &[]).await;
    assert_eq!(first.location(), Some("/report/confirmation/"));
    assert_eq!(
        second.location(),
        Some("/report/confirmation/"),
        "{}",
        app.backend
    );
    assert_eq!(app.stored_reports().await, 1);
    // The draft is cleared after submission.
    let confirmation = app.get("/report/confirmation/").await;
    public_id_of(&confirmation.body);
    let fresh = app.get("/report/").await;
    assert!(
        fresh.body.contains("name=\"step\" value=\"contact\""),
        "a new report starts afresh"
    );
    assert!(!fresh.body.contains("value=\"Ana\""));
    // ...and can be filed: the first step is taken, not "refreshed".
    let started = app
        .post_step("contact", "next", &[("servicemember", "yes")])
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", app.backend);
    let second = app.get("/report/").await;
    assert!(
        second
            .body
            .contains("name=\"step\" value=\"primary-concern\"")
    );
}
crt_persistence::per_backend!(double_submit_files_one_report, url);

#[tokio::test]
async fn bad_bodies_get_4xx_never_5xx() {
    let mut app = spawn().await;
    app.get("/report/").await;
    let token = app.csrf.clone().unwrap();
    let big = "a".repeat(70 * 1024);
    let too_big = app
        .post_raw(
            "/report/",
            &[
                ("csrf_token", token.as_str()),
                ("step", "contact"),
                ("contact_city", big.as_str()),
            ],
        )
        .await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
    // The same without a declared length: chunked, 70 KiB in 1 KiB chunks.
    let addr = app.base.trim_start_matches("http://").to_owned();
    let mut tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let mut request = format!(
        "POST /report/ HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    .into_bytes();
    let chunk = format!("{:x}\r\n{}\r\n", 1024, "b".repeat(1024));
    for _ in 0..70 {
        request.extend_from_slice(chunk.as_bytes());
    }
    request.extend_from_slice(b"0\r\n\r\n");
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // The server may answer and close before reading it all.
    let _ = tcp.write_all(&request).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        tcp.read_to_end(&mut answer),
    )
    .await
    .expect("an answer within 10 s");
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 413"),
        "{}",
        &answer[..answer.len().min(200)]
    );
    let not_utf8 = app
        .client
        .post(format!("{}/report/", app.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "csrf_token={token}&step=contact&contact_first_name=%FF%FE"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(not_utf8.status(), StatusCode::BAD_REQUEST);
    let json = app
        .client
        .post(format!("{}/report/", app.base))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), StatusCode::BAD_REQUEST);
    // Over-long fields are a message, not a crash.
    let long = "b".repeat(300);
    let page = app
        .post_step(
            "contact",
            "next",
            &[("servicemember", "no"), ("contact_first_name", &long)],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Ensure this value has at most 225 characters (it has 300).")
    );
    assert_eq!(app.get("/nowhere").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn maintenance_mode_closes_the_form_to_newcomers_only() {
    let db = "sqlite::memory:";
    // A person with a draft in progress...
    let mut app = spawn_with(db, &[("MAINTENANCE_MODE", "True")]).await;
    let closed = app.get("/report/").await;
    assert_eq!(closed.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        closed
            .body
            .contains("The reporting form is down for maintenance")
    );
    assert_eq!(
        app.get("/").await.status,
        StatusCode::OK,
        "other pages keep working"
    );
    // A newcomer cannot start a draft by POST either (the sign-in page hands
    // out a session and a CSRF token the form would accept).
    app.get("/accounts/login/").await;
    let sneaky = app
        .post_step("contact", "next", &[("servicemember", "no")])
        .await;
    assert_eq!(sneaky.status, StatusCode::SERVICE_UNAVAILABLE);

    // ...started before maintenance began keeps going (same database, new instance).
    let file = std::env::temp_dir().join(format!("crt-maint-{}.sqlite3", std::process::id()));
    let _ = std::fs::remove_file(&file);
    let url = format!("sqlite://{}", file.display());
    let mut before = spawn_with(&url, &[]).await;
    before.get("/report/").await;
    before.next("contact", &[("servicemember", "no")]).await;
    let mut during = spawn_with(&url, &[("MAINTENANCE_MODE", "1")]).await;
    during.client = before.client.clone();
    during.csrf = before.csrf.clone();
    let cont = during.get("/report/").await;
    assert_eq!(
        cont.status,
        StatusCode::OK,
        "the draft in progress continues"
    );
    assert!(
        cont.body
            .contains("name=\"step\" value=\"primary-concern\"")
    );
    during
        .next("primary-concern", &[("primary_complaint", "housing")])
        .await;
}

#[tokio::test]
async fn template_context_is_shown_only_locally() {
    let mut local = spawn_with("sqlite::memory:", &[("ENV", "LOCAL")]).await;
    let page = local.get("/report/?debug=context").await;
    assert!(page.body.contains("Template context (ENV=LOCAL only)"));
    assert!(page.body.contains("&quot;csrf_token&quot;"), "escaped JSON");
    let key = "k".repeat(40);
    for env in ["TEST", "PRODUCTION"] {
        let mut app = spawn_with(
            "sqlite::memory:",
            &[
                ("ENV", env),
                ("SECRET_KEY", &key),
                ("SITE_URL", "https://portal.example"),
            ],
        )
        .await;
        let page = app.get("/report/?debug=context").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("Template context"), "{env}");
    }
    // Deployed environments mark the cookie Secure, with the __Host- prefix
    // (no sibling subdomain can set it).
    let mut prod = spawn_with(
        "sqlite::memory:",
        &[
            ("ENV", "PRODUCTION"),
            ("SECRET_KEY", &key),
            ("SITE_URL", "https://portal.example"),
        ],
    )
    .await;
    let page = prod.get("/report/").await;
    let cookie = page.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(cookie.starts_with("__Host-crt_session="), "{cookie}");
    assert!(cookie.contains("Path=/") && !cookie.contains("Domain="));
    // Deployed, pages tell browsers to use TLS only; locally they do not.
    assert_eq!(
        page.headers
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok()),
        Some("max-age=31536000; includeSubDomains")
    );
    let mut local = spawn().await;
    let page = local.get("/report/").await;
    assert!(page.headers.get("strict-transport-security").is_none());
}

#[tokio::test]
async fn a_session_token_the_server_did_not_issue_is_not_taken() {
    let mut app = spawn().await;
    // A visitor's own session, with a draft.
    app.get("/report/").await;
    let own = app
        .post_step(
            "contact",
            "next",
            &[("servicemember", "no"), ("contact_first_name", "Ana")],
        )
        .await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
    // A cookie planted with a made-up token (e.g. from a sibling site) is
    // replaced by a fresh session, not taken as one.
    let planted = format!("crt_session={}", "ab".repeat(32));
    let resp = reqwest::Client::new()
        .get(format!("{}/report/", app.base))
        .header("cookie", &planted)
        .send()
        .await
        .unwrap();
    let set = resp
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        set.starts_with("crt_session="),
        "a new session is issued: {set:?}"
    );
    assert!(!set.contains(&"ab".repeat(32)), "not the planted token");
    // The visitor's signed cookie keeps its draft.
    let again = app.get("/report/").await;
    assert!(again.headers.get("set-cookie").is_none());
    assert!(
        again
            .body
            .contains("name=\"step\" value=\"primary-concern\""),
        "{}",
        again.body.len()
    );
}

#[tokio::test]
async fn static_assets_are_served_with_cache_headers() {
    let mut app = spawn().await;
    let css = app.get("/static/uswds/css/uswds.min.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(
        css.headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(
        css.headers
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let etag = css
        .headers
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let again = app
        .client
        .get(format!("{}/static/uswds/css/uswds.min.css", app.base))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(
        app.get("/static/nope.css").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/static/uswds/LICENSE.md").await.status,
        StatusCode::OK
    );
}

async fn the_optional_witness_step_is_asked_for_police_reports_only(url: String) {
    // Police: the step appears after the location, its answer is kept and shown.
    let mut app = spawn_with(&url, &[]).await;
    let review = app.fill_to_review("police", &["race_color"]).await;
    assert!(review.body.contains("Your role"));
    assert!(review.body.contains("I was the person harmed"));
    let id = submit(&mut app).await;
    let stored = app.db.get_by_public_id(&id).await.unwrap();
    assert_eq!(
        stored.report.witness.map(|w| w.value()),
        Some("harmed"),
        "{}",
        app.backend
    );

    // Skipping it is allowed.
    let mut app = spawn_with(&url, &[]).await;
    app.get("/report/").await;
    app.next("contact", &[("servicemember", "no")]).await;
    app.next("primary-concern", &[("primary_complaint", "police")])
        .await;
    let role = app
        .next(
            "location-police",
            &[
                ("location_name", "Jail"),
                ("location_city_town", "Reno"),
                ("location_state", "NV"),
                ("inside_correctional_facility", "outside"),
            ],
        )
        .await;
    assert!(role.body.contains("name=\"step\" value=\"witness\""));
    let next = app.next("witness", &[]).await;
    assert!(
        next.body
            .contains("name=\"step\" value=\"personal-characteristics\"")
    );
    let bad = app.get("/report/?step=witness").await;
    assert!(
        bad.body.contains("name=\"step\" value=\"witness\""),
        "earlier steps can be revisited"
    );
    let refused = app
        .post_step("witness", "next", &[("witness", "bystander")])
        .await;
    assert!(refused.body.contains("is not one of the available choices"));

    // Housing: never asked, never stored.
    let mut app = spawn_with(&url, &[]).await;
    let review = app.fill_to_review("housing", &["age"]).await;
    assert!(!review.body.contains("Your role"));
    let id = submit(&mut app).await;
    assert_eq!(
        app.db.get_by_public_id(&id).await.unwrap().report.witness,
        None
    );
}
crt_persistence::per_backend!(
    the_optional_witness_step_is_asked_for_police_reports_only,
    url
);

/// Filing moves the browser to a new session; a second click that still
/// carries the old cookie (it left before the new one arrived) lands on the
/// same confirmation, and so does one with the new cookie and the old page.
async fn filing_moves_the_browser_to_a_new_session(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    let first = app.get("/report/").await;
    let old = common::set_cookie(&first.headers, "crt_session").expect("a session cookie");
    app.fill_to_review("voting", &["disability"]).await;
    let old_csrf = app.csrf.clone().unwrap();
    let filed = app.post_step("review", "submit", &[]).await;
    assert_eq!(filed.location(), Some("/report/confirmation/"));
    let new = common::set_cookie(&filed.headers, "crt_session").expect("a new session at filing");
    assert_ne!(new, old, "{}: the session token is rotated", app.backend);
    let id = public_id_of(&app.get("/report/confirmation/").await.body);

    // The old cookie: a second click, then its confirmation.
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let again = bare
        .post(format!("{}/report/", app.base))
        .header("cookie", format!("crt_session={old}"))
        .form(&[
            ("csrf_token", old_csrf.as_str()),
            ("step", "review"),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        again.headers().get("location").unwrap(),
        "/report/confirmation/"
    );
    let shown = bare
        .get(format!("{}/report/confirmation/", app.base))
        .header("cookie", format!("crt_session={old}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(public_id_of(&shown), id, "for a few minutes after filing");
    // The new cookie with the old page's token: the confirmation, not an
    // "expired form".
    let replay = app
        .post_raw(
            "/report/",
            &[
                ("csrf_token", old_csrf.as_str()),
                ("step", "review"),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(replay.location(), Some("/report/confirmation/"));
    assert_eq!(app.stored_reports().await, 1);
    // A wrong token on any other step is still refused.
    let forged = app
        .post_raw(
            "/report/",
            &[("csrf_token", "0".repeat(64).as_str()), ("step", "contact")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}
crt_persistence::per_backend!(filing_moves_the_browser_to_a_new_session, url);

/// The public limits over HTTP: a 429 in the form's style, with what was
/// typed still on the page.
async fn over_a_limit_the_form_answers_429_and_keeps_the_answers(url: String) {
    let mut app = spawn_with(
        &url,
        &[("PUBLIC_DRAFT_LIMIT", "2"), ("PUBLIC_SUBMIT_LIMIT", "1")],
    )
    .await;
    app.fill_to_review("housing", &["race_color"]).await;
    let mut other = app.another_browser();
    other.fill_to_review("voting", &["disability"]).await;
    // Two drafts from 127.0.0.1: a third browser cannot start one.
    let mut third = app.another_browser();
    third.get("/report/").await;
    let refused = third
        .post_step(
            "contact",
            "next",
            &[("servicemember", "no"), ("contact_first_name", "Bea")],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        app.backend
    );
    assert!(
        refused
            .body
            .contains("Many reports have been started from your network")
    );
    assert!(
        refused.body.contains("value=\"Bea\""),
        "what was typed is on the page"
    );
    assert!(refused.body.contains("name=\"step\" value=\"contact\""));
    // One report per hour: the first is filed, the second gets its review
    // back with every answer.
    submit(&mut app).await;
    let second = other.post_step("review", "submit", &[]).await;
    assert_eq!(second.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(second.body.contains("Your answers are saved"));
    assert!(second.body.contains("They refused to serve me."));
    assert!(second.body.contains("name=\"step\" value=\"review\""));
    assert_eq!(app.stored_reports().await, 1);
    // Nothing was lost: the review is still there to submit later.
    let later = other.get("/report/").await;
    assert!(later.body.contains("name=\"step\" value=\"review\""));
}
crt_persistence::per_backend!(over_a_limit_the_form_answers_429_and_keeps_the_answers, url);

/// A Turnstile-compatible verifier on loopback: passes "pass-token" sent
/// with "test-secret", answers 500 for "break", and records what it got.
async fn fake_verifier() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use poem::{
        Route, Server, handler,
        listener::{Acceptor, Listener, TcpListener},
        web::{Data, Form},
    };
    #[handler]
    fn siteverify(
        Form(f): Form<std::collections::HashMap<String, String>>,
        seen: Data<&std::sync::Arc<std::sync::Mutex<Vec<String>>>>,
    ) -> poem::Response {
        let response = f.get("response").cloned().unwrap_or_default();
        seen.lock().unwrap().push(format!(
            "{}|{}|{}",
            f.get("secret").cloned().unwrap_or_default(),
            response,
            f.get("remoteip").cloned().unwrap_or_default()
        ));
        if response == "break" {
            return poem::Response::builder()
                .status(poem::http::StatusCode::INTERNAL_SERVER_ERROR)
                .finish();
        }
        let ok =
            response == "pass-token" && f.get("secret").map(String::as_str) == Some("test-secret");
        let body = if ok {
            r#"{"success":true,"error-codes":[]}"#
        } else {
            r#"{"success":false,"error-codes":["invalid-input-response"]}"#
        };
        poem::Response::builder()
            .content_type("application/json")
            .body(body)
    }
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let acceptor = TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let port = acceptor.local_addr()[0].as_socket_addr().unwrap().port();
    let app = poem::EndpointExt::data(
        Route::new().at("/siteverify", poem::post(siteverify)),
        seen.clone(),
    );
    tokio::spawn(Server::new_with_acceptor(acceptor).run(app));
    (format!("http://127.0.0.1:{port}"), seen)
}

#[tokio::test]
async fn the_bot_challenge_is_verified_by_the_server() {
    let (verifier, seen) = fake_verifier().await;
    let verify_url = format!("{verifier}/siteverify");
    let mut app = spawn_with(
        "sqlite::memory:",
        &[
            ("CHALLENGE_SITE_KEY", "site-key-123"),
            ("CHALLENGE_SECRET_KEY", "test-secret"),
            ("CHALLENGE_VERIFY_URL", &verify_url),
            (
                "CHALLENGE_SCRIPT_URL",
                "https://challenges.example/turnstile/api.js",
            ),
        ],
    )
    .await;
    let page = app.get("/report/").await;
    assert!(page.body.contains("data-sitekey=\"site-key-123\""));
    assert!(page.body.contains(&format!(
        "src=\"{}\"",
        esc("https://challenges.example/turnstile/api.js")
    )));
    let csp = page
        .headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        csp.contains("script-src 'self' https://challenges.example;")
            && csp.contains("frame-src https://challenges.example"),
        "{csp}"
    );
    let contact = [("servicemember", "no"), ("contact_first_name", "Chi")];
    let post = |extra: Option<&'static str>| {
        let mut f: Vec<(&str, &str)> = contact.to_vec();
        if let Some(r) = extra {
            f.push(("cf-turnstile-response", r));
        }
        f
    };
    let missing = app.post_step("contact", "next", &post(None)).await;
    assert_eq!(missing.status, StatusCode::OK);
    assert!(
        missing
            .body
            .contains("Please complete the check that you are a person")
    );
    assert!(
        missing.body.contains("href=\"#challenge\""),
        "linked from the error summary"
    );
    assert!(missing.body.contains("value=\"Chi\""), "answers kept");
    assert!(seen.lock().unwrap().is_empty(), "nothing to verify");
    let wrong = app.post_step("contact", "next", &post(Some("robot"))).await;
    assert!(
        wrong.body.contains("did not go through"),
        "{}",
        error_text(&wrong.body)
    );
    let down = app.post_step("contact", "next", &post(Some("break"))).await;
    assert!(down.body.contains("could not run the check"));
    assert!(down.body.contains("value=\"Chi\""));
    let passed = app
        .post_step("contact", "next", &post(Some("pass-token")))
        .await;
    assert_eq!(
        passed.status,
        StatusCode::SEE_OTHER,
        "{}",
        error_text(&passed.body)
    );
    let calls = seen.lock().unwrap().clone();
    assert_eq!(
        calls,
        [
            "test-secret|robot|127.0.0.1",
            "test-secret|break|127.0.0.1",
            "test-secret|pass-token|127.0.0.1"
        ]
    );
    // The next step has no challenge.
    let next = app.get("/report/").await;
    assert!(
        next.body
            .contains("name=\"step\" value=\"primary-concern\"")
    );
    assert!(!next.body.contains("cf-turnstile"));
}

#[tokio::test]
async fn without_a_challenge_the_form_has_no_third_party_script() {
    let mut app = spawn().await;
    let page = app.get("/report/").await;
    assert!(!page.body.contains("cf-turnstile") && !page.body.contains("<script src=\"http"));
    let csp = page
        .headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        csp.contains("script-src 'self';") && !csp.contains("frame-src"),
        "{csp}"
    );
}

#[tokio::test]
async fn pages_link_hashed_precompressed_assets_cached_for_a_year() {
    use std::io::Read;
    let mut app = spawn().await;
    let page = app.get("/report/").await;
    let start = page
        .body
        .find("/static/uswds/css/uswds.min.")
        .expect("the stylesheet is linked");
    let href: String = page.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    assert!(
        href.ends_with(".css") && href.len() > "/static/uswds/css/uswds.min.css".len(),
        "{href}"
    );
    let plain = app.get("/static/uswds/css/uswds.min.css").await;
    let fetch = |enc: Option<&'static str>| {
        let req = app.client.get(format!("{}{href}", app.base));
        let req = match enc {
            Some(e) => req.header("accept-encoding", e),
            None => req,
        };
        async move {
            let resp = req.send().await.unwrap();
            let headers = resp.headers().clone();
            (headers, resp.bytes().await.unwrap().to_vec())
        }
    };
    let (h, br) = fetch(Some("gzip, deflate, br")).await;
    assert_eq!(h["content-encoding"], "br");
    assert_eq!(h["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(h["vary"], "Accept-Encoding");
    let mut out = Vec::new();
    brotli::Decompressor::new(&br[..], 4096)
        .read_to_end(&mut out)
        .unwrap();
    assert_eq!(out, plain.body.as_bytes(), "the brotli form is the file");
    assert!(br.len() * 5 < out.len(), "{} of {}", br.len(), out.len());
    let (h, gz) = fetch(Some("gzip")).await;
    assert_eq!(h["content-encoding"], "gzip");
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut out)
        .unwrap();
    assert_eq!(out, plain.body.as_bytes());
    let (h, raw) = fetch(Some("br;q=0, gzip;q=0")).await;
    assert!(
        h.get("content-encoding").is_none(),
        "refused codings are not used"
    );
    assert_eq!(raw, plain.body.as_bytes());
    // The plain name stays (the stylesheet's fonts use it), cached a day.
    assert_eq!(plain.headers["cache-control"], "public, max-age=86400");
    // Fonts are already compressed: served as they are.
    let (h, _) = {
        let resp = app
            .client
            .get(format!(
                "{}/static/uswds/fonts/source-sans-pro/sourcesanspro-regular-webfont.woff2",
                app.base
            ))
            .header("accept-encoding", "br")
            .send()
            .await
            .unwrap();
        (resp.headers().clone(), ())
    };
    assert!(h.get("content-encoding").is_none());
    // A small page (the form's first step) is sent as it is: compressing
    // it per request costs more than it saves (see middleware.rs).
    let resp = app
        .client
        .get(format!("{}/report/", app.base))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert!(resp.headers().get("content-encoding").is_none());
}

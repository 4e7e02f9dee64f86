//! The staff view over real HTTP: deny by default, sign-in and throttling,
//! the list with filters, the detail page and its actions.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use chrono::{NaiveDate, Utc};
use common::{TestApp, spawn, spawn_with};
use crt_domain::{
    accounts::{NewUser, hash_password},
    ports::{ProtectedClassRepository, ReportRepository, UserRepository},
    report::{IntakeFormat, ReportRecord, StaffFields},
    routing::assign_section,
    validation::{Answers, Context, validate_report},
};
use crt_web::staff::sample_paths;
use reqwest::StatusCode;

const PASSWORD: &str = "a long enough password";

async fn add_user(app: &TestApp, username: &str, staff: bool) {
    let user = NewUser {
        username: username.into(),
        email: None,
        display_name: format!("{username} (display)"),
        portal_access: staff,
        section: None,
        password_hash: Some(hash_password(PASSWORD).unwrap()),
        emergency_local: false,
    };
    app.db.create_user(&user, Utc::now()).await.unwrap();
}

async fn file(app: &TestApp, primary: &str, class: &str, extra: &[(&str, &str)]) -> ReportRecord {
    file_from(app, primary, class, extra, IntakeFormat::Web).await
}

async fn file_from(
    app: &TestApp,
    primary: &str,
    class: &str,
    extra: &[(&str, &str)],
    format: IntakeFormat,
) -> ReportRecord {
    let catalog = app.db.catalog().await.unwrap();
    let mut pairs = vec![
        ("servicemember", "no"),
        ("primary_complaint", primary),
        ("location_name", "Place"),
        ("location_city_town", "Reno"),
        ("location_state", "NV"),
        ("protected_class", class),
        ("last_incident_month", "2"),
        ("last_incident_year", "2025"),
        ("violation_summary", "What happened."),
        ("public_or_private_employer", "not_sure"),
        ("employer_size", "not_sure"),
        ("inside_correctional_facility", "outside"),
    ];
    // An extra answer replaces the default one (classes add up).
    pairs.retain(|(k, _)| *k == "protected_class" || !extra.iter().any(|(e, _)| e == k));
    pairs.extend_from_slice(extra);
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let report = validate_report(
        &Answers::from_pairs(pairs),
        Context {
            catalog: &catalog,
            today,
        },
    )
    .unwrap();
    let mut report = report;
    report.intake_format = format;
    let (section, why) = assign_section(&report);
    app.db
        .create(&report, &StaffFields::new_report(section, why), Utc::now())
        .await
        .unwrap()
}

async fn sign_in(app: &mut TestApp, username: &str, password: &str) -> common::Page {
    app.get("/accounts/login/").await;
    let csrf = app.csrf.clone().unwrap();
    app.post_raw(
        "/accounts/login/",
        &[
            ("csrf_token", &csrf),
            ("username", username),
            ("password", password),
            ("next", "/form/view/"),
        ],
    )
    .await
}

#[tokio::test]
async fn no_staff_route_answers_an_anonymous_request() {
    let mut app = spawn().await;
    file(&app, "housing", "age", &[]).await;
    // Every route the staff router is built from, and paths beside them.
    let mut paths = sample_paths();
    assert!(paths.len() >= 7, "{paths:?}");
    paths.extend(["/form/", "/form/not-a-page/", "/form/view/1/actions/"].map(String::from));
    for path in &paths {
        let path = path.as_str();
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::FOUND, "GET {path}");
        let to = page.location().unwrap();
        assert!(to.starts_with("/accounts/login/?next="), "{path} → {to}");
        assert!(!page.body.contains("What happened."), "no data leaks");
        let post = app.post_raw(path, &[("status", "closed")]).await;
        assert_eq!(post.status, StatusCode::FORBIDDEN, "POST {path}");
        // Refused by the sign-in guard, not by a CSRF check behind it.
        assert!(
            post.body.contains("sign in first"),
            "POST {path}: {}",
            post.body
        );
    }
}

#[tokio::test]
async fn a_staff_link_opened_signed_out_lands_on_its_page_after_sign_in() {
    let mut app = spawn().await;
    add_user(&app, "ana", true).await;
    file(&app, "housing", "age", &[]).await;
    let link = "/form/view/?status=new&assigned_section=HCE";
    let anonymous = app.get(link).await;
    assert_eq!(anonymous.status, StatusCode::FOUND);
    let login = anonymous.location().unwrap().to_owned();
    let page = app.get(&login).await;
    assert_eq!(page.status, StatusCode::OK);
    // The sign-in form carries the whole address asked for, /form included.
    let next = page
        .body
        .split("name=\"next\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .replace("&#x2F;", "/")
        .replace("&amp;", "&");
    assert_eq!(next, link);
    let csrf = app.csrf.clone().unwrap();
    let signed_in = app
        .post_raw(
            "/accounts/login/",
            &[
                ("csrf_token", &csrf),
                ("username", "ana"),
                ("password", PASSWORD),
                ("next", &next),
            ],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location(), Some(link));
    let list = app.get(link).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("1 report"), "the filtered list");
}

async fn sign_in_opens_the_staff_view_and_sign_out_closes_it(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    add_user(&app, "ana", true).await;
    let wrong = sign_in(&mut app, "ana", "not the password").await;
    assert_eq!(wrong.status, StatusCode::OK);
    assert!(wrong.body.contains("didn&#x27;t match"), "{}", app.backend);
    let ok = sign_in(&mut app, "ana", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(ok.location(), Some("/form/view/"));
    let cookie = ok
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.starts_with("crt_staff=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
    );
    let list = app.get("/form/view/").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Signed in as ana (display)"));

    // A second sign-in gets a new session token (no fixation).
    let again = sign_in(&mut app, "ana", PASSWORD).await;
    let cookie2 = again
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_ne!(cookie.split(';').next(), cookie2.split(';').next());

    // Sign out needs the staff CSRF token, then ends the session.
    let list = app.get("/form/view/").await;
    // Every id on the page is there once (a label points at one input).
    let mut ids: Vec<&str> = list
        .body
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let all_ids = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all_ids, "an id appears twice on the staff list");
    let csrf = common::csrf_of(&list.body).unwrap();
    assert_eq!(
        app.post_raw("/accounts/logout/", &[("csrf_token", "nope")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let out = app
        .post_raw("/accounts/logout/", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get("/form/view/").await.status, StatusCode::FOUND);
    // The server ended the session: the old cookie, replayed by hand, no
    // longer opens the staff view.
    let old_cookie = cookie2.split(';').next().unwrap().to_owned();
    let replayed = app
        .client
        .get(format!("{}/form/view/", app.base))
        .header("cookie", old_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replayed.status(), StatusCode::FOUND, "{}", app.backend);
    assert!(
        replayed
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .is_some_and(|l| l.starts_with("/accounts/login/")),
        "the sign-in page"
    );
}
crt_persistence::per_backend!(sign_in_opens_the_staff_view_and_sign_out_closes_it, url);

#[tokio::test]
async fn failed_sign_ins_are_throttled_without_revealing_accounts() {
    let mut app = spawn().await;
    add_user(&app, "bo", true).await;
    for _ in 0..5 {
        assert_eq!(
            sign_in(&mut app, "bo", "wrong password!").await.status,
            StatusCode::OK
        );
    }
    let blocked = sign_in(&mut app, "bo", PASSWORD).await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(blocked.body.contains("Too many failed sign-in attempts"));
    // Other accounts from this address are not held back by bo's failures...
    let ghost = sign_in(&mut app, "ghost", "whatever it is").await;
    assert_eq!(ghost.status, StatusCode::OK);
    // ...until the address itself has failed 20 times in all (6 so far: the
    // attempt held back was not checked, so it does not count).
    for n in 0..14 {
        let page = sign_in(&mut app, &format!("ghost{n}"), "whatever it is").await;
        assert_eq!(page.status, StatusCode::OK, "attempt {}", n + 7);
    }
    let over = sign_in(&mut app, "one-more", "whatever it is").await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        over.body.contains("Please wait 30 seconds and try again.")
            || over.body.contains("Please wait 29 seconds and try again."),
        "the wait is said: {}",
        common::error_text(&over.body)
    );
    let retry: u64 = over
        .headers
        .get("retry-after")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=30).contains(&retry), "Retry-After: {retry}");
}

#[tokio::test]
async fn unknown_and_known_usernames_fail_alike() {
    let mut app = spawn().await;
    add_user(&app, "cy", true).await;
    let unknown = sign_in(&mut app, "nobody", "wrong password!").await;
    let known = sign_in(&mut app, "cy", "wrong password!").await;
    assert_eq!(unknown.status, known.status);
    let msg = |b: &str| {
        b.split("usa-alert__text\">")
            .nth(1)
            .map(|s| s.split('<').next().unwrap_or("").to_owned())
    };
    assert_eq!(msg(&unknown.body), msg(&known.body));
}

#[tokio::test]
async fn without_portal_access_staff_pages_are_403_with_whom_to_ask() {
    let mut app = spawn().await;
    add_user(&app, "dee", false).await;
    assert_eq!(
        sign_in(&mut app, "dee", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let page = app.get("/form/view/").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("portal administrator"));
}

#[tokio::test]
async fn next_only_goes_to_local_paths() {
    let mut app = spawn().await;
    add_user(&app, "eve", true).await;
    app.get("/accounts/login/?next=https://evil.example/").await;
    let csrf = app.csrf.clone().unwrap();
    let resp = app
        .post_raw(
            "/accounts/login/",
            &[
                ("csrf_token", &csrf),
                ("username", "eve"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(resp.location(), Some("/form/view/"));
}

async fn the_list_filters_and_names_bad_parameters(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    add_user(&app, "fay", true).await;
    let drs = file(&app, "voting", "disability", &[]).await;
    file(&app, "voting", "race_color", &[]).await;
    file(&app, "workplace", "immigration", &[]).await;
    sign_in(&mut app, "fay", PASSWORD).await;
    let all = app.get("/form/view/").await;
    assert!(all.body.contains("3 reports"), "{}", app.backend);
    // Every div is closed where it opened (a stray </div> in the filters
    // used to close the page's container early).
    assert_eq!(
        all.body.matches("<div").count(),
        all.body.matches("</div>").count()
    );
    let only = app.get("/form/view/?assigned_section=DRS&utm=x").await;
    assert!(
        only.body.contains("1 report,")
            || only.body.contains("1 report<")
            || only.body.contains("1 report\n")
    );
    assert!(only.body.contains(&drs.public_id.to_string()));
    let by_id = app
        .get(&format!("/form/view/?public_id={}", drs.public_id))
        .await;
    assert!(by_id.body.contains(&drs.public_id.to_string()));
    let bad = app
        .get("/form/view/?assigned_section=NOPE&per_page=7&sort=secret")
        .await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("assigned_section: not a section code"));
    assert!(bad.body.contains("per_page: choose 15, 25, 50 or 100"));
    assert!(
        bad.body.contains("3 reports"),
        "bad terms are left out, the rest applies"
    );
    let text = app
        .get("/form/view/?violation_summary=%22what+happened%22+-nothing")
        .await;
    assert!(
        text.body.contains("3 reports"),
        "{}: phrase search",
        app.backend
    );
    let none = app
        .get("/form/view/?violation_summary=landlord+OR+owner")
        .await;
    assert!(none.body.contains("0 reports"));
    let sorted = app
        .get("/form/view/?assigned_section=DRS&sort=assigned_section")
        .await;
    assert!(sorted.body.contains("aria-sort=\"ascending\""));
    assert!(
        sorted.body.contains(&format!(
            "href=\"{}\"",
            common::esc("/form/view/?assigned_section=DRS&sort=-assigned_section")
        )),
        "a second click reverses, filters kept"
    );
    let by_page = app.get("/form/view/?per_page=25").await;
    assert!(by_page.body.contains("<strong>25</strong>"));
    let broken = app.get("/form/view/?violation_summary=%22unclosed").await;
    assert_eq!(broken.status, StatusCode::OK);
    assert!(broken.body.contains("closing quote"));
    // Reports that came by phone, found by the intake-format input.
    let called = file_from(&app, "housing", "race_color", &[], IntakeFormat::Phone).await;
    let phone = app.get("/form/view/?intake_format=phone").await;
    assert!(phone.body.contains("1 report"), "{}", app.backend);
    assert!(phone.body.contains(&called.public_id.to_string()));
    assert!(!phone.body.contains(&drs.public_id.to_string()));
    assert!(
        phone
            .body
            .contains("name=\"intake_format\" value=\"phone\" checked>")
    );
    assert!(
        phone
            .body
            .contains("<legend class=\"usa-legend\">How it came in</legend>")
    );
}
crt_persistence::per_backend!(the_list_filters_and_names_bad_parameters, url);

async fn working_a_report_writes_activity_and_refuses_stale_edits(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    add_user(&app, "gus", true).await;
    let r = file(&app, "police", "race_color", &[]).await;
    sign_in(&mut app, "gus", PASSWORD).await;
    let path = format!("/form/view/{}/", r.id.0);
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(&r.staff.routing_explanation.replace('"', "&quot;")),
        "routing explanation shown"
    );
    assert!(
        page.body.contains("Viewed report"),
        "opening marks it viewed"
    );
    let csrf = common::csrf_of(&page.body).unwrap();
    let version = app.db.get(r.id).await.unwrap().version.to_string();

    let form = |status: &'static str, assignee: &'static str, comment: &'static str, v: String| {
        vec![
            ("csrf_token".to_owned(), csrf.clone()),
            ("version".into(), v),
            ("checkboxes".into(), "1".into()),
            ("assigned_section".into(), "CRM".into()),
            ("status".into(), status.into()),
            ("assigned_to".into(), assignee.into()),
            ("primary_statute".into(), String::new()),
            ("district".into(), String::new()),
            ("summary".into(), String::new()),
            ("comment".into(), comment.into()),
        ]
    };
    let post = |app: &TestApp, pairs: Vec<(String, String)>| {
        let client = app.client.clone();
        let url = format!("{}{path}", app.base);
        async move { client.post(url).form(&pairs).send().await.unwrap() }
    };
    let resp = post(
        &app,
        form("open", "gus", "Called the complainant.", version.clone()),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER, "{}", app.backend);
    let stored = app.db.get(r.id).await.unwrap();
    assert_eq!(stored.staff.assigned_to.as_deref(), Some("gus"));
    assert_eq!(stored.staff.status.to_string(), "open");

    // The same (now stale) version again: refused, nothing overwritten.
    let stale = post(&app, form("closed", "", "stale", version)).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert!(
        stale
            .text()
            .await
            .unwrap()
            .contains("Someone else changed this report")
    );
    assert_eq!(
        app.db.get(r.id).await.unwrap().staff.status.to_string(),
        "open"
    );

    // Closing removes the assignee.
    let v = app.db.get(r.id).await.unwrap().version.to_string();
    assert_eq!(
        post(&app, form("closed", "gus", "", v)).await.status(),
        StatusCode::SEE_OTHER
    );
    let closed = app.db.get(r.id).await.unwrap();
    assert_eq!(closed.staff.assigned_to, None);
    assert!(closed.staff.closed_date.is_some());

    let before_print = app.db.get(r.id).await.unwrap().version;
    let print = app.get(&format!("{path}print/")).await;
    assert_eq!(print.status, StatusCode::OK);
    assert_eq!(
        app.db.get(r.id).await.unwrap().version,
        before_print,
        "printing is logged, not an edit"
    );
    assert!(print.body.contains("What happened."));
    let page = app.get(&path).await;
    for verb in [
        "Printed report",
        "Status:",
        "Assigned to:",
        "Added comment:",
        "Report closed and Assignee removed",
        "Viewed report",
    ] {
        assert!(
            page.body.contains(verb),
            "{} activity shows {verb}",
            app.backend
        );
    }
    assert!(page.body.contains("Called the complainant."));
    // Bad CSRF on the actions form.
    let mut bad = form("open", "", "", "1".into());
    bad[0].1 = "nope".into();
    assert_eq!(post(&app, bad).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/form/view/999999/").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/form/view/abc/").await.status,
        StatusCode::NOT_FOUND
    );
}
crt_persistence::per_backend!(
    working_a_report_writes_activity_and_refuses_stale_edits,
    url
);

async fn staff_csrf(app: &mut TestApp) -> String {
    let list = app.get("/form/view/").await;
    common::csrf_of(&list.body).unwrap()
}

async fn bulk_changes_are_all_or_nothing_with_a_comment_and_a_limit(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    add_user(&app, "hal", true).await;
    let a = file(&app, "housing", "age", &[]).await;
    let b = file(&app, "housing", "sex", &[]).await;
    let c = file(&app, "voting", "age", &[]).await;
    sign_in(&mut app, "hal", PASSWORD).await;
    let csrf = staff_csrf(&mut app).await;
    let (ia, ib) = (a.id.0.to_string(), b.id.0.to_string());

    // A comment is required.
    let no_comment = app
        .post_raw(
            "/form/actions/",
            &[("csrf_token", &csrf), ("id", &ia), ("status", "open")],
        )
        .await;
    assert_eq!(no_comment.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_comment.body.contains("A comment is required"));

    // Selected reports: each gets its own activity.
    let done = app
        .post_raw(
            "/form/actions/",
            &[
                ("csrf_token", &csrf),
                ("id", &ia),
                ("id", &ib),
                ("status", "open"),
                ("assigned_to", "hal"),
                ("comment", "Batch triage."),
            ],
        )
        .await;
    assert_eq!(
        done.status,
        StatusCode::SEE_OTHER,
        "{}: {}",
        app.backend,
        done.body
    );
    for id in [a.id, b.id] {
        let r = app.db.get(id).await.unwrap();
        assert_eq!(
            (r.staff.status.to_string(), r.staff.assigned_to.as_deref()),
            ("open".into(), Some("hal"))
        );
        let verbs: Vec<_> = app
            .db
            .activity(id)
            .await
            .unwrap()
            .into_iter()
            .map(|x| x.verb)
            .collect();
        assert!(
            verbs.contains(&"Added comment:".to_owned()) && verbs.contains(&"Status:".to_owned()),
            "{verbs:?}"
        );
    }
    assert_eq!(
        app.db.get(c.id).await.unwrap().staff.status.to_string(),
        "new",
        "unselected report untouched"
    );

    // One report on litigation hold: nothing changes at all.
    let hold = crt_domain::staff::StaffChange {
        litigation_hold: Some(true),
        ..Default::default()
    };
    let held = app.db.get(b.id).await.unwrap();
    crt_domain::service::change_report(&app.db, b.id, held.version, &hold, "hal", Utc::now())
        .await
        .unwrap();
    let refused = app
        .post_raw(
            "/form/actions/",
            &[
                ("csrf_token", &csrf),
                ("id", &ia),
                ("id", &ib),
                ("status", "closed"),
                ("comment", "Close them."),
            ],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        app.backend
    );
    assert!(refused.body.contains("litigation hold"));
    assert_eq!(
        app.db.get(a.id).await.unwrap().staff.status.to_string(),
        "open",
        "all or nothing"
    );

    // Every report matching the search.
    let all = app
        .post_raw(
            "/form/actions/",
            &[
                ("csrf_token", &csrf),
                ("scope", "all"),
                ("return_query", "primary_complaint=voting"),
                ("summary", "Voting batch"),
                ("comment", "All voting."),
            ],
        )
        .await;
    assert_eq!(all.status, StatusCode::SEE_OTHER);
    assert_eq!(all.location(), Some("/form/view/?primary_complaint=voting"));
    assert_eq!(
        app.db.get(c.id).await.unwrap().staff.summary.as_deref(),
        Some("Voting batch")
    );
    assert_eq!(app.db.get(a.id).await.unwrap().staff.summary, None);

    // A search that cannot be read is refused, never run as "everything".
    let broken = app.get("/form/view/?assigned_section=CRM&x=%zz").await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST, "{}", app.backend);
    assert!(broken.body.contains("could not be read"), "{}", broken.body);
    let refused = app
        .post_raw(
            "/form/actions/",
            &[
                ("csrf_token", &csrf),
                ("scope", "all"),
                ("return_query", "assigned_section=CRM&x=%zz"),
                ("summary", "Should not happen"),
                ("comment", "Everything?"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("could not be read"));
    assert_eq!(app.db.get(a.id).await.unwrap().staff.summary, None);

    // Bad CSRF.
    let forged = app
        .post_raw(
            "/form/actions/",
            &[("csrf_token", "x"), ("id", &ia), ("comment", "x")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}
crt_persistence::per_backend!(
    bulk_changes_are_all_or_nothing_with_a_comment_and_a_limit,
    url
);

#[tokio::test]
async fn bulk_refuses_more_than_500() {
    let mut app = spawn().await;
    add_user(&app, "ivy", true).await;
    let catalog = app.db.catalog().await.unwrap();
    let template = file(&app, "housing", "age", &[]).await;
    let items: Vec<_> = (0..500)
        .map(|_| (template.report.clone(), template.staff.clone(), Utc::now()))
        .collect();
    app.db.insert_reports_bulk(&items, |_| {}).await.unwrap();
    let _ = catalog;
    sign_in(&mut app, "ivy", PASSWORD).await;
    let csrf = staff_csrf(&mut app).await;
    let too_many = app
        .post_raw(
            "/form/actions/",
            &[
                ("csrf_token", &csrf),
                ("scope", "all"),
                ("return_query", ""),
                ("status", "open"),
                ("comment", "All."),
            ],
        )
        .await;
    assert_eq!(too_many.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_many.body.contains("matches 501 reports"));
    assert_eq!(
        app.db
            .get(template.id)
            .await
            .unwrap()
            .staff
            .status
            .to_string(),
        "new"
    );
}

#[tokio::test]
async fn related_reports_and_email_counts() {
    let mut app = spawn().await;
    add_user(&app, "jo", true).await;
    let a = file(
        &app,
        "housing",
        "age",
        &[("contact_email", "Same@Example.org")],
    )
    .await;
    let b = file(
        &app,
        "voting",
        "age",
        &[("contact_email", "same@example.org")],
    )
    .await;
    file(
        &app,
        "voting",
        "age",
        &[("contact_email", "other@example.org")],
    )
    .await;
    sign_in(&mut app, "jo", PASSWORD).await;
    let page = app.get(&format!("/form/view/{}/", a.id.0)).await;
    assert!(
        page.body
            .contains(&format!("/form/view/{}/\">{}", b.id.0, b.public_id)),
        "related report linked"
    );
    let list = app.get("/form/view/").await;
    assert_eq!(
        list.body.matches("2 from this e-mail</a>").count(),
        2,
        "both reports show 2 for their shared e-mail"
    );
}

#[tokio::test]
async fn the_trends_page_shows_the_stored_windows() {
    let mut app = spawn().await;
    add_user(&app, "kay", true).await;
    sign_in(&mut app, "kay", PASSWORD).await;
    let before = app.get("/form/trends/").await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(before.body.contains("Not computed yet"));
    // The fixture's description is "What happened."
    file(&app, "housing", "age", &[]).await;
    file(&app, "voting", "age", &[]).await;
    let now = Utc::now();
    let reports = app
        .db
        .descriptions_since(now - chrono::Duration::days(400))
        .await
        .unwrap();
    assert_eq!(reports.len(), 2, "{reports:?}");
    let trends = crt_domain::trends::compute(&reports, now);
    app.db.replace_trends(&trends, now).await.unwrap();
    let page = app.get("/form/trends/").await;
    for label in ["This week", "Last week", "Last 4 weeks", "Year to date"] {
        assert!(page.body.contains(label), "{label}");
    }
    assert!(page.body.contains("happened (2)"), "{}", page.body);
    assert!(!page.body.contains("what ("), "stop words are left out");
}

async fn parallel_sign_in_attempts_cannot_pass_the_limit(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    add_user(&app, "lou", true).await;
    app.get("/accounts/login/").await;
    let csrf = app.csrf.clone().unwrap();
    let tasks: Vec<_> = (0..12)
        .map(|_| {
            let (client, base, csrf) = (app.client.clone(), app.base.clone(), csrf.clone());
            tokio::spawn(async move {
                client
                    .post(format!("{base}/accounts/login/"))
                    .form(&[
                        ("csrf_token", csrf.as_str()),
                        ("username", "lou"),
                        ("password", "wrong password!"),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    // Every answer is either a checked password (200) or the limit (429):
    // a 500 under load is a failure, not an attempt that "did not pass".
    let mut checked = 0;
    let mut throttled = 0;
    for t in tasks {
        match t.await.unwrap() {
            StatusCode::OK => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => throttled += 1,
            other => panic!("{}: a sign-in attempt answered {other}", app.backend),
        }
    }
    assert!(
        checked <= 5,
        "{}: {checked} attempts got past the limit of 5",
        app.backend
    );
    assert_eq!(checked + throttled, 12);
    // Attempts held back unchecked do not count: one by one, exactly the
    // rest of the 5 are checked, then the next is held back...
    while checked < 5 {
        assert_eq!(
            sign_in(&mut app, "lou", "wrong password!").await.status,
            StatusCode::OK,
            "{}: checked attempt {}",
            app.backend,
            checked + 1
        );
        checked += 1;
    }
    // ...and a right password after that waits too.
    assert_eq!(
        sign_in(&mut app, "lou", PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}
crt_persistence::per_backend!(parallel_sign_in_attempts_cannot_pass_the_limit, url);

#[tokio::test]
async fn a_section_change_starts_afresh_even_with_a_status_and_an_assignee() {
    let mut app = spawn().await;
    add_user(&app, "hal", true).await;
    let r = file(&app, "housing", "age", &[]).await;
    sign_in(&mut app, "hal", PASSWORD).await;
    let path = format!("/form/view/{}/", r.id.0);
    let page = app.get(&path).await;
    let csrf = common::csrf_of(&page.body).unwrap();
    let version = app.db.get(r.id).await.unwrap().version.to_string();
    let moved = app
        .post_raw(
            &path,
            &[
                ("csrf_token", &csrf),
                ("version", &version),
                ("checkboxes", "1"),
                ("assigned_section", "CRM"),
                ("status", "open"),
                ("assigned_to", "hal"),
                ("comment", "This is for Criminal."),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let to = moved.location().unwrap().to_owned();
    assert_eq!(to, format!("{path}?moved=1"));
    let stored = app.db.get(r.id).await.unwrap();
    assert_eq!(stored.staff.assigned_section.to_string(), "CRM");
    assert_eq!(stored.staff.status.to_string(), "new");
    assert_eq!(stored.staff.assigned_to, None);
    let shown = app.get(&to).await;
    assert!(
        shown.body.contains("starts afresh there"),
        "the page says so"
    );
    // Opening it again without the notice shows none.
    assert!(!app.get(&path).await.body.contains("starts afresh there"));
}

#[tokio::test]
async fn hostile_report_text_is_escaped_on_every_staff_page() {
    let catcher = crt_mail::catcher::SmtpCatcher::start("127.0.0.1:0")
        .await
        .unwrap();
    let port = catcher.addr().port().to_string();
    let mut app = spawn_with(
        "sqlite::memory:",
        &[("EMAIL_HOST", "127.0.0.1"), ("EMAIL_PORT", &port)],
    )
    .await;
    add_user(&app, "ida", true).await;
    let markup = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
    let rtl = "\u{202E}gnp.exe";
    let long_word = "w".repeat(400);
    let summary = format!("{markup} {rtl} {long_word}");
    let r = file(
        &app,
        "housing",
        "age",
        &[
            ("contact_first_name", markup),
            ("contact_last_name", rtl),
            ("contact_email", "ana@example.org"),
            ("location_name", markup),
            ("violation_summary", &summary),
        ],
    )
    .await;
    sign_in(&mut app, "ida", PASSWORD).await;
    let id = r.id.0;
    // (page, whether it shows the report's text: the letter preview page
    // shows only the subject, the letter itself is in its frame)
    for (path, shows_text) in [
        ("/form/view/".to_owned(), true),
        (format!("/form/view/{id}/"), true),
        (format!("/form/view/{id}/print/"), true),
        (
            format!("/form/view/{id}/contact/?letter=more_information"),
            false,
        ),
        (
            format!("/form/view/{id}/contact/letter/?letter=more_information"),
            true,
        ),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains("<script>alert"), "{path}: raw script");
        assert!(!page.body.contains("<img src=x"), "{path}: raw markup");
        assert!(
            !page.body.contains("\"><script>"),
            "{path}: an attribute broken out of"
        );
        assert_eq!(
            page.body.contains("&quot;&gt;&lt;script&gt;alert(1)"),
            shows_text,
            "{path}: the text is shown, escaped"
        );
    }
    // The detail page shows the long word and the right-to-left text as typed.
    let detail = app.get(&format!("/form/view/{id}/")).await;
    assert!(detail.body.contains(&long_word));
    assert!(detail.body.contains(rtl));
}

async fn the_list_pages_continue_after_the_last_report(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    add_user(&app, "ana", true).await;
    let mut filed = Vec::new();
    for _ in 0..17 {
        filed.push(file(&app, "voting", "race_color", &[]).await);
    }
    sign_in(&mut app, "ana", PASSWORD).await;
    let first = app.get("/form/view/?sort=-id").await;
    assert!(
        first.body.contains("17 reports, page 1 of 2"),
        "{}",
        app.backend
    );
    // Newest first: the 15th row is the third report filed.
    let next = format!("/form/view/?sort=-id&page=2&after={}", filed[2].id.0);
    assert!(
        first
            .body
            .contains(&format!("href=\"{}\"", next.replace('&', "&amp;"))),
        "{}: next page continues after the last row: {}",
        app.backend,
        first
            .body
            .lines()
            .filter(|l| l.contains("Next page"))
            .collect::<String>()
    );
    let second = app.get(&next).await;
    assert!(second.body.contains("page 2 of 2"));
    for r in &filed[..2] {
        assert!(second.body.contains(&r.public_id.to_string()));
    }
    assert!(!second.body.contains(&filed[2].public_id.to_string()));
    assert!(!second.body.contains(">Next page<"));
    assert!(second.body.contains(">Previous page<"));
    // A sort with empty values pages by number only.
    let by_assignee = app.get("/form/view/?sort=assigned_to").await;
    assert!(
        by_assignee
            .body
            .contains("href=\"/form/view/?sort=assigned_to&amp;page=2\"")
    );
    let bad = app.get("/form/view/?after=tomorrow").await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("the last report of the previous page"));
}
crt_persistence::per_backend!(the_list_pages_continue_after_the_last_report, url);

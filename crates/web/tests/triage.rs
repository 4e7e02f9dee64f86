//! The triage loop over HTTP, on both backends: the list's filter panel,
//! chips and counts; tags on the detail page and in bulk (CSRF checked,
//! another section's tag refused with a message); a repeat writer's flag
//! and its links; saved searches saved, listed with their new matches,
//! opened by their short link, hidden from other sections, and deleted
//! only by their owner.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::sync::Arc;

use chrono::Utc;
use common::{TestApp, sign_in_new_staff, spawn_with};
use crt_domain::{
    ports::{ReportRepository, SystemClock},
    repeat_writers::Thresholds,
    report::{ReportId, ReportRecord, Section, StaffFields},
    service::Triage,
    validation::{Answers, Context, validate_report},
};
use reqwest::StatusCode;

const PASSWORD: &str = "a long enough password";

async fn filed(app: &TestApp, section: Section, email: &str, text: &str) -> ReportRecord {
    let catalog = crt_domain::protected_class::current_catalog();
    let answers = Answers::from_pairs([
        ("servicemember", "no"),
        ("primary_complaint", "voting"),
        ("election_details", "federal"),
        ("location_name", "Town hall"),
        ("location_city_town", "Dayton"),
        ("location_state", "OH"),
        ("protected_class", "race_color"),
        ("last_incident_month", "3"),
        ("last_incident_year", "2025"),
        ("contact_email", email),
        ("violation_summary", text),
    ]);
    let report = validate_report(
        &answers,
        Context {
            catalog: &catalog,
            today: Utc::now().date_naive(),
        },
    )
    .unwrap();
    let staff = StaffFields::new_report(section, "test".into());
    app.db.create(&report, &staff, Utc::now()).await.unwrap()
}

fn triage(app: &TestApp) -> Triage {
    Triage {
        repo: Arc::new(app.db.clone()),
        thresholds: Thresholds {
            email_reports: 2,
            description_reports: 2,
        },
        clock: Arc::new(SystemClock),
    }
}

async fn post(app: &mut TestApp, path: &str, pairs: &[(&str, &str)]) -> common::Page {
    let csrf = app.csrf.clone().unwrap();
    let mut all = vec![("csrf_token", csrf.as_str())];
    all.extend_from_slice(pairs);
    app.post_raw(path, &all).await
}

async fn version(app: &TestApp, id: ReportId) -> String {
    app.db.get(id).await.unwrap().version.to_string()
}

async fn the_list_tags_and_repeat_writers(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    let t = triage(&app);
    t.define(
        Section::Voting,
        "polling-place",
        "Trouble at a polling place",
    )
    .await
    .unwrap();
    t.define(Section::Criminal, "threats", "").await.unwrap();
    let text = "They turned me away at the polls & told me <b>not</b> to return today.";
    let a = filed(&app, Section::Voting, "same@example.org", text).await;
    let b = filed(
        &app,
        Section::Voting,
        "same@example.org",
        "Another thing happened at the town hall office.",
    )
    .await;
    let c = filed(&app, Section::Criminal, "else@example.org", text).await;
    for r in [&a, &b, &c] {
        t.flag(r.id).await.unwrap();
    }
    sign_in_new_staff(&mut app, "ana", PASSWORD).await;

    // Every filter group, the counts and the chips.
    let list = app
        .get("/form/view/?assigned_section=VOT&location_state=OH")
        .await;
    assert_eq!(list.status, StatusCode::OK);
    for group in [
        "Handling",
        "Dates",
        "What happened",
        "Location",
        "Contact",
        "Intake",
    ] {
        assert!(
            list.body.contains(&format!("<summary>{group}</summary>")),
            "{group}"
        );
    }
    assert!(list.body.contains("New: 2</a>"), "counts by status");
    assert!(list.body.contains("Section: VOT - Voting"), "a chip");
    assert!(
        list.body
            .contains("?location_state=OH\" aria-label=\"Remove filter Section: VOT - Voting\""),
        "a chip removes only its filter"
    );
    let grouped = app.get("/form/view/?group_by=section").await;
    assert!(
        grouped
            .body
            .contains("?group_by=section&amp;assigned_section=CRM\">1</a>"),
        "{}",
        grouped.body
    );

    // The description is escaped in the excerpt.
    assert!(
        list.body.contains("&lt;b&gt;not&lt;&#x2F;b&gt;")
            || list.body.contains("&lt;b&gt;not&lt;/b&gt;")
    );
    assert!(!list.body.contains("<b>not</b>"));

    // Repeat writers: the whole group flagged, filterable, linked.
    let flagged = app.get("/form/view/?repeat_writer=yes").await;
    assert_eq!(flagged.body.matches("Repeat writer</span>").count(), 3);
    let page = app.get(&format!("/form/view/{}/", a.id.0)).await;
    assert!(page.body.contains("2 reports from this e-mail address"));
    assert!(page.body.contains("2 reports with this description"));
    let key_link = page
        .body
        .split("description_key=")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let same = app
        .get(&format!("/form/view/?description_key={key_link}"))
        .await;
    assert!(
        same.body.contains(&a.public_id.to_string())
            && same.body.contains(&c.public_id.to_string())
    );
    assert!(!same.body.contains(&b.public_id.to_string()));

    // A tag added on the detail page: logged, shown, filterable.
    assert!(
        page.body
            .contains("<option value=\"VOT&#x2F;polling-place\">")
    );
    assert!(
        !page.body.contains("<option value=\"CRM&#x2F;threats\">"),
        "only the section's tags"
    );
    let v = version(&app, a.id).await;
    let forged = app
        .post_raw(
            &format!("/form/view/{}/", a.id.0),
            &[("version", &v), ("add_tag", "VOT/polling-place")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN, "no CSRF token");
    let added = post(
        &mut app,
        &format!("/form/view/{}/", a.id.0),
        &[("version", &v), ("add_tag", "VOT/polling-place")],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("/form/view/{}/", a.id.0)).await;
    assert!(
        page.body
            .contains("Tag added: (none) &rarr; VOT/polling-place")
            || page.body.contains("Tag added:")
    );
    let tagged = app.get("/form/view/?tag=VOT/polling-place").await;
    assert!(tagged.body.contains("Tags: VOT&#x2F;polling-place"), "chip");
    assert!(tagged.body.contains(&a.public_id.to_string()));
    assert!(!tagged.body.contains(&b.public_id.to_string()));
    let bad = app.get("/form/view/?tag=polling").await;
    assert!(bad.body.contains("write the section and the name"));

    // Another section's tag is refused with the reason, in bulk too.
    let v = version(&app, c.id).await;
    let refused = post(
        &mut app,
        &format!("/form/view/{}/", c.id.0),
        &[("version", &v), ("add_tag", "VOT/polling-place")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("belongs to VOT"));
    let bulk = post(
        &mut app,
        "/form/actions/",
        &[
            ("return_query", "assigned_section=VOT"),
            ("scope", "all"),
            ("add_tag", "VOT/polling-place"),
            ("comment", "Polling place trouble"),
        ],
    )
    .await;
    assert_eq!(bulk.status, StatusCode::SEE_OTHER, "{}", bulk.body);
    assert_eq!(
        app.db.get(b.id).await.unwrap().staff.tags,
        ["VOT/polling-place"]
    );
    let bulk = post(
        &mut app,
        "/form/actions/",
        &[
            ("id", &c.id.0.to_string()),
            ("scope", "selected"),
            ("add_tag", "VOT/polling-place"),
            ("comment", "x"),
        ],
    )
    .await;
    assert_eq!(bulk.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app.db.get(c.id).await.unwrap().staff.tags.is_empty());
}
crt_persistence::per_backend!(the_list_tags_and_repeat_writers, url);

async fn saved_searches(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    filed(
        &app,
        Section::Voting,
        "a@example.org",
        "Turned away at the polls in the morning today.",
    )
    .await;
    sign_in_new_staff(&mut app, "ana", PASSWORD).await;
    app.get("/form/view/").await;
    let empty = app.get("/form/saved-searches/").await;
    assert!(empty.body.contains("No saved searches yet"));

    // A name is required; what was typed comes back.
    let refused = post(
        &mut app,
        "/form/saved-searches/",
        &[("name", " "), ("query", "assigned_section=VOT&page=2")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Give the search a name"));
    assert!(
        refused
            .body
            .contains("value=\"assigned_section=VOT&amp;page=2\"")
    );
    let bad = post(
        &mut app,
        "/form/saved-searches/",
        &[("name", "x"), ("query", "status=maybe")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let saved = post(
        &mut app,
        "/form/saved-searches/",
        &[
            ("name", "Voting <new>"),
            ("query", "assigned_section=VOT&assigned_to=(none)&page=2"),
            ("share", "VOT"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let list = app.get("/form/saved-searches/").await;
    assert!(list.body.contains("Voting &lt;new&gt;"), "escaped name");
    assert!(
        list.body
            .contains("<strong>1</strong> new report since it was saved")
            || list.body.contains("<strong>0</strong>")
    );
    let code = list.body.split("/form/s/").nth(1).unwrap()[..8].to_owned();

    // Opening it goes to the list with its filters (paging dropped) and
    // starts its new matches again.
    let opened = app.get(&format!("/form/s/{code}")).await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    assert_eq!(
        opened.location(),
        Some("/form/view/?assigned_section=VOT&assigned_to=%28none%29")
    );
    filed(
        &app,
        Section::Voting,
        "b@example.org",
        "A second report filed after the search was opened.",
    )
    .await;
    filed(
        &app,
        Section::Criminal,
        "c@example.org",
        "A report of another section, not counted here.",
    )
    .await;
    let list = app.get("/form/saved-searches/").await;
    assert!(
        list.body.contains("<strong>1</strong> new report since"),
        "{}",
        list.body
    );
    assert_eq!(
        app.get("/form/s/zzzzzzzz").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/form/s/NOT-A-CODE").await.status,
        StatusCode::NOT_FOUND
    );

    // Someone of another section neither sees nor opens it; nobody but
    // the owner deletes it.
    let mut bo = app.another_browser();
    sign_in_new_staff(&mut bo, "bo", PASSWORD).await;
    assert!(
        !bo.get("/form/saved-searches/")
            .await
            .body
            .contains("Voting &lt;new&gt;")
    );
    assert_eq!(
        bo.get(&format!("/form/s/{code}")).await.status,
        StatusCode::NOT_FOUND
    );
    bo.get("/form/view/").await;
    let csrf = bo.csrf.clone().unwrap();
    let gone = bo
        .post_raw(
            &format!("/form/saved-searches/{code}/delete/"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let deleted = post(
        &mut app,
        &format!("/form/saved-searches/{code}/delete/"),
        &[],
    )
    .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&format!("/form/s/{code}")).await.status,
        StatusCode::NOT_FOUND
    );
}
crt_persistence::per_backend!(saved_searches, url);

async fn the_team_dashboard(url: String) {
    use chrono::Duration;
    use crt_domain::{report::Status, staff::StaffChange};
    let mut app = spawn_with(&url, &[]).await;
    let now = Utc::now();
    let mut ids = Vec::new();
    for days_ago in [1, 10, 40] {
        let r = filed(
            &app,
            Section::Voting,
            "d@example.org",
            "Filed for the dashboard test.",
        )
        .await;
        // Backdate the report: the dashboard counts by received date.
        let report = app.db.get(r.id).await.unwrap().report;
        let staff = StaffFields::new_report(Section::Voting, "test".into());
        let old = app
            .db
            .create(&report, &staff, now - Duration::days(days_ago))
            .await
            .unwrap();
        ids.push(old.id);
    }
    filed(
        &app,
        Section::Criminal,
        "e@example.org",
        "Another section, left out.",
    )
    .await;
    // The oldest closed two days after it came in, by ana.
    let close = StaffChange {
        status: Some(Status::Closed),
        ..Default::default()
    };
    let oldest = app.db.get(ids[2]).await.unwrap();
    crt_domain::service::change_report(
        &app.db,
        oldest.id,
        oldest.version,
        &close,
        "ana",
        now - Duration::days(38),
    )
    .await
    .unwrap();
    sign_in_new_staff(&mut app, "ana", PASSWORD).await;
    let page = app.get("/form/dashboard/?section=VOT").await;
    assert_eq!(page.status, StatusCode::OK);
    // Three filed now (the helper) plus three backdated, in the section.
    assert!(
        page.body.contains("6 reports received in these weeks"),
        "{}",
        page.body
    );
    assert!(page.body.contains("role=\"img\""), "the chart");
    assert!(
        page.body.contains("took <strong>2.0 days</strong>"),
        "median"
    );
    assert!(
        page.body
            .contains("Under a week</th><td><a class=\"usa-link\"")
    );
    assert!(
        page.body.contains("status=new&amp;status=open"),
        "backlog links to its list"
    );
    assert!(page.body.contains(">ana</a>"), "ana touched a report");
    let bad = app.get("/form/dashboard/?from=yesterday").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("is not a date"));
    let long = app
        .get("/form/dashboard/?from=2020-01-01&to=2026-01-01")
        .await;
    assert_eq!(long.status, StatusCode::BAD_REQUEST);
    assert!(long.body.contains("at most 104 weeks"));
    let far = app.get("/form/dashboard/?to=%2B262142-12-31").await;
    assert_eq!(
        far.status,
        StatusCode::BAD_REQUEST,
        "a far-off year is refused, not a 500"
    );
    let section = app.get("/form/dashboard/?section=XYZ").await;
    assert_eq!(section.status, StatusCode::BAD_REQUEST);
}
crt_persistence::per_backend!(the_team_dashboard, url);

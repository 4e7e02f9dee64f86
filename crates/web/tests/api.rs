//! The JSON API over real HTTP: auth kinds and their permissions, filing
//! with the form's exact messages, filters and paging, the ETag round
//! trip, comments and activity, the reference lists, and the OpenAPI
//! document's snapshot.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;
use common::messages;

use std::sync::Arc;

use chrono::{Duration, Utc};
use common::{TestApp, spawn, spawn_with};
use crt_domain::{
    accounts::{NewUser, hash_password},
    fields::FIELDS,
    intake,
    ports::{FixedClock, UserRepository},
    service::ApiTokens,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "a long enough password";

async fn add_user(app: &TestApp, username: &str, staff: bool) {
    let user = NewUser {
        username: username.into(),
        email: None,
        display_name: username.into(),
        portal_access: staff,
        section: None,
        password_hash: Some(hash_password(PASSWORD).unwrap()),
        emergency_local: false,
    };
    app.db.create_user(&user, Utc::now()).await.unwrap();
}

fn tokens(app: &TestApp, at: chrono::DateTime<Utc>) -> ApiTokens {
    let db = Arc::new(app.db.clone());
    ApiTokens {
        users: db.clone(),
        tokens: db,
        clock: Arc::new(FixedClock(at)),
    }
}

async fn token(app: &TestApp, user: &str, read_only: bool) -> String {
    let (_, secret) = tokens(app, Utc::now())
        .create(user, "test", read_only, None)
        .await
        .unwrap();
    secret.expose().to_owned()
}

struct Reply {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    json: Value,
}

async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Reply {
    let mut req = app.client.request(method, format!("{}{path}", app.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if let Some(b) = body {
        req = req
            .header("content-type", "application/json")
            .body(b.to_string());
    }
    let resp = req.send().await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let text = resp.text().await.unwrap();
    let json = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{status} {path}: not JSON ({e}): {text}"));
    Reply {
        status,
        headers,
        json,
    }
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> Reply {
    call(app, reqwest::Method::GET, path, token, None, &[]).await
}

/// A phone report's body, with `extra` replacing or adding fields.
fn phone_report(extra: Value) -> Value {
    let mut body = json!({
        "servicemember": "no",
        "primary_complaint": "housing",
        "location_name": "Maple Court Apartments",
        "location_city_town": "Reno",
        "location_state": "NV",
        "protected_class": ["disability"],
        "last_incident_month": 2,
        "last_incident_year": 2025,
        "violation_summary": "The manager refused a ramp.",
        "contact_email": "caller@example.com",
        "intake_format": "phone",
        "received_date": Utc::now().date_naive().to_string(),
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

fn error_code(r: &Reply) -> &str {
    r.json["error"]["code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn anonymous_and_bad_credentials_get_401_json_and_every_error_is_json() {
    let app = spawn().await;
    add_user(&app, "ana", true).await;
    add_user(&app, "visitor", false).await;
    for path in [
        "/api/reports",
        "/api/reports/1-ABC",
        "/api/reports/1-ABC/activity",
        "/api/protected-classes",
        "/api/sections",
        "/api/routing",
    ] {
        let r = get(&app, path, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(error_code(&r), "unauthorized", "{path}");
        let bad = get(&app, path, Some("crt_0000")).await;
        assert_eq!(bad.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let filed = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        None,
        Some(phone_report(json!({}))),
        &[],
    )
    .await;
    assert_eq!(
        filed.status,
        StatusCode::UNAUTHORIZED,
        "anonymous filing is off"
    );
    // A token whose owner has no staff access is not accepted.
    let t = tokens(&app, Utc::now())
        .create("visitor", "x", false, None)
        .await;
    assert!(t.is_err(), "no token for a non-staff account");
    let t = token(&app, "ana", false).await;
    let missing = get(&app, "/api/nothing-here", Some(&t)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(error_code(&missing), "not_found");
    let no_report = get(&app, "/api/reports/999-XYZ", Some(&t)).await;
    assert_eq!(no_report.status, StatusCode::NOT_FOUND);
    let garbage = get(&app, "/api/reports/not%20a%20number", Some(&t)).await;
    assert_eq!(garbage.status, StatusCode::NOT_FOUND);
    // A body that is not JSON, and one with an unknown field: 4xx JSON.
    let resp = app
        .client
        .post(format!("{}/api/reports", app.base))
        .bearer_auth(&t)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let v: Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
    assert_eq!(v["error"]["code"], "invalid_body");
    let unknown = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        Some(&t),
        Some(phone_report(json!({"favourite_colour": "blue"}))),
        &[],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A number or a boolean where the document says string is refused too.
    let typed = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        Some(&t),
        Some(phone_report(json!({"location_name": false}))),
        &[],
    )
    .await;
    assert_eq!(
        typed.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        typed.json
    );
    // A body larger than the forms take is refused before it is read.
    let big = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        None,
        Some(phone_report(
            json!({"violation_summary": "x".repeat(70_000)}),
        )),
        &[],
    )
    .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_code(&big), "too_large");
    // A method a path does not take: 405 with Allow.
    let put = call(
        &app,
        reqwest::Method::PUT,
        "/api/reports/1-ABC",
        Some(&t),
        None,
        &[],
    )
    .await;
    assert_eq!(put.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(put.headers["allow"], "GET, PATCH");
    assert!(
        unknown.json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("favourite_colour"),
        "{}",
        unknown.json
    );
}

async fn a_token_files_finds_changes_and_comments(url: String) {
    let app = spawn_with(&url, &[]).await;
    add_user(&app, "ana", true).await;
    let t = token(&app, "ana", false).await;
    let post = |body: Value| {
        let t = t.clone();
        let app = &app;
        async move {
            call(
                app,
                reqwest::Method::POST,
                "/api/reports",
                Some(&t),
                Some(body),
                &[],
            )
            .await
        }
    };

    // Invalid: every problem, with the form's exact messages.
    let invalid = post(phone_report(json!({
        "location_name": null,
        "last_incident_month": 13,
        "intake_format": "web",
        "received_date": "2999-01-01",
    })))
    .await;
    assert_eq!(
        invalid.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        invalid.json
    );
    let errors = &invalid.json["errors"];
    assert_eq!(errors["location_name"], json!([messages::LOCATION_NAME]));
    assert_eq!(
        errors["last_incident_month"],
        json!([messages::MONTH_INVALID])
    );
    assert_eq!(
        errors["intake_format"],
        json!([intake::messages::FORMAT_MISSING])
    );
    assert_eq!(
        errors["received_date"],
        json!([intake::messages::RECEIVED_FUTURE])
    );

    // Filed: 201, Location, routed, recorded as a phone report.
    let filed = post(phone_report(json!({"summary": "Called from a shelter."}))).await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.json);
    let id = filed.json["public_id"].as_str().unwrap().to_owned();
    assert_eq!(filed.json["assigned_section"], "HCE");
    assert_eq!(
        filed.headers["location"].to_str().unwrap(),
        format!("/api/reports/{id}")
    );
    let web = post(phone_report(
        json!({"intake_format": "letter", "primary_complaint": "voting", "contact_email": null}),
    ))
    .await;
    assert_eq!(web.status, StatusCode::CREATED, "{}", web.json);
    let second = web.json["public_id"].as_str().unwrap().to_owned();

    // Found: filters and paging.
    let phone = get(&app, "/api/reports?intake_format=phone", Some(&t)).await;
    assert_eq!(phone.status, StatusCode::OK, "{}", phone.json);
    assert_eq!(phone.json["total"], 1);
    assert_eq!(phone.json["items"][0]["public_id"], id.as_str());
    assert_eq!(phone.json["items"][0]["intake_format"], "phone");
    assert_eq!(
        phone.json["items"][0]["protected_class"],
        json!(["disability"])
    );
    let first = get(&app, "/api/reports?per_page=1&sort=id", Some(&t)).await;
    assert_eq!(first.json["total_exact"], true);
    assert_eq!(first.json["has_more"], true);
    let after = first.json["next_after"].as_i64().unwrap();
    assert_eq!(
        format!("{after}-"),
        format!("{}-", id.split('-').next().unwrap())
    );
    let continued = get(
        &app,
        &format!("/api/reports?per_page=1&page=2&sort=id&after={after}"),
        Some(&t),
    )
    .await;
    assert_eq!(continued.json["items"][0]["public_id"], second.as_str());
    assert_eq!(continued.json["has_more"], false);
    assert!(
        continued.json.get("next_after").is_none(),
        "absent, not null, on the last page: {}",
        continued.json
    );
    let page = get(&app, "/api/reports?per_page=1&page=2&sort=id", Some(&t)).await;
    assert_eq!(page.json["total"], 2);
    assert_eq!(page.json["per_page"], 1);
    assert_eq!(page.json["items"].as_array().unwrap().len(), 1);
    assert_eq!(page.json["items"][0]["public_id"], second.as_str());
    let bad = get(&app, "/api/reports?per_page=500&status=maybe", Some(&t)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.json["errors"]["per_page"].is_array(), "{}", bad.json);
    assert!(bad.json["errors"]["status"].is_array(), "{}", bad.json);

    // Read with an ETag; change with If-Match only.
    let one = get(&app, &format!("/api/reports/{id}"), Some(&t)).await;
    assert_eq!(
        one.json["received_date"],
        Utc::now().date_naive().to_string()
    );
    assert_eq!(one.json["summary"], "Called from a shelter.");
    assert_eq!(one.json["language"], "en");
    let etag = one.headers["etag"].to_str().unwrap().to_owned();
    let path = format!("/api/reports/{id}");
    let patch = |body: Value, if_match: Option<String>| {
        let t = t.clone();
        let app = &app;
        let path = path.clone();
        async move {
            let h: Vec<(&str, &str)> = Vec::new();
            let mut req = app
                .client
                .patch(format!("{}{path}", app.base))
                .bearer_auth(&t)
                .header("content-type", "application/json")
                .body(body.to_string());
            if let Some(m) = &if_match {
                req = req.header("if-match", m.as_str());
            }
            let _ = h;
            let resp = req.send().await.unwrap();
            let status = resp.status();
            let headers = resp.headers().clone();
            let json: Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
            Reply {
                status,
                headers,
                json,
            }
        }
    };
    let no_match = patch(json!({"status": "open"}), None).await;
    assert_eq!(no_match.status, StatusCode::PRECONDITION_REQUIRED);
    let opened = patch(
        json!({"status": "open", "assigned_to": "ana", "comment": "Taking this one."}),
        Some(etag.clone()),
    )
    .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.json);
    assert_eq!(opened.json["status"], "open");
    assert_eq!(opened.json["assigned_to"], "ana");
    let new_etag = opened.headers["etag"].to_str().unwrap().to_owned();
    assert_ne!(new_etag, etag);
    let stale = patch(json!({"status": "closed"}), Some(etag.clone())).await;
    assert_eq!(
        stale.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        stale.json
    );
    let unknown = patch(json!({"status": "maybe"}), Some(new_etag.clone())).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unknown.json["errors"]["status"],
        json!(["That status does not exist."])
    );
    let cleared = patch(json!({"assigned_to": null}), Some(new_etag)).await;
    assert_eq!(cleared.status, StatusCode::OK, "{}", cleared.json);
    assert_eq!(cleared.json["assigned_to"], Value::Null);

    // Comments and the activity log.
    let comment = call(
        &app,
        reqwest::Method::POST,
        &format!("/api/reports/{id}/comments"),
        Some(&t),
        Some(json!({"comment": "Left a voicemail.\n"})),
        &[],
    )
    .await;
    assert_eq!(comment.status, StatusCode::CREATED, "{}", comment.json);
    assert_eq!(comment.json["new_value"], "Left a voicemail.");
    let log = get(&app, &format!("/api/reports/{id}/activity"), Some(&t)).await;
    let verbs: Vec<String> = log
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            format!(
                "{} {} {}",
                a["verb"].as_str().unwrap(),
                a["old_value"].as_str().unwrap_or("-"),
                a["new_value"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert!(
        verbs
            .iter()
            .any(|v| v.starts_with("Report created by ana from phone")),
        "{verbs:?}"
    );
    assert!(
        verbs.iter().any(|v| v.contains("Left a voicemail.")),
        "{verbs:?}"
    );
    assert!(
        verbs.iter().any(|v| v.contains("Taking this one.")),
        "{verbs:?}"
    );
    assert!(
        verbs.iter().any(|v| v.contains("new open")),
        "status change logged: {verbs:?}"
    );

    // A read-only token reads and may not write.
    let ro = token(&app, "ana", true).await;
    assert_eq!(get(&app, &path, Some(&ro)).await.status, StatusCode::OK);
    let refused = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        Some(&ro),
        Some(phone_report(json!({}))),
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = call(
        &app,
        reqwest::Method::POST,
        &format!("/api/reports/{id}/comments"),
        Some(&ro),
        Some(json!({"comment": "x"})),
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Revoked and expired tokens stop working.
    let svc = tokens(&app, Utc::now());
    let listed = svc.list(Some("ana")).await.unwrap();
    let ro_info = listed.iter().find(|i| i.read_only).unwrap();
    svc.revoke(ro_info.id).await.unwrap();
    assert_eq!(
        get(&app, &path, Some(&ro)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let (_, old) = tokens(&app, Utc::now() - Duration::days(3))
        .create("ana", "old", false, Some(1))
        .await
        .unwrap();
    assert_eq!(
        get(&app, &path, Some(old.expose())).await.status,
        StatusCode::UNAUTHORIZED
    );
    // Every use notes the time.
    let used = svc.list(Some("ana")).await.unwrap();
    assert!(
        used.iter()
            .find(|i| !i.read_only && i.name == "test")
            .unwrap()
            .last_used_at
            .is_some()
    );
}
crt_persistence::per_backend!(a_token_files_finds_changes_and_comments, url);

async fn the_session_cookie_works_with_the_csrf_header(url: String) {
    let mut app = spawn_with(&url, &[]).await;
    add_user(&app, "ana", true).await;
    app.get("/accounts/login/").await;
    let csrf = app.csrf.clone().unwrap();
    let signed = app
        .post_raw(
            "/accounts/login/",
            &[
                ("csrf_token", &csrf),
                ("username", "ana"),
                ("password", PASSWORD),
                ("next", "/form/view/"),
            ],
        )
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER);
    let page = app.get("/form/view/").await;
    let staff_csrf = common::csrf_of(&page.body).unwrap();
    assert!(page.body.contains(&format!(
        "<meta name=\"csrf-token\" content=\"{staff_csrf}\">"
    )));
    // Reading needs no CSRF token; writing does.
    let list = get(&app, "/api/reports", None).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.json);
    let body = phone_report(json!({}));
    let refused = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        None,
        Some(body.clone()),
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.json);
    let wrong = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        None,
        Some(body.clone()),
        &[("x-csrf-token", "00ff")],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let filed = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        None,
        Some(body),
        &[("x-csrf-token", &staff_csrf)],
    )
    .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.json);
}
crt_persistence::per_backend!(the_session_cookie_works_with_the_csrf_header, url);

async fn anonymous_filing_when_turned_on_takes_public_answers_under_the_limit(url: String) {
    let app = spawn_with(
        &url,
        &[
            ("API_ANONYMOUS_FILING", "true"),
            ("PUBLIC_SUBMIT_LIMIT", "1"),
        ],
    )
    .await;
    let mut public = phone_report(json!({}));
    for k in ["intake_format", "received_date"] {
        public.as_object_mut().unwrap().remove(k);
    }
    let staffish = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        None,
        Some(phone_report(json!({}))),
        &[],
    )
    .await;
    assert_eq!(staffish.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        staffish.json["errors"]["intake_format"].is_array(),
        "{}",
        staffish.json
    );
    let invalid = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        None,
        Some(json!({"primary_complaint": "housing"})),
        &[],
    )
    .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        invalid.json["errors"]["servicemember"],
        json!([messages::SERVICEMEMBER])
    );
    let filed = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        None,
        Some(public.clone()),
        &[],
    )
    .await;
    assert_eq!(
        filed.status,
        StatusCode::CREATED,
        "the invalid one was given back: {}",
        filed.json
    );
    let over = call(
        &app,
        reqwest::Method::POST,
        "/api/reports",
        None,
        Some(public),
        &[],
    )
    .await;
    assert_eq!(over.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error_code(&over), "rate_limited");
    // Reading stays closed to anonymous callers.
    assert_eq!(
        get(&app, "/api/reports", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}
crt_persistence::per_backend!(
    anonymous_filing_when_turned_on_takes_public_answers_under_the_limit,
    url
);

async fn reference_lists_and_routing(url: String) {
    let app = spawn_with(&url, &[]).await;
    add_user(&app, "ana", true).await;
    let t = token(&app, "ana", true).await;
    let classes = get(&app, "/api/protected-classes", Some(&t)).await;
    let list = classes.json.as_array().unwrap();
    assert!(
        list.iter()
            .any(|c| c["value"] == "disability" && c["active"] == true)
    );
    assert!(
        list.iter().any(|c| c["active"] == false),
        "retired options are listed: {list:?}"
    );
    let sections = get(&app, "/api/sections", Some(&t)).await;
    assert!(
        sections
            .json
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["code"] == "VOT")
    );
    let r = get(
        &app,
        "/api/routing?primary_complaint=voting&protected_class=disability",
        Some(&t),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    assert_eq!(r.json["assigned_section"], "DRS");
    assert!(r.json["routing_explanation"].as_str().unwrap().len() > 10);
    let bad = get(
        &app,
        "/api/routing?primary_complaint=ufo&protected_class=zzz",
        Some(&t),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.json["errors"]["primary_complaint"].is_array());
    assert!(bad.json["errors"]["protected_class"].is_array());
}
crt_persistence::per_backend!(reference_lists_and_routing, url);

#[tokio::test]
async fn openapi_document_matches_its_snapshot_and_names_every_form_field() {
    let spec = crt_web::api::spec_json();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/openapi.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &spec).unwrap();
    }
    let stored = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        stored == spec,
        "the OpenAPI document changed: review it, then run UPDATE_SNAPSHOTS=1 cargo test -p crt-web --test api openapi"
    );
    let doc: Value = serde_json::from_str(&spec).unwrap();
    let new_report = &doc["components"]["schemas"]["NewReport"]["properties"];
    for f in FIELDS {
        assert!(
            new_report.get(f.name).is_some(),
            "NewReport lacks {}",
            f.name
        );
    }
    let report = &doc["components"]["schemas"]["Report"]["properties"];
    for f in FIELDS {
        assert!(report.get(f.name).is_some(), "Report lacks {}", f.name);
    }
    let schemes = &doc["components"]["securitySchemes"];
    assert!(schemes.get("TokenAuth").is_some() && schemes.get("SessionAuth").is_some());
    // The document and Swagger UI are served (not deployed: no sign-in).
    let app = spawn().await;
    let served = app
        .client
        .get(format!("{}/api/openapi.json", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    let ui = app
        .client
        .get(format!("{}/api/docs/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(ui.status(), StatusCode::OK);
    assert!(ui.text().await.unwrap().contains("swagger"));
}

//! Single sign-on against a provider nobody here wrote: `oidc-provider-mock`
//! (PyPI), which `.ci/run` starts on loopback and names in
//! `TEST_OIDC_MOCK_URL` (the test says so and passes when it is unset;
//! `.ci/run` fails if it did not pass). The browser's part at the provider
//! is its login form, where the tester types the subject; the subject's
//! claims (e-mail, name, groups) are set through its `PUT /users/{sub}`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use common::spawn_with;
use reqwest::StatusCode;

const RELYING_PARTY: &str = "http://portal.test";

async fn register(mock: &str, sub: &str, groups: &[&str]) {
    let resp = reqwest::Client::new()
        .put(format!("{mock}/users/{sub}"))
        .header("content-type", "application/json")
        .body(
            serde_json::json!({
                "email": sub,
                "name": format!("Mock {sub}"),
                "groups": groups,
            })
            .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert!(
        resp.status().is_success(),
        "PUT /users/{sub}: {}",
        resp.status()
    );
}

/// The tester at the mock's form: types `sub` and presses Authorize; the
/// mock sends the browser back to the portal's callback.
async fn authorize_as(authorize_url: &str, sub: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = client.get(authorize_url).send().await.unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let body = form.text().await.unwrap();
    assert!(
        body.contains("name=\"sub\""),
        "the mock's login form: {body}"
    );
    let resp = client
        .post(authorize_url)
        .form(&[("sub", sub)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status(),
        StatusCode::FOUND,
        "{}",
        resp.text().await.unwrap()
    );
    let back = resp.headers()["location"].to_str().unwrap().to_owned();
    back.strip_prefix(RELYING_PARTY)
        .unwrap_or_else(|| panic!("back at the registered redirect URI: {back}"))
        .to_owned()
}

#[tokio::test]
async fn signs_in_through_oidc_provider_mock() {
    let Ok(mock) = std::env::var("TEST_OIDC_MOCK_URL") else {
        eprintln!("TEST_OIDC_MOCK_URL is not set: not run against oidc-provider-mock");
        return;
    };
    let mock = mock.trim_end_matches('/').to_owned();
    crt_mail::tms::install_tls_provider();
    register(&mock, "ana.mock@example.gov", &["crt-staff"]).await;
    register(&mock, "bo.mock@example.gov", &["payroll"]).await;
    let mut app = spawn_with(
        "sqlite::memory:",
        &[
            ("AUTH_SSO_ENVIRONMENTS", "TEST"),
            ("AUTH_SERVER", &mock),
            ("AUTH_CLIENT_ID", "crt-portal-ci"),
            ("AUTH_CLIENT_SECRET", "ci-client-secret"),
            ("AUTH_PORTAL_GROUPS", "crt-staff"),
            ("AUTH_RELYING_PARTY_ID", RELYING_PARTY),
        ],
    )
    .await;

    // A staff member in the portal group lands on the report list.
    let start = app.get("/auth/login?next=/form/view/").await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let to = start.location().unwrap().to_owned();
    assert!(to.starts_with(&format!("{mock}/oauth2/authorize?")), "{to}");
    let callback = authorize_as(&to, "ana.mock@example.gov").await;
    let page = app.get(&callback).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location(), Some("/form/view/"));
    let list = app.get("/form/view/").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains("Mock ana.mock@example.gov"),
        "signed in by name"
    );

    // Someone outside the portal groups is told whom to ask.
    let mut other = app.another_browser();
    let start = other.get("/auth/login?next=/form/view/").await;
    let callback = authorize_as(start.location().unwrap(), "bo.mock@example.gov").await;
    let page = other.get(&callback).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN, "{}", page.body);
    assert!(
        page.body
            .contains("not in a group that may use the staff view")
    );
    assert_eq!(other.get("/form/view/").await.status, StatusCode::FOUND);
}

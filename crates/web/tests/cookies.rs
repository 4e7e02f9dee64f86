//! The staff cookie over TLS (a deployed environment): named `__Host-`,
//! Secure, and only that name counts: a cookie without the prefix, which
//! a sibling subdomain could plant, signs nobody in.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use chrono::Utc;
use common::{csrf_of, set_cookie, spawn_with};
use crt_domain::{
    accounts::{NewUser, hash_password},
    ports::UserRepository,
};
use reqwest::StatusCode;

#[tokio::test]
async fn deployed_the_staff_cookie_is_host_prefixed_and_only_that_name_counts() {
    let key = "k".repeat(40);
    let mut app = spawn_with(
        "sqlite::memory:",
        &[
            ("ENV", "PRODUCTION"),
            ("SECRET_KEY", &key),
            ("SITE_URL", "https://portal.example"),
        ],
    )
    .await;
    app.db
        .create_user(
            &NewUser {
                username: "ana".into(),
                email: None,
                display_name: "Ana".into(),
                portal_access: true,
                section: None,
                password_hash: Some(hash_password("a long enough password").unwrap()),
                emergency_local: false,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    // The public session cookie is Secure too, so the client (on plain
    // HTTP here) does not send it back: carry it by hand.
    let login = app.get("/accounts/login/").await;
    let session = set_cookie(&login.headers, "__Host-crt_session").unwrap();
    let csrf = csrf_of(&login.body).unwrap();
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let resp = plain
        .post(format!("{}/accounts/login/", app.base))
        .header("cookie", format!("__Host-crt_session={session}"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("username", "ana"),
            ("password", "a long enough password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let header = resp.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(header.starts_with("__Host-crt_staff="), "{header}");
    assert!(
        header.contains("; Secure") && header.contains("Path=/") && !header.contains("Domain=")
    );
    let token = set_cookie(resp.headers(), "__Host-crt_staff").unwrap();

    for (name, page, api) in [
        ("__Host-crt_staff", StatusCode::OK, StatusCode::OK),
        ("crt_staff", StatusCode::FOUND, StatusCode::UNAUTHORIZED),
    ] {
        let cookie = format!("{name}={token}");
        let page_status = plain
            .get(format!("{}/form/view/", app.base))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(page_status, page, "{name}: the staff pages");
        let api_status = plain
            .get(format!("{}/api/reports", app.base))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(api_status, api, "{name}: the API");
    }
}

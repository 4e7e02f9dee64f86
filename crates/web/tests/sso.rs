//! Single sign-on over real HTTP: the portal and an in-process OpenID
//! Connect provider (`crt_sso::testing`) that signs real RS256 tokens and
//! forges them on request. A good sign-in lands on the report list; every
//! forged or stale answer is refused with a clear page and a log line, and
//! leaves no session; password sign-in follows the settings.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::{
    io::Write,
    sync::{Arc, Mutex},
};

use chrono::Utc;
use common::{TestApp, csrf_of, esc, spawn_with};
use crt_domain::{
    accounts::{NewUser, hash_password},
    choice::Choice,
    ports::UserRepository,
};
use crt_persistence::testing::count_rows;
use crt_sso::testing::{CLIENT_ID, CLIENT_SECRET, Forgery, Person, TestProvider};
use reqwest::StatusCode;

/// What the portal logged during a test (this thread only).
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Logs {
    type Writer = Logs;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
    fn clear(&self) {
        self.0.lock().unwrap().clear();
    }
}

const RELYING_PARTY: &str = "http://portal.test";
const PASSWORD: &str = "a long enough password";

struct World {
    app: TestApp,
    provider: TestProvider,
    logs: Logs,
    _guard: tracing::subscriber::DefaultGuard,
}

async fn world(extra: &[(&str, &str)]) -> World {
    world_on("sqlite::memory:", extra).await
}

async fn world_on(database_url: &str, extra: &[(&str, &str)]) -> World {
    let logs = Logs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(logs.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    let provider = TestProvider::start().await;
    let mut env = vec![
        ("AUTH_SSO_ENVIRONMENTS", "TEST"),
        ("AUTH_SERVER", provider.issuer.as_str()),
        ("AUTH_CLIENT_ID", CLIENT_ID),
        // A confidential client: an HMAC token keyed with this must fail.
        ("AUTH_CLIENT_SECRET", CLIENT_SECRET),
        ("AUTH_AUDIENCE", "api://crt-portal"),
        ("AUTH_PORTAL_GROUPS", "crt-staff"),
        ("AUTH_SECTION_GROUPS", "crt-voting=VOT"),
        ("AUTH_RELYING_PARTY_ID", RELYING_PARTY),
        ("AUTH_ACCESS_CONTACT", "the Division's IT service desk"),
    ];
    env.extend_from_slice(extra);
    let app = spawn_with(database_url, &env).await;
    World {
        app,
        provider,
        logs,
        _guard: guard,
    }
}

/// The browser at the provider: it approves at once and sends back to the
/// portal's callback, whose path and query this returns.
async fn at_provider(authorize_url: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let resp = client.get(authorize_url).send().await.unwrap();
    assert_eq!(
        resp.status(),
        StatusCode::FOUND,
        "{}",
        resp.text().await.unwrap()
    );
    let back = resp.headers()["location"].to_str().unwrap().to_owned();
    back.strip_prefix(RELYING_PARTY)
        .unwrap_or_else(|| panic!("back to the registered redirect URI: {back}"))
        .to_owned()
}

/// Starts a sign-in in `app`'s browser; returns the callback to call.
async fn start(app: &mut TestApp, next: &str) -> String {
    let page = app.get(&format!("/auth/login?next={next}")).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let to = page.location().unwrap().to_owned();
    assert!(
        to.contains("code_challenge_method=S256") && to.contains("nonce="),
        "{to}"
    );
    assert!(
        page.headers["set-cookie"]
            .to_str()
            .unwrap()
            .contains("HttpOnly"),
        "the binding cookie"
    );
    at_provider(&to).await
}

impl World {
    async fn sessions(&self) -> u64 {
        count_rows(&self.app.db, "staff_session").await
    }

    /// A forged answer: refused with the page's message, a log line with
    /// `reason`, and no new session.
    async fn assert_refused(&mut self, forgery: Forgery, reason: &str) {
        self.provider.forge(forgery);
        self.logs.clear();
        let before = self.sessions().await;
        let callback = start(&mut self.app, "/form/view/").await;
        let page = self.app.get(&callback).await;
        assert_eq!(
            page.status,
            StatusCode::BAD_REQUEST,
            "{forgery:?}: {}",
            page.body
        );
        assert!(
            page.body.contains("Your sign-in could not be verified"),
            "{forgery:?}: {}",
            page.body
        );
        let logs = self.logs.text();
        assert!(
            logs.contains("single sign-on refused") && logs.contains(reason),
            "{forgery:?}: the log says why ({reason}): {logs}"
        );
        assert_eq!(self.sessions().await, before, "{forgery:?}: no session");
        assert_eq!(
            self.app.get("/form/view/").await.status,
            StatusCode::FOUND,
            "{forgery:?}: still signed out"
        );
        self.provider.forge(Forgery::None);
    }
}

#[tokio::test]
async fn a_division_account_signs_in_and_lands_on_the_page_it_asked_for() {
    let mut w = world(&[]).await;
    // An anonymous visit to a staff page goes to the sign-in page, which
    // offers the Division account and no password form.
    let page = w.app.get("/form/view/?status=new").await;
    assert_eq!(
        page.location(),
        Some("/accounts/login/?next=/form/view/%3Fstatus%3Dnew")
    );
    let login = w.app.get(page.location().unwrap()).await;
    assert!(login.body.contains("Sign in with your Division account"));
    assert!(
        login
            .body
            .contains(&esc("/auth/login?next=/form/view/%3Fstatus%3Dnew")),
        "{}",
        login.body
    );
    assert!(
        !login.body.contains("type=\"password\""),
        "no password form"
    );

    w.provider
        .sign_in_as(Person::new("ana@example.gov", &["crt-staff", "crt-voting"]));
    let callback = start(&mut w.app, "/form/view/%3Fstatus%3Dnew").await;
    let page = w.app.get(&callback).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.location(), Some("/form/view/?status=new"));
    let list = w.app.get("/form/view/?status=new").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains("Test ana@example.gov"),
        "the name from the token"
    );
    assert!(w.logs.text().contains("signed in through single sign-on"));
    let (ana, hash) = w.app.db.user_with_hash("ana@example.gov").await.unwrap();
    assert_eq!(hash, None, "no password");
    assert_eq!(ana.groups, ["crt-staff", "crt-voting"]);
    assert_eq!(
        ana.section.map(|s| s.value()),
        Some("VOT"),
        "AUTH_SECTION_GROUPS"
    );

    // The same answer again (a replay) is refused: the state is used up.
    let before = w.sessions().await;
    let mut other = w.app.another_browser();
    let replay = other.get(&callback).await;
    assert_eq!(replay.status, StatusCode::BAD_REQUEST);
    assert!(
        replay.body.contains("already used or has expired"),
        "{}",
        replay.body
    );
    assert!(w.logs.text().contains("unknown, used or purged state"));
    assert_eq!(w.sessions().await, before);

    // Signing out ends the session here and at the provider.
    let list = w.app.get("/form/view/").await;
    let csrf = csrf_of(&list.body).unwrap();
    let out = w
        .app
        .post_raw("/accounts/logout/", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let to = out.location().unwrap();
    assert!(
        to.starts_with(&format!("{}/logout?", w.provider.issuer)),
        "{to}"
    );
    assert!(
        to.contains("id_token_hint=") && to.contains(&format!("client_id={CLIENT_ID}")),
        "{to}"
    );
    assert!(
        to.contains("post_logout_redirect_uri=http%3A%2F%2Fportal.test%2Faccounts%2Flogin%2F%3Fsigned_out%3D1"),
        "{to}"
    );
    assert_eq!(w.sessions().await, before - 1);
    assert_eq!(w.app.get("/form/view/").await.status, StatusCode::FOUND);
}

#[tokio::test]
async fn forged_and_stale_tokens_are_refused() {
    let mut w = world(&[]).await;
    w.assert_refused(Forgery::WrongAudience, "names neither the client id")
        .await;
    w.assert_refused(
        Forgery::Audience(&[CLIENT_ID, "another-client"]),
        "\"another-client\" is not trusted",
    )
    .await;
    w.assert_refused(Forgery::WrongIssuer, "issuer").await;
    w.assert_refused(Forgery::Expired, "expired").await;
    w.assert_refused(Forgery::IssuedInTheFuture, "issued in the future")
        .await;
    w.assert_refused(Forgery::NotYetValid, "not valid before")
        .await;
    w.assert_refused(Forgery::BadSignature, "Signature verification failed")
        .await;
    w.assert_refused(Forgery::AlgNone, "No signature found")
        .await;
    w.assert_refused(
        Forgery::HmacWithClientSecret,
        "algorithm `HS256` is not one of",
    )
    .await;
    w.assert_refused(Forgery::WrongNonce, "nonce").await;
    w.assert_refused(Forgery::MissingNonce, "nonce").await;
    w.assert_refused(Forgery::BadAtHash, "at_hash").await;
    // An unverified address as the username.
    let mut unverified = Person::new("eve@example.gov", &["crt-staff"]);
    unverified.email_verified = Some(false);
    w.provider.sign_in_as(unverified);
    let callback = start(&mut w.app, "/form/view/").await;
    assert_eq!(w.app.get(&callback).await.status, StatusCode::BAD_REQUEST);
    assert!(
        w.logs.text().contains("no (verified) username claim"),
        "{}",
        w.logs.text()
    );
    w.provider
        .sign_in_as(Person::new("ana@example.gov", &["crt-staff"]));

    // An unknown key id: the keys are fetched again once, then refused...
    let fetches = w.provider.key_fetches();
    w.assert_refused(Forgery::UnknownKid, "No matching key")
        .await;
    assert_eq!(w.provider.key_fetches(), fetches + 1, "fetched again, once");
    // ...and after the provider rotates its keys, the same kind of token
    // signs in, the new key fetched on first sight.
    w.provider.rotate_keys();
    w.provider.forge(Forgery::UnknownKid);
    let callback = start(&mut w.app, "/form/view/").await;
    let page = w.app.get(&callback).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(w.provider.key_fetches(), fetches + 2);
    assert!(w.logs.text().contains("keys were fetched again"));
    // The audience may be AUTH_AUDIENCE alone (ADFS's resource).
    let mut other = w.app.another_browser();
    w.provider.forge(Forgery::Audience(&["api://crt-portal"]));
    let callback = start(&mut other, "/form/view/").await;
    assert_eq!(other.get(&callback).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn state_from_another_browser_and_a_code_used_twice_are_refused() {
    let mut w = world(&[]).await;
    // Started in one browser, answered in another (a login-CSRF attempt).
    let callback = start(&mut w.app, "/form/view/").await;
    let mut other = w.app.another_browser();
    let page = other.get(&callback).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.body.contains("started in another browser"),
        "{}",
        page.body
    );
    assert!(w.logs.text().contains("state from another browser"));
    // ...which used it up for the first browser too.
    assert_eq!(w.app.get(&callback).await.status, StatusCode::BAD_REQUEST);

    // A good sign-in, then its code replayed under a fresh state.
    let first = start(&mut w.app, "/form/view/").await;
    assert_eq!(w.app.get(&first).await.status, StatusCode::SEE_OTHER);
    let code = first
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    let second = start(&mut w.app, "/form/view/").await;
    let state = second.split("state=").nth(1).unwrap().to_owned();
    let before = w.sessions().await;
    w.logs.clear();
    let page = w
        .app
        .get(&format!("/auth/callback?code={code}&state={state}"))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
    assert!(
        w.logs.text().contains("code already used"),
        "{}",
        w.logs.text()
    );
    assert_eq!(w.sessions().await, before);

    // A callback without state, and the provider's own refusal.
    assert_eq!(
        w.app.get("/auth/callback?code=x").await.status,
        StatusCode::BAD_REQUEST
    );
    let denied = start(&mut w.app, "/form/view/").await;
    let state = denied.split("state=").nth(1).unwrap();
    let page = w
        .app
        .get(&format!("/auth/callback?error=access_denied&state={state}"))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(w.logs.text().contains("access_denied"));
}

#[tokio::test]
async fn groups_decide_access_at_every_sign_in() {
    let mut w = world(&[]).await;
    // No portal group: a 403 page saying whom to ask, a log line, no session.
    w.provider
        .sign_in_as(Person::new("bo@example.gov", &["payroll"]));
    let callback = start(&mut w.app, "/form/view/").await;
    let page = w.app.get(&callback).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        page.body.contains("the Division&#x27;s IT service desk"),
        "{}",
        page.body
    );
    assert!(page.body.contains("bo@example.gov"));
    assert!(w.logs.text().contains("is in no portal group"));
    assert_eq!(w.sessions().await, 0);

    // Groups only from the userinfo endpoint count the same.
    let mut bo = Person::new("bo@example.gov", &["crt-staff"]);
    bo.groups_in_userinfo = true;
    w.provider.sign_in_as(bo);
    let callback = start(&mut w.app, "/form/view/").await;
    assert_eq!(w.app.get(&callback).await.status, StatusCode::SEE_OTHER);
    assert_eq!(w.app.get("/form/view/").await.status, StatusCode::OK);
    let (bo, _) = w.app.db.user_with_hash("bo@example.gov").await.unwrap();
    assert!(bo.portal_access && bo.groups == ["crt-staff"], "{bo:?}");
}

async fn add_user(app: &TestApp, username: &str, emergency_local: bool) {
    app.db
        .create_user(
            &NewUser {
                username: username.into(),
                email: None,
                display_name: username.into(),
                portal_access: true,
                section: None,
                password_hash: Some(hash_password(PASSWORD).unwrap()),
                emergency_local,
            },
            Utc::now(),
        )
        .await
        .unwrap();
}

async fn password_sign_in(app: &mut TestApp, username: &str) -> (StatusCode, String) {
    // Where the sign-in page has no password form, the session's token
    // from another public form (a crafted post is refused all the same).
    let page = app.get("/accounts/login/").await;
    let csrf = match csrf_of(&page.body) {
        Some(c) => c,
        None => csrf_of(&app.get("/report/").await.body).unwrap(),
    };
    let p = app
        .post_raw(
            "/accounts/login/",
            &[
                ("csrf_token", &csrf),
                ("username", username),
                ("password", PASSWORD),
                ("next", "/form/view/"),
            ],
        )
        .await;
    (p.status, p.body)
}

#[tokio::test]
async fn passwords_are_refused_where_sso_is_on_unless_emergency_local_is_allowed() {
    let mut w = world(&[]).await;
    add_user(&w.app, "break-glass", true).await;
    add_user(&w.app, "ana", false).await;
    for user in ["break-glass", "ana"] {
        let (status, body) = password_sign_in(&mut w.app, user).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{user}");
        assert!(
            body.contains("Password sign-in is turned off here"),
            "{body}"
        );
    }
    assert_eq!(w.sessions().await, 0);
    drop(w);

    let mut w = world(&[("AUTH_ALLOW_EMERGENCY_LOCAL", "true")]).await;
    add_user(&w.app, "break-glass", true).await;
    add_user(&w.app, "ana", false).await;
    let login = w.app.get("/accounts/login/").await;
    assert!(
        login.body.contains("Emergency local account")
            && login.body.contains("Sign in with your Division account")
    );
    let (status, body) = password_sign_in(&mut w.app, "ana").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("didn&#x27;t match"),
        "not emergency-local: {body}"
    );
    let (status, _) = password_sign_in(&mut w.app, "break-glass").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        w.logs.text().contains("WARN")
            && w.logs.text().contains("emergency-local password sign-in"),
        "{}",
        w.logs.text()
    );
}

#[tokio::test]
async fn where_sso_is_off_its_pages_do_not_exist_and_passwords_work() {
    let mut app = spawn_with(
        "sqlite::memory:",
        &[("AUTH_SSO_ENVIRONMENTS", "PRODUCTION,STAGE")],
    )
    .await;
    assert_eq!(
        app.get("/auth/login?next=/form/view/").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/auth/callback?state=x&code=y").await.status,
        StatusCode::NOT_FOUND
    );
    add_user(&app, "ana", false).await;
    let login = app.get("/accounts/login/").await;
    assert!(!login.body.contains("Division account"));
    assert_eq!(
        password_sign_in(&mut app, "ana").await.0,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_sign_in_started_on_one_instance_finishes_on_another() {
    let dir = std::env::temp_dir().join(format!("crt-sso-two-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/two.sqlite3", dir.display());
    let mut a = world_on(&url, &[]).await;
    // A second instance on the same database, and the same browser (its
    // cookies are per host, not per port, as behind one load balancer).
    let second = spawn_with(
        &url,
        &[
            ("AUTH_SSO_ENVIRONMENTS", "TEST"),
            ("AUTH_SERVER", a.provider.issuer.as_str()),
            ("AUTH_CLIENT_ID", CLIENT_ID),
            ("AUTH_CLIENT_SECRET", CLIENT_SECRET),
            ("AUTH_PORTAL_GROUPS", "crt-staff"),
            ("AUTH_RELYING_PARTY_ID", RELYING_PARTY),
        ],
    )
    .await;
    let callback = start(&mut a.app, "/form/view/").await;
    let mut b = TestApp {
        base: second.base.clone(),
        client: a.app.client.clone(),
        db: second.db.clone(),
        backend: second.backend,
        csrf: None,
    };
    let page = b.get(&callback).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(
        b.get("/form/view/").await.status,
        StatusCode::OK,
        "instance B serves the session"
    );
    assert_eq!(
        a.app.get("/form/view/").await.status,
        StatusCode::OK,
        "and so does A"
    );
    // The state is used up for both.
    assert_eq!(a.app.get(&callback).await.status, StatusCode::BAD_REQUEST);
    let _ = std::fs::remove_dir_all(dir);
}

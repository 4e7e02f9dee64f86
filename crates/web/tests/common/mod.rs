//! The test harness: the real app on port 0 with a fresh database, and a
//! browser-like client (cookies kept, redirects not followed).

#![allow(dead_code)] // each test file uses a different part

pub mod messages;

use std::collections::HashMap;

use crt_persistence::Db;
use crt_web::{Application, Settings};
use reqwest::{StatusCode, redirect::Policy};

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: Db,
    pub backend: &'static str,
    /// The CSRF token of the last page fetched.
    pub csrf: Option<String>,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }
}

pub async fn spawn_with(database_url: &str, env: &[(&str, &str)]) -> TestApp {
    let mut vars: HashMap<String, String> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    vars.entry("ENV".into()).or_insert_with(|| "TEST".into());
    // Single sign-on is on by default in PRODUCTION and STAGE; tests of
    // those environments' other rules turn it off (tests/sso.rs turns it on).
    vars.entry("AUTH_SSO_ENVIRONMENTS".into())
        .or_insert_with(|| "NONE".into());
    vars.insert("PORT".into(), "0".into());
    vars.insert("DATABASE_URL".into(), database_url.to_owned());
    let settings = Settings::from_lookup(|k| vars.get(k).cloned()).expect("settings");
    let app = Application::build(settings).await.expect("build app");
    let port = app.port();
    let db = app.db();
    tokio::spawn(app.run_until_stopped());
    crt_mail::tms::install_tls_provider();
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap();
    let host = match vars.get("HOST").map(String::as_str) {
        Some(h) if h.contains(':') => format!("[{h}]"),
        _ => "127.0.0.1".to_owned(),
    };
    TestApp {
        base: format!("http://{host}:{port}"),
        client,
        db,
        backend: if database_url.starts_with("sqlite") {
            "sqlite"
        } else {
            "postgres"
        },
        csrf: None,
    }
}

impl TestApp {
    /// How many reports the database holds (counted exactly: the tests'
    /// databases are far below the list's exact-count limit).
    pub async fn stored_reports(&self) -> u64 {
        use crt_domain::ports::{ReportRepository, Total};
        match self.db.list(&Default::default()).await.unwrap().total {
            Total::Exact(n) => n,
            other => panic!("not an exact count: {other:?}"),
        }
    }

    /// Another browser (its own cookies) on the same server.
    pub fn another_browser(&self) -> TestApp {
        TestApp {
            base: self.base.clone(),
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()
                .unwrap(),
            db: self.db.clone(),
            backend: self.backend,
            csrf: None,
        }
    }
}

/// The value of cookie `name` in a response's Set-Cookie headers.
pub fn set_cookie(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

pub async fn spawn() -> TestApp {
    spawn_with("sqlite::memory:", &[]).await
}

/// The CSRF token of a page (its first `csrf_token` hidden input).
pub fn csrf_of(body: &str) -> Option<String> {
    let marker = "name=\"csrf_token\" value=\"";
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_owned())
}

impl TestApp {
    async fn page(&mut self, resp: reqwest::Response) -> Page {
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.text().await.unwrap();
        if let Some(t) = csrf_of(&body) {
            self.csrf = Some(t);
        }
        Page {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let resp = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        self.page(resp).await
    }

    /// Posts raw pairs (no CSRF added).
    pub async fn post_raw(&mut self, path: &str, pairs: &[(&str, &str)]) -> Page {
        let resp = self
            .client
            .post(format!("{}{path}", self.base))
            .form(pairs)
            .send()
            .await
            .unwrap();
        self.page(resp).await
    }

    /// Posts one step of the form with the current CSRF token and `action`.
    pub async fn post_step(&mut self, step: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = self
            .csrf
            .clone()
            .expect("a page with a CSRF token was fetched first");
        let mut pairs = vec![
            ("csrf_token", csrf.as_str()),
            ("step", step),
            ("action", action),
        ];
        pairs.extend_from_slice(fields);
        self.post_raw("/report/", &pairs).await
    }

    /// Posts a step and follows the redirect to the next page.
    pub async fn next(&mut self, step: &str, fields: &[(&str, &str)]) -> Page {
        let p = self.post_step(step, "next", fields).await;
        assert_eq!(
            p.status,
            StatusCode::SEE_OTHER,
            "step {step} should pass: {}",
            error_text(&p.body)
        );
        self.get(p.location().unwrap()).await
    }
}

/// The error messages on a page (for assertion messages).
pub fn error_text(body: &str) -> String {
    body.split("usa-error-message")
        .skip(1)
        .filter_map(|s| {
            s.split_once('>')
                .map(|(_, rest)| rest.split('<').next().unwrap_or(""))
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// HTML-escapes like the templates do (to look for messages in pages).
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2F;")
}

/// The answers of a complete report for `primary`, step by step.
pub fn steps_for(
    primary: &str,
    classes: &[&'static str],
) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let s = |v: &str| v.to_owned();
    let location_step: (&'static str, Vec<(&'static str, String)>) = {
        let mut f = vec![
            ("location_name", s("Main Street Store")),
            ("location_city_town", s("Springfield")),
            ("location_state", s("IL")),
        ];
        let name = match primary {
            "workplace" => {
                f.push(("public_or_private_employer", s("private_employer")));
                f.push(("employer_size", s("15_or_more")));
                "location-workplace"
            }
            "housing" => "location-housing",
            "education" => {
                f.push(("public_or_private_school", s("private")));
                "location-education"
            }
            "police" => {
                f.push(("inside_correctional_facility", s("inside")));
                f.push(("correctional_facility_type", s("state_local")));
                "location-police"
            }
            "voting" => {
                f.push(("election_details", s("federal")));
                "location-voting"
            }
            "commercial_or_public" => {
                f.push(("commercial_or_public_place", s("healthcare")));
                "location-commercial-or-public"
            }
            _ => "location-something-else",
        };
        (name, f)
    };
    let mut steps = vec![
        (
            "contact",
            vec![
                ("servicemember", s("no")),
                ("contact_first_name", s("Ana")),
                ("contact_email", s("ana@example.org")),
            ],
        ),
        ("primary-concern", vec![("primary_complaint", s(primary))]),
        location_step,
        (
            "personal-characteristics",
            classes.iter().map(|c| ("protected_class", s(c))).collect(),
        ),
        (
            "date",
            vec![
                ("last_incident_month", s("3")),
                ("last_incident_year", s("2025")),
            ],
        ),
        (
            "description",
            vec![("violation_summary", s("They refused to serve me."))],
        ),
    ];
    if primary == "police" {
        // The optional police-only step (answered here; it may be skipped).
        steps.insert(3, ("witness", vec![("witness", s("harmed"))]));
    }
    steps
}

impl TestApp {
    /// Walks every step of a complete report up to the review page.
    pub async fn fill_to_review(&mut self, primary: &str, classes: &[&'static str]) -> Page {
        let first = self.get("/report/").await;
        assert_eq!(first.status, StatusCode::OK);
        let mut page = first;
        for (step, fields) in steps_for(primary, classes) {
            assert!(
                page.body
                    .contains(&format!("name=\"step\" value=\"{step}\"")),
                "expected step {step}"
            );
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            page = self.next(step, &pairs).await;
        }
        assert!(page.body.contains("name=\"step\" value=\"review\""));
        page
    }
}

/// Creates a staff account `username` and signs this browser in with it.
pub async fn sign_in_new_staff(app: &mut TestApp, username: &str, password: &str) {
    use crt_domain::{
        accounts::{NewUser, hash_password},
        ports::UserRepository,
    };
    app.db
        .create_user(
            &NewUser {
                username: username.into(),
                email: None,
                display_name: format!("{username} (staff)"),
                portal_access: true,
                section: None,
                password_hash: Some(hash_password(password).unwrap()),
                emergency_local: false,
            },
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    app.get("/accounts/login/").await;
    let csrf = app.csrf.clone().unwrap();
    let p = app
        .post_raw(
            "/accounts/login/",
            &[
                ("csrf_token", &csrf),
                ("username", username),
                ("password", password),
                ("next", "/form/view/"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "signed in as {username}");
}

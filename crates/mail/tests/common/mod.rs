#![allow(dead_code)] // each test file uses a different part
//! Fixtures for the e-mail tests: a report built through the domain's
//! validation, and a fake TMS server speaking real HTTP.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use crt_domain::{
    protected_class::ProtectedClassCatalog,
    report::{Report, StaffFields},
    routing::assign_section,
    validation::{Answers, Context, validate_report},
};
use poem::{
    EndpointExt, Request, Response, Route, Server, handler,
    http::StatusCode,
    listener::{Acceptor, Listener, TcpListener},
    post,
    web::{Data, Json},
};

pub fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
}

/// A valid housing report with a contact e-mail and hostile text.
pub fn report(catalog: &ProtectedClassCatalog, extra: &[(&str, &str)]) -> Report {
    let mut pairs: Vec<(&str, &str)> = vec![
        ("servicemember", "no"),
        ("contact_first_name", "Ana <b>"),
        ("contact_last_name", "Lopez"),
        ("contact_email", "ana.lopez@example.org"),
        ("primary_complaint", "housing"),
        ("location_name", "Maple & Oak Apartments <script>"),
        ("location_city_town", "Springfield"),
        ("location_state", "IL"),
        ("last_incident_month", "10"),
        ("last_incident_day", "3"),
        ("last_incident_year", "2026"),
        ("violation_summary", "The landlord refused to rent to us."),
        ("protected_class", "family_status"),
    ];
    for (k, v) in extra {
        pairs.retain(|(key, _)| key != k);
        pairs.push((k, v));
    }
    validate_report(
        &Answers::from_pairs(pairs),
        Context {
            catalog,
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        },
    )
    .expect("valid fixture")
}

pub fn staff_for(r: &Report) -> StaffFields {
    let (section, why) = assign_section(r);
    StaffFields::new_report(section, why)
}

/// How the fake TMS answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TmsMode {
    /// 201 with an id.
    Ok,
    /// 422 with an error.
    Reject,
    /// 503.
    Down,
    /// Waits longer than the client's timeout.
    Slow,
}

#[derive(Clone)]
struct FakeState {
    mode: Arc<Mutex<TmsMode>>,
    received: Arc<Mutex<Vec<(Option<String>, serde_json::Value)>>>,
}

/// A fake GovDelivery TMS on a real port.
pub struct FakeTms {
    pub addr: SocketAddr,
    state: FakeState,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeTms {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[handler]
async fn messages(
    req: &Request,
    body: Json<serde_json::Value>,
    state: Data<&FakeState>,
) -> Response {
    let token = req.header("x-auth-token").map(str::to_owned);
    let mode = *state.mode.lock().unwrap();
    if mode == TmsMode::Slow {
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    let n = {
        let mut r = state.received.lock().unwrap();
        r.push((token.clone(), body.0.clone()));
        r.len()
    };
    match mode {
        TmsMode::Ok | TmsMode::Slow if token.as_deref() == Some("test-token") => {
            Response::builder()
                .status(StatusCode::CREATED)
                .content_type("application/json")
                .body(format!(
                    r#"{{"id": {}, "subject": "x", "_links": {{"self": "/messages/email/{}"}}}}"#,
                    1000 + n,
                    1000 + n
                ))
        }
        TmsMode::Ok | TmsMode::Slow => Response::builder()
            .status(StatusCode::UNAUTHORIZED)
            .body(r#"{"error": "bad token"}"#),
        TmsMode::Reject => Response::builder()
            .status(StatusCode::UNPROCESSABLE_ENTITY)
            .content_type("application/json")
            .body(r#"{"errors": {"recipients": ["must contain at least one valid recipient"]}}"#),
        TmsMode::Down => Response::builder()
            .status(StatusCode::SERVICE_UNAVAILABLE)
            .body("maintenance"),
    }
}

impl FakeTms {
    pub async fn start() -> Self {
        let state = FakeState {
            mode: Arc::new(Mutex::new(TmsMode::Ok)),
            received: Arc::default(),
        };
        let acceptor = TcpListener::bind("127.0.0.1:0")
            .into_acceptor()
            .await
            .unwrap();
        let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
        let app = Route::new()
            .at("/messages/email", post(messages))
            .data(state.clone());
        let task = tokio::spawn(async move {
            let _ = Server::new_with_acceptor(acceptor).run(app).await;
        });
        Self { addr, state, task }
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn set_mode(&self, mode: TmsMode) {
        *self.state.mode.lock().unwrap() = mode;
    }

    /// (X-AUTH-TOKEN, JSON body) of every request.
    pub fn received(&self) -> Vec<(Option<String>, serde_json::Value)> {
        self.state.received.lock().unwrap().clone()
    }
}

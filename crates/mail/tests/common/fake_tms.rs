//! A fake GovDelivery TMS on a real port (shared by the crt-mail and
//! crt-web tests): answers `POST /messages/email` as told, and keeps what
//! it received.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};

use poem::{
    EndpointExt, Request, Response, Route, Server, handler,
    http::StatusCode,
    listener::{Acceptor, Listener, TcpListener},
    post,
    web::{Data, Json},
};

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
    /// 201 with a body that carries no message id.
    NoId,
}

/// (X-AUTH-TOKEN, JSON body) of one request.
pub type Received = (Option<String>, serde_json::Value);

#[derive(Clone)]
struct FakeState {
    mode: Arc<Mutex<TmsMode>>,
    received: Arc<Mutex<Vec<Received>>>,
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
        TmsMode::NoId => Response::builder()
            .status(StatusCode::CREATED)
            .body("accepted"),
        TmsMode::Down => Response::builder()
            .status(StatusCode::SERVICE_UNAVAILABLE)
            .body("maintenance"),
    }
}

impl FakeTms {
    pub async fn start() -> Self {
        Self::start_on("127.0.0.1:0").await
    }

    pub async fn start_on(addr: &str) -> Self {
        let state = FakeState {
            mode: Arc::new(Mutex::new(TmsMode::Ok)),
            received: Arc::default(),
        };
        let acceptor = TcpListener::bind(addr.to_owned())
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
    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }
}

//! # crt-web
//!
//! The portal's HTTP server. [`Application::build`] reads nothing from the
//! environment itself: it takes [`Settings`], opens the database (migrating
//! it), binds the port, and [`Application::run_until_stopped`] serves until
//! SIGTERM/Ctrl-C, letting in-flight requests finish. Tests build it on port
//! 0 with a fresh database.

use std::{sync::Arc, time::Duration};

use crt_persistence::Db;
use poem::{
    EndpointExt, Route, Server, get, handler,
    http::StatusCode,
    listener::{Acceptor, Listener, TcpAcceptor, TcpListener},
    web::{Data, Html, Json},
};

pub mod settings;

pub use settings::Settings;

/// Shared state of the running server.
#[derive(Clone)]
pub struct AppState {
    /// The database (also the repository ports).
    pub db: Db,
    /// The settings the server started with.
    pub settings: Arc<Settings>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Database(#[from] crt_persistence::ConnectError),
    /// The port could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: String,
        /// Why.
        source: std::io::Error,
    },
}

/// A built, bound, not yet serving server.
pub struct Application {
    acceptor: TcpAcceptor,
    port: u16,
    state: AppState,
}

impl Application {
    /// Opens the database and binds `HOST:PORT`.
    pub async fn build(settings: Settings) -> Result<Self, StartError> {
        let db = Db::connect(settings.database_url.expose()).await?;
        let addr = format!("{}:{}", settings.host, settings.port);
        let acceptor = TcpListener::bind(addr.clone())
            .into_acceptor()
            .await
            .map_err(|source| StartError::Bind {
                addr: addr.clone(),
                source,
            })?;
        let port = acceptor
            .local_addr()
            .first()
            .and_then(|a| a.as_socket_addr().map(|s| s.port()))
            .unwrap_or(0);
        tracing::info!(
            port,
            database = db.backend_name(),
            environment = ?settings.environment,
            maintenance_mode = settings.maintenance_mode,
            "crt-portal ready"
        );
        Ok(Self {
            acceptor,
            port,
            state: AppState {
                db,
                settings: Arc::new(settings),
            },
        })
    }

    /// The port actually bound (useful with PORT=0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM or Ctrl-C; in-flight requests get 30 s to finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let app = routes().data(self.state);
        Server::new_with_acceptor(self.acceptor)
            .run_with_graceful_shutdown(app, shutdown_signal(), Some(Duration::from_secs(30)))
            .await
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}

fn routes() -> Route {
    Route::new()
        .at("/", get(landing))
        .at("/health", get(health))
}

#[handler]
fn landing() -> Html<String> {
    use crt_domain::{choice::Choice, report::PrimaryComplaint};
    let items: String = PrimaryComplaint::ALL
        .iter()
        .map(|p| format!("<li>{}</li>", p.label()))
        .collect();
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Contact the Civil Rights Division</title></head>\
         <body><main><h1>Contact the Civil Rights Division</h1>\
         <p>Report a civil rights violation. If you are in immediate danger, call 911.</p>\
         <h2>What you can report</h2><ul>{items}</ul></main></body></html>"
    ))
}

#[handler]
async fn health(state: Data<&AppState>) -> (StatusCode, Json<serde_json::Value>) {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(serde_json::json!({"status": "ok", "database": state.db.backend_name()})),
        ),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "unavailable", "database": "unreachable"})),
            )
        }
    }
}

//! # crt-web
//!
//! The portal's HTTP server. [`Application::build`] reads nothing from the
//! environment itself: it takes [`Settings`], opens the database (migrating
//! it), binds the port, and [`Application::run_until_stopped`] serves until
//! SIGTERM/Ctrl-C, letting in-flight requests finish. Tests build it on port
//! 0 with a fresh database.

use std::{sync::Arc, time::Duration};

use crt_domain::ports::{Clock, SystemClock};
use crt_persistence::Db;
use poem::{
    EndpointExt, IntoResponse, Route, Server, get, handler,
    http::StatusCode,
    listener::{Acceptor, Listener, TcpAcceptor, TcpListener},
    middleware::CatchPanic,
    web::{Data, Html, Json},
};

mod assets;
mod catalog_cache;
mod email;
mod form_body;
mod middleware;
mod report_form;
mod session;
/// The settings (see `crt-settings`).
pub mod settings {
    pub use crt_settings::*;
}
pub mod staff;
mod templates;
mod view;

pub use templates::Templates;

pub use settings::Settings;

/// Shared state of the running server.
#[derive(Clone)]
pub struct AppState {
    /// The database (also the repository ports).
    pub db: Db,
    /// The settings the server started with.
    pub settings: Arc<Settings>,
    /// The compiled templates.
    pub templates: Arc<Templates>,
    /// The time.
    pub clock: Arc<dyn Clock>,
    /// The protected-class catalog, cached.
    pub catalog: Arc<catalog_cache::CatalogCache>,
    /// The blank first step, rendered once per catalog (see `report_form`).
    pub first_page: Arc<std::sync::RwLock<Option<FirstPage>>>,
    /// E-mail: letters, unsubscribe links, and the sender when enabled.
    pub mail: Arc<MailState>,
}

/// What the server knows about e-mail.
pub struct MailState {
    /// Every letter.
    pub letters: Arc<crt_mail::letters::LetterBook>,
    /// Unsubscribe links for letter footers.
    pub links: crt_mail::UnsubscribeLinks,
    /// The sender, when e-mail is enabled (`EMAIL_ENABLED`); `None` hides
    /// the send controls and leaves queued mail waiting.
    pub sender: Option<Arc<dyn crt_domain::email::EmailSender>>,
    /// Wakes the worker when a mail is queued.
    pub wake: Arc<tokio::sync::Notify>,
}

impl MailState {
    /// Whether mail can be sent.
    pub fn enabled(&self) -> bool {
        self.sender.is_some()
    }
}

/// The cached blank first page and the catalog it was rendered with.
pub type FirstPage = (
    Arc<crt_domain::protected_class::ProtectedClassCatalog>,
    Arc<String>,
);

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Database(#[from] crt_persistence::ConnectError),
    /// A template does not compile.
    #[error("templates: {0}")]
    Templates(#[from] tera::Error),
    /// A letter is broken.
    #[error(transparent)]
    Letters(#[from] crt_mail::letters::LetterError),
    /// The e-mail settings cannot make a sender.
    #[error("e-mail: {0}")]
    Mail(String),
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
    /// Opens the database and binds `HOST:PORT`; the e-mail sender is the
    /// one the settings choose.
    pub async fn build(settings: Settings) -> Result<Self, StartError> {
        let sender = crt_mail::sender_for(&settings).map_err(StartError::Mail)?;
        Self::build_with_sender(settings, sender).await
    }

    /// The same with a given sender (`None`: e-mail off). Tests pass an
    /// in-memory one.
    pub async fn build_with_sender(
        settings: Settings,
        sender: Option<Arc<dyn crt_domain::email::EmailSender>>,
    ) -> Result<Self, StartError> {
        let templates = Arc::new(Templates::load()?);
        let letters = Arc::new(crt_mail::letters::LetterBook::embedded()?);
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
        let mail = Arc::new(MailState {
            letters,
            links: crt_mail::UnsubscribeLinks::from_settings(&settings),
            sender,
            wake: Default::default(),
        });
        let state = AppState {
            mail,
            db,
            settings: Arc::new(settings),
            templates,
            clock: Arc::new(SystemClock),
            catalog: Default::default(),
            first_page: Default::default(),
        };
        Ok(Self {
            acceptor,
            port,
            state,
        })
    }

    /// The database the app uses (tests inspect it).
    pub fn db(&self) -> Db {
        self.state.db.clone()
    }

    /// The port actually bound (useful with PORT=0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM or Ctrl-C; in-flight requests get 30 s to finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let purger = tokio::spawn(purge_expired_drafts(self.state.clone()));
        let (stop_mail, stopped) = tokio::sync::watch::channel(false);
        let mailer = email::spawn_worker(&self.state, stopped);
        let templates = self.state.templates.clone();
        let app = routes()
            .data(self.state)
            .with(CatchPanic::new())
            .around(move |ep, req| middleware::decorate(ep, req, templates.clone()));
        let result = Server::new_with_acceptor(self.acceptor)
            .run_with_graceful_shutdown(app, shutdown_signal(), Some(Duration::from_secs(30)))
            .await;
        purger.abort();
        // Let the worker finish the mail in hand (a cut-off send is retried
        // after its lease anyway).
        let _ = stop_mail.send(true);
        if let Some(task) = mailer {
            let _ = tokio::time::timeout(Duration::from_secs(20), task).await;
        }
        result
    }
}

/// Deletes expired wizard drafts every hour (also `crt-admin drafts purge`
/// later). Several instances doing this at once is harmless.
async fn purge_expired_drafts(state: AppState) {
    use crt_domain::ports::DraftRepository;
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match state.db.purge_expired_drafts(state.clock.now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "purged expired drafts"),
            Err(e) => tracing::warn!(error = %e, "could not purge expired drafts"),
        }
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
        .at("/report/", get(report_form::show).post(report_form::post))
        .at("/report", get(redirect_to_report))
        .at("/report/confirmation/", get(report_form::confirmation))
        .at("/static/*path", get(assets::serve))
        .at("/email/webhook/", poem::post(email::webhook))
        .at(
            "/email/unsubscribe/",
            get(email::unsubscribe_form).post(email::unsubscribe),
        )
        .at(
            "/accounts/login/",
            get(staff::auth::login_form).post(staff::auth::login),
        )
        .at("/accounts/logout/", poem::post(staff::auth::logout))
        .nest("/form", staff::routes())
}

#[handler]
fn redirect_to_report() -> poem::Response {
    poem::Response::builder()
        .status(StatusCode::MOVED_PERMANENTLY)
        .header("location", "/report/")
        .finish()
}

#[handler]
fn landing(state: Data<&AppState>) -> poem::Response {
    use crt_domain::{choice::Choice, report::PrimaryComplaint};
    let mut ctx = tera::Context::new();
    let concerns: Vec<_> = PrimaryComplaint::ALL
        .iter()
        .map(|p| serde_json::json!({"value": p.value(), "label": p.label()}))
        .collect();
    ctx.insert("concerns", &concerns);
    ctx.insert("page_title", "Contact the Civil Rights Division");
    match state.templates.render("landing.html", &ctx) {
        Ok(html) => Html(html).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
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

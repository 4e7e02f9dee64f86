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
    EndpointExt, Route, Server, get,
    http::StatusCode,
    listener::{Acceptor, Listener, TcpAcceptor, TcpListener},
    middleware::{CatchPanic, CookieJarManager},
};

pub mod api;
mod assets;
mod catalog_cache;
mod challenge;
pub mod compose;
mod connections;
mod csrf;
mod email;
mod error;
mod extract;
mod form_body;
pub mod lang;
mod middleware;
mod notify;
mod pages;
mod report_form;
mod services;
mod session;
/// The settings (see `crt-settings`).
pub mod settings {
    pub use crt_settings::*;
}
pub mod staff;
mod templates;
mod view;
mod words;

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
    /// The blank first step, rendered once per catalog and language (see
    /// `report_form`).
    pub first_page: Arc<std::sync::RwLock<Vec<FirstPage>>>,
    /// The virus scanner's last answer to `/health` and when (asked at
    /// most every 15 s: load balancers call `/health` often).
    pub scanner_health: Arc<std::sync::Mutex<Option<(std::time::Instant, bool)>>>,
    /// E-mail: letters, unsubscribe links, and the sender when enabled.
    pub mail: Arc<MailState>,
    /// The use cases.
    pub services: Arc<services::Services>,
    /// The hotline intake forms (`INTAKE_HOTLINE_FORMS`).
    pub hotline_forms: Arc<Vec<crt_domain::intake::HotlineForm>>,
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

/// A cached blank first page: its language, the catalog it was rendered
/// with, and the page.
pub type FirstPage = (
    &'static str,
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
    /// A message file does not load.
    #[error("messages: {0}")]
    Messages(#[from] crt_i18n::LoadError),
    /// A letter is broken.
    #[error(transparent)]
    Letters(#[from] crt_mail::letters::LetterError),
    /// The e-mail settings cannot make a sender.
    #[error("e-mail: {0}")]
    Mail(String),
    /// A hotline form of `INTAKE_HOTLINE_FORMS` is wrong.
    #[error("INTAKE_HOTLINE_FORMS: {0}")]
    Hotline(String),
    /// The bot challenge's verifier cannot be built.
    #[error("bot challenge: {0}")]
    Challenge(String),
    /// Single sign-on's settings cannot make a provider client.
    #[error("single sign-on: {0}")]
    Sso(String),
    /// The attachments' storage cannot be opened.
    #[error("attachments: {0}")]
    Attachments(String),
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
    acceptor: connections::GuardedAcceptor<TcpAcceptor>,
    port: u16,
    state: AppState,
}

impl Application {
    /// Opens the database and binds `HOST:PORT`; the e-mail sender is the
    /// one the settings choose.
    pub async fn build(settings: Settings) -> Result<Self, StartError> {
        let sender =
            crt_mail::sender_for(&compose::mail_config(&settings)).map_err(StartError::Mail)?;
        Self::build_with_sender(settings, sender).await
    }

    /// The same with a given sender (`None`: e-mail off). Tests pass an
    /// in-memory one.
    pub async fn build_with_sender(
        settings: Settings,
        sender: Option<Arc<dyn crt_domain::email::EmailSender>>,
    ) -> Result<Self, StartError> {
        let hotline_forms =
            Arc::new(compose::hotline_forms(&settings).map_err(StartError::Hotline)?);
        let messages = Arc::new(crt_i18n::Messages::load()?);
        let templates = Arc::new(Templates::load(messages.clone())?);
        let letters = Arc::new(crt_mail::letters::LetterBook::embedded(messages)?);
        let db = Db::connect(settings.database_url.expose()).await?;
        let addr = format!("{}:{}", settings.host, settings.port);
        let acceptor = TcpListener::bind(addr.clone())
            .into_acceptor()
            .await
            .map_err(|source| StartError::Bind {
                addr: addr.clone(),
                source,
            })?;
        let acceptor = connections::GuardedAcceptor::new(
            acceptor,
            settings.max_connections,
            settings.request_header_timeout,
        );
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
            links: crt_mail::UnsubscribeLinks::from_settings(&compose::mail_config(&settings)),
            sender,
            wake: Default::default(),
        });
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let catalog = Arc::<catalog_cache::CatalogCache>::default();
        let challenge: Option<Arc<dyn crt_domain::ports::HumanCheck>> = match &settings.challenge {
            Some(c) => Some(Arc::new(
                challenge::SiteVerify::new(c).map_err(StartError::Challenge)?,
            )),
            None => None,
        };
        let sso = match compose::oidc_config(&settings) {
            Some((config, ca)) => {
                let provider =
                    crt_sso::OidcProvider::new(config, ca.as_deref()).map_err(StartError::Sso)?;
                let policy = compose::group_policy(&settings).map_err(StartError::Sso)?;
                Some((
                    Arc::new(provider) as Arc<dyn crt_domain::ports::IdentityProvider>,
                    policy,
                ))
            }
            None => None,
        };
        let (store, scanner) =
            compose::attachment_adapters(&settings).map_err(StartError::Attachments)?;
        let services = Arc::new(services::Services::new(services::Parts {
            sso,
            passwords: compose::password_sign_in(&settings),
            limits: settings.public_limits,
            repeat_writers: crt_domain::repeat_writers::Thresholds {
                email_reports: settings.repeat_writers.email_reports,
                description_reports: settings.repeat_writers.description_reports,
            },
            challenge,
            db: db.clone(),
            catalog: catalog.clone(),
            clock: clock.clone(),
            letters: Arc::new(crt_mail::staff_letters::StaffLetters::new(
                mail.letters.clone(),
                mail.links.clone(),
                clock.clone(),
            )),
            wake: mail.wake.clone(),
            mail_enabled: mail.enabled(),
            maintenance: settings.maintenance_mode,
            store: store.clone(),
            scanner: scanner.clone(),
            max_attachment_bytes: settings.attachments.max_bytes,
            notices: Arc::new(crt_mail::notices::Notices::new(&settings.site_url)?),
            day_starts: settings.notifications.day_starts_utc,
        }));
        let state = AppState {
            mail,
            db,
            settings: Arc::new(settings),
            templates,
            clock,
            catalog,
            first_page: Default::default(),
            scanner_health: Default::default(),
            services,
            hotline_forms,
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
        let notifier = notify::spawn(&self.state, stopped.clone());
        let mailer = email::spawn_worker(&self.state, stopped);
        let settings = &self.state.settings;
        let csp = middleware::content_security_policy(
            settings.challenge.as_ref().map(|c| c.script_origin()),
            settings
                .sso
                .provider
                .as_ref()
                .map(|p| settings::origin(&p.issuer)),
        );
        let decor = middleware::Decor {
            templates: self.state.templates.clone(),
            deployed: self.state.settings.environment.is_deployed(),
            csp: poem::http::HeaderValue::from_str(&csp).map_err(std::io::Error::other)?,
        };
        let docs = api::DocsAccess {
            staff_only: self.state.settings.environment.is_deployed(),
        };
        let app = routes(docs)
            .data(self.state)
            .with(CookieJarManager::new())
            .with(CatchPanic::new())
            .around(move |ep, req| middleware::decorate(ep, req, decor.clone()));
        let result = Server::new_with_acceptor(self.acceptor)
            // Connections idle between requests are closed after two minutes.
            .idle_timeout(Duration::from_secs(120))
            .run_with_graceful_shutdown(app, shutdown_signal(), Some(Duration::from_secs(30)))
            .await;
        purger.abort();
        // Let the worker finish the mail in hand (a cut-off send is retried
        // after its lease anyway).
        let _ = stop_mail.send(true);
        for task in [mailer, notifier].into_iter().flatten() {
            let _ = tokio::time::timeout(Duration::from_secs(20), task).await;
        }
        result
    }
}

/// Deletes expired wizard drafts, and the public limits' counters older
/// than a day, every hour (also `crt-admin drafts purge`). Several
/// instances doing this at once is harmless.
async fn purge_expired_drafts(state: AppState) {
    use crt_domain::ports::{DraftRepository, RateLimitRepository};
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let now = state.clock.now();
        match state.db.purge_expired_drafts(now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "purged expired drafts"),
            Err(e) => tracing::warn!(error = %e, "could not purge expired drafts"),
        }
        if let Err(e) = state.db.purge_events(now - chrono::Duration::days(1)).await {
            tracing::warn!(error = %e, "could not purge old limit counters");
        }
        if let Err(e) =
            crt_domain::ports::SsoFlowRepository::purge_expired_flows(&state.db, now).await
        {
            tracing::warn!(error = %e, "could not purge expired single sign-on flows");
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

fn routes(docs: api::DocsAccess) -> Route {
    Route::new()
        .nest("/api", api::routes(docs))
        .at("/", get(pages::landing))
        .at("/health", get(pages::health))
        .at("/report/", get(report_form::show).post(report_form::post))
        .at("/report", get(pages::redirect_to_report))
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
        .at("/auth/login", get(staff::sso::login))
        .at("/auth/callback", get(staff::sso::callback))
        .nest("/form", staff::routes())
}

impl AppState {
    /// Renders `template` as an HTML page with `status`.
    ///
    /// Errors: `Internal` if the template fails (logged).
    pub(crate) fn page(
        &self,
        status: StatusCode,
        template: &str,
        ctx: &tera::Context,
    ) -> error::WebResult {
        let html = self.templates.render(template, ctx)?;
        Ok(html_response(status, html))
    }

    /// A public page in `lang`, with the language menu.
    pub(crate) fn page_in(
        &self,
        lang: &str,
        status: StatusCode,
        template: &str,
        ctx: &tera::Context,
    ) -> error::WebResult {
        let html = self.templates.render_in(lang, template, ctx)?;
        Ok(html_response(status, html))
    }

    /// Whether cookies must be Secure (a deployed environment).
    pub(crate) fn secure_cookies(&self) -> bool {
        self.settings.environment.is_deployed()
    }
}

/// An HTML response.
pub(crate) fn html_response(status: StatusCode, html: String) -> poem::Response {
    poem::Response::builder()
        .status(status)
        .content_type("text/html; charset=utf-8")
        .body(html)
}

//! The use-case services the handlers call, built once at start over the
//! adapters (the database, the catalog cache, the letters, the worker's
//! wake-up). Each handler calls one of these; none decides a rule itself.

use std::sync::Arc;

use async_trait::async_trait;
use crt_domain::{
    ports::{Clock, HumanCheck, IdentityProvider, ProtectedClassRepository, RepositoryError},
    protected_class::ProtectedClassCatalog,
    service::{
        ApiTokens, Attachments, BulkChange, ChangeReport, CorrectReport, FileReport, GroupPolicy,
        OutboxWake, PasswordSignIn, PublicLimits, QueueLetter, RateLimits, Retention,
        SaveDraftStep, SavedSearches, SignIn, SingleSignOn, Triage,
    },
};
use crt_persistence::Db;

use crate::catalog_cache::CatalogCache;

/// Every service the web layer calls.
#[derive(Clone)]
pub struct Services {
    /// One step of the public form.
    pub step: SaveDraftStep,
    /// Filing a report.
    pub file: FileReport,
    /// Changing one report.
    pub change: ChangeReport,
    /// Correcting one report's answers.
    pub correct: CorrectReport,
    /// Changing many reports.
    pub bulk: BulkChange,
    /// Writing to a complainant.
    pub letters: QueueLetter,
    /// Staff sign-in and sessions.
    pub sign_in: SignIn,
    /// Single sign-on, where it is on.
    pub sso: Option<SingleSignOn>,
    /// Personal API tokens (the API's Bearer authentication).
    pub api_tokens: ApiTokens,
    /// Staff attachments.
    pub attachments: Attachments,
    /// Retention schedules and disposal batches.
    pub retention: Retention,
    /// Tags, repeat writers and the list's counts.
    pub triage: Triage,
    /// Saved searches.
    pub saved: SavedSearches,
    /// Staff notifications.
    pub notifications: crt_domain::service::Notifications,
    /// Shared saved searches' automatic actions.
    pub actions: crt_domain::service::AutomaticActions,
}

/// The catalog through the one-minute cache.
pub struct CachedCatalog {
    db: Db,
    cache: Arc<CatalogCache>,
}

#[async_trait]
impl ProtectedClassRepository for CachedCatalog {
    async fn catalog(&self) -> Result<ProtectedClassCatalog, RepositoryError> {
        Ok((*self.cache.get(&self.db).await?).clone())
    }
}

/// Wakes the outbox worker of this process.
pub struct NotifyWake(pub Arc<tokio::sync::Notify>);

impl OutboxWake for NotifyWake {
    fn wake(&self) {
        self.0.notify_one();
    }
}

/// What the services are built from.
pub struct Parts {
    /// The database.
    pub db: Db,
    /// The catalog cache the pages use too.
    pub catalog: Arc<CatalogCache>,
    /// The time.
    pub clock: Arc<dyn Clock>,
    /// The letters, rendered with unsubscribe links.
    pub letters: Arc<crt_mail::staff_letters::StaffLetters>,
    /// The worker's wake-up.
    pub wake: Arc<tokio::sync::Notify>,
    /// Whether an e-mail backend is configured.
    pub mail_enabled: bool,
    /// `MAINTENANCE_MODE`.
    pub maintenance: bool,
    /// `PUBLIC_SUBMIT_LIMIT` and the other limits on the public.
    pub limits: crt_settings::PublicLimitSettings,
    /// `REPEAT_WRITER_*`.
    pub repeat_writers: crt_domain::repeat_writers::Thresholds,
    /// The bot challenge, when configured.
    pub challenge: Option<Arc<dyn HumanCheck>>,
    /// The identity provider and who it lets in, where single sign-on is on.
    pub sso: Option<(Arc<dyn IdentityProvider>, GroupPolicy)>,
    /// Which password sign-ins are accepted.
    pub passwords: PasswordSignIn,
    pub store: Arc<dyn crt_domain::ports::AttachmentStore>,
    pub scanner: Arc<dyn crt_domain::ports::VirusScanner>,
    pub max_attachment_bytes: u64,
    /// The notices' words.
    pub notices: Arc<dyn crt_domain::service::NoticeRenderer>,
    /// `NOTIFICATIONS_DAY_STARTS_UTC`.
    pub day_starts: u32,
}

impl Services {
    /// Wires every service.
    pub fn new(p: Parts) -> Self {
        let db = Arc::new(p.db.clone());
        let catalog: Arc<dyn ProtectedClassRepository> = Arc::new(CachedCatalog {
            db: p.db,
            cache: p.catalog,
        });
        let wake: Arc<dyn OutboxWake> = Arc::new(NotifyWake(p.wake));
        let triage = Triage {
            repo: db.clone(),
            thresholds: p.repeat_writers,
            clock: p.clock.clone(),
        };
        let file = FileReport {
            triage: Some(triage.clone()),
            drafts: db.clone(),
            reports: db.clone(),
            catalog: catalog.clone(),
            wake: wake.clone(),
            limits: RateLimits {
                events: db.clone(),
                limits: PublicLimits {
                    reports_per_hour: p.limits.reports_per_hour,
                    drafts_per_hour: p.limits.drafts_per_hour,
                    auto_responses_per_day: p.limits.auto_responses_per_day,
                },
                clock: p.clock.clone(),
            },
            clock: p.clock.clone(),
        };
        Self {
            step: SaveDraftStep {
                drafts: db.clone(),
                catalog: catalog.clone(),
                file: file.clone(),
                clock: p.clock.clone(),
                maintenance: p.maintenance,
                challenge: p.challenge,
            },
            file,
            change: ChangeReport {
                reports: db.clone(),
                clock: p.clock.clone(),
            },
            correct: CorrectReport {
                reports: db.clone(),
                catalog: catalog.clone(),
                clock: p.clock.clone(),
            },
            bulk: BulkChange {
                reports: db.clone(),
                clock: p.clock.clone(),
            },
            letters: QueueLetter {
                outbox: db.clone(),
                letters: p.letters,
                wake,
                clock: p.clock.clone(),
                mail_enabled: p.mail_enabled,
            },
            sign_in: SignIn {
                users: db.clone(),
                sessions: db.clone(),
                clock: p.clock.clone(),
                passwords: p.passwords,
            },
            sso: p.sso.map(|(provider, policy)| SingleSignOn {
                provider,
                flows: db.clone(),
                users: db.clone(),
                sessions: db.clone(),
                clock: p.clock.clone(),
                policy,
            }),
            actions: crt_domain::service::AutomaticActions {
                searches: db.clone(),
                reports: db.clone(),
                places: db.clone(),
                clock: p.clock.clone(),
            },
            notifications: crt_domain::service::Notifications {
                repo: db.clone(),
                reports: db.clone(),
                counts: db.clone(),
                renderer: p.notices,
                clock: p.clock.clone(),
                day_starts: p.day_starts,
            },
            triage,
            saved: SavedSearches {
                repo: db.clone(),
                clock: p.clock.clone(),
            },
            retention: Retention {
                repo: db.clone(),
                store: p.store.clone(),
                clock: p.clock.clone(),
            },
            attachments: Attachments {
                repo: db.clone(),
                store: p.store,
                scanner: p.scanner,
                clock: p.clock.clone(),
                max_bytes: p.max_attachment_bytes,
            },
            api_tokens: ApiTokens {
                users: db.clone(),
                tokens: db,
                clock: p.clock,
            },
        }
    }
}

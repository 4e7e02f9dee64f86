//! Typed settings, read once at start from environment variables, with
//! Cloud Foundry's `VCAP_SERVICES` as a fallback (user-provided credentials
//! such as SECRET_KEY or TMS_AUTH_TOKEN, and the bound database's URI). A
//! missing or malformed value is a start-up error naming the variable.
//! Secrets are never printed (`Debug` hides them). Used by `crt-portal` and
//! by `crt-admin` (`check-config`, and the database URL of every command).
//!
//! Depends on no workspace crate: the composition roots (`crt-web`,
//! `crt-admin`) turn these settings into each adapter's own configuration.
//!
//! - [`VARIABLES`]: the one table of the variables read (name, meaning,
//!   secret or not, default);
//! - [`Settings::from_env`]: all of them; [`database_url_from_env`]: just
//!   the database URL, resolved the same way (for commands that need only
//!   the database).

use std::net::IpAddr;

mod attachments;
mod env;
mod mail;
mod net;
mod notifications;
mod secret;
mod sso;
mod vars;

pub use attachments::{AttachmentSettings, AttachmentStorage};
use env::{Lookup, parse_bool, parse_trimmed, problem};
pub use mail::{EmailState, MailSettings};
pub use net::NetList;
pub use notifications::NotificationSettings;
pub use secret::{Secret, redact_url};
pub use sso::{CaBundle, OidcSettings, SsoSettings};
pub use vars::{DEFAULT_DATABASE_URL, KNOWN, VARIABLES, Variable, variable};

/// Which environment this instance runs in (`ENV`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    /// A developer's machine (`ENV` unset or `LOCAL`).
    Local,
    /// The CI or an automated test run (`TEST`).
    Test,
    /// `DEVELOP`/`DEV`.
    Develop,
    /// `STAGE`/`STAGING`.
    Stage,
    /// `PRODUCTION`/`PROD`.
    Production,
}

impl Environment {
    /// Whether this is a deployed environment (cookies Secure, secrets required).
    pub fn is_deployed(self) -> bool {
        matches!(self, Self::Develop | Self::Stage | Self::Production)
    }

    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        match text.trim().to_ascii_uppercase().as_str() {
            "" | "LOCAL" | "UNDEFINED" => Ok(Self::Local),
            "TEST" | "CI" => Ok(Self::Test),
            "DEV" | "DEVELOP" | "DEVELOPMENT" => Ok(Self::Develop),
            "STAGE" | "STAGING" => Ok(Self::Stage),
            "PROD" | "PRODUCTION" => Ok(Self::Production),
            other => Err(format!(
                "{other:?} is not LOCAL, TEST, DEVELOP, STAGE or PRODUCTION"
            )),
        }
    }
}

/// Why settings could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{variable}: {problem}")]
pub struct SettingsError {
    /// The environment variable.
    pub variable: &'static str,
    /// What is wrong with it.
    pub problem: String,
}

/// Everything the server reads from its environment.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `ENV`
    pub environment: Environment,
    /// `HOST` (default 127.0.0.1)
    pub host: IpAddr,
    /// `PORT` (default 8000; 0 picks a free port)
    pub port: u16,
    /// `DATABASE_URL` (default: SQLite under ./data/)
    pub database_url: Secret,
    /// `SECRET_KEY` (required in deployed environments)
    pub secret_key: Secret,
    /// `MAINTENANCE_MODE`
    pub maintenance_mode: bool,
    /// Which e-mail backend the settings make possible, and what is missing.
    pub email: EmailState,
    /// E-mail details (backend settings, recipient policy, webhook nets).
    pub mail: MailSettings,
    /// `TRUSTED_PROXY_NETS`: direct peers whose `X-Forwarded-For` is believed
    /// (default: none, so the client address is the TCP peer's).
    pub trusted_proxies: NetList,
    /// `SITE_URL`: the portal's public address, for links in letters
    /// (required when deployed; locally `http://HOST:PORT`).
    pub site_url: String,
    /// `REQUEST_HEADER_TIMEOUT`: how long a client may take to send a
    /// request's headers once it starts (slow-client protection).
    pub request_header_timeout: std::time::Duration,
    /// `MAX_CONNECTIONS`: connections served at once.
    pub max_connections: usize,
    /// `PUBLIC_SUBMIT_LIMIT`, `PUBLIC_DRAFT_LIMIT`, `AUTO_RESPONSE_LIMIT`.
    pub public_limits: PublicLimitSettings,
    /// `REPEAT_WRITER_EMAIL_REPORTS`, `REPEAT_WRITER_DESCRIPTION_REPORTS`.
    pub repeat_writers: RepeatWriterSettings,
    /// `NOTIFICATIONS_INTERVAL`, `NOTIFICATIONS_DAY_STARTS_UTC`.
    pub notifications: NotificationSettings,
    /// The bot challenge on the form's first step (`CHALLENGE_*`), if on.
    pub challenge: Option<ChallengeSettings>,
    /// Single sign-on (`AUTH_*`): where it is on, and the provider when it
    /// is on here.
    pub sso: SsoSettings,
    /// `API_ANONYMOUS_FILING`: anonymous `POST /api/reports` allowed.
    pub api_anonymous_filing: bool,
    /// `INTAKE_HOTLINE_FORMS`: the hotline intake forms, as given (checked
    /// as a JSON list here; each form's codes are checked at start).
    pub hotline_forms: Option<Vec<HotlineFormSetting>>,
    /// Staff attachments: storage, size limit, virus scanner.
    pub attachments: AttachmentSettings,
    /// Where each value came from ("environment" or "VCAP_SERVICES"), by variable.
    pub sources: Vec<(&'static str, &'static str)>,
}

impl Settings {
    /// Reads settings from the process environment.
    pub fn from_env() -> Result<Self, SettingsError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `env` (tests pass a map), falling back on
    /// `VCAP_SERVICES` for variables the environment does not set.
    pub fn from_lookup(env: impl Fn(&str) -> Option<String>) -> Result<Self, SettingsError> {
        let lookup = Lookup::new(&env)?;
        let environment = lookup.required_var("ENV", Environment::parse)?;
        let host: IpAddr = lookup.required_var("HOST", |h| {
            parse_trimmed(h, || {
                format!("{h:?} is not an IP address (e.g. 127.0.0.1 or 0.0.0.0)")
            })
        })?;
        // A deployment that forgot ENV would run as a laptop: the published
        // development key, no Secure cookies, the debug aid on.
        if !lookup.is_set("ENV") && !host.is_loopback() {
            return Err(problem(
                "ENV",
                format!(
                    "is not set, and HOST={host} listens beyond this machine: set ENV to PRODUCTION, STAGE or DEVELOP (or LOCAL to serve a development copy on the network on purpose)"
                ),
            ));
        }
        let port = lookup.required_var("PORT", |p| {
            parse_trimmed(p, || format!("{p:?} is not a port number (0-65535)"))
        })?;
        let database_url = database_url(&lookup);
        let secret_key = secret_key(&lookup, environment)?;
        let maintenance_mode = lookup.required_var("MAINTENANCE_MODE", parse_bool)?;
        let (email, mail) = mail::read(&lookup, environment.is_deployed())?;
        let trusted_proxies = lookup
            .var("TRUSTED_PROXY_NETS", |v| {
                NetList::parse("TRUSTED_PROXY_NETS", v).map_err(|e| e.problem)
            })?
            .unwrap_or_default();
        let site_url = site_url(&lookup, environment, host, port)?;
        let sso = sso::read(&lookup, environment, &site_url)?;
        let request_header_timeout = lookup.required_var("REQUEST_HEADER_TIMEOUT", |v| {
            match parse_trimmed::<u64>(v, || format!("{v:?} is not a number of seconds"))? {
                0 => Err("must be at least 1 second".to_owned()),
                n => Ok(std::time::Duration::from_secs(n)),
            }
        })?;
        let max_connections = lookup.required_var("MAX_CONNECTIONS", |v| {
            match parse_trimmed::<usize>(v, || format!("{v:?} is not a number"))? {
                0 => Err("must be at least 1".to_owned()),
                n => Ok(n),
            }
        })?;
        let count = |v: &str| {
            parse_trimmed::<u64>(v, || format!("{v:?} is not a whole number (0: no limit)"))
        };
        let public_limits = PublicLimitSettings {
            reports_per_hour: lookup.required_var("PUBLIC_SUBMIT_LIMIT", count)?,
            drafts_per_hour: lookup.required_var("PUBLIC_DRAFT_LIMIT", count)?,
            auto_responses_per_day: lookup.required_var("AUTO_RESPONSE_LIMIT", count)?,
        };
        let repeat_writers = repeat_writers(&lookup)?;
        let notifications = notifications::read(&lookup)?;
        let challenge = challenge(&lookup, environment.is_deployed())?;
        let api_anonymous_filing = lookup.required_var("API_ANONYMOUS_FILING", parse_bool)?;
        let hotline_forms = lookup.var("INTAKE_HOTLINE_FORMS", |v| {
            serde_json::from_str::<Vec<HotlineFormSetting>>(v).map_err(|e| {
                format!(
                    "is not a JSON list of forms like [{{\"name\": \"voting\", \"title\": \"Voting hotline\", \"section\": \"VOT\", \"primary_complaint\": \"voting\"}}]: {e}"
                )
            })
        })?;
        let attachments = attachments::read(&lookup, environment.is_deployed())?;
        Ok(Self {
            attachments,
            api_anonymous_filing,
            hotline_forms,
            environment,
            host,
            port,
            database_url,
            secret_key,
            maintenance_mode,
            email,
            mail,
            trusted_proxies,
            site_url,
            request_header_timeout,
            max_connections,
            public_limits,
            repeat_writers,
            notifications,
            challenge,
            sso,
            sources: lookup.into_sources(),
        })
    }
}

/// One hotline intake form as `INTAKE_HOTLINE_FORMS` gives it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HotlineFormSetting {
    /// The URL segment: `/form/new/phone/<name>/`.
    pub name: String,
    /// The page title.
    pub title: String,
    /// The section code every report goes to.
    pub section: String,
    /// The preset primary concern, if any.
    #[serde(default)]
    pub primary_complaint: Option<String>,
    /// Optional questions left out (default: postal and street addresses).
    #[serde(default)]
    pub hidden: Option<Vec<String>>,
}

/// How much the public may do; 0 turns a limit off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicLimitSettings {
    /// `PUBLIC_SUBMIT_LIMIT`: reports filed per client network per hour.
    pub reports_per_hour: u64,
    /// `PUBLIC_DRAFT_LIMIT`: reports started per client network per hour.
    pub drafts_per_hour: u64,
    /// `AUTO_RESPONSE_LIMIT`: auto-responses per recipient per day.
    pub auto_responses_per_day: u64,
}

/// When reports are flagged as a repeat writer's; 0 turns a test off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RepeatWriterSettings {
    /// `REPEAT_WRITER_EMAIL_REPORTS`: reports with one contact e-mail.
    pub email_reports: u64,
    /// `REPEAT_WRITER_DESCRIPTION_REPORTS`: reports with one description.
    pub description_reports: u64,
}

/// A Turnstile-compatible bot challenge.
#[derive(Clone, Debug)]
pub struct ChallengeSettings {
    /// `CHALLENGE_SITE_KEY`: public, put in the page.
    pub site_key: String,
    /// `CHALLENGE_SECRET_KEY`: sent to the verifier only.
    pub secret_key: Secret,
    /// `CHALLENGE_VERIFY_URL`.
    pub verify_url: String,
    /// `CHALLENGE_SCRIPT_URL`.
    pub script_url: String,
}

impl ChallengeSettings {
    /// The script's origin (`https://host[:port]`), for the
    /// Content-Security-Policy.
    pub fn script_origin(&self) -> &str {
        origin(&self.script_url)
    }
}

/// `scheme://authority` of an http(s) URL.
pub fn origin(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    &url[..end]
}

fn challenge(
    lookup: &Lookup<'_>,
    deployed: bool,
) -> Result<Option<ChallengeSettings>, SettingsError> {
    let site = lookup
        .get("CHALLENGE_SITE_KEY")
        .map(|v| v.trim().to_owned());
    let secret = lookup
        .get("CHALLENGE_SECRET_KEY")
        .map(|v| v.trim().to_owned());
    let (site_key, secret_key) = match (site, secret) {
        (None, None) => return Ok(None),
        (Some(s), Some(k)) => (s, k),
        (Some(_), None) => {
            return Err(problem(
                "CHALLENGE_SECRET_KEY",
                "is required with CHALLENGE_SITE_KEY (the challenge cannot be verified without it)",
            ));
        }
        (None, Some(_)) => {
            return Err(problem(
                "CHALLENGE_SITE_KEY",
                "is required with CHALLENGE_SECRET_KEY (the page cannot show the challenge without it)",
            ));
        }
    };
    let url = |name: &'static str| {
        lookup.required_var(name, |v| {
            let v = v.trim();
            if v.starts_with("https://") || (!deployed && v.starts_with("http://")) {
                Ok(v.to_owned())
            } else if deployed {
                Err(format!("{v:?} must start with https:// when deployed"))
            } else {
                Err(format!("{v:?} must start with https:// or http://"))
            }
        })
    };
    Ok(Some(ChallengeSettings {
        site_key,
        secret_key: Secret(secret_key),
        verify_url: url("CHALLENGE_VERIFY_URL")?,
        script_url: url("CHALLENGE_SCRIPT_URL")?,
    }))
}

/// The database URL alone, resolved exactly as [`Settings::from_env`] does
/// (`DATABASE_URL`, then `VCAP_SERVICES`: a user-provided `DATABASE_URL`
/// credential or the bound PostgreSQL service's URI, then
/// [`DEFAULT_DATABASE_URL`]), whatever the other settings say.
///
/// Errors: `VCAP_SERVICES` is set but malformed.
pub fn database_url_from_env() -> Result<Secret, SettingsError> {
    database_url_from_lookup(|k| std::env::var(k).ok())
}

/// As [`database_url_from_env`], through `env`.
///
/// Errors: `VCAP_SERVICES` is set but malformed.
pub fn database_url_from_lookup(
    env: impl Fn(&str) -> Option<String>,
) -> Result<Secret, SettingsError> {
    Ok(database_url(&Lookup::new(&env)?))
}

/// `REPEAT_WRITER_*` alone (for `crt-admin repeat-writers refresh`,
/// whatever the other settings say).
///
/// Errors: a value is not a whole number, or `VCAP_SERVICES` is malformed.
pub fn repeat_writers_from_env() -> Result<RepeatWriterSettings, SettingsError> {
    let env = |k: &str| std::env::var(k).ok();
    repeat_writers(&Lookup::new(&env)?)
}

fn repeat_writers(lookup: &Lookup<'_>) -> Result<RepeatWriterSettings, SettingsError> {
    let count =
        |v: &str| parse_trimmed::<u64>(v, || format!("{v:?} is not a whole number (0: off)"));
    Ok(RepeatWriterSettings {
        email_reports: lookup.required_var("REPEAT_WRITER_EMAIL_REPORTS", count)?,
        description_reports: lookup.required_var("REPEAT_WRITER_DESCRIPTION_REPORTS", count)?,
    })
}

fn database_url(lookup: &Lookup<'_>) -> Secret {
    Secret(
        lookup
            .get("DATABASE_URL")
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
    )
}

fn secret_key(lookup: &Lookup<'_>, environment: Environment) -> Result<Secret, SettingsError> {
    match lookup.get("SECRET_KEY").filter(|k| !k.trim().is_empty()) {
        Some(k) if k.len() < 32 => Err(problem("SECRET_KEY", "must be at least 32 characters")),
        Some(k) => Ok(Secret(k)),
        None if environment.is_deployed() => Err(problem(
            "SECRET_KEY",
            "is required outside ENV=LOCAL/TEST (at least 32 random characters)",
        )),
        // Local only: a fixed development key, never used when deployed.
        None => Ok(Secret(
            "local-development-key-not-for-deployed-environments".to_owned(),
        )),
    }
}

fn site_url(
    lookup: &Lookup<'_>,
    environment: Environment,
    host: IpAddr,
    port: u16,
) -> Result<String, SettingsError> {
    let site_url = match lookup.get("SITE_URL") {
        Some(u) => u.trim().trim_end_matches('/').to_owned(),
        // Links in letters must reach the public site, not the listener.
        None if environment.is_deployed() => {
            return Err(problem(
                "SITE_URL",
                "is required outside ENV=LOCAL/TEST: the portal's public address, e.g. https://civilrights.justice.gov (links in letters use it)",
            ));
        }
        None => format!("http://{host}:{port}"),
    };
    if !(site_url.starts_with("https://") || site_url.starts_with("http://")) {
        return Err(problem(
            "SITE_URL",
            format!("{site_url:?} must start with https:// or http://"),
        ));
    }
    Ok(site_url)
}

#[cfg(test)]
mod tests;

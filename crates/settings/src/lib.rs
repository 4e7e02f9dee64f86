//! Typed settings, read once at start from environment variables, with
//! Cloud Foundry's `VCAP_SERVICES` as a fallback (user-provided credentials
//! such as SECRET_KEY or TMS_AUTH_TOKEN, and the bound database's URI). A
//! missing or malformed value is a start-up error naming the variable.
//! Secrets are never printed (`Debug` hides them). Used by `crt-portal` and
//! by `crt-admin check-config`.

use std::{fmt, net::IpAddr};

use crt_persistence::DEFAULT_DATABASE_URL;

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

/// A secret value: usable, never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The value, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
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
    /// Whether single sign-on settings (`AUTH_CLIENT_ID`, `AUTH_SERVER`) are present.
    pub sso_configured: bool,
    /// Where each value came from ("environment" or "VCAP_SERVICES"), by variable.
    pub sources: Vec<(&'static str, &'static str)>,
}

/// What the e-mail settings allow (the e-mail issue builds the senders).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmailState {
    /// TMS token, endpoint and webhook nets are all set.
    Tms,
    /// No TMS, but an SMTP host (e.g. MailHog) is set.
    Smtp {
        /// EMAIL_HOST
        host: String,
    },
    /// E-mail is off; these variables would turn it on.
    Off {
        /// What is missing.
        missing: Vec<&'static str>,
    },
}

/// The e-mail settings.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// `TMS_TARGET_ENDPOINT`
    pub tms_endpoint: Option<String>,
    /// `TMS_AUTH_TOKEN`
    pub tms_token: Option<Secret>,
    /// `TMS_WEBHOOK_ALLOWED_CIDR_NETS` (default: nobody)
    pub webhook_nets: NetList,
    /// `EMAIL_HOST` (SMTP)
    pub smtp_host: Option<String>,
    /// `EMAIL_PORT` (default 1025, MailHog's)
    pub smtp_port: u16,
    /// `EMAIL_FROM` (SMTP's From; TMS uses its account's)
    pub from: String,
    /// `RESTRICT_EMAIL_RECIPIENTS_TO` as given (`;`-separated; empty = anyone)
    pub restrict_recipients_to: String,
    /// `EMAIL_WORKER` (default on): whether this instance sends queued mail
    /// itself; off leaves it to `crt-admin mail send-pending` or another
    /// instance.
    pub worker: bool,
}

/// A `;`-separated list of networks (`10.0.0.0/8;2001:db8::/32`), a bare
/// address meaning just it, or `*` for any address.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum NetList {
    /// `*`
    Any,
    /// These networks (empty: nobody).
    #[default]
    None,
    /// These networks.
    Nets(Vec<ipnet::IpNet>),
}

impl NetList {
    /// Parses the list; `variable` names it in the error.
    pub fn parse(variable: &'static str, text: &str) -> Result<Self, SettingsError> {
        let items: Vec<&str> = text
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if items.is_empty() {
            return Ok(Self::None);
        }
        if items.contains(&"*") {
            return Ok(Self::Any);
        }
        let mut nets = Vec::new();
        for item in items {
            let net = item
                .parse::<ipnet::IpNet>()
                .or_else(|_| item.parse::<IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| SettingsError {
                    variable,
                    problem: format!(
                        "{item:?} is not a network like 10.0.0.0/8 or 2001:db8::/32 (or * for any)"
                    ),
                })?;
            nets.push(net.trunc());
        }
        Ok(Self::Nets(nets))
    }

    /// Whether `ip` is inside (an IPv4-mapped IPv6 address counts as IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match self {
            Self::Any => true,
            Self::None => false,
            Self::Nets(nets) => nets.iter().any(|n| n.contains(&ip)),
        }
    }

    /// Whether the list admits nobody.
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::None)
    }
}

impl fmt::Display for NetList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Any => f.write_str("* (any address)"),
            Self::None => f.write_str("(none)"),
            Self::Nets(n) => {
                let v: Vec<String> = n.iter().map(ToString::to_string).collect();
                f.write_str(&v.join("; "))
            }
        }
    }
}

/// Values found in `VCAP_SERVICES`.
#[derive(Default)]
struct Vcap {
    credentials: Vec<(String, String)>,
    database_uri: Option<String>,
}

fn parse_vcap(text: &str) -> Result<Vcap, SettingsError> {
    let bad = |problem: &str| SettingsError {
        variable: "VCAP_SERVICES",
        problem: problem.to_owned(),
    };
    let json: serde_json::Value =
        serde_json::from_str(text).map_err(|e| bad(&format!("not JSON: {e}")))?;
    let services = json
        .as_object()
        .ok_or_else(|| bad("must be a JSON object of service lists"))?;
    let mut vcap = Vcap::default();
    for (kind, list) in services {
        for service in list.as_array().into_iter().flatten() {
            let Some(creds) = service.get("credentials").and_then(|c| c.as_object()) else {
                continue;
            };
            if kind == "user-provided" {
                for (k, v) in creds {
                    if let Some(v) = v.as_str() {
                        vcap.credentials.push((k.clone(), v.to_owned()));
                    }
                }
            } else if let Some(uri) = creds.get("uri").and_then(|u| u.as_str())
                && (uri.starts_with("postgres://") || uri.starts_with("postgresql://"))
                && vcap.database_uri.is_none()
            {
                vcap.database_uri = Some(uri.to_owned());
            }
        }
    }
    Ok(vcap)
}

fn parse_bool(variable: &'static str, v: &str) -> Result<bool, SettingsError> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" | "" => Ok(false),
        _ => Err(SettingsError {
            variable,
            problem: format!("{v:?} is not True/False/1/0"),
        }),
    }
}

impl Settings {
    /// Reads settings from the process environment.
    pub fn from_env() -> Result<Self, SettingsError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `env` (tests pass a map), falling back on
    /// `VCAP_SERVICES` for variables the environment does not set.
    pub fn from_lookup(env: impl Fn(&str) -> Option<String>) -> Result<Self, SettingsError> {
        let vcap = match env("VCAP_SERVICES").filter(|v| !v.trim().is_empty()) {
            Some(text) => parse_vcap(&text)?,
            None => Vcap::default(),
        };
        let sources = std::cell::RefCell::new(Vec::new());
        let get = |k: &str| -> Option<String> {
            let key: &'static str = KNOWN.iter().find(|n| **n == k).copied().unwrap_or("OTHER");
            if let Some(v) = env(k).filter(|v| !v.trim().is_empty()) {
                sources.borrow_mut().push((key, "environment"));
                return Some(v);
            }
            let from_vcap = vcap
                .credentials
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.clone())
                .or_else(|| {
                    (k == "DATABASE_URL")
                        .then(|| vcap.database_uri.clone())
                        .flatten()
                });
            if from_vcap.is_some() {
                sources.borrow_mut().push((key, "VCAP_SERVICES"));
            }
            from_vcap
        };
        let environment = match get("ENV")
            .unwrap_or_default()
            .trim()
            .to_ascii_uppercase()
            .as_str()
        {
            "" | "LOCAL" | "UNDEFINED" => Environment::Local,
            "TEST" | "CI" => Environment::Test,
            "DEV" | "DEVELOP" | "DEVELOPMENT" => Environment::Develop,
            "STAGE" | "STAGING" => Environment::Stage,
            "PROD" | "PRODUCTION" => Environment::Production,
            other => {
                return Err(SettingsError {
                    variable: "ENV",
                    problem: format!("{other:?} is not LOCAL, TEST, DEVELOP, STAGE or PRODUCTION"),
                });
            }
        };
        let host = match get("HOST") {
            None => IpAddr::from([127, 0, 0, 1]),
            Some(h) => h.trim().parse().map_err(|_| SettingsError {
                variable: "HOST",
                problem: format!("{h:?} is not an IP address (e.g. 127.0.0.1 or 0.0.0.0)"),
            })?,
        };
        let port = match get("PORT") {
            None => 8000,
            Some(p) => p.trim().parse().map_err(|_| SettingsError {
                variable: "PORT",
                problem: format!("{p:?} is not a port number (0-65535)"),
            })?,
        };
        let database_url = get("DATABASE_URL")
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        let secret_key = match get("SECRET_KEY").filter(|k| !k.trim().is_empty()) {
            Some(k) if k.len() < 32 => {
                return Err(SettingsError {
                    variable: "SECRET_KEY",
                    problem: "must be at least 32 characters".into(),
                });
            }
            Some(k) => k,
            None if environment.is_deployed() => {
                return Err(SettingsError {
                    variable: "SECRET_KEY",
                    problem: "is required outside ENV=LOCAL/TEST (at least 32 random characters)"
                        .into(),
                });
            }
            // Local only: a fixed development key, never used when deployed.
            None => "local-development-key-not-for-deployed-environments".to_owned(),
        };
        let maintenance_mode = match get("MAINTENANCE_MODE") {
            None => false,
            Some(v) => parse_bool("MAINTENANCE_MODE", &v)?,
        };
        let tms = [
            "TMS_AUTH_TOKEN",
            "TMS_TARGET_ENDPOINT",
            "TMS_WEBHOOK_ALLOWED_CIDR_NETS",
        ];
        let missing: Vec<&'static str> = tms.into_iter().filter(|k| get(k).is_none()).collect();
        let email = if missing.is_empty() {
            EmailState::Tms
        } else if let Some(host) = get("EMAIL_HOST") {
            EmailState::Smtp { host }
        } else {
            let mut missing = missing;
            missing.push("EMAIL_HOST (for SMTP instead)");
            EmailState::Off { missing }
        };
        let webhook_nets = match get("TMS_WEBHOOK_ALLOWED_CIDR_NETS") {
            Some(v) => NetList::parse("TMS_WEBHOOK_ALLOWED_CIDR_NETS", &v)?,
            None => NetList::None,
        };
        let trusted_proxies = match get("TRUSTED_PROXY_NETS") {
            Some(v) => NetList::parse("TRUSTED_PROXY_NETS", &v)?,
            None => NetList::None,
        };
        let smtp_port = match get("EMAIL_PORT") {
            None => 1025,
            Some(p) => p.trim().parse().map_err(|_| SettingsError {
                variable: "EMAIL_PORT",
                problem: format!("{p:?} is not a port number"),
            })?,
        };
        let tms_endpoint = get("TMS_TARGET_ENDPOINT").map(|e| e.trim().to_owned());
        if let Some(e) = &tms_endpoint
            && !(e.starts_with("https://") || e.starts_with("http://"))
        {
            return Err(SettingsError {
                variable: "TMS_TARGET_ENDPOINT",
                problem: format!("{e:?} must start with https:// (or http:// for a local fake)"),
            });
        }
        let site_url = match get("SITE_URL") {
            Some(u) => u.trim().trim_end_matches('/').to_owned(),
            // Links in letters must reach the public site, not the listener.
            None if environment.is_deployed() => {
                return Err(SettingsError {
                    variable: "SITE_URL",
                    problem: "is required outside ENV=LOCAL/TEST: the portal's public address, e.g. https://civilrights.justice.gov (links in letters use it)".into(),
                });
            }
            None => format!("http://{host}:{port}"),
        };
        let email_worker = match get("EMAIL_WORKER") {
            None => true,
            Some(v) => parse_bool("EMAIL_WORKER", &v)?,
        };
        if !(site_url.starts_with("https://") || site_url.starts_with("http://")) {
            return Err(SettingsError {
                variable: "SITE_URL",
                problem: format!("{site_url:?} must start with https:// or http://"),
            });
        }
        let mail = MailSettings {
            tms_endpoint,
            tms_token: get("TMS_AUTH_TOKEN").map(Secret),
            webhook_nets,
            smtp_host: get("EMAIL_HOST").map(|h| h.trim().to_owned()),
            smtp_port,
            from: get("EMAIL_FROM")
                .unwrap_or_else(|| "Civil Rights Division <no-reply@crt-portal.localhost>".into()),
            restrict_recipients_to: get("RESTRICT_EMAIL_RECIPIENTS_TO").unwrap_or_default(),
            worker: email_worker,
        };
        let sso_configured = get("AUTH_CLIENT_ID").is_some() && get("AUTH_SERVER").is_some();
        let mut sources = sources.into_inner();
        sources.sort();
        sources.dedup();
        Ok(Self {
            environment,
            host,
            port,
            database_url: Secret(database_url),
            secret_key: Secret(secret_key),
            maintenance_mode,
            email,
            mail,
            trusted_proxies,
            site_url,
            sso_configured,
            sources,
        })
    }
}

/// Every variable the settings read (for `crt-admin check-config`).
pub const KNOWN: &[&str] = &[
    "ENV",
    "HOST",
    "PORT",
    "DATABASE_URL",
    "SECRET_KEY",
    "MAINTENANCE_MODE",
    "TMS_AUTH_TOKEN",
    "TMS_TARGET_ENDPOINT",
    "TMS_WEBHOOK_ALLOWED_CIDR_NETS",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_FROM",
    "RESTRICT_EMAIL_RECIPIENTS_TO",
    "TRUSTED_PROXY_NETS",
    "SITE_URL",
    "EMAIL_WORKER",
    "AUTH_CLIENT_ID",
    "AUTH_SERVER",
];

/// A database URL with its password replaced by `***`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn read(pairs: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_for_a_laptop() {
        let s = read(&[]).unwrap();
        assert_eq!(s.environment, Environment::Local);
        assert_eq!(s.port, 8000);
        assert_eq!(s.host.to_string(), "127.0.0.1");
        assert_eq!(s.database_url.expose(), DEFAULT_DATABASE_URL);
        assert!(!s.maintenance_mode);
    }

    #[test]
    fn bad_values_name_the_variable() {
        assert_eq!(read(&[("PORT", "eighty")]).unwrap_err().variable, "PORT");
        assert_eq!(
            read(&[("HOST", "localhost:80")]).unwrap_err().variable,
            "HOST"
        );
        assert_eq!(read(&[("ENV", "MARS")]).unwrap_err().variable, "ENV");
        assert_eq!(
            read(&[("MAINTENANCE_MODE", "perhaps")])
                .unwrap_err()
                .variable,
            "MAINTENANCE_MODE"
        );
        assert_eq!(
            read(&[("ENV", "PRODUCTION")]).unwrap_err().variable,
            "SECRET_KEY"
        );
        assert_eq!(
            read(&[("SECRET_KEY", "short")]).unwrap_err().variable,
            "SECRET_KEY"
        );
    }

    #[test]
    fn maintenance_mode_spellings() {
        for on in ["True", "true", "1"] {
            assert!(
                read(&[("MAINTENANCE_MODE", on)]).unwrap().maintenance_mode,
                "{on}"
            );
        }
        assert!(
            !read(&[("MAINTENANCE_MODE", "False")])
                .unwrap()
                .maintenance_mode
        );
    }

    #[test]
    fn vcap_services_fill_what_the_environment_does_not_set() {
        let key = "v".repeat(40);
        let vcap = format!(
            r#"{{"user-provided":[{{"name":"crt-secrets","credentials":{{"SECRET_KEY":"{key}","TMS_AUTH_TOKEN":"tok","TMS_TARGET_ENDPOINT":"https://tms.example","TMS_WEBHOOK_ALLOWED_CIDR_NETS":"10.0.0.0/8"}}}}],
               "aws-rds":[{{"name":"crt-db","credentials":{{"uri":"postgres://u:pw@db:5432/crt"}}}}]}}"#
        );
        let s = read(&[
            ("ENV", "PRODUCTION"),
            ("VCAP_SERVICES", &vcap),
            ("PORT", "9000"),
            ("SITE_URL", "https://civilrights.example.gov/"),
        ])
        .unwrap();
        assert_eq!(s.secret_key.expose(), key);
        assert_eq!(s.database_url.expose(), "postgres://u:pw@db:5432/crt");
        assert_eq!(s.email, EmailState::Tms);
        assert!(s.sources.contains(&("SECRET_KEY", "VCAP_SERVICES")));
        assert!(s.sources.contains(&("PORT", "environment")));
        // The environment wins over VCAP_SERVICES.
        let s = read(&[
            ("VCAP_SERVICES", &vcap),
            ("DATABASE_URL", "sqlite://x.sqlite3"),
        ])
        .unwrap();
        assert_eq!(s.database_url.expose(), "sqlite://x.sqlite3");
        assert_eq!(
            read(&[("VCAP_SERVICES", "{not json")])
                .unwrap_err()
                .variable,
            "VCAP_SERVICES"
        );
    }

    #[test]
    fn email_state_and_redaction() {
        assert_eq!(
            read(&[("EMAIL_HOST", "127.0.0.1")]).unwrap().email,
            EmailState::Smtp {
                host: "127.0.0.1".into()
            }
        );
        match read(&[("TMS_AUTH_TOKEN", "t")]).unwrap().email {
            EmailState::Off { missing } => assert!(missing.contains(&"TMS_TARGET_ENDPOINT")),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            redact_url("postgres://u:secret@h:5432/d"),
            "postgres://u:***@h:5432/d"
        );
        assert_eq!(
            redact_url("sqlite://data/x.sqlite3"),
            "sqlite://data/x.sqlite3"
        );
    }

    #[test]
    fn secrets_are_not_printed() {
        let key = "k".repeat(40);
        let s = read(&[
            ("ENV", "STAGE"),
            ("SECRET_KEY", &key),
            ("SITE_URL", "https://portal.example"),
            ("DATABASE_URL", "postgres://u:hunter2@db/x"),
        ])
        .unwrap();
        let shown = format!("{s:?}");
        assert!(
            !shown.contains(&key) && !shown.contains("hunter2"),
            "{shown}"
        );
    }

    #[test]
    fn net_lists() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let nets = NetList::parse("X", "10.0.0.0/8; 192.168.1.7 ;2001:db8::/32").unwrap();
        assert!(nets.contains(ip("10.200.3.4")));
        assert!(nets.contains(ip("192.168.1.7")));
        assert!(!nets.contains(ip("192.168.1.8")));
        assert!(nets.contains(ip("2001:db8::1")));
        assert!(!nets.contains(ip("2001:db9::1")));
        // An IPv4 client seen through an IPv6 socket.
        assert!(nets.contains(ip("::ffff:10.1.2.3")));
        assert!(NetList::parse("X", "*").unwrap().contains(ip("8.8.8.8")));
        let none = NetList::parse("X", " ; ").unwrap();
        assert!(none.is_empty() && !none.contains(ip("127.0.0.1")));
        assert_eq!(
            NetList::parse("TMS_WEBHOOK_ALLOWED_CIDR_NETS", "10.0.0.0/33")
                .unwrap_err()
                .variable,
            "TMS_WEBHOOK_ALLOWED_CIDR_NETS"
        );
        assert!(NetList::parse("X", "example.org").is_err());
    }

    #[test]
    fn mail_settings() {
        let s = read(&[("EMAIL_HOST", "127.0.0.1"), ("EMAIL_PORT", "2525")]).unwrap();
        assert_eq!(s.mail.smtp_port, 2525);
        assert!(matches!(s.email, EmailState::Smtp { .. }));
        assert_eq!(
            read(&[("EMAIL_PORT", "x")]).unwrap_err().variable,
            "EMAIL_PORT"
        );
        assert_eq!(
            read(&[("TMS_TARGET_ENDPOINT", "tms.example")])
                .unwrap_err()
                .variable,
            "TMS_TARGET_ENDPOINT"
        );
        assert_eq!(s.site_url, "http://127.0.0.1:8000");
        assert!(s.mail.worker);
        let key = "k".repeat(40);
        assert_eq!(
            read(&[("ENV", "STAGE"), ("SECRET_KEY", &key)])
                .unwrap_err()
                .variable,
            "SITE_URL"
        );
        let s = read(&[("EMAIL_WORKER", "off")]).unwrap();
        assert!(!s.mail.worker);
        let s = read(&[("TMS_AUTH_TOKEN", "secret-token-value")]).unwrap();
        assert!(!format!("{s:?}").contains("secret-token-value"));
    }
}

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
            ("DATABASE_URL", "postgres://u:hunter2@db/x"),
        ])
        .unwrap();
        let shown = format!("{s:?}");
        assert!(
            !shown.contains(&key) && !shown.contains("hunter2"),
            "{shown}"
        );
    }
}

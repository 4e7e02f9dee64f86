//! Typed settings, read once at start from environment variables. A missing
//! or malformed value is a start-up error naming the variable. Secrets are
//! never printed (`Debug` hides them).

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

    /// Reads settings through `get` (tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, SettingsError> {
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
        Ok(Self {
            environment,
            host,
            port,
            database_url: Secret(database_url),
            secret_key: Secret(secret_key),
            maintenance_mode,
        })
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

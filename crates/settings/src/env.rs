//! Reading one variable: from the environment, else from Cloud Foundry's
//! `VCAP_SERVICES`, else the default in [`crate::VARIABLES`]; parsed by one
//! helper whose errors name the variable. Notes where each value came from.

use std::{cell::RefCell, str::FromStr};

use crate::{SettingsError, vars::variable};

/// The error for `variable`.
pub(crate) fn problem(variable: &'static str, problem: impl Into<String>) -> SettingsError {
    SettingsError {
        variable,
        problem: problem.into(),
    }
}

/// `True`/`False`, `1`/`0`, `yes`/`no`, `on`/`off` (any case; empty is false).
pub(crate) fn parse_bool(v: &str) -> Result<bool, String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" | "" => Ok(false),
        _ => Err(format!("{v:?} is not True/False/1/0")),
    }
}

/// `v` trimmed and parsed as a `T`, or else `message`: it names the value
/// and the form expected, which says more to an operator than the parser's
/// own error ("invalid digit found in string").
#[allow(clippy::map_err_ignore)] // The message replaces the error on purpose (above).
pub(crate) fn parse_trimmed<T: FromStr>(
    v: &str,
    message: impl FnOnce() -> String,
) -> Result<T, String> {
    v.trim().parse().map_err(|_| message())
}

/// Values found in `VCAP_SERVICES`.
#[derive(Default)]
struct Vcap {
    credentials: Vec<(String, String)>,
    database_uri: Option<String>,
    /// A bound S3 service's credentials, as the variables they stand for.
    s3: Vec<(&'static str, String)>,
}

fn parse_vcap(text: &str) -> Result<Vcap, SettingsError> {
    let bad = |p: &str| problem("VCAP_SERVICES", p);
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
            } else if let Some(bucket) = creds.get("bucket").and_then(|b| b.as_str())
                && vcap.s3.is_empty()
            {
                // A bound S3 service (cloud.gov's "s3"): bucket, region,
                // keys and an endpoint.
                let text = |k: &str| creds.get(k).and_then(|v| v.as_str()).map(str::to_owned);
                vcap.s3
                    .push(("ATTACHMENTS_STORAGE", format!("s3://{bucket}")));
                for (var, key) in [
                    ("AWS_REGION", "region"),
                    ("AWS_ACCESS_KEY_ID", "access_key_id"),
                    ("AWS_SECRET_ACCESS_KEY", "secret_access_key"),
                ] {
                    if let Some(v) = text(key) {
                        vcap.s3.push((var, v));
                    }
                }
                if let Some(host) = text("fips_endpoint").or_else(|| text("endpoint")) {
                    let url = if host.starts_with("http") {
                        host
                    } else {
                        format!("https://{host}")
                    };
                    vcap.s3.push(("AWS_ENDPOINT_URL", url));
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

/// The environment (a function, so tests pass a map) with `VCAP_SERVICES`
/// behind it.
pub(crate) struct Lookup<'a> {
    env: &'a dyn Fn(&str) -> Option<String>,
    vcap: Vcap,
    sources: RefCell<Vec<(&'static str, &'static str)>>,
}

impl<'a> Lookup<'a> {
    /// Reads `VCAP_SERVICES` through `env`.
    ///
    /// Errors: `VCAP_SERVICES` is set but not a JSON object.
    pub(crate) fn new(env: &'a dyn Fn(&str) -> Option<String>) -> Result<Self, SettingsError> {
        let vcap = match env("VCAP_SERVICES").filter(|v| !v.trim().is_empty()) {
            Some(text) => parse_vcap(&text)?,
            None => Vcap::default(),
        };
        Ok(Self {
            env,
            vcap,
            sources: RefCell::new(Vec::new()),
        })
    }

    /// The value set for `name`: the environment's unless blank, else a
    /// user-provided credential in `VCAP_SERVICES` (for `DATABASE_URL` also
    /// the bound PostgreSQL service's URI). Notes where it came from.
    pub(crate) fn get(&self, name: &'static str) -> Option<String> {
        debug_assert!(variable(name).is_some(), "{name} is not in VARIABLES");
        if let Some(v) = (self.env)(name).filter(|v| !v.trim().is_empty()) {
            self.sources.borrow_mut().push((name, "environment"));
            return Some(v);
        }
        let from_vcap = self
            .vcap
            .credentials
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .or_else(|| {
                (name == "DATABASE_URL")
                    .then(|| self.vcap.database_uri.clone())
                    .flatten()
            })
            .or_else(|| {
                self.vcap
                    .s3
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.clone())
            });
        if from_vcap.is_some() {
            self.sources.borrow_mut().push((name, "VCAP_SERVICES"));
        }
        from_vcap
    }

    /// Whether `name` is set (environment or `VCAP_SERVICES`).
    pub(crate) fn is_set(&self, name: &'static str) -> bool {
        self.get(name).is_some()
    }

    /// The value of `name` (or its default from the table) read by `parse`,
    /// whose message becomes the error naming the variable; `None` when it
    /// is unset and has no default.
    pub(crate) fn var<T>(
        &self,
        name: &'static str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>, SettingsError> {
        let value = self
            .get(name)
            .or_else(|| variable(name).and_then(|v| v.default).map(str::to_owned));
        value
            .map(|v| parse(&v).map_err(|p| problem(name, p)))
            .transpose()
    }

    /// As [`Lookup::var`] for a variable that always has a value (its
    /// default is in the table).
    ///
    /// Errors: as `var`, or the variable is unset and has no default.
    pub(crate) fn required_var<T>(
        &self,
        name: &'static str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<T, SettingsError> {
        self.var(name, parse)?
            .ok_or_else(|| problem(name, "is required"))
    }

    /// Where each value came from, by variable, sorted.
    pub(crate) fn into_sources(self) -> Vec<(&'static str, &'static str)> {
        let mut sources = self.sources.into_inner();
        sources.sort();
        sources.dedup();
        sources
    }
}

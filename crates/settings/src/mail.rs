//! The e-mail settings: which backend they make possible (TMS, SMTP or
//! none, and what is missing), and the details of each.

use crate::{
    NetList, Secret, SettingsError,
    env::{Lookup, parse_bool, parse_trimmed},
};

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
    /// `TMS_WEBHOOK_SECRET`: when set, the webhook also requires it in the
    /// `X-Webhook-Secret` header.
    pub webhook_secret: Option<Secret>,
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

/// The three variables TMS needs.
const TMS: [&str; 3] = [
    "TMS_AUTH_TOKEN",
    "TMS_TARGET_ENDPOINT",
    "TMS_WEBHOOK_ALLOWED_CIDR_NETS",
];

/// Reads the e-mail settings.
/// In a deployed environment, webhook callers must be listed (not `*`), the
/// TMS endpoint must use TLS, and SMTP (no TLS) is refused.
pub(crate) fn read(
    lookup: &Lookup<'_>,
    deployed: bool,
) -> Result<(EmailState, MailSettings), SettingsError> {
    let mut missing: Vec<&'static str> = TMS.into_iter().filter(|k| !lookup.is_set(k)).collect();
    let email = if missing.is_empty() {
        EmailState::Tms
    } else if let Some(host) = lookup.get("EMAIL_HOST") {
        if deployed {
            // The SMTP sender speaks no TLS: it is for a local catcher.
            return Err(crate::env::problem(
                "EMAIL_HOST",
                "is for local development (SMTP here has no TLS); a deployed environment sends through TMS: set TMS_AUTH_TOKEN, TMS_TARGET_ENDPOINT and TMS_WEBHOOK_ALLOWED_CIDR_NETS",
            ));
        }
        EmailState::Smtp { host }
    } else {
        missing.push("EMAIL_HOST (for SMTP instead)");
        EmailState::Off { missing }
    };
    let webhook_nets = lookup
        .var("TMS_WEBHOOK_ALLOWED_CIDR_NETS", |v| {
            match NetList::parse("TMS_WEBHOOK_ALLOWED_CIDR_NETS", v).map_err(|e| e.problem)? {
                NetList::Any if deployed => Err(
                    "is * (anyone may report deliveries): list TMS's networks in a deployed environment"
                        .to_owned(),
                ),
                nets => Ok(nets),
            }
        })?
        .unwrap_or_default();
    let smtp_port = lookup.required_var("EMAIL_PORT", |p| {
        parse_trimmed(p, || format!("{p:?} is not a port number"))
    })?;
    let tms_endpoint = lookup.var("TMS_TARGET_ENDPOINT", |e| {
        let e = e.trim();
        if e.starts_with("https://") || (e.starts_with("http://") && !deployed) {
            Ok(e.to_owned())
        } else if deployed && e.starts_with("http://") {
            Err(format!(
                "{e:?} must start with https:// in a deployed environment (the token travels with every mail)"
            ))
        } else {
            Err(format!(
                "{e:?} must start with https:// (or http:// for a local fake)"
            ))
        }
    })?;
    let worker = lookup.required_var("EMAIL_WORKER", parse_bool)?;
    let mail = MailSettings {
        tms_endpoint,
        tms_token: lookup.get("TMS_AUTH_TOKEN").map(Secret),
        webhook_nets,
        webhook_secret: lookup.get("TMS_WEBHOOK_SECRET").map(Secret),
        smtp_host: lookup.get("EMAIL_HOST").map(|h| h.trim().to_owned()),
        smtp_port,
        from: lookup.required_var("EMAIL_FROM", |f| Ok(f.to_owned()))?,
        restrict_recipients_to: lookup
            .get("RESTRICT_EMAIL_RECIPIENTS_TO")
            .unwrap_or_default(),
        worker,
    };
    Ok((email, mail))
}

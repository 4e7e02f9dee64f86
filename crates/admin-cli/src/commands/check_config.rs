//! `crt-admin check-config`: reads the settings exactly as `crt-portal`
//! does (environment, then Cloud Foundry's VCAP_SERVICES), says what is set,
//! where it came from and which features are on, never printing a secret,
//! and exits non-zero when the server could not start with them.

use std::process::ExitCode;

use crt_settings::{EmailState, Settings, VARIABLES, redact_url};

pub async fn run() -> anyhow::Result<ExitCode> {
    let settings = match Settings::from_env() {
        Ok(s) => s,
        Err(e) => {
            println!("configuration error: {e}");
            println!("crt-portal would refuse to start.");
            return Ok(ExitCode::FAILURE);
        }
    };
    let source = |k: &str| {
        settings
            .sources
            .iter()
            .find(|(n, _)| *n == k)
            .map_or("default", |(_, s)| *s)
    };
    println!(
        "environment\t{:?} ({})",
        settings.environment,
        if settings.environment.is_deployed() {
            "deployed"
        } else {
            "not deployed"
        }
    );
    println!("listen\t{}:{}", settings.host, settings.port);
    println!(
        "DATABASE_URL\t{} (from {})",
        redact_url(settings.database_url.expose()),
        source("DATABASE_URL")
    );
    println!(
        "SECRET_KEY\tset (from {}; {} characters)",
        source("SECRET_KEY"),
        settings.secret_key.expose().chars().count()
    );
    println!(
        "MAINTENANCE_MODE\t{}",
        if settings.maintenance_mode {
            "ON: /report/ answers 503 to newcomers"
        } else {
            "off"
        }
    );
    match &settings.email {
        EmailState::Tms => println!(
            "e-mail\tenabled: TMS API at {} (token, endpoint and webhook nets set)",
            settings.mail.tms_endpoint.as_deref().unwrap_or("")
        ),
        EmailState::Smtp { host } => println!(
            "e-mail\tenabled: SMTP via {host}:{} (TMS not fully configured)",
            settings.mail.smtp_port
        ),
        EmailState::Off { missing } => println!(
            "e-mail\tDISABLED (mail waits in the outbox): missing {}",
            missing.join(", ")
        ),
    }
    let restrict = settings.mail.restrict_recipients_to.trim();
    println!(
        "RESTRICT_EMAIL_RECIPIENTS_TO\t{}",
        if restrict.is_empty() {
            "(none: mail goes to every recipient)"
        } else {
            restrict
        }
    );
    println!("TMS webhook callers\t{}", settings.mail.webhook_nets);
    println!("trusted proxies\t{}", settings.trusted_proxies);
    println!("links in letters\t{}", settings.site_url);
    println!(
        "single sign-on\t{}",
        if settings.sso_configured {
            "configured (AUTH_CLIENT_ID, AUTH_SERVER)"
        } else {
            "not configured: local accounts"
        }
    );
    let unset: Vec<&str> = VARIABLES
        .iter()
        .map(|v| v.name)
        .filter(|k| source(k) == "default")
        .collect();
    if !unset.is_empty() {
        println!("not set (defaults apply)\t{}", unset.join(", "));
    }
    // The database must answer too.
    match crt_persistence::Db::connect_unmigrated(settings.database_url.expose()).await {
        Ok(db) => {
            let status = db.migration_status().await?;
            let pending = status.iter().filter(|m| !m.applied).count();
            println!(
                "database\treachable ({}); {pending} migration(s) pending",
                db.backend_name()
            );
        }
        Err(e) => {
            println!("database\tUNREACHABLE: {e}");
            return Ok(ExitCode::FAILURE);
        }
    }
    println!("crt-portal can start with this configuration.");
    Ok(ExitCode::SUCCESS)
}

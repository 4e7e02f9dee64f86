//! `crt-admin check-config`: reads the settings exactly as `crt-portal`
//! does (environment, then Cloud Foundry's VCAP_SERVICES), says what is set,
//! where it came from and which features are on, never printing a secret,
//! and exits non-zero when the server could not start with them.

use std::process::ExitCode;

use crt_settings::{EmailState, Environment, Settings, VARIABLES, redact_url};

pub async fn run(probe: bool) -> anyhow::Result<ExitCode> {
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
    sso_lines(&settings);
    // What crt-portal builds from them at start, so what would stop it
    // stops this check too (a section code, a CA bundle that does not parse).
    if let Err(e) = crt_web::compose::group_policy(&settings) {
        println!("configuration error: {e}");
        println!("crt-portal would refuse to start.");
        return Ok(ExitCode::FAILURE);
    }
    if let Some((config, ca)) = crt_web::compose::oidc_config(&settings)
        && let Err(e) = crt_sso::OidcProvider::new(config, ca.as_deref())
    {
        println!("configuration error: single sign-on: {e}");
        println!("crt-portal would refuse to start.");
        return Ok(ExitCode::FAILURE);
    }
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
            if pending == 0 {
                untranslated_classes(&db).await?;
                retention_authorities(&db).await?;
            }
        }
        Err(e) => {
            println!("database\tUNREACHABLE: {e}");
            return Ok(ExitCode::FAILURE);
        }
    }
    if !attachments(&settings).await {
        return Ok(ExitCode::FAILURE);
    }
    if probe && !probe_provider(&settings).await {
        return Ok(ExitCode::FAILURE);
    }
    println!("crt-portal can start with this configuration.");
    Ok(ExitCode::SUCCESS)
}

/// Attachments: where they are kept (and whether storage answers) and the
/// virus scanner (whether it answers: without it uploads are refused).
/// False when the server would refuse to start.
async fn attachments(settings: &crt_web::Settings) -> bool {
    let (store, scanner) = match crt_web::compose::attachment_adapters(settings) {
        Ok(x) => x,
        Err(e) => {
            println!("configuration error: attachments: {e}");
            println!("crt-portal would refuse to start.");
            return false;
        }
    };
    println!(
        "attachments\t{}, up to {} each",
        store.describe(),
        crt_domain::attachments::human_size(settings.attachments.max_bytes)
    );
    match store.check().await {
        Ok(()) => println!("attachment storage\treachable"),
        Err(e) => {
            println!("WARNING attachment storage: {e}: uploads and downloads fail until it answers")
        }
    }
    match scanner.ping().await {
        Ok(()) => println!("virus scanner\t{} answers", scanner.describe()),
        Err(e) => println!(
            "WARNING virus scanner: {e}: uploads are refused until it answers (CLAMD_ADDRESS)"
        ),
    }
    true
}

/// A warning naming every active protected-class option that has no label
/// in one of the public's languages (the form then shows the English label
/// there, never a blank).
async fn untranslated_classes(db: &crt_persistence::Db) -> anyhow::Result<()> {
    use crt_domain::ports::ProtectedClassRepository;
    let catalog = db.catalog().await?;
    let mut any = false;
    for lang in crt_domain::report::LANGUAGES.iter().filter(|l| **l != "en") {
        let missing: Vec<String> = catalog
            .untranslated(lang)
            .into_iter()
            .map(|o| o.value.clone())
            .collect();
        if !missing.is_empty() {
            any = true;
            println!(
                "WARNING protected classes without a {lang} label (the form shows English): {} \
                 (crt-admin protected-class translate VALUE --lang {lang} --label \"...\")",
                missing.join(", ")
            );
        }
    }
    if !any {
        println!("protected classes\tevery active option has a label in every language");
    }
    Ok(())
}

/// Retention schedules with a period but no disposition authority: their
/// reports are never proposed for disposal.
async fn retention_authorities(db: &crt_persistence::Db) -> anyhow::Result<()> {
    use crt_domain::ports::RetentionRepository;
    let missing: Vec<String> = db
        .schedules()
        .await?
        .into_iter()
        .filter(|s| s.years.is_some() && s.authority.trim().is_empty())
        .map(|s| s.code)
        .collect();
    if missing.is_empty() {
        println!("retention	every schedule with a period cites its disposition authority");
    } else {
        println!(
            "WARNING retention schedules without a NARA disposition authority (nothing is disposed of under them): {} \
             (crt-admin retention schedule CODE --authority \"...\")",
            missing.join(", ")
        );
    }
    Ok(())
}

/// Single sign-on: on or off in each environment, and here the provider
/// and who gets in.
fn sso_lines(settings: &Settings) {
    let sso = &settings.sso;
    let per_env: Vec<String> = [
        Environment::Local,
        Environment::Test,
        Environment::Develop,
        Environment::Stage,
        Environment::Production,
    ]
    .iter()
    .map(|e| {
        format!(
            "{e:?} {}",
            if sso.environments.contains(e) {
                "on"
            } else {
                "off"
            }
        )
    })
    .collect();
    println!("single sign-on by environment\t{}", per_env.join(", "));
    match &sso.provider {
        Some(p) => {
            println!(
                "single sign-on\tON here: staff sign in at {} (client {}, audience {}); redirect URI {}",
                p.issuer,
                p.client_id,
                p.audience,
                p.redirect_uri()
            );
            println!(
                "single sign-on access\tgroups {} (claim {:?}); username claim {:?}{}",
                p.portal_groups.join(", "),
                p.group_claim,
                p.username_claim,
                if p.section_groups.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; sections for new accounts: {}",
                        p.section_groups
                            .iter()
                            .map(|(g, s)| format!("{g}={s}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            );
            if let Some(b) = &p.ca_bundle {
                println!(
                    "single sign-on CA bundle\t{} (for the provider's TLS only)",
                    b.source
                );
            }
            println!(
                "password sign-in\t{}",
                if sso.allow_emergency_local {
                    "emergency-local accounts only (AUTH_ALLOW_EMERGENCY_LOCAL=true; each use logged)"
                } else {
                    "off"
                }
            );
        }
        None => println!("single sign-on\toff here: staff sign in with local accounts"),
    }
}

/// `--probe`: fetches the discovery document and the keys; false when the
/// provider cannot be reached.
async fn probe_provider(settings: &Settings) -> bool {
    let Some((config, ca)) = crt_web::compose::oidc_config(settings) else {
        println!("single sign-on probe\tnothing to probe: single sign-on is off here");
        return true;
    };
    let provider = match crt_sso::OidcProvider::new(config, ca.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            println!("single sign-on probe\tFAILED: {e}");
            return false;
        }
    };
    let has_secret = settings
        .sso
        .provider
        .as_ref()
        .is_some_and(|p| p.client_secret.is_some());
    match provider.probe().await {
        Ok(p) if let Some(why) = p.auth_problem(has_secret) => {
            println!("single sign-on probe\tFAILED: {why}");
            false
        }
        Ok(p) => {
            println!(
                "single sign-on probe\treachable: issuer {}, {} key(s); authorize {}, token {}, userinfo {}, logout {}",
                p.issuer,
                p.keys,
                p.authorization_endpoint,
                p.token_endpoint.as_deref().unwrap_or("(none)"),
                p.userinfo_endpoint.as_deref().unwrap_or("(none)"),
                p.end_session_endpoint.as_deref().unwrap_or("(none)")
            );
            true
        }
        Err(e) => {
            println!("single sign-on probe\tFAILED: {e}");
            false
        }
    }
}

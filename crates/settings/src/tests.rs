//! Unit tests of the settings (through `Settings::from_lookup` with a map).

use std::collections::HashMap;

use super::*;

/// Settings from `pairs`, with single sign-on off unless they turn it on
/// (its own tests are in `sso.rs`).
pub(crate) fn read(pairs: &[(&str, &str)]) -> Result<Settings, SettingsError> {
    let mut map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    map.entry("AUTH_SSO_ENVIRONMENTS".into())
        .or_insert_with(|| "NONE".into());
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

fn db_url(pairs: &[(&str, &str)]) -> Result<String, SettingsError> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    database_url_from_lookup(|k| map.get(k).cloned()).map(|u| u.expose().to_owned())
}

#[test]
fn the_database_url_alone_falls_back_on_vcap_services_like_the_settings() {
    let bound =
        r#"{"aws-rds":[{"name":"crt-db","credentials":{"uri":"postgresql://u:pw@db:5432/crt"}}]}"#;
    let provided =
        r#"{"user-provided":[{"credentials":{"DATABASE_URL":"sqlite://vcap.sqlite3"}}]}"#;
    assert_eq!(db_url(&[]).unwrap(), DEFAULT_DATABASE_URL);
    assert_eq!(
        db_url(&[("VCAP_SERVICES", bound)]).unwrap(),
        "postgresql://u:pw@db:5432/crt"
    );
    assert_eq!(
        db_url(&[("VCAP_SERVICES", provided)]).unwrap(),
        "sqlite://vcap.sqlite3"
    );
    // The environment wins; a blank one does not count.
    let both = [
        ("VCAP_SERVICES", bound),
        ("DATABASE_URL", "sqlite://env.sqlite3"),
    ];
    assert_eq!(db_url(&both).unwrap(), "sqlite://env.sqlite3");
    let blank = [("VCAP_SERVICES", bound), ("DATABASE_URL", "  ")];
    assert_eq!(db_url(&blank).unwrap(), "postgresql://u:pw@db:5432/crt");
    // A service that is not PostgreSQL is not the database.
    let other = r#"{"redis":[{"credentials":{"uri":"redis://cache:6379"}}]}"#;
    assert_eq!(
        db_url(&[("VCAP_SERVICES", other)]).unwrap(),
        DEFAULT_DATABASE_URL
    );
    assert_eq!(
        db_url(&[("VCAP_SERVICES", "[1]")]).unwrap_err().variable,
        "VCAP_SERVICES"
    );
    // Settings that would stop the server do not hide the database.
    let deployed = [
        ("ENV", "PRODUCTION"),
        ("PORT", "x"),
        ("VCAP_SERVICES", bound),
    ];
    assert_eq!(read(&deployed).unwrap_err().variable, "PORT");
    assert_eq!(db_url(&deployed).unwrap(), "postgresql://u:pw@db:5432/crt");
    // And both agree.
    for pairs in [&[("VCAP_SERVICES", bound)][..], &both, &blank, &[]] {
        assert_eq!(
            read(pairs).unwrap().database_url.expose(),
            db_url(pairs).unwrap()
        );
    }
}

#[test]
fn the_table_of_variables() {
    let mut names: Vec<&str> = VARIABLES.iter().map(|v| v.name).collect();
    assert_eq!(names, KNOWN);
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), KNOWN.len(), "each variable once");
    let secrets: Vec<&str> = VARIABLES
        .iter()
        .filter(|v| v.secret)
        .map(|v| v.name)
        .collect();
    assert_eq!(
        secrets,
        [
            "DATABASE_URL",
            "SECRET_KEY",
            "TMS_AUTH_TOKEN",
            "TMS_WEBHOOK_SECRET",
            "AWS_SECRET_ACCESS_KEY",
            "CHALLENGE_SECRET_KEY",
            "AUTH_CLIENT_SECRET"
        ]
    );
    assert_eq!(
        variable("DATABASE_URL").and_then(|v| v.default),
        Some(DEFAULT_DATABASE_URL)
    );
    assert!(VARIABLES.iter().all(|v| !v.description.is_empty()));
    // Every variable in the table is read: setting each is noted as a source
    // (and `Lookup::get` asserts the converse in debug builds).
    let key = "k".repeat(40);
    let pairs: Vec<(&str, &str)> = VARIABLES
        .iter()
        .map(|v| {
            let value = match v.name {
                "SECRET_KEY" => key.as_str(),
                "SITE_URL" | "TMS_TARGET_ENDPOINT" => "https://portal.example",
                "TMS_WEBHOOK_ALLOWED_CIDR_NETS" | "TRUSTED_PROXY_NETS" => "10.0.0.0/8",
                "INTAKE_HOTLINE_FORMS" => "[]",
                "ATTACHMENTS_STORAGE" => "s3://crt-bucket/attachments",
                // Single sign-on on here, so its settings are read too.
                "AUTH_SSO_ENVIRONMENTS" => "LOCAL",
                "AUTH_SERVER" | "AUTH_RELYING_PARTY_ID" => "https://login.example",
                "AUTH_SECTION_GROUPS" => "crt-voting=VOT",
                "AUTH_CA_BUNDLE" => "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
                n => v.default.unwrap_or(n),
            };
            (v.name, value)
        })
        .collect();
    let s = read(&pairs).unwrap();
    let noted: Vec<&str> = s.sources.iter().map(|(n, _)| *n).collect();
    let mut known = KNOWN.to_vec();
    known.sort_unstable();
    assert_eq!(noted, known);
    // The defaults in the table are the ones applied.
    let d = Settings::from_lookup(|_| None).unwrap();
    assert_eq!(d.mail.smtp_port, 1025);
    assert_eq!(
        d.mail.from,
        "Civil Rights Division <no-reply@crt-portal.localhost>"
    );
    assert!(d.sources.is_empty());
}

#[test]
fn env_must_be_set_to_listen_beyond_this_machine() {
    let e = read(&[("HOST", "0.0.0.0")]).unwrap_err();
    assert_eq!(e.variable, "ENV");
    assert!(e.problem.contains("HOST=0.0.0.0"), "{}", e.problem);
    // On purpose, or on loopback, it starts.
    assert!(read(&[("HOST", "0.0.0.0"), ("ENV", "LOCAL")]).is_ok());
    assert!(read(&[("HOST", "::1")]).is_ok());
    assert!(read(&[]).is_ok());
}

#[test]
fn deployed_mail_needs_tls_to_tms_and_a_listed_webhook_caller() {
    let key = "k".repeat(40);
    let deployed = |extra: &[(&'static str, &'static str)]| {
        let mut pairs = vec![
            ("ENV", "PRODUCTION"),
            ("SECRET_KEY", key.as_str()),
            ("SITE_URL", "https://portal.example"),
            ("TMS_AUTH_TOKEN", "t"),
        ];
        pairs.extend_from_slice(extra);
        read(&pairs)
    };
    let plain = deployed(&[
        ("TMS_TARGET_ENDPOINT", "http://tms.example"),
        ("TMS_WEBHOOK_ALLOWED_CIDR_NETS", "10.0.0.0/8"),
    ])
    .unwrap_err();
    assert_eq!(plain.variable, "TMS_TARGET_ENDPOINT");
    assert!(plain.problem.contains("https://"), "{}", plain.problem);
    let anyone = deployed(&[
        ("TMS_TARGET_ENDPOINT", "https://tms.example"),
        ("TMS_WEBHOOK_ALLOWED_CIDR_NETS", "*"),
    ])
    .unwrap_err();
    assert_eq!(anyone.variable, "TMS_WEBHOOK_ALLOWED_CIDR_NETS");
    let ok = deployed(&[
        ("TMS_TARGET_ENDPOINT", "https://tms.example"),
        ("TMS_WEBHOOK_ALLOWED_CIDR_NETS", "10.0.0.0/8"),
        ("TMS_WEBHOOK_SECRET", "shared"),
    ])
    .unwrap();
    assert_eq!(
        ok.mail.webhook_secret.map(|s| s.expose().to_owned()),
        Some("shared".into())
    );
    // SMTP here has no TLS: refused when deployed, fine locally.
    let smtp = deployed(&[("EMAIL_HOST", "smtp.example")]).unwrap_err();
    assert_eq!(smtp.variable, "EMAIL_HOST");
    assert!(read(&[("EMAIL_HOST", "127.0.0.1")]).is_ok());
    // Locally, a fake TMS over plain HTTP and `*` are fine.
    assert!(
        read(&[
            ("TMS_AUTH_TOKEN", "t"),
            ("TMS_TARGET_ENDPOINT", "http://127.0.0.1:9"),
            ("TMS_WEBHOOK_ALLOWED_CIDR_NETS", "*"),
        ])
        .is_ok()
    );
}

#[test]
fn public_limits_and_the_challenge() {
    let s = read(&[]).unwrap();
    assert_eq!(
        s.public_limits,
        PublicLimitSettings {
            reports_per_hour: 20,
            drafts_per_hour: 60,
            auto_responses_per_day: 3
        }
    );
    assert!(s.challenge.is_none(), "off by default");
    let s = read(&[("PUBLIC_SUBMIT_LIMIT", " 0 "), ("AUTO_RESPONSE_LIMIT", "7")]).unwrap();
    assert_eq!(s.public_limits.reports_per_hour, 0);
    assert_eq!(s.public_limits.auto_responses_per_day, 7);
    assert_eq!(
        read(&[("PUBLIC_DRAFT_LIMIT", "-1")]).unwrap_err().variable,
        "PUBLIC_DRAFT_LIMIT"
    );
    // Half a challenge is refused, naming the missing half.
    assert_eq!(
        read(&[("CHALLENGE_SITE_KEY", "site")])
            .unwrap_err()
            .variable,
        "CHALLENGE_SECRET_KEY"
    );
    assert_eq!(
        read(&[("CHALLENGE_SECRET_KEY", "secret")])
            .unwrap_err()
            .variable,
        "CHALLENGE_SITE_KEY"
    );
    let on = read(&[
        ("CHALLENGE_SITE_KEY", "site"),
        ("CHALLENGE_SECRET_KEY", "shh"),
    ])
    .unwrap()
    .challenge
    .unwrap();
    assert_eq!(on.site_key, "site");
    assert_eq!(on.script_origin(), "https://challenges.cloudflare.com");
    assert!(
        !format!("{on:?}").contains("shh"),
        "the secret is not printed"
    );
    let local = read(&[
        ("CHALLENGE_SITE_KEY", "site"),
        ("CHALLENGE_SECRET_KEY", "shh"),
        ("CHALLENGE_SCRIPT_URL", "http://127.0.0.1:9/api.js?x=1"),
    ])
    .unwrap()
    .challenge
    .unwrap();
    assert_eq!(local.script_origin(), "http://127.0.0.1:9");
    let deployed = [
        ("ENV", "PRODUCTION"),
        ("SECRET_KEY", "0123456789abcdef0123456789abcdef"),
        ("SITE_URL", "https://civilrights.example"),
        ("CHALLENGE_SITE_KEY", "site"),
        ("CHALLENGE_SECRET_KEY", "shh"),
        ("CHALLENGE_VERIFY_URL", "http://verifier.example/siteverify"),
    ];
    assert_eq!(
        read(&deployed).unwrap_err().variable,
        "CHALLENGE_VERIFY_URL",
        "plain HTTP to the verifier is refused when deployed"
    );
}

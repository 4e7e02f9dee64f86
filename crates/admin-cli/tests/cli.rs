//! `crt-admin` as an operator runs it: the real binary, a real database
//! (a SQLite file; PostgreSQL too when TEST_DATABASE_URL is set).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

use chrono::{NaiveDate, TimeZone, Utc};
use crt_domain::{
    ports::{ProtectedClassRepository, ReportRepository},
    report::StaffFields,
    routing::assign_section,
    validation::{Answers, Context, validate_report},
};
use crt_persistence::{
    Db,
    testing::{Backend, file_database_url},
};

fn admin(args: &[&str], db_url: Option<&str>, stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crt-admin"));
    cmd.args(args)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(url) = db_url {
        cmd.env("DATABASE_URL", url);
    }
    let mut child = cmd.spawn().expect("run crt-admin");
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.unwrap_or("").to_owned();
    // Write from another thread: a large input would otherwise fill the
    // output pipe while we are still writing, and both sides would wait.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().expect("wait for crt-admin");
    writer.join().expect("stdin writer");
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh database on every backend, for tests that compare them (SQLite
/// in a file; PostgreSQL when TEST_DATABASE_URL is set).
async fn every_backend() -> Vec<String> {
    let mut urls = Vec::new();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        urls.extend(file_database_url(backend).await);
    }
    urls
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    // Unique: a test's SQLite and PostgreSQL runs go at the same time.
    let dir = std::env::temp_dir().join(format!(
        "crt-admin-test-{name}-{}-{:016x}",
        std::process::id(),
        rand::random::<u64>()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn route_prints_the_code_then_the_explanation() {
    let out = admin(
        &[
            "route",
            "--primary-complaint",
            "voting",
            "--protected-class",
            "disability",
        ],
        None,
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<_> = stdout.lines().collect();
    assert_eq!(lines[0], "DRS");
    assert!(lines[1].contains("Disability Rights"), "{stdout}");

    let out = admin(
        &[
            "route",
            "--primary-complaint",
            "police",
            "--inside-correctional-facility",
            "inside",
            "--protected-class",
            "race_color",
        ],
        None,
        None,
    );
    assert_eq!(text(&out.stdout).lines().next(), Some("SPL"));

    let out = admin(&["route", "--primary-complaint", "parking"], None, None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("primary_complaint: \"parking\" is not one of"),
        "{}",
        text(&out.stderr)
    );
}

/// An independent statement of DOMAIN.md's routing rules, written from the
/// text, to check the binary against on every combination.
fn expected(
    primary: &str,
    classes: &[&str],
    place: Option<&str>,
    inside: Option<&str>,
    school: Option<&str>,
) -> &'static str {
    let disability = classes.contains(&"disability");
    match primary {
        "voting" => {
            if disability {
                "DRS"
            } else {
                "VOT"
            }
        }
        "workplace" => {
            let ier = ["immigration", "national_origin", "language"];
            if !classes.is_empty() && classes.iter().all(|c| ier.contains(c)) {
                "IER"
            } else {
                "ELS"
            }
        }
        "commercial_or_public" => {
            if disability {
                "DRS"
            } else if place == Some("healthcare") {
                "SPL"
            } else {
                "HCE"
            }
        }
        "housing" => "HCE",
        // EOS if the school is public or not_sure; otherwise (private, or
        // no school type given) DRS if disability, else EOS.
        "education" => {
            if matches!(school, Some("public" | "not_sure")) {
                "EOS"
            } else if disability {
                "DRS"
            } else {
                "EOS"
            }
        }
        "police" => {
            if disability {
                "DRS"
            } else if inside == Some("inside") {
                "SPL"
            } else {
                "CRM"
            }
        }
        "something_else" => {
            if disability {
                "DRS"
            } else if classes == ["gun_ownership"] {
                "2AS"
            } else {
                "ADM"
            }
        }
        _ => "ADM",
    }
}

#[test]
fn route_batch_agrees_with_the_rules_on_every_combination() {
    let primaries = [
        "workplace",
        "housing",
        "education",
        "police",
        "voting",
        "commercial_or_public",
        "something_else",
    ];
    let class_pool = [
        "disability",
        "immigration",
        "national_origin",
        "language",
        "gun_ownership",
        "age",
    ];
    // Every subset of the pool (64 sets).
    let class_sets: Vec<Vec<&str>> = (0..(1u32 << class_pool.len()))
        .map(|mask| {
            class_pool
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, c)| *c)
                .collect()
        })
        .collect();
    let places = [
        None,
        Some("place_of_worship"),
        Some("store"),
        Some("healthcare"),
        Some("financial"),
        Some("public_space"),
        Some("other"),
    ];
    let insides = [None, Some("inside"), Some("outside")];
    let schools = [None, Some("public"), Some("private"), Some("not_sure")];

    let mut input = String::new();
    let mut wanted = Vec::new();
    for p in primaries {
        let locations: Vec<(Option<&str>, Option<&str>, Option<&str>)> = match p {
            "commercial_or_public" => places.iter().map(|x| (*x, None, None)).collect(),
            "police" => insides.iter().map(|x| (None, *x, None)).collect(),
            "education" => schools.iter().map(|x| (None, None, *x)).collect(),
            _ => vec![(None, None, None)],
        };
        for (place, inside, school) in &locations {
            for classes in &class_sets {
                let line = serde_json::json!({
                    "primary_complaint": p,
                    "protected_class": classes,
                    "commercial_or_public_place": place,
                    "inside_correctional_facility": inside,
                    "public_or_private_school": school,
                });
                input.push_str(&line.to_string());
                input.push('\n');
                wanted.push((
                    line.to_string(),
                    expected(p, classes, *place, *inside, *school),
                ));
            }
        }
    }
    let out = admin(&["route", "--batch"], None, Some(&input));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let got: Vec<_> = stdout.lines().collect();
    assert_eq!(got.len(), wanted.len());
    for (line, (input, want)) in got.iter().zip(&wanted) {
        let code = line.split('\t').next().unwrap();
        assert_eq!(code, *want, "{input} → {line}");
        assert!(
            line.len() > code.len() + 10,
            "an explanation follows the code: {line}"
        );
    }
    assert!(wanted.len() > 1000, "{} combinations", wanted.len());
}

#[test]
fn route_batch_reports_bad_lines_and_keeps_going() {
    let input = "{\"primary_complaint\": \"housing\"}\nnot json\n{\"primary_complaint\": \"police\", \"inside_correctional_facility\": \"maybe\"}\n{}\n";
    let out = admin(&["route", "--batch"], None, Some(input));
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    let lines: Vec<_> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(lines[0].starts_with("HCE\t"));
    assert!(lines[1].starts_with("ERROR\tline 2:"), "{}", lines[1]);
    assert!(
        lines[2].starts_with("ERROR\tline 3: inside_correctional_facility"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("ADM\t"),
        "no primary concern routes to ADM"
    );
}

async fn migrate_status_then_apply(url: String) {
    let out = admin(&["migrate", "--status"], Some(&url), None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let status = text(&out.stdout);
    assert!(
        status
            .lines()
            .filter(|l| l.starts_with("pending\t"))
            .count()
            >= 3,
        "{status}"
    );
    assert!(status.contains("m20260102_000001_split_national_origin"));

    let out = admin(&["migrate"], Some(&url), None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("applied\tm20260101_000001_create_tables"));

    let out = admin(&["migrate", "--status"], Some(&url), None);
    let status = text(&out.stdout);
    assert!(!status.contains("pending\t"), "{status}");
    assert!(status.contains(", 0 pending"), "{status}");

    let again = admin(&["migrate"], Some(&url), None);
    assert!(text(&again.stdout).contains("Nothing to do"));
}
crt_persistence::per_backend!(migrate_status_then_apply, file_database_url);

async fn report_show_json(url: String) {
    let db = Db::connect(&url).await.unwrap();
    let answers = Answers::from_pairs([
        ("servicemember", "yes"),
        ("contact_first_name", "Ana"),
        ("contact_email", "ana@example.org"),
        ("primary_complaint", "workplace"),
        ("public_or_private_employer", "public_employer"),
        ("employer_size", "15_or_more"),
        ("location_name", "Depot"),
        ("location_city_town", "Reno"),
        ("location_state", "NV"),
        ("protected_class", "national_origin"),
        ("protected_class", "language"),
        ("last_incident_month", "2"),
        ("last_incident_year", "2025"),
        ("violation_summary", "Told to speak \"English only\"."),
    ]);
    let when = Utc.with_ymd_and_hms(2026, 11, 25, 8, 30, 0).unwrap();
    let saved = file(&db, &answers, when).await;
    db.close().await;

    let public_id = saved.public_id.to_string();
    let out = admin(&["report", "show", &public_id, "--json"], Some(&url), None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["public_id"], public_id.as_str());
    assert_eq!(json["assigned_section"], "IER");
    assert_eq!(json["status"], "new");
    assert_eq!(json["primary_complaint"], "workplace");
    assert_eq!(json["employer_size"], "15_or_more");
    assert_eq!(
        json["protected_class"],
        serde_json::json!(["language", "national_origin"])
    );
    assert_eq!(json["contact_email"], "ana@example.org");
    assert_eq!(json["violation_summary"], "Told to speak \"English only\".");
    assert_eq!(json["last_incident_month"], 2);
    assert_eq!(json["create_date"], "2026-11-25T08:30:00Z");

    let plain = admin(&["report", "show", &public_id], Some(&url), None);
    assert!(text(&plain.stdout).contains("assigned_section: IER"));

    let missing = admin(&["report", "show", "999999-BCD"], Some(&url), None);
    assert_eq!(missing.status.code(), Some(1));
    assert!(text(&missing.stderr).contains("no report with record number 999999-BCD"));

    let malformed = admin(&["report", "show", "12-AEI"], Some(&url), None);
    assert_eq!(malformed.status.code(), Some(2));
    assert!(text(&malformed.stderr).contains("record number"));
}
crt_persistence::per_backend!(report_show_json, file_database_url);

#[tokio::test]
async fn seed_creates_valid_reproducible_reports() {
    let dir = temp_dir("seed");
    let mut summaries = Vec::new();
    // The same seed on every backend, and twice on SQLite: one comparison.
    for (i, url) in every_backend()
        .await
        .into_iter()
        .chain([format!("sqlite://{}/second.sqlite3", dir.display())])
        .enumerate()
    {
        let out = admin(
            &["seed", "--reports", "40", "--seed", "3"],
            Some(&url),
            None,
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(
            text(&out.stdout).starts_with("created 40 reports"),
            "{}",
            text(&out.stdout)
        );
        assert!(text(&out.stderr).contains("40/40 (100%)"), "progress shown");
        let db = Db::connect(&url).await.unwrap();
        let query = crt_domain::ports::ReportQuery {
            per_page: 100,
            ..Default::default()
        };
        let page = db.list(&query).await.unwrap();
        assert_eq!(page.total.value(), 40, "run {i}");
        let mut texts: Vec<String> = page
            .items
            .iter()
            .map(|r| r.report.violation_summary.clone())
            .collect();
        texts.sort();
        summaries.push(texts);
        db.close().await;
    }
    assert!(
        summaries.windows(2).all(|w| w[0] == w[1]),
        "the same seed gives the same reports"
    );
}

async fn report_history_reroute_and_purges(url: String) {
    use crt_domain::{
        accounts::NewUser,
        draft::Draft,
        ports::{DraftRepository, StaffSessionRepository, UserRepository},
        staff::StaffChange,
    };
    let db = Db::connect(&url).await.unwrap();
    let answers = housing_answers(&[]);
    let saved = file(&db, &answers, Utc::now()).await;
    let moved = StaffChange {
        assigned_section: Some(crt_domain::report::Section::Criminal),
        ..Default::default()
    };
    crt_domain::service::change_report(&db, saved.id, saved.version, &moved, "ana", Utc::now())
        .await
        .unwrap();
    let id = saved.public_id.to_string();

    let dry = admin(&["report", "reroute", &id, "--dry-run"], Some(&url), None);
    let dry_out = text(&dry.stdout);
    assert!(
        dry_out.contains("now:     CRM") && dry_out.contains("routing: HCE"),
        "{dry_out}"
    );
    assert_eq!(
        db.get(saved.id)
            .await
            .unwrap()
            .staff
            .assigned_section
            .to_string(),
        "CRM",
        "dry run changes nothing"
    );
    let real = admin(&["report", "reroute", &id], Some(&url), None);
    assert!(
        text(&real.stdout).contains("moved to HCE"),
        "{}",
        text(&real.stderr)
    );
    assert_eq!(
        db.get(saved.id)
            .await
            .unwrap()
            .staff
            .assigned_section
            .to_string(),
        "HCE"
    );

    let history = text(&admin(&["report", "history", &id], Some(&url), None).stdout);
    let lines: Vec<&str> = history.lines().collect();
    assert!(
        lines[0].contains("Assigned section: CRM → HCE")
            || lines
                .iter()
                .any(|l| l.contains("Assigned section: CRM → HCE")),
        "{history}"
    );
    assert!(
        history.contains("ana\tAssigned section: HCE → CRM"),
        "{history}"
    );
    assert!(lines.last().unwrap().contains("filed (web)"));

    // Periodic clean-ups are idempotent.
    let past = Utc::now() - chrono::Duration::days(3);
    db.save_draft(
        "old-draft",
        &Draft::new(),
        past,
        chrono::Duration::hours(24),
    )
    .await
    .unwrap();
    {
        use crt_domain::ports::RateLimitRepository;
        // One counter two days old (purged), one from now (kept).
        db.count_event("report:10.0.0.9", past, past).await.unwrap();
        db.count_event("report:10.0.0.9", Utc::now(), past)
            .await
            .unwrap();
    }
    let first = text(&admin(&["drafts", "purge"], Some(&url), None).stdout);
    assert!(
        first.contains("deleted 1 expired draft(s) and 1 public-limit counter(s)"),
        "{first}"
    );
    let again = text(&admin(&["drafts", "purge"], Some(&url), None).stdout);
    assert!(
        again.contains("deleted 0 expired draft(s) and 0 public-limit counter(s)"),
        "{again}"
    );
    let user = NewUser {
        username: "zed".into(),
        email: None,
        display_name: "Zed".into(),
        portal_access: true,
        section: None,
        password_hash: None,
        emergency_local: false,
    };
    let u = db.create_user(&user, past).await.unwrap();
    db.create_session("k", u.id, past, past + chrono::Duration::hours(1))
        .await
        .unwrap();
    db.record_failed_login(&["user:zed".into()], past)
        .await
        .unwrap();
    let purged = text(&admin(&["sessions", "purge"], Some(&url), None).stdout);
    assert!(
        purged.contains("deleted 1 expired session(s) and 1 old failed sign-in record(s)"),
        "{purged}"
    );
    db.close().await;
}
crt_persistence::per_backend!(report_history_reroute_and_purges, file_database_url);

#[test]
fn check_config_reports_without_secrets_and_fails_when_the_server_could_not_start() {
    let dir = temp_dir("check-config");
    let run = |env: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_crt-admin"));
        cmd.arg("check-config")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    };
    let missing = run(&[("ENV", "PRODUCTION")]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing.stdout).contains("SECRET_KEY"),
        "{}",
        text(&missing.stdout)
    );

    let secret = "s3cr3t-".repeat(6);
    let vcap = format!(
        r#"{{"user-provided":[{{"credentials":{{"SECRET_KEY":"{secret}","TMS_AUTH_TOKEN":"tms-{secret}","AUTH_CLIENT_ID":"c","AUTH_SERVER":"https://idp.example","AUTH_PORTAL_GROUPS":"crt-staff","AUTH_CLIENT_SECRET":"client-{secret}"}}}}]}}"#
    );
    let db = format!("sqlite://{}/cc.sqlite3", dir.display());
    let ok = run(&[
        ("ENV", "STAGE"),
        ("VCAP_SERVICES", &vcap),
        ("DATABASE_URL", &db),
        ("TMS_TARGET_ENDPOINT", "https://tms.example"),
        ("TMS_WEBHOOK_ALLOWED_CIDR_NETS", "10.0.0.0/8"),
        ("SITE_URL", "https://portal.example"),
    ]);
    let out = text(&ok.stdout);
    assert!(ok.status.success(), "{out}{}", text(&ok.stderr));
    assert!(out.contains("SECRET_KEY\tset (from VCAP_SERVICES"), "{out}");
    assert!(
        out.contains("e-mail\tenabled: TMS API at https://tms.example"),
        "{out}"
    );
    assert!(out.contains("RESTRICT_EMAIL_RECIPIENTS_TO\t(none"), "{out}");
    assert!(
        out.contains("single sign-on by environment\tLocal off, Test off, Develop off, Stage on, Production on"),
        "{out}"
    );
    assert!(
        out.contains("single sign-on\tON here: staff sign in at https://idp.example (client c, audience c); redirect URI https://portal.example/auth/callback"),
        "{out}"
    );
    assert!(out.contains("password sign-in\toff"), "{out}");
    assert!(out.contains("database\treachable (sqlite)"));
    assert!(!out.contains(&secret), "the secret is never printed");

    // Where single sign-on is on, a missing provider stops the server.
    let no_provider = run(&[
        ("ENV", "STAGE"),
        ("SECRET_KEY", &secret),
        ("SITE_URL", "https://portal.example"),
    ]);
    assert_eq!(no_provider.status.code(), Some(1));
    assert!(
        text(&no_provider.stdout)
            .contains("AUTH_SERVER: is required: single sign-on is on in Stage"),
        "{}",
        text(&no_provider.stdout)
    );

    let unreachable = run(&[("DATABASE_URL", "postgres://nobody:pw@127.0.0.1:1/none")]);
    assert_eq!(unreachable.status.code(), Some(1));
    let out = text(&unreachable.stdout);
    assert!(
        out.contains("UNREACHABLE") && !out.contains(":pw@"),
        "{out}"
    );
}

async fn refresh_trends_counts_this_weeks_words(url: String) {
    let db = Db::connect(&url).await.unwrap();
    for text in [
        "The ramp was broken and the elevator too.",
        "No ramp at the polling place.",
    ] {
        let answers = Answers::from_pairs([
            ("servicemember", "no"),
            ("primary_complaint", "voting"),
            ("location_name", "School gym"),
            ("location_city_town", "Reno"),
            ("location_state", "NV"),
            ("protected_class", "disability"),
            ("last_incident_month", "1"),
            ("last_incident_year", "2026"),
            ("violation_summary", text),
        ]);
        file(&db, &answers, Utc::now()).await;
    }
    let out = admin(&["refresh-trends"], Some(&url), None);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        stdout.contains("refreshed trends from 2 report(s)"),
        "{stdout}"
    );
    assert!(stdout.contains("This week: ramp (2)"), "{stdout}");
    assert!(
        !stdout.contains("the ("),
        "stop words are left out: {stdout}"
    );
    let (stored, at) = db.stored_trends().await.unwrap();
    assert!(at.is_some());
    assert_eq!(
        stored[0].1.first().map(|(w, n)| (w.as_str(), *n)),
        Some(("ramp", 2))
    );
    // Idempotent: running again gives the same.
    let again = text(&admin(&["refresh-trends"], Some(&url), None).stdout);
    assert_eq!(again, stdout);
    db.close().await;
}
crt_persistence::per_backend!(refresh_trends_counts_this_weeks_words, file_database_url);

/// Validates answers against the database's catalog, routes them and files
/// the report, as the public form does.
/// A complete housing report's answers, with `extra` added.
fn housing_answers(extra: &[(&'static str, &'static str)]) -> Answers {
    let mut pairs = vec![
        ("servicemember", "no"),
        ("primary_complaint", "housing"),
        ("location_name", "Apartments"),
        ("location_city_town", "Reno"),
        ("location_state", "NV"),
        ("protected_class", "age"),
        ("last_incident_month", "1"),
        ("last_incident_year", "2026"),
        ("violation_summary", "x"),
    ];
    pairs.extend_from_slice(extra);
    Answers::from_pairs(pairs)
}

async fn file(
    db: &Db,
    answers: &Answers,
    when: chrono::DateTime<Utc>,
) -> crt_domain::report::ReportRecord {
    let catalog = db.catalog().await.unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let report = validate_report(
        answers,
        Context {
            catalog: &catalog,
            today,
        },
    )
    .unwrap();
    let (section, why) = assign_section(&report);
    db.create(&report, &StaffFields::new_report(section, why), when)
        .await
        .unwrap()
}

/// Runs crt-admin with extra environment, off the async runtime's threads.
async fn admin_env(args: &[&str], url: &str, env: &[(&str, &str)]) -> Output {
    let mut all = vec![("DATABASE_URL", url)];
    all.extend_from_slice(env);
    admin_only_env(args, &all).await
}

async fn mail_send_pending_status_and_requeue(url: String) {
    use crt_domain::email::{EmailStatus, NewLetter, OutboxRepository};
    use crt_mail::catcher::SmtpCatcher;
    let db = Db::connect(&url).await.unwrap();
    let answers = housing_answers(&[("contact_email", "ana@example.org")]);
    let saved = file(&db, &answers, Utc::now()).await;
    let letter = |to: &str| NewLetter {
        recipient: crt_domain::values::Email::parse(to).unwrap(),
        template: "no_capacity".into(),
        title: "No capacity".into(),
        subject: "About your report".into(),
        body: "<p>Letter</p>".into(),
        request_key: None,
    };
    for to in ["ana@example.org", "refused@example.org"] {
        db.queue_letter(saved.id, &letter(to), "jdoe", Utc::now())
            .await
            .unwrap();
    }
    // E-mail off: nothing is sent, the mail waits, exit status 2.
    let off = admin_env(&["mail", "send-pending"], &url, &[]).await;
    assert_eq!(off.status.code(), Some(2));
    assert!(text(&off.stderr).contains("2 mail(s) wait in the outbox"));
    let catcher = SmtpCatcher::start("127.0.0.1:0").await.unwrap();
    catcher.reject("refused@example.org");
    let port = catcher.addr().port().to_string();
    let smtp = [("EMAIL_HOST", "127.0.0.1"), ("EMAIL_PORT", port.as_str())];
    let run = admin_env(&["mail", "send-pending"], &url, &smtp).await;
    let out = text(&run.stdout);
    assert!(run.status.success(), "{out}{}", text(&run.stderr));
    assert!(
        out.contains("claimed 2: 1 handed over, 0 to retry, 1 failed"),
        "{out}"
    );
    let got = catcher.wait_for(1, std::time::Duration::from_secs(5)).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["ana@example.org".to_owned()]);
    // Idempotent: nothing more is due.
    let again = text(
        &admin_env(&["mail", "send-pending"], &url, &smtp)
            .await
            .stdout,
    );
    assert!(again.contains("claimed 0"), "{again}");
    let status = text(&admin_env(&["mail", "status"], &url, &[]).await.stdout);
    assert!(
        status.contains("failed\t1") && status.contains("sent\t1"),
        "{status}"
    );
    assert!(status.contains("refused@example.org"), "{status}");
    // By default only mails that ran out of retries; this one was refused.
    let requeue = text(&admin_env(&["mail", "requeue"], &url, &[]).await.stdout);
    assert!(requeue.contains("requeued 0 failed mail(s)"), "{requeue}");
    let requeue = text(
        &admin_env(&["mail", "requeue", "--all"], &url, &[])
            .await
            .stdout,
    );
    assert!(requeue.contains("requeued 1 failed mail(s)"), "{requeue}");
    let mails = db.emails_for_report(saved.id).await.unwrap();
    let refused = mails
        .iter()
        .find(|m| m.recipient == "refused@example.org")
        .unwrap();
    assert_eq!((refused.status, refused.attempts), (EmailStatus::New, 0));
    // The do-not-email list, from the command line.
    let bad = admin_env(&["mail", "suppress", "not an address"], &url, &[]).await;
    assert!(!bad.status.success());
    let ok = admin_env(&["mail", "suppress", "Refused@Example.org"], &url, &[]).await;
    assert!(ok.status.success());
    assert!(db.is_suppressed("refused@example.org").await.unwrap());
    db.close().await;
}
crt_persistence::per_backend!(
    mail_send_pending_status_and_requeue,
    file_database_url,
    tokio::test(flavor = "multi_thread", worker_threads = 2)
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn db_export_import_verify_moves_a_database() {
    let dir = temp_dir("db-move");
    let urls = every_backend().await;
    let source = &urls[0];
    let db = Db::connect(source).await.unwrap();
    let answers = Answers::from_pairs([
        ("servicemember", "no"),
        ("primary_complaint", "voting"),
        ("location_name", "Polling place"),
        ("location_city_town", "Reno"),
        ("location_state", "NV"),
        ("protected_class", "disability"),
        ("last_incident_month", "1"),
        ("last_incident_year", "2026"),
        ("violation_summary", "The ramp was closed."),
    ]);
    // The export keeps times to the microsecond (PostgreSQL's precision).
    use chrono::SubsecRound;
    let saved = file(&db, &answers, Utc::now().trunc_subsecs(6)).await;
    let export = dir.join("crt-export.jsonl");
    let export = export.to_str().unwrap();
    let out = admin_env(&["db", "export", "--out", export], source, &[]).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("exported report\t1 rows"));
    // Into a new SQLite file, and into PostgreSQL when there is one.
    let mut targets = vec![format!("sqlite://{}/moved.sqlite3", dir.display())];
    targets.extend(urls.iter().skip(1).cloned());
    for target in targets {
        let out = admin_env(&["db", "import", "--in", export], &target, &[]).await;
        assert!(out.status.success(), "{target}: {}", text(&out.stderr));
        let verify = admin_env(&["db", "verify", "--against", source], &target, &[]).await;
        let shown = text(&verify.stdout);
        assert!(verify.status.success(), "{target}: {shown}");
        assert!(shown.contains("every table is the same"), "{shown}");
        let moved = Db::connect(&target).await.unwrap();
        assert_eq!(moved.get(saved.id).await.unwrap(), saved);
        // A change on one side is found.
        let hold = crt_domain::staff::StaffChange {
            comment: Some("after the move".into()),
            ..Default::default()
        };
        crt_domain::service::change_report(
            &moved,
            saved.id,
            saved.version,
            &hold,
            "ana",
            Utc::now(),
        )
        .await
        .unwrap();
        let verify = admin_env(&["db", "verify", "--against", source], &target, &[]).await;
        assert_eq!(verify.status.code(), Some(1));
        assert!(text(&verify.stdout).contains("activity\t1 rows"));
        assert!(text(&verify.stdout).contains("DIFFERENT"));
        // Importing twice is refused, with the reason.
        let again = admin_env(&["db", "import", "--in", export], &target, &[]).await;
        assert!(!again.status.success());
        assert!(
            text(&again.stderr).contains("not empty"),
            "{}",
            text(&again.stderr)
        );
        moved.close().await;
    }
    let missing = admin_env(
        &["db", "import", "--in", "/nonexistent/x.jsonl"],
        source,
        &[],
    )
    .await;
    assert!(text(&missing.stderr).contains("cannot open /nonexistent/x.jsonl"));
    db.close().await;
}

/// Runs crt-admin with only `env` (no DATABASE_URL unless given), off the
/// async runtime's threads.
async fn admin_only_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crt-admin"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in env {
        cmd.env(k, v);
    }
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

async fn the_database_comes_from_vcap_services_when_database_url_is_unset(url: String) {
    let dir = temp_dir("vcap");
    // Cloud Foundry: a bound PostgreSQL service's URI; SQLite can only
    // come as a user-provided DATABASE_URL credential.
    let vcap = if url.starts_with("postgres") {
        format!(r#"{{"aws-rds":[{{"name":"crt-db","credentials":{{"uri":"{url}"}}}}]}}"#)
    } else {
        format!(r#"{{"user-provided":[{{"credentials":{{"DATABASE_URL":"{url}"}}}}]}}"#)
    };
    // Settings unrelated to the database (no SECRET_KEY when deployed)
    // do not stop a command that only needs the database.
    let env = [("VCAP_SERVICES", vcap.as_str()), ("ENV", "PRODUCTION")];
    let out = admin_only_env(&["migrate"], &env).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("applied\tm20260101_000001_create_tables"),
        "{}",
        text(&out.stdout)
    );
    let out = admin(&["migrate", "--status"], Some(&url), None);
    assert!(
        text(&out.stdout).contains(", 0 pending"),
        "the VCAP_SERVICES database was migrated: {}",
        text(&out.stdout)
    );
    // DATABASE_URL wins over VCAP_SERVICES, and --database-url over both.
    let other = format!("sqlite://{}/other-{}.sqlite3", dir.display(), url.len());
    let with_env = [("VCAP_SERVICES", vcap.as_str()), ("DATABASE_URL", &other)];
    let out = admin_only_env(&["migrate", "--status"], &with_env).await;
    assert!(
        text(&out.stdout).contains("pending\tm20260101_000001_create_tables"),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let out = admin_only_env(&["migrate", "--status", "--database-url", &other], &env).await;
    assert!(
        text(&out.stdout).contains("pending\tm20260101_000001_create_tables"),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    // A malformed VCAP_SERVICES is named; commands without a database still run.
    let bad = [("VCAP_SERVICES", "{not json")];
    let out = admin_only_env(&["migrate", "--status"], &bad).await;
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("VCAP_SERVICES"),
        "{}",
        text(&out.stderr)
    );
    let out = admin_only_env(&["route", "--primary-complaint", "voting"], &bad).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
}
crt_persistence::per_backend!(
    the_database_comes_from_vcap_services_when_database_url_is_unset,
    file_database_url,
    tokio::test(flavor = "multi_thread", worker_threads = 2)
);

async fn tokens_are_made_listed_and_revoked(url: String) {
    let out = admin(&["user", "create", "ana", "--staff"], Some(&url), None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let made = admin(
        &[
            "token",
            "create",
            "ana",
            "--name",
            "weekly export",
            "--read-only",
            "--expires-days",
            "30",
        ],
        Some(&url),
        None,
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    let printed = text(&made.stdout);
    let secret = printed.lines().last().unwrap().to_owned();
    assert!(
        secret.starts_with("crt_") && secret.len() == 68,
        "the last line is the token: {printed}"
    );
    assert!(printed.contains("read-only"), "{printed}");
    let db = crt_persistence::Db::connect(&url).await.unwrap();
    {
        use crt_domain::ports::ApiTokenRepository;
        let stored = db.list_tokens(None).await.unwrap();
        assert_eq!(stored.len(), 1);
        assert!(
            db.use_token(&secret, chrono::Utc::now()).await.is_err(),
            "stored hashed"
        );
    }
    let listed = text(&admin(&["token", "list", "ana"], Some(&url), None).stdout);
    assert!(listed.contains("weekly export\tread-only"), "{listed}");
    assert!(listed.trim_end().ends_with("active"), "{listed}");
    assert!(!listed.contains(&secret), "never the secret");
    let id = listed
        .lines()
        .nth(1)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    let revoked = admin(&["token", "revoke", &id], Some(&url), None);
    assert!(
        text(&revoked.stdout).contains("revoked token"),
        "{}",
        text(&revoked.stderr)
    );
    let listed = text(&admin(&["token", "list"], Some(&url), None).stdout);
    assert!(listed.trim_end().ends_with("revoked"), "{listed}");
    // Clear refusals.
    let nobody = admin(&["token", "create", "bo", "--name", "x"], Some(&url), None);
    assert!(!nobody.status.success());
    assert!(
        text(&nobody.stderr).contains("no account named \"bo\""),
        "{}",
        text(&nobody.stderr)
    );
    let unknown = admin(&["token", "revoke", "999"], Some(&url), None);
    assert!(text(&unknown.stderr).contains("no token with id 999"));
    let long = admin(
        &[
            "token",
            "create",
            "ana",
            "--name",
            "x",
            "--expires-days",
            "400",
        ],
        Some(&url),
        None,
    );
    assert!(
        text(&long.stderr).contains("1 to 366 days"),
        "{}",
        text(&long.stderr)
    );
    db.close().await;
}
crt_persistence::per_backend!(tokens_are_made_listed_and_revoked, file_database_url);

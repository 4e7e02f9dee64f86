//! `crt-admin protected-class …` on both backends: dry runs change nothing,
//! retiring keeps old reports displaying the old label, merging moves links
//! and leaves no orphan, renaming never touches stored values.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::process::{Command, Output};

use chrono::{NaiveDate, Utc};
use crt_domain::{
    ports::{ProtectedClassRepository, ReportRepository},
    report::{ReportRecord, StaffFields},
    routing::assign_section,
    validation::{Answers, Context, validate_report},
};
use crt_persistence::{Db, testing::create_pg_database};

fn admin(args: &[&str], url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crt-admin"))
        .args(args)
        .env("DATABASE_URL", url)
        .env("USER", "tester")
        .output()
        .unwrap()
}

/// `crt-admin protected-class export-migration NAME --dir DIR [extra…]`.
fn export_migration(name: &str, dir: &std::path::Path, extra: &[&str], url: &str) -> Output {
    let dir = dir.to_str().unwrap();
    let mut args = vec!["protected-class", "export-migration", name, "--dir", dir];
    args.extend_from_slice(extra);
    admin(&args, url)
}

/// The values the form offers, in order.
async fn form_order(db: &crt_persistence::Db) -> Vec<String> {
    db.catalog()
        .await
        .unwrap()
        .form_choices()
        .iter()
        .map(|o| o.value.clone())
        .collect()
}

fn out(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

async fn file(db: &Db, classes: &[&str]) -> ReportRecord {
    let catalog = db.catalog().await.unwrap();
    let mut pairs = vec![
        ("servicemember", "no"),
        ("primary_complaint", "housing"),
        ("location_name", "Place"),
        ("location_city_town", "Reno"),
        ("location_state", "NV"),
        ("last_incident_month", "1"),
        ("last_incident_year", "2026"),
        ("violation_summary", "x"),
    ];
    for c in classes {
        pairs.push(("protected_class", c));
    }
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let r = validate_report(
        &Answers::from_pairs(pairs),
        Context {
            catalog: &catalog,
            today,
        },
    )
    .unwrap();
    let (s, why) = assign_section(&r);
    db.create(&r, &StaffFields::new_report(s, why), Utc::now())
        .await
        .unwrap()
}

async fn retire_restore_rename_and_dry_run(url: String) {
    let db = Db::connect(&url).await.unwrap();
    let old = file(&db, &["gun_ownership", "age"]).await;

    let list = out(&admin(&["protected-class", "list"], &url));
    assert!(
        list.contains("6\tgun_ownership\tGun ownership\tGun ownership\tactive\t1"),
        "{list}"
    );
    assert!(
        list.contains("-\tnational_origin_ancestry_ethnicity_language\t"),
        "retired shown: {list}"
    );

    let dry = out(&admin(
        &["protected-class", "retire", "gun_ownership", "--dry-run"],
        &url,
    ));
    assert!(
        dry.contains("would gun_ownership: position 6 → retired"),
        "{dry}"
    );
    assert!(dry.contains("1 report(s) keep gun_ownership"));
    assert!(
        db.catalog().await.unwrap().is_offered("gun_ownership"),
        "a dry run changes nothing"
    );

    out(&admin(
        &["protected-class", "retire", "gun_ownership"],
        &url,
    ));
    let catalog = db.catalog().await.unwrap();
    assert!(!catalog.is_offered("gun_ownership"));
    assert_eq!(
        catalog.form_choices().last().map(|o| o.value.as_str()),
        Some("other")
    );
    let back = db.get(old.id).await.unwrap();
    assert_eq!(
        back.report.protected_classes,
        ["age", "gun_ownership"],
        "the old report keeps it"
    );
    assert_eq!(catalog.label_of("gun_ownership"), "Gun ownership");

    out(&admin(
        &[
            "protected-class",
            "rename",
            "age",
            "--label",
            "Age (any age)",
        ],
        &url,
    ));
    let catalog = db.catalog().await.unwrap();
    assert_eq!(catalog.label_of("age"), "Age (any age)");
    assert_eq!(
        db.get(old.id).await.unwrap().report.protected_classes,
        ["age", "gun_ownership"],
        "stored values untouched"
    );

    out(&admin(
        &["protected-class", "restore", "gun_ownership"],
        &url,
    ));
    assert!(db.catalog().await.unwrap().is_offered("gun_ownership"));

    out(&admin(
        &[
            "protected-class",
            "add",
            "veteran",
            "--code",
            "Veteran",
            "--label",
            "Veteran status",
            "--after",
            "age",
        ],
        &url,
    ));
    let order = form_order(&db).await;
    assert_eq!(&order[..2], ["age", "veteran"]);
    out(&admin(
        &["protected-class", "reorder", "veteran", "--position", "3"],
        &url,
    ));
    let order = form_order(&db).await;
    assert_eq!(order[2], "veteran");

    // Refusals change nothing and say why.
    let bad = admin(
        &[
            "protected-class",
            "add",
            "veteran2",
            "--code",
            "Age",
            "--label",
            "x",
        ],
        &url,
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("code \"Age\" is used twice"));

    let history = out(&admin(&["protected-class", "history"], &url));
    let actions: Vec<&str> = history
        .lines()
        .map(|l| l.split('\t').nth(2).unwrap_or(""))
        .collect();
    assert_eq!(
        actions,
        ["reorder", "add", "restore", "rename", "retire"],
        "{history}"
    );
    assert!(
        history
            .lines()
            .all(|l| l.split('\t').nth(1) == Some("tester"))
    );
    db.close().await;
}
crt_persistence::per_backend!(retire_restore_rename_and_dry_run, file_database_url);

async fn merge_moves_every_report_and_leaves_no_orphan(url: String) {
    let db = Db::connect(&url).await.unwrap();
    let only_sex = file(&db, &["sex"]).await;
    let both = file(&db, &["sex", "gender"]).await;
    let dry = out(&admin(
        &[
            "protected-class",
            "merge",
            "sex",
            "--into",
            "gender",
            "--dry-run",
        ],
        &url,
    ));
    assert!(
        dry.contains("would 2 report(s) move from sex to gender"),
        "{dry}"
    );
    out(&admin(
        &["protected-class", "merge", "sex", "--into", "gender"],
        &url,
    ));
    assert_eq!(
        db.get(only_sex.id).await.unwrap().report.protected_classes,
        ["gender"]
    );
    assert_eq!(
        db.get(both.id).await.unwrap().report.protected_classes,
        ["gender"],
        "linked once"
    );
    let catalog = db.catalog().await.unwrap();
    assert!(catalog.get("sex").is_none(), "the duplicate is gone");
    let counts = crt_domain::service::CatalogAdminRepository::protected_class_report_counts(&db)
        .await
        .unwrap();
    assert_eq!(counts.get("gender"), Some(&2));
    assert_eq!(
        crt_persistence::testing::count_rows(&db, "report_protected_class").await,
        2,
        "no orphan links"
    );
    db.close().await;
}
crt_persistence::per_backend!(
    merge_moves_every_report_and_leaves_no_orphan,
    file_database_url
);

/// The statements of a generated migration file (its string literals,
/// written with Rust's escapes; the test's labels need only `\"` and `\\`).
fn statements_of(file: &str) -> Vec<String> {
    file.lines()
        .map(str::trim)
        .filter_map(|l| {
            let l = l.strip_prefix('"')?.strip_suffix("\",")?;
            Some(l.replace("\\\"", "\"").replace("\\\\", "\\"))
        })
        .collect()
}

async fn export_migration_writes_the_changes_as_code_that_replays_them(url: String) {
    let db = Db::connect(&url).await.unwrap();
    out(&admin(
        &[
            "protected-class",
            "add",
            "citizenship",
            "--code",
            "Citizenship",
            "--label",
            "Citizenship status",
            "--after",
            "age",
        ],
        &url,
    ));
    out(&admin(
        &[
            "protected-class",
            "rename",
            "sex",
            "--label",
            "Sex (including pregnancy)",
            "--code",
            "Sex",
        ],
        &url,
    ));
    out(&admin(
        &["protected-class", "retire", "gun_ownership"],
        &url,
    ));
    out(&admin(
        &[
            "protected-class",
            "add",
            "age_dup",
            "--code",
            "Age2",
            "--label",
            "Age, again",
        ],
        &url,
    ));
    let linked = file(&db, &["age_dup", "sex"]).await;
    out(&admin(
        &["protected-class", "merge", "age_dup", "--into", "age"],
        &url,
    ));
    // A chain of merges of options the migrations made, and a code
    // taken over from a renamed option (codes are unique).
    for args in [
        &["merge", "gun_ownership", "--into", "genetic"][..],
        &["merge", "genetic", "--into", "age"],
        &["rename", "religion", "--code", "Faith"],
        &[
            "add",
            "religion_new",
            "--code",
            "Religion",
            "--label",
            "Religion \"or belief\" \\ creed",
        ],
        // Labels in other languages, a quote among them.
        &[
            "translate",
            "citizenship",
            "--lang",
            "ko",
            "--label",
            "시민권 'status'",
        ],
        &["translate", "age", "--lang", "es", "--label", "Edad"],
    ] {
        let mut all = vec!["protected-class"];
        all.extend_from_slice(args);
        out(&admin(&all, &url));
    }
    // Into a copy of migrations/src/lib.rs.
    let dir = std::env::temp_dir().join(format!("crt-export-mig-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let lib = concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations/src/lib.rs");
    std::fs::copy(lib, dir.join("lib.rs")).unwrap();
    let dry = out(&export_migration(
        "catalog_review",
        &dir,
        &["--dry-run"],
        &url,
    ));
    assert!(dry.contains("dry run: would write"), "{dry}");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "a dry run writes nothing"
    );
    let bad = export_migration("Bad Name", &dir, &[], &url);
    assert!(!bad.status.success());
    let done = out(&export_migration("catalog_review", &dir, &[], &url));
    assert!(done.contains("registered it in"), "{done}");
    let written: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with("_catalog_review.rs"))
        .collect();
    assert_eq!(written.len(), 1);
    let module = written[0].trim_end_matches(".rs");
    let lib_after = std::fs::read_to_string(dir.join("lib.rs")).unwrap();
    assert!(lib_after.contains(&format!("mod {module};")));
    assert!(lib_after.contains(&format!("Box::new({module}::Migration),")));
    let text = std::fs::read_to_string(dir.join(&written[0])).unwrap();
    assert!(
        text.contains("merge age_dup into age"),
        "the history is in the file"
    );
    let statements = statements_of(&text);
    assert!(statements.len() >= 5, "{text}");
    // On fresh databases the statements make the same catalog...
    let mut fresh_urls = vec!["sqlite::memory:".to_owned()];
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL")
        && !admin.is_empty()
    {
        fresh_urls.push(create_pg_database(&admin).await.unwrap());
    }
    for fresh_url in fresh_urls {
        let fresh = Db::connect(&fresh_url).await.unwrap();
        let old = file(&fresh, &["gun_ownership", "genetic"]).await;
        fresh.run_statements(&statements).await.unwrap();
        assert_eq!(
            fresh.catalog().await.unwrap().all(),
            db.catalog().await.unwrap().all(),
            "{fresh_url}"
        );
        assert_eq!(
            fresh.catalog().await.unwrap().labels(),
            db.catalog().await.unwrap().labels(),
            "{fresh_url}: the labels in other languages too"
        );
        assert_eq!(
            fresh.catalog().await.unwrap().label_in("citizenship", "ko"),
            "시민권 'status'"
        );
        // ...and re-link reports of merged options to the survivor.
        let moved = fresh.get(old.id).await.unwrap();
        assert_eq!(
            moved.report.protected_classes,
            vec!["age".to_owned()],
            "{fresh_url}"
        );
        fresh.close().await;
    }
    // ...and where the changes were made they change nothing.
    let before = db.catalog().await.unwrap();
    db.run_statements(&statements).await.unwrap();
    assert_eq!(db.catalog().await.unwrap().all(), before.all());
    assert_eq!(db.catalog().await.unwrap().labels(), before.labels());
    let still = db.get(linked.id).await.unwrap();
    assert_eq!(
        still.report.protected_classes,
        vec!["age".to_owned(), "sex".to_owned()]
    );
    // Nothing to export on a database the migrations alone made.
    let plain_dir = dir.join("plain");
    std::fs::create_dir_all(&plain_dir).unwrap();
    let plain = format!("sqlite://{}/plain.sqlite3", plain_dir.display());
    let nothing = out(&export_migration("x", &dir, &[], &plain));
    assert!(nothing.contains("nothing to export"), "{nothing}");
    db.close().await;
}
crt_persistence::per_backend!(
    export_migration_writes_the_changes_as_code_that_replays_them,
    file_database_url
);

/// `translate` labels an option in another language (dry run first), `list
/// --lang` shows the labels, and `check-config` names an active option
/// that lacks one.
async fn translate_list_and_the_check_config_warning(url: String) {
    let db = Db::connect(&url).await.unwrap();
    let list = out(&admin(&["protected-class", "list", "--lang", "ko"], &url));
    assert!(list.contains("\tage\tAge\t나이\tactive\t"), "{list}");
    let dry = out(&admin(
        &[
            "protected-class",
            "translate",
            "age",
            "--lang",
            "es",
            "--label",
            "Edad (cualquier edad)",
            "--dry-run",
        ],
        &url,
    ));
    assert!(dry.contains("would label age in es"), "{dry}");
    assert!(dry.contains("nothing changed"), "{dry}");
    let catalog = db.catalog().await.unwrap();
    assert_ne!(catalog.label_in("age", "es"), "Edad (cualquier edad)");
    out(&admin(
        &[
            "protected-class",
            "translate",
            "age",
            "--lang",
            "es",
            "--label",
            "Edad (cualquier edad)",
        ],
        &url,
    ));
    let catalog = db.catalog().await.unwrap();
    assert_eq!(catalog.label_in("age", "es"), "Edad (cualquier edad)");
    // English is the option's own label; a language not ours is refused.
    for (lang, why) in [
        ("en", "rename"),
        ("fr", "not one of the public's languages"),
    ] {
        let refused = admin(
            &[
                "protected-class",
                "translate",
                "age",
                "--lang",
                lang,
                "--label",
                "x",
            ],
            &url,
        );
        assert!(!refused.status.success(), "{lang}");
        let err = String::from_utf8_lossy(&refused.stderr);
        assert!(err.contains(why), "{lang}: {err}");
    }
    // Everything labelled: check-config says so.
    let check = |url: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_crt-admin"))
            .arg("check-config")
            .env("DATABASE_URL", url)
            .env("AUTH_SSO_ENVIRONMENTS", "NONE")
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let ok = check(&url);
    assert!(
        ok.contains("every active option has a label in every language"),
        "{ok}"
    );
    // A new option lacks its labels: named, per language, with the command.
    out(&admin(
        &[
            "protected-class",
            "add",
            "citizenship",
            "--code",
            "Citizenship",
            "--label",
            "Citizenship",
        ],
        &url,
    ));
    let warned = check(&url);
    for lang in ["es", "zh-hant", "zh-hans", "vi", "ko", "tl"] {
        assert!(
            warned.contains(&format!(
                "WARNING protected classes without a {lang} label (the form shows English): citizenship"
            )),
            "{warned}"
        );
    }
    let list = out(&admin(&["protected-class", "list", "--lang", "vi"], &url));
    assert!(list.contains("(English: Citizenship)"), "{list}");
    db.close().await;
}
crt_persistence::per_backend!(
    translate_list_and_the_check_config_warning,
    file_database_url
);

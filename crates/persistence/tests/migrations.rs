//! Migrations: up from empty on every backend, and the protected-class
//! history of the seed replayed (an old report keeps its retired option).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use common::at;
use crt_domain::report::ReportId;
use crt_domain::{
    ports::{ProtectedClassRepository, ReportRepository},
    protected_class::ProtectedClassCatalog,
};
use crt_persistence::{Db, testing::execute};
use sea_orm::{
    ExprTrait,
    sea_query::{Expr, Query},
};

const OLD: &str = "national_origin_ancestry_ethnicity_language";

async fn migrate_up_from_empty(t: crt_persistence::testing::TestDb) {
    let before = t.db.migration_status().await.unwrap();
    assert!(
        before.len() >= 3 && before.iter().all(|m| !m.applied),
        "{}",
        t.backend
    );
    t.db.migrate().await.unwrap();
    let after = t.db.migration_status().await.unwrap();
    assert!(after.iter().all(|m| m.applied), "{}: {after:?}", t.backend);
    // Applying again is a no-op.
    t.db.migrate().await.unwrap();
    let catalog = t.db.catalog().await.unwrap();
    let expected = crt_domain::protected_class::current_catalog();
    let offered: Vec<_> = catalog
        .form_choices()
        .iter()
        .map(|o| (o.value.clone(), o.code.clone(), o.label.clone()))
        .collect();
    let wanted: Vec<_> = expected
        .form_choices()
        .iter()
        .map(|o| (o.value.clone(), o.code.clone(), o.label.clone()))
        .collect();
    assert_eq!(
        offered, wanted,
        "{}: the migrated catalog is today's list",
        t.backend
    );
}
crt_persistence::per_backend!(migrate_up_from_empty, empty_database);

async fn retired_option_stays_on_old_reports(t: crt_persistence::testing::TestDb) {
    let b = t.backend;
    // Schema and the first catalog only.
    t.db.migrate_steps(2).await.unwrap();
    let first = crt_persistence::testing::offered_values(&t.db).await;
    assert!(first.iter().any(|v| v == OLD), "{b}");
    assert!(!first.iter().any(|v| v == "language"), "{b}");
    // Filed while only the first schema existed: written with that
    // schema's columns (the repository knows today's columns).
    insert_old_report(&t.db, 1).await;

    // The rest of history: the option is retired, two take its place.
    t.db.migrate().await.unwrap();
    let now: ProtectedClassCatalog = t.db.catalog().await.unwrap();
    assert!(!now.is_offered(OLD), "{b}: the form no longer offers it");
    assert!(
        now.accepted_values().contains(&OLD),
        "{b}: the database still accepts it"
    );
    let choices: Vec<_> = now
        .form_choices()
        .iter()
        .map(|o| o.value.as_str())
        .collect();
    let lang = choices.iter().position(|v| *v == "language").unwrap();
    assert_eq!(choices[lang + 1], "national_origin");
    assert_eq!(choices.last(), Some(&"other"));

    // The old report keeps and shows it.
    let back = t.db.get(ReportId(1)).await.unwrap();
    assert_eq!(back.report.protected_classes, ["age", OLD], "{b}");
    assert_eq!(
        now.label_of(OLD),
        "National origin (including ancestry, ethnicity, and language)"
    );
    assert_eq!(now.code_of(OLD), "National origin/language");

    // A new report cannot choose it through the form.
    let answers = crt_domain::validation::Answers::from_pairs([("protected_class", OLD)]);
    let mut c = crt_domain::validation::Check::new(
        &answers,
        crt_domain::validation::Context {
            catalog: &now,
            today: common::today(),
        },
    );
    assert!(crt_domain::validation::parse_protected_classes(&mut c).is_none());
    assert_eq!(c.finish().0.len(), 1, "{b}");
}
crt_persistence::per_backend!(retired_option_stays_on_old_reports, empty_database);

/// Today's options are labelled in every language by the data migration,
/// operators change a label with the `ChangeCatalog` service (audited), and
/// a merged option's labels go with it.
async fn options_are_labelled_in_every_language(t: crt_persistence::testing::TestDb) {
    use crt_domain::service::ChangeCatalog;
    let b = t.backend;
    t.db.migrate().await.unwrap();
    let catalog = t.db.catalog().await.unwrap();
    for lang in ["es", "zh-hant", "zh-hans", "vi", "ko", "tl"] {
        assert!(
            catalog.untranslated(lang).is_empty(),
            "{b} {lang}: {:?}",
            catalog.untranslated(lang)
        );
        assert_ne!(
            catalog.label_in("disability", lang),
            catalog.label_of("disability"),
            "{b} {lang}"
        );
    }
    assert_eq!(
        catalog.label_in("disability", "en"),
        catalog.label_of("disability")
    );
    assert_eq!(
        catalog.label_in("disability", "fr"),
        catalog.label_of("disability")
    );
    let service = ChangeCatalog {
        repo: std::sync::Arc::new(t.db.clone()),
        clock: std::sync::Arc::new(crt_domain::ports::SystemClock),
    };
    // Refused: English (that is `rename`), a language not ours, a blank,
    // an unknown option.
    for (value, lang, label) in [
        ("age", "en", "Age!"),
        ("age", "fr", "Âge"),
        ("age", "es", "  "),
        ("no_such", "es", "x"),
    ] {
        assert!(
            service.translate(value, lang, label, "op").await.is_err(),
            "{b}: {value} {lang} {label:?}"
        );
    }
    let line = service
        .translate("age", "es", "Edad (años)", "op")
        .await
        .unwrap();
    assert!(line.contains("Edad (años)"), "{b}: {line}");
    let catalog = t.db.catalog().await.unwrap();
    assert_eq!(catalog.label_in("age", "es"), "Edad (años)", "{b}");
    let history = t.db.protected_class_history().await.unwrap();
    assert_eq!(history[0].action, "translate", "{b}");
    assert!(history[0].detail.contains("Edad (años)"), "{b}");
    // A new option has no labels yet: the form shows English and
    // check-config names it.
    let add = crt_domain::catalog_change::CatalogChange::Add {
        value: "citizenship".into(),
        code: "Citizenship".into(),
        label: "Citizenship".into(),
        after: None,
    };
    service.apply(&add, "op").await.unwrap();
    let catalog = t.db.catalog().await.unwrap();
    assert_eq!(catalog.label_in("citizenship", "ko"), "Citizenship", "{b}");
    assert_eq!(
        catalog
            .untranslated("ko")
            .iter()
            .map(|o| o.value.as_str())
            .collect::<Vec<_>>(),
        ["citizenship"],
        "{b}"
    );
    service
        .translate("citizenship", "ko", "시민권", "op")
        .await
        .unwrap();
    // Merged into "immigration", its labels go with the row.
    let merge = crt_domain::catalog_change::CatalogChange::Merge {
        duplicate: "citizenship".into(),
        into: "immigration".into(),
    };
    service.apply(&merge, "op").await.unwrap();
    let before = crt_persistence::testing::count_rows(&t.db, "protected_class_label").await;
    assert_eq!(
        before,
        6 * 16 + 1 - 1,
        "{b}: 16 options in 6 languages, age relabelled in place"
    );
}
crt_persistence::per_backend!(options_are_labelled_in_every_language, empty_database);

/// Inserts report `id` (a workplace report with the old option and "age")
/// using only the columns of the first schema.
async fn insert_old_report(db: &Db, id: i64) {
    let when = at(1, 9);
    let mut insert = Query::insert();
    insert
        .into_table("report")
        .columns([
            "id",
            "public_id_suffix",
            "servicemember",
            "primary_complaint",
            "location_name",
            "location_city_town",
            "location_state",
            "public_or_private_employer",
            "employer_size",
            "last_incident_month",
            "last_incident_year",
            "violation_summary",
            "intake_format",
            "language",
            "assigned_section",
            "routing_explanation",
            "status",
            "create_date",
            "modified_date",
        ])
        .values_panic([
            id.into(),
            "KTR".into(),
            "no".into(),
            "workplace".into(),
            "Depot".into(),
            "Reno".into(),
            "NV".into(),
            "private_employer".into(),
            "15_or_more".into(),
            3.into(),
            2020.into(),
            "Filed long ago.".into(),
            "web".into(),
            "en".into(),
            "ELS".into(),
            "Workplace concern: routed to Employment Litigation (ELS).".into(),
            "new".into(),
            when.into(),
            when.into(),
        ]);
    execute(db, &insert).await;
    for value in [OLD, "age"] {
        let mut link = Query::insert();
        link.into_table("report_protected_class")
            .columns(["report_id", "protected_class_id"])
            .select_from(
                Query::select()
                    .expr(Expr::val(id))
                    .column("id")
                    .from("protected_class")
                    .and_where(Expr::col("value").eq(value))
                    .to_owned(),
            )
            .expect("an INSERT … SELECT");
        execute(db, &link).await;
    }
}

async fn a_database_newer_than_the_binary_is_reported_not_hidden(
    t: crt_persistence::testing::TestDb,
) {
    t.db.migrate().await.unwrap();
    let mut insert = Query::insert();
    insert
        .into_table("seaql_migrations")
        .columns(["version", "applied_at"])
        .values_panic(["m29990101_000001_from_the_future".into(), 0i64.into()]);
    execute(&t.db, &insert).await;
    let err = t.db.migration_status().await.unwrap_err().to_string();
    assert!(
        err.contains("older than the database"),
        "{}: {err}",
        t.backend
    );
}
crt_persistence::per_backend!(
    a_database_newer_than_the_binary_is_reported_not_hidden,
    empty_database
);

//! Migrations: up from empty on every backend, and the protected-class
//! history of the seed replayed (an old report keeps its retired option).

mod common;

use common::{at, report, staff_for};
use crt_domain::{
    ports::{ProtectedClassRepository, ReportRepository},
    protected_class::ProtectedClassCatalog,
};
use crt_persistence::testing::empty_databases;

const OLD: &str = "national_origin_ancestry_ethnicity_language";

#[tokio::test]
async fn migrate_up_from_empty() {
    for t in empty_databases().await {
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
}

#[tokio::test]
async fn retired_option_stays_on_old_reports() {
    for t in empty_databases().await {
        let b = t.backend;
        // Schema and the first catalog only.
        t.db.migrate_steps(2).await.unwrap();
        let first = t.db.catalog().await.unwrap();
        assert!(first.is_offered(OLD), "{b}");
        assert!(first.get("language").is_none());
        let old_report = report(&first, "workplace", &[OLD, "age"], &[]);
        let saved =
            t.db.create(&old_report, &staff_for(&old_report), at(1, 9))
                .await
                .unwrap();

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
        let back = t.db.get(saved.id).await.unwrap();
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
}

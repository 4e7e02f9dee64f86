//! Full-text search and the other staff-list filters, on SQLite (FTS5) and
//! PostgreSQL (tsvector + GIN): both must return exactly what the query
//! language's reference semantics (`TextQuery::matches`) says.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use common::{at, report, staff_for};
use crt_domain::{
    ports::{ProtectedClassRepository, ReportFilters, ReportQuery, ReportRepository},
    search::parse,
    staff::StaffChange,
};

const CORPUS: &[&str] = &[
    "The landlord refused to rent to us because of my service dog.",
    "My landlord said no pets, even a service animal.",
    "The owner of the store followed me and called me names.",
    "Police stopped me at the bus stop for no reason.",
    "I was denied a ballot at the polling place; the parking lot was full.",
    "The school refused my son's e-mail request for accommodations.",
    "Mi casero me negó el alquiler por mi origen. Dog.",
    "Service was refused at the restaurant: \"no dogs\" they said.",
];

const QUERIES: &[&str] = &[
    "landlord",
    "LANDLORD refused",
    "\"service dog\"",
    "\"service animal\" OR \"service dog\"",
    "landlord OR owner",
    "refused -landlord",
    "stop -\"bus stop\"",
    "e-mail",
    "email",
    "negó",
    "dog OR dogs -restaurant",
    "parking lot",
    "nothing matches this",
];

async fn full_text_search_matches_the_reference_on_both_backends(
    t: crt_persistence::testing::TestDb,
) {
    let catalog = t.db.catalog().await.unwrap();
    let mut ids = Vec::new();
    for (i, text) in CORPUS.iter().enumerate() {
        let r = report(
            &catalog,
            "housing",
            &["age"],
            &[("violation_summary", text)],
        );
        ids.push(
            t.db.create(&r, &staff_for(&r), at(1 + i as u32, 9))
                .await
                .unwrap()
                .id,
        );
    }
    for q in QUERIES {
        let parsed = parse(q).unwrap();
        let expected: Vec<_> = CORPUS
            .iter()
            .zip(&ids)
            .filter(|(text, _)| parsed.matches(text))
            .map(|(_, id)| *id)
            .collect();
        let query = ReportQuery {
            filters: ReportFilters {
                violation_summary: Some(parsed),
                ..Default::default()
            },
            per_page: 100,
            ..Default::default()
        };
        let mut got: Vec<_> =
            t.db.list(&query)
                .await
                .unwrap()
                .items
                .iter()
                .map(|r| r.id)
                .collect();
        got.sort();
        assert_eq!(got, expected, "{}: {q}", t.backend);
    }
}
crt_persistence::per_backend!(full_text_search_matches_the_reference_on_both_backends);

async fn staff_summary_search_follows_updates(t: crt_persistence::testing::TestDb) {
    let catalog = t.db.catalog().await.unwrap();
    let r = report(&catalog, "voting", &["age"], &[]);
    let saved = t.db.create(&r, &staff_for(&r), at(2, 9)).await.unwrap();
    let q = |s: &str| ReportQuery {
        filters: ReportFilters {
            summary: Some(parse(s).unwrap()),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(t.db.list(&q("referral")).await.unwrap().total.value(), 0);
    let change = StaffChange {
        summary: Some("Needs referral to the county.".into()),
        ..Default::default()
    };
    crt_domain::service::change_report(&t.db, saved.id, saved.version, &change, "bo", at(3, 9))
        .await
        .unwrap();
    assert_eq!(
        t.db.list(&q("referral")).await.unwrap().total.value(),
        1,
        "{}",
        t.backend
    );
    let change = StaffChange {
        summary: Some("Closed: no jurisdiction.".into()),
        ..Default::default()
    };
    crt_domain::service::change_report(&t.db, saved.id, saved.version + 1, &change, "bo", at(4, 9))
        .await
        .unwrap();
    assert_eq!(
        t.db.list(&q("referral")).await.unwrap().total.value(),
        0,
        "{}: the old summary is no longer found",
        t.backend
    );
    assert_eq!(
        t.db.list(&q("jurisdiction")).await.unwrap().total.value(),
        1
    );
}
crt_persistence::per_backend!(staff_summary_search_follows_updates);

async fn contact_location_and_flag_filters(t: crt_persistence::testing::TestDb) {
    let b = t.backend;
    let catalog = t.db.catalog().await.unwrap();
    let a = report(
        &catalog,
        "housing",
        &["age"],
        &[
            ("contact_last_name", "O'Brien_x%"),
            ("contact_phone", "+1 (202) 555-0100"),
            ("location_city_town", "Springfield"),
        ],
    );
    let a = t.db.create(&a, &staff_for(&a), at(2, 9)).await.unwrap();
    let c = report(
        &catalog,
        "housing",
        &["age"],
        &[
            ("contact_last_name", "Smith"),
            ("contact_phone", "310.555.0199"),
            ("location_city_town", "Shelbyville"),
        ],
    );
    let c = t.db.create(&c, &staff_for(&c), at(3, 9)).await.unwrap();
    let count = |f: ReportFilters| {
        let db = t.db.clone();
        async move {
            db.list(&ReportQuery {
                filters: f,
                ..Default::default()
            })
            .await
            .unwrap()
            .total
            .value()
        }
    };
    assert_eq!(
        count(ReportFilters {
            contact_last_name: Some("brien".into()),
            ..Default::default()
        })
        .await,
        1,
        "{b}"
    );
    assert_eq!(
        count(ReportFilters {
            contact_last_name: Some("_x%".into()),
            ..Default::default()
        })
        .await,
        1,
        "{b}: % and _ literal"
    );
    assert_eq!(
        count(ReportFilters {
            contact_last_name: Some("%".into()),
            ..Default::default()
        })
        .await,
        1,
        "{b}"
    );
    assert_eq!(
        count(ReportFilters {
            contact_phone_digits: Some("2025550100".into()),
            ..Default::default()
        })
        .await,
        1,
        "{b}"
    );
    assert_eq!(
        count(ReportFilters {
            contact_phone_digits: Some("555-01".into()),
            ..Default::default()
        })
        .await,
        2,
        "{b}"
    );
    assert_eq!(
        count(ReportFilters {
            location_city_town: Some("SPRING".into()),
            ..Default::default()
        })
        .await,
        1,
        "{b}"
    );
    let hold = StaffChange {
        referred: Some(true),
        district: Some(Some("16".into())),
        ..Default::default()
    };
    crt_domain::service::change_report(&t.db, c.id, c.version, &hold, "bo", at(4, 9))
        .await
        .unwrap();
    assert_eq!(
        count(ReportFilters {
            referred: Some(true),
            ..Default::default()
        })
        .await,
        1,
        "{b}"
    );
    assert_eq!(
        count(ReportFilters {
            referred: Some(false),
            ..Default::default()
        })
        .await,
        1,
        "{b}"
    );
    assert_eq!(
        count(ReportFilters {
            district: Some("16".into()),
            ..Default::default()
        })
        .await,
        1,
        "{b}"
    );
    let _ = a;
}
crt_persistence::per_backend!(contact_location_and_flag_filters);

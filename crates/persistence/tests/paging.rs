//! The staff list's pages at scale: "continue after this report" (keyset)
//! pages equal numbered pages for every sort that allows them, a page says
//! whether another follows, and the count is exact up to the limit and
//! estimated above it. SQLite always, PostgreSQL with TEST_DATABASE_URL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use chrono::Duration;
use common::{at, report, staff_for};
use crt_domain::{
    ports::{
        Direction, EXACT_COUNT_UP_TO, EXACT_TEXT_COUNT_UP_TO, ProtectedClassRepository,
        ReportFilters, ReportQuery, ReportRepository, RepositoryError, SortField, Total,
    },
    report::{ReportId, Section, Status},
    search::parse,
};

/// Words in every test report's description.
const WORDS: &str = "refused serve";

/// 23 reports over 3 sections and statuses, several with the same
/// received time (so the tie-break by id matters).
async fn fill(t: &crt_persistence::testing::TestDb) {
    let catalog = t.db.catalog().await.unwrap();
    let concerns = ["housing", "voting", "workplace", "police", "education"];
    let mut items = Vec::new();
    for i in 0..23u32 {
        let r = report(&catalog, concerns[i as usize % 5], &["age"], &[]);
        let mut staff = staff_for(&r);
        staff.status = [Status::New, Status::Open, Status::Closed][i as usize % 3];
        // Pairs share a received time.
        let when = at(20, 0) + Duration::hours(i64::from(i / 2));
        items.push((r, staff, when));
    }
    t.db.insert_reports_bulk(&items, |_| {}).await.unwrap();
}

async fn numbered(t: &crt_persistence::testing::TestDb, q: &ReportQuery) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    for page in 1.. {
        let p = t.db.list(&ReportQuery { page, ..q.clone() }).await.unwrap();
        pages.push(p.items.iter().map(|r| r.id.0).collect());
        if !p.has_more {
            break;
        }
    }
    pages
}

async fn keyset_pages_equal_numbered_pages(t: crt_persistence::testing::TestDb) {
    fill(&t).await;
    let b = t.backend;
    use Direction::{Ascending as A, Descending as D};
    let sorts: Vec<Vec<(SortField, Direction)>> = vec![
        vec![],
        vec![(SortField::CreateDate, A)],
        vec![(SortField::Id, A)],
        vec![(SortField::Section, A), (SortField::CreateDate, D)],
        vec![(SortField::Status, D), (SortField::PrimaryComplaint, A)],
        vec![(SortField::LocationState, A)],
    ];
    for sort in sorts {
        for filters in [
            ReportFilters::default(),
            ReportFilters {
                statuses: vec![Status::New, Status::Open],
                ..Default::default()
            },
        ] {
            let q = ReportQuery {
                filters: filters.clone(),
                sort: sort.clone(),
                per_page: 4,
                ..Default::default()
            };
            let by_number = numbered(&t, &q).await;
            let mut by_cursor: Vec<Vec<i64>> = Vec::new();
            let mut after = None;
            for page in 1.. {
                let p =
                    t.db.list(&ReportQuery {
                        page,
                        after,
                        ..q.clone()
                    })
                    .await
                    .unwrap();
                by_cursor.push(p.items.iter().map(|r| r.id.0).collect());
                after = p.items.last().map(|r| r.id);
                if !p.has_more {
                    break;
                }
                assert!(page < 20, "{b}: the cursor never ends");
            }
            assert_eq!(by_cursor, by_number, "{b}: {sort:?} {filters:?}");
            let all: usize = by_number.iter().map(Vec::len).sum();
            let expected = if filters.statuses.is_empty() { 23 } else { 16 };
            assert_eq!(all, expected, "{b}: every report once");
            let mut ids: Vec<i64> = by_number.concat();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), expected, "{b}: no report on two pages");
        }
    }
    // The last page of 23 at 4 per page holds 3 and says nothing follows.
    let last =
        t.db.list(&ReportQuery {
            page: 6,
            per_page: 4,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!((last.items.len(), last.has_more), (3, false), "{b}");
    assert_eq!(last.total, Total::Exact(23), "{b}");
}
crt_persistence::per_backend!(keyset_pages_equal_numbered_pages);

async fn a_cursor_needs_a_sort_without_empty_values(t: crt_persistence::testing::TestDb) {
    fill(&t).await;
    let q = ReportQuery {
        sort: vec![(SortField::AssignedTo, Direction::Ascending)],
        after: Some(ReportId(3)),
        ..Default::default()
    };
    assert!(
        matches!(t.db.list(&q).await, Err(RepositoryError::Invalid(_))),
        "{}",
        t.backend
    );
    // A cursor naming no report leaves the page to its number.
    let first = t.db.list(&ReportQuery::default()).await.unwrap();
    let unknown =
        t.db.list(&ReportQuery {
            after: Some(ReportId(999_999)),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(unknown.items, first.items, "{}", t.backend);
}
crt_persistence::per_backend!(a_cursor_needs_a_sort_without_empty_values);

async fn counts_are_exact_up_to_the_limit_then_estimated(t: crt_persistence::testing::TestDb) {
    let b = t.backend;
    let catalog = t.db.catalog().await.unwrap();
    let n = usize::try_from(EXACT_COUNT_UP_TO).unwrap() + 5;
    let items: Vec<_> = (0..n)
        .map(|i| {
            let r = report(&catalog, "voting", &["age"], &[]);
            let mut staff = staff_for(&r);
            // 7 of them in a section of their own.
            if i < 7 {
                staff.assigned_section = Section::DisabilityRights;
            }
            (
                r,
                staff,
                at(20, 0) + Duration::seconds(i64::try_from(i).unwrap()),
            )
        })
        .collect();
    t.db.insert_reports_bulk(&items, |_| {}).await.unwrap();
    // As autovacuum does in production (and `crt-admin seed` after a load).
    t.db.analyze().await.unwrap();
    let all = t.db.list(&ReportQuery::default()).await.unwrap();
    assert_eq!(
        all.total,
        Total::About(EXACT_COUNT_UP_TO + 5),
        "{b}: the unfiltered list estimates its size"
    );
    assert!(all.has_more);
    let drs = ReportFilters {
        sections: vec![Section::DisabilityRights],
        ..Default::default()
    };
    let few =
        t.db.list(&ReportQuery {
            filters: drs,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(few.total, Total::Exact(7), "{b}");
    let not_drs = ReportFilters {
        statuses: vec![Status::New],
        ..Default::default()
    };
    let many =
        t.db.list(&ReportQuery {
            filters: not_drs,
            ..Default::default()
        })
        .await
        .unwrap();
    match (b, many.total) {
        // PostgreSQL's planner knows the table holds only such reports.
        ("postgres", Total::About(n)) => assert!(
            (EXACT_COUNT_UP_TO..=EXACT_COUNT_UP_TO + 100).contains(&n),
            "{n}"
        ),
        ("sqlite", Total::MoreThan(n)) => assert_eq!(n, EXACT_COUNT_UP_TO),
        other => panic!("{other:?}"),
    }
    assert_eq!(all.total.describe(), "about 10,000");

    // Every report matches the words: a text search counts up to its own
    // (lower) limit, and its first page is still the newest matches.
    let text = ReportQuery {
        filters: ReportFilters {
            violation_summary: Some(parse(WORDS).unwrap()),
            ..Default::default()
        },
        per_page: 5,
        ..Default::default()
    };
    let page = t.db.list(&text).await.unwrap();
    assert!(
        matches!(
            page.total,
            Total::MoreThan(EXACT_TEXT_COUNT_UP_TO) | Total::About(_)
        ),
        "{b}: {:?}",
        page.total
    );
    let newest: Vec<ReportId> = all.items.iter().take(5).map(|r| r.id).collect();
    assert_eq!(
        page.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        newest,
        "{b}: newest first"
    );
    assert!(page.has_more);
}
crt_persistence::per_backend!(counts_are_exact_up_to_the_limit_then_estimated);

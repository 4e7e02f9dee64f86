//! Tags, repeat writers and the list's counts over the real repositories,
//! on both backends: a tag's life (defined, added, refused when retired or
//! of another section, kept on hold, removed, logged, filtered), bulk
//! tagging of a search, repeat writers flagged at filing and by refresh,
//! and counts by status and section.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use common::{report, staff_for};
use crt_domain::{
    ports::{
        Clock, FixedClock, GroupBy, ProtectedClassRepository, ReportFilters, ReportQuery,
        ReportRepository, Total,
    },
    repeat_writers::Thresholds,
    report::{ReportId, Section, Status},
    service::{BulkChange, BulkTarget, ChangeReport, ChangeReportError, TagError, Triage},
    staff::{ChangeError, StaffChange},
    tags::{self, TagRef},
};
use crt_persistence::{per_backend, testing::TestDb};

fn clock() -> Arc<dyn Clock> {
    Arc::new(FixedClock(
        Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap(),
    ))
}

fn triage(t: &TestDb, thresholds: Thresholds) -> Triage {
    Triage {
        repo: Arc::new(t.db.clone()),
        thresholds,
        clock: clock(),
    }
}

async fn filed(t: &TestDb, section: Section, extra: &[(&str, &str)]) -> ReportId {
    let catalog = t.db.catalog().await.unwrap();
    let r = report(&catalog, "voting", &["race_color"], extra);
    let mut staff = staff_for(&r);
    staff.assigned_section = section;
    t.db.create(&r, &staff, clock().now()).await.unwrap().id
}

async fn change(t: &TestDb, id: ReportId, c: StaffChange) -> Result<(), ChangeReportError> {
    let one = ChangeReport {
        reports: Arc::new(t.db.clone()),
        clock: clock(),
    };
    let version = t.db.get(id).await.unwrap().version;
    one.change(id, version, &c, "ana").await.map(|_| ())
}

fn add(tag: &str) -> StaffChange {
    StaffChange {
        add_tags: vec![tags::parse(tag).unwrap()],
        ..Default::default()
    }
}

fn tagged(tag: &str) -> ReportFilters {
    ReportFilters {
        tags: vec![tag.to_owned()],
        ..Default::default()
    }
}

async fn matching(t: &TestDb, filters: ReportFilters) -> Vec<ReportId> {
    let q = ReportQuery {
        filters,
        per_page: 100,
        ..Default::default()
    };
    let mut ids: Vec<ReportId> =
        t.db.list(&q)
            .await
            .unwrap()
            .items
            .iter()
            .map(|r| r.id)
            .collect();
    ids.sort();
    ids
}

async fn a_tags_life(t: TestDb) {
    let tr = triage(&t, Thresholds::default());
    let hce = Section::HousingAndCivilEnforcement;
    tr.define(hce, "Flood-2026", "Reports after the flood")
        .await
        .unwrap();
    tr.define(Section::Criminal, "flood-2026", "")
        .await
        .unwrap();
    assert!(matches!(
        tr.define(hce, "flood-2026", "").await,
        Err(TagError::Invalid(m)) if m.contains("already")
    ));
    assert!(matches!(
        tr.define(hce, "no spaces", "").await,
        Err(TagError::Invalid(_))
    ));
    let one = filed(&t, hce, &[]).await;
    let two = filed(&t, hce, &[]).await;
    let crm = filed(&t, Section::Criminal, &[]).await;

    change(&t, one, add("HCE/flood-2026")).await.unwrap();
    let record = t.db.get(one).await.unwrap();
    assert_eq!(record.staff.tags, ["HCE/flood-2026"]);
    let log = t.db.activity(one).await.unwrap();
    assert!(
        log.iter()
            .any(|a| a.verb == "Tag added:" && a.new_value.as_deref() == Some("HCE/flood-2026"))
    );

    // Another section's tag, and an undefined one, are refused.
    let refused = change(&t, crm, add("HCE/flood-2026")).await;
    assert!(
        matches!(refused, Err(ChangeReportError::Rule(ChangeError::Invalid(m))) if m.contains("belongs to HCE"))
    );
    let refused = change(&t, two, add("HCE/never-defined")).await;
    assert!(
        matches!(refused, Err(ChangeReportError::Rule(ChangeError::Invalid(m))) if m.contains("not a tag in use"))
    );
    assert!(t.db.get(two).await.unwrap().staff.tags.is_empty());

    // Tags may change on a report on litigation hold.
    change(
        &t,
        two,
        StaffChange {
            litigation_hold: Some(true),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    change(&t, two, add("HCE/flood-2026")).await.unwrap();
    assert_eq!(matching(&t, tagged("HCE/flood-2026")).await, [one, two]);
    assert!(matching(&t, tagged("CRM/flood-2026")).await.is_empty());

    // Retired: kept on its reports, still filterable, no longer added.
    let flood = TagRef {
        section: hce,
        name: "flood-2026".into(),
    };
    assert!(tr.retire(&flood).await.unwrap());
    assert!(
        !tr.retire(&flood).await.unwrap(),
        "a second retirement changes nothing"
    );
    assert!(matches!(
        tr.retire(&tags::parse("HCE/nope").unwrap()).await,
        Err(TagError::NotFound(_))
    ));
    let three = filed(&t, hce, &[]).await;
    assert!(change(&t, three, add("HCE/flood-2026")).await.is_err());
    assert_eq!(matching(&t, tagged("HCE/flood-2026")).await, [one, two]);
    assert!(
        tr.tags_for(hce).await.unwrap().is_empty(),
        "retired tags are not offered"
    );

    change(
        &t,
        one,
        StaffChange {
            remove_tags: vec![flood.clone()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(t.db.get(one).await.unwrap().staff.tags.is_empty());
    assert!(
        t.db.activity(one)
            .await
            .unwrap()
            .iter()
            .any(|a| a.verb == "Tag removed:")
    );
}
per_backend!(a_tags_life);

async fn bulk_tagging_of_a_search(t: TestDb) {
    let tr = triage(&t, Thresholds::default());
    let vot = Section::Voting;
    tr.define(vot, "polling-place", "").await.unwrap();
    let mut ids = Vec::new();
    for city in ["Springfield", "Springfield", "Shelbyville"] {
        ids.push(filed(&t, vot, &[("location_city_town", city)]).await);
    }
    let bulk = BulkChange {
        reports: Arc::new(t.db.clone()),
        clock: clock(),
    };
    let filters = ReportFilters {
        location_city_town: Some("springfield".into()),
        ..Default::default()
    };
    let mut c = add("VOT/polling-place");
    c.comment = Some("Same polling place".into());
    let n = bulk
        .apply(BulkTarget::Matching(Box::new(filters)), &c, "ana")
        .await
        .unwrap();
    assert_eq!(n, 2);
    assert_eq!(matching(&t, tagged("VOT/polling-place")).await, ids[..2]);
}
per_backend!(bulk_tagging_of_a_search);

async fn repeat_writers_are_flagged(t: TestDb) {
    let strict = Thresholds {
        email_reports: 3,
        description_reports: 2,
    };
    let tr = triage(&t, strict);
    let text = "The officials at the polling place turned us away without a reason.";
    let mut from_writer = Vec::new();
    for (email, what) in [
        ("Writer@Example.org", "first"),
        ("writer@example.org", "second"),
        ("WRITER@example.org", "third"),
    ] {
        let text = format!("This is my {what} report about the county election office.");
        let extra = [
            ("contact_email", email),
            ("violation_summary", text.as_str()),
        ];
        let id = filed(&t, Section::Voting, &extra).await;
        // Flagged as it is filed: only the third report makes a group.
        assert_eq!(tr.flag(id).await.unwrap(), what == "third", "{what}");
        from_writer.push(id);
    }
    let [a, b, c] = from_writer[..] else {
        unreachable!()
    };
    let flagged = ReportFilters {
        repeat_writer: Some(true),
        ..Default::default()
    };
    assert_eq!(
        matching(&t, flagged.clone()).await,
        [a, b, c],
        "the whole group is flagged"
    );

    // The same description, written again with other case and punctuation.
    let d = filed(
        &t,
        Section::Voting,
        &[
            ("contact_email", "one@example.org"),
            ("violation_summary", text),
        ],
    )
    .await;
    assert!(!tr.flag(d).await.unwrap());
    let copy = "the officials at the polling place, turned us away without a reason";
    let e = filed(
        &t,
        Section::Voting,
        &[
            ("contact_email", "two@example.org"),
            ("violation_summary", copy),
        ],
    )
    .await;
    assert!(tr.flag(e).await.unwrap());
    let keys = tr.repo.description_keys(&[d, e]).await.unwrap();
    assert_eq!(keys[&d], keys[&e]);
    let same = ReportFilters {
        description_key: Some(keys[&d].clone()),
        ..Default::default()
    };
    assert_eq!(matching(&t, same).await, [d, e]);
    assert_eq!(
        tr.repo
            .description_counts(&[keys[&d].clone()])
            .await
            .unwrap()[&keys[&d]],
        2
    );

    // Raising the thresholds and refreshing takes the flags away again;
    // lowering them brings them back.
    let lax = triage(
        &t,
        Thresholds {
            email_reports: 10,
            description_reports: 10,
        },
    );
    let r = lax.refresh().await.unwrap();
    assert_eq!((r.flagged, r.unflagged), (0, 5));
    assert!(matching(&t, flagged.clone()).await.is_empty());
    let r = tr.refresh().await.unwrap();
    assert_eq!((r.flagged, r.unflagged), (5, 0));
    assert_eq!(matching(&t, flagged).await, [a, b, c, d, e]);
}
per_backend!(repeat_writers_are_flagged);

async fn counts_by_status_and_section(t: TestDb) {
    let tr = triage(&t, Thresholds::default());
    for section in [Section::Voting, Section::Voting, Section::Criminal] {
        filed(&t, section, &[]).await;
    }
    let opened = filed(&t, Section::Criminal, &[]).await;
    change(
        &t,
        opened,
        StaffChange {
            status: Some(Status::Open),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let by_status = tr
        .counts(&ReportFilters::default(), GroupBy::Status)
        .await
        .unwrap();
    assert_eq!(
        by_status,
        [
            ("new".to_owned(), Total::Exact(3)),
            ("open".to_owned(), Total::Exact(1))
        ]
    );
    let crm = ReportFilters {
        sections: vec![Section::Criminal],
        ..Default::default()
    };
    let by_section = tr.counts(&crm, GroupBy::Section).await.unwrap();
    assert_eq!(by_section, [("CRM".to_owned(), Total::Exact(2))]);
    // Past the limit, each value is counted on its own, up to the limit.
    let bounded = tr
        .repo
        .count_by(&ReportFilters::default(), GroupBy::Status, 2)
        .await
        .unwrap();
    assert_eq!(
        bounded,
        [
            ("new".to_owned(), Total::MoreThan(2)),
            ("open".to_owned(), Total::Exact(1))
        ]
    );
    let all = tr
        .counts(&ReportFilters::default(), GroupBy::Section)
        .await
        .unwrap();
    assert_eq!(
        all,
        [
            ("CRM".to_owned(), Total::Exact(2)),
            ("VOT".to_owned(), Total::Exact(2))
        ]
    );
}
per_backend!(counts_by_status_and_section);

//! Every staff-list filter and every sort column, table-driven, on SQLite
//! and PostgreSQL: each filter must select exactly the reports a plain Rust
//! predicate over the same records selects, and each sort must order them
//! as Rust does.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

mod common;

use common::{at, report, staff_for};
use crt_domain::{
    choice::Choice,
    ports::{
        AssigneeFilter, Direction, ProtectedClassRepository, ReportFilters, ReportQuery,
        ReportRepository, SortField,
    },
    report::{IntakeFormat, PrimaryComplaint, ReportRecord, Section, Status, YesNo},
    staff::StaffChange,
};

type Predicate = fn(&ReportRecord) -> bool;
/// (primary concern, classes, extra answers)
type Spec = (
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
);

async fn every_filter_selects_what_it_says(t: crt_persistence::testing::TestDb) {
    let b = t.backend;
    let catalog = t.db.catalog().await.unwrap();
    let specs: [Spec; 6] = [
        (
            "housing",
            &["age"],
            &[
                ("contact_first_name", "Ana"),
                ("contact_last_name", "Lopez"),
                ("contact_phone", "202-555-0100"),
                ("location_state", "IL"),
                ("location_name", "Oak Apartments"),
            ],
        ),
        (
            "voting",
            &["disability"],
            &[
                ("servicemember", "yes"),
                ("contact_first_name", "Bo"),
                ("location_city_town", "Reno"),
                ("location_state", "NV"),
            ],
        ),
        (
            "workplace",
            &["immigration", "language"],
            &[("contact_email", "")],
        ),
        (
            "police",
            &["race_color"],
            &[
                ("contact_last_name", "Nguyen"),
                ("location_name", "County Jail"),
            ],
        ),
        ("education", &["sex"], &[]),
        (
            "something_else",
            &["gun_ownership"],
            &[("contact_phone", "")],
        ),
    ];
    for (i, (p, classes, extra)) in specs.iter().enumerate() {
        let mut r = report(&catalog, p, classes, extra);
        if i == 4 {
            r.intake_format = IntakeFormat::Phone;
        }
        let saved =
            t.db.create(&r, &staff_for(&r), at(10 + i as u32, 9))
                .await
                .unwrap();
        // Staff work on some of them.
        let change = match i {
            0 => Some(StaffChange {
                status: Some(Status::Open),
                assigned_to: Some(Some("ana".into())),
                primary_statute: Some(Some("144".into())),
                ..Default::default()
            }),
            1 => Some(StaffChange {
                status: Some(Status::Closed),
                referred: Some(true),
                district: Some(Some("46".into())),
                ..Default::default()
            }),
            3 => Some(StaffChange {
                litigation_hold: Some(true),
                ..Default::default()
            }),
            _ => None,
        };
        if let Some(c) = change {
            crt_domain::service::change_report(
                &t.db,
                saved.id,
                saved.version,
                &c,
                "bo",
                at(20 + i as u32, 9),
            )
            .await
            .unwrap();
        }
    }
    let all =
        t.db.list(&ReportQuery {
            per_page: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .items;
    assert_eq!(all.len(), 6);
    let cases: Vec<(&str, ReportFilters, Predicate)> = vec![
        (
            "sections",
            ReportFilters {
                sections: vec![
                    Section::HousingAndCivilEnforcement,
                    Section::DisabilityRights,
                ],
                ..Default::default()
            },
            |r| {
                matches!(
                    r.staff.assigned_section,
                    Section::HousingAndCivilEnforcement | Section::DisabilityRights
                )
            },
        ),
        (
            "statuses",
            ReportFilters {
                statuses: vec![Status::Open, Status::Closed],
                ..Default::default()
            },
            |r| r.staff.status != Status::New,
        ),
        (
            "assigned_to user",
            ReportFilters {
                assigned_to: Some(AssigneeFilter::User("ana".into())),
                ..Default::default()
            },
            |r| r.staff.assigned_to.as_deref() == Some("ana"),
        ),
        (
            "unassigned",
            ReportFilters {
                assigned_to: Some(AssigneeFilter::Unassigned),
                ..Default::default()
            },
            |r| r.staff.assigned_to.is_none(),
        ),
        (
            "primary_complaint",
            ReportFilters {
                primary_complaints: vec![PrimaryComplaint::Police],
                ..Default::default()
            },
            |r| r.report.primary_complaint() == PrimaryComplaint::Police,
        ),
        (
            "protected_class",
            ReportFilters {
                protected_classes: vec!["language".into(), "sex".into()],
                ..Default::default()
            },
            |r| r.report.has_class("language") || r.report.has_class("sex"),
        ),
        (
            "location_state",
            ReportFilters {
                location_state: Some("NV".into()),
                ..Default::default()
            },
            |r| r.report.location.state.as_str() == "NV",
        ),
        (
            "location_city_town",
            ReportFilters {
                location_city_town: Some("ren".into()),
                ..Default::default()
            },
            |r| r.report.location.city_town.to_lowercase().contains("ren"),
        ),
        (
            "location_name",
            ReportFilters {
                location_name: Some("JAIL".into()),
                ..Default::default()
            },
            |r| r.report.location.name.to_lowercase().contains("jail"),
        ),
        (
            "contact_first_name",
            ReportFilters {
                contact_first_name: Some("an".into()),
                ..Default::default()
            },
            |r| {
                r.report
                    .contact
                    .first_name
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains("an"))
            },
        ),
        (
            "contact_last_name",
            ReportFilters {
                contact_last_name: Some("nguyen".into()),
                ..Default::default()
            },
            |r| r.report.contact.last_name.as_deref() == Some("Nguyen"),
        ),
        (
            "contact_email",
            ReportFilters {
                contact_email: Some("ANA.LOPEZ@example.ORG".into()),
                ..Default::default()
            },
            |r| {
                r.report
                    .contact
                    .email
                    .as_ref()
                    .is_some_and(|e| e.as_str().eq_ignore_ascii_case("ana.lopez@example.org"))
            },
        ),
        (
            "contact_phone digits",
            ReportFilters {
                contact_phone_digits: Some("2025550100".into()),
                ..Default::default()
            },
            |r| {
                r.report
                    .contact
                    .phone
                    .as_ref()
                    .is_some_and(|p| p.digits().contains("2025550100"))
            },
        ),
        (
            "intake_format",
            ReportFilters {
                intake_formats: vec![IntakeFormat::Phone],
                ..Default::default()
            },
            |r| r.report.intake_format == IntakeFormat::Phone,
        ),
        (
            "servicemember",
            ReportFilters {
                servicemember: Some(YesNo::Yes),
                ..Default::default()
            },
            |r| r.report.servicemember == YesNo::Yes,
        ),
        (
            "referred",
            ReportFilters {
                referred: Some(true),
                ..Default::default()
            },
            |r| r.staff.referred,
        ),
        (
            "litigation_hold",
            ReportFilters {
                litigation_hold: Some(true),
                ..Default::default()
            },
            |r| r.staff.litigation_hold,
        ),
        (
            "primary_statute",
            ReportFilters {
                primary_statute: Some("144".into()),
                ..Default::default()
            },
            |r| r.staff.primary_statute.as_deref() == Some("144"),
        ),
        (
            "district",
            ReportFilters {
                district: Some("46".into()),
                ..Default::default()
            },
            |r| r.staff.district.as_deref() == Some("46"),
        ),
        (
            "created range",
            ReportFilters {
                created_from: Some(at(11, 0)),
                created_before: Some(at(13, 0)),
                ..Default::default()
            },
            |r| r.create_date >= at(11, 0) && r.create_date < at(13, 0),
        ),
        (
            "closed range",
            ReportFilters {
                closed_from: Some(at(21, 0)),
                closed_before: Some(at(22, 0)),
                ..Default::default()
            },
            |r| {
                r.staff
                    .closed_date
                    .is_some_and(|d| d >= at(21, 0) && d < at(22, 0))
            },
        ),
        (
            "public_id",
            ReportFilters {
                public_id: Some(all[2].public_id.clone()),
                ..Default::default()
            },
            |_| false,
        ),
    ];
    for (name, filters, pred) in cases {
        let mut want: Vec<_> = all.iter().filter(|r| pred(r)).map(|r| r.id).collect();
        if name == "public_id" {
            want = vec![all[2].id];
        }
        let mut got: Vec<_> =
            t.db.list(&ReportQuery {
                filters,
                per_page: 100,
                ..Default::default()
            })
            .await
            .unwrap()
            .items
            .iter()
            .map(|r| r.id)
            .collect();
        want.sort();
        got.sort();
        assert!(
            !want.is_empty(),
            "{name}: the fixture should match something"
        );
        assert!(
            want.len() < all.len() || name == "unassigned",
            "{name}: the fixture should exclude something"
        );
        assert_eq!(got, want, "{b}: filter {name}");
    }
}
crt_persistence::per_backend!(every_filter_selects_what_it_says);

async fn every_sort_column_in_both_directions(t: crt_persistence::testing::TestDb) {
    let catalog = t.db.catalog().await.unwrap();
    let rows: [(&str, &str, &str, &str); 4] = [
        ("housing", "Zed", "WY", "Albany"),
        ("voting", "Adams", "AK", "Reno"),
        ("police", "Moss", "MD", "Boise"),
        ("workplace", "Baker", "CA", "Camden"),
    ];
    for (i, (p, last, state, city)) in rows.iter().enumerate() {
        let r = report(
            &catalog,
            p,
            &["age"],
            &[
                ("contact_last_name", last),
                ("location_state", state),
                ("location_city_town", city),
            ],
        );
        let s =
            t.db.create(&r, &staff_for(&r), at(3 + (i as u32 * 5) % 17, 9))
                .await
                .unwrap();
        if i % 2 == 0 {
            let c = StaffChange {
                status: Some(Status::Open),
                assigned_to: Some(Some(format!("user{}", 9 - i))),
                ..Default::default()
            };
            crt_domain::service::change_report(&t.db, s.id, s.version, &c, "x", at(24, 9))
                .await
                .unwrap();
        }
    }
    let all =
        t.db.list(&ReportQuery {
            per_page: 100,
            ..Default::default()
        })
        .await
        .unwrap()
        .items;
    let key = |f: SortField, r: &ReportRecord| -> String {
        match f {
            SortField::CreateDate => r.create_date.to_rfc3339(),
            SortField::Id => format!("{:010}", r.id.0),
            SortField::Section => r.staff.assigned_section.value().into(),
            SortField::Status => r.staff.status.value().into(),
            SortField::AssignedTo => r.staff.assigned_to.clone().unwrap_or_default(),
            SortField::PrimaryComplaint => r.report.primary_complaint().value().into(),
            SortField::LocationState => r.report.location.state.as_str().into(),
            SortField::LocationCity => r.report.location.city_town.clone(),
            SortField::ContactLastName => r.report.contact.last_name.clone().unwrap_or_default(),
        }
    };
    for f in [
        SortField::CreateDate,
        SortField::Id,
        SortField::Section,
        SortField::Status,
        SortField::AssignedTo,
        SortField::PrimaryComplaint,
        SortField::LocationState,
        SortField::LocationCity,
        SortField::ContactLastName,
    ] {
        for dir in [Direction::Ascending, Direction::Descending] {
            let q = ReportQuery {
                sort: vec![(f, dir), (SortField::Id, Direction::Ascending)],
                per_page: 100,
                ..Default::default()
            };
            let got: Vec<_> =
                t.db.list(&q)
                    .await
                    .unwrap()
                    .items
                    .iter()
                    .map(|r| r.id)
                    .collect();
            let mut want: Vec<_> = all.clone();
            want.sort_by(|a, b| {
                let (ka, kb) = (key(f, a), key(f, b));
                // Empty values (NULL) come last in both directions.
                let o = match (ka.is_empty(), kb.is_empty()) {
                    (true, false) => std::cmp::Ordering::Greater,
                    (false, true) => std::cmp::Ordering::Less,
                    _ if dir == Direction::Descending => kb.cmp(&ka),
                    _ => ka.cmp(&kb),
                };
                o.then(a.id.cmp(&b.id))
            });
            let want: Vec<_> = want.iter().map(|r| r.id).collect();
            assert_eq!(got, want, "{}: {f:?} {dir:?}", t.backend);
        }
    }
}
crt_persistence::per_backend!(every_sort_column_in_both_directions);

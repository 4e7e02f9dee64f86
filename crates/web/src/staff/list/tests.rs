//! The staff list's query parsing.
use super::*;
use crt_domain::ports::{AssigneeFilter, Direction, SortField};

fn pairs(s: &[(&str, &str)]) -> Vec<(String, String)> {
    s.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn filters_sort_and_paging() {
    let (q, problems) = parse_query(&pairs(&[
        ("assigned_section", "CRM"),
        ("assigned_section", "VOT"),
        ("status", "open"),
        ("sort", "-assigned_section,create_date"),
        ("per_page", "50"),
        ("page", "3"),
        ("utm_source", "ignored"),
        ("assigned_to", "(none)"),
    ]));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(q.filters.sections, [Section::Criminal, Section::Voting]);
    assert_eq!(q.filters.statuses, [Status::Open]);
    assert_eq!(
        q.sort,
        [
            (SortField::Section, Direction::Descending),
            (SortField::CreateDate, Direction::Ascending)
        ]
    );
    assert_eq!((q.page, q.per_page), (3, 50));
    assert_eq!(q.filters.assigned_to, Some(AssigneeFilter::Unassigned));
}

#[test]
fn malformed_values_are_named() {
    let (q, problems) = parse_query(&pairs(&[
        ("assigned_section", "XYZ"),
        ("per_page", "7"),
        ("page", "0"),
        ("create_date_start", "yesterday"),
        ("sort", "password"),
        ("public_id", "12"),
        ("page", "99999999999999999"),
    ]));
    assert_eq!(problems.len(), 7, "{problems:?}");
    assert_eq!((q.page, q.per_page), (1, 15), "defaults kept");
}

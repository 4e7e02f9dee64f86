//! The staff list's query language: its query string read into a
//! [`ReportQuery`] (filters, sort and paging), each problem named for the
//! page or the API's answer. The list page, the bulk form, `GET
//! /api/reports` and saved searches (opened on the page, or read by the
//! notifications and automatic actions) all read it here.

use crate::{
    choice::Choice,
    fields::names,
    ports::{AssigneeFilter, Direction, ReportFilters, ReportQuery, SortField, keyset_sortable},
    report::{IntakeFormat, PrimaryComplaint, ReportId, Section, Status, YesNo},
    search,
    values::PublicId,
};
use chrono::{NaiveDate, TimeZone, Utc};

/// Rows per page the list offers.
pub const PER_PAGE: [u64; 4] = [15, 25, 50, 100];

fn sort_field(name: &str) -> Option<SortField> {
    Some(match name {
        "create_date" => SortField::CreateDate,
        "id" | "public_id" => SortField::Id,
        "assigned_section" => SortField::Section,
        "status" => SortField::Status,
        "assigned_to" => SortField::AssignedTo,
        names::PRIMARY_COMPLAINT => SortField::PrimaryComplaint,
        names::LOCATION_STATE => SortField::LocationState,
        names::LOCATION_CITY_TOWN => SortField::LocationCity,
        names::CONTACT_LAST_NAME => SortField::ContactLastName,
        _ => return None,
    })
}

fn date(v: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()
}

fn yes_no(v: &str) -> Option<bool> {
    match v {
        "yes" | "true" | "1" => Some(true),
        "no" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// The word that stands for the person reading the list in
/// `assigned_to=` (so one saved search serves each of its readers).
pub const ME: &str = "(me)";

/// The query with `assigned_to=(me)` made `username`.
pub fn resolve_me(pairs: &[(String, String)], username: &str) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| {
            if k == "assigned_to" && v.trim() == ME {
                (k.clone(), username.to_owned())
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect()
}

/// Which page sizes a reader accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PerPage {
    /// The list page's choices ([`PER_PAGE`]).
    Offered,
    /// Any size from 1 to this (the API).
    UpTo(u64),
}

/// Builds the repository query from query-string pairs; problems are
/// returned as "name: message" (the rest of the query still applies).
pub fn parse_query(pairs: &[(String, String)]) -> (ReportQuery, Vec<String>) {
    let (q, problems) = parse_query_with(pairs, PerPage::Offered);
    let problems = problems
        .into_iter()
        .map(|(k, what)| format!("{k}: {what}"))
        .collect();
    (q, problems)
}

/// The one reader of the staff list's filters, sort and paging (the list
/// page, the bulk form and `GET /api/reports`): the query, and each
/// problem as (parameter, message).
pub fn parse_query_with(
    pairs: &[(String, String)],
    per_page: PerPage,
) -> (ReportQuery, Vec<(String, String)>) {
    let mut q = ReportQuery::default();
    let mut problems = Vec::new();
    let mut f = ReportFilters::default();
    for (k, v) in pairs {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        let mut bad = |what: &str| problems.push((k.clone(), what.to_owned()));
        match k.as_str() {
            "assigned_section" => match Section::from_value(v) {
                Some(s) => f.sections.push(s),
                None => bad("not a section code"),
            },
            "status" => match Status::from_value(v) {
                Some(s) => f.statuses.push(s),
                None => bad("not a status"),
            },
            names::PRIMARY_COMPLAINT => match PrimaryComplaint::from_value(v) {
                Some(p) => f.primary_complaints.push(p),
                None => bad("not a primary concern"),
            },
            "assigned_to" => {
                f.assigned_to = Some(if v == "(none)" {
                    AssigneeFilter::Unassigned
                } else {
                    AssigneeFilter::User(v.to_owned())
                })
            }
            names::PROTECTED_CLASS => f.protected_classes.push(v.to_owned()),
            names::LOCATION_STATE => f.location_state = Some(v.to_ascii_uppercase()),
            names::CONTACT_EMAIL => f.contact_email = Some(v.to_owned()),
            "public_id" => match PublicId::parse(v) {
                Ok(p) => f.public_id = Some(p),
                Err(e) => bad(e.0),
            },
            "create_date_start" => match date(v) {
                Some(d) => {
                    f.created_from =
                        Some(Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN)))
                }
                None => bad("use YYYY-MM-DD"),
            },
            "create_date_end" => match date(v).and_then(|d| d.succ_opt()) {
                Some(d) => {
                    f.created_before =
                        Some(Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN)))
                }
                None => bad("use YYYY-MM-DD"),
            },
            "closed_date_start" => match date(v) {
                Some(d) => {
                    f.closed_from = Some(Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN)))
                }
                None => bad("use YYYY-MM-DD"),
            },
            "closed_date_end" => match date(v).and_then(|d| d.succ_opt()) {
                Some(d) => {
                    f.closed_before =
                        Some(Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN)))
                }
                None => bad("use YYYY-MM-DD"),
            },
            names::CONTACT_FIRST_NAME => f.contact_first_name = Some(v.to_owned()),
            names::CONTACT_LAST_NAME => f.contact_last_name = Some(v.to_owned()),
            names::CONTACT_PHONE => {
                if v.chars().any(|c| c.is_ascii_digit()) {
                    f.contact_phone_digits = Some(v.to_owned())
                } else {
                    bad("give some digits")
                }
            }
            names::LOCATION_CITY_TOWN => f.location_city_town = Some(v.to_owned()),
            names::LOCATION_NAME => f.location_name = Some(v.to_owned()),
            "intake_format" => match IntakeFormat::from_value(v) {
                Some(x) => f.intake_formats.push(x),
                None => bad("not an intake format"),
            },
            "language" => match v.to_ascii_lowercase() {
                l if crate::report::is_language(&l) => f.languages.push(l),
                _ => {
                    bad("not one of the portal's languages (en, es, zh-hant, zh-hans, vi, ko, tl)")
                }
            },
            names::SERVICEMEMBER => match YesNo::from_value(v) {
                Some(x) => f.servicemember = Some(x),
                None => bad("yes or no"),
            },
            "referred" | "litigation_hold" => match (yes_no(v), k.as_str()) {
                (Some(b), "referred") => f.referred = Some(b),
                (Some(b), _) => f.litigation_hold = Some(b),
                (None, _) => bad("yes or no"),
            },
            "retention_schedule" => match crate::retention::parse_code(v) {
                Ok(code) => f.retention_schedule = Some(code),
                Err(e) => bad(e),
            },
            "due_for_disposal" => match v {
                "yes" | "true" | "1" | "on" => f.due_for_disposal = true,
                "no" | "false" | "0" => {}
                _ => bad("yes or no"),
            },
            "tag" => match crate::tags::parse(v) {
                Ok(t) => f.tags.push(t.qualified()),
                Err(e) => bad(&e),
            },
            "repeat_writer" => match yes_no(v) {
                Some(b) => f.repeat_writer = Some(b),
                None => bad("yes or no"),
            },
            "description_key" => {
                if v.len() == 64 && v.chars().all(|c| c.is_ascii_hexdigit()) {
                    f.description_key = Some(v.to_ascii_lowercase());
                } else {
                    bad("the key of a description, as a report's page links to it")
                }
            }
            "primary_statute" => f.primary_statute = Some(v.to_owned()),
            "district" => f.district = Some(v.to_owned()),
            names::VIOLATION_SUMMARY | "summary" => match search::parse(v) {
                Ok(q) if k == "summary" => f.summary = Some(q),
                Ok(q) => f.violation_summary = Some(q),
                Err(e) => bad(e.0),
            },
            "sort" => {
                for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    let (dir, name) = match part.strip_prefix('-') {
                        Some(n) => (Direction::Descending, n),
                        None => (Direction::Ascending, part),
                    };
                    match sort_field(name) {
                        Some(field) => q.sort.push((field, dir)),
                        None => bad("unknown column"),
                    }
                }
            }
            "page" => match v.parse::<u64>() {
                Ok(n) if (1..=1_000_000).contains(&n) => q.page = n,
                _ => bad("a page number is between 1 and 1,000,000"),
            },
            "after" => match v.parse::<i64>() {
                Ok(n) if n > 0 => q.after = Some(ReportId(n)),
                _ => bad("the number of the last report of the previous page"),
            },
            "per_page" => match (v.parse::<u64>(), per_page) {
                (Ok(n), PerPage::Offered) if PER_PAGE.contains(&n) => q.per_page = n,
                (_, PerPage::Offered) => bad("choose 15, 25, 50 or 100"),
                (Ok(n), PerPage::UpTo(max)) if (1..=max).contains(&n) => q.per_page = n,
                (_, PerPage::UpTo(max)) => bad(&format!("a page holds 1 to {max} reports")),
            },
            _ => {} // unknown parameters are ignored
        }
    }
    q.filters = f;
    if q.after.is_some() && !keyset_sortable(&q.sort) {
        q.after = None;
        problems.push((
            "after".to_owned(),
            "a list sorted by assignee or contact name goes by page number only".to_owned(),
        ));
    }
    (q, problems)
}

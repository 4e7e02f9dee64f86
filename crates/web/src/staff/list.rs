//! `/form/view/`: the report list with filters, sorting and paging, all in
//! the query string so a search can be bookmarked. Unknown parameters are
//! ignored; malformed ones are named on the page, never a 500.

use chrono::{NaiveDate, TimeZone, Utc};
use crt_domain::{
    choice::Choice,
    fields::names,
    ports::{
        AssigneeFilter, Direction, ReportFilters, ReportQuery, ReportRepository, SortField, Total,
        keyset_sortable,
    },
    protected_class::OTHER,
    report::{IntakeFormat, PrimaryComplaint, ReportId, Section, Status, YesNo},
    search,
    values::PublicId,
};
use poem::{handler, http::StatusCode, web::Data};
use serde::Serialize;
use tera::Context;

use super::auth::Staff;
use crate::{AppState, error::WebResult, extract::QueryPairs};

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
            "language" => match crt_i18n::language(v) {
                Some(l) => f.languages.push(l.code.to_owned()),
                None => {
                    bad("not one of the portal's languages (en, es, zh-hant, zh-hans, vi, ko, tl)")
                }
            },
            names::SERVICEMEMBER => match YesNo::from_value(v) {
                Some(x) => f.servicemember = Some(x),
                None => bad("yes or no"),
            },
            "referred" | "litigation_hold" => {
                let b = match v {
                    "yes" | "true" | "1" => Some(true),
                    "no" | "false" | "0" => Some(false),
                    _ => None,
                };
                match (b, k.as_str()) {
                    (Some(b), "referred") => f.referred = Some(b),
                    (Some(b), _) => f.litigation_hold = Some(b),
                    (None, _) => bad("yes or no"),
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

#[derive(Serialize)]
struct Row {
    id: i64,
    public_id: String,
    received: String,
    section: &'static str,
    status: &'static str,
    assigned_to: String,
    primary_complaint: &'static str,
    /// The language the report was filed in (English name).
    language: &'static str,
    location: String,
    contact_name: String,
    classes: Vec<String>,
    /// Reports (this one included) with the same contact e-mail; 0 without one.
    email_count: u64,
}

/// `GET /form/view/`
#[handler]
pub async fn list(
    staff: Staff,
    QueryPairs(pairs): QueryPairs,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    let (query, problems) = parse_query(&pairs);
    let page = state.db.list(&query).await?;
    let catalog = state.catalog.get(&state.db).await?;
    let emails: Vec<String> = page
        .items
        .iter()
        .filter_map(|r| {
            r.report
                .contact
                .email
                .as_ref()
                .map(|e| e.as_str().to_owned())
        })
        .collect();
    let counts = state.db.email_counts(&emails).await?;
    let rows: Vec<Row> = page
        .items
        .iter()
        .map(|r| {
            let c = &r.report.contact;
            Row {
                id: r.id.0,
                public_id: r.public_id.to_string(),
                received: r.create_date.format("%Y-%m-%d %H:%M").to_string(),
                section: r.staff.assigned_section.value(),
                status: r.staff.status.label(),
                assigned_to: r.staff.assigned_to.clone().unwrap_or_default(),
                primary_complaint: r.report.primary_complaint().label(),
                language: crt_i18n::language(&r.report.language)
                    .map_or("Unknown", |l| l.english_name),
                location: format!(
                    "{}, {}",
                    r.report.location.city_town, r.report.location.state
                ),
                contact_name: [c.first_name.as_deref(), c.last_name.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
                classes: r
                    .report
                    .protected_classes
                    .iter()
                    .map(|v| {
                        if v == OTHER {
                            format!("Other: {}", r.report.other_class.as_deref().unwrap_or(""))
                        } else {
                            catalog.code_of(v).to_owned()
                        }
                    })
                    .collect(),
                email_count: c
                    .email
                    .as_ref()
                    .and_then(|e| counts.get(&e.as_str().to_lowercase()))
                    .copied()
                    .unwrap_or(0),
            }
        })
        .collect();
    // The exact number of pages when the count is exact; otherwise the
    // pages end where a page says nothing follows.
    let pages = match page.total {
        Total::Exact(n) => Some(n.div_ceil(page.per_page).max(1)),
        _ => None,
    };
    // "Next page" continues after this page's last report, so a deep page
    // costs what the first does.
    let next_after = page
        .items
        .last()
        .filter(|_| page.has_more && keyset_sortable(&query.sort))
        .map(|r| r.id.0);
    let keep: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != "page" && k != "after")
        .cloned()
        .collect();
    let base_query: String = keep
        .iter()
        .map(|(k, v)| format!("{}={}&", enc(k), enc(v)))
        .collect();
    let mut ctx = Context::new();
    ctx.insert("page_title", "Reports");
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("rows", &rows);
    ctx.insert("total", &page.total.value());
    ctx.insert("total_text", &page.total.describe());
    ctx.insert("page", &page.page);
    ctx.insert("pages", &pages);
    ctx.insert("has_more", &page.has_more);
    ctx.insert("next_after", &next_after);
    ctx.insert("per_page", &page.per_page);
    ctx.insert("base_query", &base_query);
    ctx.insert("return_query", base_query.trim_end_matches('&'));
    // Column headers sort by their column; a second click reverses.
    let current_sort = pairs
        .iter()
        .find(|(k, _)| k == "sort")
        .map(|(_, v)| v.split(',').next().unwrap_or("").trim().to_owned());
    let without_sort: String = keep
        .iter()
        .filter(|(k, _)| k != "sort")
        .map(|(k, v)| format!("{}={}&", enc(k), enc(v)))
        .collect();
    let columns: Vec<serde_json::Value> = [
        ("Record", Some("id")),
        ("Received", Some("create_date")),
        ("Section", Some("assigned_section")),
        ("Status", Some("status")),
        ("Assignee", Some("assigned_to")),
        ("Primary concern", Some(names::PRIMARY_COMPLAINT)),
        ("Language", None),
        ("Location", Some(names::LOCATION_CITY_TOWN)),
        ("Contact", Some(names::CONTACT_LAST_NAME)),
        ("Classes", None),
        ("Reports from this e-mail", None),
    ]
    .into_iter()
    .map(|(label, field)| match field {
        None => serde_json::json!({"label": label}),
        Some(f) => {
            // The list's default is newest first.
            let cur = current_sort.clone().filter(|c| !c.is_empty()).unwrap_or_else(|| "-create_date".into());
            let (aria, next) = if cur == f {
                ("ascending", format!("-{f}"))
            } else if cur == format!("-{f}") {
                ("descending", f.to_owned())
            } else {
                ("none", f.to_owned())
            };
            serde_json::json!({"label": label, "href": format!("/form/view/?{without_sort}sort={next}"), "aria": aria})
        }
    })
    .collect();
    ctx.insert("columns", &columns);
    ctx.insert("per_page_options", &PER_PAGE);
    ctx.insert(
        "without_per_page",
        &keep
            .iter()
            .filter(|(k, _)| k != "per_page")
            .map(|(k, v)| format!("{}={}&", enc(k), enc(v)))
            .collect::<String>(),
    );
    ctx.insert(
        "statutes",
        &crt_domain::reference::statutes()
            .iter()
            .map(|(c, _)| *c)
            .collect::<Vec<_>>(),
    );
    ctx.insert("max_bulk", &crt_domain::service::MAX_BULK);
    ctx.insert("problems", &problems);
    ctx.insert(
        "sections",
        &Section::ALL
            .iter()
            .map(|s| (s.value(), s.label()))
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "statuses",
        &Status::ALL
            .iter()
            .map(|s| (s.value(), s.label()))
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "languages",
        &crt_i18n::LANGUAGES
            .iter()
            .map(|l| (l.code, l.english_name))
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "intake_formats",
        &IntakeFormat::ALL
            .iter()
            .map(|s| (s.value(), s.label()))
            .collect::<Vec<_>>(),
    );
    // Every filter the form shows, "" when not given (templates may not
    // touch undefined values).
    let first = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map_or("", |(_, v)| v.as_str())
    };
    let filters: std::collections::BTreeMap<&str, &str> = [
        "assigned_section",
        "status",
        "public_id",
        "intake_format",
        "language",
        names::CONTACT_EMAIL,
        names::VIOLATION_SUMMARY,
        names::CONTACT_LAST_NAME,
        names::LOCATION_CITY_TOWN,
    ]
    .into_iter()
    .map(|k| (k, first(k)))
    .collect();
    ctx.insert("filters", &filters);
    state.page(StatusCode::OK, "crt/list.html", &ctx)
}

/// Everything but unreserved characters escaped (RFC 3986).
const QUERY_ESCAPES: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn enc(s: &str) -> percent_encoding::PercentEncode<'_> {
    percent_encoding::utf8_percent_encode(s, QUERY_ESCAPES)
}

#[cfg(test)]
mod tests;

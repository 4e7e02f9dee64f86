//! `/form/view/`: the report list with filters, sorting and paging, all in
//! the query string so a search can be bookmarked. Unknown parameters are
//! ignored; malformed ones are named on the page, never a 500.

use crt_domain::{
    choice::Choice,
    fields::names,
    ports::{ReportRepository, Total, keyset_sortable},
    protected_class::OTHER,
    report::{IntakeFormat, Section, Status},
};
use poem::{handler, http::StatusCode, web::Data};
use serde::Serialize;
use tera::Context;

use super::auth::Staff;
use crate::{AppState, error::WebResult, extract::QueryPairs};

mod query;
pub use query::{PER_PAGE, PerPage, parse_query, parse_query_with};

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
    /// Files kept with the report.
    files: u64,
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
    let ids: Vec<_> = page.items.iter().map(|r| r.id).collect();
    let files = crt_domain::ports::AttachmentRepository::attachment_counts(&state.db, &ids).await?;
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
                files: files.get(&r.id).copied().unwrap_or(0),
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
        ("Files", None),
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
        "retention_schedule",
        "due_for_disposal",
    ]
    .into_iter()
    .map(|k| (k, first(k)))
    .collect();
    ctx.insert("filters", &filters);
    let schedules = state
        .services
        .retention
        .schedules()
        .await
        .map_err(|e| crate::error::WebError::internal("reading retention schedules", e))?;
    ctx.insert(
        "schedules",
        &schedules
            .iter()
            .map(|s| (s.code.as_str(), s.active))
            .collect::<Vec<_>>(),
    );
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

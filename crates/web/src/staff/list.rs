//! `/form/view/`: the report list with filters, sorting and paging, all in
//! the query string so a search can be bookmarked. Unknown parameters are
//! ignored; malformed ones are named on the page, never a 500.

use crt_domain::{
    choice::Choice,
    fields::names,
    ports::{GroupBy, ReportRepository, RepositoryError, Total, keyset_sortable},
    protected_class::{OTHER, ProtectedClassCatalog},
    report::{ReportRecord, Section, Status},
};
use std::collections::HashMap;

use poem::{handler, http::StatusCode, web::Data};
use serde::Serialize;
use tera::Context;

use super::auth::Staff;
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::QueryPairs,
};

mod panel;
pub use crt_domain::list_query::{
    ME, PER_PAGE, PerPage, parse_query, parse_query_with, resolve_me,
};

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
    classes: Vec<String>,
    /// The description's first words.
    excerpt: String,
    repeat_writer: bool,
    litigation_hold: bool,
    referred: bool,
    tags: Vec<String>,
    /// Files kept with the report.
    files: u64,
    /// The list of the reports with this contact e-mail, and how many
    /// (this one included) there are; 0 without one.
    email_href: String,
    email_count: u64,
}

/// The description's first 90 characters, cut at a word.
fn excerpt(text: &str) -> String {
    const LEN: usize = 90;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= LEN {
        return text;
    }
    let cut: String = text.chars().take(LEN).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

fn row(
    r: &ReportRecord,
    catalog: &ProtectedClassCatalog,
    files: u64,
    emails: &HashMap<String, u64>,
) -> Row {
    let email = r
        .report
        .contact
        .email
        .as_ref()
        .map(|e| e.as_str().to_owned())
        .unwrap_or_default();
    Row {
        email_count: emails.get(&email.to_lowercase()).copied().unwrap_or(0),
        email_href: format!("/form/view/?contact_email={}", enc(&email)),
        id: r.id.0,
        public_id: r.public_id.to_string(),
        received: r.create_date.format("%Y-%m-%d %H:%M").to_string(),
        section: r.staff.assigned_section.value(),
        status: r.staff.status.label(),
        assigned_to: r.staff.assigned_to.clone().unwrap_or_default(),
        primary_complaint: r.report.primary_complaint().label(),
        language: crt_i18n::language(&r.report.language).map_or("Unknown", |l| l.english_name),
        location: format!(
            "{}, {}",
            r.report.location.city_town, r.report.location.state
        ),
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
        excerpt: excerpt(&r.report.violation_summary),
        repeat_writer: r.repeat_writer,
        litigation_hold: r.staff.litigation_hold,
        referred: r.staff.referred,
        tags: r.staff.tags.clone(),
        files,
    }
}

/// `k=v&` for each pair.
pub(crate) fn query_of<'a>(pairs: impl IntoIterator<Item = &'a (String, String)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}&", enc(k), enc(v)))
        .collect()
}

/// The sortable column headers: each links to its sort, a second click
/// reverses, and screen readers hear the order now and what a click does.
fn columns(pairs: &[(String, String)], keep: &[(String, String)]) -> Vec<serde_json::Value> {
    let current_sort = pairs
        .iter()
        .find(|(k, _)| k == "sort")
        .map(|(_, v)| v.split(',').next().unwrap_or("").trim().to_owned())
        .filter(|c| !c.is_empty())
        // The list's default is newest first.
        .unwrap_or_else(|| "-create_date".into());
    let without_sort = query_of(keep.iter().filter(|(k, _)| k != "sort"));
    [
        ("Record", Some("id")),
        ("Received", Some("create_date")),
        ("Section", Some("assigned_section")),
        ("Status", Some("status")),
        ("Assignee", Some("assigned_to")),
        ("Primary concern", Some(names::PRIMARY_COMPLAINT)),
        ("Location", Some(names::LOCATION_CITY_TOWN)),
        ("Classes", None),
        ("Language", None),
        ("Description", None),
        ("Flags and tags", None),
    ]
    .into_iter()
    .map(|(label, field)| match field {
        None => serde_json::json!({"label": label}),
        Some(f) => {
            let (aria, next, says) = if current_sort == f {
                (
                    "ascending",
                    format!("-{f}"),
                    "sorted ascending; sort descending",
                )
            } else if current_sort == format!("-{f}") {
                (
                    "descending",
                    f.to_owned(),
                    "sorted descending; sort ascending",
                )
            } else {
                ("none", f.to_owned(), "sort ascending")
            };
            serde_json::json!({
                "label": label,
                "href": format!("/form/view/?{without_sort}sort={next}"),
                "aria": aria,
                "says": says,
            })
        }
    })
    .collect()
}

/// `GET /form/view/`
#[handler]
pub async fn list(
    staff: Staff,
    QueryPairs(pairs): QueryPairs,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    let resolved = resolve_me(&pairs, &staff.user.username);
    let (query, problems) = parse_query(&resolved);
    let page = state.db.list(&query).await?;
    let catalog = state.catalog.get(&state.db).await?;
    let ids: Vec<_> = page.items.iter().map(|r| r.id).collect();
    let files = crt_domain::ports::AttachmentRepository::attachment_counts(&state.db, &ids).await?;
    let addresses: Vec<String> = page
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
    let emails = state.db.email_counts(&addresses).await?;
    let rows: Vec<Row> = page
        .items
        .iter()
        .map(|r| row(r, &catalog, files.get(&r.id).copied().unwrap_or(0), &emails))
        .collect();
    let triage = &state.services.triage;
    let internal = |what: &'static str| move |e: RepositoryError| WebError::database(what, e);
    // Counts by status over every filter but the status itself, so each
    // count says what choosing that status would show.
    let mut without_status = query.filters.clone();
    without_status.statuses.clear();
    let by_status = triage
        .counts(&without_status, GroupBy::Status)
        .await
        .map_err(internal("counting reports"))?;
    let keep: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, _)| k != "page" && k != "after")
        .cloned()
        .collect();
    let without = |name: &str| query_of(keep.iter().filter(|(k, _)| k != name));
    let status_counts: Vec<serde_json::Value> = Status::ALL
        .iter()
        .map(|s| {
            let n = by_status
                .iter()
                .find(|(v, _)| v == s.value())
                .map_or(Total::Exact(0), |(_, n)| *n);
            serde_json::json!({
                "label": s.label(),
                "count": n.describe(),
                "href": format!("/form/view/?{}status={}", without("status"), s.value()),
                "current": query.filters.statuses == [*s],
            })
        })
        .collect();
    let group_by = pairs
        .iter()
        .find(|(k, _)| k == "group_by")
        .map(|(_, v)| v.as_str());
    let groups = match group_by {
        Some("section") => Some(("Section", "assigned_section", GroupBy::Section)),
        Some("status") => Some(("Status", "status", GroupBy::Status)),
        _ => None,
    };
    let grouped = match groups {
        Some((title, param, by)) => {
            let counts = triage
                .counts(&query.filters, by)
                .await
                .map_err(internal("counting reports"))?;
            let rest = without(param);
            Some(serde_json::json!({
                "title": title,
                "rows": counts.iter().map(|(v, n)| serde_json::json!({
                    "value": v,
                    "count": n.describe(),
                    "href": format!("/form/view/?{rest}{param}={}", enc(v)),
                })).collect::<Vec<_>>(),
            }))
        }
        None => None,
    };
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
    let base_query = query_of(&keep);
    let tags = triage.tags().await.map_err(internal("reading tags"))?;
    let schedules = state
        .services
        .retention
        .schedules()
        .await
        .map_err(super::retention::failed)?;
    let panel_groups = panel::groups(&panel::Offered {
        catalog: &catalog,
        // Retired tags stay filterable: old reports carry them.
        tags: tags.iter().map(|t| t.tag.qualified()).collect(),
        schedules: schedules.iter().map(|s| s.code.clone()).collect(),
    });
    let mut values: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    // (A submitted filter form sends its empty inputs too.)
    for (k, v) in pairs.iter().filter(|(_, v)| !v.trim().is_empty()) {
        values.entry(k.as_str()).or_default().push(v.as_str());
    }
    // A group opens when one of its filters is in use.
    let open_groups: Vec<bool> = panel_groups
        .iter()
        .map(|g| g.fields.iter().any(|f| values.contains_key(f.name)))
        .collect();
    let chips = panel::chips(&panel_groups, &pairs);
    let mut ctx = Context::new();
    ctx.insert("wide", &true);
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
    ctx.insert("columns", &columns(&pairs, &keep));
    ctx.insert("per_page_options", &PER_PAGE);
    ctx.insert("without_per_page", &without("per_page"));
    ctx.insert("without_group_by", &without("group_by"));
    ctx.insert("group_by", &group_by.unwrap_or(""));
    ctx.insert("grouped", &grouped);
    ctx.insert("status_counts", &status_counts);
    ctx.insert("panel", &panel_groups);
    ctx.insert("open_groups", &open_groups);
    ctx.insert("values", &values);
    ctx.insert("chips", &chips);
    ctx.insert(
        "mine_href",
        &format!(
            "/form/view/?{}assigned_to={}",
            without("assigned_to"),
            enc(ME)
        ),
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
        "active_tags",
        &tags
            .iter()
            .filter(|t| !t.retired)
            .map(|t| t.tag.qualified())
            .collect::<Vec<_>>(),
    );
    ctx.insert(
        "all_tags",
        &tags.iter().map(|t| t.tag.qualified()).collect::<Vec<_>>(),
    );
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

pub(crate) fn enc(s: &str) -> percent_encoding::PercentEncode<'_> {
    percent_encoding::utf8_percent_encode(s, QUERY_ESCAPES)
}

#[cfg(test)]
mod tests;

//! `/form/dashboard/`: a section's (or every section's) week at a glance,
//! for a chosen period: reports received per week (a bar chart with the
//! same numbers in a table), the open backlog by age, the median days from
//! received to closed, and reports touched per person per week. Each
//! count links to the list that makes it.

use chrono::{Duration, NaiveDate, Utc};
use crt_domain::{
    choice::Choice, dashboard::DEFAULT_WEEKS, ports::RepositoryError, report::Section,
};
use poem::{handler, http::StatusCode, web::Data};
use serde_json::json;
use tera::Context;

use super::{auth::Staff, list::enc};
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::QueryPairs,
};

/// The chart's height in SVG units (bars scale to it).
const CHART_HEIGHT: f64 = 160.0;

fn date(v: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
        .ok()
        // Far-off years would overflow the weeks' arithmetic.
        .filter(|d| (1900..=9999).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| format!("{v:?} is not a date (YYYY-MM-DD, years 1900 to 9999)."))
}

/// `GET /form/dashboard/?section=HCE&from=2026-09-01&to=2026-12-05`
#[handler]
pub async fn show(
    staff: Staff,
    QueryPairs(pairs): QueryPairs,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    let today = Utc::now().date_naive();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, v)| n == k && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    };
    let mut problems = Vec::new();
    let section = match get("section") {
        None => None,
        Some(code) => match Section::from_value(code) {
            Some(s) => Some(s),
            None => {
                problems.push(format!("{code:?} is not a section."));
                None
            }
        },
    };
    let mut read = |k: &str, default: NaiveDate| match get(k).map(date) {
        None => default,
        Some(Ok(d)) => d,
        Some(Err(m)) => {
            problems.push(m);
            default
        }
    };
    let to = read("to", today);
    let from = read(
        "from",
        to - Duration::weeks(DEFAULT_WEEKS) + Duration::days(1),
    );
    let figures = match state
        .services
        .triage
        .dashboard(section, from, to, today)
        .await
    {
        Ok(f) => Some(f),
        Err(RepositoryError::Invalid(m)) => {
            problems.push(m);
            None
        }
        Err(e) => return Err(WebError::database("computing the dashboard", e)),
    };
    let scope = section
        .map(|s| format!("assigned_section={}&", s.value()))
        .unwrap_or_default();
    let mut ctx = Context::new();
    ctx.insert("page_title", "Team dashboard");
    ctx.insert("user", &staff.user);
    ctx.insert("staff_csrf", &staff.csrf);
    ctx.insert("problems", &problems);
    ctx.insert("section", &section.map(|s| s.value()).unwrap_or(""));
    ctx.insert("from", &from.to_string());
    ctx.insert("to", &to.to_string());
    ctx.insert(
        "sections",
        &Section::ALL
            .iter()
            .map(|s| (s.value(), s.label()))
            .collect::<Vec<_>>(),
    );
    if let Some(f) = &figures {
        let max = f.received.iter().copied().max().unwrap_or(0).max(1) as f64;
        let weeks: Vec<_> = f
            .weeks
            .iter()
            .zip(&f.received)
            .enumerate()
            .map(|(i, (w, n))| {
                let h = (*n as f64 / max * CHART_HEIGHT).round();
                json!({
                    "label": w.monday.format("%b %-d").to_string(),
                    "monday": w.monday.to_string(),
                    "count": n,
                    "href": format!("/form/view/?{scope}create_date_start={}&create_date_end={}", w.monday, w.sunday()),
                    "x": i * 40 + 8,
                    "y": CHART_HEIGHT - h + 10.0,
                    "h": h,
                })
            })
            .collect();
        ctx.insert("weeks", &weeks);
        ctx.insert("chart_width", &(f.weeks.len() * 40 + 16));
        ctx.insert("chart_height", &(CHART_HEIGHT + 30.0));
        ctx.insert("received_total", &f.received.iter().sum::<u64>());
        let backlog: Vec<_> = f
            .backlog
            .iter()
            .map(|b| {
                let start = b
                    .received_from
                    .map(|d| format!("create_date_start={d}&"))
                    .unwrap_or_default();
                json!({
                    "label": b.label,
                    "count": b.count,
                    "href": format!("/form/view/?{scope}status=new&status=open&{start}create_date_end={}", b.received_until),
                })
            })
            .collect();
        ctx.insert("backlog", &backlog);
        ctx.insert("median", &f.median_days.map(|d| format!("{:.1}", d)));
        ctx.insert("closed", &f.closed);
        let first = f.weeks.first().map(|w| w.monday).unwrap_or(from);
        let last = f.weeks.last().map(|w| w.sunday()).unwrap_or(to);
        ctx.insert(
            "closed_href",
            &format!(
                "/form/view/?{scope}status=closed&closed_date_start={first}&closed_date_end={last}"
            ),
        );
        let people: Vec<_> = f
            .touched
            .iter()
            .map(|(who, by_week)| {
                json!({
                    "who": who,
                    "href": format!("/form/view/?assigned_to={}", enc(who)),
                    "weeks": f.weeks.iter().map(|w| by_week.get(w).copied().unwrap_or(0)).collect::<Vec<_>>(),
                    "total": by_week.values().sum::<u64>(),
                })
            })
            .collect();
        ctx.insert("people", &people);
    }
    let status = if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    state.page(status, "crt/dashboard.html", &ctx)
}

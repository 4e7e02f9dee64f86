//! The staff list's filters as one SQL condition, written with sea-query's
//! builder; raw SQL only where a dialect needs it (the phone-digits match
//! and full-text search, with bound values).

use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    ports::{AssigneeFilter, ReportFilters},
    search::{Term, TextQuery},
};
use sea_orm::{
    ColumnTrait, Condition, DbBackend, ExprTrait,
    sea_query::{Expr, Func, Query},
};

use crate::entities::{protected_class, report, report_protected_class, report_tag};

/// How SQLite should use a full-text match (PostgreSQL's planner chooses
/// for itself).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextPlan {
    /// Look up each matching report (best when few match).
    FromMatches,
    /// Walk the reports in the list's order and keep those that match
    /// (best when many do: a page is found after a few rows).
    InOrder,
}

/// The retention schedule a report follows: its own, or its section's
/// default for its status.
pub(crate) const EFFECTIVE_SCHEDULE: &str = "COALESCE(\"report\".\"retention_schedule\", \
     (SELECT \"d\".\"schedule\" FROM \"retention_default\" \"d\" \
      WHERE \"d\".\"section\" = \"report\".\"assigned_section\" AND \"d\".\"status\" = \"report\".\"status\"))";

/// Closed, not on hold, not disposed of, and closed before its schedule's
/// cutoff (`cutoffs`: one moment per schedule with a period).
pub(crate) fn due_condition(
    cutoffs: &[(String, DateTime<Utc>)],
    db_backend: DbBackend,
) -> Condition {
    use report::Column as C;
    let mut any = Condition::any();
    for (code, cutoff) in cutoffs {
        any = any.add(
            Condition::all()
                .add(Expr::cust_with_values(
                    format!("{EFFECTIVE_SCHEDULE} = {}", placeholder(db_backend)),
                    [code.clone()],
                ))
                .add(C::ClosedDate.lt(*cutoff)),
        );
    }
    if cutoffs.is_empty() {
        any = any.add(Expr::cust("1 = 0"));
    }
    Condition::all()
        .add(C::Status.eq(crt_domain::report::Status::Closed.value()))
        .add(C::ClosedDate.is_not_null())
        .add(C::DisposedAt.is_null())
        .add(C::LitigationHold.eq(false))
        .add(any)
}

/// Every filter of `f` as one condition on the report table (`cutoffs`:
/// the schedules' cutoffs now, for the "due for disposal" filter).
pub(crate) fn condition(
    f: &ReportFilters,
    db_backend: DbBackend,
    plan: TextPlan,
    cutoffs: &[(String, DateTime<Utc>)],
) -> Condition {
    use report::Column as C;
    let mut cond = Condition::all();
    if let Some(code) = &f.retention_schedule {
        cond = cond.add(Expr::cust_with_values(
            format!("{EFFECTIVE_SCHEDULE} = {}", placeholder(db_backend)),
            [code.clone()],
        ));
    }
    if f.due_for_disposal {
        cond = cond.add(due_condition(cutoffs, db_backend));
    }
    if !f.tags.is_empty() {
        let mut any = Condition::any();
        for t in &f.tags {
            let (section, name) = crt_domain::tags::split_qualified(t);
            any = any.add(
                Condition::all()
                    .add(report_tag::Column::Section.eq(section))
                    .add(report_tag::Column::Name.eq(name)),
            );
        }
        let sub = Query::select()
            .column(report_tag::Column::ReportId)
            .from(report_tag::Entity)
            .cond_where(any)
            .to_owned();
        cond = cond.add(C::Id.in_subquery(sub));
    }
    if let Some(b) = f.repeat_writer {
        cond = cond.add(C::RepeatWriter.eq(b));
    }
    if let Some(k) = &f.description_key {
        cond = cond.add(C::DescriptionKey.eq(k.clone()));
    }
    if let Some(id) = f.id_above {
        cond = cond.add(C::Id.gt(id));
    }
    if let Some(id) = f.id_up_to {
        cond = cond.add(C::Id.lte(id));
    }
    let values = |v: Vec<&'static str>| v.into_iter().map(str::to_owned).collect::<Vec<_>>();
    if !f.sections.is_empty() {
        cond = cond
            .add(C::AssignedSection.is_in(values(f.sections.iter().map(|s| s.value()).collect())));
    }
    if !f.statuses.is_empty() {
        cond = cond.add(C::Status.is_in(values(f.statuses.iter().map(|s| s.value()).collect())));
    }
    if !f.primary_complaints.is_empty() {
        cond = cond.add(C::PrimaryComplaint.is_in(values(
            f.primary_complaints.iter().map(|s| s.value()).collect(),
        )));
    }
    match &f.assigned_to {
        Some(AssigneeFilter::Unassigned) => cond = cond.add(C::AssignedTo.is_null()),
        Some(AssigneeFilter::User(u)) => cond = cond.add(C::AssignedTo.eq(u.clone())),
        None => {}
    }
    if let Some(s) = &f.location_state {
        cond = cond.add(C::LocationState.eq(s.clone()));
    }
    if let Some(e) = &f.contact_email {
        cond = cond.add(Expr::expr(Func::lower(Expr::col(C::ContactEmail))).eq(e.to_lowercase()));
    }
    if let Some(p) = &f.public_id {
        cond = cond
            .add(C::Id.eq(p.id()))
            .add(C::PublicIdSuffix.eq(p.suffix()));
    }
    if let Some(t) = f.created_from {
        cond = cond.add(C::CreateDate.gte(t));
    }
    if let Some(t) = f.created_before {
        cond = cond.add(C::CreateDate.lt(t));
    }
    if let Some(t) = f.closed_from {
        cond = cond.add(C::ClosedDate.gte(t));
    }
    if let Some(t) = f.closed_before {
        cond = cond.add(C::ClosedDate.lt(t));
    }
    for (col, value) in [
        (C::ContactFirstName, &f.contact_first_name),
        (C::ContactLastName, &f.contact_last_name),
        (C::LocationCityTown, &f.location_city_town),
        (C::LocationName, &f.location_name),
    ] {
        if let Some(v) = value {
            cond = cond.add(contains(col, v));
        }
    }
    if let Some(d) = &f.contact_phone_digits {
        let digits: String = d.chars().filter(char::is_ascii_digit).collect();
        cond = cond.add(Expr::cust_with_values(
            format!(
                "replace(replace(replace(replace(replace(replace(coalesce(\"report\".\"contact_phone\", ''), \
                 ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '') LIKE {}",
                placeholder(db_backend)
            ),
            [format!("%{digits}%")],
        ));
    }
    if !f.intake_formats.is_empty() {
        cond = cond.add(
            C::IntakeFormat.is_in(values(f.intake_formats.iter().map(|s| s.value()).collect())),
        );
    }
    if !f.languages.is_empty() {
        cond = cond.add(C::Language.is_in(f.languages.clone()));
    }
    if let Some(s) = f.servicemember {
        cond = cond.add(C::Servicemember.eq(s.value()));
    }
    if let Some(b) = f.referred {
        cond = cond.add(C::Referred.eq(b));
    }
    if let Some(b) = f.litigation_hold {
        cond = cond.add(C::LitigationHold.eq(b));
    }
    if let Some(s) = &f.primary_statute {
        cond = cond.add(C::PrimaryStatute.eq(s.clone()));
    }
    if let Some(s) = &f.district {
        cond = cond.add(C::District.eq(s.clone()));
    }
    for (column, query) in [
        ("violation_summary", &f.violation_summary),
        ("summary", &f.summary),
    ] {
        if let Some(q) = query {
            cond = cond.add(text_match(db_backend, column, q, plan));
        }
    }
    if !f.protected_classes.is_empty() {
        let sub = Query::select()
            .column((
                report_protected_class::Entity,
                report_protected_class::Column::ReportId,
            ))
            .from(report_protected_class::Entity)
            .inner_join(
                protected_class::Entity,
                Expr::col((protected_class::Entity, protected_class::Column::Id)).equals((
                    report_protected_class::Entity,
                    report_protected_class::Column::ProtectedClassId,
                )),
            )
            .and_where(
                Expr::col((protected_class::Entity, protected_class::Column::Value))
                    .is_in(f.protected_classes.iter().cloned()),
            )
            .to_owned();
        cond = cond.add(C::Id.in_subquery(sub));
    }
    cond
}

/// The placeholder of a custom SQL fragment's one value: sea-query renumbers
/// `$1` for PostgreSQL and takes `?` for SQLite.
fn placeholder(backend: DbBackend) -> &'static str {
    if backend == DbBackend::Postgres {
        "$1"
    } else {
        "?"
    }
}

/// `LOWER(col) LIKE %value%`, with the value's own % and _ taken literally.
fn contains(col: report::Column, value: &str) -> sea_orm::sea_query::SimpleExpr {
    let escaped = value
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::expr(Func::lower(Expr::col((report::Entity, col))))
        .like(sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// A full-text condition in the database's own syntax. Terms hold only
/// letters and digits (see `crt_domain::search::words`), and the query is
/// passed as a bound value, so nothing typed reaches the SQL text.
fn text_match(
    backend: DbBackend,
    column: &str,
    q: &TextQuery,
    plan: TextPlan,
) -> sea_orm::sea_query::SimpleExpr {
    match backend {
        DbBackend::Postgres => {
            let term = |t: &Term| {
                format!(
                    "({})",
                    t.0.iter()
                        .map(|w| format!("'{w}'"))
                        .collect::<Vec<_>>()
                        .join(" <-> ")
                )
            };
            let mut parts: Vec<String> = q
                .groups
                .iter()
                .map(|g| format!("({})", g.iter().map(term).collect::<Vec<_>>().join(" | ")))
                .collect();
            parts.extend(q.excluded.iter().map(|t| format!("!{}", term(t))));
            let column = if column == "summary" {
                "summary_tsv"
            } else {
                "violation_summary_tsv"
            };
            Expr::cust_with_values(
                format!(
                    "\"report\".\"{column}\" @@ to_tsquery('simple', {})",
                    placeholder(backend)
                ),
                [parts.join(" & ")],
            )
        }
        _ => {
            let term = |t: &Term| format!("{column} : \"{}\"", t.0.join(" "));
            let positive = q
                .groups
                .iter()
                .map(|g| format!("({})", g.iter().map(term).collect::<Vec<_>>().join(" OR ")))
                .collect::<Vec<_>>()
                .join(" AND ");
            let query = if q.excluded.is_empty() {
                positive
            } else {
                format!(
                    "({positive}) NOT ({})",
                    q.excluded.iter().map(term).collect::<Vec<_>>().join(" OR ")
                )
            };
            // A unary + keeps SQLite from looking reports up by id, so it
            // walks the list's sort index instead.
            let id = if plan == TextPlan::InOrder {
                "+\"report\".\"id\""
            } else {
                "\"report\".\"id\""
            };
            Expr::cust_with_values(
                format!("{id} IN (SELECT rowid FROM report_fts WHERE report_fts MATCH ?)"),
                [query],
            )
        }
    }
}

//! Table by table: reading rows in key order as canonical JSON, checksums,
//! and inserting them back in batches.

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) fn bad(line: u64, problem: impl Into<String>) -> DumpError {
    DumpError::BadFile {
        line,
        problem: problem.into(),
    }
}

/// The names of an entity's timestamp columns.
pub(super) fn timestamp_columns<E: EntityTrait>() -> Vec<String> {
    E::Column::iter()
        .filter(|c| {
            matches!(
                c.def().get_column_type(),
                ColumnType::TimestampWithTimeZone | ColumnType::Timestamp | ColumnType::DateTime
            )
        })
        .map(|c| sea_orm::IdenStatic::as_str(&c).to_owned())
        .collect()
}

/// A row as written: timestamps to the microsecond, in UTC.
pub(super) fn canonical_row<M: Serialize>(
    model: &M,
    timestamps: &[String],
) -> Result<serde_json::Value, DumpError> {
    let mut v =
        serde_json::to_value(model).map_err(|e| DumpError::Refused(format!("encoding: {e}")))?;
    if let Some(obj) = v.as_object_mut() {
        for col in timestamps {
            if let Some(serde_json::Value::String(s)) = obj.get_mut(col.as_str())
                && let Ok(t) = DateTime::parse_from_rfc3339(s)
            {
                *s = t
                    .with_timezone(&Utc)
                    .to_rfc3339_opts(SecondsFormat::Micros, true);
            }
        }
    }
    Ok(v)
}

/// Streams one table in primary-key order, calling `each` per row.
pub(super) async fn for_each_row<E, C>(
    conn: &C,
    mut each: impl FnMut(serde_json::Value) -> Result<(), DumpError>,
) -> Result<(), DumpError>
where
    E: EntityTrait,
    E::Model: Serialize + Sync,
    C: ConnectionTrait,
{
    let timestamps = timestamp_columns::<E>();
    let mut q = E::find();
    for pk in E::PrimaryKey::iter() {
        q = q.order_by_asc(pk.into_column());
    }
    let mut pages = q.paginate(conn, 1000);
    while let Some(rows) = pages.fetch_and_next().await? {
        for row in rows {
            each(canonical_row(&row, &timestamps)?)?;
        }
    }
    Ok(())
}

/// Counts and fingerprints one table, writing its row lines to `out` when
/// given (export) or only summing it up (verify).
pub(super) async fn scan_table<E, C>(
    conn: &C,
    table: &'static str,
    mut out: Option<&mut dyn Write>,
) -> Result<TableSummary, DumpError>
where
    E: EntityTrait,
    E::Model: Serialize + Sync,
    C: ConnectionTrait,
{
    let mut hash = Sha256::new();
    let mut rows = 0;
    for_each_row::<E, C>(conn, |v| {
        hash.update(v.to_string().as_bytes());
        hash.update(b"\n");
        rows += 1;
        if let Some(out) = out.as_mut() {
            writeln!(out, "{}", serde_json::json!({"table": table, "row": v}))?;
        }
        Ok(())
    })
    .await?;
    Ok(TableSummary {
        table,
        rows,
        checksum: hex::encode(hash.finalize()),
    })
}

pub(super) async fn insert_rows<E, A, C>(
    conn: &C,
    rows: Vec<serde_json::Value>,
    table: &str,
) -> Result<(), DumpError>
where
    E: EntityTrait<ActiveModel = A>,
    E::Model: DeserializeOwned + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = E> + Send,
    C: ConnectionTrait,
{
    let mut models = Vec::with_capacity(rows.len());
    for row in rows {
        let model: E::Model = serde_json::from_value(row).map_err(|e| {
            DumpError::Refused(format!("a {table} row does not fit this schema: {e}"))
        })?;
        models.push(model.into_active_model().reset_all());
    }
    // Batches keep each statement under the backends' parameter limits.
    for chunk in models.chunks(200) {
        E::insert_many(chunk.to_vec())
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Calls `$body` once per table, in dependency order (parents first), with
/// `$e` the entity module and `$name` the table name.
macro_rules! for_each_table {
    ($e:ident, $name:ident, $body:block) => {{
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use protected_class as $e;
            let $name: &'static str = "protected_class";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use protected_class_label as $e;
            let $name: &'static str = "protected_class_label";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use retention_schedule as $e;
            let $name: &'static str = "retention_schedule";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use retention_default as $e;
            let $name: &'static str = "retention_default";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use tag as $e;
            let $name: &'static str = "tag";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use report as $e;
            let $name: &'static str = "report";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use report_protected_class as $e;
            let $name: &'static str = "report_protected_class";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use report_tag as $e;
            let $name: &'static str = "report_tag";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use activity as $e;
            let $name: &'static str = "activity";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use disposal_batch as $e;
            let $name: &'static str = "disposal_batch";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use disposal_approval as $e;
            let $name: &'static str = "disposal_approval";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use disposal_batch_report as $e;
            let $name: &'static str = "disposal_batch_report";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use disposed_report as $e;
            let $name: &'static str = "disposed_report";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use attachment as $e;
            let $name: &'static str = "attachment";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use saved_search as $e;
            let $name: &'static str = "saved_search";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use saved_search_opening as $e;
            let $name: &'static str = "saved_search_opening";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use notification_subscription as $e;
            let $name: &'static str = "notification_subscription";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use notification_cursor as $e;
            let $name: &'static str = "notification_cursor";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use email_outbox as $e;
            let $name: &'static str = "email_outbox";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use email_suppression as $e;
            let $name: &'static str = "email_suppression";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use app_user as $e;
            let $name: &'static str = "app_user";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use staff_session as $e;
            let $name: &'static str = "staff_session";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use sso_flow as $e;
            let $name: &'static str = "sso_flow";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use api_token as $e;
            let $name: &'static str = "api_token";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use login_attempt as $e;
            let $name: &'static str = "login_attempt";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use rate_event as $e;
            let $name: &'static str = "rate_event";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use report_draft as $e;
            let $name: &'static str = "report_draft";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use protected_class_audit as $e;
            let $name: &'static str = "protected_class_audit";
            $body
        }
        {
            #[allow(unused_imports)] // `exported_tables` uses only the name
            use trend as $e;
            let $name: &'static str = "trend";
            $body
        }
    }};
}

/// Every table the export carries, in dependency order.
pub fn exported_tables() -> Vec<&'static str> {
    let mut v = Vec::new();
    for_each_table!(_e, name, {
        v.push(name);
    });
    v
}

/// Inserts rows into the table called `table`.
pub(super) async fn insert_into<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    rows: Vec<serde_json::Value>,
) -> Result<(), DumpError> {
    if rows.is_empty() {
        return Ok(());
    }
    for_each_table!(e, name, {
        if name == table {
            return insert_rows::<e::Entity, e::ActiveModel, _>(conn, rows, name).await;
        }
    });
    Err(DumpError::Refused(format!("unknown table {table:?}")))
}

/// Tables whose `id` comes from a sequence on PostgreSQL.
pub(super) const SEQUENCED: &[&str] = &[
    "protected_class",
    "report",
    "activity",
    "attachment",
    "disposal_batch",
    "saved_search",
    "notification_subscription",
    "email_outbox",
    "email_suppression",
    "app_user",
    "api_token",
    "login_attempt",
    "rate_event",
    "protected_class_audit",
    "trend",
];

/// Columns the database computes itself (PostgreSQL full-text search).
pub(super) const DERIVED_COLUMNS: &[&str] = &["violation_summary_tsv", "summary_tsv"];

//! Schema and data migrations, in order. `crt-persistence` applies pending
//! ones at start; `crt-admin migrate` applies or lists them.
//!
//! Add a migration: a new `mYYYYMMDD_HHMMSS_name.rs` file (the name is the
//! migration's id, taken from the file name) and one line in
//! [`Migrator::migrations`]. Never edit a migration that has shipped.

pub use sea_orm_migration::prelude::*;

mod m20260101_000001_create_tables;
mod m20260101_000002_seed_protected_classes;
mod m20260102_000001_split_national_origin;
mod m20261125_000001_drafts_and_outbox;
mod m20261125_000002_accounts_and_sessions;
mod m20261125_000003_report_search;
mod m20261125_000004_list_indexes;
mod m20261125_000005_email_index;
mod m20261125_000006_protected_class_audit;
mod m20261125_000007_report_witness;
mod m20261125_000008_trends;
mod m20261125_000009_email_delivery;
mod m20261125_000010_letter_request_key;
mod m20261201_000001_rate_events;
mod m20261201_000002_api_tokens;
mod m20261203_000001_report_received_date;
mod m20261203_000002_intake_format_index;
mod m20261203_000003_single_sign_on;
mod m20261204_000001_protected_class_labels;
mod m20261204_000002_attachments;
mod m20261204_000003_retention;
mod m20261205_000001_tags_and_repeat_writers;
mod m20261205_000002_saved_searches;
mod m20261205_000003_notifications;

/// Every migration of the portal.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000001_create_tables::Migration),
            Box::new(m20260101_000002_seed_protected_classes::Migration),
            Box::new(m20260102_000001_split_national_origin::Migration),
            Box::new(m20261125_000001_drafts_and_outbox::Migration),
            Box::new(m20261125_000002_accounts_and_sessions::Migration),
            Box::new(m20261125_000003_report_search::Migration),
            Box::new(m20261125_000004_list_indexes::Migration),
            Box::new(m20261125_000005_email_index::Migration),
            Box::new(m20261125_000006_protected_class_audit::Migration),
            Box::new(m20261125_000007_report_witness::Migration),
            Box::new(m20261125_000008_trends::Migration),
            Box::new(m20261125_000009_email_delivery::Migration),
            Box::new(m20261125_000010_letter_request_key::Migration),
            Box::new(m20261201_000001_rate_events::Migration),
            Box::new(m20261201_000002_api_tokens::Migration),
            Box::new(m20261203_000001_report_received_date::Migration),
            Box::new(m20261203_000002_intake_format_index::Migration),
            Box::new(m20261203_000003_single_sign_on::Migration),
            Box::new(m20261204_000001_protected_class_labels::Migration),
            Box::new(m20261204_000002_attachments::Migration),
            Box::new(m20261204_000003_retention::Migration),
            Box::new(m20261205_000001_tags_and_repeat_writers::Migration),
            Box::new(m20261205_000002_saved_searches::Migration),
            Box::new(m20261205_000003_notifications::Migration),
        ]
    }
}

/// Inserts protected-class rows (value, code, label, form_order).
pub(crate) async fn insert_classes(
    manager: &SchemaManager<'_>,
    rows: &[(&str, &str, &str, Option<i32>)],
) -> Result<(), DbErr> {
    let mut insert = Query::insert();
    insert
        .into_table("protected_class")
        .columns(["value", "code", "label", "form_order"]);
    for (value, code, label, order) in rows {
        insert.values_panic([
            (*value).into(),
            (*code).into(),
            (*label).into(),
            (*order).into(),
        ]);
    }
    manager.execute(insert).await
}

/// Sets one protected class's form_order.
pub(crate) async fn set_order(
    manager: &SchemaManager<'_>,
    value: &str,
    order: Option<i32>,
) -> Result<(), DbErr> {
    manager
        .execute(
            Query::update()
                .table("protected_class")
                .value("form_order", order)
                .and_where(Expr::col("value").eq(value))
                .to_owned(),
        )
        .await
}

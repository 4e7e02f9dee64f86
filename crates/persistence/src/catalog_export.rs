//! Catalog changes as code: the SQL that takes a database's protected
//! classes from what the migrations give (`baseline_catalog`) to what an
//! operator made of them with `crt-admin protected-class …`, for
//! `crt-admin protected-class export-migration`. Every statement is
//! idempotent, so the migration changes nothing on the database where the
//! changes were first made, and replays them everywhere else.

use crt_domain::{
    ports::{ProtectedClassRepository, RepositoryError},
    protected_class::{ClassLabel, ProtectedClassCatalog, ProtectedClassOption},
};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::{Db, backend};

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn order(o: Option<i32>) -> String {
    o.map_or_else(|| "NULL".to_owned(), |n| n.to_string())
}

fn id_of(value: &str) -> String {
    format!(
        "(SELECT id FROM protected_class WHERE value = {})",
        quote(value)
    )
}

/// The statements that turn catalog `from` into `to`. An option missing
/// from `to` must have been merged: `merges` gives (duplicate, kept), oldest
/// first; chains (A into B, then B into C) re-link to the survivor.
///
/// Order matters because codes are unique: first every code that changes
/// (and every code of an option that goes away) is parked on a temporary
/// value, then new options are inserted, merged ones re-linked and deleted,
/// and last every changed option gets its final code, label and position.
///
/// Errors: the value of an option that disappeared without a merge.
pub fn catalog_sync_sql(
    from: &[ProtectedClassOption],
    to: &[ProtectedClassOption],
    merges: &[(String, String)],
) -> Result<Vec<String>, String> {
    let in_to = |v: &str| to.iter().any(|o| o.value == v);
    let gone: Vec<&ProtectedClassOption> = from.iter().filter(|f| !in_to(&f.value)).collect();
    let changed: Vec<&ProtectedClassOption> = to
        .iter()
        .filter(|o| {
            from.iter().any(|f| {
                f.value == o.value
                    && (f.code.as_str(), f.label.as_str(), f.form_order)
                        != (o.code.as_str(), o.label.as_str(), o.form_order)
            })
        })
        .collect();
    let mut out = Vec::new();
    for value in changed
        .iter()
        .map(|o| &o.value)
        .chain(gone.iter().map(|g| &g.value))
    {
        out.push(format!(
            "UPDATE protected_class SET code = 'tmp-' || CAST(id AS VARCHAR(20)) WHERE value = {}",
            quote(value)
        ));
    }
    for o in to
        .iter()
        .filter(|o| !from.iter().any(|f| f.value == o.value))
    {
        out.push(format!(
            "INSERT INTO protected_class (value, code, label, form_order) SELECT {}, {}, {}, {} \
             WHERE NOT EXISTS (SELECT 1 FROM protected_class WHERE value = {})",
            quote(&o.value),
            quote(&o.code),
            quote(&o.label),
            order(o.form_order),
            quote(&o.value)
        ));
    }
    for g in &gone {
        // Follow the merges from this option to the one that survives.
        let mut kept = g.value.as_str();
        let mut hops = 0;
        while !in_to(kept) {
            let Some((_, next)) = merges.iter().rev().find(|(d, _)| d == kept) else {
                return Err(format!(
                    "{} is gone but no merge of it is recorded; it cannot be exported",
                    g.value
                ));
            };
            kept = next;
            hops += 1;
            if hops > merges.len() {
                return Err(format!("the merges of {} go round in a circle", g.value));
            }
        }
        let (dup, kept) = (id_of(&g.value), id_of(kept));
        out.push(format!(
            "INSERT INTO report_protected_class (report_id, protected_class_id) \
             SELECT report_id, {kept} FROM report_protected_class WHERE protected_class_id = {dup} \
             AND report_id NOT IN (SELECT report_id FROM report_protected_class WHERE protected_class_id = {kept})"
        ));
        out.push(format!(
            "DELETE FROM report_protected_class WHERE protected_class_id = {dup}"
        ));
        out.push(format!(
            "DELETE FROM protected_class WHERE value = {}",
            quote(&g.value)
        ));
    }
    for o in changed {
        out.push(format!(
            "UPDATE protected_class SET code = {}, label = {}, form_order = {} WHERE value = {}",
            quote(&o.code),
            quote(&o.label),
            order(o.form_order),
            quote(&o.value)
        ));
    }
    Ok(out)
}

/// Statements that give a database whose labels in other languages are
/// `from` the labels `to` (added or changed; each an upsert, so running it
/// twice changes nothing).
pub fn label_sync_sql(from: &[ClassLabel], to: &[ClassLabel]) -> Vec<String> {
    to.iter()
        .filter(|l| !from.contains(l))
        .map(|l| {
            format!(
                "INSERT INTO protected_class_label (protected_class_id, language, label) \
                 SELECT id, {}, {} FROM protected_class WHERE value = {} \
                 ON CONFLICT (protected_class_id, language) DO UPDATE SET label = excluded.label",
                quote(&l.language),
                quote(&l.label),
                quote(&l.value)
            )
        })
        .collect()
}

/// The catalog the migrations alone produce (a fresh in-memory database).
///
/// Errors: `Backend` if the migrations fail.
pub async fn baseline_catalog() -> Result<ProtectedClassCatalog, RepositoryError> {
    let fresh = Db::connect("sqlite::memory:")
        .await
        .map_err(|e| RepositoryError::Backend(e.to_string()))?;
    let catalog = fresh.catalog().await?;
    fresh.close().await;
    Ok(catalog)
}

impl Db {
    /// (duplicate, kept) of every merge in the audit trail, oldest first.
    ///
    /// Errors: `Backend`.
    pub async fn recorded_merges(&self) -> Result<Vec<(String, String)>, RepositoryError> {
        let mut merges: Vec<(String, String)> = self
            .protected_class_history()
            .await?
            .into_iter()
            .filter(|e| e.action == "merge")
            .filter_map(|e| {
                let rest = e.detail.strip_prefix("merge ")?;
                let (dup, rest) = rest.split_once(" into ")?;
                let kept = rest.split(':').next()?;
                Some((dup.trim().to_owned(), kept.trim().to_owned()))
            })
            .collect();
        merges.reverse();
        Ok(merges)
    }

    /// Runs statements in one transaction (tests replay exported changes).
    ///
    /// Errors: `Backend` (nothing is applied).
    pub async fn run_statements(&self, statements: &[String]) -> Result<(), RepositoryError> {
        let txn = self.conn.begin().await.map_err(backend)?;
        for s in statements {
            txn.execute_unprepared(s).await.map_err(backend)?;
        }
        txn.commit().await.map_err(backend)
    }
}

//! Tags on reports: reading them with the reports, storing a change.

use std::collections::HashMap;

use crt_domain::{
    choice::Choice,
    ports::RepositoryError,
    report::Section,
    tags::{Tag, TagRef},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use crate::{
    backend,
    entities::{report_tag, tag},
};

/// The tags of these reports, `SECTION/name`, sorted.
pub(crate) async fn tags_of<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>, RepositoryError> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows = report_tag::Entity::find()
        .filter(report_tag::Column::ReportId.is_in(ids.iter().copied()))
        .order_by_asc(report_tag::Column::Section)
        .order_by_asc(report_tag::Column::Name)
        .all(db)
        .await
        .map_err(backend)?;
    for r in rows {
        out.entry(r.report_id)
            .or_default()
            .push(format!("{}/{}", r.section, r.name));
    }
    Ok(out)
}

/// Stores report `id`'s tags as `new` (from `old`). A tag added must be
/// defined and not retired: otherwise the message to show, nothing written.
pub(crate) async fn store_tags<C: ConnectionTrait>(
    txn: &C,
    id: i64,
    old: &[String],
    new: &[String],
) -> Result<Result<(), String>, RepositoryError> {
    let split = |q: &String| {
        let (s, n) = crt_domain::tags::split_qualified(q);
        (s.to_owned(), n.to_owned())
    };
    for added in new.iter().filter(|t| !old.contains(t)) {
        let (section, name) = split(added);
        let usable = tag::Entity::find_by_id((section, name))
            .one(txn)
            .await
            .map_err(backend)?
            .is_some_and(|t| t.retired_at.is_none());
        if !usable {
            return Ok(Err(format!(
                "{added:?} is not a tag in use (crt-admin tag list)."
            )));
        }
        let (section, name) = split(added);
        report_tag::ActiveModel {
            report_id: Set(id),
            section: Set(section),
            name: Set(name),
        }
        .insert(txn)
        .await
        .map_err(backend)?;
    }
    for removed in old.iter().filter(|t| !new.contains(t)) {
        let (section, name) = split(removed);
        report_tag::Entity::delete_by_id((id, section, name))
            .exec(txn)
            .await
            .map_err(backend)?;
    }
    Ok(Ok(()))
}

pub(super) fn to_tag(m: tag::Model) -> Result<Tag, RepositoryError> {
    let section = Section::from_value(&m.section).ok_or_else(|| {
        RepositoryError::Corrupt(format!("tag {}/{}: unknown section", m.section, m.name))
    })?;
    Ok(Tag {
        tag: TagRef {
            section,
            name: m.name,
        },
        description: m.description,
        retired: m.retired_at.is_some(),
    })
}

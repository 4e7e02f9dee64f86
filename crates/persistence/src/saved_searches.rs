//! Saved searches and their openings (`SavedSearchRepository`).

use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    ports::{RepositoryError, SavedSearchRepository},
    report::Section,
    saved_search::{ActionState, AutoAction, NewSavedSearch, SavedSearch},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter,
    QueryOrder, sea_query::OnConflict,
};

use crate::{
    Db, backend,
    entities::{notification_subscription, saved_search, saved_search_opening},
};

pub(crate) fn to_domain(m: saved_search::Model) -> Result<SavedSearch, RepositoryError> {
    let shared_with = match &m.shared_with {
        Some(s) => Some(Section::from_value(s).ok_or_else(|| {
            RepositoryError::Corrupt(format!("saved search {}: unknown section {s:?}", m.id))
        })?),
        None => None,
    };
    let corrupt = |what: &str| RepositoryError::Corrupt(format!("saved search {}: {what}", m.id));
    let action = match (m.action.as_deref(), m.action_enabled_at) {
        (None, _) => None,
        (Some(kind), Some(enabled_at)) => {
            let section = m.action_section.as_deref().and_then(Section::from_value);
            Some(ActionState {
                action: AutoAction::parse(kind, m.action_comment.as_deref().unwrap_or(""), section)
                    .map_err(|e| corrupt(&e))?,
                by: m.action_by.clone().unwrap_or_default(),
                enabled_at,
                last_report_id: m.action_last_report_id,
            })
        }
        (Some(_), None) => return Err(corrupt("an action without the time it was switched on")),
    };
    Ok(SavedSearch {
        id: m.id,
        code: m.code,
        name: m.name,
        owner: m.owner,
        shared_with,
        query: m.query,
        created_at: m.created_at,
        action,
    })
}

#[async_trait::async_trait]
impl SavedSearchRepository for Db {
    async fn create_saved_search(
        &self,
        owner: &str,
        code: &str,
        search: &NewSavedSearch,
        now: DateTime<Utc>,
    ) -> Result<SavedSearch, RepositoryError> {
        if saved_search::Entity::find()
            .filter(saved_search::Column::Code.eq(code))
            .one(&self.conn)
            .await
            .map_err(backend)?
            .is_some()
        {
            return Err(RepositoryError::Invalid(format!(
                "the code {code} is taken"
            )));
        }
        let m = saved_search::ActiveModel {
            code: Set(code.to_owned()),
            name: Set(search.name.clone()),
            owner: Set(owner.to_owned()),
            shared_with: Set(search.shared_with.map(|s| s.value().to_owned())),
            query: Set(search.query.clone()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&self.conn)
        .await
        .map_err(backend)?;
        to_domain(m)
    }

    async fn saved_searches_for(
        &self,
        username: &str,
        section: Option<Section>,
    ) -> Result<Vec<(SavedSearch, Option<DateTime<Utc>>)>, RepositoryError> {
        let mut visible = Condition::any().add(saved_search::Column::Owner.eq(username));
        if let Some(s) = section {
            visible = visible.add(saved_search::Column::SharedWith.eq(s.value()));
        }
        let rows = saved_search::Entity::find()
            .filter(visible)
            .order_by_asc(saved_search::Column::Name)
            .order_by_asc(saved_search::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        let openings = saved_search_opening::Entity::find()
            .filter(saved_search_opening::Column::Username.eq(username))
            .filter(saved_search_opening::Column::SearchId.is_in(rows.iter().map(|r| r.id)))
            .all(&self.conn)
            .await
            .map_err(backend)?;
        rows.into_iter()
            .map(|r| {
                let opened = openings
                    .iter()
                    .find(|o| o.search_id == r.id)
                    .map(|o| o.opened_at);
                to_domain(r).map(|s| (s, opened))
            })
            .collect()
    }

    async fn saved_search_by_code(&self, code: &str) -> Result<SavedSearch, RepositoryError> {
        let m = saved_search::Entity::find()
            .filter(saved_search::Column::Code.eq(code))
            .one(&self.conn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?;
        to_domain(m)
    }

    async fn record_opening(
        &self,
        id: i64,
        username: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError> {
        saved_search_opening::Entity::insert(saved_search_opening::ActiveModel {
            search_id: Set(id),
            username: Set(username.to_owned()),
            opened_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([
                saved_search_opening::Column::SearchId,
                saved_search_opening::Column::Username,
            ])
            .update_column(saved_search_opening::Column::OpenedAt)
            .to_owned(),
        )
        .exec_without_returning(&self.conn)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn delete_saved_search(&self, id: i64) -> Result<(), RepositoryError> {
        let txn = self.begin_write().await.map_err(backend)?;
        saved_search_opening::Entity::delete_many()
            .filter(saved_search_opening::Column::SearchId.eq(id))
            .exec(&txn)
            .await
            .map_err(backend)?;
        notification_subscription::Entity::delete_many()
            .filter(notification_subscription::Column::SearchId.eq(id))
            .exec(&txn)
            .await
            .map_err(backend)?;
        let gone = saved_search::Entity::delete_by_id(id)
            .exec(&txn)
            .await
            .map_err(backend)?;
        if gone.rows_affected == 0 {
            return Err(RepositoryError::NotFound);
        }
        txn.commit().await.map_err(backend)?;
        Ok(())
    }

    async fn set_action(
        &self,
        id: i64,
        state: Option<&ActionState>,
    ) -> Result<(), RepositoryError> {
        let (comment, section) = match state.map(|s| &s.action) {
            Some(AutoAction::Close { comment }) => (Some(comment.clone()), None),
            Some(AutoAction::Move { section }) => (None, Some(section.value().to_owned())),
            None => (None, None),
        };
        let r = saved_search::Entity::update_many()
            .set(saved_search::ActiveModel {
                action: Set(state.map(|s| s.action.code().to_owned())),
                action_comment: Set(comment),
                action_section: Set(section),
                action_by: Set(state.map(|s| s.by.clone())),
                action_enabled_at: Set(state.map(|s| s.enabled_at)),
                action_last_report_id: Set(state.map_or(0, |s| s.last_report_id)),
                ..Default::default()
            })
            .filter(saved_search::Column::Id.eq(id))
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        if r.rows_affected == 0 {
            return Err(RepositoryError::NotFound);
        }
        Ok(())
    }

    async fn searches_with_actions(&self) -> Result<Vec<SavedSearch>, RepositoryError> {
        Ok(saved_search::Entity::find()
            .filter(saved_search::Column::Action.is_not_null())
            .order_by_asc(saved_search::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?
            .into_iter()
            // One unreadable search does not hold back the others.
            .filter_map(|m| {
                to_domain(m)
                    .map_err(|e| tracing::warn!(error = %e, "an automatic action is skipped"))
                    .ok()
            })
            .collect())
    }

    async fn claim_action_range(
        &self,
        id: i64,
        from: i64,
        to: i64,
    ) -> Result<bool, RepositoryError> {
        let r = saved_search::Entity::update_many()
            .set(saved_search::ActiveModel {
                action_last_report_id: Set(to),
                ..Default::default()
            })
            .filter(saved_search::Column::Id.eq(id))
            .filter(saved_search::Column::Action.is_not_null())
            .filter(saved_search::Column::ActionLastReportId.eq(from))
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(r.rows_affected == 1)
    }
}

//! Saved searches and their openings (`SavedSearchRepository`).

use chrono::{DateTime, Utc};
use crt_domain::{
    choice::Choice,
    ports::{RepositoryError, SavedSearchRepository},
    report::Section,
    saved_search::{NewSavedSearch, SavedSearch},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter,
    QueryOrder, sea_query::OnConflict,
};

use crate::{
    Db, backend,
    entities::{saved_search, saved_search_opening},
};

pub(crate) fn to_domain(m: saved_search::Model) -> Result<SavedSearch, RepositoryError> {
    let shared_with = match &m.shared_with {
        Some(s) => Some(Section::from_value(s).ok_or_else(|| {
            RepositoryError::Corrupt(format!("saved search {}: unknown section {s:?}", m.id))
        })?),
        None => None,
    };
    Ok(SavedSearch {
        id: m.id,
        code: m.code,
        name: m.name,
        owner: m.owner,
        shared_with,
        query: m.query,
        created_at: m.created_at,
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
}

//! Personal API tokens, stored as a hash of the secret.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    accounts::User,
    ports::{ApiTokenInfo, ApiTokenRepository, NewApiToken, RepositoryError},
};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    Db,
    accounts::to_user,
    backend,
    entities::{api_token, app_user},
};

fn info(m: api_token::Model, username: String) -> ApiTokenInfo {
    ApiTokenInfo {
        id: m.id,
        username,
        name: m.name,
        read_only: m.read_only,
        created_at: m.created_at,
        expires_at: m.expires_at,
        last_used_at: m.last_used_at,
        revoked_at: m.revoked_at,
    }
}

impl Db {
    /// The token with this id, with its owner's username.
    async fn token_info(&self, id: i64) -> Result<ApiTokenInfo, RepositoryError> {
        let row = api_token::Entity::find_by_id(id)
            .one(&self.conn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?;
        let username = app_user::Entity::find_by_id(row.user_id)
            .one(&self.conn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?
            .username;
        Ok(info(row, username))
    }
}

#[async_trait]
impl ApiTokenRepository for Db {
    async fn create_token(
        &self,
        token: &NewApiToken,
        now: DateTime<Utc>,
    ) -> Result<ApiTokenInfo, RepositoryError> {
        let id = api_token::Entity::insert(api_token::ActiveModel {
            user_id: Set(token.user_id),
            name: Set(token.name.clone()),
            token_hash: Set(token.hash.clone()),
            read_only: Set(token.read_only),
            created_at: Set(now),
            expires_at: Set(token.expires_at),
            last_used_at: Set(None),
            revoked_at: Set(None),
            ..Default::default()
        })
        .exec(&self.conn)
        .await
        .map_err(backend)?
        .last_insert_id;
        self.token_info(id).await
    }

    async fn list_tokens(
        &self,
        username: Option<&str>,
    ) -> Result<Vec<ApiTokenInfo>, RepositoryError> {
        let mut users = app_user::Entity::find();
        if let Some(name) = username {
            users = users.filter(app_user::Column::Username.eq(name));
        }
        let names: std::collections::HashMap<i64, String> = users
            .all(&self.conn)
            .await
            .map_err(backend)?
            .into_iter()
            .map(|u| (u.id, u.username))
            .collect();
        let rows = api_token::Entity::find()
            .filter(api_token::Column::UserId.is_in(names.keys().copied()))
            .order_by_desc(api_token::Column::CreatedAt)
            .order_by_desc(api_token::Column::Id)
            .all(&self.conn)
            .await
            .map_err(backend)?;
        Ok(rows
            .into_iter()
            .filter_map(|t| {
                let name = names.get(&t.user_id)?.clone();
                Some(info(t, name))
            })
            .collect())
    }

    async fn revoke_token(
        &self,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<ApiTokenInfo, RepositoryError> {
        api_token::Entity::update_many()
            .set(api_token::ActiveModel {
                revoked_at: Set(Some(now)),
                ..Default::default()
            })
            .filter(api_token::Column::Id.eq(id))
            .filter(api_token::Column::RevokedAt.is_null())
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        self.token_info(id).await
    }

    async fn use_token(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(User, ApiTokenInfo), RepositoryError> {
        let row = api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(hash))
            .filter(api_token::Column::RevokedAt.is_null())
            .filter(api_token::Column::ExpiresAt.gt(now))
            .one(&self.conn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?;
        let user = app_user::Entity::find_by_id(row.user_id)
            .one(&self.conn)
            .await
            .map_err(backend)?
            .filter(|u| u.is_active)
            .ok_or(RepositoryError::NotFound)?;
        api_token::Entity::update_many()
            .set(api_token::ActiveModel {
                last_used_at: Set(Some(now)),
                ..Default::default()
            })
            .filter(api_token::Column::Id.eq(row.id))
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        let username = user.username.clone();
        let mut token = info(row, username);
        token.last_used_at = Some(now);
        Ok((to_user(user), token))
    }
}

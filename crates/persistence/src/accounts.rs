//! Staff accounts, sessions and failed sign-in attempts.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    accounts::{NewUser, User},
    choice::Choice,
    ports::{RepositoryError, StaffSessionRepository, UserRepository},
    values::Email,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::{
    Db, backend,
    entities::{app_user, login_attempt, staff_session},
};

pub(crate) fn to_user(m: app_user::Model) -> User {
    User {
        id: m.id,
        username: m.username,
        // An address that no longer parses is dropped rather than refusing sign-in.
        email: m.email.as_deref().and_then(|e| Email::parse(e).ok()),
        display_name: m.display_name,
        active: m.is_active,
        portal_access: m.portal_access,
        section: m.section.as_deref().and_then(|s| s.parse().ok()),
        groups: m
            .groups
            .split(',')
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_owned)
            .collect(),
    }
}

async fn by_username(db: &Db, username: &str) -> Result<app_user::Model, RepositoryError> {
    app_user::Entity::find()
        .filter(app_user::Column::Username.eq(username))
        .one(&db.conn)
        .await
        .map_err(backend)?
        .ok_or(RepositoryError::NotFound)
}

#[async_trait]
impl UserRepository for Db {
    async fn create_user(&self, u: &NewUser, now: DateTime<Utc>) -> Result<User, RepositoryError> {
        let row = app_user::ActiveModel {
            username: Set(u.username.clone()),
            email: Set(u.email.as_ref().map(|e| e.as_str().to_owned())),
            display_name: Set(u.display_name.clone()),
            password_hash: Set(u.password_hash.clone()),
            is_active: Set(true),
            portal_access: Set(u.portal_access),
            section: Set(u.section.map(|s| s.value().to_owned())),
            groups: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&self.conn)
        .await
        .map_err(backend)?;
        Ok(to_user(row))
    }

    async fn user_with_hash(
        &self,
        username: &str,
    ) -> Result<(User, Option<String>), RepositoryError> {
        let m = by_username(self, username).await?;
        let hash = m.password_hash.clone();
        Ok((to_user(m), hash))
    }

    async fn set_password(&self, username: &str, hash: &str) -> Result<(), RepositoryError> {
        let user = by_username(self, username).await?;
        let id = user.id;
        let txn = self.begin_write().await.map_err(backend)?;
        let mut m: app_user::ActiveModel = user.into();
        m.password_hash = Set(Some(hash.to_owned()));
        m.update(&txn).await.map_err(backend)?;
        staff_session::Entity::delete_many()
            .filter(staff_session::Column::UserId.eq(id))
            .exec(&txn)
            .await
            .map_err(backend)?;
        txn.commit().await.map_err(backend)
    }

    async fn set_active(&self, username: &str, active: bool) -> Result<(), RepositoryError> {
        let user = by_username(self, username).await?;
        let id = user.id;
        let mut m: app_user::ActiveModel = user.into();
        m.is_active = Set(active);
        m.update(&self.conn).await.map_err(backend)?;
        if !active {
            staff_session::Entity::delete_many()
                .filter(staff_session::Column::UserId.eq(id))
                .exec(&self.conn)
                .await
                .map_err(backend)?;
        }
        Ok(())
    }

    async fn list_users(&self) -> Result<Vec<User>, RepositoryError> {
        Ok(app_user::Entity::find()
            .order_by_asc(app_user::Column::Username)
            .all(&self.conn)
            .await
            .map_err(backend)?
            .into_iter()
            .map(to_user)
            .collect())
    }
}

#[async_trait]
impl StaffSessionRepository for Db {
    async fn create_session(
        &self,
        key: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Result<(), RepositoryError> {
        staff_session::ActiveModel {
            session_key: Set(key.to_owned()),
            user_id: Set(user_id),
            created_at: Set(now),
            expires_at: Set(expires),
        }
        .insert(&self.conn)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn session_user(&self, key: &str, now: DateTime<Utc>) -> Result<User, RepositoryError> {
        let session = staff_session::Entity::find_by_id(key.to_owned())
            .filter(staff_session::Column::ExpiresAt.gt(now))
            .one(&self.conn)
            .await
            .map_err(backend)?
            .ok_or(RepositoryError::NotFound)?;
        let user = app_user::Entity::find_by_id(session.user_id)
            .one(&self.conn)
            .await
            .map_err(backend)?
            .filter(|u| u.is_active)
            .ok_or(RepositoryError::NotFound)?;
        Ok(to_user(user))
    }

    async fn delete_session(&self, key: &str) -> Result<(), RepositoryError> {
        staff_session::Entity::delete_by_id(key.to_owned())
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn record_failed_login(
        &self,
        keys: &[String],
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>, RepositoryError> {
        let mut ids = Vec::with_capacity(keys.len());
        for k in keys {
            let id = login_attempt::Entity::insert(login_attempt::ActiveModel {
                attempt_key: Set(k.chars().take(300).collect()),
                attempted_at: Set(now),
                ..Default::default()
            })
            .exec(&self.conn)
            .await
            .map_err(backend)?
            .last_insert_id;
            ids.push(id);
        }
        Ok(ids)
    }

    async fn purge_expired_sessions(
        &self,
        now: DateTime<Utc>,
        attempts_before: DateTime<Utc>,
    ) -> Result<(u64, u64), RepositoryError> {
        let sessions = staff_session::Entity::delete_many()
            .filter(staff_session::Column::ExpiresAt.lte(now))
            .exec(&self.conn)
            .await
            .map_err(backend)?
            .rows_affected;
        let attempts = login_attempt::Entity::delete_many()
            .filter(login_attempt::Column::AttemptedAt.lt(attempts_before))
            .exec(&self.conn)
            .await
            .map_err(backend)?
            .rows_affected;
        Ok((sessions, attempts))
    }

    async fn forget_login_attempt(&self, ids: &[i64]) -> Result<(), RepositoryError> {
        if ids.is_empty() {
            return Ok(());
        }
        login_attempt::Entity::delete_many()
            .filter(login_attempt::Column::Id.is_in(ids.iter().copied()))
            .exec(&self.conn)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn failed_logins_since(
        &self,
        key: &str,
        since: DateTime<Utc>,
        except: i64,
    ) -> Result<(u64, Option<DateTime<Utc>>), RepositoryError> {
        let key: String = key.chars().take(300).collect();
        let n = login_attempt::Entity::find()
            .filter(login_attempt::Column::AttemptKey.eq(key.clone()))
            .filter(login_attempt::Column::AttemptedAt.gte(since))
            .count(&self.conn)
            .await
            .map_err(backend)?;
        let previous = login_attempt::Entity::find()
            .filter(login_attempt::Column::AttemptKey.eq(key))
            .filter(login_attempt::Column::AttemptedAt.gte(since))
            .filter(login_attempt::Column::Id.ne(except))
            .order_by_desc(login_attempt::Column::AttemptedAt)
            .one(&self.conn)
            .await
            .map_err(backend)?
            .map(|m| m.attempted_at);
        Ok((n, previous))
    }
}

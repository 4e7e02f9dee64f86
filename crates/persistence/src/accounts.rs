//! Staff accounts, sessions and failed sign-in attempts.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use crt_domain::{
    accounts::{NewUser, SsoLink, SsoUser, User},
    choice::Choice,
    ports::{RepositoryError, SsoFlow, SsoFlowRepository, StaffSessionRepository, UserRepository},
    values::Email,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::{
    Db, backend,
    entities::{app_user, login_attempt, sso_flow, staff_session},
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
        emergency_local: m.emergency_local,
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
            emergency_local: Set(u.emergency_local),
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

    async fn set_groups(&self, username: &str, groups: &[String]) -> Result<(), RepositoryError> {
        let user = by_username(self, username).await?;
        let mut m: app_user::ActiveModel = user.into();
        let cleaned: Vec<String> = groups
            .iter()
            .map(|g| g.replace(',', "").trim().to_owned())
            .filter(|g| !g.is_empty())
            .collect();
        m.groups = Set(cleaned.join(","));
        m.update(&self.conn).await.map_err(backend)?;
        Ok(())
    }

    async fn set_email(
        &self,
        username: &str,
        email: Option<&crt_domain::values::Email>,
    ) -> Result<(), RepositoryError> {
        let user = by_username(self, username).await?;
        let mut m: app_user::ActiveModel = user.into();
        m.email = Set(email.map(|e| e.as_str().to_owned()));
        m.update(&self.conn).await.map_err(backend)?;
        Ok(())
    }

    async fn upsert_sso_user(
        &self,
        u: &SsoUser,
        now: DateTime<Utc>,
    ) -> Result<SsoLink, RepositoryError> {
        // Groups are stored comma-separated: a comma inside a group name
        // would split it, so it is dropped from the stored name.
        let groups = u
            .groups
            .iter()
            .map(|g| g.replace(',', " "))
            .collect::<Vec<_>>()
            .join(",");
        let email = u.email.as_ref().map(|e| e.as_str().to_owned());
        let txn = self.begin_write().await.map_err(backend)?;
        let existing = app_user::Entity::find()
            .filter(app_user::Column::Username.eq(u.username.as_str()))
            .one(&txn)
            .await
            .map_err(backend)?;
        let row = match existing {
            Some(m) if m.emergency_local => return Ok(SsoLink::EmergencyLocal(to_user(m))),
            Some(m) if m.sso_subject.as_ref().is_some_and(|s| *s != u.subject) => {
                return Ok(SsoLink::OtherSubject(to_user(m)));
            }
            Some(m) => {
                let mut m: app_user::ActiveModel = m.into();
                m.sso_subject = Set(Some(u.subject.clone()));
                m.groups = Set(groups);
                m.portal_access = Set(u.portal_access);
                if email.is_some() {
                    m.email = Set(email);
                }
                if let Some(name) = &u.display_name {
                    m.display_name = Set(name.chars().take(225).collect());
                }
                m.update(&txn).await.map_err(backend)?
            }
            None => app_user::ActiveModel {
                username: Set(u.username.clone()),
                email: Set(email),
                display_name: Set(u
                    .display_name
                    .as_deref()
                    .unwrap_or(&u.username)
                    .chars()
                    .take(225)
                    .collect()),
                password_hash: Set(None),
                is_active: Set(true),
                portal_access: Set(u.portal_access),
                section: Set(u.section_if_new.map(|s| s.value().to_owned())),
                groups: Set(groups),
                created_at: Set(now),
                emergency_local: Set(false),
                sso_subject: Set(Some(u.subject.clone())),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(backend)?,
        };
        txn.commit().await.map_err(backend)?;
        Ok(SsoLink::Ready(to_user(row)))
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

async fn insert_session(
    db: &Db,
    key: &str,
    user_id: i64,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
    id_token: Option<&str>,
) -> Result<(), RepositoryError> {
    staff_session::ActiveModel {
        session_key: Set(key.to_owned()),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(expires),
        id_token: Set(id_token.map(str::to_owned)),
    }
    .insert(&db.conn)
    .await
    .map_err(backend)?;
    Ok(())
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
        insert_session(self, key, user_id, now, expires, None).await
    }

    async fn create_sso_session(
        &self,
        key: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
        id_token: &str,
    ) -> Result<(), RepositoryError> {
        insert_session(self, key, user_id, now, expires, Some(id_token)).await
    }

    async fn session_id_token(&self, key: &str) -> Result<Option<String>, RepositoryError> {
        Ok(staff_session::Entity::find_by_id(key.to_owned())
            .one(&self.conn)
            .await
            .map_err(backend)?
            .and_then(|s| s.id_token))
    }

    async fn session_user(&self, key: &str, now: DateTime<Utc>) -> Result<User, RepositoryError> {
        // One statement (every staff request makes it): the active user
        // whose unexpired session this is.
        let session = sea_orm::sea_query::Query::select()
            .column(staff_session::Column::UserId)
            .from(staff_session::Entity)
            .and_where(staff_session::Column::SessionKey.eq(key.to_owned()))
            .and_where(staff_session::Column::ExpiresAt.gt(now))
            .to_owned();
        let user = app_user::Entity::find()
            .filter(app_user::Column::Id.in_subquery(session))
            .filter(app_user::Column::IsActive.eq(true))
            .one(&self.conn)
            .await
            .map_err(backend)?
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

#[async_trait]
impl SsoFlowRepository for Db {
    async fn create_flow(&self, state_key: &str, f: &SsoFlow) -> Result<(), RepositoryError> {
        sso_flow::ActiveModel {
            state_key: Set(state_key.to_owned()),
            browser_key: Set(f.browser_key.clone()),
            nonce: Set(f.nonce.clone()),
            pkce_verifier: Set(f.pkce_verifier.clone()),
            next: Set(f.next.clone()),
            created_at: Set(f.created_at),
            expires_at: Set(f.expires_at),
        }
        .insert(&self.conn)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn take_flow(&self, state_key: &str) -> Result<Option<SsoFlow>, RepositoryError> {
        let Some(m) = sso_flow::Entity::find_by_id(state_key.to_owned())
            .one(&self.conn)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        // The delete decides who has it: of two callers that read the
        // row, only the one whose delete removed it goes on.
        let removed = sso_flow::Entity::delete_many()
            .filter(sso_flow::Column::StateKey.eq(state_key))
            .exec(&self.conn)
            .await
            .map_err(backend)?
            .rows_affected;
        Ok((removed == 1).then_some(SsoFlow {
            browser_key: m.browser_key,
            nonce: m.nonce,
            pkce_verifier: m.pkce_verifier,
            next: m.next,
            created_at: m.created_at,
            expires_at: m.expires_at,
        }))
    }

    async fn purge_expired_flows(&self, now: DateTime<Utc>) -> Result<u64, RepositoryError> {
        Ok(sso_flow::Entity::delete_many()
            .filter(sso_flow::Column::ExpiresAt.lte(now))
            .exec(&self.conn)
            .await
            .map_err(backend)?
            .rows_affected)
    }
}

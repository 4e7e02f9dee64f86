//! Saving, listing, opening and deleting saved searches. Counting a
//! search's new matches is the list's count with "received since you last
//! opened it" added (the web layer reads the query, as the list does).

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::{
    accounts::User,
    ports::{Clock, RepositoryError, SavedSearchRepository},
    report::Section,
    saved_search::{self, SavedSearch},
};

/// Why a saved search was not saved, opened or deleted.
#[derive(Debug, thiserror::Error)]
pub enum SavedSearchError {
    /// A bad name or a query too long.
    #[error("{0}")]
    Invalid(String),
    /// No such search, or not one this person may see.
    #[error("there is no such saved search")]
    NotFound,
    /// Only its owner may delete a search.
    #[error("only the person who saved a search may delete it")]
    NotOwner,
    /// Storing failed.
    #[error(transparent)]
    Repository(RepositoryError),
}

impl From<RepositoryError> for SavedSearchError {
    fn from(e: RepositoryError) -> Self {
        match e {
            RepositoryError::NotFound => Self::NotFound,
            e => Self::Repository(e),
        }
    }
}

/// The saved-search use cases.
#[derive(Clone)]
pub struct SavedSearches {
    /// Where searches are kept.
    pub repo: Arc<dyn SavedSearchRepository>,
    /// The time of saving and opening.
    pub clock: Arc<dyn Clock>,
}

impl SavedSearches {
    /// Saves the list query `pairs` as `name` for `user`, shared with
    /// `shared_with` or kept to themselves.
    ///
    /// Errors: `Invalid`; `Repository`.
    pub async fn save(
        &self,
        user: &User,
        name: &str,
        pairs: &[(String, String)],
        shared_with: Option<Section>,
    ) -> Result<SavedSearch, SavedSearchError> {
        let new =
            saved_search::prepare(name, pairs, shared_with).map_err(SavedSearchError::Invalid)?;
        // A taken code (one in a billion) is tried again with another.
        let mut last = None;
        for _ in 0..5 {
            let code = saved_search::new_code(&mut rand::rng());
            match self
                .repo
                .create_saved_search(&user.username, &code, &new, self.clock.now())
                .await
            {
                Ok(s) => return Ok(s),
                Err(RepositoryError::Invalid(m)) => last = Some(m),
                Err(e) => return Err(e.into()),
            }
        }
        Err(SavedSearchError::Repository(RepositoryError::Backend(
            last.unwrap_or_default(),
        )))
    }

    /// The searches `user` may open, with when they last opened each.
    ///
    /// Errors: `Backend`.
    pub async fn visible_to(
        &self,
        user: &User,
    ) -> Result<Vec<(SavedSearch, Option<DateTime<Utc>>)>, RepositoryError> {
        self.repo
            .saved_searches_for(&user.username, user.section)
            .await
    }

    /// The search of link `code`, if `user` may open it; the opening is
    /// recorded (its new matches start again from now).
    ///
    /// Errors: `NotFound` (also for a search not shared with them);
    /// `Repository`.
    pub async fn open(&self, code: &str, user: &User) -> Result<SavedSearch, SavedSearchError> {
        let s = self.find_visible(code, user).await?;
        self.repo
            .record_opening(s.id, &user.username, self.clock.now())
            .await?;
        Ok(s)
    }

    /// Deletes the search of link `code`; only its owner may.
    ///
    /// Errors: `NotFound`; `NotOwner`; `Repository`.
    pub async fn delete(&self, code: &str, user: &User) -> Result<(), SavedSearchError> {
        let s = self.find_visible(code, user).await?;
        if s.owner != user.username {
            return Err(SavedSearchError::NotOwner);
        }
        Ok(self.repo.delete_saved_search(s.id).await?)
    }

    /// The search of link `code`, if `user` may see it (a search they may
    /// not see is `NotFound`, so a link reveals nothing).
    async fn find_visible(&self, code: &str, user: &User) -> Result<SavedSearch, SavedSearchError> {
        if !saved_search::is_code(code) {
            return Err(SavedSearchError::NotFound);
        }
        let s = self.repo.saved_search_by_code(code).await?;
        if !s.visible_to(&user.username, user.section) {
            return Err(SavedSearchError::NotFound);
        }
        Ok(s)
    }
}

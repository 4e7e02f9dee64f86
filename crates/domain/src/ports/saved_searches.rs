//! The saved searches' port.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::RepositoryError;
use crate::{
    report::Section,
    saved_search::{NewSavedSearch, SavedSearch},
};

/// Saved searches and when each person last opened each.
#[async_trait]
pub trait SavedSearchRepository: Send + Sync {
    /// Stores a new search with this link code.
    ///
    /// Errors: `Invalid` when the code is taken (try another); `Backend`.
    async fn create_saved_search(
        &self,
        owner: &str,
        code: &str,
        search: &NewSavedSearch,
        now: DateTime<Utc>,
    ) -> Result<SavedSearch, RepositoryError>;

    /// The searches `username` owns or that are shared with `section`,
    /// by name, each with when `username` last opened it.
    ///
    /// Errors: `Backend`.
    async fn saved_searches_for(
        &self,
        username: &str,
        section: Option<Section>,
    ) -> Result<Vec<(SavedSearch, Option<DateTime<Utc>>)>, RepositoryError>;

    /// The search with this link code.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn saved_search_by_code(&self, code: &str) -> Result<SavedSearch, RepositoryError>;

    /// Records that `username` opened search `id` now.
    ///
    /// Errors: `Backend`.
    async fn record_opening(
        &self,
        id: i64,
        username: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError>;

    /// Deletes search `id` (with its openings).
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn delete_saved_search(&self, id: i64) -> Result<(), RepositoryError>;
}

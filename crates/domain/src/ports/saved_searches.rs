//! The saved searches' port.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::RepositoryError;
use crate::{
    report::Section,
    saved_search::{ActionState, NewSavedSearch, SavedSearch},
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

    /// Switches search `id`'s automatic action on (`Some`) or off.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn set_action(&self, id: i64, state: Option<&ActionState>)
    -> Result<(), RepositoryError>;

    /// The searches whose automatic action is on.
    ///
    /// Errors: `Corrupt`; `Backend`.
    async fn searches_with_actions(&self) -> Result<Vec<SavedSearch>, RepositoryError>;

    /// Takes the reports after `from` up to `to` for search `id`'s action:
    /// `false` when its place was no longer `from` (another runner took
    /// them, or the action was switched off or on again).
    ///
    /// Errors: `Backend`.
    async fn claim_action_range(
        &self,
        id: i64,
        from: i64,
        to: i64,
    ) -> Result<bool, RepositoryError>;
}

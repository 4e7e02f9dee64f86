//! The protected-class catalog, cached in memory for a minute. It changes
//! only through migrations or `crt-admin protected-class …`, so every
//! instance sees a change within [`TTL`] without a database read per page.

use std::{
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use crt_domain::{
    ports::{ProtectedClassRepository, RepositoryError},
    protected_class::ProtectedClassCatalog,
};

/// How long a read catalog is used before it is read again.
pub const TTL: Duration = Duration::from_secs(60);

/// A cached catalog.
#[derive(Default)]
pub struct CatalogCache {
    slot: RwLock<Option<(Instant, Arc<ProtectedClassCatalog>)>>,
}

impl CatalogCache {
    /// The catalog, from the cache when fresh.
    pub async fn get(
        &self,
        repo: &dyn ProtectedClassRepository,
    ) -> Result<Arc<ProtectedClassCatalog>, RepositoryError> {
        if let Ok(guard) = self.slot.read()
            && let Some((at, c)) = guard.as_ref()
            && at.elapsed() < TTL
        {
            return Ok(c.clone());
        }
        let fresh = Arc::new(repo.catalog().await?);
        if let Ok(mut guard) = self.slot.write() {
            *guard = Some((Instant::now(), fresh.clone()));
        }
        Ok(fresh)
    }
}

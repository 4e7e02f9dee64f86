//! Operators' changes to the protected-class catalog: planned by the pure
//! rules of [`crate::catalog_change`], described with the reports each
//! change touches, and applied in one transaction with an audit entry.

use std::{collections::HashMap, sync::Arc};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::{
    catalog_change::{CatalogChange, CatalogPlan, plan},
    ports::{Clock, ProtectedClassRepository, RepositoryError},
};

/// What changing the catalog needs from storage.
#[async_trait]
pub trait CatalogAdminRepository: ProtectedClassRepository {
    /// How many reports carry each protected-class value.
    ///
    /// Errors: `Backend`.
    async fn protected_class_report_counts(&self) -> Result<HashMap<String, u64>, RepositoryError>;

    /// Stores a planned change in one transaction (re-linking a merged
    /// option's reports to the kept one) with an audit entry.
    ///
    /// Errors: `Invalid`; `Duplicate` for a taken code; `Backend`.
    async fn apply_catalog_plan(
        &self,
        plan: &CatalogPlan,
        merge: Option<(&str, &str)>,
        actor: &str,
        action: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError>;

    /// Sets the public's label of option `value` in `language` (added or
    /// replaced), in one transaction with an audit entry.
    ///
    /// Errors: `NotFound` for an unknown value; `Backend`.
    async fn set_class_label(
        &self,
        value: &str,
        language: &str,
        label: &str,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError>;
}

/// A planned change and what it does, line by line (reports included).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogPreview {
    /// The catalog after the change.
    pub plan: CatalogPlan,
    /// What changes, for the operator.
    pub lines: Vec<String>,
}

/// Why a catalog change was not made.
#[derive(Debug, thiserror::Error)]
pub enum CatalogChangeError {
    /// The change breaks a rule (unknown value, taken code, …).
    #[error("{0}")]
    Refused(String),
    /// Storing failed.
    #[error(transparent)]
    Repository(#[from] RepositoryError),
}

/// The "change the protected-class catalog" use case.
#[derive(Clone)]
pub struct ChangeCatalog {
    /// The catalog's storage.
    pub repo: Arc<dyn CatalogAdminRepository>,
    /// The time of the audit entry.
    pub clock: Arc<dyn Clock>,
}

impl ChangeCatalog {
    /// What `change` would do, without doing it.
    ///
    /// Errors: `Refused`; `Repository`.
    pub async fn preview(
        &self,
        change: &CatalogChange,
    ) -> Result<CatalogPreview, CatalogChangeError> {
        let catalog = self.repo.catalog().await?;
        let counts = self.repo.protected_class_report_counts().await?;
        let planned = plan(catalog.all(), change).map_err(CatalogChangeError::Refused)?;
        let reports = |v: &str| counts.get(v).copied().unwrap_or(0);
        let mut lines = planned.lines.clone();
        match change {
            CatalogChange::Retire { value } => lines.push(format!(
                "{} report(s) keep {value} and still show its label",
                reports(value)
            )),
            CatalogChange::Merge { duplicate, into } => lines.push(format!(
                "{} report(s) move from {duplicate} to {into}",
                reports(duplicate)
            )),
            CatalogChange::Rename { value, .. } => lines.push(format!(
                "{} report(s) show the new wording; none is changed",
                reports(value)
            )),
            _ => {}
        }
        Ok(CatalogPreview {
            plan: planned,
            lines,
        })
    }

    /// What labelling `value` as `label` in `language` would change, after
    /// checking it: the option exists, the language is one of the public's
    /// other languages (English is the option's own label: `rename`), and
    /// the label is one line of at most 300 characters.
    ///
    /// Errors: `Refused`; `Repository`.
    pub async fn preview_translation(
        &self,
        value: &str,
        language: &str,
        label: &str,
    ) -> Result<String, CatalogChangeError> {
        let refused = |m: String| Err(CatalogChangeError::Refused(m));
        if language == "en" {
            return refused(
                "English is the option's own label: change it with `protected-class rename`".into(),
            );
        }
        if !crate::report::is_language(language) {
            return refused(format!(
                "{language:?} is not one of the public's languages ({})",
                crate::report::LANGUAGES[1..].join(", ")
            ));
        }
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 300 || label.contains(['\n', '\r']) {
            return refused("the label must be one line of 1 to 300 characters".into());
        }
        let catalog = self.repo.catalog().await?;
        if catalog.get(value).is_none() {
            return refused(format!("no option {value:?}"));
        }
        let before = catalog.label_in(value, language);
        Ok(if before == catalog.label_of(value) {
            format!("label {value} in {language}: {label:?} (until now the English label showed)")
        } else {
            format!("label {value} in {language}: {before:?} -> {label:?}")
        })
    }

    /// Labels `value` as `label` in `language`, with an audit entry.
    ///
    /// Errors: as [`ChangeCatalog::preview_translation`].
    pub async fn translate(
        &self,
        value: &str,
        language: &str,
        label: &str,
        actor: &str,
    ) -> Result<String, CatalogChangeError> {
        let line = self.preview_translation(value, language, label).await?;
        self.repo
            .set_class_label(value, language, label.trim(), actor, self.clock.now())
            .await?;
        Ok(line)
    }

    /// Makes `change` in one transaction with an audit entry naming `actor`.
    ///
    /// Errors: `Refused`; `Repository`.
    pub async fn apply(
        &self,
        change: &CatalogChange,
        actor: &str,
    ) -> Result<CatalogPreview, CatalogChangeError> {
        let preview = self.preview(change).await?;
        self.repo
            .apply_catalog_plan(
                &preview.plan,
                change.merge(),
                actor,
                change.action(),
                self.clock.now(),
            )
            .await?;
        Ok(preview)
    }
}

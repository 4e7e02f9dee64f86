//! The triage use cases that are not a change to a report: defining and
//! retiring tags, flagging repeat writers, and the list's counts. Changes
//! of a report's tags go through [`ChangeReport`](super::ChangeReport) and
//! [`BulkChange`](super::BulkChange) like every other change.

use std::sync::Arc;

use crate::{
    ports::{Clock, GroupBy, Refreshed, ReportFilters, RepositoryError, Total, TriageRepository},
    repeat_writers::Thresholds,
    report::{ReportId, Section},
    tags::{self, Tag, TagRef},
};

/// Why a tag was not defined.
#[derive(Debug, thiserror::Error)]
pub enum TagError {
    /// The name or section is not valid, or the tag exists already.
    #[error("{0}")]
    Invalid(String),
    /// No such tag.
    #[error("there is no tag {0}")]
    NotFound(String),
    /// Storing failed.
    #[error(transparent)]
    Repository(RepositoryError),
}

/// Tags, repeat writers and counts.
#[derive(Clone)]
pub struct Triage {
    /// Where tags and flags are kept.
    pub repo: Arc<dyn TriageRepository>,
    /// When a report is a repeat writer's.
    pub thresholds: Thresholds,
    /// The time tags are defined and retired.
    pub clock: Arc<dyn Clock>,
}

impl Triage {
    /// Every tag, retired ones included.
    ///
    /// Errors: `Backend`.
    pub async fn tags(&self) -> Result<Vec<Tag>, RepositoryError> {
        self.repo.tags().await
    }

    /// The tags staff may add to a report of `section` now.
    ///
    /// Errors: `Backend`.
    pub async fn tags_for(&self, section: Section) -> Result<Vec<Tag>, RepositoryError> {
        Ok(self
            .repo
            .tags()
            .await?
            .into_iter()
            .filter(|t| t.tag.section == section && !t.retired)
            .collect())
    }

    /// Defines the tag `name` for `section`.
    ///
    /// Errors: `Invalid` (a bad name, a description over 200 characters,
    /// or a tag that exists); `Repository`.
    pub async fn define(
        &self,
        section: Section,
        name: &str,
        description: &str,
    ) -> Result<TagRef, TagError> {
        let name = tags::parse_name(name).map_err(TagError::Invalid)?;
        if description.chars().count() > 200 {
            return Err(TagError::Invalid(
                "A tag's description is at most 200 characters.".into(),
            ));
        }
        let tag = Tag {
            tag: TagRef { section, name },
            description: description.trim().to_owned(),
            retired: false,
        };
        match self.repo.add_tag(&tag, self.clock.now()).await {
            Ok(()) => Ok(tag.tag),
            Err(RepositoryError::Invalid(m)) => Err(TagError::Invalid(m)),
            Err(e) => Err(TagError::Repository(e)),
        }
    }

    /// Retires a tag; returns whether it was in use.
    ///
    /// Errors: `NotFound`; `Repository`.
    pub async fn retire(&self, tag: &TagRef) -> Result<bool, TagError> {
        match self.repo.retire_tag(tag, self.clock.now()).await {
            Ok(was_active) => Ok(was_active),
            Err(RepositoryError::NotFound) => Err(TagError::NotFound(tag.qualified())),
            Err(e) => Err(TagError::Repository(e)),
        }
    }

    /// Flags a report just filed when its writer is a repeat writer.
    ///
    /// Errors: `NotFound`; `Backend`.
    pub async fn flag(&self, id: ReportId) -> Result<bool, RepositoryError> {
        self.repo.flag_repeat_writer(id, self.thresholds).await
    }

    /// Recomputes every report's flag.
    ///
    /// Errors: `Backend`.
    pub async fn refresh(&self) -> Result<Refreshed, RepositoryError> {
        self.repo.refresh_repeat_writers(self.thresholds).await
    }

    /// How many reports match `filters`, by status or section, each
    /// exact up to [`COUNTS_UP_TO`](crate::ports::COUNTS_UP_TO).
    ///
    /// Errors: `Backend`.
    pub async fn counts(
        &self,
        filters: &ReportFilters,
        by: GroupBy,
    ) -> Result<Vec<(String, Total)>, RepositoryError> {
        self.repo
            .count_by(filters, by, crate::ports::COUNTS_UP_TO)
            .await
    }
}

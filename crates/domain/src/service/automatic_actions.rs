//! A shared saved search's automatic action (docs/saved-searches.md):
//! previewed over the last 30 days before it is switched on, then applied
//! to each new matching report by the notifications pass
//! ([`AutomaticActions::run`]). A report on litigation hold is never
//! touched; each change is an activity entry naming the search.

use std::sync::Arc;

use chrono::Duration;

use crate::{
    accounts::User,
    ports::{
        Clock, Direction, NotificationRepository, ReportFilters, ReportQuery, ReportRepository,
        RepositoryError, SavedSearchRepository, SortField, Total,
    },
    report::ReportRecord,
    saved_search::{self, ActionState, AutoAction, PREVIEW_DAYS, SavedSearch},
    service::change_report,
};

/// Reports shown in a preview.
pub const PREVIEW_LISTS: u64 = 25;

/// Why an action was not previewed, switched on or off.
#[derive(Debug, thiserror::Error)]
pub enum ActionError {
    /// No such search, or not one this person may see.
    #[error("there is no such saved search")]
    NotFound,
    /// Only the owner of a search shared with a section may.
    #[error(
        "only the person who saved a search, and shared it with a section, may give it an automatic action"
    )]
    NotAllowed,
    /// A bad action, or a query that no longer reads.
    #[error("{0}")]
    Invalid(String),
    /// Storing failed.
    #[error(transparent)]
    Repository(#[from] RepositoryError),
}

/// What an action would have done over the last 30 days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// Reports it would have changed.
    pub total: Total,
    /// The newest of them.
    pub sample: Vec<ReportRecord>,
    /// Matching reports it would have left alone: on litigation hold.
    pub on_hold: Total,
}

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ActionSummary {
    /// Reports changed.
    pub changed: u64,
    /// Reports left alone: on litigation hold.
    pub on_hold: u64,
    /// Reports that needed nothing (already closed, already there).
    pub not_needed: u64,
    /// Reports a change failed for (changed meanwhile, or a rule).
    pub failed: u64,
    /// Searches whose query no longer reads.
    pub unreadable: u64,
    /// Searches whose new reports another runner took.
    pub taken_by_another: u64,
    /// Actions skipped because their owner can no longer sign in.
    pub owner_gone: u64,
}

/// The automatic actions' use cases.
#[derive(Clone)]
pub struct AutomaticActions {
    /// The searches and their actions.
    pub searches: Arc<dyn SavedSearchRepository>,
    /// The reports.
    pub reports: Arc<dyn ReportRepository>,
    /// The newest settled report.
    pub places: Arc<dyn NotificationRepository>,
    /// Now.
    pub clock: Arc<dyn Clock>,
}

impl AutomaticActions {
    /// The search of link `code`, if `user` owns it and it is shared.
    ///
    /// Errors: `NotFound`; `NotAllowed`; `Repository`.
    pub async fn owned(&self, code: &str, user: &User) -> Result<SavedSearch, ActionError> {
        if !saved_search::is_code(code) {
            return Err(ActionError::NotFound);
        }
        let s = match self.searches.saved_search_by_code(code).await {
            Err(RepositoryError::NotFound) => return Err(ActionError::NotFound),
            other => other?,
        };
        if !s.visible_to(&user.username, user.section) {
            return Err(ActionError::NotFound);
        }
        if s.owner != user.username || s.shared_with.is_none() {
            return Err(ActionError::NotAllowed);
        }
        Ok(s)
    }

    fn filters(s: &SavedSearch) -> Result<ReportFilters, ActionError> {
        s.filters_for(&s.owner).ok_or_else(|| {
            ActionError::Invalid(
                "The search no longer reads; open it, fix it and save it again.".into(),
            )
        })
    }

    async fn page(
        &self,
        filters: ReportFilters,
        per_page: u64,
    ) -> Result<(Total, Vec<ReportRecord>), RepositoryError> {
        let p = self
            .reports
            .list(&ReportQuery {
                filters,
                sort: vec![(SortField::Id, Direction::Descending)],
                per_page,
                ..Default::default()
            })
            .await?;
        Ok((p.total, p.items))
    }

    /// What `action` would have done to the search's reports of the last
    /// 30 days (a dry run: nothing is changed).
    ///
    /// Errors: as [`AutomaticActions::owned`]; `Invalid`.
    pub async fn preview(
        &self,
        search: &SavedSearch,
        action: &AutoAction,
    ) -> Result<Preview, ActionError> {
        let mut f = action.narrow(Self::filters(search)?);
        let since = self.clock.now() - Duration::days(PREVIEW_DAYS);
        f.created_from = Some(f.created_from.map_or(since, |c| c.max(since)));
        let none = Total::Exact(0);
        // The search's own hold filter stands; the action skips what is
        // on hold in any case.
        let on_hold = if f.litigation_hold == Some(false) {
            none
        } else {
            let held = ReportFilters {
                litigation_hold: Some(true),
                ..f.clone()
            };
            self.page(held, 1).await?.0
        };
        let (total, sample) = if f.litigation_hold == Some(true) {
            (none, Vec::new())
        } else {
            f.litigation_hold = Some(false);
            self.page(f, PREVIEW_LISTS).await?
        };
        Ok(Preview {
            total,
            sample,
            on_hold,
        })
    }

    /// Switches `action` on for `search`, from the next report on.
    ///
    /// Errors: `Invalid`; `Repository`.
    pub async fn switch_on(
        &self,
        search: &SavedSearch,
        action: AutoAction,
        user: &User,
    ) -> Result<(), ActionError> {
        Self::filters(search)?;
        let now = self.clock.now();
        let state = ActionState {
            action,
            by: user.username.clone(),
            enabled_at: now,
            last_report_id: self.places.settled_report_id(now).await?,
        };
        Ok(self.searches.set_action(search.id, Some(&state)).await?)
    }

    /// Switches `search`'s action off.
    ///
    /// Errors: `Repository`.
    pub async fn switch_off(&self, search: &SavedSearch) -> Result<(), ActionError> {
        Ok(self.searches.set_action(search.id, None).await?)
    }

    /// Applies every action to its search's new reports. Each range of
    /// new reports is taken by one runner (its place moves first), so two
    /// runners never apply an action twice; a runner that dies midway
    /// leaves the rest of its range unchanged (at most once).
    ///
    /// Errors: `Repository` (reading; a failed change is counted).
    pub async fn run(&self) -> Result<ActionSummary, RepositoryError> {
        let now = self.clock.now();
        let settled = self
            .places
            .settled_report_id(now - Duration::seconds(30))
            .await?;
        let mut sum = ActionSummary::default();
        let searches = self.searches.searches_with_actions().await?;
        let mut owners: Vec<String> = searches.iter().map(|s| s.owner.clone()).collect();
        owners.sort();
        owners.dedup();
        let can_sign_in: std::collections::HashSet<String> = self
            .places
            .recipients(&owners)
            .await?
            .into_iter()
            .filter(|r| r.can_sign_in)
            .map(|r| r.username)
            .collect();
        for s in searches {
            let Some(state) = &s.action else { continue };
            if state.last_report_id >= settled {
                continue;
            }
            // An action whose owner has left waits for someone to switch
            // it off (`crt-admin saved-searches action-off`) or for the
            // account to come back.
            if !can_sign_in.contains(&s.owner) {
                sum.owner_gone += 1;
                continue;
            }
            let Ok(f) = Self::filters(&s) else {
                sum.unreadable += 1;
                continue;
            };
            let mut f = state.action.narrow(f);
            if !self
                .searches
                .claim_action_range(s.id, state.last_report_id, settled)
                .await?
            {
                sum.taken_by_another += 1;
                continue;
            }
            f.id_above = Some(state.last_report_id);
            f.id_up_to = Some(settled);
            let actor = saved_search::actor(&s.name);
            let change = state.action.change();
            let mut after = None;
            loop {
                // Switched off or changed meanwhile: the rest is left alone.
                let now_state = self.searches.saved_search_by_code(&s.code).await?.action;
                if now_state.as_ref().map(|a| &a.action) != Some(&state.action) {
                    break;
                }
                let page = self
                    .reports
                    .list(&ReportQuery {
                        filters: f.clone(),
                        sort: vec![(SortField::Id, Direction::Ascending)],
                        per_page: 100,
                        after,
                        ..Default::default()
                    })
                    .await?;
                for r in &page.items {
                    if r.staff.litigation_hold {
                        sum.on_hold += 1;
                    } else if !state
                        .action
                        .needed(r.staff.assigned_section, r.staff.status)
                    {
                        sum.not_needed += 1;
                    } else {
                        match change_report(&*self.reports, r.id, r.version, &change, &actor, now)
                            .await
                        {
                            Ok(_) => sum.changed += 1,
                            Err(_) => sum.failed += 1,
                        }
                    }
                }
                match page.items.last() {
                    Some(last) if page.has_more => after = Some(last.id),
                    _ => break,
                }
            }
        }
        Ok(sum)
    }
}

//! `crt-admin saved-searches actions` and `action-off CODE`: the shared
//! saved searches' automatic actions, for an operator
//! (docs/saved-searches.md) — say, when the person who set one has left.

use std::process::ExitCode;

use anyhow::bail;
use crt_domain::{
    choice::Choice,
    ports::{RepositoryError, SavedSearchRepository},
    saved_search::AutoAction,
};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// List the searches whose automatic action is on.
    Actions,
    /// Switch a search's automatic action off (its link's code, e.g. abcdefgh).
    ActionOff {
        /// The code of the search's link (`/form/s/<code>`).
        code: String,
    },
}

pub async fn run(url: &str, cmd: Command) -> anyhow::Result<ExitCode> {
    let db = super::open(url).await?;
    match cmd {
        Command::Actions => {
            let searches = db.searches_with_actions().await?;
            if searches.is_empty() {
                println!("No saved search has an automatic action on.");
            }
            for s in searches {
                let Some(a) = &s.action else { continue };
                let what = match &a.action {
                    AutoAction::Close { comment } => format!("close, with the comment {comment:?}"),
                    AutoAction::Move { section } => format!("move to {}", section.value()),
                };
                println!(
                    "{}\t{:?}\towner {}\tshared with {}\t{what}\ton since {} (by {})",
                    s.code,
                    s.name,
                    s.owner,
                    s.shared_with.map_or("nobody", Choice::value),
                    a.enabled_at.format("%Y-%m-%d %H:%M UTC"),
                    a.by
                );
            }
        }
        Command::ActionOff { code } => {
            let s = match db.saved_search_by_code(&code).await {
                Err(RepositoryError::NotFound) => bail!("no saved search has the code {code:?}"),
                other => other?,
            };
            if s.action.is_none() {
                println!(
                    "{code} ({:?}) had no automatic action on; nothing changed.",
                    s.name
                );
            } else {
                db.set_action(s.id, None).await?;
                println!(
                    "The automatic action of {code} ({:?}, owner {}) is off.",
                    s.name, s.owner
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

//! A shared saved search's automatic action (docs/saved-searches.md): on
//! each new report that matches, close it with a comment or move it to a
//! section. Never on a report on litigation hold; each change is an
//! activity entry naming the search.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    ports::ReportFilters,
    report::{Section, Status},
    staff::StaffChange,
};

/// Longest comment an action closes with.
pub const COMMENT_CHARS: usize = 2000;

/// Days a preview looks back.
pub const PREVIEW_DAYS: i64 = 30;

/// What an automatic action does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AutoAction {
    /// Close the report, adding this comment.
    Close {
        /// The comment (why it was closed).
        comment: String,
    },
    /// Move the report to this section.
    Move {
        /// The section.
        section: Section,
    },
}

impl AutoAction {
    /// Reads the page's choice: `close` with a comment, or `move` with a
    /// section.
    ///
    /// Errors: the message for the person setting it.
    pub fn parse(kind: &str, comment: &str, section: Option<Section>) -> Result<Self, String> {
        match kind {
            "close" => {
                let comment = comment.trim();
                if comment.is_empty() || comment.chars().count() > COMMENT_CHARS {
                    return Err(format!(
                        "Give the comment the reports are closed with (1 to {COMMENT_CHARS} characters)."
                    ));
                }
                Ok(Self::Close {
                    comment: comment.to_owned(),
                })
            }
            "move" => section
                .map(|section| Self::Move { section })
                .ok_or_else(|| "Choose the section to move the reports to.".to_owned()),
            _ => Err("Choose an action: close, or move to a section.".into()),
        }
    }

    /// The stored code (`close`, `move`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Close { .. } => "close",
            Self::Move { .. } => "move",
        }
    }

    /// The change it makes.
    pub fn change(&self) -> StaffChange {
        match self {
            Self::Close { comment } => StaffChange {
                status: Some(Status::Closed),
                comment: Some(comment.clone()),
                ..Default::default()
            },
            Self::Move { section } => StaffChange {
                assigned_section: Some(*section),
                ..Default::default()
            },
        }
    }

    /// Whether a report of this section and status needs it. A closed
    /// report is never moved (a new section would reopen it).
    pub fn needed(&self, section: Section, status: Status) -> bool {
        match self {
            Self::Close { .. } => status != Status::Closed,
            Self::Move { section: to } => *to != section && status != Status::Closed,
        }
    }

    /// `filters` narrowed to the reports that need it (see
    /// [`AutoAction::needed`]).
    pub fn narrow(&self, mut filters: ReportFilters) -> ReportFilters {
        use crate::choice::Choice;
        let given = &filters.statuses;
        let all = if given.is_empty() {
            Status::ALL
        } else {
            given.as_slice()
        };
        filters.statuses = all
            .iter()
            .copied()
            .filter(|s| *s != Status::Closed)
            .collect();
        if let Self::Move { section: to } = self {
            let given = &filters.sections;
            let all = if given.is_empty() {
                Section::ALL
            } else {
                given.as_slice()
            };
            filters.sections = all.iter().copied().filter(|s| s != to).collect();
        }
        filters
    }
}

/// An action switched on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionState {
    /// What it does.
    pub action: AutoAction,
    /// Who switched it on.
    pub by: String,
    /// When.
    pub enabled_at: DateTime<Utc>,
    /// The newest report it has handled (or that was there when it was
    /// switched on).
    pub last_report_id: i64,
}

/// The activity log's actor of a search's automatic changes.
pub fn actor(search_name: &str) -> String {
    let name: String = search_name.chars().take(100).collect();
    format!("Automatic action of saved search \"{name}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_read_and_change() {
        assert!(AutoAction::parse("close", "  ", None).is_err());
        assert!(AutoAction::parse("move", "", None).is_err());
        assert!(AutoAction::parse("delete", "x", None).is_err());
        let close = AutoAction::parse("close", " Duplicate of the flood. ", None).unwrap();
        assert_eq!(
            close.change().comment.as_deref(),
            Some("Duplicate of the flood.")
        );
        assert_eq!(close.change().status, Some(Status::Closed));
        assert!(!close.needed(Section::Voting, Status::Closed));
        let mv = AutoAction::parse("move", "", Some(Section::Criminal)).unwrap();
        assert_eq!(mv.change().assigned_section, Some(Section::Criminal));
        assert!(mv.needed(Section::Voting, Status::New));
        assert!(!mv.needed(Section::Criminal, Status::New));
        assert!(
            !mv.needed(Section::Voting, Status::Closed),
            "never reopened"
        );
        let f = ReportFilters {
            sections: vec![Section::Voting, Section::Criminal],
            ..Default::default()
        };
        let narrowed = mv.narrow(f.clone());
        assert_eq!(narrowed.sections, vec![Section::Voting]);
        assert!(!narrowed.statuses.contains(&Status::Closed) && !narrowed.statuses.is_empty());
        assert_eq!(close.narrow(f).sections.len(), 2);
        assert_eq!(
            actor("Floods"),
            "Automatic action of saved search \"Floods\""
        );
    }
}

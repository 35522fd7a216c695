//! Status from issue trackers. `source` reads an export (Jira's CSV,
//! GitHub's `gh issue list --json`, any CSV with a column map) into plain
//! [`Issue`]s; `sync` matches them with a plan's items by `key` and
//! computes in-place edits of the items' tracking statements (`edits`
//! places them in the text, `tracking` decides what the statements should
//! say); `fragment` writes the issues a plan lacks as new `.prog` text.
//!
//! The crate reads no files and knows no database: a front end gives it
//! texts and writes back what it returns.

mod edits;
pub mod fragment;
mod ids;
mod keyed;
pub mod source;
mod sync;
mod tracking;
mod values;

pub use source::{Format, SourceError, read};
pub use sync::{Change, DuplicateKey, KeyedItem, PlanText, Synced, nest, sync};

use chrono::NaiveDate;

/// Where an issue stands, as the tracker's status category says (Jira's
/// To Do / In Progress / Done; GitHub's open / closed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    ToDo,
    InProgress,
    Done,
    /// The source does not say (a CSV without a status column).
    Unknown,
}

impl Status {
    /// A status category or state as trackers spell it: Jira's categories
    /// (and their API names new / indeterminate / done), common statuses,
    /// GitHub's states. Any other word is no status known.
    pub fn parse(text: &str) -> Status {
        match text.trim().to_ascii_lowercase().as_str() {
            "to do" | "todo" | "open" | "new" | "backlog" | "not started" => Status::ToDo,
            "in progress" | "indeterminate" | "in review" | "started" | "doing" | "active" => {
                Status::InProgress
            }
            "done" | "closed" | "resolved" | "complete" | "completed" | "finished" => Status::Done,
            _ => Status::Unknown,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::ToDo => "to do",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Unknown => "unknown status",
        }
    }
}

/// Who an issue is assigned to: a display name and, when the source has
/// one, an account id or e-mail. A person or team matches when its `key`
/// is either.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assignee {
    pub name: String,
    pub id: Option<String>,
}

impl Assignee {
    /// What a new person's `key` is: the id when known, else the name.
    pub fn key(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.name)
    }
}

/// The container an issue belongs to: an epic or parent issue (by key),
/// or a GitHub milestone (by title, with its due date).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parent {
    pub key: Option<String>,
    pub title: Option<String>,
    pub due: Option<NaiveDate>,
}

/// One issue of a tracker, as the sync needs it. Work is in whole hours
/// (8 to a working day, as in `.prog` durations), rounded up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub key: String,
    pub title: String,
    pub status: Status,
    /// The tracker's own word for the status ("In Review"), for messages.
    pub status_name: String,
    /// Percent done, below 100 unless the issue is done.
    pub progress: Option<u8>,
    pub remaining_hours: Option<u32>,
    pub spent_hours: Option<u32>,
    pub estimate_hours: Option<u32>,
    pub start: Option<NaiveDate>,
    pub resolved: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub assignee: Option<Assignee>,
    pub parent: Option<Parent>,
    /// Keys of the issues that block this one.
    pub blocked_by: Vec<String>,
    /// An epic: made a group even when nothing in the source names it.
    pub is_epic: bool,
    /// The line of SOURCE the issue starts on, for messages.
    pub line: u64,
}

impl Issue {
    pub fn new(key: String, title: String, line: u64) -> Issue {
        Issue {
            key,
            title,
            status: Status::Unknown,
            status_name: String::new(),
            progress: None,
            remaining_hours: None,
            spent_hours: None,
            estimate_hours: None,
            start: None,
            resolved: None,
            due: None,
            assignee: None,
            parent: None,
            blocked_by: Vec::new(),
            is_epic: false,
            line,
        }
    }

    /// Progress from time tracking: spent over spent plus remaining (else
    /// over the estimate), floored, and 1% to 99% while the issue is open
    /// (some time was spent, and only done is 100%).
    pub fn progress_from_time(&self) -> Option<u8> {
        let spent = u64::from(self.spent_hours.filter(|&s| s > 0)?);
        let whole = match (self.remaining_hours, self.estimate_hours) {
            (Some(remaining), _) => spent + u64::from(remaining),
            (None, Some(estimate)) if estimate > 0 => u64::from(estimate),
            _ => return None,
        };
        Some((spent * 100 / whole).clamp(1, 99) as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_as_trackers_spell_them() {
        assert_eq!(Status::parse(" In Progress "), Status::InProgress);
        assert_eq!(Status::parse("indeterminate"), Status::InProgress);
        assert_eq!(Status::parse("CLOSED"), Status::Done);
        assert_eq!(Status::parse("To Do"), Status::ToDo);
        assert_eq!(Status::parse("Blocked"), Status::Unknown);
    }

    #[test]
    fn progress_from_time_is_floored_and_below_100_while_open() {
        let mut issue = Issue::new("A-1".into(), String::new(), 2);
        assert_eq!(issue.progress_from_time(), None);
        // 1 h spent, 2 h left: 1 / 3 = 33.3%, floored to 33%.
        (issue.spent_hours, issue.remaining_hours) = (Some(1), Some(2));
        assert_eq!(issue.progress_from_time(), Some(33));
        // Nothing left: 99% until the issue is resolved.
        issue.remaining_hours = Some(0);
        assert_eq!(issue.progress_from_time(), Some(99));
        // No remaining estimate: against the original one, 1 of 400 h is
        // 0.25%, shown as 1% since some time was spent.
        (issue.remaining_hours, issue.estimate_hours) = (None, Some(400));
        assert_eq!(issue.progress_from_time(), Some(1));
    }
}

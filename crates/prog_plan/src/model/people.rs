//! The people around the program: stakeholders and what they follow,
//! action items, blocked work, and who is consulted on or informed of a
//! group or milestone. None of it moves the schedule; the status report,
//! the RACI matrix and `prog diff`'s "who to tell" read it.

use chrono::NaiveDate;

use super::{Plan, ResourceId, TaskId};

/// Index into [`People::stakeholders`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StakeholderId(pub u32);

impl StakeholderId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct People {
    pub stakeholders: Vec<Stakeholder>,
    pub actions: Vec<Action>,
    /// Blocked tasks and milestones, in task order.
    pub blocked: Vec<Blocked>,
    /// The `consulted` and `informed` statements of groups and milestones.
    pub raci: Vec<RaciStatements>,
}

/// Someone a RACI role names: a person or team, or a stakeholder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    Resource(ResourceId),
    Stakeholder(StakeholderId),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RaciRole {
    Responsible,
    Accountable,
    Consulted,
    Informed,
}

impl RaciRole {
    pub fn from_word(word: &str) -> Option<RaciRole> {
        Some(match word {
            "responsible" => RaciRole::Responsible,
            "accountable" => RaciRole::Accountable,
            "consulted" => RaciRole::Consulted,
            "informed" => RaciRole::Informed,
            _ => return None,
        })
    }

    /// The role as the language writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RaciRole::Responsible => "responsible",
            RaciRole::Accountable => "accountable",
            RaciRole::Consulted => "consulted",
            RaciRole::Informed => "informed",
        }
    }

    /// The letter of the role in a RACI matrix.
    pub fn letter(self) -> char {
        match self {
            RaciRole::Responsible => 'R',
            RaciRole::Accountable => 'A',
            RaciRole::Consulted => 'C',
            RaciRole::Informed => 'I',
        }
    }
}

/// How often a stakeholder wants an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cadence {
    Daily,
    Weekly,
    Biweekly,
    Monthly,
}

impl Cadence {
    pub fn from_word(word: &str) -> Option<Cadence> {
        Some(match word {
            "daily" => Cadence::Daily,
            "weekly" => Cadence::Weekly,
            "biweekly" => Cadence::Biweekly,
            "monthly" => Cadence::Monthly,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Cadence::Daily => "daily",
            Cadence::Weekly => "weekly",
            Cadence::Biweekly => "biweekly",
            Cadence::Monthly => "monthly",
        }
    }
}

/// How much of the status report a stakeholder reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// The executive layer: summary and ratings.
    Summary,
    #[default]
    Detail,
}

impl Format {
    pub fn from_word(word: &str) -> Option<Format> {
        match word {
            "summary" => Some(Format::Summary),
            "detail" => Some(Format::Detail),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Summary => "summary",
            Format::Detail => "detail",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stakeholder {
    pub id: String,
    pub title: Option<String>,
    /// The groups, milestones and tasks they follow, as written.
    pub interests: Vec<TaskId>,
    pub role: Option<RaciRole>,
    pub cadence: Option<Cadence>,
    pub format: Format,
    pub contact: Option<String>,
}

/// An action item: something someone agreed to do by a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub id: String,
    pub title: Option<String>,
    pub owner: Option<ResourceId>,
    pub due: Option<NaiveDate>,
    pub affects: Vec<TaskId>,
    /// `done` (with the day it was done, when given).
    pub done: Option<Option<NaiveDate>>,
}

impl Action {
    /// Open and due before `status_date`.
    pub fn is_overdue(&self, status_date: NaiveDate) -> bool {
        self.done.is_none() && self.due.is_some_and(|due| due < status_date)
    }

    /// Calendar days past due at `status_date` (0 when not overdue).
    pub fn days_overdue(&self, status_date: NaiveDate) -> i64 {
        match self.due {
            Some(due) if self.is_overdue(status_date) => (status_date - due).num_days(),
            _ => 0,
        }
    }
}

/// A task or milestone that cannot proceed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocked {
    pub task: TaskId,
    pub reason: String,
    /// `blocked_since`: when it was first blocked, if the plan says.
    pub since: Option<NaiveDate>,
}

impl Blocked {
    /// Calendar days it has been blocked at `status_date`: since
    /// `blocked_since`, else since the status date itself (0), the earliest
    /// the plan alone can vouch for.
    pub fn days(&self, status_date: NaiveDate) -> i64 {
        self.since
            .map_or(0, |since| (status_date - since).num_days().max(0))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RaciStatements {
    pub task: TaskId,
    pub consulted: Vec<Party>,
    pub informed: Vec<Party>,
}

impl People {
    pub fn stakeholder(&self, id: StakeholderId) -> &Stakeholder {
        &self.stakeholders[id.index()]
    }

    pub fn blocked(&self, task: TaskId) -> Option<&Blocked> {
        self.blocked.iter().find(|b| b.task == task)
    }

    pub fn raci(&self, task: TaskId) -> Option<&RaciStatements> {
        self.raci.iter().find(|r| r.task == task)
    }
}

/// Whether `task` is one of `items` or inside one of them (a group covers
/// what is inside it, as a risk's `affects` does).
pub fn covers(plan: &Plan, items: &[TaskId], task: TaskId) -> bool {
    let mut at = Some(task);
    // Bounded by the number of tasks, so a malformed parent loop ends.
    for _ in 0..=plan.tasks.len() {
        let Some(t) = at else { return false };
        if items.contains(&t) {
            return true;
        }
        at = plan.tasks.get(t.index()).and_then(|task| task.parent);
    }
    false
}

/// Every task `items` cover: themselves and everything inside them, in task
/// order.
pub fn covered(plan: &Plan, items: &[TaskId]) -> Vec<TaskId> {
    plan.task_ids().filter(|t| covers(plan, items, *t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Program, Task, TaskKind};

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_group_covers_what_is_inside_it() {
        let plan = Plan {
            program: Program {
                id: "p".into(),
                title: None,
                start: date("2027-01-04"),
                status_date: None,
                calendar: None,
                currency: None,
            },
            calendars: Vec::new(),
            resources: Vec::new().into(),
            risks: Vec::new(),
            approvals: Vec::new(),
            people: People::default(),
            externals: Vec::new(),
            tasks: vec![
                Task::new("g", TaskKind::Group),
                Task {
                    parent: Some(TaskId(0)),
                    ..Task::new("a", TaskKind::Task)
                },
                Task::new("b", TaskKind::Task),
            ],
        };
        assert_eq!(covered(&plan, &[TaskId(0)]), vec![TaskId(0), TaskId(1)]);
        assert_eq!(covered(&plan, &[TaskId(1)]), vec![TaskId(1)]);
        assert!(!covers(&plan, &[TaskId(1)], TaskId(0)));
    }

    #[test]
    fn overdue_means_open_and_due_before_the_status_date() {
        let action = Action {
            id: "a1".into(),
            title: None,
            owner: None,
            due: Some(date("2027-02-01")),
            affects: Vec::new(),
            done: None,
        };
        // Due on the status date itself is not yet overdue.
        assert!(!action.is_overdue(date("2027-02-01")));
        assert!(action.is_overdue(date("2027-02-02")));
        // 2027-02-01 to 2027-02-10 is 9 calendar days.
        assert_eq!(action.days_overdue(date("2027-02-10")), 9);
        let done = Action {
            done: Some(None),
            ..action
        };
        assert!(!done.is_overdue(date("2027-02-10")));
        assert_eq!(done.days_overdue(date("2027-02-10")), 0);
    }

    #[test]
    fn days_blocked_count_from_blocked_since() {
        let blocked = Blocked {
            task: TaskId(0),
            reason: "no credentials".into(),
            since: Some(date("2027-01-25")),
        };
        // 25 January to 1 February: 7 calendar days.
        assert_eq!(blocked.days(date("2027-02-01")), 7);
        let unknown = Blocked {
            since: None,
            ..blocked
        };
        assert_eq!(unknown.days(date("2027-02-01")), 0);
    }
}

//! The resolved plan: every reference is an index, every value is typed.

use chrono::NaiveDate;

pub use crate::rare::{Rare, RareDefault};
pub use crate::shared::Shared;
pub use smol_str::SmolStr;

/// A task's dependencies, or its assignments: most tasks have one or two,
/// kept in the task, so that copying a plan (as a database does after an
/// edit) allocates nothing per task.
pub type Few<T> = smallvec::SmallVec<[T; 2]>;

pub mod people;

/// Working time, counted in hours. A working day has [`Work::HOURS_PER_DAY`]
/// hours; a week has five working days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Work(pub i64);

impl Work {
    pub const HOURS_PER_DAY: i64 = 8;
    pub const ZERO: Work = Work(0);

    pub const fn hours(hours: i64) -> Work {
        Work(hours)
    }

    pub const fn days(days: i64) -> Work {
        Work(days * Self::HOURS_PER_DAY)
    }

    /// The same time as a (possibly fractional) number of working days.
    pub fn as_days(self) -> f64 {
        self.0 as f64 / Self::HOURS_PER_DAY as f64
    }

    /// The number of days as people write it: `3`, `2.5`, `-0.13`.
    pub fn days_text(self) -> String {
        let days = self.as_days();
        if days.fract() == 0.0 {
            format!("{days:.0}")
        } else {
            format!("{days:.2}").trim_end_matches('0').to_string()
        }
    }

    /// Days, rounded to the hour: how a figure in days (a variance, a
    /// move) becomes working time to be written.
    pub fn from_days(days: f64) -> Work {
        Work((days * Self::HOURS_PER_DAY as f64).round() as i64)
    }

    /// A change in days as every front end writes it: `+3`, `-2.5`, and a
    /// zero unsigned (`0`).
    pub fn signed_days_text(self) -> String {
        if self.0 > 0 {
            format!("+{}", self.days_text())
        } else {
            self.days_text()
        }
    }

    /// `+1 working day`, `-2.5 working days`, `0 working days`.
    pub fn signed_working_days_text(self) -> String {
        match self.0 {
            h if h > 0 => format!("+{}", self.working_days_text()),
            _ => self.working_days_text(),
        }
    }

    /// "1 working day", "2.5 working days", "-1 working day".
    pub fn working_days_text(self) -> String {
        let unit = if self.0.abs() == Work::days(1).0 {
            "day"
        } else {
            "days"
        };
        format!("{} working {unit}", self.days_text())
    }
}

impl std::ops::Add for Work {
    type Output = Work;
    fn add(self, rhs: Work) -> Work {
        Work(self.0 + rhs.0)
    }
}

impl std::ops::Sub for Work {
    type Output = Work;
    fn sub(self, rhs: Work) -> Work {
        Work(self.0 - rhs.0)
    }
}

impl std::ops::Neg for Work {
    type Output = Work;
    fn neg(self) -> Work {
        Work(-self.0)
    }
}

/// An amount of money in the plan's currency, in ten-thousandths of a unit
/// so that sums are exact and `12_500.50` stays `12_500.50`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);
    const PER_UNIT: f64 = 10_000.0;

    /// `None` for amounts that are negative, not finite or beyond a
    /// trillion units: typos, not budgets.
    pub fn from_units(units: f64) -> Option<Money> {
        (units.is_finite() && (0.0..=1e12).contains(&units))
            .then(|| Money((units * Self::PER_UNIT).round() as i64))
    }

    pub fn as_units(self) -> f64 {
        self.0 as f64 / Self::PER_UNIT
    }
}

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// Index into [`Plan::tasks`].
    TaskId
);
index_type!(
    /// Index into [`Plan::resources`].
    ResourceId
);
index_type!(
    /// Index into [`Plan::calendars`].
    CalendarId
);

/// A whole plan, resolved and validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub program: Program,
    pub calendars: Vec<Calendar>,
    /// Shared by copies of the plan until written (see [`Shared`]).
    pub resources: Shared<Vec<Resource>>,
    /// Tasks, milestones and groups; a group comes before its children.
    pub tasks: Vec<Task>,
    pub risks: Vec<Risk>,
    pub approvals: Vec<Approval>,
    /// Stakeholders, action items, blocked work and RACI statements: read
    /// by reports, never by the engines.
    pub people: people::People,
    /// What the program needs from outside it; each is also a milestone
    /// in `tasks`.
    pub externals: Vec<External>,
}

impl Plan {
    pub fn task(&self, id: TaskId) -> &Task {
        &self.tasks[id.index()]
    }

    pub fn resource(&self, id: ResourceId) -> &Resource {
        &self.resources[id.index()]
    }

    pub fn task_ids(&self) -> impl DoubleEndedIterator<Item = TaskId> + '_ {
        (0..self.tasks.len() as u32).map(TaskId)
    }

    /// The external a task stands for, if it is one.
    pub fn external_of(&self, task: TaskId) -> Option<&External> {
        self.externals.iter().find(|e| e.task == task)
    }

    /// The calendar that decides which days are working days for the plan.
    pub fn calendar(&self) -> Option<&Calendar> {
        self.program.calendar.map(|c| &self.calendars[c.index()])
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    pub id: String,
    pub title: Option<String>,
    /// The first working day of the plan (working-day offset 0).
    pub start: NaiveDate,
    /// The date progress was measured on: the end of this day is "now" for
    /// the forecast schedule, earned value and burndown.
    pub status_date: Option<NaiveDate>,
    pub calendar: Option<CalendarId>,
    /// The label of money amounts (`"EUR"`); amounts carry no unit of their own.
    pub currency: Option<String>,
}

/// An inclusive range of dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl DateRange {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Calendar {
    pub id: String,
    pub title: Option<String>,
    /// Working weekdays, Monday first.
    pub workdays: [bool; 7],
    pub holidays: Vec<DateRange>,
}

impl Calendar {
    pub const MONDAY_TO_FRIDAY: [bool; 7] = [true, true, true, true, true, false, false];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceKind {
    Person,
    Team,
}

impl ResourceKind {
    /// The kind as the language writes it (its keyword).
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceKind::Person => "person",
            ResourceKind::Team => "team",
        }
    }
}

/// A person or a team pool. Units are percent of one full-time person:
/// a person at `capacity 50%` has 50, a team of `capacity 4` has 400.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    /// Inline up to 23 bytes: no allocation per id, nor per copy.
    pub id: SmolStr,
    pub title: Option<String>,
    pub kind: ResourceKind,
    pub capacity: u32,
    /// Days this resource is not available at all (leave).
    pub leave: Vec<DateRange>,
    /// A calendar of its own, whose non-working days count as leave.
    pub calendar: Option<CalendarId>,
    /// The cost of one full unit for one working day.
    pub rate: Option<Money>,
    /// Its id in another tool (`key "…"`); see [`Task::key`].
    pub key: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskKind {
    Task,
    Milestone,
    /// A summary of its children: its dates roll up from theirs.
    Group,
}

impl TaskKind {
    /// The kind as the language writes it (its keyword), and as hovers,
    /// reports and the schedule's JSON name it.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Task => "task",
            TaskKind::Milestone => "milestone",
            TaskKind::Group => "group",
        }
    }
}

#[derive(Debug, PartialEq)]
pub struct Task {
    /// Inline up to 23 bytes: no allocation per id, nor per copy.
    pub id: SmolStr,
    /// Out of line: the copies of the model that scheduling reads have
    /// none (see `prog_db`'s titles).
    pub title: Rare<Option<String>>,
    pub kind: TaskKind,
    pub parent: Option<TaskId>,
    /// How long the task takes; `None` for milestones and groups, and for a
    /// task that gives neither duration nor effort (it then takes no time).
    pub work: Option<WorkSpec>,
    pub estimate: Rare<Option<Estimate>>,
    pub deps: Few<Dependency>,
    /// Who works on it, the owner included (at 100%).
    pub assignments: Few<Assignment>,
    pub owner: Option<ResourceId>,
    /// The task may not start before this date.
    pub not_before: Option<NaiveDate>,
    /// The task must finish on or before this date.
    pub deadline: Option<NaiveDate>,
    /// Share of the work done, in percent (0 to 100).
    pub progress: u8,
    /// A fixed cost on top of labour; out of line, as most tasks have none.
    pub cost: Rare<Option<Money>>,
    /// What has happened so far, as recorded.
    pub actuals: Rare<Actuals>,
    /// Its id in another tool (`key "…"`: MS Project's unique id, a
    /// tracker's issue key). Not read by any engine; the database keeps it
    /// out of the shape the schedule is computed from, like the title.
    /// Out of line, as most tasks have none.
    pub key: Rare<Option<String>>,
}

/// Field by field as derived, but for the dependencies and assignments,
/// copied as a block (`SmallVec`'s own clone pushes item by item): the
/// model is copied whole after every edit of a value.
impl Clone for Task {
    fn clone(&self) -> Task {
        Task {
            id: self.id.clone(),
            title: self.title.clone(),
            kind: self.kind,
            parent: self.parent,
            work: self.work,
            estimate: self.estimate.clone(),
            deps: Few::from_slice(&self.deps),
            assignments: Few::from_slice(&self.assignments),
            owner: self.owner,
            not_before: self.not_before,
            deadline: self.deadline,
            progress: self.progress,
            cost: self.cost.clone(),
            actuals: self.actuals.clone(),
            key: self.key.clone(),
        }
    }
}

impl Task {
    /// Tasks and milestones are scheduled; a group only summarises its leaves.
    pub fn is_leaf(&self) -> bool {
        self.kind != TaskKind::Group
    }

    /// Elapsed working time: the given duration, or the effort divided by
    /// the assigned units (rounded up to whole hours; the effort itself when
    /// nobody is assigned). Zero for milestones, groups and negative input.
    pub fn duration(&self) -> Work {
        if self.kind != TaskKind::Task {
            return Work::ZERO;
        }
        match self.work {
            None => Work::ZERO,
            Some(WorkSpec::Duration(w)) => Work(w.0.max(0)),
            Some(WorkSpec::Effort(effort)) => self.elapsed(effort),
        }
    }

    /// The working time it takes the assigned units to do `effort`
    /// (person-time), rounded up to whole hours: the effort itself when
    /// nobody is assigned.
    pub fn elapsed(&self, effort: Work) -> Work {
        let units: i64 = self.assignments.iter().map(|a| i64::from(a.units)).sum();
        let effort = effort.0.max(0);
        if units == 0 {
            return Work(effort);
        }
        let percent_hours = effort.saturating_mul(100);
        Work(percent_hours / units + i64::from(percent_hours % units != 0))
    }
}

impl Task {
    /// A task with nothing but an id and a kind: no work, dependencies or
    /// assignments yet.
    pub fn new(id: impl Into<SmolStr>, kind: TaskKind) -> Task {
        Task {
            id: id.into(),
            title: Rare::default(),
            kind,
            parent: None,
            work: None,
            estimate: Rare::default(),
            deps: Few::new(),
            assignments: Few::new(),
            owner: None,
            not_before: None,
            deadline: None,
            progress: 0,
            cost: Rare::default(),
            actuals: Rare::default(),
            key: Rare::default(),
        }
    }
}

impl RareDefault for Actuals {
    const DEFAULT: &'static Actuals = &Actuals {
        start: None,
        finish: None,
        remaining: None,
        cost: None,
        effort: None,
    };
}

impl RareDefault for Option<Estimate> {
    const DEFAULT: &'static Option<Estimate> = &None;
}

impl RareDefault for Option<Money> {
    const DEFAULT: &'static Option<Money> = &None;
}

impl RareDefault for Option<String> {
    const DEFAULT: &'static Option<String> = &None;
}

/// A task's recorded actuals. They count only when the program has a status
/// date (see [`crate::status`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Actuals {
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    /// Working time left; overrides what `progress` implies.
    pub remaining: Option<Work>,
    pub cost: Option<Money>,
    /// Person-time spent so far.
    pub effort: Option<Work>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkSpec {
    /// Elapsed working time.
    Duration(Work),
    /// Person-time; the duration is this divided by the assigned units.
    Effort(Work),
}

/// A three-point estimate for Monte-Carlo forecasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Estimate {
    pub optimistic: Work,
    pub likely: Work,
    pub pessimistic: Work,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DepKind {
    /// `after x`: starts after x finishes.
    FinishToStart,
    /// `start_with x`: starts no earlier than x starts.
    StartToStart,
    /// `finish_with x`: finishes no earlier than x finishes.
    FinishToFinish,
}

/// "This task depends on `on`", with a lag (positive) or lead (negative).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dependency {
    pub on: TaskId,
    pub kind: DepKind,
    pub lag: Work,
}

/// A resource working on a task, in percent of one full-time person
/// (`assign backend 2` is 200).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub resource: ResourceId,
    pub units: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Risk {
    pub id: String,
    pub title: Option<String>,
    /// Percent, 0 to 100.
    pub probability: Option<u8>,
    pub impact: Option<Work>,
    pub affects: Vec<TaskId>,
    pub owner: Option<ResourceId>,
    pub mitigation: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApprovalStatus {
    Pending,
    Approved,
    Rejected,
}

impl ApprovalStatus {
    /// The status as the language writes it (`status pending`), and as
    /// hovers and reports show it.
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalStatus::Pending => "pending",
            ApprovalStatus::Approved => "approved",
            ApprovalStatus::Rejected => "rejected",
        }
    }

    /// The status a word of the language names.
    pub fn from_word(word: &str) -> Option<ApprovalStatus> {
        [
            ApprovalStatus::Pending,
            ApprovalStatus::Approved,
            ApprovalStatus::Rejected,
        ]
        .into_iter()
        .find(|status| status.as_str() == word)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Approval {
    pub id: String,
    pub title: Option<String>,
    /// The milestones this approval gates.
    pub gates: Vec<TaskId>,
    pub approvers: Vec<ResourceId>,
    pub status: ApprovalStatus,
    /// The date a pending approval is needed by.
    pub due: Option<NaiveDate>,
}

/// Where an external stands, as its owner last heard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExternalStatus {
    #[default]
    Requested,
    Committed,
    AtRisk,
    Delivered,
}

impl ExternalStatus {
    pub const ALL: [ExternalStatus; 4] = [
        ExternalStatus::Requested,
        ExternalStatus::Committed,
        ExternalStatus::AtRisk,
        ExternalStatus::Delivered,
    ];

    /// The status as the language writes it (`status at_risk`).
    pub fn as_str(self) -> &'static str {
        match self {
            ExternalStatus::Requested => "requested",
            ExternalStatus::Committed => "committed",
            ExternalStatus::AtRisk => "at_risk",
            ExternalStatus::Delivered => "delivered",
        }
    }

    pub fn from_word(word: &str) -> Option<ExternalStatus> {
        Self::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

/// An `external`: its milestone in [`Plan::tasks`] (whose owner is the
/// person who chases it) and its promise.
#[derive(Clone, Debug, PartialEq)]
pub struct External {
    pub task: TaskId,
    /// Who to ask on the other side (`contact "…"`).
    pub contact: Option<String>,
    /// The date promised, or the range it is promised within.
    pub expected: Option<DateRange>,
    pub status: ExternalStatus,
    /// The date it arrived.
    pub delivered: Option<NaiveDate>,
}

impl External {
    /// The date the plan waits for it: the day it arrived, else the last
    /// day of its promise (a range is planned at its end; the forecast
    /// draws within it). Its successors start the next working day.
    pub fn date(&self) -> Option<NaiveDate> {
        self.delivered.or(self.expected.map(|range| range.last))
    }

    /// Not delivered (by date or by status).
    pub fn is_open(&self) -> bool {
        self.delivered.is_none() && self.status != ExternalStatus::Delivered
    }
}

#[cfg(test)]
mod tests {
    use super::Work;

    #[test]
    fn days_are_written_as_people_write_them() {
        assert_eq!(Work::days(3).days_text(), "3");
        assert_eq!(Work(20).days_text(), "2.5");
        assert_eq!(Work(-2).days_text(), "-0.25");
        assert_eq!(Work::ZERO.days_text(), "0");
    }
}

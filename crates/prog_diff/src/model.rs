//! What changed between two versions of a plan. The same types are the
//! JSON format of `prog diff --format json` (schema [`SCHEMA`]).
//!
//! Everything is named by id, never by position: an item that moved to
//! another file or place in the plan is the same item. Lists of added or
//! changed items are in the new plan's order, removed ones in the old's.

use chrono::NaiveDate;
use prog_plan::Days;
use serde::Serialize;

/// The `schema` field: bumped when a field changes meaning or disappears;
/// fields may be added without a bump.
pub const SCHEMA: &str = "prog-diff/1";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub schema: &'static str,
    /// The new plan's program id and title.
    pub program: String,
    pub title: Option<String>,
    /// The old and new program ids when they differ: two different programs
    /// compared, whose every difference is noise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program_change: Option<Change<String>>,
    /// One sentence on what the change does to the finish and why.
    pub headline: String,
    pub finish: Move,
    /// Why the finish moved: the changed tasks on the critical path.
    pub drivers: Vec<Driver>,
    pub critical_path: CriticalChange,
    pub tasks: TaskChanges,
    /// Milestones whose date moved, and milestones that newly miss their deadline.
    pub milestones: Vec<MilestoneMove>,
    pub deadlines: DeadlineChanges,
    pub risks: Changes<RiskEntry, RiskChange>,
    pub approvals: Changes<ApprovalEntry, ApprovalChange>,
    /// Externals whose promised dates or status changed (left out of the
    /// JSON when none did).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub promises: Vec<crate::PromiseChange>,
    pub resources: Changes<ResourceEntry, ResourceChange>,
    pub over_allocations: OverloadChanges,
    /// The budget at completion or the currency changed.
    pub budget: Option<BudgetChange>,
    /// Both versions against the active baseline, when there is one.
    pub baseline: Option<BaselineShift>,
    /// Earned value at each version's status date, when either has one.
    pub earned_value: Option<EarnedValueChange>,
    /// Blocked work, action items and stakeholders that changed.
    pub people: PeopleChanges,
    /// The stakeholders whose interests moved, with why.
    pub tell: Vec<Tell>,
}

/// The performance indices and the estimate at completion before and after
/// (each version at its own status date, against the baseline when there
/// is one); `null` where a version cannot compute one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EarnedValueChange {
    /// `"money"` or `"person_days"`: the unit of `eac` (the new version's).
    pub unit: &'static str,
    pub currency: Option<String>,
    pub spi: Change<Option<f64>>,
    pub cpi: Change<Option<f64>>,
    pub eac: Change<Option<f64>>,
}

impl Diff {
    /// Nothing at all differs, dates included.
    pub fn is_empty(&self) -> bool {
        self.finish.working_days == Days(prog_plan::Work::ZERO)
            && self.finish.old == self.finish.new
            && self.critical_path.entered.is_empty()
            && self.critical_path.left.is_empty()
            && self.tasks.added.is_empty()
            && self.tasks.removed.is_empty()
            && self.tasks.changed.is_empty()
            && self.milestones.is_empty()
            && self.deadlines.newly_missed.is_empty()
            && self.deadlines.no_longer_missed.is_empty()
            && self.risks.is_empty()
            && self.approvals.is_empty()
            && self.promises.is_empty()
            && self.resources.is_empty()
            && self.over_allocations.appeared.is_empty()
            && self.over_allocations.vanished.is_empty()
            && self.budget.is_none()
            && self.people.is_empty()
    }

    /// The most any date (the finish or a milestone's) moved later, in
    /// working days; zero when nothing moved later.
    pub fn worst_slip(&self) -> prog_plan::Work {
        self.milestones
            .iter()
            .map(|m| m.moved.working_days.0)
            .chain([self.finish.working_days.0])
            .max()
            .unwrap_or_default()
            .max(prog_plan::Work::ZERO)
    }
}

/// The program's budget at completion, in earned value's unit
/// (`"money"` in the plan's currency, or `"person_days"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BudgetChange {
    pub unit: Change<&'static str>,
    pub currency: Option<Change<Option<String>>>,
    pub bac: Change<f64>,
}

/// Where the finish stands against a baseline, before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BaselineShift {
    pub name: Option<String>,
    pub created: NaiveDate,
    /// The baseline's finish.
    pub finish: NaiveDate,
    /// Working days after the baseline's finish (negative = before).
    pub finish_variance: Change<f64>,
    /// Milestones later than in the baseline.
    pub milestones_late: Change<usize>,
}

/// A value before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change<T> {
    pub old: T,
    pub new: T,
}

impl<T: PartialEq> Change<T> {
    /// `Some` when the two differ.
    pub fn of(old: T, new: T) -> Option<Change<T>> {
        (old != new).then_some(Change { old, new })
    }
}

/// A date that moved. `working_days` counts on the new plan's calendar,
/// positive when later; fractions where hours are used.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Move {
    pub old: NaiveDate,
    pub new: NaiveDate,
    pub working_days: Days,
    pub calendar_days: i64,
}

impl Move {
    pub fn is_later(&self) -> bool {
        self.working_days.0 > prog_plan::Work::ZERO
    }
}

/// A changed task on the critical path, and what changed in words
/// (`grew from 10d to 14d`, `is now critical`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Driver {
    pub id: String,
    pub reasons: Vec<String>,
}

/// Tasks and milestones that are critical now and were not (added ones
/// included), and those that were and are not (removed ones left out: they
/// are listed as removed).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CriticalChange {
    pub entered: Vec<String>,
    pub left: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TaskChanges {
    pub added: Vec<TaskEntry>,
    pub removed: Vec<TaskEntry>,
    /// Tasks, milestones and groups in both versions with an edit of their
    /// own or new dates.
    pub changed: Vec<TaskChange>,
}

/// A task, milestone or group as it is in one version.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskEntry {
    pub id: String,
    /// `"task"`, `"milestone"` or `"group"`.
    pub kind: &'static str,
    pub title: Option<String>,
    /// The id of the group it is in.
    pub group: Option<String>,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub duration_days: Days,
    pub critical: bool,
}

/// One dependency, as written: `after api +2d` is
/// `{"on": "api", "kind": "after", "lag_days": 2}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dep {
    pub on: String,
    /// `"after"`, `"start_with"` or `"finish_with"`.
    pub kind: &'static str,
    pub lag_days: Days,
}

/// A resource working on a task: `units` in percent of one person
/// (`assign backend 2` is 200).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assign {
    pub resource: String,
    pub units: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct EstimateDays {
    pub optimistic: Days,
    pub likely: Days,
    pub pessimistic: Days,
}

/// A task in both versions. Only what changed is present (in JSON, absent
/// fields and empty lists are left out).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskChange {
    pub id: String,
    pub kind: &'static str,
    /// The new title.
    pub title_now: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Change<Option<String>>>,
    #[serde(rename = "kind_change", skip_serializing_if = "Option::is_none")]
    pub kind_change: Option<Change<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Change<Option<String>>>,
    /// Elapsed working time (from `duration`, or effort over the assignees).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_days: Option<Change<Days>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effort_days: Option<Change<Option<Days>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Change<Option<EstimateDays>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deps_added: Vec<Dep>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deps_removed: Vec<Dep>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<Change<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignments: Option<Change<Vec<Assign>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<Change<Option<NaiveDate>>>,
    /// For an external, the date the plan waits for (delivered, else
    /// expected) when it moved; its `not_before` is then not reported, as
    /// the plan derives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waits_for: Option<Change<Option<NaiveDate>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Change<Option<NaiveDate>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<Change<u8>>,
    /// The fixed `cost`, in units of the plan's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<Change<Option<f64>>>,
    /// The tracking of the task: work left, actual dates, what was spent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_days: Option<Change<Option<Days>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_start: Option<Change<Option<NaiveDate>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_finish: Option<Change<Option<NaiveDate>>>,
    /// In units of the plan's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_cost: Option<Change<Option<f64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_effort_days: Option<Change<Option<Days>>>,
    /// Absent for a milestone: its one date is `finish`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Move>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish: Option<Move>,
}

impl TaskChange {
    /// Something of the task itself changed, not only its dates.
    pub fn is_edited(&self) -> bool {
        self.title.is_some()
            || self.kind_change.is_some()
            || self.group.is_some()
            || self.duration_days.is_some()
            || self.effort_days.is_some()
            || self.estimate.is_some()
            || !self.deps_added.is_empty()
            || !self.deps_removed.is_empty()
            || self.owner.is_some()
            || self.assignments.is_some()
            || self.not_before.is_some()
            || self.waits_for.is_some()
            || self.deadline.is_some()
            || self.progress.is_some()
            || self.cost.is_some()
            || self.remaining_days.is_some()
            || self.actual_start.is_some()
            || self.actual_finish.is_some()
            || self.actual_cost.is_some()
            || self.actual_effort_days.is_some()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MilestoneMove {
    pub id: String,
    pub title: Option<String>,
    pub moved: Move,
    /// The new deadline.
    pub deadline: Option<NaiveDate>,
    /// It misses its deadline now and did not before.
    pub newly_missed: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DeadlineChanges {
    /// Tasks, milestones and groups that miss their deadline now and did not.
    pub newly_missed: Vec<DeadlineMiss>,
    /// Those that missed it and meet it now (or have no deadline any more).
    pub no_longer_missed: Vec<DeadlineMiss>,
}

/// A missed deadline: `overrun_days` working days late.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DeadlineMiss {
    pub id: String,
    pub deadline: NaiveDate,
    pub overrun_days: Days,
}

/// Added, removed and changed items of one kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changes<Entry, Changed> {
    pub added: Vec<Entry>,
    pub removed: Vec<Entry>,
    pub changed: Vec<Changed>,
}

impl<E, C> Default for Changes<E, C> {
    fn default() -> Self {
        Changes {
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
        }
    }
}

impl<E, C> Changes<E, C> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RiskEntry {
    pub id: String,
    pub title: Option<String>,
    /// Percent.
    pub probability: Option<u8>,
    pub impact_days: Option<Days>,
    /// Probability times impact, in working days; absent without both.
    pub exposure_days: Option<f64>,
    pub affects: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RiskChange {
    pub id: String,
    pub title_now: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Change<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability: Option<Change<Option<u8>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact_days: Option<Change<Option<Days>>>,
    /// Present when the exposure changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exposure: Option<ExposureChange>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub affects_added: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub affects_removed: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<Change<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mitigation: Option<Change<Option<String>>>,
}

/// Exposure in working days before and after; `delta_days` counts a missing
/// exposure as zero.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ExposureChange {
    pub old_days: Option<f64>,
    pub new_days: Option<f64>,
    pub delta_days: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApprovalEntry {
    pub id: String,
    pub title: Option<String>,
    /// `"pending"`, `"approved"` or `"rejected"`.
    pub status: &'static str,
    pub gates: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApprovalChange {
    pub id: String,
    pub title_now: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Change<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Change<&'static str>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gates_added: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gates_removed: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approvers_added: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub approvers_removed: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResourceEntry {
    pub id: String,
    pub title: Option<String>,
    /// `"person"` or `"team"`.
    pub kind: &'static str,
    /// Percent of one full-time person: a team of 4 is 400.
    pub capacity: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResourceChange {
    pub id: String,
    pub kind: &'static str,
    pub title_now: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Change<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Change<u32>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub leave_added: Vec<Leave>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub leave_removed: Vec<Leave>,
    /// The `rate` of one full unit for one working day, in units of the
    /// plan's currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<Change<Option<f64>>>,
    /// The id of the resource's own calendar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Change<Option<String>>>,
}

/// Leave from `first` to `last`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Leave {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// Over-allocations are matched by resource and the tasks involved: the
/// same tasks overbooking the same person on other days is not new.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OverloadChanges {
    pub appeared: Vec<OverloadEntry>,
    pub vanished: Vec<OverloadEntry>,
}

/// `resource` booked at `load` percent against `capacity` from `first` to
/// `last` (dates of the version it is in), by `tasks`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverloadEntry {
    pub resource: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub load: u32,
    pub capacity: u32,
    pub tasks: Vec<String>,
}

/// A stakeholder to update, with every reason.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tell {
    pub stakeholder: String,
    pub title: Option<String>,
    pub reasons: Vec<TellReason>,
}

/// Why a stakeholder needs an update.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TellReason {
    /// A milestone they follow moved.
    MilestoneMoved {
        id: String,
        title: Option<String>,
        moved: Move,
    },
    /// The finish of a group they follow moved.
    GroupFinishMoved {
        id: String,
        title: Option<String>,
        moved: Move,
    },
    /// A new risk affects something they follow.
    RiskAppeared {
        id: String,
        title: Option<String>,
        /// What it affects that they follow.
        affects: Vec<String>,
    },
    /// An approval they are consulted on was added, removed or changed.
    ApprovalChanged {
        id: String,
        title: Option<String>,
        /// `added`, `removed` or `changed`.
        change: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<Change<&'static str>>,
    },
}

/// Blocked work, action items and stakeholders added, removed or changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PeopleChanges {
    /// Tasks and milestones blocked now and not before, or for another reason.
    pub blocked: Vec<BlockedEntry>,
    /// Blocked before, not any more (and still in the plan).
    pub unblocked: Vec<String>,
    pub actions_added: Vec<String>,
    /// Open before, `done` now.
    pub actions_done: Vec<String>,
    pub actions_removed: Vec<String>,
    pub stakeholders_added: Vec<String>,
    pub stakeholders_removed: Vec<String>,
}

impl PeopleChanges {
    pub fn is_empty(&self) -> bool {
        self.blocked.is_empty()
            && self.unblocked.is_empty()
            && self.actions_added.is_empty()
            && self.actions_done.is_empty()
            && self.actions_removed.is_empty()
            && self.stakeholders_added.is_empty()
            && self.stakeholders_removed.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockedEntry {
    pub id: String,
    pub reason: String,
}

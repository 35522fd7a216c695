//! Progress at the status date: what has happened to each task, and how that
//! fixes its times in the forecast schedule.
//!
//! With a program `status_date` S, "now" is the end of working day S:
//!
//! - a finished task (`done`, `progress 100%` or an `actual_finish`) starts
//!   at its `actual_start`, else its planned start but not after S, and
//!   finishes at its `actual_finish`, else its planned finish but not after
//!   S; it constrains nothing before it any more;
//! - a task in progress (some progress, or an `actual_start` without a
//!   finish) started at its `actual_start`, else its planned start; its
//!   remaining work (`remaining`, else the share of its planned duration that
//!   `progress` leaves) runs from the first working day after S, and after
//!   its finish-to-start and finish-to-finish predecessors allow;
//! - a task not started cannot start before the first working day after S.
//!
//! "Planned" is the schedule of the same plan with progress ignored.

use chrono::NaiveDate;

use crate::calendar::WorkCalendar;
use crate::cpm::Recorded;
use crate::model::{Plan, Task, TaskKind, Work, WorkSpec};
use crate::task_times::TaskTimes;

const DAY: i64 = Work::HOURS_PER_DAY;

/// Where a task stands at the status date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Done,
}

impl TaskStatus {
    /// As the JSON formats write it.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Done => "done",
        }
    }

    /// As a sentence says it.
    pub fn words(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not started",
            TaskStatus::InProgress => "in progress",
            TaskStatus::Done => "done",
        }
    }

    /// What `task` records of itself; for a group, see [`group_status`].
    pub fn of(task: &Task) -> TaskStatus {
        if task.progress >= 100 || task.actuals.finish.is_some() {
            TaskStatus::Done
        } else if task.progress > 0 || task.actuals.start.is_some() {
            TaskStatus::InProgress
        } else {
            TaskStatus::NotStarted
        }
    }
}

/// A group is done when everything in it is, not started when nothing in it
/// has started, and in progress otherwise. An empty group has not started.
pub fn group_status(leaves: impl IntoIterator<Item = TaskStatus>) -> TaskStatus {
    let (mut any, mut all_done, mut any_started) = (false, true, false);
    for status in leaves {
        any = true;
        all_done &= status == TaskStatus::Done;
        any_started |= status != TaskStatus::NotStarted;
    }
    match (any, all_done, any_started) {
        (true, true, _) => TaskStatus::Done,
        (_, _, true) => TaskStatus::InProgress,
        _ => TaskStatus::NotStarted,
    }
}

/// Every task's status, groups rolled up from what is inside them.
pub fn statuses(plan: &Plan) -> Vec<TaskStatus> {
    let mut statuses: Vec<TaskStatus> = plan.tasks.iter().map(TaskStatus::of).collect();
    let mut children: Vec<Vec<TaskStatus>> = vec![Vec::new(); plan.tasks.len()];
    // Children come after their group: in reverse, a group's children are
    // final before the group is.
    for id in plan.task_ids().rev() {
        let task = plan.task(id);
        if task.kind == TaskKind::Group {
            statuses[id.index()] = group_status(std::mem::take(&mut children[id.index()]));
        }
        if let Some(parent) = task.parent {
            children[parent.index()].push(statuses[id.index()]);
        }
    }
    statuses
}

/// How a task is behind its plan at the status date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Late {
    /// Planned to start by then (a task), and not started.
    Start,
    /// Planned to finish (or, for a milestone, be reached) by then, and not
    /// done.
    Finish,
}

/// Whether `task`, planned at `planned`, is late at working time `now`
/// (the end of the status date). Groups are never late themselves: their
/// tasks are.
pub fn late(task: &Task, planned: &TaskTimes, now: Work) -> Option<Late> {
    let status = TaskStatus::of(task);
    match task.kind {
        TaskKind::Group => None,
        _ if status != TaskStatus::Done && planned.ef <= now => Some(Late::Finish),
        TaskKind::Task if status == TaskStatus::NotStarted && planned.es < now => Some(Late::Start),
        _ => None,
    }
}

/// The share of a task's work done, 0 to 1: 1 when finished, else its
/// `progress`.
pub fn done_share(task: &Task) -> f64 {
    match TaskStatus::of(task) {
        TaskStatus::Done => 1.0,
        _ => f64::from(task.progress.min(100)) / 100.0,
    }
}

/// "Now" as working time: the end of working day `status_date` (the end of
/// the last working day before it when it is not one).
pub fn now(cal: &WorkCalendar, status_date: NaiveDate) -> Work {
    cal.end_of(status_date)
}

/// The working time a started task has left: its `remaining` (person-time
/// for an effort-driven task, as its effort is), else what `progress` leaves
/// of its planned duration, rounded up to whole hours.
pub fn remaining(task: &Task) -> Work {
    if let Some(left) = task.actuals.remaining {
        return match task.work {
            Some(WorkSpec::Effort(_)) => task.elapsed(left),
            _ => Work(left.0.max(0)),
        };
    }
    let left = 100 - i64::from(task.progress.min(100));
    let percent_hours = task.duration().0 * left;
    Work(percent_hours / 100 + i64::from(percent_hours % 100 != 0))
}

/// What progress fixes of each task for the forecast passes.
pub(crate) struct Recording {
    pub recorded: Vec<Recorded>,
    /// The duration each pass schedules: the remaining work of a started
    /// task, the full duration otherwise.
    pub duration: Vec<i64>,
    /// The earliest any work not yet done may be scheduled.
    pub now: i64,
}

impl Recording {
    /// The recording of `plan` at `status_date`, over its `planned` times.
    pub(crate) fn new(
        plan: &Plan,
        cal: &WorkCalendar,
        planned: &[TaskTimes],
        status_date: NaiveDate,
    ) -> Recording {
        let now = now(cal, status_date).0;
        let mut recorded = Vec::with_capacity(plan.tasks.len());
        let mut duration = Vec::with_capacity(plan.tasks.len());
        for (task, times) in plan.tasks.iter().zip(planned) {
            let (record, length) = record(task, times, cal, now);
            recorded.push(record);
            duration.push(length);
        }
        Recording {
            recorded,
            duration,
            now,
        }
    }

    /// Raises the earliest start of all work not done to now.
    pub(crate) fn hold_until_now(&self, floor: &mut [i64]) {
        for (floor, record) in floor.iter_mut().zip(&self.recorded) {
            if !matches!(record, Recorded::Finished { .. }) {
                *floor = (*floor).max(self.now);
            }
        }
    }
}

fn record(task: &Task, planned: &TaskTimes, cal: &WorkCalendar, now: i64) -> (Recorded, i64) {
    let full = task.duration().0;
    if task.kind == TaskKind::Group {
        return (Recorded::Planned, full);
    }
    match TaskStatus::of(task) {
        TaskStatus::NotStarted => (Recorded::Planned, full),
        TaskStatus::InProgress => {
            let started = match task.actuals.start {
                Some(date) => cal.start_of(date).0,
                None => planned.es.0.min(now - DAY),
            };
            (Recorded::Resumed { started }, remaining(task).0)
        }
        TaskStatus::Done => {
            let ef = match task.actuals.finish {
                Some(date) => cal.end_of(date).0,
                None => planned.ef.0.min(now),
            };
            let es = match task.actuals.start {
                Some(date) => cal.start_of(date).0,
                None => planned.es.0.min(now - DAY),
            };
            // Finished before it would have started: it took its planned
            // time, ending then.
            let es = if es > ef { ef - full } else { es };
            (Recorded::Finished { es, ef }, ef - es)
        }
    }
}

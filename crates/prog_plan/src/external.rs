//! Externals ([`crate::External`]): what a program needs from outside it (a
//! vendor's sandbox, another team's release). Each is a milestone of the
//! plan, pinned to the date it arrived or is expected; this module pins it
//! and finds when it is needed by.

use chrono::NaiveDate;

use crate::calendar::WorkCalendar;
use crate::model::{External, Plan, TaskId, Work};
use crate::schedule::{Network, Schedule, schedule_on};

/// The `not_before` that pins an external arriving on `date`: the next
/// day, so that its milestone falls at the end of `date` and its successors
/// start the next working day.
pub fn pin(date: NaiveDate) -> Option<NaiveDate> {
    date.succ_opt()
}

/// When an external is needed, and how much room it leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExternalTiming {
    /// The last day it can arrive without delaying the program's finish.
    pub needed_by: NaiveDate,
    /// `needed_by` minus the date the plan waits for, in working time;
    /// negative when it comes too late (then the finish moves by that much).
    pub slack: Work,
    /// The date the plan waits for ([`External::date`]), if it has one.
    pub date: Option<NaiveDate>,
}

/// The timing of every external of `plan`, indexed like
/// [`Plan::externals`]. Needed-by is read from the plan scheduled with every
/// open external unpinned (as if each arrived whenever wanted) and no
/// deadlines: the late finish of its milestone there is its successors'
/// latest start, against the finish the program's own work allows.
pub fn timings(plan: &Plan, cal: &WorkCalendar) -> Vec<ExternalTiming> {
    if plan.externals.is_empty() {
        return Vec::new();
    }
    let unpinned = unpinned(plan);
    let schedule = schedule_on(&unpinned, &Network::new(&unpinned), cal);
    plan.externals
        .iter()
        .map(|external| timing(external, &schedule, cal))
        .collect()
}

fn timing(external: &External, unpinned: &Schedule, cal: &WorkCalendar) -> ExternalTiming {
    let latest = unpinned.times(external.task).lf;
    let date = external.date();
    let arrives = date.map(|d| cal.end_of(d));
    ExternalTiming {
        needed_by: cal.milestone_date(latest),
        slack: arrives.map_or(Work::ZERO, |arrives| latest - arrives),
        date,
    }
}

/// `plan` with every open external free to arrive at the program start,
/// and without deadlines: needed-by is about the finish (a deadline missed
/// is a finding of its own, and would make every late start negative).
fn unpinned(plan: &Plan) -> Plan {
    let mut plan = plan.clone();
    for task in &mut plan.tasks {
        task.deadline = None;
    }
    for external in &plan.externals {
        if external.is_open() {
            plan.tasks[external.task.index()].not_before = None;
        }
    }
    plan
}

/// The tasks that wait for `task` (name it in `after`, `start_with` or
/// `finish_with`), in plan order.
pub fn blocked(plan: &Plan, task: TaskId) -> Vec<TaskId> {
    plan.task_ids()
        .filter(|&t| plan.task(t).deps.iter().any(|d| d.on == task))
        .collect()
}

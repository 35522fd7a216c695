//! Externals: what a program needs from outside it (a vendor's sandbox,
//! another team's release). Each is a milestone of the plan, pinned to the
//! date it arrived or is expected; this module holds what else is known of
//! it and when it is needed by.

use chrono::NaiveDate;

use crate::calendar::WorkCalendar;
use crate::model::{DateRange, Plan, TaskId, Work};
use crate::schedule::{Network, Schedule, schedule_on};

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
/// open external unpinned (as if each arrived whenever wanted): the late
/// finish of its milestone there is its successors' latest start, against
/// the finish the program's own work allows.
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

/// `plan` with every open external free to arrive at the program start.
fn unpinned(plan: &Plan) -> Plan {
    let mut plan = plan.clone();
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

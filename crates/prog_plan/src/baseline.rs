//! Baselines: a frozen snapshot of a plan's schedule to measure against, and
//! the variance of the current schedule from it.
//!
//! A baseline file is versioned JSON ([`FORMAT`]). It holds every task,
//! milestone and group by id with its dates, working-day offsets, duration,
//! work and budget, so that it can be compared with any later version of the
//! plan, whatever was added, removed or moved between files since.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::evm::{Figures, Unit, earned_value};
use crate::model::{Plan, TaskId, TaskKind, Work};
use crate::schedule::Schedule;
use crate::task_times::TaskTimes;

/// The format this version writes and reads.
pub const FORMAT: &str = "prog-baseline/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// Always [`FORMAT`].
    pub format: String,
    pub name: Option<String>,
    /// The day it was taken.
    pub created: NaiveDate,
    /// A hash of the plan's source files, to tell which version it froze.
    pub plan_hash: String,
    /// The approved change request that allowed it, if any.
    pub approval: Option<String>,
    pub program: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub duration_days: f64,
    /// The unit of `bac`: `"money"` or `"person_days"`.
    pub unit: String,
    pub tasks: Vec<BaselineTask>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaselineTask {
    pub id: String,
    /// `"task"`, `"milestone"` or `"group"`.
    pub kind: String,
    /// Working days from the program start.
    pub es: f64,
    pub ef: f64,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub duration_days: f64,
    /// Planned person-days of work (units × working days).
    pub work_days: f64,
    pub bac: f64,
    pub critical: bool,
}

/// Why a baseline file cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaselineError {
    /// Not JSON, or not a baseline.
    Invalid(String),
    /// A baseline of another format version.
    Version(String),
}

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BaselineError::Invalid(why) => write!(f, "not a baseline file: {why}"),
            BaselineError::Version(found) => {
                write!(
                    f,
                    "baseline format `{found}` is not supported (this prog reads `{FORMAT}`)"
                )
            }
        }
    }
}

/// What the caller knows about a baseline being taken.
pub struct Capture<'a> {
    pub name: Option<&'a str>,
    pub created: NaiveDate,
    pub plan_hash: String,
    pub approval: Option<&'a str>,
}

impl Baseline {
    /// Freezes `schedule` of `plan` (the forecast, with a status date).
    pub fn capture(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar, capture: Capture) -> Baseline {
        let budgets = budgets(plan, cal, schedule);
        let tasks = plan
            .task_ids()
            .map(|id| {
                let task = plan.task(id);
                let t = schedule.times(id);
                let (start, finish) = cal.span_dates(t.es, t.ef);
                let units: u32 = task.assignments.iter().map(|a| a.units).sum();
                let units = if task.assignments.is_empty() { 100 } else { units };
                BaselineTask {
                    id: task.id.to_string(),
                    kind: task.kind.as_str().to_string(),
                    es: t.es.as_days(),
                    ef: t.ef.as_days(),
                    start,
                    finish,
                    duration_days: t.duration().as_days(),
                    work_days: f64::from(units) / 100.0 * task.duration().as_days(),
                    bac: budgets[id.index()].bac,
                    critical: t.critical,
                }
            })
            .collect();
        Baseline {
            format: FORMAT.to_string(),
            name: capture.name.map(str::to_string),
            created: capture.created,
            plan_hash: capture.plan_hash,
            approval: capture.approval.map(str::to_string),
            program: plan.program.id.clone(),
            start: cal.date_of(0),
            finish: cal.milestone_date(schedule.duration),
            duration_days: schedule.duration.as_days(),
            unit: Unit::of(plan).as_str().to_string(),
            tasks,
        }
    }

    pub fn from_json(text: &str) -> Result<Baseline, BaselineError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| BaselineError::Invalid(e.to_string()))?;
        match value.get("format").and_then(|f| f.as_str()) {
            Some(FORMAT) => {}
            Some(other) if other.starts_with("prog-baseline/") => {
                return Err(BaselineError::Version(other.to_string()));
            }
            _ => return Err(BaselineError::Invalid(format!("no `\"format\": \"{FORMAT}\"`"))),
        }
        serde_json::from_value(value).map_err(|e| BaselineError::Invalid(e.to_string()))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// The baseline finish of the task, milestone or group `id`.
    pub fn finish_of(&self, id: &str) -> Option<NaiveDate> {
        self.task(id).map(|t| t.finish)
    }

    fn task(&self, id: &str) -> Option<&BaselineTask> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// Each task's budget at completion in the baseline, indexed by the
    /// plan's tasks; `None` for a task the baseline does not know.
    pub fn budgets(&self, plan: &Plan) -> Vec<Option<f64>> {
        plan.tasks
            .iter()
            .map(|task| self.task(&task.id).map(|b| b.bac))
            .collect()
    }

    /// The times PV is measured against: each task's baseline dates, on the
    /// current calendar. A task the baseline does not know has no planned
    /// value.
    pub fn planned_times(&self, plan: &Plan, cal: &WorkCalendar) -> (Vec<TaskTimes>, Work) {
        let index: std::collections::HashMap<&str, &BaselineTask> =
            self.tasks.iter().map(|t| (t.id.as_str(), t)).collect();
        let never = Work(i64::MAX / 4);
        let times = plan
            .tasks
            .iter()
            .map(|task| match index.get(task.id.as_str()) {
                Some(b) => {
                    let (es, ef) = span(cal, b);
                    TaskTimes {
                        es,
                        ef,
                        ..TaskTimes::default()
                    }
                }
                None => TaskTimes {
                    es: never,
                    ef: never,
                    ..TaskTimes::default()
                },
            })
            .collect();
        let end = Work::days(cal.day_on_or_before(self.finish) + 1);
        (times, end)
    }
}

/// A baseline task's span on `cal`, by its dates.
fn span(cal: &WorkCalendar, b: &BaselineTask) -> (Work, Work) {
    if b.ef <= b.es {
        // An instant: at the end of its day, or the very start.
        let at = if b.ef <= 0.0 {
            Work::ZERO
        } else {
            Work::days(cal.day_on_or_before(b.finish) + 1)
        };
        return (at, at);
    }
    (
        Work::days(cal.day_on_or_after(b.start)),
        Work::days(cal.day_on_or_before(b.finish) + 1),
    )
}

/// Each task's budget, whether or not the plan has a status date.
fn budgets(plan: &Plan, cal: &WorkCalendar, schedule: &Schedule) -> Vec<Figures> {
    let mut at_start = plan.clone();
    // Earned value needs a status date; the budget does not depend on it.
    at_start.program.status_date.get_or_insert(plan.program.start);
    let planned = schedule.planned();
    earned_value(&at_start, cal, &planned.tasks, planned.duration)
        .map(|e| e.tasks)
        .unwrap_or_default()
}

/// The current schedule against a baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Variance {
    pub name: Option<String>,
    pub created: NaiveDate,
    pub baseline_finish: NaiveDate,
    /// Working days the finish moved (positive = later).
    pub finish_variance: f64,
    /// Per task (indexed by [`TaskId`]); `None` for a task added since.
    pub tasks: Vec<Option<TaskVariance>>,
    /// Tasks the baseline does not know.
    pub added: Vec<TaskId>,
    /// Baseline ids the plan no longer has.
    pub removed: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TaskVariance {
    pub baseline_start: NaiveDate,
    pub baseline_finish: NaiveDate,
    /// Working days, positive = later.
    pub start_variance: f64,
    pub finish_variance: f64,
}

impl Variance {
    pub fn new(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar, baseline: &Baseline) -> Variance {
        // Working days between two dates on the current calendar.
        let moved =
            |from: NaiveDate, to: NaiveDate| (cal.day_on_or_after(to) - cal.day_on_or_after(from)) as f64;
        let mut added = Vec::new();
        let tasks = plan
            .task_ids()
            .map(|id| {
                let Some(b) = baseline.task(&plan.task(id).id) else {
                    added.push(id);
                    return None;
                };
                let t = schedule.times(id);
                let (start, finish) = cal.span_dates(t.es, t.ef);
                Some(TaskVariance {
                    baseline_start: b.start,
                    baseline_finish: b.finish,
                    start_variance: moved(b.start, start),
                    finish_variance: moved(b.finish, finish),
                })
            })
            .collect();
        let ids: std::collections::HashSet<&str> = plan.tasks.iter().map(|t| t.id.as_str()).collect();
        Variance {
            name: baseline.name.clone(),
            created: baseline.created,
            baseline_finish: baseline.finish,
            finish_variance: moved(baseline.finish, cal.milestone_date(schedule.duration)),
            tasks,
            added,
            removed: baseline
                .tasks
                .iter()
                .filter(|t| !ids.contains(t.id.as_str()))
                .map(|t| t.id.clone())
                .collect(),
        }
    }

    /// How many of `plan`'s milestones finish later than in the baseline.
    pub fn milestones_late(&self, plan: &Plan) -> usize {
        plan.task_ids()
            .filter(|&t| plan.task(t).kind == TaskKind::Milestone)
            .filter(|&t| self.tasks[t.index()].is_some_and(|v| v.finish_variance > 0.0))
            .count()
    }

    /// `+3d`, `-2d`, `0d`: a variance as hints and tables write it.
    pub fn days_text(days: f64) -> String {
        format!("{}d", Work::from_days(days).signed_days_text())
    }
}

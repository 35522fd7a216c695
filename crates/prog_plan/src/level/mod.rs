//! Resource leveling: a schedule in which no person or team is booked above
//! its capacity on any working day, keeping every dependency and
//! `not_before`.
//!
//! # Method
//!
//! The serial schedule generation scheme places the leaves one at a time in
//! the order of an activity list, each at the earliest time its dependencies
//! and the remaining capacity allow. Lists come from priority rules (latest
//! finish, latest start, minimum slack), from regret-biased random sampling
//! and from a steady-state genetic algorithm (two-point crossover, swap
//! mutation); every list is improved by forward-backward justification. The
//! search is seeded and bounded by a number of schedules (each pass of the
//! scheme counts as one) and, optionally, a time limit.
//!
//! # Time and capacity
//!
//! Times are in hours, as in the critical path method, but capacity is per
//! working day, as [`load()`](crate::load()) measures it: a task books its
//! units on every working day its `[es, ef)` overlaps on which all its
//! resources are available (the leveled schedule says so with
//! [`TaskDays::Resources`](crate::TaskDays)), so two half-day tasks of one
//! full-time person do not share a day. A task that does not fit
//! where its dependencies would put it moves to the start of the next
//! working day on which it fits. Capacity varies from day to day with leave
//! and a resource's own calendar. Deadlines do not constrain leveling: a
//! leveled finish past one is reported as a miss, as in the plain schedule.

mod order;
mod pairs;
mod problem;
mod profile;
mod search;
mod sgs;
mod workdays;

use std::fmt;
use std::time::{Duration, Instant};

use crate::calendar::WorkCalendar;
use crate::model::{DepKind, Plan, ResourceId, ResourceKind, TaskId, Work};
use crate::schedule::{Schedule, TaskDays, deadline_misses, roll_up};
use crate::task_times::TaskTimes;

use order::order_by;
use problem::{Arc, Problem};
use sgs::{Sgs, Solution};
use workdays::WorkDays;

/// How much search to spend, and where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelOptions {
    /// The seed of the random choices: the same seed gives the same result
    /// (unless the time limit cuts the search short).
    pub seed: u64,
    /// The most schedules to generate; each pass of the serial scheme,
    /// forward or backward, counts as one. At least one is always made.
    pub schedules: usize,
    pub time_limit: Option<Duration>,
}

impl LevelOptions {
    /// The time limit of `prog level` unless told otherwise: a plan of a few
    /// thousand tasks finishes its budget of schedules well within it, a
    /// very large one stops there.
    pub const DEFAULT_TIME_LIMIT_MS: u64 = 1_000;

    /// The default budget for a plan of `tasks` tasks: 5,000 schedules for
    /// up to 120 tasks, fewer for larger plans so that the work stays about
    /// the same (200 for 3,000 tasks, 60 for 10,000, never fewer than 20).
    pub fn default_schedules(tasks: usize) -> usize {
        (600_000 / tasks.max(1)).clamp(20, 5_000)
    }

    pub fn for_plan(plan: &Plan) -> LevelOptions {
        LevelOptions {
            seed: 1,
            schedules: LevelOptions::default_schedules(plan.tasks.len()),
            time_limit: None,
        }
    }
}

/// A leveled schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Leveling {
    /// Leveled times. `es`/`ef` are the leveled starts and finishes; late
    /// times and floats are those of the leveled order (dependencies plus
    /// [`Leveling::pairs`]) within the leveled length, so a task's float is
    /// how far it can slip without delaying the leveled finish as long as
    /// the resource order stays. `driver` is not set.
    pub schedule: Schedule,
    /// Per task, how much later it starts than in the unleveled schedule.
    pub delay: Vec<Work>,
    /// The precedence pairs `(before, after)` that realise the leveled
    /// order: see [`realising_pairs`].
    pub pairs: Vec<(TaskId, TaskId)>,
    /// The length without resource limits: no leveled schedule is shorter.
    pub lower_bound: Work,
    /// Schedules generated.
    pub schedules: usize,
    /// Tasks that need more of a resource than it has, leveled as taking all
    /// of it.
    pub over_capacity: Vec<OverCapacity>,
}

/// Why a plan cannot be leveled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LevelError {
    /// The task needs resources that are never available on the same day
    /// (their own calendars have no working day in common).
    NeverTogether {
        task: TaskId,
        resources: Vec<ResourceId>,
    },
    /// The task cannot be placed within 100,000 working days of the program
    /// start (about 385 years: leave or dates that run that far).
    TooFar { task: TaskId },
}

impl LevelError {
    pub fn task(&self) -> TaskId {
        match *self {
            LevelError::NeverTogether { task, .. } | LevelError::TooFar { task } => task,
        }
    }

    /// The error in words, with the ids of `plan`.
    pub fn message(&self, plan: &Plan) -> String {
        let task = &plan.task(self.task()).id;
        match self {
            LevelError::NeverTogether { resources, .. } => {
                let names: Vec<String> = resources
                    .iter()
                    .map(|r| format!("`{}`", plan.resource(*r).id))
                    .collect();
                format!(
                    "task `{task}` needs {}, who are never available on the same day",
                    names.join(" and ")
                )
            }
            LevelError::TooFar { .. } => format!(
                "task `{task}` cannot be placed within {} working days of the program start",
                workdays::HORIZON
            ),
        }
    }
}

impl fmt::Display for LevelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "task #{} cannot be leveled: {self:?}", self.task().0)
    }
}

impl std::error::Error for LevelError {}

/// A task that needs more of a resource than it has: leveled as taking all
/// of it while it runs, so the resource stays over-allocated on those days,
/// as `prog check` warns (P302).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverCapacity {
    pub task: TaskId,
    pub resource: ResourceId,
    pub units: u32,
    pub capacity: u32,
}

impl OverCapacity {
    /// The warning in words, with the ids of `plan`.
    pub fn message(&self, plan: &Plan) -> String {
        let resource = plan.resource(self.resource);
        // A person's share in percent, a team's in people.
        let text = |units: u32| match resource.kind {
            ResourceKind::Person => format!("{units}%"),
            ResourceKind::Team => units_text(units),
        };
        format!(
            "task `{}` needs {} of `{}`, which has {}: leveled as taking all of it, \
             which stays over-allocated while the task runs",
            plan.task(self.task).id,
            text(self.units),
            resource.id,
            text(self.capacity)
        )
    }
}

fn units_text(units: u32) -> String {
    if units.is_multiple_of(100) {
        format!("{} (people)", units / 100)
    } else {
        format!("{units}%")
    }
}

/// Levels `plan` on `cal` (the plan's calendar); `unleveled` is its plain
/// schedule (with a status date, the forecast and the plan without progress
/// beside it), against which delays are measured. `progress` is told the
/// number of schedules generated so far before each new one: a caller may
/// unwind from it to stop the search (an editor does when the plan is
/// edited meanwhile).
pub fn level(
    plan: &Plan,
    cal: &WorkCalendar,
    unleveled: &Schedule,
    options: &LevelOptions,
    progress: impl Fn(usize),
) -> Result<Leveling, LevelError> {
    let deadline = options.time_limit.map(|limit| Instant::now() + limit);
    let planned = plan.program.status_date.map(|_| &unleveled.planned().tasks[..]);
    let mut problem = Problem::new(plan, cal, planned);
    let mut workdays = WorkDays::new(plan, cal, std::mem::take(&mut problem.calendar_sets));
    check(plan, cal, &problem, &mut workdays)?;
    let mut sgs = Sgs::new(&problem, workdays, &progress);
    let best = search::search(
        &mut sgs,
        &search::Budget {
            schedules: options.schedules,
            deadline,
            seed: options.seed,
        },
    )
    .map_err(|v| LevelError::TooFar { task: TaskId(v) })?;
    let schedules = sgs.passes;
    let lower_bound = Work(search::lower_bound(&problem));
    let pairs = pairs::realising_pairs(&problem, &best.start, &best.finish);
    problem.add_order(&pairs);
    let schedule = leveled_schedule(plan, cal, &problem, &best, unleveled);
    let delay = plan
        .task_ids()
        .map(|id| schedule.times(id).es - unleveled.times(id).es)
        .collect();
    let over_capacity = problem
        .capped
        .iter()
        .map(|c| OverCapacity {
            task: TaskId(c.task),
            resource: ResourceId(c.resource),
            units: c.units,
            capacity: c.capacity,
        })
        .collect();
    Ok(Leveling {
        schedule,
        delay,
        pairs: pairs.into_iter().map(|(a, b)| (TaskId(a), TaskId(b))).collect(),
        lower_bound,
        schedules,
        over_capacity,
    })
}

/// The fewest finish-to-start pairs `(before, after)` that realise the order
/// of the schedule `leveled` of `plan`: for tasks that share a resource and
/// follow each other there by whole days, a pair unless the plan's
/// finish-to-start dependencies (with no lead) and the other pairs already
/// order them. The result is the transitive reduction of that order.
///
/// Written as `after` dependencies, the pairs make the plain schedule of the
/// plan no later than `leveled`, task by task; when every duration and lag is
/// whole days and no capacity varies (no leave, no calendar of a resource's
/// own), that plain schedule has no over-allocation the leveled one did not
/// have. Pairs come sorted by their second task's leveled start.
pub fn realising_pairs(plan: &Plan, leveled: &Schedule) -> Vec<(TaskId, TaskId)> {
    let problem = Problem::new(plan, &WorkCalendar::new(plan), None);
    let start: Vec<i64> = leveled.tasks.iter().map(|t| t.es.0).collect();
    let finish: Vec<i64> = leveled.tasks.iter().map(|t| t.ef.0).collect();
    pairs::realising_pairs(&problem, &start, &finish)
        .into_iter()
        .map(|(a, b)| (TaskId(a), TaskId(b)))
        .collect()
}

/// Fails on a task whose resources never work on the same day. Past the
/// last holiday and leave, availability repeats every week, so a week of
/// days there shows whether they ever do.
fn check(plan: &Plan, cal: &WorkCalendar, p: &Problem, workdays: &mut WorkDays) -> Result<(), LevelError> {
    let calendars = plan.calendars.iter().flat_map(|c| &c.holidays);
    let leave = plan.resources.iter().flat_map(|r| &r.leave);
    let settled = calendars
        .chain(leave)
        .map(|range| cal.day_on_or_before(range.last) + 1)
        .max()
        .unwrap_or(0)
        .max(0);
    let calendars = p.workdays.iter().copied().max().unwrap_or(0) as usize + 1;
    let mut checked = vec![false; calendars];
    for &v in &p.leaves {
        let c = p.workdays[v as usize];
        if c == WorkDays::EVERY_DAY || std::mem::replace(&mut checked[c as usize], true) {
            continue;
        }
        let task = TaskId(v);
        // Beyond the horizon the search stops anyway.
        if settled > workdays::HORIZON {
            return Ok(());
        }
        match workdays.any(c, settled, settled + 6) {
            Ok(true) => {}
            Ok(false) => {
                let resources = workdays.resources(c).iter().map(|&r| ResourceId(r)).collect();
                return Err(LevelError::NeverTogether { task, resources });
            }
            Err(_) => return Err(LevelError::TooFar { task }),
        }
    }
    Ok(())
}

impl Problem {
    /// Adds the pairs as finish-to-start dependencies.
    fn add_order(&mut self, pairs: &[(u32, u32)]) {
        let arc = |other| Arc {
            other,
            kind: DepKind::FinishToStart,
            lag: 0,
        };
        let (mut preds, mut succs) = (self.preds.to_lists(), self.succs.to_lists());
        for &(a, b) in pairs {
            succs[a as usize].push(arc(b));
            preds[b as usize].push(arc(a));
        }
        self.preds = problem::Rows::from_lists(preds);
        self.succs = problem::Rows::from_lists(succs);
    }
}

/// The leveled times of every task: leaves as in `best`, late times from
/// the leveled order with each leaf's leveled length, groups rolled up.
fn leveled_schedule(
    plan: &Plan,
    cal: &WorkCalendar,
    p: &Problem,
    best: &Solution,
    unleveled: &Schedule,
) -> Schedule {
    let (start, finish, makespan) = (&best.start, &best.finish, best.makespan);
    let length = |v: usize| finish[v] - start[v];
    let (mut late_start, mut late_finish) = (start.clone(), finish.clone());
    for &v in order_by(p, |v| (-start[v], 0), true).iter() {
        let v = v as usize;
        if p.fixed[v].is_some() {
            continue;
        }
        let lf = p.latest_finish(v, &late_start, &late_finish, makespan, length(v));
        late_finish[v] = lf.min(p.cap[v]);
        late_start[v] = late_finish[v] - length(v);
    }
    let mut tasks = vec![TaskTimes::default(); plan.tasks.len()];
    for &v in &p.leaves {
        let v = v as usize;
        let (ef, lf) = (finish[v], late_finish[v]);
        if p.fixed[v].is_some() {
            tasks[v] = TaskTimes::fixed(Work(start[v]), Work(ef));
            continue;
        }
        // A task in progress started when it did; only its finish moves.
        let es = p.started[v].map_or(start[v], |s| s.min(ef));
        let free = p.latest_finish(v, start, finish, makespan, length(v)) - ef;
        let total = lf - ef;
        tasks[v] = TaskTimes {
            es: Work(es),
            ef: Work(ef),
            ls: Work(lf - (ef - es)),
            lf: Work(lf),
            total_float: Work(total),
            free_float: Work(free.min(total)),
            critical: total <= 0,
            driver: None,
        };
    }
    for &group in p.tree.groups_bottom_up() {
        tasks[group.index()] = roll_up(&tasks, p.tree.leaves(group), makespan);
    }
    let deadline_misses = deadline_misses(plan, &p.deadlines, &tasks, cal);
    Schedule {
        critical_path: critical_path(p, start, finish, makespan),
        tasks,
        duration: Work(makespan),
        cycles: unleveled.cycles.clone(),
        deadline_misses,
        planned: None,
        now: unleveled.now,
        task_days: TaskDays::Resources,
    }
}

/// One chain of leaves, each starting the moment a dependency or pair on the
/// one before allows, back from a leaf finishing last. It stops at a leaf
/// that waited for capacity alone (leave, for instance) and before finished
/// work.
fn critical_path(p: &Problem, start: &[i64], finish: &[i64], makespan: i64) -> Vec<TaskId> {
    let Some(&last) = p
        .leaves
        .iter()
        .rev()
        .find(|&&v| finish[v as usize] == makespan && p.fixed[v as usize].is_none())
    else {
        return Vec::new();
    };
    let mut path = vec![TaskId(last)];
    let mut at = last as usize;
    while let Some(arc) = p.preds.row(at).iter().find(|arc| {
        let from = arc.other as usize;
        let bound = match arc.kind {
            DepKind::FinishToStart => finish[from] + arc.lag,
            DepKind::StartToStart => start[from] + arc.lag,
            DepKind::FinishToFinish => finish[from] + arc.lag - p.duration[at],
        };
        bound == start[at]
    }) {
        at = arc.other as usize;
        path.push(TaskId(at as u32));
    }
    path.reverse();
    path
}

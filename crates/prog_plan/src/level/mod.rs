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
//! units on every working day its `[es, ef)` overlaps, so two half-day tasks
//! of one full-time person do not share a day. A task that does not fit
//! where its dependencies would put it moves to the start of the next
//! working day on which it fits. Capacity varies from day to day with leave
//! and a resource's own calendar. Deadlines do not constrain leveling: a
//! leveled finish past one is reported as a miss, as in the plain schedule.

mod pairs;
mod problem;
mod profile;
mod search;
mod sgs;

use std::fmt;
use std::time::{Duration, Instant};

use crate::calendar::WorkCalendar;
use crate::model::{DepKind, Plan, ResourceId, TaskId, Work};
use crate::schedule::{Schedule, TaskTimes, deadline_misses, roll_up};

use problem::{Arc, Problem, days_of};
use profile::Profiles;
use sgs::{Sgs, order_by};

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
    /// The default budget for a plan of `tasks` tasks: 5,000 schedules for
    /// up to 400 tasks, fewer for larger plans so that the work stays about
    /// the same (200 for 10,000 tasks, never fewer than 20).
    pub fn default_schedules(tasks: usize) -> usize {
        (2_000_000 / tasks.max(1)).clamp(20, 5_000)
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
}

/// Why a plan cannot be leveled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LevelError {
    /// The task needs more units of the resource than it ever has.
    OverCapacity {
        task: TaskId,
        resource: ResourceId,
        units: u32,
        capacity: u32,
    },
    /// The resource is never available for as many working days in a row as
    /// the task takes (its own calendar has too few working days).
    NeverAvailable {
        task: TaskId,
        resource: ResourceId,
        days: i64,
    },
    /// The task cannot be placed within 100,000 working days of the program
    /// start (about 385 years: leave or dates that run that far).
    TooFar { task: TaskId },
}

impl LevelError {
    pub fn task(&self) -> TaskId {
        match *self {
            LevelError::OverCapacity { task, .. }
            | LevelError::NeverAvailable { task, .. }
            | LevelError::TooFar { task } => task,
        }
    }

    /// The error in words, with the ids of `plan`.
    pub fn message(&self, plan: &Plan) -> String {
        let task = &plan.task(self.task()).id;
        match *self {
            LevelError::OverCapacity {
                resource,
                units,
                capacity,
                ..
            } => format!(
                "task `{task}` needs {} of `{}`, which has {} at most: it can never be leveled",
                units_text(units),
                plan.resource(resource).id,
                units_text(capacity)
            ),
            LevelError::NeverAvailable { resource, days, .. } => format!(
                "task `{task}` takes {days} working days in a row, but `{}` is never available that long",
                plan.resource(resource).id
            ),
            LevelError::TooFar { .. } => format!(
                "task `{task}` cannot be placed within {} working days of the program start",
                sgs::HORIZON
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

fn units_text(units: u32) -> String {
    if units.is_multiple_of(100) {
        format!("{} (people)", units / 100)
    } else {
        format!("{units}%")
    }
}

/// Levels `plan` on `cal` (the plan's calendar); `unleveled` is its plain
/// schedule, against which delays are measured.
pub fn level(
    plan: &Plan,
    cal: &WorkCalendar,
    unleveled: &Schedule,
    options: &LevelOptions,
) -> Result<Leveling, LevelError> {
    let deadline = options.time_limit.map(|limit| Instant::now() + limit);
    let mut problem = Problem::new(plan, cal);
    let mut profiles = Profiles::new(plan, cal);
    check(plan, cal, &problem, &mut profiles)?;
    let mut sgs = Sgs {
        problem: &problem,
        profiles,
        passes: 0,
    };
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
    let pairs = pairs::realising_pairs(&problem, &best.start);
    problem.add_order(&pairs);
    let schedule = leveled_schedule(plan, cal, &problem, &best.start, best.makespan, unleveled);
    let delay = plan
        .task_ids()
        .map(|id| schedule.times(id).es - unleveled.times(id).es)
        .collect();
    Ok(Leveling {
        schedule,
        delay,
        pairs: pairs.into_iter().map(|(a, b)| (TaskId(a), TaskId(b))).collect(),
        lower_bound,
        schedules,
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
    let problem = Problem::new(plan, &WorkCalendar::new(plan));
    let start: Vec<i64> = leveled.tasks.iter().map(|t| t.es.0).collect();
    pairs::realising_pairs(&problem, &start)
        .into_iter()
        .map(|(a, b)| (TaskId(a), TaskId(b)))
        .collect()
}

/// Fails on a task that could never be placed: more units than the resource
/// has, or more consecutive days than it is ever available. Past the last
/// holiday and leave, availability repeats every week, so a week of starts
/// there shows whether a task fits anywhere.
fn check(plan: &Plan, cal: &WorkCalendar, p: &Problem, profiles: &mut Profiles) -> Result<(), LevelError> {
    let calendars = plan.calendars.iter().flat_map(|c| &c.holidays);
    let leave = plan.resources.iter().flat_map(|r| &r.leave);
    let settled = calendars
        .chain(leave)
        .map(|range| cal.day_on_or_before(range.last) + 1)
        .max()
        .unwrap_or(0)
        .max(0);
    // Beyond the horizon the search stops anyway.
    let periodic = settled <= sgs::HORIZON;
    for &v in &p.leaves {
        let task = TaskId(v);
        let Some((_, days)) = days_of(0, p.duration[v as usize]) else {
            continue;
        };
        let days = days + 1;
        if days > sgs::HORIZON {
            return Err(LevelError::TooFar { task });
        }
        for d in p.demands.row(v as usize) {
            let resource = ResourceId(d.resource);
            let capacity = plan.resource(resource).capacity;
            if d.units > capacity {
                return Err(LevelError::OverCapacity {
                    task,
                    resource,
                    units: d.units,
                    capacity,
                });
            }
            if periodic
                && !(settled..settled + 7).any(|s| profiles.available(d.resource, d.units, s, s + days - 1))
            {
                return Err(LevelError::NeverAvailable { task, resource, days });
            }
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

/// The leveled times of every task: leaves at `start`, late times from the
/// leveled order, groups rolled up.
fn leveled_schedule(
    plan: &Plan,
    cal: &WorkCalendar,
    p: &Problem,
    start: &[i64],
    makespan: i64,
    unleveled: &Schedule,
) -> Schedule {
    let mut late = start.to_vec();
    for &v in order_by(p, |v| std::cmp::Reverse(start[v]), true).iter() {
        let v = v as usize;
        late[v] = p.latest_finish(v, &late, makespan).min(p.cap[v]) - p.duration[v];
    }
    let mut tasks = vec![TaskTimes::default(); plan.tasks.len()];
    for &v in &p.leaves {
        let v = v as usize;
        let (es, ls, d) = (start[v], late[v], p.duration[v]);
        let free = p.latest_finish(v, start, makespan) - (es + d);
        tasks[v] = TaskTimes {
            es: Work(es),
            ef: Work(es + d),
            ls: Work(ls),
            lf: Work(ls + d),
            duration: Work(d),
            total_float: Work(ls - es),
            free_float: Work(free),
            critical: ls <= es,
            driver: None,
        };
    }
    for &group in p.tree.groups_bottom_up() {
        tasks[group.index()] = roll_up(&tasks, p.tree.leaves(group), makespan);
    }
    let deadline_misses = deadline_misses(plan, &tasks, cal);
    Schedule {
        critical_path: critical_path(p, start, makespan),
        tasks,
        duration: Work(makespan),
        cycles: unleveled.cycles.clone(),
        deadline_misses,
        planned: None,
    }
}

/// One chain of leaves, each starting the moment a dependency or pair on the
/// one before allows, back from a leaf finishing last. It stops at a leaf
/// that waited for capacity alone (leave, for instance).
fn critical_path(p: &Problem, start: &[i64], makespan: i64) -> Vec<TaskId> {
    let Some(&last) = p
        .leaves
        .iter()
        .rev()
        .find(|&&v| start[v as usize] + p.duration[v as usize] == makespan)
    else {
        return Vec::new();
    };
    let mut path = vec![TaskId(last)];
    let mut at = last as usize;
    while let Some(arc) = p.preds.row(at).iter().find(|arc| {
        let from = arc.other as usize;
        let bound = match arc.kind {
            DepKind::FinishToStart => start[from] + p.duration[from] + arc.lag,
            DepKind::StartToStart => start[from] + arc.lag,
            DepKind::FinishToFinish => start[from] + p.duration[from] + arc.lag - p.duration[at],
        };
        bound == start[at]
    }) {
        at = arc.other as usize;
        path.push(TaskId(at as u32));
    }
    path.reverse();
    path
}

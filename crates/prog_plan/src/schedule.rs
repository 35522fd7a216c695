//! The schedule of a plan: early and late times, float, the critical path,
//! circular dependencies and missed deadlines.

use chrono::NaiveDate;

use crate::calendar::WorkCalendar;
use crate::cpm::{self, Inputs, Passes, Recorded, Times};
use crate::cycles::{Acyclic, Cycle, break_cycles};
use crate::graph::{DepRef, Graph, tree_and_graph};
use crate::hierarchy::Hierarchy;
use crate::model::{Plan, TaskId, Work};
use crate::status::Recording;
use crate::task_times::TaskTimes;

/// A task (or group) that finishes after its deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeadlineMiss {
    pub task: TaskId,
    pub deadline: NaiveDate,
    /// How late the early finish is.
    pub overrun: Work,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    /// Indexed by [`TaskId`].
    pub tasks: Vec<TaskTimes>,
    /// The latest early finish of any task.
    pub duration: Work,
    /// One longest chain of leaves, first to last.
    pub critical_path: Vec<TaskId>,
    pub cycles: Vec<Cycle>,
    pub deadline_misses: Vec<DeadlineMiss>,
    /// With a status date, this schedule is the forecast from then on and
    /// this is the plan as it was: the same plan with progress ignored.
    pub planned: Option<Box<Schedule>>,
    /// With a status date: "now", the end of that working day as working
    /// time ([`crate::status::now`]), from which this forecast runs. Every
    /// reader of the schedule takes it from here.
    pub now: Option<Work>,
    /// On which days of its span each task works.
    pub task_days: TaskDays,
}

/// On which working days of its span `[es, ef)` a task works: what the
/// load books.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TaskDays {
    /// Every one. The critical path method knows only the program's
    /// calendar, so a resource's day off inside a task shows as
    /// over-allocated.
    #[default]
    Span,
    /// Those on which every resource assigned to the task is available:
    /// leveling stretches work over its resources' days off.
    Resources,
}

impl Schedule {
    pub fn times(&self, task: TaskId) -> &TaskTimes {
        &self.tasks[task.index()]
    }

    /// The schedule without progress: [`Schedule::planned`], or this one
    /// when the plan has no status date.
    pub fn planned(&self) -> &Schedule {
        self.planned.as_deref().unwrap_or(self)
    }
}

/// Schedules `plan` on its own calendar.
pub fn schedule(plan: &Plan) -> Schedule {
    schedule_with(plan, &WorkCalendar::new(plan))
}

/// Schedules `plan` on `cal`, which must be the plan's calendar; for callers
/// that keep one around for date mapping.
pub fn schedule_with(plan: &Plan, cal: &WorkCalendar) -> Schedule {
    schedule_on(plan, &Network::new(plan), cal)
}

/// What scheduling reads of a plan's structure: its groups, its
/// dependencies in topological order, and the cycles among them. Durations,
/// dates and progress play no part, so one network serves every schedule
/// of a plan while only those change.
#[derive(Debug, PartialEq, Eq)]
pub struct Network {
    tree: Hierarchy,
    graph: Graph,
    order: Vec<u32>,
    cycles: Vec<Cycle>,
}

impl Network {
    pub fn new(plan: &Plan) -> Network {
        let (tree, graph) = tree_and_graph(plan);
        let Acyclic { graph, order, cycles } = break_cycles(graph);
        Network {
            tree,
            graph,
            order,
            cycles,
        }
    }
}

/// Schedules `plan` over its `network` (built from this plan, or from one
/// that differs from it only in durations, dates and progress) on its
/// calendar `cal`. With a status date, this is the forecast from then on
/// ([`crate::status`]), with the plan without progress beside it.
pub fn schedule_on(plan: &Plan, network: &Network, cal: &WorkCalendar) -> Schedule {
    let planned = passes(plan, network, cal, None);
    let Some(status_date) = plan.program.status_date else {
        return planned;
    };
    let recording = Recording::new(plan, cal, &planned.tasks, status_date);
    Schedule {
        planned: Some(Box::new(planned)),
        now: Some(crate::status::now(cal, status_date)),
        ..passes(plan, network, cal, Some(&recording))
    }
}

/// The leaves' times with progress ignored, over a network's parts.
pub(crate) fn planned(
    plan: &Plan,
    tree: &Hierarchy,
    graph: &Graph,
    order: &[u32],
    cal: &WorkCalendar,
) -> Vec<TaskTimes> {
    passes_over(plan, tree, graph, order, &[], cal, None).tasks
}

fn passes(plan: &Plan, network: &Network, cal: &WorkCalendar, recording: Option<&Recording>) -> Schedule {
    let Network {
        tree,
        graph,
        order,
        cycles,
    } = network;
    passes_over(plan, tree, graph, order, cycles, cal, recording)
}

fn passes_over(
    plan: &Plan,
    tree: &Hierarchy,
    graph: &Graph,
    order: &[u32],
    cycles: &[Cycle],
    cal: &WorkCalendar,
    recording: Option<&Recording>,
) -> Schedule {
    let Bounds {
        mut floor,
        cap,
        duration,
        deadlines,
    } = bounds(plan, tree, cal);
    let (duration, recorded) = match recording {
        Some(recording) => {
            recording.hold_until_now(&mut floor);
            (recording.duration.clone(), recording.recorded.as_slice())
        }
        None => (duration, &[][..]),
    };
    let passes = cpm::run(
        graph,
        order,
        &Inputs {
            duration: &duration,
            floor: &floor,
            cap: &cap,
            recorded,
        },
    );
    // Given back before the times are laid out: at a million tasks, the
    // peak of an analysis is here.
    drop((floor, cap, duration));
    let mut tasks: Vec<TaskTimes> = (passes.times.iter().zip(&passes.driver).enumerate())
        .map(|(v, (times, driver))| {
            let recorded = recorded.get(v).copied().unwrap_or(Recorded::Planned);
            leaf_times(times, driver.map(|e| graph.statement(e)), recorded)
        })
        .collect();
    let finished = |l: &TaskId| matches!(recorded.get(l.index()), Some(Recorded::Finished { .. }));
    for &group in tree.groups_bottom_up() {
        let leaves = tree.leaves(group);
        let mut times = roll_up(&tasks, leaves, passes.end);
        // A group's float is that of the work left in it.
        if leaves.iter().any(finished) {
            let open: Vec<TaskId> = leaves.iter().filter(|l| !finished(l)).copied().collect();
            let left = roll_up(&tasks, &open, passes.end);
            (times.total_float, times.free_float, times.critical) = if open.is_empty() {
                (Work::ZERO, Work::ZERO, false)
            } else {
                (left.total_float, left.free_float, left.critical)
            };
        }
        tasks[group.index()] = times;
    }
    Schedule {
        critical_path: critical_path(plan, &passes, graph, order, recorded),
        deadline_misses: deadline_misses(plan, &deadlines, &tasks, cal),
        tasks,
        duration: Work(passes.end),
        cycles: cycles.to_vec(),
        planned: None,
        now: None,
        task_days: TaskDays::Span,
    }
}

/// The tasks (and groups) among `deadlines` whose early finish in `tasks`
/// is after their deadline.
pub(crate) fn deadline_misses(
    plan: &Plan,
    deadlines: &[TaskId],
    tasks: &[TaskTimes],
    cal: &WorkCalendar,
) -> Vec<DeadlineMiss> {
    deadlines
        .iter()
        .filter_map(|&id| {
            let deadline = plan.task(id).deadline?;
            let overrun = tasks[id.index()].ef - cal.end_of(deadline);
            (overrun > Work::ZERO).then_some(DeadlineMiss {
                task: id,
                deadline,
                overrun,
            })
        })
        .collect()
}

/// What the passes read of every task, gathered in one sweep over the
/// tasks (which are large: each sweep costs as much as a pass at a million
/// tasks).
pub(crate) struct Bounds {
    /// Earliest start of every leaf, in hours: its own `not_before` and
    /// those of the groups around it.
    pub floor: Vec<i64>,
    /// Latest finish of every leaf, in hours: its own `deadline` and those
    /// of the groups around it.
    pub cap: Vec<i64>,
    /// [`Task::duration`](crate::model::Task::duration) of every task, in
    /// hours.
    pub duration: Vec<i64>,
    /// The tasks and groups that have a deadline, ascending.
    pub deadlines: Vec<TaskId>,
}

pub(crate) fn bounds(plan: &Plan, tree: &Hierarchy, cal: &WorkCalendar) -> Bounds {
    let n = plan.tasks.len();
    let mut bounds = Bounds {
        floor: vec![0; n],
        cap: vec![i64::MAX; n],
        duration: Vec::with_capacity(n),
        deadlines: Vec::new(),
    };
    for (t, task) in plan.tasks.iter().enumerate() {
        bounds.duration.push(task.duration().0);
        let leaves = tree.leaves(TaskId(t as u32));
        if let Some(date) = task.not_before {
            let start = cal.start_of(date).0;
            leaves
                .iter()
                .for_each(|l| bounds.floor[l.index()] = bounds.floor[l.index()].max(start));
        }
        if let Some(date) = task.deadline {
            bounds.deadlines.push(TaskId(t as u32));
            let end = cal.end_of(date).0;
            leaves
                .iter()
                .for_each(|l| bounds.cap[l.index()] = bounds.cap[l.index()].min(end));
        }
    }
    bounds
}

/// The times of a leaf from the passes' `times` of it and the dependency
/// that drives it.
fn leaf_times(times: &Times, driver: Option<DepRef>, recorded: Recorded) -> TaskTimes {
    let (ef, lf) = (times.ef, times.lf);
    let es = match recorded {
        Recorded::Planned => times.es,
        Recorded::Resumed { started } => started.min(ef),
        Recorded::Finished { es, ef } => return TaskTimes::fixed(Work(es), Work(ef)),
    };
    // `lf - ef`, which is `ls - es` for a task not started; a started task
    // can no longer move its start, only its finish.
    let total_float = lf - ef;
    TaskTimes {
        es: Work(es),
        ef: Work(ef),
        ls: Work(lf - (ef - es)),
        lf: Work(lf),
        total_float: Work(total_float),
        free_float: Work(times.free_float),
        critical: total_float <= 0,
        driver,
    }
}

/// A group spans its leaves: earliest start to latest finish; its float is
/// the least float inside it. An empty group sits at the program start with
/// the whole project as float.
pub(crate) fn roll_up(tasks: &[TaskTimes], leaves: &[TaskId], end: i64) -> TaskTimes {
    let mut leaf_times = leaves.iter().map(|l| &tasks[l.index()]);
    let Some(first) = leaf_times.next().copied() else {
        return TaskTimes {
            ls: Work(end),
            lf: Work(end),
            total_float: Work(end),
            free_float: Work(end),
            critical: end <= 0,
            ..TaskTimes::default()
        };
    };
    let mut group = leaf_times.fold(first, |g, t| TaskTimes {
        es: g.es.min(t.es),
        ef: g.ef.max(t.ef),
        ls: g.ls.min(t.ls),
        lf: g.lf.max(t.lf),
        total_float: g.total_float.min(t.total_float),
        free_float: g.free_float.min(t.free_float),
        ..g
    });
    group.critical = group.total_float <= Work::ZERO;
    group.driver = None;
    group
}

/// Follows driving dependencies back from the last leaf to finish, up to
/// the first finished task.
fn critical_path(
    plan: &Plan,
    passes: &Passes,
    graph: &Graph,
    order: &[u32],
    recorded: &[Recorded],
) -> Vec<TaskId> {
    let finished = |v: usize| matches!(recorded.get(v), Some(Recorded::Finished { .. }));
    // The last in topological order among those finishing last has no
    // successor finishing as late.
    let Some(&last) = order.iter().rev().find(|&&v| {
        plan.tasks[v as usize].is_leaf() && passes.times[v as usize].ef == passes.end && !finished(v as usize)
    }) else {
        return Vec::new();
    };
    let mut path = vec![TaskId(last)];
    let mut at = last as usize;
    while let Some(e) = passes.driver[at] {
        at = graph.edge(e).from() as usize;
        if finished(at) {
            break;
        }
        path.push(TaskId(at as u32));
    }
    path.reverse();
    path
}

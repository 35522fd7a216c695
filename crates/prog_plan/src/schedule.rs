//! The schedule of a plan: early and late times, float, the critical path,
//! circular dependencies and missed deadlines.

use chrono::NaiveDate;

use crate::calendar::WorkCalendar;
use crate::cpm::{self, Inputs, Passes};
use crate::cycles::{Acyclic, Cycle, break_cycles};
use crate::graph::{DepRef, Graph};
use crate::hierarchy::Hierarchy;
use crate::model::{Plan, TaskId, Work};

/// The times of one task, milestone or group, in working time from the
/// program start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaskTimes {
    pub es: Work,
    pub ef: Work,
    pub ls: Work,
    pub lf: Work,
    pub duration: Work,
    /// `ls - es`; negative when a deadline cannot be met.
    pub total_float: Work,
    /// How far the task can slip without delaying any successor's early
    /// start or the project end. Deadlines play no part in it.
    pub free_float: Work,
    /// `total_float <= 0`.
    pub critical: bool,
    /// The dependency that sets `es`; `None` when the task starts at the
    /// program start or its `not_before`, and for groups.
    pub driver: Option<DepRef>,
}

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
}

impl Schedule {
    pub fn times(&self, task: TaskId) -> &TaskTimes {
        &self.tasks[task.index()]
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
        let tree = Hierarchy::new(plan);
        let Acyclic { graph, order, cycles } = break_cycles(Graph::new(plan, &tree));
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
/// calendar `cal`.
pub fn schedule_on(plan: &Plan, network: &Network, cal: &WorkCalendar) -> Schedule {
    let Network {
        tree,
        graph,
        order,
        cycles,
    } = network;
    let (graph, order, tree) = (graph, order.as_slice(), tree);
    let (floor, cap) = constraints(plan, tree, cal);
    let duration: Vec<i64> = plan.tasks.iter().map(|t| t.duration().0).collect();
    let passes = cpm::run(
        graph,
        order,
        &Inputs {
            duration: &duration,
            floor: &floor,
            cap: &cap,
        },
    );
    let mut tasks: Vec<TaskTimes> = (0..plan.tasks.len())
        .map(|v| leaf_times(&passes, graph, v))
        .collect();
    for &group in tree.groups_bottom_up() {
        tasks[group.index()] = roll_up(&tasks, tree.leaves(group), passes.end);
    }
    Schedule {
        critical_path: critical_path(plan, &passes, graph, order),
        deadline_misses: deadline_misses(plan, &tasks, cal),
        tasks,
        duration: Work(passes.end),
        cycles: cycles.clone(),
    }
}

/// The tasks (and groups) whose early finish in `tasks` is after their
/// deadline.
pub(crate) fn deadline_misses(plan: &Plan, tasks: &[TaskTimes], cal: &WorkCalendar) -> Vec<DeadlineMiss> {
    plan.task_ids()
        .filter_map(|id| {
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

/// Earliest start and latest finish of every leaf, in hours: its own
/// `not_before` and `deadline` and those of the groups around it.
pub(crate) fn constraints(plan: &Plan, tree: &Hierarchy, cal: &WorkCalendar) -> (Vec<i64>, Vec<i64>) {
    let mut floor = vec![0i64; plan.tasks.len()];
    let mut cap = vec![i64::MAX; plan.tasks.len()];
    for (t, task) in plan.tasks.iter().enumerate() {
        let leaves = tree.leaves(TaskId(t as u32));
        if let Some(date) = task.not_before {
            let start = cal.start_of(date).0;
            leaves
                .iter()
                .for_each(|l| floor[l.index()] = floor[l.index()].max(start));
        }
        if let Some(date) = task.deadline {
            let end = cal.end_of(date).0;
            leaves
                .iter()
                .for_each(|l| cap[l.index()] = cap[l.index()].min(end));
        }
    }
    (floor, cap)
}

fn leaf_times(passes: &Passes, graph: &Graph, v: usize) -> TaskTimes {
    let total_float = passes.ls[v] - passes.es[v];
    TaskTimes {
        es: Work(passes.es[v]),
        ef: Work(passes.ef[v]),
        ls: Work(passes.ls[v]),
        lf: Work(passes.lf[v]),
        duration: Work(passes.ef[v] - passes.es[v]),
        total_float: Work(total_float),
        free_float: Work(passes.free_float[v]),
        critical: total_float <= 0,
        driver: passes.driver[v].map(|e| graph.statement(e)),
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
    group.duration = group.ef - group.es;
    group.critical = group.total_float <= Work::ZERO;
    group.driver = None;
    group
}

/// Follows driving dependencies back from the last leaf to finish.
fn critical_path(plan: &Plan, passes: &Passes, graph: &Graph, order: &[u32]) -> Vec<TaskId> {
    // The last in topological order among those finishing last has no
    // successor finishing as late.
    let Some(&last) = order
        .iter()
        .rev()
        .find(|&&v| plan.tasks[v as usize].is_leaf() && passes.ef[v as usize] == passes.end)
    else {
        return Vec::new();
    };
    let mut path = vec![TaskId(last)];
    let mut at = last as usize;
    while let Some(e) = passes.driver[at] {
        at = graph.edge(e).from as usize;
        path.push(TaskId(at as u32));
    }
    path.reverse();
    path
}

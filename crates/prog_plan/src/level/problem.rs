//! The leveling problem in flat arrays: the leaves of a plan, their
//! durations, earliest starts, dependencies and resource demands.

use std::collections::HashMap;

use crate::availability::Availability;
use crate::calendar::WorkCalendar;
use crate::cpm::Recorded;
use crate::cycles::{Acyclic, break_cycles};
use crate::graph::tree_and_graph;
use crate::hierarchy::Hierarchy;
use crate::model::{DepKind, Plan, ResourceId, TaskId, TaskKind};
use crate::schedule::{Bounds, bounds};
use crate::status::Recording;
use crate::task_times::TaskTimes;

use super::workdays::WorkDays;

/// Rows of items, stored one after another.
#[derive(Debug, Default)]
pub(crate) struct Rows<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T> Rows<T> {
    pub(crate) fn from_lists(lists: Vec<Vec<T>>) -> Rows<T> {
        let mut rows = Rows {
            start: Vec::with_capacity(lists.len() + 1),
            items: Vec::new(),
        };
        rows.start.push(0);
        for list in lists {
            rows.items.extend(list);
            rows.start.push(rows.items.len() as u32);
        }
        rows
    }

    pub(crate) fn to_lists(&self) -> Vec<Vec<T>>
    where
        T: Clone,
    {
        (0..self.start.len() - 1).map(|i| self.row(i).to_vec()).collect()
    }

    pub(crate) fn row(&self, i: usize) -> &[T] {
        &self.items[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// A dependency seen from one end: the task at the other end, the kind and
/// the lag in hours.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Arc {
    pub other: u32,
    pub kind: DepKind,
    pub lag: i64,
}

/// Units of one resource a task books on every day it occupies.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Demand {
    pub resource: u32,
    pub units: u32,
}

/// A demand above what a resource ever has: the task takes all of it
/// while it runs, and the resource stays over-allocated then, as `check`
/// reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Capped {
    pub task: u32,
    pub resource: u32,
    pub units: u32,
    pub capacity: u32,
}

/// Indexed by task (groups included, but only leaves are scheduled).
#[derive(Debug)]
pub(crate) struct Problem {
    /// The leaves, every one after those it depends on.
    pub leaves: Vec<u32>,
    /// Work in hours: for a task in progress, the work it has left.
    pub duration: Vec<i64>,
    /// Earliest start in hours: 0 or the task's (or a group's) `not_before`,
    /// and with a status date no earlier than then.
    pub floor: Vec<i64>,
    /// Latest finish a deadline allows, `i64::MAX` when none.
    pub cap: Vec<i64>,
    pub preds: Rows<Arc>,
    pub succs: Rows<Arc>,
    /// Empty for milestones and tasks without time: they occupy no day.
    pub demands: Rows<Demand>,
    /// The capacity of each resource.
    pub capacity: Vec<u32>,
    /// Per task, its calendar in [`WorkDays`](super::workdays::WorkDays).
    pub workdays: Vec<u32>,
    /// The sets of resources behind the calendars numbered from 1.
    pub calendar_sets: Vec<Vec<u32>>,
    /// Finished tasks: their recorded start and finish, which nothing moves.
    pub fixed: Vec<Option<(i64, i64)>>,
    /// Tasks in progress: their actual start (their remaining work is
    /// scheduled).
    pub started: Vec<Option<i64>>,
    pub capped: Vec<Capped>,
    pub tree: Hierarchy,
    /// The tasks and groups that have a deadline.
    pub deadlines: Vec<TaskId>,
}

impl Problem {
    /// The problem of `plan`; with a status date, `planned` (the schedule of
    /// the plan with progress ignored) dates the progress that has no dates
    /// of its own.
    pub(crate) fn new(plan: &Plan, cal: &WorkCalendar, planned: Option<&[TaskTimes]>) -> Problem {
        let (tree, graph) = tree_and_graph(plan);
        let Acyclic { graph, order, .. } = break_cycles(graph);
        let n = plan.tasks.len();
        let Bounds {
            mut floor,
            cap,
            mut duration,
            deadlines,
        } = bounds(plan, &tree, cal);
        let mut fixed = Vec::new();
        let mut started = Vec::new();
        if let (Some(date), Some(planned)) = (plan.program.status_date, planned) {
            let recording = Recording::new(plan, cal, planned, date);
            recording.hold_until_now(&mut floor);
            duration = recording.duration;
            for record in &recording.recorded {
                fixed.push(match *record {
                    Recorded::Finished { es, ef } => Some((es, ef)),
                    _ => None,
                });
                started.push(match *record {
                    Recorded::Resumed { started } => Some(started),
                    _ => None,
                });
            }
        }
        fixed.resize(n, None);
        started.resize(n, None);
        let mut preds = vec![Vec::new(); n];
        let mut succs = vec![Vec::new(); n];
        for v in 0..n {
            for e in graph.incoming(v) {
                let edge = graph.edge(e);
                let (from, lag) = (edge.from() as usize, i64::from(edge.lag));
                // Finished work constrains nothing before it; "start with"
                // no longer constrains a task once started, and a started
                // task's start is history: a bound that never moves.
                if fixed[v].is_some() || (started[v].is_some() && edge.kind() == DepKind::StartToStart) {
                    continue;
                }
                let known = match (fixed[from], started[from], edge.kind()) {
                    (Some((es, ef)), _, kind) => Some(match kind {
                        DepKind::FinishToStart => ef + lag,
                        DepKind::StartToStart => es + lag,
                        DepKind::FinishToFinish => ef + lag - duration[v],
                    }),
                    (None, Some(es), DepKind::StartToStart) => Some(es + lag),
                    _ => None,
                };
                if let Some(bound) = known {
                    floor[v] = floor[v].max(bound);
                    continue;
                }
                preds[v].push(Arc {
                    other: edge.from(),
                    kind: edge.kind(),
                    lag,
                });
                succs[from].push(Arc {
                    other: v as u32,
                    kind: edge.kind(),
                    lag,
                });
            }
        }
        let capacity: Vec<u32> = plan.resources.iter().map(|r| r.capacity).collect();
        let mut capped = Vec::new();
        let mut calendar_sets: Vec<Vec<u32>> = Vec::new();
        let mut set_ids: HashMap<Vec<u32>, u32> = HashMap::new();
        let mut workdays = vec![WorkDays::EVERY_DAY; n];
        let mut demands = Vec::with_capacity(n);
        for (v, task) in plan.tasks.iter().enumerate() {
            if task.kind != TaskKind::Task || duration[v] <= 0 || fixed[v].is_some() {
                demands.push(Vec::new());
                continue;
            }
            // Two assignments of one resource add up.
            let mut list: Vec<Demand> = Vec::new();
            for a in task.assignments.iter().filter(|a| a.units > 0) {
                match list.iter_mut().find(|d| d.resource == a.resource.0) {
                    Some(d) => d.units = d.units.saturating_add(a.units),
                    None => list.push(Demand {
                        resource: a.resource.0,
                        units: a.units,
                    }),
                }
            }
            for d in &mut list {
                let has = capacity[d.resource as usize];
                if d.units > has {
                    capped.push(Capped {
                        task: v as u32,
                        resource: d.resource,
                        units: d.units,
                        capacity: has,
                    });
                    d.units = has;
                }
            }
            let mut set: Vec<u32> = list
                .iter()
                .map(|d| d.resource)
                .filter(|&r| Availability::ever_away(plan, ResourceId(r)))
                .collect();
            if !set.is_empty() {
                set.sort_unstable();
                let next = calendar_sets.len() as u32 + 1;
                workdays[v] = *set_ids.entry(set.clone()).or_insert_with(|| {
                    calendar_sets.push(set);
                    next
                });
            }
            list.retain(|d| d.units > 0);
            demands.push(list);
        }
        let leaves = order
            .into_iter()
            .filter(|&v| plan.tasks[v as usize].is_leaf())
            .collect();
        Problem {
            leaves,
            duration,
            floor,
            cap,
            preds: Rows::from_lists(preds),
            succs: Rows::from_lists(succs),
            demands: Rows::from_lists(demands),
            capacity,
            workdays,
            calendar_sets,
            fixed,
            started,
            capped,
            tree,
            deadlines,
        }
    }

    /// The earliest `v` may start, given the times of everything before it.
    pub(crate) fn earliest_start(&self, v: usize, start: &[i64], finish: &[i64]) -> i64 {
        if let Some((es, _)) = self.fixed[v] {
            return es;
        }
        let mut es = self.floor[v];
        for arc in self.preds.row(v) {
            let from = arc.other as usize;
            let bound = match arc.kind {
                DepKind::FinishToStart => finish[from] + arc.lag,
                DepKind::StartToStart => start[from] + arc.lag,
                DepKind::FinishToFinish => finish[from] + arc.lag - self.duration[v],
            };
            es = es.max(bound);
        }
        es
    }

    /// The latest `v` may finish, given the times of everything after it,
    /// when it takes `length` hours from start to finish.
    pub(crate) fn latest_finish(
        &self,
        v: usize,
        start: &[i64],
        finish: &[i64],
        horizon: i64,
        length: i64,
    ) -> i64 {
        let mut lf = horizon;
        for arc in self.succs.row(v) {
            let to = arc.other as usize;
            let bound = match arc.kind {
                DepKind::FinishToStart => start[to] - arc.lag,
                DepKind::StartToStart => start[to] - arc.lag + length,
                DepKind::FinishToFinish => finish[to] - arc.lag,
            };
            lf = lf.min(bound);
        }
        lf
    }
}

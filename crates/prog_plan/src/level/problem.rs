//! The leveling problem in flat arrays: the leaves of a plan, their
//! durations, earliest starts, dependencies and resource demands.

use crate::calendar::{WorkCalendar, ceil_div};
use crate::cycles::{Acyclic, break_cycles};
use crate::graph::Graph;
use crate::hierarchy::Hierarchy;
use crate::model::{DepKind, Plan, TaskKind, Work};
use crate::schedule::constraints;

pub(crate) const DAY: i64 = Work::HOURS_PER_DAY;

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

/// Indexed by task (groups included, but only leaves are scheduled).
#[derive(Debug)]
pub(crate) struct Problem {
    /// The leaves, every one after those it depends on.
    pub leaves: Vec<u32>,
    pub duration: Vec<i64>,
    /// Earliest start in hours: 0 or the task's (or a group's) `not_before`.
    pub floor: Vec<i64>,
    /// Latest finish a deadline allows, `i64::MAX` when none.
    pub cap: Vec<i64>,
    pub preds: Rows<Arc>,
    pub succs: Rows<Arc>,
    /// Empty for milestones and tasks without time: they occupy no day.
    pub demands: Rows<Demand>,
    pub resources: usize,
    pub tree: Hierarchy,
}

impl Problem {
    pub(crate) fn new(plan: &Plan, cal: &WorkCalendar) -> Problem {
        let tree = Hierarchy::new(plan);
        let Acyclic { graph, order, .. } = break_cycles(Graph::new(plan, &tree));
        let n = plan.tasks.len();
        let duration: Vec<i64> = plan.tasks.iter().map(|t| t.duration().0).collect();
        let (floor, cap) = constraints(plan, &tree, cal);
        let mut preds = vec![Vec::new(); n];
        let mut succs = vec![Vec::new(); n];
        for (v, into) in preds.iter_mut().enumerate() {
            for e in graph.incoming(v) {
                let edge = graph.edge(e);
                let lag = i64::from(edge.lag);
                into.push(Arc {
                    other: edge.from,
                    kind: edge.kind,
                    lag,
                });
                succs[edge.from as usize].push(Arc {
                    other: edge.to,
                    kind: edge.kind,
                    lag,
                });
            }
        }
        let demands = plan
            .tasks
            .iter()
            .zip(&duration)
            .map(|(task, &d)| {
                if task.kind != TaskKind::Task || d <= 0 {
                    return Vec::new();
                }
                // Two assignments of one resource add up.
                let mut demands: Vec<Demand> = Vec::new();
                for a in task.assignments.iter().filter(|a| a.units > 0) {
                    match demands.iter_mut().find(|d| d.resource == a.resource.0) {
                        Some(d) => d.units = d.units.saturating_add(a.units),
                        None => demands.push(Demand {
                            resource: a.resource.0,
                            units: a.units,
                        }),
                    }
                }
                demands
            })
            .collect();
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
            resources: plan.resources.len(),
            tree,
        }
    }

    /// The earliest `v` may start, given the starts of everything before it.
    pub(crate) fn earliest_start(&self, v: usize, start: &[i64]) -> i64 {
        let mut es = self.floor[v];
        for arc in self.preds.row(v) {
            let from = arc.other as usize;
            let bound = match arc.kind {
                DepKind::FinishToStart => start[from] + self.duration[from] + arc.lag,
                DepKind::StartToStart => start[from] + arc.lag,
                DepKind::FinishToFinish => start[from] + self.duration[from] + arc.lag - self.duration[v],
            };
            es = es.max(bound);
        }
        es
    }

    /// The latest `v` may finish, given the starts of everything after it.
    pub(crate) fn latest_finish(&self, v: usize, start: &[i64], horizon: i64) -> i64 {
        let mut lf = horizon;
        for arc in self.succs.row(v) {
            let to = arc.other as usize;
            let bound = match arc.kind {
                DepKind::FinishToStart => start[to] - arc.lag,
                DepKind::StartToStart => start[to] - arc.lag + self.duration[v],
                DepKind::FinishToFinish => start[to] + self.duration[to] - arc.lag,
            };
            lf = lf.min(bound);
        }
        lf
    }
}

/// The working days `[start, start + duration)` overlaps, inclusive; `None`
/// for an empty span.
pub(crate) fn days_of(start: i64, duration: i64) -> Option<(i64, i64)> {
    (duration > 0).then(|| (start.div_euclid(DAY), ceil_div(start + duration, DAY) - 1))
}

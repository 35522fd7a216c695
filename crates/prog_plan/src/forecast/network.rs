//! What every run shares, built once: the engine's dependency graph and
//! topological order, constraints, the durations that do not vary, the
//! samplers of estimated tasks and the tasks each risk delays.

use super::Distribution;
use super::sample::Sampler;
use crate::calendar::WorkCalendar;
use crate::cpm::Recorded;
use crate::cycles::{Acyclic, break_cycles};
use crate::graph::{Graph, tree_and_graph};
use crate::hierarchy::Hierarchy;
use crate::model::{Plan, TaskId, TaskKind};
use crate::schedule::{Bounds, bounds, planned};
use crate::status::{Recording, TaskStatus};

pub(super) struct Network {
    pub graph: Graph,
    pub order: Vec<u32>,
    pub tree: Hierarchy,
    pub floor: Vec<i64>,
    pub cap: Vec<i64>,
    /// Per task, its duration in a run that draws nothing: the written
    /// duration, or the likely value of an estimate.
    pub fixed: Vec<i64>,
    pub is_leaf: Vec<bool>,
    /// Tasks whose duration is drawn in every run, with the share of the
    /// draw they have left to do (1 for a task not started).
    pub estimated: Vec<(usize, Sampler, f64)>,
    /// What progress fixes, with a status date; empty without one.
    pub recorded: Vec<Recorded>,
    /// Risks that can change a run; the others never fire.
    pub risks: Vec<ActiveRisk>,
    pub milestones: Vec<TaskId>,
    /// Open externals promised within a range, drawn in every run.
    pub promises: Vec<super::promise::Promise>,
    /// The earliest open work may be scheduled: the status date's end, or 0.
    pub now: i64,
}

pub(super) struct ActiveRisk {
    /// Index into [`Plan::risks`].
    pub risk: usize,
    /// Chance of firing in a run, in percent (1 to 100).
    pub percent: u32,
    /// Hours added to each of `leaves` when it fires.
    pub impact: i64,
    pub leaves: Vec<u32>,
}

impl Network {
    pub(super) fn new(plan: &Plan, cal: &WorkCalendar, distribution: Distribution) -> Network {
        let (tree, graph) = tree_and_graph(plan);
        let Acyclic { graph, order, .. } = break_cycles(graph);
        let Bounds {
            mut floor,
            cap,
            duration,
            ..
        } = bounds(plan, &tree, cal);
        let recording = plan.program.status_date.map(|date| {
            let planned = planned(plan, &tree, &graph, &order, cal);
            Recording::new(plan, cal, &planned, date)
        });
        let mut fixed: Vec<i64> = match &recording {
            Some(recording) => {
                recording.hold_until_now(&mut floor);
                recording.duration.clone()
            }
            None => duration,
        };
        let mut estimated = Vec::new();
        for (t, task) in plan.tasks.iter().enumerate() {
            // Estimates belong to tasks; analysis rejects them anywhere else.
            let (TaskKind::Task, Some(estimate)) = (task.kind, *task.estimate) else {
                continue;
            };
            let share = match (&recording, TaskStatus::of(task)) {
                (None, _) | (Some(_), TaskStatus::NotStarted) => 1.0,
                (Some(_), TaskStatus::Done) => continue,
                (Some(_), TaskStatus::InProgress) => match task.actuals.remaining {
                    Some(left) if estimate.likely.0 > 0 => left.0 as f64 / estimate.likely.0 as f64,
                    _ => f64::from(100 - task.progress.min(100)) / 100.0,
                },
            };
            fixed[t] = (estimate.likely.0.max(0) as f64 * share).round() as i64;
            if let Some(sampler) = Sampler::new(estimate, distribution) {
                estimated.push((t, sampler, share));
            }
        }
        let now = recording.as_ref().map_or(0, |r| r.now);
        let recorded = recording.map(|r| r.recorded).unwrap_or_default();
        let finished = |leaf: &u32| matches!(recorded.get(*leaf as usize), Some(Recorded::Finished { .. }));
        let mut member = vec![false; plan.tasks.len()];
        let risks = plan
            .risks
            .iter()
            .enumerate()
            .filter_map(|(r, risk)| {
                let percent = u32::from(risk.probability?.min(100));
                let impact = risk.impact?.0;
                let mut leaves: Vec<u32> = risk
                    .affects
                    .iter()
                    .flat_map(|&t| first_leaves(plan, &tree, &graph, t, &mut member))
                    .filter(|leaf| !finished(leaf))
                    .collect();
                leaves.sort_unstable();
                leaves.dedup();
                (percent > 0 && impact > 0 && !leaves.is_empty()).then_some(ActiveRisk {
                    risk: r,
                    percent,
                    impact,
                    leaves,
                })
            })
            .collect();
        Network {
            milestones: plan
                .task_ids()
                .filter(|&t| plan.task(t).kind == TaskKind::Milestone)
                .collect(),
            is_leaf: plan.tasks.iter().map(|t| t.is_leaf()).collect(),
            graph,
            order,
            tree,
            floor,
            cap,
            fixed,
            estimated,
            risks,
            recorded,
            promises: super::promise::promises(plan, cal),
            now,
        }
    }
}

/// The leaves a risk on `task` delays: the task itself, or for a group the
/// leaves inside it that wait for nothing else inside it. Every other leaf of
/// the group follows one of those, so the group as a whole slips by about the
/// impact once rather than once per task inside it. `member` is all false
/// before and after.
fn first_leaves(plan: &Plan, tree: &Hierarchy, graph: &Graph, task: TaskId, member: &mut [bool]) -> Vec<u32> {
    let leaves = tree.leaves(task);
    if plan.task(task).is_leaf() {
        return leaves.iter().map(|l| l.0).collect();
    }
    leaves.iter().for_each(|l| member[l.index()] = true);
    let first = leaves
        .iter()
        .filter(|l| {
            !graph
                .incoming(l.index())
                .any(|e| member[graph.edge(e).from() as usize])
        })
        .map(|l| l.0)
        .collect();
    leaves.iter().for_each(|l| member[l.index()] = false);
    first
}

//! What changed in each task, milestone and group found in both versions.

use prog_plan::{Days, DepKind, Money, Plan, TaskId, TaskKind, WorkSpec};

use crate::matching::TaskIndex;
use crate::model::{Assign, Change, Dep, EstimateDays, TaskChange, TaskChanges, TaskEntry};
use crate::moves::Mover;
use crate::{Side, resources::resource_id};

pub fn compare(old: &Side, new: &Side, ids: &TaskIndex, mover: &Mover) -> TaskChanges {
    let added = new
        .plan
        .task_ids()
        .filter(|n| ids.old_of_new[n.index()].is_none())
        .map(|n| entry(new, n))
        .collect();
    let removed = old
        .plan
        .task_ids()
        .filter(|o| ids.new_of_old[o.index()].is_none())
        .map(|o| entry(old, o))
        .collect();
    let changed = ids
        .pairs()
        .filter_map(|(o, n)| {
            let change = task_change(old, new, o, n, mover);
            (change.is_edited() || change.start.is_some() || change.finish.is_some()).then_some(change)
        })
        .collect();
    TaskChanges {
        added,
        removed,
        changed,
    }
}

/// The task `id` of `side` as it is there.
pub fn entry(side: &Side, id: TaskId) -> TaskEntry {
    let task = side.plan.task(id);
    let t = side.schedule.times(id);
    let (start, finish) = side.calendar.span_dates(t.es, t.ef);
    TaskEntry {
        id: task.id.to_string(),
        kind: task.kind.as_str(),
        title: (*task.title).clone(),
        group: task.parent.map(|p| side.plan.task(p).id.to_string()),
        start,
        finish,
        duration_days: Days(t.duration()),
        critical: t.critical,
    }
}

fn task_change(old: &Side, new: &Side, o: TaskId, n: TaskId, mover: &Mover) -> TaskChange {
    let (a, b) = (old.plan.task(o), new.plan.task(n));
    let group = |side: &Side, parent: Option<TaskId>| parent.map(|p| side.plan.task(p).id.to_string());
    let owner = |side: &Side, id: TaskId| side.plan.task(id).owner.map(|r| resource_id(side.plan, r));
    let (old_deps, new_deps) = (deps(old.plan, o), deps(new.plan, n));
    let (old_times, new_times) = (old.schedule.times(o), new.schedule.times(n));
    let old_dates = old.calendar.span_dates(old_times.es, old_times.ef);
    let new_dates = new.calendar.span_dates(new_times.es, new_times.ef);
    TaskChange {
        id: b.id.to_string(),
        kind: b.kind.as_str(),
        title_now: (*b.title).clone(),
        title: Change::of((*a.title).clone(), (*b.title).clone()),
        kind_change: Change::of(a.kind.as_str(), b.kind.as_str()),
        group: Change::of(group(old, a.parent), group(new, b.parent)),
        duration_days: Change::of(Days(a.duration()), Days(b.duration())),
        effort_days: Change::of(effort(a.work), effort(b.work)),
        estimate: Change::of(estimate(*a.estimate), estimate(*b.estimate)),
        deps_added: new_deps
            .iter()
            .filter(|d| !old_deps.contains(d))
            .cloned()
            .collect(),
        deps_removed: old_deps
            .iter()
            .filter(|d| !new_deps.contains(d))
            .cloned()
            .collect(),
        owner: Change::of(owner(old, o), owner(new, n)),
        assignments: Change::of(assignments(old.plan, o), assignments(new.plan, n)),
        not_before: Change::of(a.not_before, b.not_before)
            .filter(|_| new.plan.external_of(n).is_none() && old.plan.external_of(o).is_none()),
        waits_for: crate::promises::waits_for(old.plan, o, new.plan, n),
        deadline: Change::of(a.deadline, b.deadline),
        progress: Change::of(a.progress, b.progress),
        cost: Change::of(a.cost.map(Money::as_units), b.cost.map(Money::as_units)),
        remaining_days: Change::of(a.actuals.remaining.map(Days), b.actuals.remaining.map(Days)),
        actual_start: Change::of(a.actuals.start, b.actuals.start),
        actual_finish: Change::of(a.actuals.finish, b.actuals.finish),
        actual_cost: Change::of(
            a.actuals.cost.map(Money::as_units),
            b.actuals.cost.map(Money::as_units),
        ),
        actual_effort_days: Change::of(a.actuals.effort.map(Days), b.actuals.effort.map(Days)),
        // A milestone's one date is its finish.
        start: (b.kind != TaskKind::Milestone)
            .then(|| mover.moved(old_times.es, new_times.es, old_dates.0, new_dates.0))
            .flatten(),
        finish: mover.moved(old_times.ef, new_times.ef, old_dates.1, new_dates.1),
    }
}

fn effort(work: Option<WorkSpec>) -> Option<Days> {
    match work {
        Some(WorkSpec::Effort(w)) => Some(Days(w)),
        _ => None,
    }
}

fn estimate(e: Option<prog_plan::Estimate>) -> Option<EstimateDays> {
    e.map(|e| EstimateDays {
        optimistic: Days(e.optimistic),
        likely: Days(e.likely),
        pessimistic: Days(e.pessimistic),
    })
}

pub fn deps(plan: &Plan, id: TaskId) -> Vec<Dep> {
    plan.task(id)
        .deps
        .iter()
        .map(|d| Dep {
            on: plan.task(d.on).id.to_string(),
            kind: match d.kind {
                DepKind::FinishToStart => "after",
                DepKind::StartToStart => "start_with",
                DepKind::FinishToFinish => "finish_with",
            },
            lag_days: Days(d.lag),
        })
        .collect()
}

/// Sorted by resource, so that reordering statements is no change.
fn assignments(plan: &Plan, id: TaskId) -> Vec<Assign> {
    let mut list: Vec<Assign> = plan
        .task(id)
        .assignments
        .iter()
        .map(|a| Assign {
            resource: resource_id(plan, a.resource),
            units: a.units,
        })
        .collect();
    list.sort_by(|a, b| (&a.resource, a.units).cmp(&(&b.resource, b.units)));
    list
}

//! People and teams, matched by id, and the over-allocations that appeared
//! or vanished.

use std::collections::HashMap;

use prog_plan::{DateRange, Money, Overload, Plan, Resource, ResourceId};

use crate::Side;
use crate::matching::match_by_id;
use crate::model::{Change, Changes, Leave, OverloadChanges, OverloadEntry, ResourceChange, ResourceEntry};

pub fn resource_id(plan: &Plan, id: ResourceId) -> String {
    plan.resource(id).id.to_string()
}

fn entry(r: &Resource) -> ResourceEntry {
    ResourceEntry {
        id: r.id.to_string(),
        title: r.title.clone(),
        kind: r.kind.as_str(),
        capacity: r.capacity,
    }
}

fn leave(ranges: &[DateRange]) -> Vec<Leave> {
    ranges
        .iter()
        .map(|r| Leave {
            first: r.first,
            last: r.last,
        })
        .collect()
}

/// Ranges in `new` and not in `old`.
fn added(old: &[Leave], new: &[Leave]) -> Vec<Leave> {
    new.iter().filter(|x| !old.contains(x)).copied().collect()
}

pub fn resources(old: &Plan, new: &Plan) -> Changes<ResourceEntry, ResourceChange> {
    let m = match_by_id(&old.resources, &new.resources, |r| &r.id);
    let calendar = |plan: &Plan, r: &Resource| r.calendar.map(|c| plan.calendars[c.index()].id.clone());
    Changes {
        added: m.added.iter().map(|r| entry(r)).collect(),
        removed: m.removed.iter().map(|r| entry(r)).collect(),
        changed: m
            .both
            .iter()
            .filter_map(|(a, b)| {
                let (before, now) = (leave(&a.leave), leave(&b.leave));
                let change = ResourceChange {
                    id: b.id.to_string(),
                    kind: b.kind.as_str(),
                    title_now: b.title.clone(),
                    title: Change::of(a.title.clone(), b.title.clone()),
                    capacity: Change::of(a.capacity, b.capacity),
                    leave_added: added(&before, &now),
                    leave_removed: added(&now, &before),
                    rate: Change::of(a.rate.map(Money::as_units), b.rate.map(Money::as_units)),
                    calendar: Change::of(calendar(old, a), calendar(new, b)),
                };
                let changed = change.title.is_some()
                    || change.capacity.is_some()
                    || !change.leave_added.is_empty()
                    || !change.leave_removed.is_empty()
                    || change.rate.is_some()
                    || change.calendar.is_some();
                changed.then_some(change)
            })
            .collect(),
    }
}

/// What identifies an over-allocation across versions: the resource and
/// the tasks that overbook it (their days may have moved).
fn key(side: &Side, o: &Overload) -> (String, Vec<String>) {
    let mut tasks: Vec<String> = o
        .tasks
        .iter()
        .map(|&t| side.plan.task(t).id.to_string())
        .collect();
    tasks.sort();
    (resource_id(side.plan, o.resource), tasks)
}

fn overload_entry(side: &Side, o: &Overload, (resource, tasks): (String, Vec<String>)) -> OverloadEntry {
    OverloadEntry {
        resource,
        first: side.calendar.date_of(o.first_day),
        last: side.calendar.date_of(o.last_day),
        load: o.load,
        capacity: o.capacity,
        tasks,
    }
}

/// The over-allocations of `side` with no counterpart in `other` (each
/// counterpart answers for one).
fn unmatched(side: &Side, other: &Side) -> Vec<OverloadEntry> {
    let mut counts: HashMap<(String, Vec<String>), usize> = HashMap::new();
    for o in &other.load.overloads {
        *counts.entry(key(other, o)).or_default() += 1;
    }
    side.load
        .overloads
        .iter()
        .filter_map(|o| {
            let k = key(side, o);
            match counts.get_mut(&k) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    None
                }
                _ => Some(overload_entry(side, o, k)),
            }
        })
        .collect()
}

pub fn overloads(old: &Side, new: &Side) -> OverloadChanges {
    OverloadChanges {
        appeared: unmatched(new, old),
        vanished: unmatched(old, new),
    }
}

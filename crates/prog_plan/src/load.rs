//! Resource load: per resource and working day, the units assigned against
//! the units available, and the intervals where the first exceeds the second.

use crate::availability::Availability;
use crate::calendar::{WorkCalendar, ceil_div};
use crate::model::{Plan, ResourceId, TaskId, TaskKind, Work};
use crate::schedule::Schedule;

/// One resource, day by day over the working days `0..days` of the schedule.
/// Units are percent of a full-time person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadProfile {
    pub resource: ResourceId,
    pub load: Vec<u32>,
    pub capacity: Vec<u32>,
}

/// A run of working days on which a resource is assigned more than it has,
/// always by the same tasks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overload {
    pub resource: ResourceId,
    /// Working-day offsets, inclusive.
    pub first_day: i64,
    pub last_day: i64,
    pub load: u32,
    pub capacity: u32,
    /// The tasks assigned to the resource over the run, ascending.
    pub tasks: Vec<TaskId>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Load {
    /// The number of working days covered: those up to the project end.
    pub days: usize,
    /// Indexed by [`ResourceId`].
    pub profiles: Vec<LoadProfile>,
    /// By resource, then by first day.
    pub overloads: Vec<Overload>,
}

/// A task's claim on a resource over working days `first..=last`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Booking {
    first: usize,
    last: usize,
    task: TaskId,
    units: u32,
}

/// Tasks occupy the working days their `[es, ef)` overlaps; milestones and
/// zero-length tasks occupy none.
pub fn load(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar) -> Load {
    let days = load_days(schedule);
    let mut profiles = Vec::with_capacity(plan.resources.len());
    let mut overloads = Vec::new();
    for (r, booked) in bookings(plan, schedule).into_iter().enumerate() {
        let (profile, found) = resource_load(plan, ResourceId(r as u32), booked, days, cal);
        profiles.push(profile);
        overloads.extend(found);
    }
    Load {
        days,
        profiles,
        overloads,
    }
}

/// The number of working days a load covers: those up to the project end.
pub fn load_days(schedule: &Schedule) -> usize {
    ceil_div(schedule.duration.0, Work::HOURS_PER_DAY).max(0) as usize
}

/// One resource's part of [`load`], from its [`bookings`]: its profile and
/// its over-allocations, by first day.
pub fn resource_load(
    plan: &Plan,
    resource: ResourceId,
    mut booked: Vec<Booking>,
    days: usize,
    cal: &WorkCalendar,
) -> (LoadProfile, Vec<Overload>) {
    let capacity = Availability::new(plan, resource, cal).capacities(days);
    let mut delta = vec![0i64; days + 1];
    let mut changes = vec![false; days + 1];
    for b in &booked {
        // A task past the end cannot be booked: the end is its finish.
        let (first, end) = (b.first.min(days), (b.last + 1).min(days));
        delta[first] += i64::from(b.units);
        delta[end] -= i64::from(b.units);
        changes[first] = true;
        changes[end] = true;
    }
    let mut load = Vec::with_capacity(days);
    let mut sum = 0i64;
    for d in delta.iter().take(days) {
        sum += d;
        load.push(u32::try_from(sum).unwrap_or(u32::MAX));
    }
    let runs = overloaded_runs(&load, &capacity, &changes);
    let mut overloads = Vec::new();
    if !runs.is_empty() {
        booked.sort_unstable_by_key(|b| b.first);
        overloads = name_tasks(resource, &runs, &booked, &load, &capacity);
    }
    let profile = LoadProfile {
        resource,
        load,
        capacity,
    };
    (profile, overloads)
}

/// Every task's bookings, grouped by resource.
pub fn bookings(plan: &Plan, schedule: &Schedule) -> Vec<Vec<Booking>> {
    let mut by_resource = vec![Vec::new(); plan.resources.len()];
    for (id, task) in plan.task_ids().zip(&plan.tasks) {
        let times = schedule.times(id);
        if task.kind != TaskKind::Task || times.ef <= times.es {
            continue;
        }
        let first = times.es.0.div_euclid(Work::HOURS_PER_DAY).max(0) as usize;
        let last = (ceil_div(times.ef.0, Work::HOURS_PER_DAY) - 1) as usize;
        for a in &task.assignments {
            by_resource[a.resource.index()].push(Booking {
                first,
                last,
                task: id,
                units: a.units,
            });
        }
    }
    by_resource
}

/// Maximal runs of overloaded days, split wherever a task starts or ends or
/// the capacity changes, so that each run has one set of tasks.
fn overloaded_runs(load: &[u32], capacity: &[u32], changes: &[bool]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for d in 0..load.len() {
        if load[d] <= capacity[d] {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.1 + 1 == d && !changes[d] && capacity[d] == capacity[run.1] => {
                run.1 = d;
            }
            _ => runs.push((d, d)),
        }
    }
    runs
}

/// The tasks behind each run, by sweeping the bookings (sorted by first day).
fn name_tasks(
    resource: ResourceId,
    runs: &[(usize, usize)],
    booked: &[Booking],
    load: &[u32],
    capacity: &[u32],
) -> Vec<Overload> {
    let mut next = 0;
    let mut active: Vec<Booking> = Vec::new();
    runs.iter()
        .map(|&(first, last)| {
            while let Some(b) = booked.get(next).filter(|b| b.first <= first) {
                active.push(*b);
                next += 1;
            }
            active.retain(|b| b.last >= first);
            let mut tasks: Vec<TaskId> = active.iter().map(|b| b.task).collect();
            tasks.sort_unstable();
            tasks.dedup();
            Overload {
                resource,
                first_day: first as i64,
                last_day: last as i64,
                load: load[first],
                capacity: capacity[first],
                tasks,
            }
        })
        .collect()
}

//! Resource load: per resource over the working days, the units assigned
//! against the units available, and the intervals where the first exceeds
//! the second. Both are runs of equal value ([`Steps`]): memory and time
//! follow the bookings and leave, not the resources times the days.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::availability::Availability;
use crate::calendar::{WorkCalendar, ceil_div};
use crate::model::{CalendarId, Plan, ResourceId, TaskId, TaskKind, Work};
use crate::schedule::{Schedule, TaskDays};
use crate::steps::Steps;

/// One resource over the working days `0..days` of the schedule. Units are
/// percent of a full-time person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadProfile {
    pub resource: ResourceId,
    pub load: Steps,
    /// Shared by the resources that have the same (see [`Capacities`]).
    pub capacity: Arc<Steps>,
}

/// Capacity profiles made once for every resource that has the same one:
/// those on one calendar of their own, at one capacity, without leave. A
/// part-week calendar's profile has two runs a week: at 119 years, 100 KB
/// a person. For one number of days.
#[derive(Default)]
pub struct Capacities(HashMap<(CalendarId, u32), Arc<Steps>>);

impl Capacities {
    /// The capacity of `resource` over the working days `0..days`.
    pub fn of(&mut self, plan: &Plan, resource: ResourceId, days: usize, cal: &WorkCalendar) -> Arc<Steps> {
        let made = || Arc::new(Availability::new(plan, resource, cal).capacities(days));
        let r = plan.resource(resource);
        match r.calendar.filter(|_| r.leave.is_empty()) {
            Some(calendar) => self.0.entry((calendar, r.capacity)).or_insert_with(made).clone(),
            None => made(),
        }
    }
}

impl LoadProfile {
    /// The pieces of `days` over which both the load and the capacity stay
    /// the same: `(days, load, capacity)`, in order.
    pub fn segments(&self, days: Range<usize>) -> impl Iterator<Item = (Range<usize>, u32, u32)> + '_ {
        self.load.zip(&self.capacity, days)
    }

    /// How many of `days` are over-allocated.
    pub fn over_days(&self, days: Range<usize>) -> usize {
        self.segments(days)
            .filter(|(_, load, capacity)| load > capacity)
            .map(|(range, _, _)| range.len())
            .sum()
    }

    /// Whether `units` more fit on every one of `days`.
    pub fn fits(&self, units: u32, days: Range<usize>) -> bool {
        self.segments(days)
            .all(|(_, load, capacity)| load.saturating_add(units) <= capacity)
    }
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

/// A task's claim on a resource over working days `first..=last`: 16
/// bytes, as a plan of 100,000 tasks makes some 300,000 of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Booking {
    first: u32,
    last: u32,
    task: TaskId,
    units: u32,
}

/// Tasks occupy the working days their `[es, ef)` overlaps (those of them
/// their resources work, in a leveled schedule: see [`bookings`]), a day
/// they cover only part of in proportion to its hours; milestones and
/// zero-length tasks occupy none.
pub fn load(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar) -> Load {
    let days = load_days(schedule);
    let mut profiles = Vec::with_capacity(plan.resources.len());
    let mut overloads = Vec::new();
    let bookings = bookings(plan, schedule, cal);
    let mut capacities = Capacities::default();
    for r in (0..plan.resources.len() as u32).map(ResourceId) {
        let capacity = capacities.of(plan, r, days, cal);
        let (profile, found) = resource_load(r, bookings.of(r), days, capacity);
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
/// its over-allocations, by first day, against its `capacity` (see
/// [`Capacities`]).
pub fn resource_load(
    resource: ResourceId,
    booked: &[Booking],
    days: usize,
    capacity: Arc<Steps>,
) -> (LoadProfile, Vec<Overload>) {
    // Where bookings start and end: +units, -units. A task past the end
    // cannot be booked: the end is its finish.
    let mut events: Vec<(usize, i64)> = Vec::with_capacity(booked.len() * 2);
    for b in booked {
        events.push(((b.first as usize).min(days), i64::from(b.units)));
        events.push(((b.last as usize + 1).min(days), -i64::from(b.units)));
    }
    events.sort_unstable_by_key(|e| e.0);
    let mut changes: Vec<usize> = Vec::with_capacity(events.len());
    let mut load = Steps::builder(days);
    let mut sum = 0i64;
    for (i, &(day, delta)) in events.iter().enumerate() {
        sum += delta;
        if events.get(i + 1).is_none_or(|next| next.0 != day) {
            load.set(day, u32::try_from(sum).unwrap_or(u32::MAX));
            changes.push(day);
        }
    }
    let load = load.finish();
    let runs = overloaded_runs(&load, &capacity, &changes);
    let mut overloads = Vec::new();
    if !runs.is_empty() {
        let mut booked = booked.to_vec();
        booked.sort_unstable_by_key(|b| b.first);
        overloads = name_tasks(resource, &runs, &booked);
    }
    let profile = LoadProfile {
        resource,
        load,
        capacity,
    };
    (profile, overloads)
}

/// Every task's bookings, grouped by resource (see [`bookings`]): one
/// list, in resource order and within a resource in task order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bookings {
    all: Vec<Booking>,
    /// Where each resource's bookings start in `all`, and one past the last.
    starts: Vec<u32>,
}

impl Bookings {
    /// The bookings of `resource`, in task order.
    pub fn of(&self, resource: ResourceId) -> &[Booking] {
        let r = resource.index();
        match (self.starts.get(r), self.starts.get(r + 1)) {
            (Some(&from), Some(&to)) => &self.all[from as usize..to as usize],
            _ => &[],
        }
    }

    /// The bookings of the resources `resources` alone, numbered from 0
    /// (those past the plan's have none).
    pub fn of_range(&self, resources: std::ops::Range<u32>) -> Bookings {
        // Where the bookings of resource `r` start: where those before it end.
        let at = |r: u32| {
            let start = self.starts.get(r as usize).or(self.starts.last());
            start.copied().unwrap_or(0)
        };
        let base = at(resources.start);
        Bookings {
            all: self.all[base as usize..at(resources.end) as usize].to_vec(),
            starts: (resources.start..=resources.end).map(|r| at(r) - base).collect(),
        }
    }

    /// Gathers bookings made in any order of resources, keeping the order
    /// of each resource's (a counting sort: one pass to count, one to place).
    /// Walking the tasks twice instead, to count and then to place, keeps
    /// no list of 20 bytes a booking beside the result, but costs an edit
    /// that moves a task a tenth more instructions.
    fn gather(resources: usize, made: Vec<(ResourceId, Booking)>) -> Bookings {
        let mut starts = vec![0u32; resources + 1];
        for (r, _) in &made {
            starts[r.index() + 1] += 1;
        }
        crate::graph::prefix_sums(&mut starts);
        let mut next = starts.clone();
        // Each place is written once below; the first booking only fills it.
        let mut all = match made.first() {
            Some(&(_, any)) => vec![any; made.len()],
            None => Vec::new(),
        };
        for (r, booking) in made {
            all[next[r.index()] as usize] = booking;
            next[r.index()] += 1;
        }
        Bookings { all, starts }
    }
}

/// Every task's bookings, grouped by resource: one per task and resource
/// over the working days its `[es, ef)` touches, or, when the schedule runs
/// work on its resources' days only ([`TaskDays::Resources`]), one per run
/// of days on which all of them are available.
pub fn bookings(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar) -> Bookings {
    // Each resource's days away, when the schedule keeps work off them;
    // empty otherwise (nothing to read for any task).
    let availability: Vec<Option<Availability>> = match schedule.task_days {
        TaskDays::Resources => (0..plan.resources.len() as u32)
            .map(ResourceId)
            .map(|r| Availability::ever_away(plan, r).then(|| Availability::new(plan, r, cal)))
            .collect(),
        TaskDays::Span => Vec::new(),
    };
    let mut made = Vec::with_capacity(plan.tasks.len());
    for (id, task) in plan.task_ids().zip(&plan.tasks) {
        let times = schedule.times(id);
        if task.kind != TaskKind::Task || times.ef <= times.es {
            continue;
        }
        let away: Vec<&Availability> = task
            .assignments
            .iter()
            .filter_map(|a| availability.get(a.resource.index())?.as_ref())
            .collect();
        let mut book = |first: usize, last: usize, hours: (i64, i64)| {
            for a in &task.assignments {
                let booking = Booking {
                    first: as_day(first),
                    last: as_day(last),
                    task: id,
                    units: share_of_day(a.units, hours),
                };
                made.push((a.resource, booking));
            }
        };
        for (first, last, hours) in day_pieces(times.es.0.max(0), times.ef.0) {
            if away.is_empty() {
                book(first, last, hours);
                continue;
            }
            let works = |day: usize| away.iter().all(|a| a.is_available(day as i64));
            let mut day = first;
            while day <= last {
                if works(day) {
                    let run = day;
                    while day < last && works(day + 1) {
                        day += 1;
                    }
                    book(run, day, hours);
                }
                day += 1;
            }
        }
    }
    Bookings::gather(plan.resources.len(), made)
}

/// A day as a booking keeps it; one past four billion (eleven million
/// years) is as far as any.
fn as_day(day: usize) -> u32 {
    u32::try_from(day).unwrap_or(u32::MAX)
}

/// The working days `[es, ef)` (in hours) touches, as runs with the hours of
/// the day each covers: a partial first day, the whole days, a partial last
/// day. A task that ends at noon and the one that starts then share the day
/// instead of each booking all of it. At most three, made without a list:
/// this runs for every task after every edit that moves one.
fn day_pieces(es: i64, ef: i64) -> impl Iterator<Item = (usize, usize, (i64, i64))> {
    const DAY: i64 = Work::HOURS_PER_DAY;
    let mut pieces = [None; 3];
    if ef > es {
        let (first, last) = (es.div_euclid(DAY), ceil_div(ef, DAY) - 1);
        let (from, to) = (es - first * DAY, ef - last * DAY);
        if first == last {
            pieces[0] = Some((first as usize, first as usize, (from, to)));
        } else {
            let mut whole_from = first;
            if from > 0 {
                pieces[0] = Some((first as usize, first as usize, (from, DAY)));
                whole_from += 1;
            }
            let whole_to = if to < DAY { last - 1 } else { last };
            if whole_from <= whole_to {
                pieces[1] = Some((whole_from as usize, whole_to as usize, (0, DAY)));
            }
            if to < DAY {
                pieces[2] = Some((last as usize, last as usize, (0, to)));
            }
        }
    }
    pieces.into_iter().flatten()
}

/// The units booked for the hours `from..to` of a day: `units` spread over
/// the day, rounded so that pieces that follow one another within a day add
/// up to `units` exactly (each is the difference of two rounded running
/// totals).
fn share_of_day(units: u32, (from, to): (i64, i64)) -> u32 {
    let running =
        |hours: i64| (i64::from(units) * hours * 2 + Work::HOURS_PER_DAY) / (2 * Work::HOURS_PER_DAY);
    u32::try_from(running(to) - running(from)).unwrap_or(0)
}

/// An overloaded run of days, `first..=last`, with the load and capacity
/// it has throughout.
struct OverRun {
    first: usize,
    last: usize,
    load: u32,
    capacity: u32,
}

/// Maximal runs of overloaded days, split wherever a task starts or ends
/// (`changes`, ascending) or the capacity changes, so that each run has one
/// set of tasks. One walk over the runs of both profiles and the changes:
/// a part-week calendar over a century has tens of thousands of runs, and
/// looking each up by day cost more than the rest of the load.
fn overloaded_runs(load: &Steps, capacity: &Steps, changes: &[usize]) -> Vec<OverRun> {
    let mut runs = Vec::new();
    let mut changes = changes.iter().copied().peekable();
    for (days, load, capacity) in load.zip(capacity, 0..load.days()) {
        if load <= capacity {
            continue;
        }
        // A task may start or end inside a piece without changing its load.
        while changes.next_if(|&day| day <= days.start).is_some() {}
        let mut first = days.start;
        while let Some(day) = changes.next_if(|&day| day < days.end) {
            runs.push(OverRun {
                first,
                last: day - 1,
                load,
                capacity,
            });
            first = day;
        }
        runs.push(OverRun {
            first,
            last: days.end - 1,
            load,
            capacity,
        });
    }
    runs
}

/// The tasks behind each run, by sweeping the bookings (sorted by first day).
fn name_tasks(resource: ResourceId, runs: &[OverRun], booked: &[Booking]) -> Vec<Overload> {
    let mut next = 0;
    let mut active: Vec<Booking> = Vec::new();
    runs.iter()
        .map(|run| {
            while let Some(b) = booked.get(next).filter(|b| b.first as usize <= run.first) {
                active.push(*b);
                next += 1;
            }
            active.retain(|b| b.last as usize >= run.first);
            let mut tasks: Vec<TaskId> = active.iter().map(|b| b.task).collect();
            tasks.sort_unstable();
            tasks.dedup();
            Overload {
                resource,
                first_day: run.first as i64,
                last_day: run.last as i64,
                load: run.load,
                capacity: run.capacity,
                tasks,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Booking, Bookings};
    use crate::model::{ResourceId, TaskId};

    /// People on the part-week calendar without leave share one capacity
    /// profile; one with leave has its own. Each is the resource's own
    /// capacity, day by day.
    #[test]
    fn people_on_one_calendar_without_leave_share_a_capacity_profile() {
        use crate::generate::{Flat, flat};
        use crate::{Availability, WorkCalendar, schedule};
        let plan = flat(Flat {
            tasks: 300,
            people: 40,
            years: Some(2),
            seed: 3,
        });
        let (cal, schedule) = (WorkCalendar::new(&plan), schedule(&plan));
        let load = super::load(&plan, &schedule, &cal);
        let capacity = |r: usize| &load.profiles[r].capacity;
        // Every seventh works four days a week, every fifth has leave.
        assert!(plan.resources[7].calendar.is_some() && plan.resources[7].leave.is_empty());
        assert!(plan.resources[35].calendar.is_some() && !plan.resources[35].leave.is_empty());
        assert!(std::sync::Arc::ptr_eq(capacity(7), capacity(14)));
        assert!(!std::sync::Arc::ptr_eq(capacity(7), capacity(35)));
        for r in 0..plan.resources.len() {
            let own = Availability::new(&plan, ResourceId(r as u32), &cal).capacities(load.days);
            assert_eq!(**capacity(r), own, "r{r}");
        }
    }

    fn booking(task: u32) -> Booking {
        Booking {
            first: 0,
            last: 0,
            task: TaskId(task),
            units: 100,
        }
    }

    /// A block's bookings are its resources', numbered from its first;
    /// resources past the plan's have none.
    #[test]
    fn a_range_of_resources_keeps_their_bookings_renumbered() {
        let made = [(2, 0), (0, 1), (2, 2), (1, 3)].map(|(r, t)| (ResourceId(r), booking(t)));
        let all = Bookings::gather(3, made.to_vec());
        let tasks = |b: &Bookings, r: u32| b.of(ResourceId(r)).iter().map(|b| b.task.0).collect::<Vec<u32>>();
        let block = all.of_range(1..3);
        assert_eq!((tasks(&block, 0), tasks(&block, 1)), (vec![3], vec![0, 2]));
        let past = all.of_range(2..5);
        assert_eq!(
            (tasks(&past, 0), tasks(&past, 1), tasks(&past, 2)),
            (vec![0, 2], vec![], vec![])
        );
        assert_eq!(
            Bookings::default().of_range(0..2),
            Bookings::gather(2, Vec::new())
        );
    }
}

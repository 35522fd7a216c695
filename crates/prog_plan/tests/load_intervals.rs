//! Load and capacity as runs of equal value: leave in the middle of a task,
//! part-week calendars, capacity changes inside an overload, long spans; and
//! the same profiles and overloads as a day-by-day count on generated plans.

mod common;

use common::*;
use prog_plan::generate::{self, Flat};
use prog_plan::*;

fn by_day(steps: &Steps) -> Vec<u32> {
    steps.by_day().collect()
}

#[test]
fn leave_in_the_middle_of_a_task_is_one_run_of_zero() {
    let mut b = Builder::new("2027-01-04");
    let alice = b.resource("alice", ResourceKind::Person, 100);
    b.plan.resources[alice.index()].leave = vec![DateRange {
        first: date("2027-01-06"),
        last: date("2027-01-06"),
    }];
    let t = b.task("t", 5);
    b.assign(t, alice, 100);
    let plan = b.plan;
    let cal = WorkCalendar::new(&plan);
    let load = load(&plan, &schedule(&plan), &cal);
    let profile = &load.profiles[0];
    assert_eq!(profile.load.runs().collect::<Vec<_>>(), [(0..5, 100)]);
    assert_eq!(
        profile.capacity.runs().collect::<Vec<_>>(),
        [(0..2, 100), (2..3, 0), (3..5, 100)]
    );
    assert_eq!(
        load.overloads,
        [Overload {
            resource: alice,
            first_day: 2,
            last_day: 2,
            load: 100,
            capacity: 0,
            tasks: vec![t],
        }]
    );
}

#[test]
fn an_overload_splits_where_a_part_week_capacity_changes() {
    let mut b = Builder::new("2027-01-04");
    b.plan.calendars.push(Calendar {
        id: "mon_to_thu".into(),
        title: None,
        workdays: [true, true, true, true, false, false, false],
        holidays: Vec::new(),
    });
    let bob = b.resource("bob", ResourceKind::Person, 50);
    b.plan.resources[bob.index()].calendar = Some(CalendarId(0));
    let t = b.task("t", 10);
    b.assign(t, bob, 100);
    let plan = b.plan;
    let cal = WorkCalendar::new(&plan);
    let load = load(&plan, &schedule(&plan), &cal);
    // Two weeks: Monday to Thursday at 50%, Friday at 0.
    assert_eq!(
        by_day(&load.profiles[0].capacity),
        [50, 50, 50, 50, 0, 50, 50, 50, 50, 0]
    );
    let runs: Vec<_> = load
        .overloads
        .iter()
        .map(|o| (o.first_day, o.last_day, o.capacity))
        .collect();
    assert_eq!(runs, [(0, 3, 50), (4, 4, 0), (5, 8, 50), (9, 9, 0)]);
}

#[test]
fn a_span_of_a_century_costs_runs_not_days() {
    let mut b = Builder::new("2027-01-04");
    let alice = b.resource("alice", ResourceKind::Person, 100);
    let idle = b.resource("idle", ResourceKind::Person, 100);
    b.plan.resources[alice.index()].leave = vec![DateRange {
        first: date("2126-06-10"),
        last: date("2126-06-14"),
    }];
    let first = b.task("first", 3);
    let late = b.task("late", 10);
    let other = b.task("other", 2);
    b.plan.tasks[late.index()].not_before = Some(date("2126-06-01"));
    b.plan.tasks[other.index()].not_before = Some(date("2126-07-01"));
    for t in [first, late, other] {
        b.assign(t, alice, 100);
    }
    let plan = b.plan;
    let cal = WorkCalendar::new(&plan);
    let load = load(&plan, &schedule(&plan), &cal);
    assert!(load.days > 25_000, "{}", load.days);
    let alice_load = &load.profiles[alice.index()];
    // Busy, idle for a century, busy (`late`, Monday 2126-06-03 to Friday
    // 06-14), idle, busy; capacity with one week off.
    assert_eq!(alice_load.load.runs().count(), 5);
    assert_eq!(alice_load.capacity.runs().count(), 3);
    assert_eq!(load.profiles[idle.index()].capacity.runs().count(), 1);
    assert_eq!(alice_load.load.sum(0..load.days), 100 * 15);
    // The week of leave (Monday 2126-06-10 to Friday), the last of `late`.
    let leave = cal.day_on_or_after(date("2126-06-10"));
    assert_eq!(
        load.overloads,
        [Overload {
            resource: alice,
            first_day: leave,
            last_day: leave + 4,
            load: 100,
            capacity: 0,
            tasks: vec![late],
        }]
    );
    assert_eq!(alice_load.load.at(leave as usize), 100);
    assert_eq!(alice_load.capacity.at(leave as usize), 0);
}

/// The load and overloads counted day by day, as a reference.
fn day_by_day(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
) -> (Vec<Vec<u32>>, Vec<Vec<u32>>, Vec<Overload>) {
    let days = load_days(schedule);
    let mut loads = Vec::new();
    let mut capacities = Vec::new();
    let mut overloads = Vec::new();
    // (first day, last day, task, units, es, ef) of every assignment, by
    // resource.
    let mut bookings = vec![Vec::new(); plan.resources.len()];
    for (id, task) in plan.task_ids().zip(&plan.tasks) {
        let (es, ef) = (schedule.times(id).es.0, schedule.times(id).ef.0);
        if task.kind != TaskKind::Task || ef <= es {
            continue;
        }
        let first = es.div_euclid(8).max(0) as usize;
        let last = ((ef + 7).div_euclid(8) - 1) as usize;
        for a in &task.assignments {
            bookings[a.resource.index()].push((first, last, id, a.units, es.max(0), ef));
        }
    }
    for (r, booked) in bookings.into_iter().enumerate() {
        let resource = ResourceId(r as u32);
        let availability = Availability::new(plan, resource, cal);
        let capacity: Vec<u32> = (0..days as i64).map(|d| availability.capacity_on(d)).collect();
        let mut load = vec![0u32; days];
        // A day is booked in proportion to the hours of it the task covers,
        // each share the difference of two running totals rounded half up.
        let running = |units: u32, hours: i64| (i64::from(units) * hours * 2 + 8) / 16;
        let hours_on = |b: &(usize, usize, TaskId, u32, i64, i64), d: usize| {
            let start = 8 * d as i64;
            ((b.4 - start).clamp(0, 8), (b.5 - start).clamp(0, 8))
        };
        for (d, slot) in load.iter_mut().enumerate() {
            *slot = booked
                .iter()
                .filter(|b| b.0 <= d && d <= b.1 && d < days)
                .map(|b| {
                    let (from, to) = hours_on(b, d);
                    (running(b.3, to) - running(b.3, from)) as u32
                })
                .sum();
        }
        // Runs split where a task starts or ends, and after a part-day start
        // or before a part-day end.
        let edge = |d: usize| {
            booked.iter().any(|b| {
                b.0 == d
                    || b.1 + 1 == d
                    || (d == b.0 + 1 && hours_on(b, b.0).0 > 0)
                    || (d == b.1 && hours_on(b, b.1).1 < 8)
            })
        };
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for d in 0..days {
            if load[d] <= capacity[d] {
                continue;
            }
            match runs.last_mut() {
                Some(run) if run.1 + 1 == d && !edge(d) && capacity[d] == capacity[run.1] => run.1 = d,
                _ => runs.push((d, d)),
            }
        }
        for (first, last) in runs {
            let mut tasks: Vec<TaskId> = booked
                .iter()
                .filter(|b| b.0 <= first && b.1 >= first)
                .map(|b| b.2)
                .collect();
            tasks.sort_unstable();
            tasks.dedup();
            overloads.push(Overload {
                resource,
                first_day: first as i64,
                last_day: last as i64,
                load: load[first],
                capacity: capacity[first],
                tasks,
            });
        }
        loads.push(load);
        capacities.push(capacity);
    }
    (loads, capacities, overloads)
}

fn same_as_day_by_day(plan: &Plan) {
    let cal = WorkCalendar::new(plan);
    let s = schedule(plan);
    let load = load(plan, &s, &cal);
    let (loads, capacities, overloads) = day_by_day(plan, &s, &cal);
    for (r, profile) in load.profiles.iter().enumerate() {
        assert_eq!(by_day(&profile.load), loads[r], "load of r{r}");
        assert_eq!(by_day(&profile.capacity), capacities[r], "capacity of r{r}");
    }
    assert_eq!(load.overloads, overloads);
}

#[test]
fn generated_plans_load_as_day_by_day() {
    same_as_day_by_day(&generate::plan(600, 12, 3));
    same_as_day_by_day(&generate::flat(Flat {
        tasks: 400,
        people: 30,
        years: Some(3),
        seed: 5,
    }));
}

//! Resource load, leave and over-allocation intervals.

mod common;

use common::*;
use prog_plan::*;

fn by_day(steps: &Steps) -> Vec<u32> {
    steps.by_day().collect()
}

#[test]
fn leave_and_overlap_make_overloads_naming_their_tasks() {
    let mut b = Builder::new("2027-01-04");
    let alice = b.resource("alice", ResourceKind::Person, 100);
    b.plan.resources[alice.index()].leave = vec![DateRange {
        first: date("2027-01-06"),
        last: date("2027-01-07"),
    }];
    let t1 = b.task("t1", 3);
    let t2 = b.task("t2", 2);
    let t3 = b.task("t3", 2);
    let m = b.milestone("m");
    b.assign(t1, alice, 100);
    b.assign(t2, alice, 50);
    b.assign(t3, alice, 100);
    b.assign(m, alice, 100);
    b.after(t3, t1);
    b.after(m, t3);
    let plan = b.plan;
    let s = schedule(&plan);
    let cal = WorkCalendar::new(&plan);
    let load = load(&plan, &s, &cal);
    assert_eq!(load.days, 5);
    assert_eq!(load.profiles.len(), 1);
    assert_eq!(load.profiles[0].resource, alice);
    assert_eq!(by_day(&load.profiles[0].load), [150, 150, 100, 100, 100]);
    assert_eq!(by_day(&load.profiles[0].capacity), [100, 100, 0, 0, 100]);
    let overload = |first_day, last_day, load, capacity, tasks| Overload {
        resource: alice,
        first_day,
        last_day,
        load,
        capacity,
        tasks,
    };
    assert_eq!(
        load.overloads,
        vec![
            overload(0, 1, 150, 100, vec![t1, t2]),
            overload(2, 2, 100, 0, vec![t1]),
            overload(3, 3, 100, 0, vec![t3]),
        ]
    );
}

#[test]
fn team_pool_and_partial_days() {
    let mut b = Builder::new("2027-01-04");
    let idle = b.resource("idle", ResourceKind::Person, 100);
    let team = b.resource("backend", ResourceKind::Team, 400);
    let a = b.task("a", 4);
    let c = b.task_hours("c", 12); // all of day 0, half of day 1
    let d = b.task("d", 1);
    b.assign(a, team, 200);
    b.assign(c, team, 100);
    b.assign(c, team, 200); // assignments add up
    b.assign(d, team, 100);
    b.dep(d, a, DepKind::StartToStart, 3);
    let plan = b.plan;
    let s = schedule(&plan);
    let load = load(&plan, &s, &WorkCalendar::new(&plan));
    assert_eq!(by_day(&load.profiles[idle.index()].load), [0; 4]);
    // a 200 on days 0-3; c 300 on day 0 and 300 × 4/8 = 150 on day 1; d
    // (3 days after a starts) 100 on day 3.
    assert_eq!(by_day(&load.profiles[team.index()].load), [500, 350, 200, 300]);
    assert_eq!(
        load.overloads,
        vec![Overload {
            resource: team,
            first_day: 0,
            last_day: 0,
            load: 500,
            capacity: 400,
            tasks: vec![a, c],
        }]
    );
}

#[test]
fn a_resource_calendar_removes_days() {
    let mut b = Builder::new("2027-01-04");
    b.plan.calendars.push(Calendar {
        id: "part_time".into(),
        title: None,
        workdays: [true, true, true, false, false, false, false],
        holidays: vec![DateRange {
            first: date("2027-01-05"),
            last: date("2027-01-05"),
        }],
    });
    let bob = b.resource("bob", ResourceKind::Person, 50);
    b.plan.resources[bob.index()].calendar = Some(CalendarId(0));
    let t = b.task("t", 5);
    b.assign(t, bob, 50);
    let plan = b.plan;
    let cal = WorkCalendar::new(&plan);
    let availability = Availability::new(&plan, bob, &cal);
    let days: Vec<bool> = (0..7).map(|d| availability.is_available(d)).collect();
    assert_eq!(days, [true, false, true, false, false, true, true]);
    let load = load(&plan, &schedule(&plan), &cal);
    assert_eq!(by_day(&load.profiles[0].capacity), [50, 0, 50, 0, 0]);
    let runs: Vec<(i64, i64)> = load.overloads.iter().map(|o| (o.first_day, o.last_day)).collect();
    assert_eq!(runs, [(1, 1), (3, 4)]);
}

#[test]
fn tasks_in_sequence_share_the_day_one_ends_in() {
    // a on t1 (2d, 25% done) then t2 (2d) after t1; status date Tue 5th,
    // the end of day 1. t1 has 75% of 16h = 12h left from day 2: it ends
    // at hour 28, half way through day 3, where t2 starts. Day 3 is 4h of
    // each: 50 + 50 = 100, not over-allocated.
    let mut b = Builder::new("2027-01-04");
    let a = b.resource("a", ResourceKind::Person, 100);
    let t1 = b.task("t1", 2);
    let t2 = b.task("t2", 2);
    b.after(t2, t1);
    b.assign(t1, a, 100);
    b.assign(t2, a, 100);
    b.task_mut(t1).progress = 25;
    b.plan.program.status_date = Some(date("2027-01-05"));
    let plan = b.plan;
    let s = schedule(&plan);
    assert_eq!((s.times(t1).ef, s.times(t2).es), (Work(28), Work(28)));
    let load = load(&plan, &s, &WorkCalendar::new(&plan));
    // t1 days 0-2 and half of 3; t2 half of 3, all of 4, half of 5.
    assert_eq!(
        by_day(&load.profiles[a.index()].load),
        [100, 100, 100, 100, 100, 50]
    );
    assert_eq!(load.overloads, vec![]);
}

//! Resource leveling: capacity kept on every day, dependencies and
//! constraints kept, impossible plans reported, and the precedence pairs
//! that realise a leveled order.

mod common;

use common::*;
use prog_plan::*;
use proptest::prelude::*;

fn level_plan(plan: &Plan) -> Result<Leveling, LevelError> {
    let cal = WorkCalendar::new(plan);
    let unleveled = schedule_with(plan, &cal);
    level(plan, &cal, &unleveled, &LevelOptions::for_plan(plan), |_| {})
}

/// A generated plan without the tasks that assign one person twice (which
/// no leveling can fit).
fn levelable(mut plan: Plan) -> Plan {
    for task in &mut plan.tasks {
        let mut seen = Vec::new();
        task.assignments.retain(|a| {
            let fresh = !seen.contains(&a.resource);
            seen.push(a.resource);
            fresh
        });
    }
    plan
}

fn overloads(plan: &Plan, schedule: &Schedule) -> Vec<Overload> {
    load(plan, schedule, &WorkCalendar::new(plan)).overloads
}

/// The leaves a task stands for.
fn leaves(plan: &Plan, id: TaskId) -> Vec<TaskId> {
    if plan.task(id).is_leaf() {
        return vec![id];
    }
    plan.task_ids()
        .filter(|&c| plan.task(c).parent == Some(id))
        .flat_map(|c| leaves(plan, c))
        .collect()
}

/// Every dependency and `not_before` holds between the leaves in `s`.
fn assert_constraints_hold(plan: &Plan, s: &Schedule) {
    let cal = WorkCalendar::new(plan);
    for id in plan.task_ids() {
        let task = plan.task(id);
        for to in leaves(plan, id) {
            let t = s.times(to);
            if let Some(date) = task.not_before {
                assert!(
                    t.es >= cal.start_of(date),
                    "{} starts before its not_before",
                    plan.task(to).id
                );
            }
            for dep in &task.deps {
                for from in leaves(plan, dep.on) {
                    let f = s.times(from);
                    let ok = match dep.kind {
                        DepKind::FinishToStart => t.es >= f.ef + dep.lag,
                        DepKind::StartToStart => t.es >= f.es + dep.lag,
                        DepKind::FinishToFinish => t.ef >= f.ef + dep.lag,
                    };
                    assert!(
                        ok,
                        "{} {:?} {} broken",
                        plan.task(to).id,
                        dep.kind,
                        plan.task(from).id
                    );
                }
            }
        }
    }
}

#[test]
fn two_tasks_of_one_person_follow_each_other() {
    let mut b = Builder::new("2027-01-04");
    let alice = b.resource("alice", ResourceKind::Person, 100);
    let a = b.task("a", 3);
    let c = b.task("c", 2);
    let end = b.milestone("end");
    b.assign(a, alice, 100);
    b.assign(c, alice, 100);
    b.after(end, a);
    b.after(end, c);
    let plan = b.plan;
    assert_eq!(overloads(&plan, &schedule(&plan)).len(), 1);

    let leveled = level_plan(&plan).unwrap();
    let s = &leveled.schedule;
    assert!(over_days(&plan, s).is_empty());
    assert_eq!(s.duration, days(5));
    assert_eq!(leveled.lower_bound, days(3));
    // One of the two waits for the other, and the milestone for both.
    let (first, second) = if s.times(a).es == days(0) { (a, c) } else { (c, a) };
    assert_eq!(s.times(second).es, s.times(first).ef);
    assert_eq!(leveled.delay[second.index()], s.times(second).es);
    assert_eq!(leveled.delay[first.index()], days(0));
    assert_eq!(s.times(end).es, days(5));
    assert_eq!(leveled.pairs, vec![(first, second)]);
    // The chain is critical; the leveled order is part of it.
    assert_eq!(s.critical_path, vec![first, second, end]);
    assert!(s.times(first).critical && s.times(second).critical);
}

#[test]
fn a_team_runs_tasks_side_by_side_up_to_its_size() {
    let mut b = Builder::new("2027-01-04");
    let pool = b.resource("pool", ResourceKind::Team, 300);
    let tasks: Vec<TaskId> = (0..5).map(|i| b.task(&format!("t{i}"), 2)).collect();
    for &t in &tasks {
        b.assign(t, pool, 100);
    }
    let plan = b.plan;
    let leveled = level_plan(&plan).unwrap();
    assert!(over_days(&plan, &leveled.schedule).is_empty());
    // Five two-day tasks, three at a time: two rounds.
    assert_eq!(leveled.schedule.duration, days(4));
}

#[test]
fn work_stretches_over_leave() {
    let mut b = Builder::new("2027-01-04");
    let bob = b.resource("bob", ResourceKind::Person, 100);
    b.plan.resources[bob.index()].leave = vec![DateRange {
        first: date("2027-01-05"),
        last: date("2027-01-06"),
    }];
    let t = b.task("t", 2);
    b.assign(t, bob, 100);
    let plan = b.plan;
    let leveled = level_plan(&plan).unwrap();
    // Monday, then Thursday after the leave: the work stretches over it.
    assert_eq!(leveled.schedule.times(t).es, days(0));
    assert_eq!(leveled.schedule.times(t).ef, days(4));
    assert!(over_days(&plan, &leveled.schedule).is_empty());
}

#[test]
fn half_day_tasks_of_one_person_take_a_day_each() {
    let mut b = Builder::new("2027-01-04");
    let alice = b.resource("alice", ResourceKind::Person, 100);
    let a = b.task_hours("a", 4);
    let c = b.task_hours("c", 4);
    b.assign(a, alice, 100);
    b.assign(c, alice, 100);
    let plan = b.plan;
    let leveled = level_plan(&plan).unwrap();
    let s = &leveled.schedule;
    assert!(over_days(&plan, s).is_empty());
    let starts = [s.times(a).es, s.times(c).es];
    assert!(
        starts.contains(&Work(0)) && starts.contains(&Work(8)),
        "{starts:?}"
    );
    assert_eq!(s.duration, Work(12));
}

#[test]
fn dependencies_lags_and_not_before_are_kept() {
    let mut b = Builder::new("2027-01-04");
    let alice = b.resource("alice", ResourceKind::Person, 100);
    let a = b.task("a", 2);
    let c = b.task("c", 3);
    let d = b.task("d", 2);
    let e = b.task("e", 1);
    for t in [a, c, d, e] {
        b.assign(t, alice, 100);
    }
    b.dep(c, a, DepKind::StartToStart, 1);
    b.dep(d, c, DepKind::FinishToFinish, 1);
    b.dep(e, a, DepKind::FinishToStart, 2);
    b.task_mut(e).not_before = Some(date("2027-01-13"));
    let plan = b.plan;
    let leveled = level_plan(&plan).unwrap();
    assert!(over_days(&plan, &leveled.schedule).is_empty());
    assert_constraints_hold(&plan, &leveled.schedule);
    // Eight days of work for alice, back to back; `e` waits for its date.
    assert_eq!(leveled.schedule.duration, days(8));
    assert_eq!(leveled.schedule.times(e).es, days(7));
}

#[test]
fn a_demand_above_capacity_is_a_warning_and_takes_the_whole_resource() {
    let mut b = Builder::new("2027-01-04");
    let pool = b.resource("pool", ResourceKind::Team, 400);
    let t = b.task("big", 2);
    b.assign(t, pool, 300);
    b.assign(t, pool, 200);
    let other = b.task("other", 1);
    b.assign(other, pool, 100);
    let plan = b.plan;
    let leveled = level_plan(&plan).unwrap();
    let warning = OverCapacity {
        task: t,
        resource: pool,
        units: 500,
        capacity: 400,
    };
    assert_eq!(leveled.over_capacity, vec![warning]);
    assert_eq!(
        warning.message(&plan),
        "task `big` needs 5 (people) of `pool`, which has 4 (people): leveled as taking all of it, \
         which stays over-allocated while the task runs"
    );
    // `big` takes the whole pool for two days: `other` goes before or
    // after it, never beside it.
    let s = &leveled.schedule;
    assert_eq!(s.times(t).ef - s.times(t).es, days(2));
    let (a, c) = (s.times(t), s.times(other));
    assert!(a.ef <= c.es || c.ef <= a.es, "{a:?} {c:?}");
    assert_eq!(s.duration, days(3));
}

#[test]
fn resources_never_available_together_are_an_error() {
    let mut b = Builder::new("2027-01-04");
    for (id, day) in [("mondays", 0), ("tuesdays", 1)] {
        let mut workdays = [false; 7];
        workdays[day] = true;
        b.plan.calendars.push(Calendar {
            id: id.into(),
            title: None,
            workdays,
            holidays: Vec::new(),
        });
    }
    let carol = b.resource("carol", ResourceKind::Person, 100);
    let dave = b.resource("dave", ResourceKind::Person, 100);
    b.plan.resources[carol.index()].calendar = Some(CalendarId(0));
    b.plan.resources[dave.index()].calendar = Some(CalendarId(1));
    let long = b.task("long", 2);
    b.assign(long, carol, 100);
    let plan = b.plan.clone();
    // Two of carol's Mondays: 2027-01-04 and 2027-01-11, day 5 ending.
    let alone = level_plan(&plan).unwrap();
    assert_eq!(alone.schedule.times(long).es, days(0));
    assert_eq!(alone.schedule.times(long).ef, days(6));
    b.assign(long, dave, 100);
    let err = level_plan(&b.plan).unwrap_err();
    assert_eq!(
        err,
        LevelError::NeverTogether {
            task: long,
            resources: vec![carol, dave]
        }
    );
    assert_eq!(
        err.message(&b.plan),
        "task `long` needs `carol` and `dave`, who are never available on the same day"
    );
}

#[test]
fn generated_plans_level_without_overload_and_keep_every_constraint() {
    let plan = levelable(generate::plan(600, 12, 3));
    let cal = WorkCalendar::new(&plan);
    let unleveled = schedule_with(&plan, &cal);
    assert!(!overloads(&plan, &unleveled).is_empty());
    let options = LevelOptions {
        seed: 9,
        schedules: 40,
        time_limit: None,
    };
    let leveled = level(&plan, &cal, &unleveled, &options, |_| {}).unwrap();
    assert!(leveled.schedules <= 40);
    assert!(over_days(&plan, &leveled.schedule).is_empty());
    assert_constraints_hold(&plan, &leveled.schedule);
    assert!(leveled.schedule.duration >= unleveled.duration);
    for id in plan.task_ids() {
        assert_eq!(
            leveled.delay[id.index()],
            leveled.schedule.times(id).es - unleveled.times(id).es
        );
    }
    // The same seed gives the same schedule.
    let again = level(&plan, &cal, &unleveled, &options, |_| {}).unwrap();
    assert_eq!(again, leveled);
}

/// The caller hears of every schedule before it is made,
/// and can stop the search there by unwinding (as an editor does when the
/// plan is edited meanwhile).
#[test]
fn the_search_reports_each_schedule_and_stops_when_told() {
    let plan = levelable(generate::plan(200, 6, 5));
    let cal = WorkCalendar::new(&plan);
    let unleveled = schedule_with(&plan, &cal);
    let options = LevelOptions {
        seed: 4,
        schedules: 300,
        time_limit: None,
    };
    let told = std::cell::RefCell::new(Vec::new());
    let leveled = level(&plan, &cal, &unleveled, &options, |n| told.borrow_mut().push(n)).unwrap();
    assert!(leveled.schedules > 100);
    assert_eq!(*told.borrow(), (0..leveled.schedules).collect::<Vec<_>>());

    struct Stop;
    let calls = std::cell::Cell::new(0);
    let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        level(&plan, &cal, &unleveled, &options, |n| {
            calls.set(calls.get() + 1);
            if n == 5 {
                std::panic::resume_unwind(Box::new(Stop));
            }
        })
    }));
    assert!(stopped.is_err_and(|payload| payload.is::<Stop>()));
    assert_eq!(calls.get(), 6);
}

#[test]
fn more_search_never_gives_a_longer_schedule() {
    let plan = levelable(generate::plan(200, 6, 5));
    let cal = WorkCalendar::new(&plan);
    let unleveled = schedule_with(&plan, &cal);
    let run = |schedules| {
        let options = LevelOptions {
            seed: 4,
            schedules,
            time_limit: None,
        };
        level(&plan, &cal, &unleveled, &options, |_| {}).unwrap()
    };
    let (few, many) = (run(1), run(600));
    assert_eq!(few.schedules, 1);
    assert!(many.schedules > 100 && many.schedules <= 600);
    assert!(many.schedule.duration <= few.schedule.duration);
}

/// A random plan of whole-day tasks with finish-to-start dependencies on
/// earlier tasks and assignments within capacity; no leave.
fn random_plan() -> impl Strategy<Value = Plan> {
    let resources = prop::collection::vec(1u32..=3, 1..=3);
    let tasks = prop::collection::vec(
        (
            1i64..=4,
            prop::collection::vec(any::<prop::sample::Index>(), 0..=2),
            0usize..3,
            1u32..=3,
        ),
        1..=14,
    );
    (resources, tasks).prop_map(|(resources, tasks)| {
        let mut b = Builder::new("2027-01-04");
        let ids: Vec<ResourceId> = resources
            .iter()
            .enumerate()
            .map(|(i, &people)| b.resource(&format!("r{i}"), ResourceKind::Team, people * 100))
            .collect();
        let mut made = Vec::new();
        for (i, (d, deps, r, units)) in tasks.into_iter().enumerate() {
            let t = b.task(&format!("t{i}"), d);
            let r = ids[r % ids.len()];
            let units = units.min(b.plan.resource(r).capacity / 100) * 100;
            b.assign(t, r, units);
            for dep in deps {
                if !made.is_empty() {
                    let on = made[dep.index(made.len())];
                    if !b.plan.task(t).deps.iter().any(|d: &Dependency| d.on == on) {
                        b.after(t, on);
                    }
                }
            }
            made.push(t);
        }
        b.plan
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn pairs_realise_the_leveled_order(plan in random_plan()) {
        let leveled = level_plan(&plan).unwrap();
        prop_assert!(over_days(&plan, &leveled.schedule).is_empty());
        let pairs = realising_pairs(&plan, &leveled.schedule);
        prop_assert_eq!(&pairs, &leveled.pairs);

        // The plan with the pairs written as `after`: no later, no overload.
        let mut ordered = plan.clone();
        for &(before, after) in &pairs {
            ordered.tasks[after.index()].deps.push(Dependency {
                on: before,
                kind: DepKind::FinishToStart,
                lag: Work::ZERO,
            });
        }
        let plain = schedule(&ordered);
        prop_assert!(plain.cycles.is_empty());
        prop_assert!(overloads(&ordered, &plain).is_empty());
        for id in plan.task_ids() {
            prop_assert!(plain.times(id).es <= leveled.schedule.times(id).es);
        }

        // Fewest: no pair is implied by the dependencies and the other pairs.
        for (i, &(before, after)) in pairs.iter().enumerate() {
            let mut reach = vec![false; plan.tasks.len()];
            let mut stack = vec![before];
            while let Some(x) = stack.pop() {
                let next = ordered.task_ids().filter(|&y| {
                    let written = plan.task(y).deps.iter().any(|d| d.on == x);
                    let paired = pairs.iter().enumerate().any(|(j, &p)| j != i && p == (x, y));
                    written || paired
                });
                for y in next.collect::<Vec<_>>() {
                    if !reach[y.index()] {
                        reach[y.index()] = true;
                        stack.push(y);
                    }
                }
            }
            prop_assert!(!reach[after.index()], "pair {:?} is implied", (before, after));
        }
    }
}

#[test]
fn pairs_never_close_a_cycle_with_a_lead() {
    let mut b = Builder::new("2027-01-04");
    let alice = b.resource("alice", ResourceKind::Person, 100);
    let first = b.task("first", 1);
    let second = b.task("second", 2);
    b.assign(first, alice, 100);
    b.assign(second, alice, 100);
    // `second` waits a day, so `first` goes first; a pair `first` before
    // `second` would close a cycle with `first` starting with `second`.
    b.task_mut(second).not_before = Some(date("2027-01-05"));
    b.dep(first, second, DepKind::StartToStart, -1);
    let plan = b.plan;
    let leveled = level_plan(&plan).unwrap();
    assert!(over_days(&plan, &leveled.schedule).is_empty());
    assert_eq!(leveled.schedule.times(first).es, days(0));
    assert_eq!(leveled.schedule.times(second).es, days(1));
    assert!(leveled.pairs.is_empty());
    let mut ordered = plan.clone();
    for (before, after) in realising_pairs(&plan, &leveled.schedule) {
        ordered.tasks[after.index()].deps.push(Dependency {
            on: before,
            kind: DepKind::FinishToStart,
            lag: Work::ZERO,
        });
    }
    assert!(schedule(&ordered).cycles.is_empty());
}

#[test]
fn leave_without_end_is_an_error_not_an_endless_search() {
    let mut b = Builder::new("2027-01-04");
    let dan = b.resource("dan", ResourceKind::Person, 100);
    b.plan.resources[dan.index()].leave = vec![DateRange {
        first: date("2027-01-05"),
        last: date("9999-12-30"),
    }];
    let t = b.task("t", 2);
    b.assign(t, dan, 100);
    let plan = b.plan;
    let err = level_plan(&plan).unwrap_err();
    assert_eq!(err, LevelError::TooFar { task: t });
    assert_eq!(
        err.message(&plan),
        "task `t` cannot be placed within 100000 working days of the program start"
    );
}

//! Leveling with the resources' calendars and with recorded progress: work
//! runs on the days its resources work, stretching over a part-week
//! calendar or a leave, and finished or started work stays where it was
//! recorded. Every figure is worked out by hand in the comments.

mod common;

use common::*;
use prog_plan::*;

fn level_plan(plan: &Plan) -> Leveling {
    let cal = WorkCalendar::new(plan);
    let unleveled = schedule_with(plan, &cal);
    level(plan, &cal, &unleveled, &LevelOptions::for_plan(plan), |_| {}).expect("levelable")
}

/// Monday to Thursday, as a person's own calendar.
fn four_day_week(b: &mut Builder) -> CalendarId {
    b.plan.calendars.push(Calendar {
        id: "four_days".into(),
        title: None,
        workdays: [true, true, true, true, false, false, false],
        holidays: Vec::new(),
    });
    CalendarId(b.plan.calendars.len() as u32 - 1)
}

#[test]
fn a_task_of_a_four_day_week_person_spans_ten_of_her_days() {
    // 2027-01-04 is a Monday. Chen works Monday to Thursday: her days are
    // Jan 4-7 (program days 0-3), Jan 11-14 (5-8) and Jan 18-19 (10-11) for
    // the ten days of `t`, which so ends with program day 11. `u` takes
    // her next two days, Jan 20 and 21 (days 12 and 13).
    let mut b = Builder::new("2027-01-04");
    let four = four_day_week(&mut b);
    let chen = b.resource("chen", ResourceKind::Person, 100);
    b.plan.resources[chen.index()].calendar = Some(four);
    let t = b.task("t", 10);
    let u = b.task("u", 2);
    b.assign(t, chen, 100);
    b.assign(u, chen, 100);
    b.after(u, t);
    let plan = b.plan;
    let leveled = level_plan(&plan);
    let s = &leveled.schedule;
    assert_eq!((s.times(t).es, s.times(t).ef), (days(0), days(12)));
    assert_eq!((s.times(u).es, s.times(u).ef), (days(12), days(14)));
    let cal = WorkCalendar::new(&plan);
    assert_eq!(cal.finish_date(s.times(t).ef), date("2027-01-19"));
    assert_eq!(s.duration, days(14));
    assert!(over_days(&plan, s).is_empty());
}

#[test]
fn the_load_of_a_leveled_schedule_books_only_the_days_its_resources_work() {
    // Chen works Monday to Thursday; `t` (ten days, 2027-01-04 a Monday)
    // is leveled over her days: program days 0-3, 5-8 and 10-11, so it
    // ends with day 11 (Tuesday Jan 19). Her Fridays, days 4 and 9, are
    // inside its span but not hers: nothing is booked on them, and she is
    // not over-allocated.
    let mut b = Builder::new("2027-01-04");
    let four = four_day_week(&mut b);
    let chen = b.resource("chen", ResourceKind::Person, 100);
    b.plan.resources[chen.index()].calendar = Some(four);
    let t = b.task("t", 10);
    b.assign(t, chen, 100);
    let plan = b.plan;
    let cal = WorkCalendar::new(&plan);
    let leveled = level_plan(&plan);
    let s = &leveled.schedule;
    assert_eq!((s.times(t).es, s.times(t).ef), (days(0), days(12)));
    let load = load(&plan, s, &cal);
    assert_eq!(load.days, 12);
    assert_eq!(load.overloads, vec![]);
    let chen_load: Vec<u32> = load.profiles[chen.index()].load.by_day().collect();
    assert_eq!(
        chen_load,
        [100, 100, 100, 100, 0, 100, 100, 100, 100, 0, 100, 100]
    );
    // The plain schedule knows one calendar: `t` runs days 0-9, Fridays
    // included, and those two days show as over-allocated.
    let plain = schedule_with(&plan, &cal);
    let overloads = prog_plan::load(&plan, &plain, &cal).overloads;
    let days_over: Vec<(i64, i64)> = overloads.iter().map(|o| (o.first_day, o.last_day)).collect();
    assert_eq!(days_over, [(4, 4), (9, 9)]);
}

#[test]
fn a_shared_task_books_every_resource_on_the_days_all_of_them_work() {
    // `pair` (three days) needs chen (Monday to Thursday) and dana (always
    // there): leveled from Wednesday Jan 6 (day 2, after `solo`, dana's
    // two days) it works Wednesday, Thursday and Monday Jan 11 (days 2, 3
    // and 5). Dana is not booked on Friday (day 4) either.
    let mut b = Builder::new("2027-01-04");
    let four = four_day_week(&mut b);
    let chen = b.resource("chen", ResourceKind::Person, 100);
    b.plan.resources[chen.index()].calendar = Some(four);
    let dana = b.resource("dana", ResourceKind::Person, 100);
    let solo = b.task("solo", 2);
    b.assign(solo, dana, 100);
    let pair = b.task("pair", 3);
    b.assign(pair, chen, 100);
    b.assign(pair, dana, 100);
    b.after(pair, solo);
    let plan = b.plan;
    let cal = WorkCalendar::new(&plan);
    let leveled = level_plan(&plan);
    let s = &leveled.schedule;
    assert_eq!((s.times(pair).es, s.times(pair).ef), (days(2), days(6)));
    let load = load(&plan, s, &cal);
    assert_eq!(load.overloads, vec![]);
    let by_day = |r: ResourceId| load.profiles[r.index()].load.by_day().collect::<Vec<u32>>();
    assert_eq!(by_day(chen), [0, 0, 100, 100, 0, 100]);
    assert_eq!(by_day(dana), [100, 100, 100, 100, 0, 100]);
}

#[test]
fn work_stretches_over_a_leave_instead_of_waiting_for_its_end() {
    // Bob is off Wednesday and Thursday, Jan 6-7 (days 2 and 3). Five days
    // of work: Monday, Tuesday, then Friday Jan 8 and Monday-Tuesday Jan
    // 11-12 (days 4, 5, 6): it ends with day 6, not day 8 (after the leave).
    let mut b = Builder::new("2027-01-04");
    let bob = b.resource("bob", ResourceKind::Person, 100);
    b.plan.resources[bob.index()].leave = vec![DateRange {
        first: date("2027-01-06"),
        last: date("2027-01-07"),
    }];
    let t = b.task("t", 5);
    b.assign(t, bob, 100);
    // Alice, always there, shares a task with bob: it works on bob's days
    // only, and so does alice for it.
    let alice = b.resource("alice", ResourceKind::Person, 100);
    let pair = b.task("pair", 1);
    b.assign(pair, bob, 100);
    b.assign(pair, alice, 100);
    b.after(pair, t);
    let solo = b.task("solo", 2);
    b.assign(solo, alice, 100);
    let plan = b.plan;
    let leveled = level_plan(&plan);
    let s = &leveled.schedule;
    assert_eq!((s.times(t).es, s.times(t).ef), (days(0), days(7)));
    assert_eq!(
        WorkCalendar::new(&plan).finish_date(s.times(t).ef),
        date("2027-01-12")
    );
    // `pair` on Wednesday Jan 13 (day 7); alice's own two days fit before.
    assert_eq!((s.times(pair).es, s.times(pair).ef), (days(7), days(8)));
    assert_eq!((s.times(solo).es, s.times(solo).ef), (days(0), days(2)));
    assert!(over_days(&plan, s).is_empty());
}

#[test]
fn finished_work_stays_where_it_was_and_started_work_keeps_its_start() {
    // Status date Friday Jan 8: now is the end of day 4 (hour 40).
    // `a` (alice) was done Jan 4-6: hours 0 to 24, whatever leveling does.
    // `b` (alice) started Thursday Jan 7 (hour 24) and is half done: its
    // other two days run from now, days 5-6 (hours 40 to 56).
    // `c` (alice, two days, not started) cannot start before now either,
    // and alice is busy then: it goes before or after `b`, ending at 72.
    // `d` (no resource) waits for nothing but now.
    let mut b = Builder::new("2027-01-04");
    b.plan.program.status_date = Some(date("2027-01-08"));
    let alice = b.resource("alice", ResourceKind::Person, 100);
    let a = b.task("a", 3);
    let started = b.task("b", 4);
    let c = b.task("c", 2);
    let d = b.task("d", 1);
    for t in [a, started, c] {
        b.assign(t, alice, 100);
    }
    b.task_mut(a).actuals.start = Some(date("2027-01-04"));
    b.task_mut(a).actuals.finish = Some(date("2027-01-06"));
    b.task_mut(started).actuals.start = Some(date("2027-01-07"));
    b.task_mut(started).progress = 50;
    let plan = b.plan;
    let leveled = level_plan(&plan);
    let s = &leveled.schedule;
    assert_eq!((s.times(a).es, s.times(a).ef), (Work(0), Work(24)));
    assert_eq!(s.times(started).es, Work(24));
    let rest = s.times(started).ef;
    assert!(rest == Work(56) || rest == Work(72), "{rest:?}");
    let (c_es, c_ef) = (s.times(c).es, s.times(c).ef);
    assert_eq!(c_ef - c_es, days(2));
    assert!(c_es >= Work(40) && (c_ef <= rest - days(2) || c_es >= rest));
    assert_eq!(s.times(d).es, Work(40));
    assert_eq!(s.duration, Work(72));
    // Finished work is not part of the leveled order.
    assert!(leveled.pairs.iter().all(|&(x, y)| x != a && y != a));
}

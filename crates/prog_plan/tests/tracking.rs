//! The schedule and earned value at a status date, on small plans whose
//! figures are worked out by hand in the comments.

mod common;

use common::*;
use prog_plan::evm::{Unit, earned_value};
use prog_plan::status::TaskStatus;
use prog_plan::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-3
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {
        assert!(close($a, $b), "{} = {}, expected {}", stringify!($a), $a, $b)
    };
}

/// Start Mon 2027-01-04, Monday to Friday. a 5d [days 0–5], b 10d after a
/// [5–15] with 2 people, c 5d after b [15–20]. Status date Fri 2027-01-15
/// (day 9): now is the end of day 9, 10 days in.
fn three_in_a_row() -> (Builder, [TaskId; 3]) {
    let mut b = Builder::new("2027-01-04");
    let a = b.task("a", 5);
    let t = b.task("b", 10);
    let c = b.task("c", 5);
    b.after(t, a);
    b.after(c, t);
    let team = b.resource("team", ResourceKind::Team, 300);
    b.assign(t, team, 200);
    b.plan.program.status_date = Some(date("2027-01-15"));
    (b, [a, t, c])
}

#[test]
fn without_a_status_date_progress_changes_nothing() {
    let (mut b, [a, t, _]) = three_in_a_row();
    b.plan.program.status_date = None;
    let before = schedule(&b.plan);
    b.task_mut(a).progress = 100;
    b.task_mut(a).actuals.finish = Some(date("2027-01-12"));
    b.task_mut(t).progress = 40;
    let after = schedule(&b.plan);
    assert_eq!(before, after);
    assert!(after.planned.is_none());
}

#[test]
fn finished_late_in_progress_and_not_started() {
    let (mut b, [a, t, c]) = three_in_a_row();
    // a finished late, on Tue 2027-01-12 (day 6): ef = 7 days.
    b.task_mut(a).progress = 100;
    b.task_mut(a).actuals.start = Some(date("2027-01-04"));
    b.task_mut(a).actuals.finish = Some(date("2027-01-12"));
    // b is 40% done with no actual start: it started at its planned start,
    // day 5; 60% of 10 days is left, from day 10 on: ef = 16.
    b.task_mut(t).progress = 40;
    let s = schedule(&b.plan);
    assert_eq!(row(&s, a), (0.0, 7.0, 0.0, 7.0, 0.0, 0.0));
    assert!(!s.times(a).critical, "finished work is not critical");
    // b: lf 16 (c's late start), so no float; it can only move its finish.
    assert_eq!(row(&s, t), (5.0, 16.0, 5.0, 16.0, 0.0, 0.0));
    // c waits for b: 16 to 21.
    assert_eq!(row(&s, c), (16.0, 21.0, 16.0, 21.0, 0.0, 0.0));
    assert_eq!(s.duration, days(21));
    assert_eq!(s.critical_path, vec![t, c], "the critical path runs from now on");
    let planned = s.planned.as_deref().expect("planned beside the forecast");
    assert_eq!(planned.duration, days(20));
    assert_eq!(row(planned, t).0, 5.0);

    let cal = WorkCalendar::new(&b.plan);
    let doc = ScheduleDoc::new(&b.plan, &s, &cal);
    // Day 20 is Mon 2027-02-01; the plan said day 19, Fri 2027-01-29.
    assert_eq!(doc.finish, date("2027-02-01"));
    assert_eq!(doc.planned_finish, Some(date("2027-01-29")));
    assert_eq!(doc.status_date, Some(date("2027-01-15")));
    let progress = doc.tasks[1].progress.as_ref().unwrap();
    assert_eq!(progress.status, "in_progress");
    assert_close!(progress.progress, 0.4);
    assert_eq!(progress.planned_start, date("2027-01-11"));
    assert_eq!(progress.planned_finish, date("2027-01-22"));
}

#[test]
fn remaining_overrides_progress() {
    let (mut b, [a, t, c]) = three_in_a_row();
    b.task_mut(a).progress = 100;
    b.task_mut(t).progress = 40;
    b.task_mut(t).actuals.start = Some(date("2027-01-13"));
    b.task_mut(t).actuals.remaining = Some(days(2));
    let s = schedule(&b.plan);
    // a: no actual dates: its planned [0, 5], not after now (10).
    assert_eq!((row(&s, a).0, row(&s, a).1), (0.0, 5.0));
    // b started Wed 2027-01-13 (day 7), 2 days left from day 10: ef 12.
    assert_eq!((row(&s, t).0, row(&s, t).1), (7.0, 12.0));
    assert_eq!((row(&s, c).0, row(&s, c).1), (12.0, 17.0));
}

#[test]
fn finished_early_pulls_successors_in() {
    let (mut b, [a, t, _]) = three_in_a_row();
    b.plan.program.status_date = Some(date("2027-01-06"));
    // a, planned for days 0–5, finished Wed 2027-01-06 (day 2): ef 3.
    b.task_mut(a).progress = 100;
    b.task_mut(a).actuals.finish = Some(date("2027-01-06"));
    let s = schedule(&b.plan);
    assert_eq!((row(&s, a).0, row(&s, a).1), (0.0, 3.0));
    assert_eq!((row(&s, t).0, row(&s, t).1), (3.0, 13.0));
}

#[test]
fn work_not_started_waits_for_now() {
    let (b, [a, t, c]) = three_in_a_row();
    // Nothing recorded at day 10: a, planned for days 0–5, starts at 10.
    let s = schedule(&b.plan);
    assert_eq!((row(&s, a).0, row(&s, a).1), (10.0, 15.0));
    assert_eq!((row(&s, t).0, row(&s, t).1), (15.0, 25.0));
    assert_eq!((row(&s, c).0, row(&s, c).1), (25.0, 30.0));
    assert_eq!(status::statuses(&b.plan), vec![TaskStatus::NotStarted; 3]);
}

#[test]
fn earned_value_in_person_days() {
    let (mut b, [a, t, _]) = three_in_a_row();
    b.task_mut(a).progress = 100;
    b.task_mut(a).actuals.effort = Some(days(7));
    b.task_mut(t).progress = 40;
    b.task_mut(t).actuals.effort = Some(days(5));
    let s = schedule(&b.plan);
    let planned = s.planned();
    let cal = WorkCalendar::new(&b.plan);
    let ev = earned_value(&b.plan, &cal, &planned.tasks, planned.duration).unwrap();
    assert_eq!(ev.unit, Unit::PersonDays);
    let p = ev.program;
    // BAC: a 1 unit × 5 d, b 2 × 10, c 1 × 5 = 30.
    assert_close!(p.bac, 30.0);
    // PV at day 10: a all 5, b half of 20, c nothing = 15.
    assert_close!(p.pv, 15.0);
    // EV: a 5, b 40% of 20 = 8: 13.
    assert_close!(p.ev, 13.0);
    // AC: 7 + 5 person-days.
    assert_close!(p.ac.unwrap(), 12.0);
    assert_close!(p.sv(), -2.0);
    assert_close!(p.spi().unwrap(), 13.0 / 15.0);
    assert_close!(p.cv().unwrap(), 1.0);
    assert_close!(p.cpi().unwrap(), 13.0 / 12.0);
    // EAC = 30 / (13/12) = 27.692; AC + (BAC − EV) = 29;
    // AC + 17 / (13/12 × 13/15) = 12 + 18.107 = 30.107.
    assert_close!(p.eac().unwrap(), 27.6923);
    assert_close!(p.eac_at_budget().unwrap(), 29.0);
    assert_close!(p.eac_cpi_spi().unwrap(), 30.1065);
    assert_close!(p.etc().unwrap(), 15.6923);
    assert_close!(p.vac().unwrap(), 2.3077);
    // TCPI = 17 / 18.
    assert_close!(p.tcpi().unwrap(), 0.9444);
    // The PV curve rises 1/day over a, 2/day over b: 13 is reached at
    // 5 + 8/2 = day 9. AT is 10; the plan was 20 days long.
    assert_close!(ev.schedule.es, 9.0);
    assert_close!(ev.schedule.at, 10.0);
    assert_close!(ev.schedule.spi_t().unwrap(), 0.9);
    assert_close!(ev.schedule.sv_t(), -1.0);
    assert_close!(ev.schedule.ieac_t().unwrap(), 22.2222);
    // Per task: b has PV 10, EV 8, AC 5.
    let fb = ev.tasks[t.index()];
    assert_close!(fb.pv, 10.0);
    assert_close!(fb.ev, 8.0);
    assert_close!(fb.cpi().unwrap(), 1.6);
}

#[test]
fn earned_value_in_money_and_missing_actuals() {
    let mut b = Builder::new("2027-01-04");
    let alice = b.resource("alice", ResourceKind::Person, 100);
    b.plan.resources[alice.index()].rate = Some(Money::from_units(800.0).unwrap());
    let a = b.task("a", 5);
    let t = b.task("b", 10);
    let m = b.milestone("m");
    b.after(t, a);
    b.after(m, t);
    b.assign(a, alice, 100);
    b.assign(t, alice, 50);
    b.task_mut(t).cost = Rare::new(Money::from_units(1000.0));
    b.task_mut(m).cost = Rare::new(Money::from_units(500.0));
    // Fri 2027-01-08: the end of day 4, 5 days in.
    b.plan.program.status_date = Some(date("2027-01-08"));
    b.task_mut(a).progress = 100;
    let cal = WorkCalendar::new(&b.plan);
    let figures = |plan: &Plan| {
        let s = schedule(plan);
        earned_value(plan, &cal, &s.planned().tasks, s.planned().duration).unwrap()
    };

    // a is done but nothing says what it cost: CPI is not guessed.
    let ev = figures(&b.plan);
    assert_eq!(ev.unit, Unit::Money);
    assert_eq!(ev.missing_actuals, vec![a]);
    assert_eq!(ev.program.ac, None);
    assert_eq!(ev.program.cpi(), None);
    // BAC: a 800 × 5 = 4000; b 0.5 × 800 × 10 + 1000 = 5000; m 500.
    assert_close!(ev.program.bac, 9500.0);
    assert_close!(ev.program.pv, 4000.0);
    assert_close!(ev.program.ev, 4000.0);
    assert_close!(ev.program.spi().unwrap(), 1.0);

    b.task_mut(a).actuals.cost = Money::from_units(4200.0);
    let ev = figures(&b.plan);
    assert!(ev.missing_actuals.is_empty());
    assert_close!(ev.program.ac.unwrap(), 4200.0);
    assert_close!(ev.program.cpi().unwrap(), 4000.0 / 4200.0);
    // EAC = 9500 × 4200 / 4000 = 9975; VAC = −475; TCPI = 5500 / 5300.
    assert_close!(ev.program.eac().unwrap(), 9975.0);
    assert_close!(ev.program.vac().unwrap(), -475.0);
    assert_close!(ev.program.tcpi().unwrap(), 5500.0 / 5300.0);

    // Effort at the owner's rate: 6 days × 800.
    b.task_mut(a).actuals.cost = None;
    b.task_mut(a).actuals.effort = Some(days(6));
    assert_close!(figures(&b.plan).program.ac.unwrap(), 4800.0);
}

#[test]
fn groups_roll_up_status_and_earned_value() {
    // g holds a 5d (1 unit) and b 10d after a (2 units); c 5d after g.
    let mut b = Builder::new("2027-01-04");
    let g = b.group("g");
    let a = b.task("a", 5);
    let t = b.task("b", 10);
    let c = b.task("c", 5);
    b.set_parent(a, g);
    b.set_parent(t, g);
    b.after(t, a);
    b.after(c, g);
    let team = b.resource("team", ResourceKind::Team, 300);
    b.assign(t, team, 200);
    b.plan.program.status_date = Some(date("2027-01-15"));
    b.task_mut(a).progress = 100;
    b.task_mut(a).actuals.effort = Some(days(5));
    let statuses = status::statuses(&b.plan);
    assert_eq!(
        statuses[g.index()],
        TaskStatus::InProgress,
        "one child done, one not started"
    );
    assert_eq!(statuses[c.index()], TaskStatus::NotStarted);
    let s = schedule(&b.plan);
    let cal = WorkCalendar::new(&b.plan);
    let ev = earned_value(&b.plan, &cal, &s.planned().tasks, s.planned().duration).unwrap();
    // The group holds a (BAC 5, EV 5) and b (BAC 20, EV 0).
    assert_close!(ev.tasks[g.index()].bac, 25.0);
    assert_close!(ev.tasks[g.index()].ev, 5.0);
    let doc = ScheduleDoc::new(&b.plan, &s, &cal);
    assert_close!(doc.tasks[g.index()].progress.as_ref().unwrap().progress, 0.2);
    assert_eq!(
        doc.tasks[g.index()].progress.as_ref().unwrap().status,
        "in_progress"
    );
}

#[test]
fn start_with_follows_the_actual_start_of_work_in_progress() {
    let (mut b, [a, t, c]) = three_in_a_row();
    // c starts with b +8d instead of after it; b started on day 7 (Wed 13th).
    b.task_mut(c).deps.clear();
    b.dep(c, t, DepKind::StartToStart, 8);
    b.task_mut(a).progress = 100;
    b.task_mut(t).progress = 10;
    b.task_mut(t).actuals.start = Some(date("2027-01-13"));
    let s = schedule(&b.plan);
    // 7 + 8 = day 15, not now (10) + 8.
    assert_eq!((row(&s, c).0, row(&s, c).1), (15.0, 20.0));
}

//! Hand-worked textbook networks, groups and date constraints.

mod common;

use common::*;
use prog_plan::*;

type Row = (f64, f64, f64, f64, f64, f64);

fn assert_table(s: &Schedule, expected: &[(TaskId, Row)]) {
    for &(task, row_) in expected {
        assert_eq!(row(s, task), row_, "task {task:?}");
    }
}

/// Finish-to-start only, with two non-critical branches:
///
/// ```text
///        ┌─ B 4 ── D 5 ─┐
///  A 3 ──┼─ C 2 ── E 3 ─┴─ F 2
///        └─ G 1
/// ```
#[test]
fn finish_to_start_with_slack_branches() {
    let mut b = Builder::new("2027-01-04");
    let a = b.task("A", 3);
    let bb = b.task("B", 4);
    let c = b.task("C", 2);
    let d = b.task("D", 5);
    let e = b.task("E", 3);
    let f = b.task("F", 2);
    let g = b.task("G", 1);
    b.after(bb, a);
    b.after(c, a);
    b.after(d, bb);
    b.after(e, c);
    b.after(f, d);
    b.after(f, e);
    b.after(g, a);
    let s = schedule(&b.plan);
    //            es    ef    ls    lf    TF    FF
    assert_table(
        &s,
        &[
            (a, (0.0, 3.0, 0.0, 3.0, 0.0, 0.0)),
            (bb, (3.0, 7.0, 3.0, 7.0, 0.0, 0.0)),
            (c, (3.0, 5.0, 7.0, 9.0, 4.0, 0.0)),
            (d, (7.0, 12.0, 7.0, 12.0, 0.0, 0.0)),
            (e, (5.0, 8.0, 9.0, 12.0, 4.0, 4.0)),
            (f, (12.0, 14.0, 12.0, 14.0, 0.0, 0.0)),
            (g, (3.0, 4.0, 13.0, 14.0, 10.0, 10.0)),
        ],
    );
    assert_eq!(s.duration, days(14));
    assert_eq!(s.critical_path, vec![a, bb, d, f]);
    let critical: Vec<bool> = [a, bb, c, d, e, f, g].map(|t| s.times(t).critical).into();
    assert_eq!(critical, [true, true, false, true, false, true, false]);
    assert_eq!(s.times(f).driver, Some(DepRef { task: f, index: 0 }));
}

/// Start-to-start and finish-to-finish links with lags and leads:
///
/// ```text
/// A 4d
/// B 6d  start_with A +2d
/// C 3d  finish_with B +1d
/// D 2d  after C -1d, after E
/// E 5d  start_with A
/// F     milestone after D
/// G 2d  after A -5d        (the lead reaches before the start: es stays 0)
/// ```
#[test]
fn start_and_finish_links_with_lags_and_leads() {
    let mut b = Builder::new("2027-01-04");
    let a = b.task("A", 4);
    let bb = b.task("B", 6);
    let c = b.task("C", 3);
    let d = b.task("D", 2);
    let e = b.task("E", 5);
    let f = b.milestone("F");
    let g = b.task("G", 2);
    b.dep(bb, a, DepKind::StartToStart, 2);
    b.dep(c, bb, DepKind::FinishToFinish, 1);
    b.dep(d, c, DepKind::FinishToStart, -1);
    b.after(d, e);
    b.dep(e, a, DepKind::StartToStart, 0);
    b.after(f, d);
    b.dep(g, a, DepKind::FinishToStart, -5);
    let s = schedule(&b.plan);
    //            es    ef    ls    lf    TF    FF
    assert_table(
        &s,
        &[
            (a, (0.0, 4.0, 0.0, 4.0, 0.0, 0.0)),
            (bb, (2.0, 8.0, 2.0, 8.0, 0.0, 0.0)),
            (c, (6.0, 9.0, 6.0, 9.0, 0.0, 0.0)),
            (d, (8.0, 10.0, 8.0, 10.0, 0.0, 0.0)),
            (e, (0.0, 5.0, 3.0, 8.0, 3.0, 3.0)),
            (f, (10.0, 10.0, 10.0, 10.0, 0.0, 0.0)),
            (g, (0.0, 2.0, 8.0, 10.0, 8.0, 8.0)),
        ],
    );
    assert_eq!(s.critical_path, vec![a, bb, c, d, f]);
    assert_eq!(s.times(d).driver, Some(DepRef { task: d, index: 0 }));
    assert_eq!(s.times(g).driver, None);
}

#[test]
fn effort_is_divided_by_assigned_units() {
    let mut b = Builder::new("2027-01-04");
    let team = b.resource("team", ResourceKind::Team, 400);
    let alone = b.effort("alone", 3);
    let pair = b.effort("pair", 3);
    b.assign(pair, team, 200);
    let odd = b.effort("odd", 1);
    b.assign(odd, team, 300);
    let s = schedule(&b.plan);
    assert_eq!(s.times(alone).duration(), days(3));
    assert_eq!(s.times(pair).duration(), Work(12));
    assert_eq!(s.times(odd).duration(), Work(3)); // 8 h / 3 rounded up
}

/// ```text
/// group Q {
///   group P { after W;  X 2d;  Y 3d after X }
///   V 1d
/// }
/// W 4d;  Z 1d after P;  T 1d after Q
/// ```
#[test]
fn groups_expand_and_roll_up() {
    let mut b = Builder::new("2027-01-04");
    let q = b.group("Q");
    let p = b.group("P");
    let x = b.task("X", 2);
    let y = b.task("Y", 3);
    let v = b.task("V", 1);
    let w = b.task("W", 4);
    let z = b.task("Z", 1);
    let t = b.task("T", 1);
    b.set_parent(p, q);
    b.set_parent(x, p);
    b.set_parent(y, p);
    b.set_parent(v, q);
    b.after(p, w);
    b.after(y, x);
    b.after(z, p);
    b.after(t, q);
    let s = schedule(&b.plan);
    //            es    ef    ls    lf    TF    FF
    assert_table(
        &s,
        &[
            (w, (0.0, 4.0, 0.0, 4.0, 0.0, 0.0)),
            (x, (4.0, 6.0, 4.0, 6.0, 0.0, 0.0)),
            (y, (6.0, 9.0, 6.0, 9.0, 0.0, 0.0)),
            (z, (9.0, 10.0, 9.0, 10.0, 0.0, 0.0)),
            (t, (9.0, 10.0, 9.0, 10.0, 0.0, 0.0)),
            (v, (0.0, 1.0, 8.0, 9.0, 8.0, 8.0)),
            (p, (4.0, 9.0, 4.0, 9.0, 0.0, 0.0)),
            (q, (0.0, 9.0, 4.0, 9.0, 0.0, 0.0)),
        ],
    );
    assert_eq!(s.times(x).driver, Some(DepRef { task: p, index: 0 }));
    assert_eq!(s.times(t).driver, Some(DepRef { task: t, index: 0 }));
    assert_eq!(s.times(p).duration(), days(5));
    assert!(s.times(p).critical && s.times(q).critical);
    // Z and T both finish last; T comes later in topological order.
    assert_eq!(s.critical_path, vec![w, x, y, t]);
}

#[test]
fn empty_group_takes_no_time() {
    let mut b = Builder::new("2027-01-04");
    let g = b.group("empty");
    let a = b.task("a", 2);
    b.after(a, g);
    let s = schedule(&b.plan);
    assert_eq!(row(&s, a), (0.0, 2.0, 0.0, 2.0, 0.0, 0.0));
    assert_eq!(row(&s, g), (0.0, 0.0, 2.0, 2.0, 2.0, 2.0));
    assert!(!s.times(g).critical);
}

#[test]
fn deadline_gives_negative_float() {
    let mut b = Builder::new("2027-01-04");
    let a = b.task("a", 5);
    let bb = b.task("b", 5);
    let side = b.task("side", 1);
    b.after(bb, a);
    // Tuesday of the second week: the end of working day 6.
    b.task_mut(bb).deadline = Some(date("2027-01-12"));
    // A Saturday: the end of the Friday before, working day 4.
    b.task_mut(side).deadline = Some(date("2027-01-09"));
    let s = schedule(&b.plan);
    // Free float never exceeds total float: `side` could slip 9 days before
    // the project end, but only 4 before its deadline.
    //            es    ef    ls    lf    TF    FF
    assert_table(
        &s,
        &[
            (a, (0.0, 5.0, -3.0, 2.0, -3.0, -3.0)),
            (bb, (5.0, 10.0, 2.0, 7.0, -3.0, -3.0)),
            (side, (0.0, 1.0, 4.0, 5.0, 4.0, 4.0)),
        ],
    );
    assert!(s.times(a).critical && s.times(bb).critical && !s.times(side).critical);
    assert_eq!(
        s.deadline_misses,
        vec![DeadlineMiss {
            task: bb,
            deadline: date("2027-01-12"),
            overrun: days(3),
        }]
    );
}

#[test]
fn deadline_and_not_before_on_a_group_bind_its_leaves() {
    let mut b = Builder::new("2027-01-04");
    let g = b.group("g");
    let x = b.task("x", 3);
    let y = b.task("y", 1);
    b.set_parent(x, g);
    b.set_parent(y, g);
    b.task_mut(g).not_before = Some(date("2027-01-05"));
    b.task_mut(g).deadline = Some(date("2027-01-06"));
    let s = schedule(&b.plan);
    // Free float is capped by total float, as the deadline caps the late dates.
    assert_eq!(row(&s, x), (1.0, 4.0, 0.0, 3.0, -1.0, -1.0));
    assert_eq!(row(&s, y), (1.0, 2.0, 2.0, 3.0, 1.0, 1.0));
    assert_eq!(s.times(g).total_float, days(-1));
    assert_eq!(
        s.deadline_misses,
        vec![DeadlineMiss {
            task: g,
            deadline: date("2027-01-06"),
            overrun: days(1),
        }]
    );
}

#[test]
fn not_before_moves_to_the_next_working_day() {
    let mut b = Builder::new("2027-01-04");
    let a = b.task("a", 1);
    let c = b.task("c", 2);
    let d = b.task("d", 1);
    b.after(c, a);
    b.after(d, c);
    b.task_mut(c).not_before = Some(date("2027-01-09")); // Saturday
    let s = schedule(&b.plan);
    assert_eq!(s.times(c).es, days(5)); // Monday 2027-01-11
    assert_eq!(s.times(c).driver, None);
    assert_eq!(s.times(d).driver, Some(DepRef { task: d, index: 0 }));
    assert_eq!(s.times(a).free_float, days(4));
    assert_eq!(s.critical_path, vec![c, d]);
    let cal = WorkCalendar::new(&b.plan);
    let doc = ScheduleDoc::new(&b.plan, &s, &cal);
    assert_eq!(doc.tasks[1].start, date("2027-01-11"));
    assert_eq!(doc.tasks[1].finish, date("2027-01-12"));
}

#[test]
fn holidays_shift_dates_not_offsets() {
    let mut b = Builder::new("2027-12-20");
    b.plan.calendars.push(Calendar {
        id: "company".into(),
        title: None,
        workdays: Calendar::MONDAY_TO_FRIDAY,
        holidays: vec![DateRange {
            first: date("2027-12-24"),
            last: date("2028-01-01"),
        }],
    });
    b.plan.program.calendar = Some(CalendarId(0));
    let a = b.task("a", 5);
    let m = b.milestone("m");
    b.after(m, a);
    let s = schedule(&b.plan);
    let cal = WorkCalendar::new(&b.plan);
    let doc = ScheduleDoc::new(&b.plan, &s, &cal);
    assert_eq!(doc.tasks[0].start, date("2027-12-20"));
    // Mon 20 .. Thu 23, then the holidays, then Monday 3 January.
    assert_eq!(doc.tasks[0].finish, date("2028-01-03"));
    assert_eq!(doc.tasks[1].start, date("2028-01-03"));
    assert_eq!(doc.finish, date("2028-01-03"));
}

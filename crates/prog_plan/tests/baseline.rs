//! Baselines: a round trip through the file format, and variance worked out
//! by hand.

mod common;

use common::*;
use prog_plan::baseline::{Baseline, BaselineError, Capture, FORMAT, Variance};
use prog_plan::*;

/// a 5d, then b 10d after a; Mon 2027-01-04.
fn plan() -> Builder {
    let mut b = Builder::new("2027-01-04");
    let a = b.task("a", 5);
    let t = b.task("b", 10);
    b.after(t, a);
    b
}

fn capture(plan: &Plan) -> Baseline {
    let cal = WorkCalendar::new(plan);
    Baseline::capture(
        plan,
        &schedule(plan),
        &cal,
        Capture {
            name: Some("March"),
            created: date("2027-01-04"),
            plan_hash: "fnv1a:0123".into(),
            approval: Some("cr_7"),
        },
    )
}

#[test]
fn a_baseline_survives_its_file() {
    let base = capture(&plan().plan);
    assert_eq!(base.format, FORMAT);
    assert_eq!(
        (base.start, base.finish, base.duration_days),
        (date("2027-01-04"), date("2027-01-22"), 15.0)
    );
    let b = &base.tasks[1];
    assert_eq!(
        (b.id.as_str(), b.es, b.ef, b.start, b.finish),
        ("b", 5.0, 15.0, date("2027-01-11"), date("2027-01-22"))
    );
    // No rates: budgets in person-days, one unit each.
    assert_eq!(
        (base.unit.as_str(), b.bac, b.work_days, b.critical),
        ("person_days", 10.0, 10.0, true)
    );
    assert_eq!(Baseline::from_json(&base.to_json()), Ok(base));
}

#[test]
fn other_files_are_refused_with_a_reason() {
    assert!(matches!(
        Baseline::from_json("not json"),
        Err(BaselineError::Invalid(_))
    ));
    assert!(matches!(
        Baseline::from_json("{\"tasks\": []}"),
        Err(BaselineError::Invalid(_))
    ));
    let newer = capture(&plan().plan).to_json().replace(FORMAT, "prog-baseline/9");
    let err = Baseline::from_json(&newer).unwrap_err();
    assert_eq!(err, BaselineError::Version("prog-baseline/9".into()));
    assert_eq!(
        err.to_string(),
        "baseline format `prog-baseline/9` is not supported (this prog reads `prog-baseline/1`)"
    );
}

#[test]
fn variance_counts_working_days_and_lists_added_and_removed() {
    let base = capture(&plan().plan);
    // a grows from 5 to 8 days; b is renamed c (removed, then added).
    let mut changed = plan();
    changed.task_mut(TaskId(0)).work = Some(WorkSpec::Duration(days(8)));
    changed.task_mut(TaskId(1)).id = "c".into();
    let d = changed.task("d", 1);
    let _ = d;
    let cal = WorkCalendar::new(&changed.plan);
    let s = schedule(&changed.plan);
    let v = Variance::new(&changed.plan, &s, &cal, &base);
    let a = v.tasks[0].expect("a is in the baseline");
    assert_eq!((a.start_variance, a.finish_variance), (0.0, 3.0));
    assert_eq!(
        (a.baseline_start, a.baseline_finish),
        (date("2027-01-04"), date("2027-01-08"))
    );
    assert_eq!(v.tasks[1], None);
    assert_eq!(v.added, [TaskId(1), TaskId(2)]);
    assert_eq!(v.removed, ["b"]);
    // c ends on day 17 (Wed 27th) against b's 14 (Fri 22nd): +3 working days.
    assert_eq!((v.baseline_finish, v.finish_variance), (date("2027-01-22"), 3.0));
    assert_eq!(Variance::days_text(3.0), "+3d");
    assert_eq!(Variance::days_text(-0.5), "-0.5d");
    assert_eq!(Variance::days_text(0.0), "0d");
    let doc = ScheduleDoc::new(&changed.plan, &s, &cal).with_baseline(&v);
    assert_eq!(doc.finish_variance, Some(3.0));
    assert_eq!(
        doc.tasks[0].baseline.as_ref().map(|b| b.finish_variance),
        Some(3.0)
    );
    assert!(doc.tasks[1].baseline.is_none());
}

#[test]
fn planned_value_follows_the_baseline() {
    // Baseline a [0, 5], b [5, 15]. Since then a grew to 8 days; at the end
    // of Fri 2027-01-08 (day 4, 5 days in) the baseline had a done: PV 5,
    // where the current plan would say 5 of 8 days of a.
    let base = capture(&plan().plan);
    let mut now = plan();
    now.task_mut(TaskId(0)).work = Some(WorkSpec::Duration(days(8)));
    now.plan.program.status_date = Some(date("2027-01-08"));
    let cal = WorkCalendar::new(&now.plan);
    let (times, end) = base.planned_times(&now.plan, &cal);
    assert_eq!((times[1].es, times[1].ef, end), (days(5), days(15), days(15)));
    let ev = evm::earned_value(&now.plan, &cal, &times, end).unwrap();
    // BAC of a is now 8 person-days; the baseline had it all planned by now.
    assert_eq!(ev.tasks[0].pv, 8.0);
    assert_eq!(ev.tasks[1].pv, 0.0);
}

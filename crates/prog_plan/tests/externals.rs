//! Externals in the engines: pinned to their date in the schedule, drawn
//! uniformly from their promised range in the forecast.

mod common;

use common::{Builder, date};
use prog_plan::forecast::Options;
use prog_plan::{DateRange, DepKind, External, ExternalStatus, WorkCalendar, external, forecast};

/// Start Mon 2027-02-01 (day 0). `vendor` is promised between Mon Feb 8
/// (day 5) and Fri Feb 12 (day 9); `build` (2 days) follows it.
fn plan() -> prog_plan::Plan {
    let mut b = Builder::new("2027-02-01");
    let vendor = b.milestone("vendor");
    let build = b.task("build", 2);
    b.dep(build, vendor, DepKind::FinishToStart, 0);
    let range = DateRange {
        first: date("2027-02-08"),
        last: date("2027-02-12"),
    };
    b.plan.tasks[vendor.index()].not_before = external::pin(range.last);
    b.plan.externals.push(External {
        task: vendor,
        contact: None,
        expected: Some(range),
        status: ExternalStatus::Committed,
        delivered: None,
    });
    b.plan
}

#[test]
fn the_schedule_waits_for_the_end_of_the_promised_range() {
    let plan = plan();
    let cal = WorkCalendar::new(&plan);
    let schedule = prog_plan::schedule(&plan);
    // There at the end of Fri Feb 12 (day 9): build on days 10–11, Mon
    // Feb 15 to Tue Feb 16.
    assert_eq!(cal.plan_dates(schedule.duration).1, date("2027-02-16"));
    // The program's own work (build alone) could start at once: vendor is
    // needed by the start, and arriving at the end of day 9 it is 10
    // working days late, all of which the finish shows (Feb 2 → Feb 16).
    let timing = external::timings(&plan, &cal)[0];
    assert_eq!(timing.needed_by, date("2027-02-01"));
    assert_eq!(timing.slack.as_days(), -10.0);
}

#[test]
fn the_forecast_draws_the_arrival_uniformly_from_the_range() {
    let plan = plan();
    assert!(prog_plan::forecast::is_uncertain(&plan));
    let cal = WorkCalendar::new(&plan);
    let options = Options {
        iterations: 5_000,
        ..Options::default()
    };
    let f = forecast(&plan, &cal, &options, |_, _| {});
    // Arrival on day 5..=9 (the end of Mon Feb 8 .. Fri Feb 12), each with
    // chance 1/5; build then finishes 2 days later: on Wed Feb 10 (end of
    // day 7) at the earliest and Tue Feb 16 (end of day 11) at the latest.
    let first = f.finish.cdf.first().unwrap();
    let last = f.finish.cdf.last().unwrap();
    assert_eq!(first.date, date("2027-02-10"));
    assert_eq!(last.date, date("2027-02-16"));
    assert_eq!(f.finish.cdf.len(), 5);
    // Each of the five days takes about a fifth of the runs.
    let mut before = 0.0;
    for point in &f.finish.cdf {
        let share = point.share - before;
        assert!((share - 0.2).abs() < 0.03, "{point:?}: {share}");
        before = point.share;
    }
}

#[test]
fn needed_by_is_about_the_finish_not_the_deadlines() {
    let mut plan = plan();
    // A deadline on build it cannot meet (Wed Feb 3, while the vendor is
    // there only at the end of Feb 12) would make every late time
    // negative; needed-by ignores it, so it is the same as without.
    let cal = WorkCalendar::new(&plan);
    let before = external::timings(&plan, &cal)[0];
    plan.tasks[1].deadline = Some(date("2027-02-03"));
    assert_eq!(external::timings(&plan, &cal)[0], before);
    assert_eq!(before.slack.as_days(), -10.0);
}

//! An MSPDI file's Baseline 0 as a `prog baseline` file of the imported
//! plan: the baseline dates in the plan's working days.

use chrono::NaiveDateTime;
use prog_plan::baseline::Baseline;
use prog_plan::{Work, WorkCalendar};

use super::time::hours_into_day;

/// Working time from the program start to `at`.
fn offset(cal: &WorkCalendar, at: NaiveDateTime) -> Work {
    let day = cal.day_on_or_after(at.date());
    let hours = if cal.is_working(at.date()) {
        hours_into_day(at.time())
    } else {
        0
    };
    Work(Work::days(day).0 + hours)
}

/// `captured` (the imported plan's own schedule, from
/// `Baseline::capture`) with the dates of `dates` (id, baseline start and
/// finish) in place of the schedule's: tasks without baseline dates keep
/// the captured ones. Budgets and work stay those of the plan.
pub fn with_baseline_dates(
    mut captured: Baseline,
    cal: &WorkCalendar,
    dates: &[(String, NaiveDateTime, NaiveDateTime)],
) -> Baseline {
    for task in &mut captured.tasks {
        let Some((_, start, finish)) = dates.iter().find(|(id, _, _)| *id == task.id) else {
            continue;
        };
        let (es, ef) = (offset(cal, *start), offset(cal, *finish).max(offset(cal, *start)));
        task.es = es.as_days();
        task.ef = ef.as_days();
        task.start = start.date();
        task.finish = finish.date();
        task.duration_days = (ef - es).as_days();
    }
    if let Some(last) = captured.tasks.iter().map(|t| t.ef).reduce(f64::max) {
        captured.duration_days = last;
        captured.finish = captured
            .tasks
            .iter()
            .map(|t| t.finish)
            .max()
            .unwrap_or(captured.finish);
    }
    captured
}

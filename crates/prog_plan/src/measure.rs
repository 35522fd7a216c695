//! Earned value measured against the performance measurement baseline
//! when the plan has one, else against the plan without progress.

use crate::baseline::Baseline;
use crate::calendar::WorkCalendar;
use crate::evm::{EarnedValue, Unit, earned_against, earned_value};
use crate::model::Plan;
use crate::schedule::Schedule;

/// Earned value of `plan` at its status date, `None` without one: against
/// `baseline` when there is one (its dates and budgets), else against the
/// plan without progress that `schedule` holds. The reports, the status,
/// the diff and the editor all measure through here.
pub fn measure(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
    baseline: Option<&Baseline>,
) -> Option<EarnedValue> {
    match baseline {
        Some(baseline) => {
            let (times, end) = baseline.planned_times(plan, cal);
            let unit = Unit::parse(&baseline.unit).unwrap_or_else(|| Unit::of(plan));
            let budgets = baseline.budgets(plan);
            earned_against(plan, cal, &times, end, unit, Some(&budgets))
        }
        None => {
            let planned = schedule.planned();
            earned_value(plan, cal, &planned.tasks, planned.duration)
        }
    }
}

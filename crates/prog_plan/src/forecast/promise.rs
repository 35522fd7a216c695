//! The promised ranges of open externals (`expected A .. B`): in each run,
//! the external arrives on a working day drawn uniformly from its range.

use rand::RngExt;
use rand_pcg::Pcg64;

use crate::calendar::WorkCalendar;
use crate::external::pin;
use crate::model::Plan;

/// One open external with a range: its milestone, and the earliest start
/// its successors may have, in whole working days, at the range's ends.
pub(super) struct Promise {
    task: usize,
    first: i64,
    last: i64,
}

/// The promises of `plan` that leave something to draw.
pub(super) fn promises(plan: &Plan, cal: &WorkCalendar) -> Vec<Promise> {
    let day = |date| pin(date).map(|d| cal.day_on_or_after(d));
    plan.externals
        .iter()
        .filter(|e| e.is_open())
        .filter_map(|e| {
            let range = e.expected?;
            let (first, last) = (day(range.first)?, day(range.last)?);
            (first < last).then_some(Promise {
                task: e.task.index(),
                first,
                last,
            })
        })
        .collect()
}

/// Sets the floor of each promised milestone to a day drawn from its range,
/// never before `now` (the earliest open work may be scheduled).
pub(super) fn draw(promises: &[Promise], rng: &mut Pcg64, now: i64, floor: &mut [i64]) {
    for p in promises {
        let day = rng.random_range(p.first..=p.last);
        floor[p.task] = crate::model::Work::days(day).0.max(now);
    }
}

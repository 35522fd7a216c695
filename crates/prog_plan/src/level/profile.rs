//! Resource profiles: per resource, the units left free by a schedule being
//! built, over working days.
//!
//! Leave and a resource's own calendar are not in the profile: a task never
//! works on a day one of its resources is unavailable (see
//! [`workdays`](super::workdays)). Two representations answer the same
//! questions alike, chosen per problem: steps for long spans, where a run
//! of booked days is passed in one step, and one entry per day for short
//! ones (PSPLIB's), where finding a day is an index.

mod days;
mod steps;

use days::Days;
use steps::Steps;

use super::problem::Problem;
use super::workdays::{DAY, HORIZON, WorkDays};

/// The most entries (resources times days) of profiles kept by day: 4 MiB.
const MOST_DAY_ENTRIES: i64 = 1 << 20;

/// The most days a pass over profiles kept by day may scan: each task
/// placed may pass every day of the span (tasks without dependencies queue
/// at its start), where steps pass a run of booked days at once.
const MOST_DAYS_SCANNED: i64 = 1 << 22;

pub(crate) enum Profiles {
    Steps(Steps),
    Days(Days),
}

impl Profiles {
    /// Profiles by day when those of every resource over every day a
    /// schedule of `p` could reach take at most [`MOST_DAY_ENTRIES`] and
    /// a task on each of those days makes at most [`MOST_DAYS_SCANNED`],
    /// else by steps.
    ///
    /// A serial schedule of tasks that work every day ends by the latest
    /// floor plus every duration, every positive lag and a day per task
    /// (each may wait for the next day): from there on nothing is booked.
    /// A task on its resources' calendar may stretch up to [`HORIZON`].
    pub(crate) fn new(p: &Problem) -> Profiles {
        let booking = || {
            p.leaves
                .iter()
                .map(|&v| v as usize)
                .filter(|&v| !p.demands.row(v).is_empty())
        };
        let origin = booking().map(|v| p.floor[v].div_euclid(DAY)).min().unwrap_or(0);
        let reach = if booking().any(|v| p.workdays[v] != WorkDays::EVERY_DAY) {
            HORIZON
        } else {
            let mut hours = p.leaves.iter().map(|&v| p.floor[v as usize]).max().unwrap_or(0);
            for &v in &p.leaves {
                let lags = p.preds.row(v as usize).iter().map(|arc| arc.lag.max(0));
                hours = lags.fold(
                    hours.saturating_add(p.duration[v as usize].max(0)),
                    i64::saturating_add,
                );
            }
            (hours / DAY)
                .saturating_add(p.leaves.len() as i64 + 1)
                .min(HORIZON)
        };
        let span = reach.saturating_sub(origin).saturating_add(1);
        let entries = (p.capacity.len() as i64).saturating_mul(span);
        let scanned = (p.leaves.len() as i64).saturating_mul(span);
        if entries <= MOST_DAY_ENTRIES && scanned <= MOST_DAYS_SCANNED {
            Profiles::Days(Days::new(p.capacity.clone(), origin))
        } else {
            Profiles::Steps(Steps::new(p.capacity.clone()))
        }
    }

    /// Forgets every booking.
    pub(crate) fn clear(&mut self) {
        match self {
            Profiles::Steps(p) => p.clear(),
            Profiles::Days(p) => p.clear(),
        }
    }

    /// Books `units` of `resource` on the days `first..=last`.
    pub(crate) fn book(&mut self, resource: u32, units: u32, first: i64, last: i64) {
        match self {
            Profiles::Steps(p) => p.book(resource, units, first, last),
            Profiles::Days(p) => p.book(resource, units, first, last),
        }
    }

    /// The first day from `first` on that starts a run of days on which
    /// `resource` has `units` free: `on_first` days long when it is `first`,
    /// `later` days long otherwise (a start within a day touches one day
    /// more).
    pub(crate) fn earliest_fit(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        on_first: i64,
        later: i64,
    ) -> i64 {
        match self {
            Profiles::Steps(p) => p.earliest_fit(resource, units, first, on_first, later),
            Profiles::Days(p) => p.earliest_fit(resource, units, first, on_first, later),
        }
    }

    /// The last day up to `last` that ends such a run: `on_last` days long
    /// when it is `last`, `later` days long otherwise.
    pub(crate) fn latest_fit(&self, resource: u32, units: u32, last: i64, on_last: i64, later: i64) -> i64 {
        match self {
            Profiles::Steps(p) => p.latest_fit(resource, units, last, on_last, later),
            Profiles::Days(p) => p.latest_fit(resource, units, last, on_last, later),
        }
    }

    /// Among the runs of days within `first..=last` on which `resource` has
    /// fewer than `units` free (each of one value), the latest that `counts`
    /// (a test of a run of days) accepts; its last day.
    pub(crate) fn last_short<E>(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        last: i64,
        counts: impl FnMut(i64, i64) -> Result<bool, E>,
    ) -> Result<Option<i64>, E> {
        match self {
            Profiles::Steps(p) => p.last_short(resource, units, first, last, counts),
            Profiles::Days(p) => p.last_short(resource, units, first, last, counts),
        }
    }

    /// The earliest such run, as [`Profiles::last_short`]; its first day.
    pub(crate) fn first_short<E>(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        last: i64,
        counts: impl FnMut(i64, i64) -> Result<bool, E>,
    ) -> Result<Option<i64>, E> {
        match self {
            Profiles::Steps(p) => p.first_short(resource, units, first, last, counts),
            Profiles::Days(p) => p.first_short(resource, units, first, last, counts),
        }
    }
}

/// Empty profiles of both kinds over `capacity`, for tests of what uses
/// them.
#[cfg(test)]
pub(crate) fn both(capacity: &[u32]) -> [Profiles; 2] {
    [
        Profiles::Steps(Steps::new(capacity.to_vec())),
        Profiles::Days(Days::new(capacity.to_vec(), 0)),
    ]
}

#[cfg(test)]
mod tests {
    use super::{Days, Profiles, Steps};

    /// The first (or last) short run of `resource` within `first..=last`
    /// that a test accepting some runs and not others (by `skip`) accepts,
    /// and the runs it was asked about, in order.
    fn short(
        profiles: &Profiles,
        earliest: bool,
        resource: u32,
        units: u32,
        first: i64,
        last: i64,
        skip: i64,
    ) -> (Option<i64>, Vec<(i64, i64)>) {
        let mut asked = Vec::new();
        let counts = |a: i64, b: i64| {
            asked.push((a, b));
            Ok::<_, ()>((a + b) % 3 != skip)
        };
        let found = if earliest {
            profiles.first_short(resource, units, first, last, counts)
        } else {
            profiles.last_short(resource, units, first, last, counts)
        };
        (found.expect("the test never fails"), asked)
    }

    /// Random bookings in both representations, then every question asked
    /// of both at random places: the answers agree, and again once both
    /// are cleared and booked anew.
    #[test]
    fn days_answer_as_steps_do() {
        let mut rng = fastrand::Rng::with_seed(3);
        let capacity = vec![300u32, 200];
        for _ in 0..300 {
            let origin = rng.i64(-3..3);
            let mut steps = Profiles::Steps(Steps::new(capacity.clone()));
            let mut days = Profiles::Days(Days::new(capacity.clone(), origin));
            // Twice: the second time over profiles cleared of the first.
            for _ in 0..2 {
                // Free units by resource and day, from day -5 on.
                let mut free: Vec<Vec<u32>> = capacity.iter().map(|&c| vec![c; 60]).collect();
                for _ in 0..rng.usize(0..20) {
                    let r = rng.u32(0..2);
                    let units = 100 * rng.u32(1..=capacity[r as usize] / 100);
                    // Some bookings before the origin; only where there is room,
                    // as the serial scheme books.
                    let first = rng.i64(-5..40);
                    let last = first + rng.i64(0..8);
                    let span = &mut free[r as usize][(first + 5) as usize..=(last + 5) as usize];
                    if span.iter().all(|&f| f >= units) {
                        span.iter_mut().for_each(|f| *f -= units);
                        steps.book(r, units, first, last);
                        days.book(r, units, first, last);
                    }
                }
                for _ in 0..40 {
                    let r = rng.u32(0..2);
                    let units = 100 * rng.u32(1..=capacity[r as usize] / 100);
                    let (a, b) = (rng.i64(-10..55), rng.i64(1..6));
                    let later = rng.i64(1..6);
                    assert_eq!(
                        steps.earliest_fit(r, units, a, b, later),
                        days.earliest_fit(r, units, a, b, later)
                    );
                    assert_eq!(
                        steps.latest_fit(r, units, a, b, later),
                        days.latest_fit(r, units, a, b, later)
                    );
                    let last = a + rng.i64(0..20);
                    let skip = rng.i64(0..3);
                    assert_eq!(
                        short(&steps, true, r, units, a, last, skip),
                        short(&days, true, r, units, a, last, skip)
                    );
                    assert_eq!(
                        short(&steps, false, r, units, a, last, skip),
                        short(&days, false, r, units, a, last, skip)
                    );
                }
                steps.clear();
                days.clear();
            }
        }
    }
}

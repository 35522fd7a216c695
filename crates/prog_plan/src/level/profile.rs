//! Resource profiles: per resource, the units left free by a schedule being
//! built, as a step function over working days.
//!
//! A profile is the list of days where what is free changes, so booking a
//! task and finding where one fits cost in the number of bookings around
//! it, not in its days; a run of fully booked days is passed in one step.
//! Leave and a resource's own calendar are not in the profile: a task never
//! works on a day one of its resources is unavailable (see
//! [`workdays`](super::workdays)). Clearing keeps the memory, so a pass
//! of the serial scheme allocates nothing once the lists have grown.

/// From day `from` on (up to the next step), `free` units are free.
#[derive(Clone, Copy, Debug)]
struct Step {
    from: i64,
    free: i64,
}

pub(crate) struct Profiles {
    capacity: Vec<u32>,
    steps: Vec<Vec<Step>>,
}

impl Profiles {
    pub(crate) fn new(capacity: Vec<u32>) -> Profiles {
        let steps = capacity
            .iter()
            .map(|&c| {
                vec![Step {
                    from: i64::MIN,
                    free: i64::from(c),
                }]
            })
            .collect();
        Profiles { capacity, steps }
    }

    /// Forgets every booking.
    pub(crate) fn clear(&mut self) {
        for (steps, &c) in self.steps.iter_mut().zip(&self.capacity) {
            steps.clear();
            steps.push(Step {
                from: i64::MIN,
                free: i64::from(c),
            });
        }
    }

    /// The index of the step that holds `day`.
    fn step_at(steps: &[Step], day: i64) -> usize {
        steps.partition_point(|s| s.from <= day) - 1
    }

    /// The last day of step `k` (the day before the next step).
    fn last_day(steps: &[Step], k: usize) -> i64 {
        steps.get(k + 1).map_or(i64::MAX, |n| n.from - 1)
    }

    /// The runs of days within `first..=last` on which `resource` has fewer
    /// than `units` free, in order, each as its first and last day there.
    fn short_runs(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        last: i64,
    ) -> impl DoubleEndedIterator<Item = (i64, i64)> + '_ {
        let steps = &self.steps[resource as usize];
        let units = i64::from(units);
        (Self::step_at(steps, first)..=Self::step_at(steps, last))
            .filter(move |&k| steps[k].free < units)
            .map(move |k| (steps[k].from.max(first), Self::last_day(steps, k).min(last)))
    }

    /// The latest of the [short runs](Profiles::short_runs) that `counts`
    /// (a test of a run of days) accepts; its last day.
    pub(crate) fn last_short<E>(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        last: i64,
        mut counts: impl FnMut(i64, i64) -> Result<bool, E>,
    ) -> Result<Option<i64>, E> {
        for (from, end) in self.short_runs(resource, units, first, last).rev() {
            if counts(from, end)? {
                return Ok(Some(end));
            }
        }
        Ok(None)
    }

    /// The earliest such run, as [`Profiles::last_short`]; its first day.
    pub(crate) fn first_short<E>(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        last: i64,
        mut counts: impl FnMut(i64, i64) -> Result<bool, E>,
    ) -> Result<Option<i64>, E> {
        for (from, end) in self.short_runs(resource, units, first, last) {
            if counts(from, end)? {
                return Ok(Some(from));
            }
        }
        Ok(None)
    }

    /// The first day from `first` on that starts a run of days on which
    /// `resource` has `units` free: `on_first` days long when it is `first`,
    /// `later` days long otherwise (a start within a day touches one day
    /// more). One scan of the steps, for a task that works every day.
    pub(crate) fn earliest_fit(
        &self,
        resource: u32,
        units: u32,
        first: i64,
        on_first: i64,
        later: i64,
    ) -> i64 {
        let steps = &self.steps[resource as usize];
        let units = i64::from(units);
        let (mut from, mut need) = (first, on_first);
        // The last step is never short: every booking ends, and no demand
        // exceeds the capacity.
        for (k, s) in steps.iter().enumerate().skip(Self::step_at(steps, first)) {
            let last = Self::last_day(steps, k);
            if s.free < units {
                (from, need) = (last.saturating_add(1), later);
            } else if from + need - 1 <= last {
                return from;
            }
        }
        from
    }

    /// The last day up to `last` that ends such a run: `on_last` days long
    /// when it is `last`, `later` days long otherwise.
    pub(crate) fn latest_fit(&self, resource: u32, units: u32, last: i64, on_last: i64, later: i64) -> i64 {
        let steps = &self.steps[resource as usize];
        let units = i64::from(units);
        let (mut to, mut need) = (last, on_last);
        // The first step, from the earliest day on, is never short.
        for s in steps[..=Self::step_at(steps, last)].iter().rev() {
            if s.free < units {
                (to, need) = (s.from - 1, later);
            } else if to - need + 1 >= s.from {
                return to;
            }
        }
        to
    }

    /// Books `units` of `resource` on the days `first..=last`.
    pub(crate) fn book(&mut self, resource: u32, units: u32, first: i64, last: i64) {
        let steps = &mut self.steps[resource as usize];
        let k = Self::step_at(steps, first);
        let next = steps.get(k + 1).map(|s| s.from);
        if last < i64::MAX && next.is_none_or(|n| last < n) {
            book_within(steps, k, i64::from(units), first, last);
            return;
        }
        let a = split(steps, first);
        let b = if last == i64::MAX {
            steps.len()
        } else {
            split(steps, last + 1)
        };
        for s in &mut steps[a..b] {
            s.free -= i64::from(units);
        }
        // Inside the range neighbours stay different; only its two ends
        // can now equal the step next to them.
        if b < steps.len() && steps[b].free == steps[b - 1].free {
            steps.remove(b);
        }
        if a > 0 && steps[a].free == steps[a - 1].free {
            steps.remove(a);
        }
    }
}

/// [`Profiles::book`] within step `k`, the usual case: the step is cut or
/// merged with a neighbour in place, with at most one insertion.
fn book_within(steps: &mut Vec<Step>, k: usize, units: i64, first: i64, last: i64) {
    let free = steps[k].free;
    let left = steps[k].from == first;
    let right = steps.get(k + 1).is_some_and(|n| n.from == last + 1);
    let booked = free - units;
    let joins_left = left && k > 0 && steps[k - 1].free == booked;
    let joins_right = right && steps[k + 1].free == booked;
    match (left, right) {
        (true, true) => {
            steps[k].free = booked;
            match (joins_left, joins_right) {
                (true, true) => drop(steps.drain(k..=k + 1)),
                (true, false) => drop(steps.remove(k)),
                (false, true) => drop(steps.remove(k + 1)),
                (false, false) => {}
            }
        }
        (true, false) if joins_left => steps[k].from = last + 1,
        (true, false) => {
            steps[k].from = last + 1;
            steps.insert(
                k,
                Step {
                    from: first,
                    free: booked,
                },
            );
        }
        (false, true) if joins_right => steps[k + 1].from = first,
        (false, true) => steps.insert(
            k + 1,
            Step {
                from: first,
                free: booked,
            },
        ),
        (false, false) => {
            let cut = [
                Step {
                    from: first,
                    free: booked,
                },
                Step { from: last + 1, free },
            ];
            steps.splice(k + 1..k + 1, cut);
        }
    }
}

/// Makes a step start at `day`; its index.
fn split(steps: &mut Vec<Step>, day: i64) -> usize {
    let k = Profiles::step_at(steps, day);
    if steps[k].from == day {
        return k;
    }
    steps.insert(
        k + 1,
        Step {
            from: day,
            free: steps[k].free,
        },
    );
    k + 1
}

#[cfg(test)]
mod tests {
    use super::Profiles;

    /// Free units per day over `days`, read back from the steps.
    fn free(p: &Profiles, days: std::ops::Range<i64>) -> Vec<i64> {
        let steps = &p.steps[0];
        days.map(|d| steps[Profiles::step_at(steps, d)].free).collect()
    }

    #[test]
    fn bookings_match_a_day_by_day_count_and_keep_steps_merged() {
        let mut rng = fastrand::Rng::with_seed(5);
        for _ in 0..200 {
            let mut p = Profiles::new(vec![300]);
            let mut by_day = vec![300i64; 40];
            for _ in 0..12 {
                let first = rng.i64(0..35);
                let last = first + rng.i64(0..5);
                let units = rng.u32(1..=2) * 50;
                p.book(0, units, first, last);
                for day in &mut by_day[first as usize..=last as usize] {
                    *day -= i64::from(units);
                }
                assert_eq!(free(&p, 0..40), by_day);
                let steps = &p.steps[0];
                assert!(
                    steps
                        .windows(2)
                        .all(|w| w[0].free != w[1].free && w[0].from < w[1].from)
                );
            }
        }
    }
}

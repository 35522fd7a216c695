//! Profiles as step functions: per resource, the list of days where what is
//! free changes, so booking a task and finding where one fits cost in the
//! number of bookings around it, not in its days; a run of fully booked
//! days is passed in one step. Clearing keeps the memory, so a pass of the
//! serial scheme allocates nothing once the lists have grown.

use std::cell::Cell;

/// From day `from` on (up to the next step), `free` units are free.
#[derive(Clone, Copy, Debug)]
struct Step {
    from: i64,
    free: i64,
}

pub(crate) struct Steps {
    capacity: Vec<u32>,
    steps: Vec<Vec<Step>>,
    /// The steps a booking rewrites, kept from booking to booking.
    cut: Vec<Step>,
    /// Per resource, the index of the step the last search found. The
    /// next search is often for the same day (a task is booked where its
    /// place was just found), so it looks there before searching.
    found: Vec<Cell<usize>>,
}

impl Steps {
    pub(crate) fn new(capacity: Vec<u32>) -> Steps {
        let steps = capacity
            .iter()
            .map(|&c| {
                vec![Step {
                    from: i64::MIN,
                    free: i64::from(c),
                }]
            })
            .collect();
        Steps {
            found: vec![Cell::new(0); capacity.len()],
            capacity,
            steps,
            cut: Vec::new(),
        }
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

    /// [`Steps::step_at`] in `resource`'s steps, looking first at the
    /// step found last: a task is most often booked where its place was
    /// just found.
    fn find(&self, resource: u32, day: i64) -> usize {
        let steps = &self.steps[resource as usize];
        let found = &self.found[resource as usize];
        let k = found.get();
        let holds = steps.get(k).is_some_and(|s| s.from <= day)
            && steps.get(k + 1).is_none_or(|next| day < next.from);
        let k = if holds { k } else { Self::step_at(steps, day) };
        found.set(k);
        k
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

    /// [`Profiles::last_short`](super::Profiles::last_short) over the
    /// [short runs](Steps::short_runs).
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

    /// [`Profiles::first_short`](super::Profiles::first_short).
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

    /// [`Profiles::earliest_fit`](super::Profiles::earliest_fit): one scan
    /// of the steps, for a task that works every day.
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
        for (k, s) in steps.iter().enumerate().skip(self.find(resource, first)) {
            let last = Self::last_day(steps, k);
            if s.free < units {
                (from, need) = (last.saturating_add(1), later);
            } else if from + need - 1 <= last {
                return from;
            }
        }
        from
    }

    /// [`Profiles::latest_fit`](super::Profiles::latest_fit).
    pub(crate) fn latest_fit(&self, resource: u32, units: u32, last: i64, on_last: i64, later: i64) -> i64 {
        let steps = &self.steps[resource as usize];
        let units = i64::from(units);
        let (mut to, mut need) = (last, on_last);
        // The first step, from the earliest day on, is never short.
        for s in steps[..=self.find(resource, last)].iter().rev() {
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
        let k = self.find(resource, first);
        let steps = &mut self.steps[resource as usize];
        let next = steps.get(k + 1).map(|s| s.from);
        if last < i64::MAX && next.is_none_or(|n| last < n) {
            book_within(steps, k, i64::from(units), first, last);
        } else {
            book_across(steps, &mut self.cut, k, i64::from(units), first, last);
        }
    }
}

/// [`Steps::book`] over the steps from `a` on: the steps the days touch
/// are rewritten in `cut` (the step cut at `first`, each step lowered, the
/// step cut after `last`, less the ends that now equal their neighbours)
/// and put in their place at once, so the steps after them move once.
fn book_across(steps: &mut Vec<Step>, cut: &mut Vec<Step>, a: usize, units: i64, first: i64, last: i64) {
    let mut b = a;
    while steps.get(b + 1).is_some_and(|s| s.from <= last) {
        b += 1;
    }
    cut.clear();
    if steps[a].from < first {
        cut.push(steps[a]);
    }
    let joins_left = steps[a].from == first && a > 0 && steps[a - 1].free == steps[a].free - units;
    if !joins_left {
        cut.push(Step {
            from: first,
            free: steps[a].free - units,
        });
    }
    cut.extend(steps[a + 1..=b].iter().map(|s| Step {
        from: s.from,
        free: s.free - units,
    }));
    let mut end = b + 1;
    match (steps.get(b + 1), last.checked_add(1)) {
        (_, None) => {}
        (Some(next), Some(after)) if next.from == after => {
            if next.free == steps[b].free - units {
                end += 1;
            }
        }
        (_, Some(after)) => cut.push(Step {
            from: after,
            free: steps[b].free,
        }),
    }
    // In place of `steps[a..end]`: the steps after it move once.
    steps.splice(a..end, cut.iter().copied());
}

/// [`Steps::book`] within step `k`, the usual case: the step is cut or
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

#[cfg(test)]
mod tests {
    use super::Steps;

    /// Free units per day over `days`, read back from the steps.
    fn free(p: &Steps, days: std::ops::Range<i64>) -> Vec<i64> {
        let steps = &p.steps[0];
        days.map(|d| steps[Steps::step_at(steps, d)].free).collect()
    }

    #[test]
    fn bookings_match_a_day_by_day_count_and_keep_steps_merged() {
        let mut rng = fastrand::Rng::with_seed(5);
        for _ in 0..200 {
            let mut p = Steps::new(vec![300]);
            let mut by_day = vec![300i64; 48];
            for _ in 0..12 {
                // Up to twelve days: a booking across several steps.
                let first = rng.i64(0..35);
                let last = first + rng.i64(0..12);
                let units = rng.u32(1..=2) * 50;
                p.book(0, units, first, last);
                for day in &mut by_day[first as usize..=last as usize] {
                    *day -= i64::from(units);
                }
                assert_eq!(free(&p, 0..48), by_day);
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

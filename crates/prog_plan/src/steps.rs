//! Values over working days held as runs of equal value: a resource's load
//! and capacity cost memory per change (a task starting or ending, a leave),
//! not per day of the span.

use std::ops::Range;

/// A step function over the working days `0..days`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Steps {
    days: usize,
    /// The first day and value of each run, by first day: the first run
    /// starts on day 0 (when there are days), and neighbours differ. Days
    /// in 32 bits: a profile of a long plan has a run per week of a
    /// part-week calendar, for every resource.
    runs: Vec<(u32, u32)>,
}

impl Steps {
    /// `value` on each of the days `0..days`.
    pub fn constant(days: usize, value: u32) -> Steps {
        let mut steps = Steps::builder(days);
        steps.set(0, value);
        steps.finish()
    }

    /// A builder that is told where the value changes, in order of day.
    pub fn builder(days: usize) -> StepsBuilder {
        StepsBuilder {
            steps: Steps {
                days,
                runs: Vec::new(),
            },
        }
    }

    /// The number of days covered.
    pub fn days(&self) -> usize {
        self.days
    }

    /// The value on `day`: 0 outside `0..days`.
    pub fn at(&self, day: usize) -> u32 {
        if day >= self.days {
            return 0;
        }
        let i = self.runs.partition_point(|&(first, _)| first as usize <= day);
        i.checked_sub(1).map_or(0, |i| self.runs[i].1)
    }

    /// The runs that overlap `days`, clipped to it, in order.
    pub fn runs_in(&self, days: Range<usize>) -> impl Iterator<Item = (Range<usize>, u32)> + '_ {
        let end = days.end.min(self.days);
        let start = days.start.min(end);
        let first = self.run_of(start);
        self.runs[first..]
            .iter()
            .enumerate()
            .map(move |(i, &(from, value))| {
                let to = self.runs.get(first + i + 1).map_or(self.days, |r| r.0 as usize);
                ((from as usize).max(start)..to.min(end), value)
            })
            .take_while(move |(range, _)| range.start < end)
            .filter(|(range, _)| !range.is_empty())
    }

    /// The pieces of `days` over which both `self` and `other` stay the
    /// same, with the value of each: `(days, self's, other's)`, in order.
    /// Walks both lists of runs by index: a long part-week profile has a
    /// run a week, and this runs over every one of them.
    pub fn zip<'a>(
        &'a self,
        other: &'a Steps,
        days: Range<usize>,
    ) -> impl Iterator<Item = (Range<usize>, u32, u32)> + 'a {
        let end = days.end.min(self.days).min(other.days);
        let mut day = days.start.min(end);
        let (mut i, mut j) = (self.run_of(day), other.run_of(day));
        std::iter::from_fn(move || {
            if day >= end {
                return None;
            }
            let (ends_here, ends_there) = (self.run_end(i), other.run_end(j));
            let to = ends_here.min(ends_there).min(end);
            let piece = (day..to, self.runs[i].1, other.runs[j].1);
            i += usize::from(ends_here == to);
            j += usize::from(ends_there == to);
            day = to;
            Some(piece)
        })
    }

    /// The index of the run that holds `day`, one of `0..days`.
    fn run_of(&self, day: usize) -> usize {
        self.runs
            .partition_point(|&(first, _)| first as usize <= day)
            .saturating_sub(1)
    }

    /// One past the last day of run `i`.
    fn run_end(&self, i: usize) -> usize {
        self.runs
            .get(i + 1)
            .map_or(self.days, |&(first, _)| first as usize)
    }

    /// Every run, in order.
    pub fn runs(&self) -> impl Iterator<Item = (Range<usize>, u32)> + '_ {
        self.runs_in(0..self.days)
    }

    /// The value of each day, in order: for small profiles and tests.
    pub fn by_day(&self) -> impl Iterator<Item = u32> + '_ {
        self.runs().flat_map(|(range, value)| range.map(move |_| value))
    }

    /// The sum of the values over `days`.
    pub fn sum(&self, days: Range<usize>) -> u64 {
        self.runs_in(days)
            .map(|(range, value)| range.len() as u64 * u64::from(value))
            .sum()
    }

    /// The largest value (0 with no days).
    pub fn max(&self) -> u32 {
        self.runs().map(|(_, value)| value).max().unwrap_or(0)
    }

    /// How many of `days` have a value other than 0.
    pub fn count_nonzero(&self, days: Range<usize>) -> usize {
        self.runs_in(days)
            .filter(|(_, value)| *value > 0)
            .map(|(range, _)| range.len())
            .sum()
    }
}

/// Builds [`Steps`] from the days on which the value changes.
pub struct StepsBuilder {
    steps: Steps,
}

impl StepsBuilder {
    /// From `day` on, the value is `value`. Days come in increasing order;
    /// a day past the end is ignored, a day given again replaces its value.
    pub fn set(&mut self, day: usize, value: u32) {
        let runs = &mut self.steps.runs;
        if day >= self.steps.days {
            return;
        }
        let day = u32::try_from(day).unwrap_or(u32::MAX);
        if runs.last().is_some_and(|&(last, _)| last >= day) {
            runs.pop();
        }
        if runs.last().is_none_or(|&(_, last)| last != value) {
            runs.push((day, value));
        }
    }

    pub fn finish(mut self) -> Steps {
        if self.steps.days > 0 && self.steps.runs.first().is_none_or(|&(first, _)| first > 0) {
            self.steps.runs.insert(0, (0, 0));
            self.steps.runs.dedup_by(|next, prev| next.1 == prev.1);
        }
        // Steps live as long as the plan's analysis: give back the spare
        // room that pushing left.
        self.steps.runs.shrink_to_fit();
        self.steps
    }
}

#[cfg(test)]
mod tests {
    use super::Steps;

    fn steps(days: usize, changes: &[(usize, u32)]) -> Steps {
        let mut b = Steps::builder(days);
        for &(day, value) in changes {
            b.set(day, value);
        }
        b.finish()
    }

    #[test]
    fn runs_merge_equal_neighbours_and_start_at_zero() {
        let s = steps(10, &[(2, 5), (4, 5), (6, 0), (6, 3)]);
        assert_eq!(s.by_day().collect::<Vec<_>>(), [0, 0, 5, 5, 5, 5, 3, 3, 3, 3]);
        assert_eq!(s.runs().count(), 3);
        assert_eq!(s.at(5), 5);
        assert_eq!(s.at(10), 0);
        assert_eq!(s.sum(1..7), 5 * 4 + 3);
        assert_eq!(s.max(), 5);
        assert_eq!(s.count_nonzero(0..10), 8);
        let clipped: Vec<_> = s.runs_in(3..7).collect();
        assert_eq!(clipped, [(3..6, 5), (6..7, 3)]);
        assert_eq!(s.runs_in(8..20).collect::<Vec<_>>(), [(8..10, 3)]);
        assert_eq!(s.runs_in(12..20).count(), 0);
    }

    #[test]
    fn a_long_span_costs_one_run_per_change() {
        let s = steps(1_000_000, &[(0, 100), (500_000, 0), (500_005, 100)]);
        assert_eq!(s.runs().count(), 3);
        assert_eq!(s.sum(0..1_000_000), 100 * 999_995);
        assert_eq!(Steps::constant(0, 7).runs().count(), 0);
        assert_eq!(Steps::constant(3, 7).by_day().collect::<Vec<_>>(), [7, 7, 7]);
    }

    /// Zipped pieces cover the days asked for (within both profiles) with
    /// both values of each day, and end wherever either value changes.
    #[test]
    fn zip_walks_both_profiles_day_by_day() {
        let mut rng = fastrand::Rng::with_seed(7);
        let random = |rng: &mut fastrand::Rng, days: usize| {
            let mut changes: Vec<(usize, u32)> = (0..rng.usize(0..6))
                .map(|_| (rng.usize(0..days + 2), rng.u32(0..3)))
                .collect();
            changes.sort_unstable_by_key(|c| c.0);
            steps(days, &changes)
        };
        for _ in 0..2_000 {
            let (a, b) = (random(&mut rng, 12), random(&mut rng, 12));
            let (from, to) = (rng.usize(0..14), rng.usize(0..14));
            let mut days = Vec::new();
            for (range, x, y) in a.zip(&b, from..to) {
                assert!(!range.is_empty(), "{a:?} {b:?}");
                let day = range.start;
                if !days.is_empty() {
                    let before = (a.at(day - 1), b.at(day - 1));
                    assert_ne!((a.at(day), b.at(day)), before, "a piece ends at no change");
                }
                days.extend(range.map(|day| (day, x, y)));
            }
            let expected: Vec<_> = (from..to.min(12))
                .map(|day| (day, a.at(day), b.at(day)))
                .collect();
            assert_eq!(days, expected, "{a:?} {b:?} {from}..{to}");
        }
    }
}

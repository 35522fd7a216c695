//! Counts gathered over runs. Every count is an integer, so tallies merge in
//! any order to the same totals: the result does not depend on how the runs
//! were split between threads.

use std::collections::BTreeMap;

use super::network::Network;
use crate::calendar::ceil_div;
use crate::cpm::{Passes, Recorded};
use crate::model::Work;

/// How many runs reached a time by each working day.
#[derive(Clone, Debug, Default)]
pub(super) struct Histogram {
    /// Runs by working day: a time of `h` hours falls on day `ceil(h / 8)`,
    /// the number of working days up to and including the day it is reached.
    /// Whole days lose nothing: dates are whole days too. A map rather than
    /// an array: an estimate of thousands of weeks, which analysis accepts,
    /// would stretch an array over millions of empty days.
    counts: BTreeMap<i64, u64>,
    /// The sum of the exact times, in hours, for the mean.
    hours: i128,
}

impl Histogram {
    pub(super) fn add(&mut self, hours: i64) {
        *self
            .counts
            .entry(ceil_div(hours, Work::HOURS_PER_DAY))
            .or_default() += 1;
        self.hours += i128::from(hours);
    }

    fn merge(&mut self, other: &Histogram) {
        for (&day, &runs) in &other.counts {
            *self.counts.entry(day).or_default() += runs;
        }
        self.hours += other.hours;
    }

    pub(super) fn runs(&self) -> u64 {
        self.counts.values().sum()
    }

    pub(super) fn total_hours(&self) -> i128 {
        self.hours
    }

    /// The days reached, each with the number of runs that reached it by
    /// then, ascending.
    pub(super) fn cumulative(&self) -> impl Iterator<Item = (i64, u64)> + '_ {
        self.counts.iter().scan(0, |done, (&day, &runs)| {
            *done += runs;
            Some((day, *done))
        })
    }

    /// The nearest-rank percentile: the first day by which at least
    /// `percent`% of the runs are done. `None` without runs.
    pub(super) fn percentile(&self, percent: u32) -> Option<i64> {
        let rank = (self.runs() * u64::from(percent)).div_ceil(100).max(1);
        self.cumulative()
            .find(|&(_, done)| done >= rank)
            .map(|(day, _)| day)
    }
}

/// Everything the result is made of, summed over runs.
pub(super) struct Tally {
    pub finish: Histogram,
    /// Per milestone of [`Network::milestones`], when it is reached.
    pub milestones: Vec<Histogram>,
    /// Per task, the runs in which it is critical.
    pub critical: Vec<u64>,
    /// Per risk of [`Network::risks`], the runs in which it fired and the sum
    /// of their finishes in hours.
    pub fired: Vec<u64>,
    pub fired_hours: Vec<i128>,
}

impl Tally {
    pub(super) fn new(net: &Network) -> Tally {
        Tally {
            finish: Histogram::default(),
            milestones: vec![Histogram::default(); net.milestones.len()],
            critical: vec![0; net.fixed.len()],
            fired: vec![0; net.risks.len()],
            fired_hours: vec![0; net.risks.len()],
        }
    }

    /// Counts one run. Criticality is the schedule's: total float at most
    /// zero, deadlines included; a group is critical when a leaf inside it is.
    pub(super) fn record(&mut self, net: &Network, passes: &Passes, fired: &[bool]) {
        self.finish.add(passes.end);
        for (histogram, m) in self.milestones.iter_mut().zip(&net.milestones) {
            histogram.add(passes.times[m.index()].ef);
        }
        // Finished work is history: never critical.
        let finished = |v: usize| matches!(net.recorded.get(v), Some(Recorded::Finished { .. }));
        let critical = |v: usize| passes.times[v].lf <= passes.times[v].ef && !finished(v);
        for (v, count) in self.critical.iter_mut().enumerate() {
            if net.is_leaf[v] && critical(v) {
                *count += 1;
            }
        }
        for &group in net.tree.groups_bottom_up() {
            let leaves = net.tree.leaves(group);
            let any = if leaves.is_empty() {
                passes.end <= 0
            } else {
                leaves.iter().any(|l| critical(l.index()))
            };
            self.critical[group.index()] += u64::from(any);
        }
        for (r, _) in fired.iter().enumerate().filter(|(_, f)| **f) {
            self.fired[r] += 1;
            self.fired_hours[r] += i128::from(passes.end);
        }
    }

    pub(super) fn merge(mut self, other: &Tally) -> Tally {
        self.finish.merge(&other.finish);
        for (a, b) in self.milestones.iter_mut().zip(&other.milestones) {
            a.merge(b);
        }
        let add = |a: &mut [u64], b: &[u64]| a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        add(&mut self.critical, &other.critical);
        add(&mut self.fired, &other.fired);
        for (a, b) in self.fired_hours.iter_mut().zip(&other.fired_hours) {
            *a += b;
        }
        self
    }
}

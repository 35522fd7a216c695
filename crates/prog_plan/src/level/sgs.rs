//! The serial schedule generation scheme, forward and backward, and the
//! forward-backward improvement (justification) built from the two.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::problem::{DAY, Problem};

/// How far from the program start leveling places work, in working days
/// (about 385 years): enough for any plan, and a bound on the work a plan
/// with absurd leave or dates can cause.
pub(crate) const HORIZON: i64 = 100_000;
use super::profile::Profiles;

/// A schedule of the leaves: start per task (groups keep 0), its length and
/// the order the serial scheme placed the leaves in.
#[derive(Clone, Debug)]
pub(crate) struct Solution {
    pub start: Vec<i64>,
    pub makespan: i64,
    /// The sum of the leaves' starts: between two schedules of one length,
    /// the one that starts work earlier is better.
    pub start_sum: i64,
}

impl Solution {
    pub(crate) fn key(&self) -> (i64, i64) {
        (self.makespan, self.start_sum)
    }
}

/// Runs the serial schemes and counts them.
pub(crate) struct Sgs<'p, 'a> {
    pub problem: &'p Problem,
    pub profiles: Profiles<'a>,
    /// Schedules generated so far, backward passes included.
    pub passes: usize,
}

impl<'p, 'a> Sgs<'p, 'a> {
    /// Places the leaves in `list` order (every leaf after those it depends
    /// on), each at the earliest time its dependencies and the resources
    /// allow. Fails with the first leaf that would end past [`HORIZON`].
    pub(crate) fn forward(&mut self, list: &[u32]) -> Result<Solution, u32> {
        self.passes += 1;
        let p = self.problem;
        self.profiles.clear();
        let mut start = vec![0i64; p.duration.len()];
        for &v in list {
            let v = v as usize;
            let mut t = p.earliest_start(v, &start);
            // Capacity changes only at day boundaries: past a full day, the
            // next candidate is the start of the day after it.
            while let Some(day) = self.profiles.blocking_day(p, v, t, true) {
                t = (day + 1) * DAY;
                if t > HORIZON * DAY {
                    return Err(v as u32);
                }
            }
            if t + p.duration[v] > HORIZON * DAY {
                return Err(v as u32);
            }
            self.profiles.book(p, v, t);
            start[v] = t;
        }
        Ok(self.finish(list, start))
    }

    /// Places the leaves from last to first, each as late as its successors
    /// in `after` and the resources allow within `after`'s length. A leaf
    /// never moves earlier than in `after`: the days it had there are still
    /// free enough, as everything placed before it only moved later.
    pub(crate) fn backward(&mut self, after: &Solution) -> Solution {
        self.passes += 1;
        let p = self.problem;
        self.profiles.clear();
        let order = order_by(
            p,
            |v| Reverse((after.start[v] + p.duration[v], after.start[v])),
            true,
        );
        let mut start = after.start.clone();
        for &v in &order {
            let v = v as usize;
            let finish = p.latest_finish(v, &start, after.makespan);
            let mut t = (finish - p.duration[v]).max(after.start[v]);
            while let Some(day) = self.profiles.blocking_day(p, v, t, false) {
                t = day * DAY - p.duration[v];
                if t < after.start[v] {
                    // Not reached (see above); kept so that a slip can never loop.
                    t = after.start[v];
                    break;
                }
            }
            self.profiles.book(p, v, t);
            start[v] = t;
        }
        self.finish(&order, start)
    }

    /// Forward-backward improvement: shifts every leaf right as far as it
    /// goes, then left again, in the order of the shifted schedule. Repeats
    /// while that shortens the schedule, at most `rounds` times. Returns the
    /// best schedule and the list that makes it.
    pub(crate) fn justify(&mut self, list: Vec<u32>, rounds: usize) -> Result<(Solution, Vec<u32>), u32> {
        let p = self.problem;
        let mut best = self.forward(&list)?;
        let mut best_list = list;
        for _ in 0..rounds {
            let right = self.backward(&best);
            let list = order_by(p, |v| (right.start[v], right.start[v] + p.duration[v]), false);
            let left = self.forward(&list)?;
            if left.key() < best.key() {
                let improved = left.makespan < best.makespan;
                best = left;
                best_list = list;
                if !improved {
                    break;
                }
            } else {
                break;
            }
        }
        Ok((best, best_list))
    }

    fn finish(&self, list: &[u32], start: Vec<i64>) -> Solution {
        let p = self.problem;
        let mut makespan = 0;
        let mut start_sum = 0;
        for &v in list {
            let v = v as usize;
            makespan = makespan.max(start[v] + p.duration[v]);
            start_sum += start[v];
        }
        Solution {
            start,
            makespan,
            start_sum,
        }
    }
}

/// The leaves in a topological order (reversed when `backward`) that takes
/// the eligible leaf with the least `key` first.
pub(crate) fn order_by<K: Ord>(p: &Problem, key: impl Fn(usize) -> K, backward: bool) -> Vec<u32> {
    let n = p.duration.len();
    let arcs = |v: usize| if backward { p.succs.row(v) } else { p.preds.row(v) };
    let next = |v: usize| if backward { p.preds.row(v) } else { p.succs.row(v) };
    let mut waiting = vec![0u32; n];
    let mut heap = BinaryHeap::new();
    for &v in &p.leaves {
        let v = v as usize;
        waiting[v] = arcs(v).len() as u32;
        if waiting[v] == 0 {
            heap.push(Reverse((key(v), v as u32)));
        }
    }
    let mut order = Vec::with_capacity(p.leaves.len());
    while let Some(Reverse((_, v))) = heap.pop() {
        order.push(v);
        for arc in next(v as usize) {
            let w = arc.other as usize;
            waiting[w] -= 1;
            if waiting[w] == 0 {
                heap.push(Reverse((key(w), w as u32)));
            }
        }
    }
    order
}

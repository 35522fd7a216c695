//! The serial schedule generation scheme, forward and backward, and the
//! forward-backward improvement (justification) built from the two.
//!
//! A pass allocates nothing: the schedules it writes, the order of the
//! backward pass and the profiles are buffers kept from pass to pass.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::calendar::ceil_div;

use super::problem::Problem;
use super::profile::Profiles;
use super::workdays::{DAY, HORIZON, TooFar, WorkDays};

/// A schedule of the leaves: start and finish per task (groups keep 0).
#[derive(Clone, Debug, Default)]
pub(crate) struct Solution {
    pub start: Vec<i64>,
    pub finish: Vec<i64>,
    pub makespan: i64,
    /// The sum of the leaves' starts: between two schedules of one length,
    /// the one that starts work earlier is better.
    pub start_sum: i64,
}

/// What makes one schedule better than another: length, then start sum.
pub(crate) type Key = (i64, i64);

impl Solution {
    pub(crate) fn key(&self) -> Key {
        (self.makespan, self.start_sum)
    }

    fn sized(&mut self, n: usize) {
        self.start.resize(n, 0);
        self.finish.resize(n, 0);
    }
}

/// The buffers of one justification.
#[derive(Default)]
struct Buffers {
    best: Solution,
    right: Solution,
    left: Solution,
    list: Vec<u32>,
}

/// Runs the serial schemes and counts them.
pub(crate) struct Sgs<'p, 'a> {
    problem: &'p Problem,
    profiles: Profiles,
    workdays: WorkDays<'a>,
    /// Schedules generated so far, backward passes included.
    pub passes: usize,
    /// Told `passes` before each pass (see [`crate::level()`]).
    progress: &'p dyn Fn(usize),
    buffers: Buffers,
    order: Order,
}

impl<'p, 'a> Sgs<'p, 'a> {
    pub(crate) fn new(
        problem: &'p Problem,
        workdays: WorkDays<'a>,
        progress: &'p dyn Fn(usize),
    ) -> Sgs<'p, 'a> {
        Sgs {
            problem,
            profiles: Profiles::new(problem.capacity.clone()),
            workdays,
            passes: 0,
            progress,
            buffers: Buffers::default(),
            order: Order::default(),
        }
    }

    pub(crate) fn problem(&self) -> &'p Problem {
        self.problem
    }

    /// The best schedule of the last [`Sgs::justify`].
    pub(crate) fn best(&self) -> &Solution {
        &self.buffers.best
    }

    /// Places the leaves in `list` order (every leaf after those it depends
    /// on), each at the earliest time its dependencies and the resources
    /// allow. Fails with the first leaf that would end past [`HORIZON`].
    fn forward(&mut self, list: &[u32], out: &mut Solution) -> Result<(), u32> {
        (self.progress)(self.passes);
        self.passes += 1;
        let p = self.problem;
        self.profiles.clear();
        out.sized(p.duration.len());
        for &v in list {
            let v = v as usize;
            let t = p.earliest_start(v, &out.start, &out.finish);
            let (start, finish) = self.place_forward(v, t).map_err(|TooFar| v as u32)?;
            out.start[v] = start;
            out.finish[v] = finish;
        }
        self.total(list, out);
        Ok(())
    }

    /// The earliest start and finish of `v` from `t` on at which every
    /// resource it needs has room on each day it works; booked.
    fn place_forward(&mut self, v: usize, t: i64) -> Result<(i64, i64), TooFar> {
        let p = self.problem;
        if let Some(fixed) = p.fixed[v] {
            return Ok(fixed);
        }
        let (d, c) = (p.duration[v], p.workdays[v]);
        if let ([demand], WorkDays::EVERY_DAY) = (p.demands.row(v), c) {
            // The common case, in one scan of the profile.
            let (first, last) = days_between(t, t + d).expect("a demand takes time");
            let whole = ceil_div(d, DAY);
            let day =
                self.profiles
                    .earliest_fit(demand.resource, demand.units, first, last - first + 1, whole);
            let start = if day == first { t } else { day * DAY };
            if start + d > HORIZON * DAY {
                return Err(TooFar);
            }
            let (first, last) = days_between(start, start + d).expect("a demand takes time");
            self.profiles.book(demand.resource, demand.units, first, last);
            return Ok((start, start + d));
        }
        let Sgs {
            profiles, workdays, ..
        } = self;
        let mut w = workdays.position(c, t)?;
        loop {
            let start = workdays.start_at(c, w)?;
            let finish = workdays.finish_at(c, w + d)?;
            if start > HORIZON * DAY || finish > HORIZON * DAY {
                return Err(TooFar);
            }
            let Some((first, last)) = days_between(start, finish) else {
                return Ok((start, finish));
            };
            // Past the latest day without room, the next start is the
            // first working day after it.
            let mut blocked = None;
            for demand in p.demands.row(v) {
                let found = profiles.last_short(demand.resource, demand.units, first, last, |a, b| {
                    workdays.any(c, a, b)
                })?;
                blocked = blocked.max(found);
            }
            match blocked {
                Some(day) => w = workdays.count(c, day + 1)? * DAY,
                None => {
                    book(p, profiles, workdays, v, first, last)?;
                    return Ok((start, finish));
                }
            }
        }
    }

    /// Places the leaves from last to first, each as late as its successors
    /// in `after` and the resources allow within `after`'s length. A leaf
    /// never moves earlier than in `after`: the days it had there are still
    /// free enough, as everything placed before it only moved later.
    fn backward(&mut self, after: &Solution, out: &mut Solution) {
        (self.progress)(self.passes);
        self.passes += 1;
        let p = self.problem;
        self.profiles.clear();
        self.order.fill(p, |v| (-after.finish[v], -after.start[v]), true);
        out.start.clone_from(&after.start);
        out.finish.clone_from(&after.finish);
        for i in 0..self.order.list.len() {
            let v = self.order.list[i] as usize;
            if p.fixed[v].is_some() {
                continue;
            }
            let length = after.finish[v] - after.start[v];
            let lf = p.latest_finish(v, &out.start, &out.finish, after.makespan, length);
            let (start, finish) = self
                .place_backward(v, lf, (after.start[v], after.finish[v]))
                .unwrap_or((after.start[v], after.finish[v]));
            out.start[v] = start;
            out.finish[v] = finish;
        }
        let order = std::mem::take(&mut self.order.list);
        self.total(&order, out);
        self.order.list = order;
    }

    /// The latest start and finish of `v` finishing by `lf` at which every
    /// resource has room, but no earlier than `was`; booked.
    fn place_backward(&mut self, v: usize, lf: i64, was: (i64, i64)) -> Result<(i64, i64), TooFar> {
        let p = self.problem;
        let (d, c) = (p.duration[v], p.workdays[v]);
        if let ([demand], WorkDays::EVERY_DAY) = (p.demands.row(v), c) {
            let e = lf.max(was.0 + d);
            let (first, last) = days_between(e - d, e).expect("a demand takes time");
            let whole = ceil_div(d, DAY);
            let day = self
                .profiles
                .latest_fit(demand.resource, demand.units, last, last - first + 1, whole);
            let finish = if day == last { e } else { (day + 1) * DAY };
            let (start, finish) = if finish - d < was.0 {
                was
            } else {
                (finish - d, finish)
            };
            let (first, last) = days_between(start, finish).expect("a demand takes time");
            self.profiles.book(demand.resource, demand.units, first, last);
            return Ok((start, finish));
        }
        let Sgs {
            profiles, workdays, ..
        } = self;
        let earliest = workdays.position(c, was.0)? + d;
        let mut e = workdays.position(c, lf)?.max(earliest);
        loop {
            let start = workdays.start_at(c, e - d)?;
            let finish = workdays.finish_at(c, e)?;
            let Some((first, last)) = days_between(start, finish) else {
                return Ok((start, finish));
            };
            let mut blocked: Option<i64> = None;
            for demand in p.demands.row(v) {
                let found = profiles.first_short(demand.resource, demand.units, first, last, |a, b| {
                    workdays.any(c, a, b)
                })?;
                blocked = match (blocked, found) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            // Before the earliest day without room: work must end by then.
            let next = match blocked {
                Some(day) => workdays.count(c, day)? * DAY,
                None => {
                    book(p, profiles, workdays, v, first, last)?;
                    return Ok((start, finish));
                }
            };
            if next < earliest {
                // Not reached (see `backward`); kept so that a slip can
                // never loop.
                let (first, last) = days_between(was.0, was.1).unwrap_or((0, -1));
                book(p, profiles, workdays, v, first, last)?;
                return Ok(was);
            }
            e = next;
        }
    }

    /// Forward-backward improvement: shifts every leaf right as far as it
    /// goes, then left again, in the order of the shifted schedule. Repeats
    /// while that shortens the schedule, at most `rounds` times. Leaves the
    /// best schedule in [`Sgs::best`] and the list that makes it in `list`.
    pub(crate) fn justify(&mut self, list: &mut Vec<u32>, rounds: usize) -> Result<Key, u32> {
        let mut b = std::mem::take(&mut self.buffers);
        let result = self.justify_with(&mut b, list, rounds);
        self.buffers = b;
        result
    }

    fn justify_with(&mut self, b: &mut Buffers, list: &mut Vec<u32>, rounds: usize) -> Result<Key, u32> {
        let p = self.problem;
        self.forward(list, &mut b.best)?;
        for _ in 0..rounds {
            self.backward(&b.best, &mut b.right);
            let right = &b.right;
            self.order.fill(p, |v| (right.start[v], right.finish[v]), false);
            b.list.clone_from(&self.order.list);
            self.forward(&b.list, &mut b.left)?;
            if b.left.key() >= b.best.key() {
                break;
            }
            let improved = b.left.makespan < b.best.makespan;
            std::mem::swap(&mut b.best, &mut b.left);
            std::mem::swap(list, &mut b.list);
            if !improved {
                break;
            }
        }
        Ok(b.best.key())
    }

    fn total(&self, list: &[u32], out: &mut Solution) {
        let mut makespan = 0;
        let mut start_sum = 0;
        for &v in list {
            makespan = makespan.max(out.finish[v as usize]);
            start_sum += out.start[v as usize];
        }
        out.makespan = makespan;
        out.start_sum = start_sum;
    }
}

/// The days `[start, finish)` touches, inclusive; `None` when empty.
pub(crate) fn days_between(start: i64, finish: i64) -> Option<(i64, i64)> {
    (finish > start).then(|| (start.div_euclid(DAY), ceil_div(finish, DAY) - 1))
}

/// Books `v`'s demands on the days within `first..=last` that it works.
fn book(
    p: &Problem,
    profiles: &mut Profiles,
    workdays: &mut WorkDays,
    v: usize,
    first: i64,
    last: i64,
) -> Result<(), TooFar> {
    for demand in p.demands.row(v) {
        workdays.runs(p.workdays[v], first, last, |a, b| {
            profiles.book(demand.resource, demand.units, a, b)
        })?;
    }
    Ok(())
}

/// A topological order of the leaves built in reused buffers.
#[derive(Default)]
struct Order {
    /// Each leaf's place in `Problem::leaves`, a topological order.
    topo: Vec<u32>,
    keyed: Vec<(Key, u32, u32)>,
    waiting: Vec<u32>,
    heap: BinaryHeap<Reverse<(Key, u32)>>,
    list: Vec<u32>,
}

impl Order {
    /// The leaves in a topological order (reversed when `backward`) that
    /// takes the eligible leaf with the least `key` first, into `list`.
    ///
    /// Sorting by `key` (ties in topological order) already gives such an
    /// order when the keys come from a schedule that keeps its dependencies,
    /// as they mostly do; the heap is for the others (leads, and the
    /// finish-to-finish and start-to-start dependencies a backward pass
    /// loosens).
    fn fill(&mut self, p: &Problem, key: impl Fn(usize) -> Key, backward: bool) {
        let n = p.duration.len();
        if self.topo.len() != n {
            self.topo.resize(n, 0);
            for (i, &v) in p.leaves.iter().enumerate() {
                self.topo[v as usize] = i as u32;
            }
        }
        let arcs = |v: usize| if backward { p.succs.row(v) } else { p.preds.row(v) };
        self.keyed.clear();
        for &v in &p.leaves {
            let topo = self.topo[v as usize];
            let tie = if backward { u32::MAX - topo } else { topo };
            self.keyed.push((key(v as usize), tie, v));
        }
        self.keyed.sort_unstable();
        self.list.clear();
        self.list.extend(self.keyed.iter().map(|&(_, _, v)| v));
        // `waiting` holds each leaf's place in the list here.
        self.waiting.resize(n, 0);
        for (i, &v) in self.list.iter().enumerate() {
            self.waiting[v as usize] = i as u32;
        }
        let place = &self.waiting;
        let sorted = self.list.iter().all(|&v| {
            arcs(v as usize)
                .iter()
                .all(|arc| place[arc.other as usize] < place[v as usize])
        });
        if !sorted {
            self.by_heap(p, key, backward);
        }
    }

    fn by_heap(&mut self, p: &Problem, key: impl Fn(usize) -> Key, backward: bool) {
        let arcs = |v: usize| if backward { p.succs.row(v) } else { p.preds.row(v) };
        let next = |v: usize| if backward { p.preds.row(v) } else { p.succs.row(v) };
        self.heap.clear();
        self.list.clear();
        for &v in &p.leaves {
            let v = v as usize;
            self.waiting[v] = arcs(v).len() as u32;
            if self.waiting[v] == 0 {
                self.heap.push(Reverse((key(v), v as u32)));
            }
        }
        while let Some(Reverse((_, v))) = self.heap.pop() {
            self.list.push(v);
            for arc in next(v as usize) {
                let w = arc.other as usize;
                self.waiting[w] -= 1;
                if self.waiting[w] == 0 {
                    self.heap.push(Reverse((key(w), w as u32)));
                }
            }
        }
    }
}

/// The leaves in a topological order (reversed when `backward`) that takes
/// the eligible leaf with the least `key` first.
pub(crate) fn order_by(p: &Problem, key: impl Fn(usize) -> Key, backward: bool) -> Vec<u32> {
    let mut order = Order::default();
    order.fill(p, key, backward);
    order.list
}

//! The serial schedule generation scheme, forward and backward, and the
//! forward-backward improvement (justification) built from the two.
//!
//! A pass allocates nothing: the schedules it writes, the order of the
//! backward pass and the profiles are buffers kept from pass to pass.

use crate::calendar::ceil_div;

use super::order::Order;
use super::problem::{Demand, Problem};
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
            profiles: Profiles::new(problem),
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
        let demands = p.demands.row(v);
        if c == WorkDays::EVERY_DAY && !demands.is_empty() {
            let start = earliest_start(&self.profiles, demands, t, d);
            if start + d > HORIZON * DAY {
                return Err(TooFar);
            }
            let (first, last) = days_between(start, start + d).expect("a demand takes time");
            for demand in demands {
                self.profiles.book(demand.resource, demand.units, first, last);
            }
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
            for demand in demands {
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
        let demands = p.demands.row(v);
        if c == WorkDays::EVERY_DAY && !demands.is_empty() {
            let finish = latest_finish(&self.profiles, demands, lf.max(was.0 + d), d);
            let (start, finish) = if finish - d < was.0 {
                was
            } else {
                (finish - d, finish)
            };
            let (first, last) = days_between(start, finish).expect("a demand takes time");
            for demand in demands {
                self.profiles.book(demand.resource, demand.units, first, last);
            }
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
            for demand in demands {
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

/// The earliest start from `t` on, for work of `d` hours (more than 0)
/// done every day, at which each of `demands` has room on each day the
/// work touches.
///
/// Each demand in turn moves the start to where its own resource first has
/// room; the start only moves later, and it is the answer once every
/// demand in a row leaves it where it is. Against testing every demand over
/// the whole window after each move, this reads each profile once per move
/// from the start on, in one scan of its steps.
fn earliest_start(profiles: &Profiles, demands: &[Demand], t: i64, d: i64) -> i64 {
    let whole = ceil_div(d, DAY);
    let mut start = t;
    let mut agreed = 0;
    for demand in demands.iter().cycle() {
        let (first, last) = days_between(start, start + d).expect("work takes time");
        let day = profiles.earliest_fit(demand.resource, demand.units, first, last - first + 1, whole);
        if day == first {
            agreed += 1;
        } else {
            start = day * DAY;
            agreed = 1;
        }
        if agreed == demands.len() {
            break;
        }
    }
    start
}

/// The latest finish up to `e` of work of `d` hours (more than 0) at which
/// each of `demands` has room on each day it touches: the mirror of
/// [`earliest_start`].
fn latest_finish(profiles: &Profiles, demands: &[Demand], e: i64, d: i64) -> i64 {
    let whole = ceil_div(d, DAY);
    let mut finish = e;
    let mut agreed = 0;
    for demand in demands.iter().cycle() {
        let (first, last) = days_between(finish - d, finish).expect("work takes time");
        let day = profiles.latest_fit(demand.resource, demand.units, last, last - first + 1, whole);
        if day == last {
            agreed += 1;
        } else {
            finish = (day + 1) * DAY;
            agreed = 1;
        }
        if agreed == demands.len() {
            break;
        }
    }
    finish
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

#[cfg(test)]
mod tests {
    use super::super::profile;
    use super::{DAY, Demand, days_between, earliest_start, latest_finish};

    /// Whether every demand has room on each day `[start, finish)` touches,
    /// by a day-by-day count of what is free (`free[r][day]`; days outside
    /// have the whole capacity).
    fn fits(free: &[Vec<i64>], capacity: &[u32], demands: &[Demand], start: i64, finish: i64) -> bool {
        let (first, last) = days_between(start, finish).expect("work takes time");
        demands.iter().all(|d| {
            (first..=last).all(|day| {
                let r = d.resource as usize;
                let left = usize::try_from(day)
                    .ok()
                    .and_then(|day| free[r].get(day).copied())
                    .unwrap_or(i64::from(capacity[r]));
                left >= i64::from(d.units)
            })
        })
    }

    /// Random bookings on three resources, in profiles of both kinds, and
    /// random work placed against them: the place found by moving from
    /// demand to demand is the first (or last) one that a test of every
    /// candidate finds, among a start at the given hour and starts at whole
    /// days (finishes likewise).
    #[test]
    fn placing_several_demands_finds_the_first_fit_of_every_candidate() {
        let mut rng = fastrand::Rng::with_seed(11);
        let capacity = [100u32, 300, 200];
        for _ in 0..300 {
            let mut kinds = profile::both(&capacity);
            let mut free: Vec<Vec<i64>> = capacity.iter().map(|&c| vec![i64::from(c); 60]).collect();
            for _ in 0..rng.usize(0..25) {
                let r = rng.usize(0..capacity.len());
                let units = 100 * rng.u32(1..=capacity[r] / 100);
                let first = rng.i64(0..45);
                let last = first + rng.i64(0..8);
                let room = (first..=last).all(|day| free[r][day as usize] >= i64::from(units));
                if room {
                    for profiles in &mut kinds {
                        profiles.book(r as u32, units, first, last);
                    }
                    for day in first..=last {
                        free[r][day as usize] -= i64::from(units);
                    }
                }
            }
            let mut demands: Vec<Demand> = Vec::new();
            for resource in 0..capacity.len() as u32 {
                if rng.bool() {
                    let most = capacity[resource as usize] / 100;
                    demands.push(Demand {
                        resource,
                        units: 100 * rng.u32(1..=most),
                    });
                }
            }
            if demands.is_empty() {
                demands.push(Demand {
                    resource: 1,
                    units: 200,
                });
            }
            let d = rng.i64(1..6 * DAY);
            let t = rng.i64(0..40 * DAY);
            let expected_start = std::iter::once(t)
                .chain((t / DAY + 1..).map(|day| day * DAY))
                .find(|&s| fits(&free, &capacity, &demands, s, s + d))
                .expect("room after the bookings");
            for profiles in &kinds {
                assert_eq!(earliest_start(profiles, &demands, t, d), expected_start);
            }
            let e = rng.i64(d..50 * DAY);
            let expected_finish = std::iter::once(e)
                .chain((0..=(e - 1) / DAY).rev().map(|day| day * DAY))
                .chain((-10..0).rev().map(|day| day * DAY))
                .find(|&f| fits(&free, &capacity, &demands, f - d, f))
                .expect("room before the bookings");
            for profiles in &kinds {
                assert_eq!(latest_finish(profiles, &demands, e, d), expected_finish);
            }
        }
    }
}

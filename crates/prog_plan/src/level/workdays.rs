//! The days a task can work: those on which every resource it needs is
//! available. A task's work runs on those days only, so a 10-day task of a
//! person who works four days a week spans ten of that person's days, and a
//! task stretches over a leave rather than waiting for its end.
//!
//! Tasks whose resources are always available (no leave, no calendar of
//! their own) work on every working day of the program: their calendar is
//! [`WorkDays::EVERY_DAY`] and costs nothing. The others share one calendar
//! per set of resources, computed as far as schedules reach and kept.

use crate::availability::Availability;
use crate::calendar::WorkCalendar;
use crate::model::{Plan, ResourceId, Work};

/// A working day in the leveler's hours.
pub(crate) const DAY: i64 = Work::HOURS_PER_DAY;

/// How far from the program start leveling places work, in working days
/// (about 385 years): enough for any plan, and a bound on the work a plan
/// with absurd leave or dates can cause.
pub(crate) const HORIZON: i64 = 100_000;

/// A run of working days `[first, end)` with `before` working days before it.
#[derive(Clone, Copy, Debug)]
struct Run {
    first: i64,
    end: i64,
    before: i64,
}

/// One set of resources and the days they are all available, known for the
/// days `0..reach`. Days before 0 count as working days.
struct Shared {
    resources: Vec<u32>,
    runs: Vec<Run>,
    reach: i64,
}

/// The calendars of a problem's tasks; indexed by [`Problem::workdays`].
///
/// [`Problem::workdays`]: super::problem::Problem::workdays
pub(crate) struct WorkDays<'a> {
    availability: Vec<Availability<'a>>,
    shared: Vec<Shared>,
}

/// A calendar past [`HORIZON`]: the task cannot be placed.
#[derive(Debug)]
pub(crate) struct TooFar;

impl<'a> WorkDays<'a> {
    /// The calendar of every working day of the program.
    pub(crate) const EVERY_DAY: u32 = 0;

    /// Calendars for `sets`: each a set of resources that is not always
    /// available, numbered from 1 in this order.
    pub(crate) fn new(plan: &Plan, cal: &'a WorkCalendar, sets: Vec<Vec<u32>>) -> WorkDays<'a> {
        let availability = (0..plan.resources.len())
            .map(|r| Availability::new(plan, ResourceId(r as u32), cal))
            .collect();
        let shared = sets
            .into_iter()
            .map(|resources| Shared {
                resources,
                runs: Vec::new(),
                reach: 0,
            })
            .collect();
        WorkDays { availability, shared }
    }

    /// Computes calendar `c` for days up to at least `day`.
    fn reach(&mut self, c: u32, day: i64) -> Result<(), TooFar> {
        let shared = &mut self.shared[c as usize - 1];
        if day < shared.reach {
            return Ok(());
        }
        if shared.reach > HORIZON {
            return Err(TooFar);
        }
        let end = (day + 1).max(shared.reach * 2).clamp(64, HORIZON + 8);
        let mut before = shared.runs.last().map_or(0, |r| r.before + r.end - r.first);
        for d in shared.reach..end {
            let open = shared
                .resources
                .iter()
                .all(|&r| self.availability[r as usize].is_available(d));
            if !open {
                continue;
            }
            match shared.runs.last_mut() {
                Some(run) if run.end == d => run.end += 1,
                _ => shared.runs.push(Run {
                    first: d,
                    end: d + 1,
                    before,
                }),
            }
            before += 1;
        }
        shared.reach = end;
        if day < end { Ok(()) } else { Err(TooFar) }
    }

    /// Working days of calendar `c` in `[0, day)` (`day` itself when
    /// negative).
    pub(crate) fn count(&mut self, c: u32, day: i64) -> Result<i64, TooFar> {
        if c == Self::EVERY_DAY || day <= 0 {
            return Ok(day);
        }
        self.reach(c, day)?;
        let runs = &self.shared[c as usize - 1].runs;
        let k = runs.partition_point(|r| r.end <= day);
        Ok(match runs.get(k) {
            Some(r) if r.first < day => r.before + day - r.first,
            Some(r) => r.before,
            None => runs.last().map_or(0, |r| r.before + r.end - r.first),
        })
    }

    /// The working day of calendar `c` with `n` working days before it.
    pub(crate) fn nth(&mut self, c: u32, n: i64) -> Result<i64, TooFar> {
        if c == Self::EVERY_DAY || n < 0 {
            return Ok(n);
        }
        loop {
            let shared = &self.shared[c as usize - 1];
            let runs = &shared.runs;
            let k = runs.partition_point(|r| r.before + r.end - r.first <= n);
            if let Some(r) = runs.get(k) {
                return Ok(r.first + n - r.before);
            }
            let further = shared.reach * 2;
            self.reach(c, further)?;
        }
    }

    /// Working hours of calendar `c` in `[0, hour)`: where work that may
    /// start at `hour` starts, or what work must end by `hour`.
    pub(crate) fn position(&mut self, c: u32, hour: i64) -> Result<i64, TooFar> {
        if c == Self::EVERY_DAY || hour < 0 {
            return Ok(hour);
        }
        let day = hour.div_euclid(DAY);
        let before = self.count(c, day)?;
        let working = self.count(c, day + 1)? > before;
        Ok(before * DAY + if working { hour.rem_euclid(DAY) } else { 0 })
    }

    /// The hour at which work that has done `w` hours goes on.
    pub(crate) fn start_at(&mut self, c: u32, w: i64) -> Result<i64, TooFar> {
        Ok(self.nth(c, w.div_euclid(DAY))? * DAY + w.rem_euclid(DAY))
    }

    /// The hour at which work that has done `w` hours (at least one) ends.
    pub(crate) fn finish_at(&mut self, c: u32, w: i64) -> Result<i64, TooFar> {
        if c == Self::EVERY_DAY || w <= 0 {
            return Ok(w);
        }
        Ok(self.nth(c, (w - 1).div_euclid(DAY))? * DAY + (w - 1).rem_euclid(DAY) + 1)
    }

    /// Whether calendar `c` has a working day in `first..=last`.
    pub(crate) fn any(&mut self, c: u32, first: i64, last: i64) -> Result<bool, TooFar> {
        Ok(c == Self::EVERY_DAY || self.count(c, last + 1)? > self.count(c, first)?)
    }

    /// The runs of working days of calendar `c` within `first..=last`, as
    /// inclusive ranges, passed to `each`.
    pub(crate) fn runs(
        &mut self,
        c: u32,
        first: i64,
        last: i64,
        mut each: impl FnMut(i64, i64),
    ) -> Result<(), TooFar> {
        if c == Self::EVERY_DAY {
            each(first, last);
            return Ok(());
        }
        if first < 0 {
            each(first, last.min(-1));
        }
        self.reach(c, last)?;
        let runs = &self.shared[c as usize - 1].runs;
        let k = runs.partition_point(|r| r.end <= first);
        for r in runs[k..].iter().take_while(|r| r.first <= last) {
            each(r.first.max(first), (r.end - 1).min(last));
        }
        Ok(())
    }

    /// The resources of calendar `c`.
    pub(crate) fn resources(&self, c: u32) -> &[u32] {
        &self.shared[c as usize - 1].resources
    }
}

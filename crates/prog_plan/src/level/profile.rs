//! Resource profiles: per resource and working day, the units available and
//! the units booked so far by a schedule being built.

use crate::availability::Availability;
use crate::calendar::WorkCalendar;
use crate::model::{Plan, ResourceId};

use super::problem::{Demand, Problem, days_of};

/// Capacity is read from the resources' availability as far as schedules
/// reach, and kept: passes after the first only clear the bookings.
pub(crate) struct Profiles<'a> {
    availability: Vec<Availability<'a>>,
    /// `capacity[r][d]`, known for the days `0..capacity[r].len()`.
    capacity: Vec<Vec<u32>>,
    /// What is left of it after the bookings: one array to read when
    /// testing a fit.
    free: Vec<Vec<u32>>,
}

impl<'a> Profiles<'a> {
    pub(crate) fn new(plan: &Plan, cal: &'a WorkCalendar) -> Profiles<'a> {
        let availability: Vec<_> = (0..plan.resources.len())
            .map(|r| Availability::new(plan, ResourceId(r as u32), cal))
            .collect();
        let count = availability.len();
        Profiles {
            availability,
            capacity: vec![Vec::new(); count],
            free: vec![Vec::new(); count],
        }
    }

    /// Forgets every booking.
    pub(crate) fn clear(&mut self) {
        for (free, capacity) in self.free.iter_mut().zip(&self.capacity) {
            free.copy_from_slice(capacity);
        }
    }

    #[inline]
    fn reach(&mut self, r: usize, last_day: i64) {
        let want = last_day as usize + 1;
        let have = self.capacity[r].len();
        if want > have {
            // Grow geometrically: a schedule creeps forward a day at a time.
            let want = want.max(have * 2).max(64);
            let availability = &self.availability[r];
            self.capacity[r].extend((have..want).map(|d| availability.capacity_on(d as i64)));
            self.free[r].extend_from_slice(&self.capacity[r][have..]);
        }
    }

    /// A day in `first..=last` on which `demand` does not fit: the latest
    /// such day when `latest`, else the earliest. `None` when it fits.
    fn conflict(&mut self, demand: Demand, first: i64, last: i64, latest: bool) -> Option<i64> {
        let r = demand.resource as usize;
        self.reach(r, last);
        let free = &self.free[r];
        let full = |d: &i64| free[*d as usize] < demand.units;
        if latest {
            (first..=last).rev().find(full)
        } else {
            (first..=last).find(full)
        }
    }

    /// The day that keeps task `v` from starting at `start`, as
    /// [`Profiles::conflict`]; `None` when every demand fits.
    pub(crate) fn blocking_day(&mut self, p: &Problem, v: usize, start: i64, latest: bool) -> Option<i64> {
        let (first, last) = days_of(start, p.duration[v])?;
        let mut found: Option<i64> = None;
        for &demand in p.demands.row(v) {
            if let Some(d) = self.conflict(demand, first, last, latest) {
                found = Some(match found {
                    Some(f) if latest => f.max(d),
                    Some(f) => f.min(d),
                    None => d,
                });
            }
        }
        found
    }

    pub(crate) fn book(&mut self, p: &Problem, v: usize, start: i64) {
        let Some((first, last)) = days_of(start, p.duration[v]) else {
            return;
        };
        for demand in p.demands.row(v) {
            let r = demand.resource as usize;
            self.reach(r, last);
            for free in &mut self.free[r][first as usize..=last as usize] {
                // A booking always fits, but a slip must not wrap around.
                *free = free.saturating_sub(demand.units);
            }
        }
    }

    /// Whether `resource` can take `units` on each of the days `first..=last`.
    pub(crate) fn available(&mut self, resource: u32, units: u32, first: i64, last: i64) -> bool {
        let r = resource as usize;
        self.reach(r, last);
        self.capacity[r][first as usize..=last as usize]
            .iter()
            .all(|&c| c >= units)
    }
}

//! When a resource can work: its leave and its own calendar take working days
//! of the program away from it.

use crate::calendar::{DayCalendar, WorkCalendar};
use crate::model::{Plan, ResourceId};

/// The working days of the program on which one resource is available.
#[derive(Clone, Debug)]
pub struct Availability<'a> {
    cal: &'a WorkCalendar,
    capacity: u32,
    /// Leave as sorted, disjoint, inclusive ranges of working-day offsets.
    leave: Vec<(i64, i64)>,
    /// The resource's own calendar, whose non-working days count as leave.
    own: Option<DayCalendar>,
}

impl<'a> Availability<'a> {
    pub fn new(plan: &Plan, resource: ResourceId, cal: &'a WorkCalendar) -> Availability<'a> {
        let resource = plan.resource(resource);
        let mut leave: Vec<(i64, i64)> = resource
            .leave
            .iter()
            .map(|r| (cal.day_on_or_after(r.first), cal.day_on_or_before(r.last)))
            .filter(|(first, last)| first <= last)
            .collect();
        leave.sort_unstable();
        leave.dedup_by(|next, prev| {
            let overlaps = next.0 <= prev.1.saturating_add(1);
            if overlaps {
                prev.1 = prev.1.max(next.1);
            }
            overlaps
        });
        let own = resource
            .calendar
            .map(|c| DayCalendar::new(Some(&plan.calendars[c.index()]), plan.program.start));
        Availability {
            cal,
            capacity: resource.capacity,
            leave,
            own,
        }
    }

    /// Whether the resource can work on working day `day` of the program.
    pub fn is_available(&self, day: i64) -> bool {
        let i = self.leave.partition_point(|&(_, last)| last < day);
        let on_leave = self.leave.get(i).is_some_and(|&(first, _)| first <= day);
        !on_leave
            && self
                .own
                .as_ref()
                .is_none_or(|own| own.is_working(self.cal.date_of(day)))
    }

    /// The resource's capacity on working day `day`: zero when unavailable.
    pub fn capacity_on(&self, day: i64) -> u32 {
        if self.is_available(day) { self.capacity } else { 0 }
    }
}

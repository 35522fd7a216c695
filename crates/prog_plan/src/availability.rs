//! When a resource can work: its leave and its own calendar take working days
//! of the program away from it.

use crate::calendar::{DayCalendar, WorkCalendar};
use crate::model::{Plan, ResourceId};
use crate::steps::Steps;

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

    /// Whether `resource` is ever unavailable on a working day of the
    /// program: on leave, or with a calendar of its own.
    pub fn ever_away(plan: &Plan, resource: ResourceId) -> bool {
        let r = plan.resource(resource);
        r.calendar.is_some() || !r.leave.is_empty()
    }

    /// Whether the resource can work on working day `day` of the program.
    pub fn is_available(&self, day: i64) -> bool {
        !self.on_leave(day)
            && self
                .own
                .as_ref()
                .is_none_or(|own| own.is_working(self.cal.date_of(day)))
    }

    fn on_leave(&self, day: i64) -> bool {
        let i = self.leave.partition_point(|&(_, last)| last < day);
        self.leave.get(i).is_some_and(|&(first, _)| first <= day)
    }

    /// The resource's capacity on working day `day`: zero when unavailable.
    pub fn capacity_on(&self, day: i64) -> u32 {
        if self.is_available(day) { self.capacity } else { 0 }
    }

    /// The capacity over the working days `0..days`, as runs: one per leave
    /// and, with a calendar of its own, per change between its working and
    /// non-working days. What [`capacity_on`] gives day by day.
    ///
    /// [`capacity_on`]: Availability::capacity_on
    pub fn capacities(&self, days: usize) -> Steps {
        let mut steps = Steps::builder(days);
        if let Some(own) = &self.own {
            // Part-week calendars change every week: walk their changes
            // and the leave together.
            let changes = self.cal.working_changes_in(own, days);
            if self.leave.is_empty() {
                for (day, works) in changes {
                    steps.set(day, if works { self.capacity } else { 0 });
                }
                return steps.finish();
            }
            let mut changes = changes.into_iter().peekable();
            let mut leave = self.leave.iter().peekable();
            let mut works = false;
            let mut day = 0;
            while day < days {
                while let Some((_, now)) = changes.next_if(|&(at, _)| at <= day) {
                    works = now;
                }
                while leave.next_if(|&&(_, last)| last < day as i64).is_some() {}
                let away = leave.peek().is_some_and(|&&(first, _)| first <= day as i64);
                steps.set(day, if works && !away { self.capacity } else { 0 });
                // The next day either changes on.
                let leave_edge = leave.peek().map(|&&(first, last)| {
                    let edge = if first > day as i64 {
                        first
                    } else {
                        last.saturating_add(1)
                    };
                    usize::try_from(edge).unwrap_or(usize::MAX)
                });
                let change = changes.peek().map(|&(at, _)| at);
                day = leave_edge.into_iter().chain(change).min().unwrap_or(days);
            }
            return steps.finish();
        }
        steps.set(0, self.capacity);
        for &(first, last) in &self.leave {
            let first = first.clamp(0, days as i64) as usize;
            let end = last.saturating_add(1).clamp(0, days as i64) as usize;
            if first < end {
                steps.set(first, 0);
                steps.set(end, self.capacity);
            }
        }
        steps.finish()
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::Availability;
    use crate::generate;
    use crate::{Calendar, CalendarId, DateRange, ResourceId, WorkCalendar};

    #[test]
    fn capacities_are_the_capacity_of_each_day() {
        let plan = generate::plan(300, 20, 7);
        let cal = WorkCalendar::new(&plan);
        let with_leave = plan.resources.iter().filter(|r| !r.leave.is_empty()).count();
        assert!(with_leave > 0, "the generated plan gives some resources leave");
        for r in (0..plan.resources.len() as u32).map(ResourceId) {
            let availability = Availability::new(&plan, r, &cal);
            let by_day: Vec<u32> = (0..400).map(|d| availability.capacity_on(d)).collect();
            assert_eq!(
                availability.capacities(400).by_day().collect::<Vec<_>>(),
                by_day,
                "{r:?}"
            );
        }
    }

    #[test]
    fn a_calendar_of_its_own_counts_on_every_day_of_a_long_plan() {
        // Four days a week, with holidays of its own before, inside and
        // long after the program's (ten years of them), over 4,000 working
        // days: past both tables, where only the weekdays count.
        let mut plan = generate::plan(300, 20, 7);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let holidays = [
            day(2026, 12, 30),
            day(2027, 3, 3),
            day(2030, 6, 5),
            day(2041, 2, 6),
        ]
        .map(|d| DateRange { first: d, last: d })
        .to_vec();
        plan.calendars.push(Calendar {
            id: "four_days".into(),
            title: None,
            workdays: [true, true, false, true, true, false, false],
            holidays,
        });
        for r in [0, 5, 7] {
            plan.resources[r].calendar = Some(CalendarId(1));
        }
        let cal = WorkCalendar::new(&plan);
        for r in [0, 5, 7].map(ResourceId) {
            let availability = Availability::new(&plan, r, &cal);
            let by_day: Vec<u32> = (0..4000).map(|d| availability.capacity_on(d)).collect();
            assert!(by_day.contains(&0) && by_day.contains(&100));
            assert_eq!(
                availability.capacities(4000).by_day().collect::<Vec<_>>(),
                by_day,
                "{r:?}"
            );
        }
    }

    /// Random weekly patterns, holidays (in both calendars, before, inside
    /// and after the plan) and leave: the runs are the day-by-day answer.
    #[test]
    fn capacities_are_each_days_under_random_calendars_and_leave() {
        let mut rng = fastrand::Rng::with_seed(11);
        let start = NaiveDate::from_ymd_opt(2027, 1, 6).unwrap();
        // Up to `days` days from one of the `span` days from `before` days
        // before the start.
        let random_range = |rng: &mut fastrand::Rng, span: u64, before: u64, days: u64| {
            let first = start + chrono::Days::new(rng.u64(0..span)) - chrono::Days::new(before);
            DateRange {
                first,
                last: first + chrono::Days::new(rng.u64(0..days)),
            }
        };
        let random_calendar = |rng: &mut fastrand::Rng, id: &str| {
            let holidays = (0..rng.usize(0..4))
                .map(|_| random_range(rng, 900, 60, 12))
                .collect();
            Calendar {
                id: id.into(),
                title: None,
                workdays: std::array::from_fn(|_| rng.u8(0..3) > 0),
                holidays,
            }
        };
        for _ in 0..300 {
            let mut plan = generate::plan(20, 2, rng.u64(..));
            plan.program.start = start;
            plan.calendars = vec![
                random_calendar(&mut rng, "program"),
                random_calendar(&mut rng, "own"),
            ];
            plan.program.calendar = rng.bool().then_some(CalendarId(0));
            let resource = &mut plan.resources[0];
            resource.calendar = rng.bool().then_some(CalendarId(1));
            resource.leave = (0..rng.usize(0..4))
                .map(|_| random_range(&mut rng, 700, 30, 20))
                .collect();
            let cal = WorkCalendar::new(&plan);
            let availability = Availability::new(&plan, ResourceId(0), &cal);
            let days = rng.usize(0..600);
            let by_day: Vec<u32> = (0..days as i64).map(|d| availability.capacity_on(d)).collect();
            assert_eq!(
                availability.capacities(days).by_day().collect::<Vec<_>>(),
                by_day,
                "{:?}",
                plan.resources[0]
            );
        }
    }
}

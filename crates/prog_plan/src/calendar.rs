//! Working days: the mapping between dates and the working-day offsets from
//! the program start in which schedules are computed.

use chrono::{Datelike, NaiveDate, TimeDelta};

use crate::model::{Calendar, Plan, Work};

const DAY: i64 = Work::HOURS_PER_DAY;

/// Which dates are working days: a weekly pattern minus holidays.
///
/// A table of cumulative working-day counts spans every holiday in whole
/// weeks; outside it only the weekly pattern applies, so counting there is
/// arithmetic. Every lookup is O(1), however far away the date is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DayCalendar {
    workdays: [bool; 7],
    per_week: i64,
    /// `before[k]`: working weekdays among the first `k` days of a week.
    before: [i64; 8],
    /// `nth[k]`: the weekday (Monday = 0) of the `k`-th working day of a week.
    nth: [i64; 7],
    /// A Monday: the first day of the table.
    first: NaiveDate,
    /// `counts[i]`: working days in `[first, first + i)`; one entry per table
    /// day plus one.
    counts: Vec<u32>,
    /// The working days of the table, in order.
    dates: Vec<NaiveDate>,
}

impl DayCalendar {
    /// A calendar with no working weekday at all could never run a task; it
    /// is read as Monday to Friday, like no calendar.
    pub(crate) fn new(calendar: Option<&Calendar>, anchor: NaiveDate) -> DayCalendar {
        let workdays = match calendar {
            Some(c) if c.workdays.contains(&true) => c.workdays,
            _ => Calendar::MONDAY_TO_FRIDAY,
        };
        let mut before = [0; 8];
        let mut nth = [0; 7];
        for (k, &working) in workdays.iter().enumerate() {
            before[k + 1] = before[k] + i64::from(working);
            if working {
                nth[before[k] as usize] = k as i64;
            }
        }
        let holidays: Vec<_> = calendar
            .map_or(&[][..], |c| &c.holidays[..])
            .iter()
            .filter(|h| h.first <= h.last)
            .collect();
        let low = holidays.iter().map(|h| h.first).fold(anchor, Ord::min);
        let high = holidays.iter().map(|h| h.last).fold(anchor, Ord::max);
        let first = shift(low, -i64::from(low.weekday().num_days_from_monday()));
        let weeks = (high - first).num_days() / 7 + 1;
        let mut off = vec![false; (weeks * 7) as usize];
        for h in holidays {
            let from = (h.first - first).num_days() as usize;
            let to = (h.last - first).num_days() as usize;
            off[from..=to].fill(true);
        }
        let mut counts = Vec::with_capacity(off.len() + 1);
        let mut dates = Vec::new();
        counts.push(0);
        for (i, &holiday) in off.iter().enumerate() {
            let date = shift(first, i as i64);
            if !holiday && workdays[i % 7] {
                dates.push(date);
            }
            counts.push(dates.len() as u32);
        }
        DayCalendar {
            workdays,
            per_week: before[7],
            before,
            nth,
            first,
            counts,
            dates,
        }
    }

    fn table_days(&self) -> i64 {
        self.counts.len() as i64 - 1
    }

    /// Working days in `[first, date)`; negative before the table.
    pub(crate) fn count_before(&self, date: NaiveDate) -> i64 {
        let i = (date - self.first).num_days();
        let days = self.table_days();
        if (0..=days).contains(&i) {
            return i64::from(self.counts[i as usize]);
        }
        let (base, rel) = if i < 0 {
            (0, i)
        } else {
            (self.dates.len() as i64, i - days)
        };
        base + rel.div_euclid(7) * self.per_week + self.before[rel.rem_euclid(7) as usize]
    }

    /// The working day `date` with `count_before(date) == n`.
    pub(crate) fn nth_working(&self, n: i64) -> NaiveDate {
        if let Some(&date) = usize::try_from(n).ok().and_then(|i| self.dates.get(i)) {
            return date;
        }
        let (base, rel) = if n < 0 {
            (self.first, n)
        } else {
            (shift(self.first, self.table_days()), n - self.dates.len() as i64)
        };
        let weeks = rel.div_euclid(self.per_week);
        let k = rel.rem_euclid(self.per_week) as usize;
        shift(base, weeks.saturating_mul(7).saturating_add(self.nth[k]))
    }

    pub(crate) fn is_working(&self, date: NaiveDate) -> bool {
        self.is_working_index((date - self.first).num_days())
    }

    /// Whether the day `i` days after `first` (a Monday) is a working day.
    fn is_working_index(&self, i: i64) -> bool {
        self.is_working_on(i, i.rem_euclid(7) as usize)
    }

    /// [`is_working_index`] of day `i`, whose weekday the caller knows.
    ///
    /// [`is_working_index`]: DayCalendar::is_working_index
    fn is_working_on(&self, i: i64, weekday: usize) -> bool {
        if (0..self.table_days()).contains(&i) {
            let i = i as usize;
            self.counts[i + 1] > self.counts[i]
        } else {
            self.workdays[weekday]
        }
    }
}

/// `date` moved by `days`, clamped to the dates chrono can represent.
fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    TimeDelta::try_days(days)
        .and_then(|d| date.checked_add_signed(d))
        .unwrap_or(if days < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
}

/// Division rounding up, for any sign.
pub(crate) fn ceil_div(a: i64, b: i64) -> i64 {
    a.div_euclid(b) + i64::from(a.rem_euclid(b) != 0)
}

/// The program's working days, numbered from the program start.
///
/// Offset 0 is the program start, or the first working day after it when the
/// start is not a working day. Offsets before the start are negative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkCalendar {
    days: DayCalendar,
    /// `days.count_before` of offset 0.
    origin: i64,
}

impl WorkCalendar {
    /// The calendar of `plan`: its program calendar, Monday to Friday by
    /// default.
    pub fn new(plan: &Plan) -> WorkCalendar {
        WorkCalendar::from_calendar(plan.calendar(), plan.program.start)
    }

    pub fn from_calendar(calendar: Option<&Calendar>, start: NaiveDate) -> WorkCalendar {
        let days = DayCalendar::new(calendar, start);
        let origin = days.count_before(start);
        WorkCalendar { days, origin }
    }

    /// The date of working day `day`.
    pub fn date_of(&self, day: i64) -> NaiveDate {
        self.days.nth_working(self.origin.saturating_add(day))
    }

    /// Where `other` starts and stops working over the working days
    /// `0..days`: the first day of each run and whether `other` works on
    /// it, in order, neighbours differing. Counted on day numbers, where a
    /// date for each day (`date_of`, then `other.is_working`) costs a
    /// calendar computation apiece, and a plan of a century has 30,000
    /// days: through the holidays of both calendars day by day, then, as
    /// every week is the same, a week's pattern over and over.
    pub(crate) fn working_changes_in(&self, other: &DayCalendar, days: usize) -> Vec<(usize, bool)> {
        let mut changes: Vec<(usize, bool)> = Vec::new();
        let push = |changes: &mut Vec<(usize, bool)>, day: usize, works: bool| {
            if changes.last().is_none_or(|&(_, last)| last != works) {
                changes.push((day, works));
            }
        };
        // Both tables start on a Monday: a day has the same weekday in each.
        let delta = (other.first - self.days.first).num_days();
        let regular = self
            .days
            .table_days()
            .max(delta.saturating_add(other.table_days()));
        let mut i = (self.days.nth_working(self.origin) - self.days.first).num_days();
        let mut weekday = i.rem_euclid(7) as usize;
        let mut day = 0;
        // Both tables span whole weeks from a Monday: `regular` is one.
        while day < days && i < regular {
            if self.days.is_working_on(i, weekday) {
                push(&mut changes, day, other.is_working_on(i - delta, weekday));
                day += 1;
            }
            i += 1;
            weekday = (weekday + 1) % 7;
        }
        debug_assert!(day == days || weekday == 0, "the weeks start on a Monday");
        // The week's changes, by its working days, each repeated a week on.
        let week: Vec<bool> = (0..7)
            .filter(|&w| self.days.workdays[w])
            .map(|w| other.workdays[w])
            .collect();
        let in_week: Vec<(usize, bool)> = (0..week.len())
            .filter(|&k| k == 0 || week[k] != week[k - 1])
            .map(|k| (k, week[k]))
            .collect();
        changes.reserve(in_week.len() * days.saturating_sub(day).div_ceil(week.len()));
        for monday in (day..days).step_by(week.len()) {
            for &(k, works) in &in_week {
                if monday + k >= days {
                    break;
                }
                push(&mut changes, monday + k, works);
            }
        }
        changes
    }

    /// The offset of `date` if it is a working day, else of the next one.
    pub fn day_on_or_after(&self, date: NaiveDate) -> i64 {
        self.days.count_before(date) - self.origin
    }

    /// The offset of `date` if it is a working day, else of the previous one.
    pub fn day_on_or_before(&self, date: NaiveDate) -> i64 {
        self.day_on_or_after(shift(date, 1)) - 1
    }

    pub fn is_working(&self, date: NaiveDate) -> bool {
        self.days.is_working(date)
    }

    /// The first working day (as working time) on or after `date`: the
    /// earliest start a `not_before` allows.
    pub fn start_of(&self, date: NaiveDate) -> Work {
        Work::days(self.day_on_or_after(date))
    }

    /// The end of the last working day on or before `date`: the latest finish
    /// a `deadline` allows.
    pub fn end_of(&self, date: NaiveDate) -> Work {
        Work::days(self.day_on_or_before(date) + 1)
    }

    /// The date a task starting at `es` starts on.
    pub fn start_date(&self, es: Work) -> NaiveDate {
        self.date_of(es.0.div_euclid(DAY))
    }

    /// The last day a task finishing at `ef` occupies.
    pub fn finish_date(&self, ef: Work) -> NaiveDate {
        self.date_of(ceil_div(ef.0, DAY) - 1)
    }

    /// The day a milestone reached at `ef` falls on: the last day of the work
    /// before it, or the program start when nothing comes before it.
    pub fn milestone_date(&self, ef: Work) -> NaiveDate {
        self.date_of((ceil_div(ef.0, DAY) - 1).max(0))
    }

    /// The first and last day of a plan that takes `duration`: the program
    /// start's working day, and the last day of work (that same day when
    /// nothing takes time). Every output dates the plan by this.
    pub fn plan_dates(&self, duration: Work) -> (NaiveDate, NaiveDate) {
        (self.date_of(0), self.milestone_date(duration))
    }

    /// Start and finish dates of anything spanning `[es, ef)`: an empty span
    /// (milestone, zero-length task) is dated like a milestone.
    pub fn span_dates(&self, es: Work, ef: Work) -> (NaiveDate, NaiveDate) {
        if ef > es {
            (self.start_date(es), self.finish_date(ef))
        } else {
            let day = self.milestone_date(ef);
            (day, day)
        }
    }
}

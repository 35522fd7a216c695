//! Calendar weeks over the plan's working days.

use std::ops::Range;

use chrono::{Datelike, Days, NaiveDate};
use prog_plan::WorkCalendar;

/// The working days (offsets from the program start) of one calendar week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Week {
    pub monday: NaiveDate,
    pub days: Range<i64>,
}

/// The weeks holding working days `0..days` (at least one week).
pub fn weeks(cal: &WorkCalendar, days: i64) -> Vec<Week> {
    let mut weeks: Vec<Week> = Vec::new();
    for day in 0..days.max(1) {
        let monday = monday_of(cal.date_of(day));
        match weeks.last_mut() {
            Some(week) if week.monday == monday => week.days.end = day + 1,
            _ => weeks.push(Week {
                monday,
                days: day..day + 1,
            }),
        }
    }
    weeks
}

pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

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

/// The most columns a report gives the load and the burndown: five years of
/// weeks. A longer plan groups its weeks, so that a report's size follows
/// its tasks and resources, not the length of its span.
pub const MAX_COLUMNS: usize = 260;

/// The weeks of [`weeks`], grouped `per` at a time (1 up to [`MAX_COLUMNS`]
/// weeks) into columns that start on the Monday of their first week; and
/// `per`.
pub fn columns(cal: &WorkCalendar, days: i64) -> (Vec<Week>, usize) {
    let weeks = weeks(cal, days);
    let per = weeks.len().div_ceil(MAX_COLUMNS).max(1);
    if per == 1 {
        return (weeks, 1);
    }
    let columns = weeks
        .chunks(per)
        .map(|chunk| Week {
            monday: chunk[0].monday,
            days: chunk[0].days.start..chunk[chunk.len() - 1].days.end,
        })
        .collect();
    (columns, per)
}

/// "per week", or "per 4 weeks (dated by the first Monday)".
pub fn per_column(weeks: usize) -> String {
    if weeks <= 1 {
        "per week".to_string()
    } else {
        format!("per {weeks} weeks (dated by their first Monday)")
    }
}

pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

//! Recurring calendar exceptions (an MSPDI `Exception` with more than one
//! `Occurrences`) as the days they stand for.
//!
//! From the format's schema, as MPXJ reads it: `Type` 1 and 7 daily, 2
//! yearly on a date, 3 yearly on a weekday ("fourth Thursday of
//! November"), 4 monthly on a date, 5 monthly on a weekday, 6 weekly;
//! `Period` every how many days, weeks or months; `Month` 0 for January to
//! 11; `MonthDay` the day; `MonthItem` 3 for Sunday to 9 for Saturday;
//! `MonthPosition` 0 to 3 the first to fourth, 4 the last; `DaysOfWeek` a
//! bitmask, 1 for Sunday to 64 for Saturday. The first occurrence is on or
//! after the `FromDate`.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::source::Exception;

/// A recurring exception gives at most this many days (over 19 years of
/// five days a week): more is cut, and said.
pub const MAX_OCCURRENCES: u32 = 5000;

/// The days of `e`, which starts on `from`, in order, and whether they
/// were cut at [`MAX_OCCURRENCES`]; `None` for a recurrence this does not
/// know (a `MonthItem` of "day", "weekday" or "weekend day", another
/// `Type`).
pub fn days(e: &Exception, from: NaiveDate) -> Option<(Vec<NaiveDate>, bool)> {
    let recurrence = Recurrence::of(e, from)?;
    let wanted = e.occurrences.min(MAX_OCCURRENCES) as usize;
    let mut days = Vec::new();
    // Every period gives at least one day, but a date that no month or
    // year has (31 February) gives none: the periods are bounded too.
    for k in 0..MAX_OCCURRENCES {
        for day in recurrence.period(k) {
            if day >= from && days.len() < wanted {
                days.push(day);
            }
        }
        if days.len() >= wanted {
            break;
        }
    }
    Some((days, e.occurrences > MAX_OCCURRENCES))
}

enum Recurrence {
    Daily {
        from: NaiveDate,
        every: u64,
    },
    YearlyOnDate {
        year: i32,
        month: u32,
        day: u32,
    },
    YearlyOnWeekday {
        year: i32,
        month: u32,
        nth: Nth,
    },
    MonthlyOnDate {
        first: NaiveDate,
        every: u32,
        day: u32,
    },
    MonthlyOnWeekday {
        first: NaiveDate,
        every: u32,
        nth: Nth,
    },
    /// `days[0]` is Sunday.
    Weekly {
        sunday: NaiveDate,
        every: u64,
        days: [bool; 7],
    },
}

#[derive(Clone, Copy)]
struct Nth {
    weekday: Weekday,
    /// 1 to 4, or 5 for the last.
    n: u8,
}

impl Recurrence {
    fn of(e: &Exception, from: NaiveDate) -> Option<Recurrence> {
        let every = e.period.max(1);
        let month = match e.month {
            Some(m) if m < 12 => m + 1,
            Some(_) => return None,
            None => from.month(),
        };
        let day = e.month_day.unwrap_or(from.day());
        let first = from.with_day(1)?;
        let year = from.year();
        Some(match e.kind {
            1 | 7 => Recurrence::Daily {
                from,
                every: u64::from(every),
            },
            2 => Recurrence::YearlyOnDate { year, month, day },
            3 => Recurrence::YearlyOnWeekday {
                year,
                month,
                nth: nth(e)?,
            },
            4 => Recurrence::MonthlyOnDate { first, every, day },
            5 => Recurrence::MonthlyOnWeekday {
                first,
                every,
                nth: nth(e)?,
            },
            6 => {
                let from_sunday = from.weekday().num_days_from_sunday();
                let mask = e
                    .days_of_week
                    .filter(|m| m & 0x7f != 0)
                    .unwrap_or(1 << from_sunday);
                Recurrence::Weekly {
                    sunday: from.checked_sub_days(Days::new(u64::from(from_sunday)))?,
                    every: u64::from(every),
                    days: std::array::from_fn(|d| mask & (1 << d) != 0),
                }
            }
            _ => return None,
        })
    }

    /// The days of the `k`th period (day, week, month or year) from the
    /// first: those the calendar has.
    fn period(&self, k: u32) -> Vec<NaiveDate> {
        let k64 = u64::from(k);
        let year = |year: i32| year.checked_add(i32::try_from(k).ok()?);
        let month =
            |first: NaiveDate, every: u32| first.checked_add_months(Months::new(k.checked_mul(every)?));
        let day = match *self {
            Recurrence::Daily { from, every } => from.checked_add_days(Days::new(k64.saturating_mul(every))),
            Recurrence::YearlyOnDate {
                year: y,
                month: m,
                day,
            } => year(y).and_then(|y| NaiveDate::from_ymd_opt(y, m, day)),
            Recurrence::YearlyOnWeekday {
                year: y,
                month: m,
                nth,
            } => year(y).and_then(|y| nth_weekday(y, m, nth)),
            Recurrence::MonthlyOnDate { first, every, day } => {
                month(first, every).and_then(|m| m.with_day(day))
            }
            Recurrence::MonthlyOnWeekday { first, every, nth } => {
                month(first, every).and_then(|m| nth_weekday(m.year(), m.month(), nth))
            }
            Recurrence::Weekly { sunday, every, days } => {
                let Some(week) =
                    sunday.checked_add_days(Days::new(k64.saturating_mul(every).saturating_mul(7)))
                else {
                    return Vec::new();
                };
                return (0..7u64)
                    .filter(|&d| days[d as usize])
                    .filter_map(|d| week.checked_add_days(Days::new(d)))
                    .collect();
            }
        };
        day.into_iter().collect()
    }
}

/// "Second Tuesday": `MonthItem` 3 to 9 (Sunday to Saturday) and
/// `MonthPosition` 0 to 4 (first to fourth, last).
fn nth(e: &Exception) -> Option<Nth> {
    let item = e.month_item.filter(|i| (3..=9).contains(i))?;
    let position = e.month_position.filter(|p| *p <= 4)?;
    Some(Nth {
        // Weekday counts from Monday: MonthItem 4 is 0, Sunday (3) is 6.
        weekday: Weekday::try_from(((item + 3) % 7) as u8).ok()?,
        n: position as u8 + 1,
    })
}

fn nth_weekday(year: i32, month: u32, nth: Nth) -> Option<NaiveDate> {
    match nth.n {
        5 => NaiveDate::from_weekday_of_month_opt(year, month, nth.weekday, 5)
            .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, nth.weekday, 4)),
        n => NaiveDate::from_weekday_of_month_opt(year, month, nth.weekday, n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn expanded(e: Exception, from: &str) -> Vec<String> {
        let (days, capped) = days(&e, date(from)).unwrap();
        assert!(!capped);
        days.iter().map(ToString::to_string).collect()
    }

    fn recurring(kind: u32, occurrences: u32) -> Exception {
        Exception {
            kind,
            occurrences,
            period: 1,
            ..Exception::default()
        }
    }

    #[test]
    fn weekly_on_several_days_every_other_week() {
        // Mondays (2) and Fridays (32) every 2 weeks from Wednesday
        // 2027-01-06 (1 January 2027 is a Friday, so the 4th is a
        // Monday), 5 days. Its week starts on Sunday the 3rd: Monday the
        // 4th is before the start, Friday the 8th is the first. Two weeks
        // on, the week of Sunday the 17th: Monday 18, Friday 22; then the
        // week of Sunday the 31st: Monday 1 February, Friday 5 February.
        let e = Exception {
            period: 2,
            days_of_week: Some(2 | 32),
            ..recurring(6, 5)
        };
        assert_eq!(
            expanded(e, "2027-01-06"),
            [
                "2027-01-08",
                "2027-01-18",
                "2027-01-22",
                "2027-02-01",
                "2027-02-05"
            ]
        );
    }

    #[test]
    fn monthly_and_yearly_on_a_weekday() {
        // The second Tuesday (MonthItem 5, MonthPosition 1). 1 January
        // 2027 is a Friday: Tuesdays 5, 12. 1 February is 31 days later,
        // a Monday: Tuesdays 2, 9. 1 March is 28 days later, a Monday
        // again: Tuesdays 2, 9.
        let e = Exception {
            month_item: Some(5),
            month_position: Some(1),
            ..recurring(5, 3)
        };
        assert_eq!(
            expanded(e, "2027-01-01"),
            ["2027-01-12", "2027-02-09", "2027-03-09"]
        );
        // The last Friday (8, 4): 29 January (1 + 28) and 26 February (31
        // days after 29 January is 1 March, a Monday; 26 February is 3
        // days before it).
        let e = Exception {
            month_item: Some(8),
            month_position: Some(4),
            ..recurring(5, 2)
        };
        assert_eq!(expanded(e, "2027-01-01"), ["2027-01-29", "2027-02-26"]);
        // The fourth Thursday of November (Month 10 counts from 0). 304
        // days from 1 January 2027 (a Friday) to 1 November: 43 weeks and
        // 3 days, a Monday, so Thursdays 4, 11, 18, 25. 2028 starts on a
        // Saturday (365 days later) and is a leap year: 305 days to 1
        // November, 43 weeks and 4 days, a Wednesday: Thursdays 2, 9, 16,
        // 23.
        let e = Exception {
            month: Some(10),
            month_item: Some(7),
            month_position: Some(3),
            ..recurring(3, 2)
        };
        assert_eq!(expanded(e, "2027-01-01"), ["2027-11-25", "2028-11-23"]);
    }

    #[test]
    fn by_date_daily_monthly_and_yearly() {
        // Every 3 days: 30 December, 2 and 5 January.
        let e = Exception {
            period: 3,
            ..recurring(7, 3)
        };
        assert_eq!(
            expanded(e, "2026-12-30"),
            ["2026-12-30", "2027-01-02", "2027-01-05"]
        );
        // The 31st of every month from 15 January: February has none.
        let e = Exception {
            month_day: Some(31),
            ..recurring(4, 2)
        };
        assert_eq!(expanded(e, "2027-01-15"), ["2027-01-31", "2027-03-31"]);
        // 25 December (Month 11) from the middle of 2027.
        let e = Exception {
            month: Some(11),
            month_day: Some(25),
            ..recurring(2, 2)
        };
        assert_eq!(expanded(e, "2027-06-01"), ["2027-12-25", "2028-12-25"]);
    }

    #[test]
    fn unknown_recurrences_are_none_and_endless_ones_are_cut() {
        let weekday_of_month = Exception {
            month_item: Some(1),
            month_position: Some(0),
            ..recurring(5, 3)
        };
        assert!(days(&weekday_of_month, date("2027-01-01")).is_none());
        assert!(days(&recurring(9, 3), date("2027-01-01")).is_none());
        let (all, capped) = days(&recurring(6, u32::MAX), date("2027-01-01")).unwrap();
        assert!(capped);
        assert_eq!(all.len(), MAX_OCCURRENCES as usize);
        // Past the last date chrono has: what fits, no panic.
        let (near_end, _) = days(&recurring(2, 10), NaiveDate::MAX).unwrap();
        assert_eq!(near_end, [NaiveDate::MAX]);
    }
}

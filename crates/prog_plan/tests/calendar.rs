//! Working days against a day-by-day count.

mod common;

use chrono::{Datelike, Days, NaiveDate};
use common::*;
use prog_plan::*;

/// A Sunday-to-Thursday week with scattered holidays, one long.
fn calendar() -> Calendar {
    let range = |first, last| DateRange {
        first: date(first),
        last: date(last),
    };
    Calendar {
        id: "gulf".into(),
        title: None,
        workdays: [true, true, true, true, false, false, true],
        holidays: vec![
            range("2027-03-01", "2027-03-03"),
            range("2027-02-20", "2027-02-20"),
            range("2028-06-01", "2028-06-30"),
            range("2026-12-31", "2026-12-31"),
            range("2027-03-02", "2027-03-10"), // overlaps the first
        ],
    }
}

fn naive_working(cal: &Calendar, d: NaiveDate) -> bool {
    cal.workdays[d.weekday().num_days_from_monday() as usize] && !cal.holidays.iter().any(|h| h.contains(d))
}

#[test]
fn matches_a_day_by_day_count() {
    let cal_def = calendar();
    let start = date("2027-01-01"); // a Friday: not a working day here
    let cal = WorkCalendar::from_calendar(Some(&cal_def), start);
    assert_eq!(cal.date_of(0), date("2027-01-03"));
    // Walk from well before the start to well after the last holiday.
    let from = date("2026-06-01");
    let mut working_before_start = 0;
    let mut d = from;
    while d < start {
        working_before_start += i64::from(naive_working(&cal_def, d));
        d = d + Days::new(1);
    }
    let mut count = -working_before_start; // working days in [start, d)
    let mut d = from;
    while d < date("2031-01-01") {
        let working = naive_working(&cal_def, d);
        assert_eq!(cal.is_working(d), working, "{d}");
        assert_eq!(cal.day_on_or_after(d), count, "{d}");
        assert_eq!(cal.day_on_or_before(d), count - i64::from(!working), "{d}");
        if working {
            assert_eq!(cal.date_of(count), d);
        }
        count += i64::from(working);
        d = d + Days::new(1);
    }
}

#[test]
fn far_dates_do_not_panic() {
    let cal = WorkCalendar::from_calendar(Some(&calendar()), date("2027-01-04"));
    assert_eq!(cal.date_of(i64::MAX), NaiveDate::MAX);
    assert_eq!(cal.date_of(i64::MIN / 2), NaiveDate::MIN);
    let far = date("9999-12-31");
    assert_eq!(cal.date_of(cal.day_on_or_before(far)), date("9999-12-30"));
}

#[test]
fn default_week_and_a_calendar_without_working_days() {
    let plan = Builder::new("2027-01-09").plan; // Saturday
    let cal = WorkCalendar::new(&plan);
    assert_eq!(cal.date_of(0), date("2027-01-11"));
    assert_eq!(cal.date_of(-1), date("2027-01-08"));
    assert_eq!(cal.day_on_or_before(date("2027-01-09")), -1);
    let idle = Calendar {
        id: "idle".into(),
        title: None,
        workdays: [false; 7],
        holidays: Vec::new(),
    };
    let cal = WorkCalendar::from_calendar(Some(&idle), date("2027-01-09"));
    assert_eq!(cal.date_of(5), date("2027-01-18"));
}

#[test]
fn task_and_milestone_dates() {
    let cal = WorkCalendar::new(&Builder::new("2027-01-04").plan);
    assert_eq!(cal.start_date(Work(12)), date("2027-01-05"));
    assert_eq!(cal.finish_date(Work(12)), date("2027-01-05"));
    assert_eq!(cal.finish_date(days(5)), date("2027-01-08"));
    assert_eq!(cal.milestone_date(Work::ZERO), date("2027-01-04"));
    assert_eq!(cal.milestone_date(days(6)), date("2027-01-11"));
    assert_eq!(
        cal.span_dates(days(6), days(6)),
        (date("2027-01-11"), date("2027-01-11"))
    );
    assert_eq!(cal.start_of(date("2027-01-10")), days(5));
    assert_eq!(cal.end_of(date("2027-01-10")), days(5));
}

//! Working time as MSPDI writes it: date-times on a standard day of
//! 08:00–12:00 and 13:00–17:00 (8 hours, Prog's working day), and
//! ISO 8601 durations (`PT16H0M0S`).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use prog_plan::{Work, WorkCalendar};

/// The standard day's two shifts, as (from, to) hours.
pub const SHIFTS: [(u32, u32); 2] = [(8, 12), (13, 17)];
const MORNING_HOURS: i64 = 4;

fn at(date: NaiveDate, hour: i64) -> NaiveDateTime {
    // `hour` is 8..=17 by construction.
    date.and_time(NaiveTime::from_hms_opt(hour as u32, 0, 0).unwrap_or_default())
}

/// When work that starts `es` hours into the plan starts: a start at the
/// fifth hour of a day is after lunch, 13:00.
pub fn start_at(cal: &WorkCalendar, es: Work) -> NaiveDateTime {
    let hour = es.0.rem_euclid(Work::HOURS_PER_DAY);
    let clock = if hour < MORNING_HOURS { 8 + hour } else { 9 + hour };
    at(cal.start_date(es), clock)
}

/// When work that ends `ef` hours into the plan ends: a whole day ends at
/// 17:00, half a day at 12:00.
pub fn finish_at(cal: &WorkCalendar, ef: Work) -> NaiveDateTime {
    let hour = ef.0.rem_euclid(Work::HOURS_PER_DAY);
    let clock = match hour {
        0 => 17,
        h if h <= MORNING_HOURS => 8 + h,
        h => 9 + h,
    };
    at(cal.finish_date(ef), clock)
}

/// When a milestone reached at `ef` falls: the end of the work before it,
/// or the start of the program when nothing comes before it.
pub fn milestone_at(cal: &WorkCalendar, ef: Work) -> NaiveDateTime {
    if ef <= Work::ZERO {
        start_at(cal, Work::ZERO)
    } else {
        finish_at(cal, ef)
    }
}

/// The working hours from the start of the day to `time`, on the standard
/// day (0 before 08:00, 8 after 17:00).
pub fn hours_into_day(time: NaiveTime) -> i64 {
    use chrono::Timelike;
    let minutes = i64::from(time.hour() * 60 + time.minute());
    SHIFTS
        .iter()
        .map(|&(from, to)| {
            (minutes.clamp(i64::from(from) * 60, i64::from(to) * 60) - i64::from(from) * 60) / 60
        })
        .sum()
}

/// `PT16H0M0S`; `-PT8H0M0S` for a lead.
pub fn duration_text(work: Work) -> String {
    let sign = if work < Work::ZERO { "-" } else { "" };
    format!("{sign}PT{}H0M0S", work.0.abs())
}

/// `2027-01-04T08:00:00`.
pub fn datetime_text(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// An ISO 8601 duration (`PT8H0M0S`, `P2DT4H`, `PT7.5H`, `-PT8H`) in
/// minutes, days counted as 8 working hours; `None` if it is not one.
pub fn parse_duration(text: &str) -> Option<f64> {
    let text = text.trim();
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text),
    };
    let rest = rest.strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => (d, t),
        None => (rest, ""),
    };
    let mut minutes = 0.0;
    for (part, units) in [
        (
            date_part,
            &[('Y', 0.0), ('M', 0.0), ('W', 5.0 * 480.0), ('D', 480.0)][..],
        ),
        (time_part, &[('H', 60.0), ('M', 1.0), ('S', 1.0 / 60.0)][..]),
    ] {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            let &(_, factor) = units.iter().find(|(unit, _)| *unit == c)?;
            // Years and months have no fixed length in working time.
            if factor == 0.0 {
                return None;
            }
            minutes += number.parse::<f64>().ok()? * factor;
            number.clear();
        }
        if !number.is_empty() {
            return None;
        }
    }
    Some(sign * minutes)
}

/// `2027-01-04T08:00:00` (seconds and a fraction optional, a date alone too).
pub fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Some(at);
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .map(|d| d.and_time(NaiveTime::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;
    use prog_plan::Calendar;

    fn monday() -> WorkCalendar {
        let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        WorkCalendar::from_calendar(None::<&Calendar>, start)
    }

    #[test]
    fn hours_fall_on_the_standard_day() {
        let cal = monday();
        // Hour 0 of Mon 4th starts at 08:00; hour 4 after lunch at 13:00;
        // 8 hours end Monday at 17:00; 12 hours end Tuesday at 12:00; 40
        // hours end Friday 8th at 17:00.
        assert_eq!(datetime_text(start_at(&cal, Work(0))), "2027-01-04T08:00:00");
        assert_eq!(datetime_text(start_at(&cal, Work(4))), "2027-01-04T13:00:00");
        assert_eq!(datetime_text(finish_at(&cal, Work(8))), "2027-01-04T17:00:00");
        assert_eq!(datetime_text(finish_at(&cal, Work(12))), "2027-01-05T12:00:00");
        assert_eq!(datetime_text(finish_at(&cal, Work(40))), "2027-01-08T17:00:00");
        assert_eq!(datetime_text(milestone_at(&cal, Work(0))), "2027-01-04T08:00:00");
        assert_eq!(hours_into_day(NaiveTime::from_hms_opt(13, 0, 0).unwrap()), 4);
        assert_eq!(hours_into_day(NaiveTime::from_hms_opt(17, 0, 0).unwrap()), 8);
        assert_eq!(hours_into_day(NaiveTime::from_hms_opt(10, 30, 0).unwrap()), 2);
    }

    #[test]
    fn durations_read_and_write() {
        assert_eq!(duration_text(Work(16)), "PT16H0M0S");
        assert_eq!(duration_text(Work(-8)), "-PT8H0M0S");
        assert_eq!(parse_duration("PT16H0M0S"), Some(960.0));
        assert_eq!(parse_duration("PT7H30M0S"), Some(450.0));
        // 2 days of 8 hours and 4 hours: 20 hours.
        assert_eq!(parse_duration("P2DT4H"), Some(1200.0));
        assert_eq!(parse_duration("-PT8H0M0S"), Some(-480.0));
        assert_eq!(parse_duration("P1M"), None);
        assert_eq!(parse_duration("8 hours"), None);
    }
}

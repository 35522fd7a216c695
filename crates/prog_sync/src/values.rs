//! Values as trackers write them (dates in several formats, seconds, plain
//! hours) and as `.prog` writes them (`2027-01-04`, `3d`, `12h`, `40%`).

use chrono::{NaiveDate, NaiveDateTime};

/// A date as trackers export it: ISO (`2026-12-04`, `2026-12-04T09:41:00.000+0100`,
/// `2026-12-04 09:41`), Jira's default `04/Dec/26 9:41 AM` (with or
/// without the time) or `04/Dec/2026`. The date as written: a time zone
/// offset does not move it to another day.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(iso) = text.get(..10)
        && let Ok(date) = NaiveDate::parse_from_str(iso, "%Y-%m-%d")
    {
        let rest = &text[10..];
        return (rest.is_empty() || rest.starts_with(['T', ' '])).then_some(date);
    }
    // Two-digit years first: `%Y` would read `04/Dec/26` as the year 26,
    // while `%y` refuses `2026`.
    for format in [
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%d/%b/%y %H:%M",
        "%d/%b/%Y %H:%M",
    ] {
        if let Ok(time) = NaiveDateTime::parse_from_str(text, format) {
            return Some(time.date());
        }
    }
    ["%d/%b/%y", "%d/%b/%Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

/// Seconds (Jira's estimates and time spent) as whole hours, rounded up.
pub fn hours_from_seconds(text: &str) -> Option<u32> {
    let seconds: u64 = text.trim().parse().ok()?;
    u32::try_from(seconds.div_ceil(3600)).ok()
}

/// A `.prog` duration (`3d`, `2w`, `12h`, signless) in hours.
pub fn prog_duration_hours(text: &str) -> Option<u32> {
    let text = text.trim().trim_start_matches('+');
    let unit = text.chars().last()?;
    let number: u32 = text[..text.len() - unit.len_utf8()].parse().ok()?;
    let per = match unit {
        'h' => 1,
        'd' => 8,
        'w' => 40,
        _ => return None,
    };
    number.checked_mul(per)
}

/// A duration in a spreadsheet: `.prog`'s `3d`/`2w`/`12h`, or a number of
/// hours (`6`, `1.5`, rounded up).
pub fn table_duration_hours(text: &str) -> Option<u32> {
    prog_duration_hours(text).or_else(|| {
        let hours: f64 = text.trim().parse().ok()?;
        (hours.is_finite() && (0.0..=1e7).contains(&hours)).then(|| hours.ceil() as u32)
    })
}

/// A percentage: `40%`, `40` or `12.5%`, from 0 to 100, floored.
pub fn parse_percent(text: &str) -> Option<u8> {
    let number: f64 = text.trim().trim_end_matches('%').trim().parse().ok()?;
    (0.0..=100.0).contains(&number).then(|| number.floor() as u8)
}

/// `.prog`'s percentage as written (`40%`, `12.5%`), as a number.
pub fn prog_percent(text: &str) -> Option<f64> {
    text.trim().strip_suffix('%')?.parse().ok()
}

/// Hours as a `.prog` duration: whole days when they are, else hours.
pub fn format_hours(hours: u32) -> String {
    if hours.is_multiple_of(8) {
        format!("{}d", hours / 8)
    } else {
        format!("{hours}h")
    }
}

pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Text as a `.prog` string: quoted, with `"` and `\` escaped, line
/// breaks and tabs written as escapes and other control characters left
/// out (a string is one line).
pub fn prog_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.trim().chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_in_jira_and_iso_formats() {
        assert_eq!(parse_date("04/Dec/26 9:41 AM"), d(2026, 12, 4));
        assert_eq!(parse_date("04/Dec/26 11:05 PM"), d(2026, 12, 4));
        assert_eq!(parse_date("4/Jan/27 12:00 AM"), d(2027, 1, 4));
        assert_eq!(parse_date("04/Dec/2026"), d(2026, 12, 4));
        assert_eq!(parse_date("04/Dec/26"), d(2026, 12, 4));
        assert_eq!(parse_date("2026-12-04"), d(2026, 12, 4));
        assert_eq!(parse_date("2026-12-04T23:41:00.000+1100"), d(2026, 12, 4));
        assert_eq!(parse_date("2026-12-04 09:41"), d(2026, 12, 4));
        assert_eq!(parse_date("2026-12-04x"), None);
        assert_eq!(parse_date("31/Feb/26 9:41 AM"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn durations_from_seconds_hours_and_prog_text() {
        // 5400 s = 1.5 h, rounded up to 2 h; 28800 s = 8 h.
        assert_eq!(hours_from_seconds("5400"), Some(2));
        assert_eq!(hours_from_seconds("28800"), Some(8));
        assert_eq!(hours_from_seconds("0"), Some(0));
        assert_eq!(hours_from_seconds("-5"), None);
        assert_eq!(prog_duration_hours("3d"), Some(24));
        assert_eq!(prog_duration_hours("2w"), Some(80));
        assert_eq!(prog_duration_hours("+12h"), Some(12));
        assert_eq!(prog_duration_hours("1.5d"), None);
        assert_eq!(table_duration_hours("1.5"), Some(2));
        assert_eq!(table_duration_hours("2d"), Some(16));
        assert_eq!(table_duration_hours("NaN"), None);
        assert_eq!(format_hours(24), "3d");
        assert_eq!(format_hours(12), "12h");
        assert_eq!(format_hours(0), "0d");
    }

    #[test]
    fn percentages_and_strings() {
        assert_eq!(parse_percent("40%"), Some(40));
        assert_eq!(parse_percent("12.5"), Some(12));
        assert_eq!(parse_percent("140%"), None);
        assert_eq!(prog_percent("12.5%"), Some(12.5));
        assert_eq!(
            prog_string(" Say \"hi\"\\\n\u{1b}[2J "),
            "\"Say \\\"hi\\\"\\\\\\n[2J\""
        );
    }
}

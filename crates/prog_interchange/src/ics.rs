//! Milestones, deadlines and one owner's tasks as iCalendar (RFC 5545)
//! all-day events. UIDs are stable (`<id>@<program>`), so a calendar that
//! subscribes to the file updates its events in place; the SEQUENCE of an
//! event rises over the previous export's when its dates moved.

use std::fmt::Write;

use chrono::{Days, NaiveDate, NaiveDateTime};
use prog_plan::{Plan, ResourceId, Schedule, TaskKind, WorkCalendar};
use rustc_hash::FxHashMap;

/// What the calendar is made from.
pub struct Events<'a> {
    pub plan: &'a Plan,
    pub schedule: &'a Schedule,
    pub calendar: &'a WorkCalendar,
    /// Also this person's or team's tasks.
    pub owner: Option<ResourceId>,
    /// When the file is made (DTSTAMP), in UTC.
    pub stamp: NaiveDateTime,
    /// The previous export of the same plan, whose SEQUENCE numbers go on.
    pub previous: Option<&'a str>,
}

struct Event {
    uid: String,
    summary: String,
    first: NaiveDate,
    /// The last day, inclusive.
    last: NaiveDate,
}

/// The iCalendar file, lines folded at 75 octets and ended by CRLF.
pub fn write(events: &Events<'_>) -> String {
    let program = &events.plan.program.id;
    let previous = events.previous.map(previous_events).unwrap_or_default();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Prog//prog export//EN",
        "CALSCALE:GREGORIAN",
    ] {
        push_line(&mut out, line);
    }
    let title = events.plan.program.title.as_deref().unwrap_or(program);
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape(title)));
    let stamp = events.stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for event in collect(events) {
        let start = event.first.format("%Y%m%d").to_string();
        let end = (event.last + Days::new(1)).format("%Y%m%d").to_string();
        let sequence = match previous.get(event.uid.as_str()) {
            Some((dates, sequence)) if *dates == (start.clone(), end.clone()) => *sequence,
            Some((_, sequence)) => sequence + 1,
            None => 0,
        };
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}", escape(&event.uid)));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(&mut out, &format!("SEQUENCE:{sequence}"));
        push_line(&mut out, &format!("DTSTART;VALUE=DATE:{start}"));
        push_line(&mut out, &format!("DTEND;VALUE=DATE:{end}"));
        push_line(&mut out, &format!("SUMMARY:{}", escape(&event.summary)));
        push_line(&mut out, "TRANSP:TRANSPARENT");
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

fn collect(events: &Events<'_>) -> Vec<Event> {
    let plan = events.plan;
    let program = &plan.program.id;
    let mut out = Vec::new();
    for id in plan.task_ids() {
        let task = plan.task(id);
        let times = events.schedule.times(id);
        let name = task.title.as_deref().unwrap_or(&task.id);
        let (start, finish) = events.calendar.span_dates(times.es, times.ef);
        if task.kind == TaskKind::Milestone {
            out.push(Event {
                uid: format!("{}@{program}", task.id),
                summary: name.to_string(),
                first: finish,
                last: finish,
            });
        }
        if let Some(deadline) = task.deadline {
            out.push(Event {
                uid: format!("{}-deadline@{program}", task.id),
                summary: format!("Deadline: {name}"),
                first: deadline,
                last: deadline,
            });
        }
        let owned = events.owner.is_some_and(|owner| {
            task.owner == Some(owner) || task.assignments.iter().any(|a| a.resource == owner)
        });
        if owned && task.kind == TaskKind::Task {
            out.push(Event {
                uid: format!("{}@{program}", task.id),
                summary: name.to_string(),
                first: start,
                last: finish,
            });
        }
    }
    out
}

/// The dates (DTSTART and DTEND values) and SEQUENCE of each UID of a
/// previous export.
fn previous_events(text: &str) -> FxHashMap<String, ((String, String), u32)> {
    let unfolded = text.replace("\r\n ", "").replace("\n ", "");
    let mut out = FxHashMap::default();
    let (mut uid, mut start, mut end, mut sequence) = (None, String::new(), String::new(), 0);
    for line in unfolded.lines() {
        let line = line.trim_end_matches('\r');
        if line == "BEGIN:VEVENT" {
            (uid, start, end, sequence) = (None, String::new(), String::new(), 0);
        } else if let Some(v) = line.strip_prefix("UID:") {
            uid = Some(unescape(v));
        } else if let Some(v) = line.strip_prefix("DTSTART;VALUE=DATE:") {
            start = v.to_string();
        } else if let Some(v) = line.strip_prefix("DTEND;VALUE=DATE:") {
            end = v.to_string();
        } else if let Some(v) = line.strip_prefix("SEQUENCE:") {
            sequence = v.trim().parse().unwrap_or(0);
        } else if line == "END:VEVENT"
            && let Some(uid) = uid.take()
        {
            out.insert(uid, ((start.clone(), end.clone()), sequence));
        }
    }
    out
}

/// TEXT as RFC 5545 §3.3.11 writes it: backslash, semicolon, comma and
/// line breaks escaped; other control characters dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded so that no line is longer than 75 octets
/// (RFC 5545 §3.1): a break and a space, never inside a UTF-8 character.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    let _ = out.write_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_lines_folded_at_75_octets() {
        assert_eq!(escape("a, b; c\\d\r\ne"), "a\\, b\\; c\\\\d\\ne");
        assert_eq!(unescape(&escape("a, b; c\\d\ne")), "a, b; c\\d\ne");
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "é".repeat(40));
        push_line(&mut out, &long);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), long);
    }
}

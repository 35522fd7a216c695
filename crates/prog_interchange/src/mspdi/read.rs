//! Reading an MSPDI file into a [`Source`], streaming: the file is never
//! held whole, so a 100 MB export reads in the memory its tasks take.
//! Entity declarations and external entities are refused (a "billion
//! laughs" file, or one that reads another file): MSPDI never has them.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::source::{Exception, Link, Source, SourceAssignment, SourceCalendar, SourceResource, SourceTask};
use super::time::{parse_datetime, parse_duration};

/// A file that is not a readable MSPDI document, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub offset: u64,
    pub message: String,
}

/// The line and column (1-based; the column in characters) of a byte
/// offset in `text`.
pub fn line_column(text: impl BufRead, offset: u64) -> (u64, u64) {
    let (mut line, mut column, mut at) = (1, 1, 0u64);
    for byte in text.bytes() {
        let Ok(byte) = byte else { break };
        if at >= offset {
            break;
        }
        at += 1;
        if byte == b'\n' {
            line += 1;
            column = 1;
        } else if byte & 0xC0 != 0x80 {
            column += 1;
        }
    }
    (line, column)
}

/// Reads an MSPDI document.
pub fn read(input: impl BufRead) -> Result<Source, ReadError> {
    let mut reader = Reader::from_reader(input);
    reader.config_mut().trim_text(false);
    let mut state = State::default();
    let mut buf = Vec::new();
    let mut saw_project = false;
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event_into(&mut buf).map_err(|e| ReadError {
            offset: reader.error_position(),
            message: format!("not well-formed XML: {e}"),
        })?;
        let error = |message: String| ReadError {
            offset: position,
            message,
        };
        match event {
            Event::DocType(doctype) => {
                let text = doctype.xml10_content().to_ascii_uppercase();
                if ["<!ENTITY", "SYSTEM", "PUBLIC"].iter().any(|w| text.contains(w)) {
                    return Err(error(
                        "the file declares entities or an external DTD, which MSPDI never has; refused"
                            .into(),
                    ));
                }
            }
            Event::Start(start) => {
                let name = start.local_name().as_ref().to_string();
                if state.stack.is_empty() {
                    if name != "Project" {
                        return Err(error(format!(
                            "`<{name}>` is not an MS Project XML file (MSPDI starts with `<Project>`)"
                        )));
                    }
                    saw_project = true;
                }
                state.open(&name);
                state.stack.push(name);
                state.text.clear();
            }
            Event::Empty(start) => {
                let name = start.local_name().as_ref().to_string();
                state.stack.push(name.clone());
                state.open(&name);
                state.text.clear();
                state.close();
                state.stack.pop();
            }
            Event::Text(text) => state.text.push_str(&text.xml10_content()),
            Event::CData(data) => state.text.push_str(&data.xml10_content()),
            Event::GeneralRef(reference) => {
                let name = reference.xml10_content();
                let c = match &*name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => reference.resolve_char_ref().ok().flatten(),
                };
                match c {
                    Some(c) => state.text.push(c),
                    None => {
                        return Err(error(format!(
                            "`&{name};` is an entity MSPDI does not define; refused"
                        )));
                    }
                }
            }
            Event::End(_) => {
                state.close();
                state.stack.pop();
                state.text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_project {
        return Err(ReadError {
            offset: 0,
            message: "the file is empty or has no `<Project>` element".into(),
        });
    }
    Ok(state.source)
}

#[derive(Default)]
struct State {
    source: Source,
    stack: Vec<String>,
    text: String,
    calendar: Option<SourceCalendar>,
    weekday: Option<(u32, bool, Exception)>,
    exception: Option<Exception>,
    task: Option<SourceTask>,
    link: Option<Link>,
    baseline: Option<(Option<u32>, Option<String>, Option<String>)>,
    resource: Option<SourceResource>,
    assignment: Option<SourceAssignment>,
}

fn flag(text: &str) -> bool {
    matches!(text.trim(), "1" | "true")
}

fn number<T: std::str::FromStr>(text: &str) -> Option<T> {
    text.trim().parse().ok()
}

impl State {
    /// The element `depth` levels up from the one being read (0 is it).
    fn up(&self, depth: usize) -> &str {
        self.stack
            .len()
            .checked_sub(depth + 1)
            .map_or("", |i| self.stack[i].as_str())
    }

    fn open(&mut self, name: &str) {
        let parent = self.stack.last().map_or("", String::as_str);
        match (parent, name) {
            ("Calendars", "Calendar") => self.calendar = Some(SourceCalendar::default()),
            ("WeekDays", "WeekDay") => self.weekday = Some((0, false, Exception::default())),
            ("Exceptions", "Exception") => {
                self.exception = Some(Exception {
                    kind: 1,
                    occurrences: 1,
                    period: 1,
                    ..Exception::default()
                })
            }
            ("Tasks", "Task") => self.task = Some(SourceTask::default()),
            ("Task", "PredecessorLink") => self.link = Some(Link::default()),
            ("Task", "Baseline") => self.baseline = Some((None, None, None)),
            ("Resources", "Resource") => {
                self.resource = Some(SourceResource {
                    kind: 1,
                    ..SourceResource::default()
                })
            }
            ("Assignments", "Assignment") => self.assignment = Some(SourceAssignment::default()),
            _ => {}
        }
    }

    /// The element on top of the stack ends, with `self.text` its text.
    fn close(&mut self) {
        let text = std::mem::take(&mut self.text);
        let t = text.as_str();
        let name = self.up(0).to_string();
        let parent = self.up(1).to_string();
        let grand = self.up(2).to_string();
        match (grand.as_str(), parent.as_str(), name.as_str()) {
            (_, "Project", field) => self.project_field(field, t),
            (_, "Calendars", "Calendar") => {
                if let Some(calendar) = self.calendar.take() {
                    self.source.calendars.push(calendar);
                }
            }
            (_, "Calendar", field) => {
                if let Some(c) = &mut self.calendar {
                    match field {
                        "UID" => c.uid = number(t).unwrap_or(0),
                        "Name" => c.name = Some(t.to_string()),
                        "BaseCalendarUID" => c.base = number(t),
                        _ => {}
                    }
                }
            }
            (_, "WeekDays", "WeekDay") => {
                if let (Some((day, working, period)), Some(c)) = (self.weekday.take(), &mut self.calendar) {
                    match day {
                        // DayType 1 is Sunday, 7 Saturday; Monday first here.
                        1..=7 => c.weekdays[(day as usize + 5) % 7] = Some(working),
                        // DayType 0 is the exceptions of MSPDI before 2007.
                        0 => c.exceptions.push(Exception { working, ..period }),
                        _ => {}
                    }
                }
            }
            (_, "WeekDay", field) => {
                if let Some((day, working, _)) = &mut self.weekday {
                    match field {
                        "DayType" => *day = number(t).unwrap_or(99),
                        "DayWorking" => *working = flag(t),
                        _ => {}
                    }
                }
            }
            ("WeekDay", "TimePeriod", field) => {
                if let Some((_, _, period)) = &mut self.weekday {
                    time_period(period, field, t);
                }
            }
            ("Exception", "TimePeriod", field) => {
                if let Some(e) = &mut self.exception {
                    time_period(e, field, t);
                }
            }
            (_, "Exceptions", "Exception") => {
                if let (Some(e), Some(c)) = (self.exception.take(), &mut self.calendar) {
                    c.exceptions.push(e);
                }
            }
            (_, "Exception", field) => {
                if let Some(e) = &mut self.exception {
                    match field {
                        "Type" => e.kind = number(t).unwrap_or(1),
                        "Occurrences" => e.occurrences = number(t).unwrap_or(1),
                        "Period" => e.period = number(t).unwrap_or(1),
                        "MonthDay" => e.month_day = number(t),
                        "Month" => e.month = number(t),
                        "MonthItem" => e.month_item = number(t),
                        "MonthPosition" => e.month_position = number(t),
                        "DaysOfWeek" => e.days_of_week = number(t),
                        "DayWorking" => e.working = flag(t),
                        _ => {}
                    }
                }
            }
            (_, "Tasks", "Task") => {
                if let Some(task) = self.task.take() {
                    self.source.tasks.push(task);
                }
            }
            (_, "Task", "PredecessorLink") => {
                if let (Some(link), Some(task)) = (self.link.take(), &mut self.task) {
                    task.links.push(link);
                }
            }
            (_, "PredecessorLink", field) => {
                if let Some(link) = &mut self.link {
                    match field {
                        "PredecessorUID" => link.predecessor = number(t).unwrap_or(0),
                        "Type" => link.kind = number(t).unwrap_or(1),
                        "LinkLag" => link.lag = number(t).unwrap_or(0.0),
                        "LagFormat" => link.lag_format = number(t),
                        _ => {}
                    }
                }
            }
            (_, "Task", "Baseline") => {
                if let (Some((number, start, finish)), Some(task)) = (self.baseline.take(), &mut self.task)
                    && number.unwrap_or(0) == 0
                    && let (Some(start), Some(finish)) = (
                        start.as_deref().and_then(parse_datetime),
                        finish.as_deref().and_then(parse_datetime),
                    )
                {
                    task.baseline = Some((start, finish));
                }
            }
            (_, "Baseline", field) => {
                if let Some((n, start, finish)) = &mut self.baseline {
                    match field {
                        "Number" => *n = number(t),
                        "Start" => *start = Some(t.to_string()),
                        "Finish" => *finish = Some(t.to_string()),
                        _ => {}
                    }
                }
            }
            (_, "Task", field) => self.task_field(field, t),
            (_, "Resources", "Resource") => {
                if let Some(resource) = self.resource.take() {
                    self.source.resources.push(resource);
                }
            }
            (_, "Resource", field) => {
                if let Some(r) = &mut self.resource {
                    match field {
                        "UID" => r.uid = number(t).unwrap_or(0),
                        "Name" => r.name = Some(t.to_string()),
                        "Type" => r.kind = number(t).unwrap_or(1),
                        "IsNull" => r.is_null = flag(t),
                        "MaxUnits" => r.max_units = number(t),
                        "StandardRate" => r.standard_rate = number(t),
                        "OvertimeRate" => r.overtime_rate = number(t),
                        "CalendarUID" => r.calendar = number(t),
                        "Notes" => r.notes = Some(t.to_string()),
                        _ => {}
                    }
                }
            }
            (_, "Assignments", "Assignment") => {
                if let Some(a) = self.assignment.take() {
                    self.source.assignments.push(a);
                }
            }
            (_, "Assignment", field) => {
                if let Some(a) = &mut self.assignment {
                    match field {
                        "TaskUID" => a.task = number(t).unwrap_or(0),
                        "ResourceUID" => a.resource = number(t).unwrap_or(0),
                        "Units" => a.units = number(t),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn project_field(&mut self, field: &str, t: &str) {
        let s = &mut self.source;
        match field {
            "Name" => s.name = Some(t.to_string()),
            "Title" => s.title = Some(t.to_string()),
            "StartDate" => s.start = parse_datetime(t),
            "StatusDate" => s.status_date = parse_datetime(t),
            "CurrencyCode" => s.currency = Some(t.to_string()),
            "CalendarUID" => s.calendar = number(t),
            "MinutesPerDay" => s.minutes_per_day = number(t),
            _ => {}
        }
    }

    fn task_field(&mut self, field: &str, t: &str) {
        let Some(task) = &mut self.task else { return };
        match field {
            "UID" => task.uid = number(t).unwrap_or(0),
            "ID" => task.id = number(t),
            "Name" => task.name = Some(t.to_string()),
            "OutlineLevel" => task.outline_level = number(t).unwrap_or(1),
            "Summary" => task.summary = flag(t),
            "Milestone" => task.milestone = flag(t),
            "Manual" => task.manual = flag(t),
            "IsNull" => task.is_null = flag(t),
            "Duration" => task.duration = parse_duration(t),
            "DurationFormat" => task.duration_format = number(t),
            "PercentComplete" => task.percent_complete = number(t),
            "ActualStart" => task.actual_start = parse_datetime(t),
            "ActualFinish" => task.actual_finish = parse_datetime(t),
            "ActualCost" => task.actual_cost = number(t),
            "RemainingDuration" => task.remaining = parse_duration(t),
            "FixedCost" => task.fixed_cost = number(t),
            "ConstraintType" => task.constraint_type = number(t),
            "ConstraintDate" => task.constraint_date = parse_datetime(t),
            "Deadline" => task.deadline = parse_datetime(t),
            "Notes" => task.notes = Some(t.to_string()),
            "ExtendedAttribute" => task.extras.push("custom fields"),
            "OvertimeWork" if parse_duration(t).is_some_and(|m| m > 0.0) => task.extras.push("overtime"),
            _ => {}
        }
    }
}

fn time_period(e: &mut Exception, field: &str, t: &str) {
    match field {
        "FromDate" => e.from = parse_datetime(t).map(|d| d.date()),
        "ToDate" => e.to = parse_datetime(t).map(|d| d.date()),
        _ => {}
    }
}

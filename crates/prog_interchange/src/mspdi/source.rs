//! What an MSPDI file holds that the importer reads, as read: numbers in
//! the file's units, references by UID.

use chrono::{NaiveDate, NaiveDateTime};

#[derive(Debug, Default)]
pub struct Source {
    pub name: Option<String>,
    pub title: Option<String>,
    pub start: Option<NaiveDateTime>,
    pub status_date: Option<NaiveDateTime>,
    pub currency: Option<String>,
    pub calendar: Option<u32>,
    pub minutes_per_day: Option<f64>,
    pub calendars: Vec<SourceCalendar>,
    pub tasks: Vec<SourceTask>,
    pub resources: Vec<SourceResource>,
    pub assignments: Vec<SourceAssignment>,
}

#[derive(Debug, Default)]
pub struct SourceCalendar {
    pub uid: u32,
    pub name: Option<String>,
    pub base: Option<u32>,
    /// Whether each weekday works, Monday first; `None` where the file
    /// does not say (a derived calendar takes its base's).
    pub weekdays: [Option<bool>; 7],
    pub exceptions: Vec<Exception>,
}

#[derive(Debug, Default, Clone)]
pub struct Exception {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub working: bool,
    /// Recurrence, as MSPDI writes it (see `recurrence`): `Type`,
    /// `Occurrences`, `Period`, `MonthDay`, `Month` (from 0), `MonthItem`,
    /// `MonthPosition`, `DaysOfWeek`.
    pub kind: u32,
    pub occurrences: u32,
    pub period: u32,
    pub month_day: Option<u32>,
    pub month: Option<u32>,
    pub month_item: Option<u32>,
    pub month_position: Option<u32>,
    pub days_of_week: Option<u32>,
}

#[derive(Debug, Default)]
pub struct SourceTask {
    pub uid: u32,
    pub id: Option<u32>,
    pub name: Option<String>,
    pub outline_level: u32,
    pub summary: bool,
    pub milestone: bool,
    pub manual: bool,
    pub is_null: bool,
    /// In minutes.
    pub duration: Option<f64>,
    pub duration_format: Option<u32>,
    pub percent_complete: Option<f64>,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_finish: Option<NaiveDateTime>,
    pub actual_cost: Option<f64>,
    /// In minutes.
    pub remaining: Option<f64>,
    pub fixed_cost: Option<f64>,
    pub constraint_type: Option<u32>,
    pub constraint_date: Option<NaiveDateTime>,
    pub deadline: Option<NaiveDateTime>,
    pub notes: Option<String>,
    pub links: Vec<Link>,
    pub baseline: Option<(NaiveDateTime, NaiveDateTime)>,
    /// Kinds of data Prog has no room for, found on this task.
    pub extras: Vec<&'static str>,
}

#[derive(Debug, Default, Clone)]
pub struct Link {
    pub predecessor: u32,
    pub kind: u32,
    /// Tenths of a minute, or tenths of a percent with a percent format.
    pub lag: f64,
    pub lag_format: Option<u32>,
}

#[derive(Debug, Default)]
pub struct SourceResource {
    pub uid: u32,
    pub name: Option<String>,
    /// 0 material, 1 work, 2 cost.
    pub kind: u32,
    pub is_null: bool,
    /// 1.0 is one full-time person.
    pub max_units: Option<f64>,
    /// Per hour.
    pub standard_rate: Option<f64>,
    pub calendar: Option<u32>,
    pub notes: Option<String>,
    pub overtime_rate: Option<f64>,
}

#[derive(Debug, Default)]
pub struct SourceAssignment {
    pub task: u32,
    pub resource: u32,
    pub units: Option<f64>,
}

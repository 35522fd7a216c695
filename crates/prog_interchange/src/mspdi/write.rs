//! A scheduled plan as MSPDI XML that MS Project reschedules to the same
//! dates: every task auto-scheduled (`Manual` 0), pinned by no constraint
//! the plan does not have, with Prog's own dates as Start and Finish for
//! readers that do not reschedule.

use std::fmt::Write;

use prog_plan::baseline::Baseline;
use prog_plan::{
    Calendar, DateRange, DepKind, Plan, Resource, ResourceKind, Schedule, Task, TaskKind, Work, WorkCalendar,
};
use quick_xml::escape::escape;
use rustc_hash::{FxHashMap, FxHashSet};

use super::time::{SHIFTS, datetime_text, duration_text, finish_at, milestone_at, start_at};
use super::{LINK_FF, LINK_FS, LINK_SS, NAMESPACE};

/// The UID of the project calendar; resource calendars follow.
const PROJECT_CALENDAR: u32 = 1;
/// Tenths of a minute in a working hour: the unit of `LinkLag`.
const LAG_PER_HOUR: i64 = 600;
/// `LagFormat` and `DurationFormat` 7: days.
const FORMAT_DAYS: u32 = 7;

/// What the export is made from.
pub struct Export<'a> {
    pub plan: &'a Plan,
    pub schedule: &'a Schedule,
    pub calendar: &'a WorkCalendar,
    /// The active baseline, written as Baseline 0.
    pub baseline: Option<&'a Baseline>,
    /// Each task's and resource's notes, written as `Notes`.
    pub notes: &'a Notes,
}

/// Notes of the plan's items, indexed like its tasks and resources (the
/// caller finds them: a plan's comments are not in its model). A missing
/// entry is no note.
#[derive(Debug, Default)]
pub struct Notes {
    pub tasks: Vec<Option<String>>,
    pub resources: Vec<Option<String>>,
}

/// The plan as an MSPDI document.
pub fn write(export: &Export<'_>) -> String {
    let mut w = Writer {
        out: String::with_capacity(1024 + export.plan.tasks.len() * 900),
        cal: export.calendar,
    };
    w.document(export);
    w.out
}

/// Unique ids: an item's `key` where it is a number no other item took,
/// else the next number after every key.
fn unique_ids<'a>(keys: impl Iterator<Item = Option<&'a str>> + Clone) -> Vec<u32> {
    let wanted = |key: Option<&str>| key.and_then(|k| k.trim().parse::<u32>().ok()).filter(|&n| n > 0);
    let mut next = keys.clone().filter_map(wanted).max().unwrap_or(0) + 1;
    let mut taken = FxHashSet::default();
    keys.map(|key| match wanted(key) {
        Some(n) if taken.insert(n) => n,
        _ => {
            next += 1;
            next - 1
        }
    })
    .collect()
}

struct Writer<'a> {
    out: String,
    cal: &'a WorkCalendar,
}

impl Writer<'_> {
    fn element(&mut self, name: &str, value: impl std::fmt::Display) {
        // XML 1.0 has no place for other control characters, even escaped.
        let value: String = value
            .to_string()
            .chars()
            .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .collect();
        let _ = write!(self.out, "<{name}>{}</{name}>", escape(value.as_str()));
    }

    fn open(&mut self, name: &str) {
        let _ = write!(self.out, "<{name}>");
    }

    fn close(&mut self, name: &str) {
        let _ = writeln!(self.out, "</{name}>");
    }

    fn document(&mut self, export: &Export<'_>) {
        let plan = export.plan;
        let schedule = export.schedule;
        let (_, last) = self.cal.plan_dates(schedule.duration);
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        let _ = writeln!(self.out, "<Project xmlns=\"{NAMESPACE}\">");
        self.element("SaveVersion", 14);
        self.element("Name", format!("{}.xml", plan.program.id));
        self.element("Title", plan.program.title.as_deref().unwrap_or(&plan.program.id));
        self.element("ScheduleFromStart", 1);
        self.element("StartDate", datetime_text(start_at(self.cal, Work::ZERO)));
        let finish = if schedule.duration > Work::ZERO {
            finish_at(self.cal, schedule.duration)
        } else {
            last.and_hms_opt(17, 0, 0).unwrap_or_default()
        };
        self.element("FinishDate", datetime_text(finish));
        if let Some(currency) = &plan.program.currency {
            self.element("CurrencyCode", currency);
        }
        self.element("CalendarUID", PROJECT_CALENDAR);
        self.element("DefaultStartTime", "08:00:00");
        self.element("DefaultFinishTime", "17:00:00");
        self.element("MinutesPerDay", 480);
        self.element("MinutesPerWeek", 2400);
        self.element("DaysPerMonth", 20);
        self.element("DefaultTaskType", 1);
        if let Some(status) = plan.program.status_date {
            self.element("StatusDate", format!("{status}T17:00:00"));
        }
        self.out.push('\n');
        let resource_calendars = self.calendars(plan);
        let task_uids = unique_ids(plan.tasks.iter().map(|t| t.key.as_deref()));
        let resource_uids = unique_ids(plan.resources.iter().map(|r| r.key.as_deref()));
        self.tasks(export, &task_uids);
        self.resources(export, &resource_uids, &resource_calendars);
        self.assignments(plan, &task_uids, &resource_uids);
        self.close("Project");
    }

    /// The project calendar, then one per resource with leave. Returns the
    /// calendar UID of each resource.
    fn calendars(&mut self, plan: &Plan) -> Vec<Option<u32>> {
        self.open("Calendars");
        self.out.push('\n');
        let standard = Calendar {
            id: "standard".into(),
            title: None,
            workdays: Calendar::MONDAY_TO_FRIDAY,
            holidays: Vec::new(),
        };
        let project = plan.calendar().unwrap_or(&standard);
        let name = project.title.as_deref().unwrap_or(&project.id).to_string();
        self.calendar(
            PROJECT_CALENDAR,
            &name,
            None,
            Some(&project.workdays),
            &project.holidays,
        );
        let mut next = PROJECT_CALENDAR + 1;
        let uids = plan
            .resources
            .iter()
            .map(|r| {
                let leave = resource_leave(plan, r);
                if leave.is_empty() {
                    return None;
                }
                let uid = next;
                next += 1;
                self.calendar(uid, &r.id, Some(PROJECT_CALENDAR), None, &leave);
                Some(uid)
            })
            .collect();
        self.close("Calendars");
        uids
    }

    fn calendar(
        &mut self,
        uid: u32,
        name: &str,
        base: Option<u32>,
        workdays: Option<&[bool; 7]>,
        exceptions: &[DateRange],
    ) {
        self.open("Calendar");
        self.element("UID", uid);
        self.element("Name", name);
        self.element("IsBaseCalendar", u8::from(base.is_none()));
        if let Some(base) = base {
            self.element("BaseCalendarUID", base);
        }
        if let Some(workdays) = workdays {
            self.open("WeekDays");
            // DayType 1 is Sunday; Prog's weekdays start on Monday.
            for day_type in 1..=7 {
                let working = workdays[(day_type + 5) % 7];
                self.open("WeekDay");
                self.element("DayType", day_type);
                self.element("DayWorking", u8::from(working));
                if working {
                    self.open("WorkingTimes");
                    for (from, to) in SHIFTS {
                        self.open("WorkingTime");
                        self.element("FromTime", format!("{from:02}:00:00"));
                        self.element("ToTime", format!("{to:02}:00:00"));
                        self.close("WorkingTime");
                    }
                    self.close("WorkingTimes");
                }
                self.close("WeekDay");
            }
            self.close("WeekDays");
        }
        if !exceptions.is_empty() {
            self.open("Exceptions");
            for range in exceptions {
                self.open("Exception");
                self.element("EnteredByOccurrences", 0);
                self.open("TimePeriod");
                self.element("FromDate", format!("{}T00:00:00", range.first));
                self.element("ToDate", format!("{}T23:59:00", range.last));
                self.close("TimePeriod");
                self.element("Occurrences", 1);
                self.element("Name", "Non-working");
                self.element("Type", 1);
                self.element("DayWorking", 0);
                self.close("Exception");
            }
            self.close("Exceptions");
        }
        self.close("Calendar");
    }

    fn tasks(&mut self, export: &Export<'_>, uids: &[u32]) {
        let plan = export.plan;
        let baseline: FxHashMap<&str, &prog_plan::baseline::BaselineTask> = export
            .baseline
            .map(|b| b.tasks.iter().map(|t| (t.id.as_str(), t)).collect())
            .unwrap_or_default();
        self.open("Tasks");
        self.out.push('\n');
        let outline = outline_numbers(plan);
        for (index, task) in plan.tasks.iter().enumerate() {
            let times = export.schedule.tasks[index];
            self.open("Task");
            self.element("UID", uids[index]);
            self.element("ID", index + 1);
            self.element("Name", task.title.as_deref().unwrap_or(&task.id));
            self.element("Manual", 0);
            self.element("Type", 1);
            self.element("IsNull", 0);
            self.element("WBS", &outline[index]);
            self.element("OutlineNumber", &outline[index]);
            self.element("OutlineLevel", outline[index].split('.').count());
            let (start, finish) = match task.kind {
                TaskKind::Milestone => {
                    let at = milestone_at(self.cal, times.ef);
                    (at, at)
                }
                _ if times.ef <= times.es => {
                    let at = milestone_at(self.cal, times.es);
                    (at, at)
                }
                _ => (start_at(self.cal, times.es), finish_at(self.cal, times.ef)),
            };
            self.element("Start", datetime_text(start));
            self.element("Finish", datetime_text(finish));
            // A task's own working time (the span from start to finish may
            // be longer, around its people's leave); a group's span.
            let duration = match task.kind {
                TaskKind::Group => times.ef - times.es,
                _ => task.duration(),
            };
            self.element("Duration", duration_text(duration));
            self.element("DurationFormat", FORMAT_DAYS);
            let work: i64 = task
                .assignments
                .iter()
                .map(|a| duration.0 * i64::from(a.units) / 100)
                .sum();
            self.element("Work", duration_text(Work(work)));
            self.element("EffortDriven", 0);
            self.element("Milestone", u8::from(task.kind == TaskKind::Milestone));
            self.element("Summary", u8::from(task.kind == TaskKind::Group));
            self.element("Critical", u8::from(times.critical));
            if let Some(cost) = *task.cost {
                self.element("FixedCost", money_text(cost.as_units()));
            }
            self.element("PercentComplete", task.progress);
            self.actuals(task);
            match task.not_before {
                Some(date) => {
                    self.element("ConstraintType", 4);
                    self.element("ConstraintDate", format!("{date}T08:00:00"));
                }
                None => self.element("ConstraintType", 0),
            }
            if let Some(deadline) = task.deadline {
                self.element("Deadline", format!("{deadline}T17:00:00"));
            }
            // A key that is no MS Project id (a tracker's issue key)
            // travels in the notes, so it is not lost.
            let key = task
                .key
                .as_ref()
                .filter(|key| key.trim().parse::<u32>().is_err())
                .map(|key| format!("key: {key}"));
            let notes = export.notes.tasks.get(index).cloned().flatten();
            let notes: Vec<String> = notes.into_iter().chain(key).collect();
            if !notes.is_empty() {
                self.element("Notes", notes.join("\n"));
            }
            for dep in &task.deps {
                self.open("PredecessorLink");
                self.element("PredecessorUID", uids[dep.on.index()]);
                let kind = match dep.kind {
                    DepKind::FinishToStart => LINK_FS,
                    DepKind::StartToStart => LINK_SS,
                    DepKind::FinishToFinish => LINK_FF,
                };
                self.element("Type", kind);
                self.element("CrossProject", 0);
                self.element("LinkLag", dep.lag.0 * LAG_PER_HOUR);
                self.element("LagFormat", FORMAT_DAYS);
                self.close("PredecessorLink");
            }
            if let Some(b) = baseline.get(task.id.as_str()) {
                let es = Work((b.es * Work::HOURS_PER_DAY as f64).round() as i64);
                let ef = Work((b.ef * Work::HOURS_PER_DAY as f64).round() as i64);
                let (start, finish) = if ef > es {
                    (start_at(self.cal, es), finish_at(self.cal, ef))
                } else {
                    let at = milestone_at(self.cal, ef);
                    (at, at)
                };
                self.open("Baseline");
                self.element("Number", 0);
                self.element("Start", datetime_text(start));
                self.element("Finish", datetime_text(finish));
                self.element("Duration", duration_text(ef - es));
                self.element("DurationFormat", FORMAT_DAYS);
                self.element("Cost", money_text(b.bac));
                self.close("Baseline");
            }
            self.close("Task");
        }
        self.close("Tasks");
    }

    fn actuals(&mut self, task: &Task) {
        let a = &task.actuals;
        if let Some(start) = a.start {
            self.element("ActualStart", format!("{start}T08:00:00"));
        }
        if let Some(finish) = a.finish {
            self.element("ActualFinish", format!("{finish}T17:00:00"));
        }
        if let Some(cost) = a.cost {
            self.element("ActualCost", money_text(cost.as_units()));
        }
        // Only a remaining duration the plan gives: MS Project works out
        // the rest from the percent complete, as Prog does.
        if let Some(remaining) = a.remaining {
            // Person-time for a task given by effort: its working time here.
            let remaining = match task.work {
                Some(prog_plan::WorkSpec::Effort(_)) => task.elapsed(remaining),
                _ => remaining,
            };
            self.element("RemainingDuration", duration_text(remaining));
        }
    }

    fn resources(&mut self, export: &Export<'_>, uids: &[u32], calendars: &[Option<u32>]) {
        let plan = export.plan;
        self.open("Resources");
        self.out.push('\n');
        for (index, r) in plan.resources.iter().enumerate() {
            self.open("Resource");
            self.element("UID", uids[index]);
            self.element("ID", index + 1);
            self.element("Name", r.title.as_deref().unwrap_or(&r.id));
            self.element("Type", 1);
            self.element("IsNull", 0);
            self.element("Initials", &r.id);
            if r.kind == ResourceKind::Team {
                self.element("Group", "team");
            }
            self.element("MaxUnits", format!("{:.2}", f64::from(r.capacity) / 100.0));
            if let Some(rate) = r.rate {
                // MSPDI keeps rates per hour; Prog's are per working day.
                self.element(
                    "StandardRate",
                    money_text(rate.as_units() / Work::HOURS_PER_DAY as f64),
                );
                self.element("StandardRateFormat", 3);
            }
            if let Some(uid) = calendars[index] {
                self.element("CalendarUID", uid);
            }
            if let Some(Some(notes)) = export.notes.resources.get(index) {
                self.element("Notes", notes);
            }
            self.close("Resource");
        }
        self.close("Resources");
    }

    fn assignments(&mut self, plan: &Plan, task_uids: &[u32], resource_uids: &[u32]) {
        self.open("Assignments");
        self.out.push('\n');
        let mut uid = 0;
        for (index, task) in plan.tasks.iter().enumerate() {
            for a in &task.assignments {
                uid += 1;
                self.open("Assignment");
                self.element("UID", uid);
                self.element("TaskUID", task_uids[index]);
                self.element("ResourceUID", resource_uids[a.resource.index()]);
                self.element("Units", format!("{:.2}", f64::from(a.units) / 100.0));
                let work = task.duration().0 * i64::from(a.units) / 100;
                self.element("Work", duration_text(Work(work)));
                self.close("Assignment");
            }
        }
        self.close("Assignments");
    }
}

/// A resource's days off: its leave and, when it has a calendar of its own,
/// that calendar's holidays.
fn resource_leave(plan: &Plan, r: &Resource) -> Vec<DateRange> {
    let mut leave = r.leave.clone();
    if let Some(calendar) = r.calendar {
        leave.extend(plan.calendars[calendar.index()].holidays.iter().copied());
    }
    leave
}

/// `1`, `1.2`, `1.2.3`: each task's place in the tree, in plan order (a
/// group comes before its children).
fn outline_numbers(plan: &Plan) -> Vec<String> {
    let mut numbers: Vec<String> = Vec::with_capacity(plan.tasks.len());
    let mut children: Vec<u32> = vec![0; plan.tasks.len()];
    let mut top = 0;
    for task in &plan.tasks {
        let number = match task.parent {
            Some(parent) => {
                children[parent.index()] += 1;
                format!("{}.{}", numbers[parent.index()], children[parent.index()])
            }
            None => {
                top += 1;
                top.to_string()
            }
        };
        numbers.push(number);
    }
    numbers
}

/// An amount with at most two decimals, as MSPDI writes currency.
fn money_text(units: f64) -> String {
    let text = format!("{units:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_stripped_of_what_xml_cannot_hold() {
        let mut w = Writer {
            out: String::new(),
            cal: &WorkCalendar::from_calendar(None, chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()),
        };
        w.element("Name", "a <b> & \"c\"\u{1}\u{7f}");
        assert_eq!(w.out, "<Name>a &lt;b&gt; &amp; &quot;c&quot;</Name>");
    }

    #[test]
    fn numeric_keys_become_unique_ids_and_the_rest_follow() {
        let keys = [Some("7"), None, Some("7"), Some("ENG-12"), Some("2")];
        assert_eq!(unique_ids(keys.into_iter()), [7, 8, 9, 10, 2]);
    }
}

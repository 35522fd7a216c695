//! An MSPDI [`Source`] as `.prog` text, and what could not be kept. The
//! text is in plan order and stable (the same file gives the same text);
//! the caller runs it through `prog fmt`'s formatter.

use std::fmt::Write;

use chrono::{NaiveDate, NaiveDateTime};
use rustc_hash::FxHashMap;

use super::prog_text::{Ids, Losses, amount, comment, string, work};
use super::recurrence::{self, MAX_OCCURRENCES};
use super::source::{Exception, Source, SourceCalendar, SourceTask};
use super::{LINK_FF, LINK_FS, LINK_SF, LINK_SS};

/// Prog nests groups at most this deep.
const MAX_DEPTH: usize = 32;
/// Elapsed `DurationFormat`s (em, eh, ed, ew, emo, e%, and their
/// estimated forms): calendar time, not working time.
const ELAPSED_FORMATS: [u32; 12] = [4, 6, 8, 10, 12, 20, 36, 38, 40, 42, 44, 52];

/// The plan text, what it lacks, and the baseline (Baseline 0) start and
/// finish of each task that has one, by id.
pub struct Imported {
    pub text: String,
    pub losses: Losses,
    pub baseline: Vec<(String, NaiveDateTime, NaiveDateTime)>,
}

/// The plan of `source`. With `baseline_file`, a source with baseline
/// dates gets a program `baseline` naming it (the caller writes it from
/// [`Imported::baseline`]); without, they are listed as not kept.
pub fn to_prog(source: &Source, baseline_file: Option<&str>) -> Imported {
    let mut c = Converter {
        source,
        minutes_per_day: source.minutes_per_day.filter(|m| *m > 0.0).unwrap_or(480.0),
        ids: Ids::default(),
        losses: Losses::default(),
        out: String::new(),
        baseline: Vec::new(),
    };
    c.run(baseline_file);
    Imported {
        text: c.out,
        losses: c.losses,
        baseline: c.baseline,
    }
}

struct Converter<'a> {
    source: &'a Source,
    minutes_per_day: f64,
    ids: Ids,
    losses: Losses,
    out: String,
    baseline: Vec<(String, NaiveDateTime, NaiveDateTime)>,
}

impl Converter<'_> {
    fn run(&mut self, baseline_file: Option<&str>) {
        let s = self.source;
        let title = s.title.as_deref().or(s.name.as_deref());
        let program = self
            .ids
            .make(title.map(|t| t.trim_end_matches(".xml")), "imported");
        let calendar = self.project_calendar();
        let calendar_id = calendar
            .as_ref()
            .map(|_| self.ids.make(Some("standard"), "calendar"));
        let start = s.start.map(|d| d.date()).unwrap_or_else(|| {
            self.losses.add(
                "files without a project start date (the program starts on 2000-01-03)",
                "Project",
            );
            NaiveDate::from_ymd_opt(2000, 1, 3).unwrap_or_default()
        });
        let _ = write!(self.out, "program {program}");
        if let Some(title) = title {
            let _ = write!(self.out, " {}", string(title));
        }
        let _ = writeln!(self.out, " {{\n  start {start}");
        if let Some(status) = s.status_date {
            let _ = writeln!(self.out, "  status_date {}", status.date());
        }
        if let Some(currency) = s.currency.as_deref().filter(|c| !c.trim().is_empty()) {
            let _ = writeln!(self.out, "  currency {}", string(currency));
        }
        if let Some(id) = &calendar_id {
            let _ = writeln!(self.out, "  calendar {id}");
        }
        let has_baseline = s.tasks.iter().any(|t| t.baseline.is_some());
        match baseline_file {
            Some(file) if has_baseline => {
                let _ = writeln!(self.out, "  baseline {}", string(file));
            }
            None if has_baseline => self.losses.add(
                "baseline dates (written beside the plan with -o only)",
                title.unwrap_or("Project"),
            ),
            _ => {}
        }
        self.out.push_str("}\n\n");
        if let (Some(id), Some((workdays, holidays))) = (&calendar_id, calendar) {
            let _ = writeln!(self.out, "calendar {id} {{\n  workdays {workdays}");
            if !holidays.is_empty() {
                let _ = writeln!(self.out, "  holiday {holidays}");
            }
            self.out.push_str("}\n\n");
        }
        let resources = self.resources();
        self.tasks(&resources);
    }

    fn calendar(&self, uid: Option<u32>) -> Option<&SourceCalendar> {
        self.source.calendars.iter().find(|c| Some(c.uid) == uid)
    }

    /// The project calendar's working weekdays (`mon, tue, ...`) and
    /// holidays (`2027-05-31, 2027-12-24..2027-12-31`).
    fn project_calendar(&mut self) -> Option<(String, String)> {
        let calendar = self
            .calendar(self.source.calendar)
            .or_else(|| self.source.calendars.iter().find(|c| c.base.is_none()))?;
        let base = self.calendar(calendar.base);
        let mut weekdays = [true, true, true, true, true, false, false];
        for (day, working) in weekdays.iter_mut().enumerate() {
            if let Some(w) = calendar.weekdays[day].or_else(|| base.and_then(|b| b.weekdays[day])) {
                *working = w;
            }
        }
        const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let workdays: Vec<&str> = (0..7).filter(|&d| weekdays[d]).map(|d| NAMES[d]).collect();
        let name = calendar.name.clone().unwrap_or_else(|| "calendar".into());
        let exceptions = calendar.exceptions.clone();
        let holidays = self.days_off(&exceptions, &name);
        Some((workdays.join(", "), holidays))
    }

    /// Non-working exceptions as `.prog` dates and ranges, recurring ones
    /// expanded.
    fn days_off(&mut self, exceptions: &[Exception], owner: &str) -> String {
        let mut ranges: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        for e in exceptions {
            if e.working {
                self.losses
                    .add("working exceptions (extra working time) in calendars", owner);
                continue;
            }
            let Some(from) = e.from else { continue };
            let to = e.to.unwrap_or(from).max(from);
            if e.occurrences <= 1 {
                ranges.push((from, to));
                continue;
            }
            match recurrence::days(e, from) {
                Some((days, capped)) => {
                    if capped {
                        self.losses.add(
                            &format!(
                                "recurring calendar exceptions of more than {MAX_OCCURRENCES} days (only the first {MAX_OCCURRENCES} kept)"
                            ),
                            owner,
                        );
                    }
                    ranges.extend(days.into_iter().map(|d| (d, d)));
                }
                None => {
                    self.losses.add(
                        "recurring calendar exceptions on \"a day\", \"a weekday\" or \"a weekend day\" of the month, or of an unknown Type (only their first day kept)",
                        owner,
                    );
                    ranges.push((from, from));
                }
            }
        }
        ranges.sort();
        ranges.dedup();
        ranges
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}..{b}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Writes people and teams; returns each work resource's id and whether
    /// it is a team, by UID.
    fn resources(&mut self) -> FxHashMap<u32, (String, bool)> {
        let mut ids = FxHashMap::default();
        for r in &self.source.resources {
            let name = r.name.as_deref().unwrap_or_default();
            if r.is_null || (r.uid == 0 && r.name.is_none()) {
                continue;
            }
            if r.kind != 1 {
                let kind = if r.kind == 0 {
                    "material resources"
                } else {
                    "cost resources"
                };
                self.losses.add(kind, name);
                continue;
            }
            let id = self.ids.make(r.name.as_deref(), &format!("resource_{}", r.uid));
            let units = r.max_units.unwrap_or(1.0).max(0.0);
            let team = units > 1.0;
            if let Some(notes) = &r.notes {
                comment(&mut self.out, "", notes);
            }
            let _ = write!(self.out, "{} {id}", if team { "team" } else { "person" });
            if let Some(name) = &r.name {
                let _ = write!(self.out, " {}", string(name));
            }
            self.out.push_str(" {\n");
            let _ = writeln!(self.out, "  key {}", string(&r.uid.to_string()));
            let percent = (units * 100.0).round() as i64;
            match (team, percent) {
                (false, 100) => {}
                (false, p) => {
                    let _ = writeln!(self.out, "  capacity {p}%");
                }
                (true, p) if p % 100 == 0 => {
                    let _ = writeln!(self.out, "  capacity {}", p / 100);
                }
                (true, p) => {
                    let _ = writeln!(self.out, "  capacity {p}%");
                }
            }
            if let Some(rate) = r.standard_rate.filter(|r| *r > 0.0) {
                let _ = writeln!(self.out, "  rate {}/d", amount(rate * 8.0));
            }
            if r.overtime_rate.is_some_and(|r| r > 0.0) {
                self.losses.add("overtime rates", name);
            }
            if let Some(calendar) = self.calendar(r.calendar) {
                let exceptions = calendar.exceptions.clone();
                let off = self.days_off(&exceptions, name);
                if !off.is_empty() {
                    let _ = writeln!(self.out, "  off {off}");
                }
            }
            self.out.push_str("}\n");
            ids.insert(r.uid, (id, team));
        }
        self.out.push('\n');
        ids
    }

    fn tasks(&mut self, resources: &FxHashMap<u32, (String, bool)>) {
        let tasks: Vec<&SourceTask> = self
            .source
            .tasks
            .iter()
            .filter(|t| !t.is_null && t.outline_level > 0 && !(t.uid == 0 && t.outline_level == 0))
            .collect();
        // Ids first: a link may point forward.
        let ids: Vec<String> = tasks
            .iter()
            .map(|t| self.ids.make(t.name.as_deref(), &format!("task_{}", t.uid)))
            .collect();
        let by_uid: FxHashMap<u32, usize> = tasks.iter().enumerate().map(|(i, t)| (t.uid, i)).collect();
        let mut assigned: FxHashMap<u32, Vec<(u32, Option<f64>)>> = FxHashMap::default();
        for a in &self.source.assignments {
            assigned.entry(a.task).or_default().push((a.resource, a.units));
        }
        let mut open: Vec<u32> = Vec::new();
        for (i, task) in tasks.iter().enumerate() {
            let level = task.outline_level;
            while open.last().is_some_and(|&l| l >= level) {
                open.pop();
                self.close_group(open.len());
            }
            let has_children = tasks.get(i + 1).is_some_and(|next| next.outline_level > level);
            let group = has_children && open.len() < MAX_DEPTH;
            if has_children && !group {
                self.losses
                    .add("summary tasks nested deeper than 32 (flattened)", name(task));
            }
            let indent = "  ".repeat(open.len());
            if let Some(notes) = &task.notes {
                comment(&mut self.out, &indent, notes);
            }
            let kind = if group {
                "group"
            } else if task.milestone {
                "milestone"
            } else {
                "task"
            };
            if let Some((start, finish)) = task.baseline {
                self.baseline.push((ids[i].clone(), start, finish));
            }
            let _ = write!(self.out, "{indent}{kind} {}", ids[i]);
            if let Some(title) = &task.name {
                let _ = write!(self.out, " {}", string(title));
            }
            self.out.push_str(" {\n");
            let body = format!("{indent}  ");
            let mut lines = Vec::new();
            self.task_body(
                task,
                kind,
                &ids,
                &by_uid,
                &tasks,
                resources,
                assigned.get(&task.uid),
                &mut lines,
            );
            for line in lines {
                let _ = writeln!(self.out, "{body}{line}");
            }
            if group {
                open.push(level);
            } else {
                let _ = writeln!(self.out, "{indent}}}");
            }
        }
        while open.pop().is_some() {
            self.close_group(open.len());
        }
    }

    fn close_group(&mut self, depth: usize) {
        let _ = writeln!(self.out, "{}}}", "  ".repeat(depth));
    }

    fn work(&mut self, minutes: f64, signed: bool, task: &SourceTask) -> String {
        let (text, rounded) = work(minutes, self.minutes_per_day, signed);
        if rounded {
            self.losses
                .add("durations and lags rounded to the hour", name(task));
        }
        text
    }

    #[allow(clippy::too_many_arguments)]
    fn task_body(
        &mut self,
        task: &SourceTask,
        kind: &str,
        ids: &[String],
        by_uid: &FxHashMap<u32, usize>,
        tasks: &[&SourceTask],
        resources: &FxHashMap<u32, (String, bool)>,
        assignments: Option<&Vec<(u32, Option<f64>)>>,
        lines: &mut Vec<String>,
    ) {
        let is_task = kind == "task";
        lines.push(format!("key {}", string(&task.uid.to_string())));
        if task.manual {
            self.losses.add(
                "manually scheduled tasks (imported as automatically scheduled)",
                name(task),
            );
        }
        if task.duration_format.is_some_and(|f| ELAPSED_FORMATS.contains(&f)) {
            self.losses
                .add("elapsed durations (imported as working time)", name(task));
        }
        for extra in &task.extras {
            self.losses.add(extra, name(task));
        }
        let duration = task.duration.unwrap_or(0.0);
        if is_task && duration > 0.0 {
            let d = self.work(duration, false, task);
            lines.push(format!("duration {d}"));
        }
        if kind == "milestone" && duration > 0.0 {
            self.losses
                .add("milestones with a duration (imported as milestones)", name(task));
        }
        for &(resource, units) in assignments.into_iter().flatten() {
            let Some((id, team)) = resources.get(&resource) else {
                if resource != u32::MAX && self.source.resources.iter().any(|r| r.uid == resource) {
                    self.losses
                        .add("assignments of material and cost resources", name(task));
                }
                continue;
            };
            if !is_task {
                self.losses
                    .add("assignments on summary tasks and milestones", name(task));
                continue;
            }
            let percent = (units.unwrap_or(1.0) * 100.0).round() as i64;
            match (team, percent) {
                (_, p) if p <= 0 => self.losses.add("assignments of 0 units", name(task)),
                (false, 100) => lines.push(format!("assign {id}")),
                (true, p) if p % 100 == 0 => lines.push(format!("assign {id} {}", p / 100)),
                (_, p) => lines.push(format!("assign {id} {p}%")),
            }
        }
        for link in &task.links {
            let Some(&target) = by_uid.get(&link.predecessor) else {
                self.losses.add("links to tasks not in the file", name(task));
                continue;
            };
            let keyword = match link.kind {
                LINK_FS => "after",
                LINK_SS => "start_with",
                LINK_FF => "finish_with",
                LINK_SF => {
                    let both = format!("{} → {}", name(tasks[target]), name(task));
                    self.losses
                        .add("start-to-finish links (Prog has none; not imported)", &both);
                    continue;
                }
                _ => "after",
            };
            // Percent formats (19, 20, and 51, 52 estimated): tenths of a
            // percent of the predecessor's duration.
            let minutes = if matches!(link.lag_format, Some(19 | 20 | 51 | 52)) {
                self.losses.add(
                    "percent lags (converted to working time of the predecessor)",
                    name(task),
                );
                link.lag / 1000.0 * tasks[target].duration.unwrap_or(0.0)
            } else {
                link.lag / 10.0
            };
            let lag = if minutes.abs() < 1e-9 {
                String::new()
            } else {
                format!(" {}", self.work(minutes, true, task))
            };
            lines.push(format!("{keyword} {}{lag}", ids[target]));
        }
        self.constraints(task, lines);
        if kind == "group" {
            if task.fixed_cost.is_some_and(|c| c > 0.0) {
                self.losses.add("fixed costs on summary tasks", name(task));
            }
            return;
        }
        if let Some(cost) = task.fixed_cost.filter(|c| *c > 0.0) {
            lines.push(format!("cost {}", amount(cost)));
        }
        self.tracking(task, is_task, lines);
    }

    fn constraints(&mut self, task: &SourceTask, lines: &mut Vec<String>) {
        let date = task.constraint_date.map(|d| d.date());
        let mut deadline = task.deadline.map(|d| d.date());
        match (task.constraint_type.unwrap_or(0), date) {
            (2 | 4, Some(date)) => lines.push(format!("not_before {date}")),
            (3 | 7, Some(date)) => deadline = Some(deadline.map_or(date, |d| d.min(date))),
            (0 | 2 | 3 | 4 | 7, _) => {}
            _ => self.losses.add(
                "constraints Prog has no equivalent for (as late as possible, start no later than, finish no earlier than)",
                name(task),
            ),
        }
        if let Some(deadline) = deadline {
            lines.push(format!("deadline {deadline}"));
        }
    }

    fn tracking(&mut self, task: &SourceTask, is_task: bool, lines: &mut Vec<String>) {
        let percent = task.percent_complete.unwrap_or(0.0).clamp(0.0, 100.0).round() as i64;
        if percent >= 100 {
            lines.push("done".into());
        } else if percent > 0 && is_task {
            lines.push(format!("progress {percent}%"));
        }
        if is_task && let Some(start) = task.actual_start {
            lines.push(format!("actual_start {}", start.date()));
        }
        if let Some(finish) = task.actual_finish {
            lines.push(format!("actual_finish {}", finish.date()));
        }
        if is_task
            && (1..100).contains(&percent)
            && let Some(remaining) = task.remaining
        {
            let r = self.work(remaining.max(0.0), false, task);
            lines.push(format!("remaining {r}"));
        }
        if let Some(cost) = task.actual_cost.filter(|c| *c > 0.0) {
            lines.push(format!("actual_cost {}", amount(cost)));
        }
    }
}

fn name(task: &SourceTask) -> &str {
    task.name.as_deref().unwrap_or("(unnamed)")
}

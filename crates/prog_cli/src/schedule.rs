//! `prog schedule`: the schedule of a plan as a table or as JSON.

use std::path::Path;

use prog_db::Database;
use prog_plan::status::{self, TaskStatus};
use prog_plan::{Plan, Schedule, ScheduleDoc, Task, TaskKind, TaskTimes, Work, WorkCalendar};

use crate::{Format, inputs};

pub fn run(path: &Path, format: Format) -> Result<u8, String> {
    let mut db = Database::default();
    // Errors go to stderr; what could be understood still goes on.
    let (project, code) = inputs::load_reporting_errors(&mut db, path)?;
    let plan = &prog_db::resolved(&db, project).plan;
    let schedule = prog_db::schedule(&db, project);
    let calendar = prog_db::work_calendar(&db, project);
    match format {
        Format::Text => crate::emit(&table(plan, schedule, calendar)),
        Format::Json => {
            let doc = ScheduleDoc::new(plan, schedule, calendar);
            crate::emit(&(serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"));
        }
    }
    Ok(code)
}

/// Where a task stands at the status date: `done`, `40%`, and `late` when
/// it should have started or finished by then.
fn progress(task: &Task, planned: &TaskTimes, now: Work) -> String {
    let mut text = match TaskStatus::of(task) {
        TaskStatus::Done => "done".to_string(),
        TaskStatus::InProgress => format!("{}%", task.progress),
        TaskStatus::NotStarted => String::new(),
    };
    if task.kind != TaskKind::Group && status::late(task, planned, now).is_some() {
        text = if text.is_empty() {
            "late".to_string()
        } else {
            format!("{text} late")
        };
    }
    text
}

/// The schedule as a plain-text table, one row per task.
pub fn table(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar) -> String {
    let mut rows = vec![[
        "id".to_string(),
        "title".to_string(),
        "start".to_string(),
        "finish".to_string(),
        "float".to_string(),
        "".to_string(),
        "progress".to_string(),
        "owner".to_string(),
    ]];
    let now = plan.program.status_date.map(|date| status::now(cal, date));
    for id in plan.task_ids() {
        let task = plan.task(id);
        let t = schedule.times(id);
        let (start, finish) = cal.span_dates(t.es, t.ef);
        let depth = std::iter::successors(task.parent, |p| plan.task(*p).parent).count();
        let marker = match (t.critical, task.kind) {
            (true, _) => "critical",
            (false, TaskKind::Milestone) => "milestone",
            _ => "",
        };
        rows.push([
            format!("{}{}", "  ".repeat(depth), task.id),
            task.title.clone().unwrap_or_default(),
            start.to_string(),
            finish.to_string(),
            format!("{}d", t.total_float.days_text()),
            marker.to_string(),
            now.map(|now| progress(task, schedule.planned().times(id), now))
                .unwrap_or_default(),
            task.owner
                .map(|o| plan.resource(o).id.clone())
                .unwrap_or_default(),
        ]);
    }
    let widths: Vec<usize> = (0..8)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let finish = cal.finish_date(schedule.duration);
    let path: Vec<&str> = schedule
        .critical_path
        .iter()
        .map(|t| plan.task(*t).id.as_str())
        .collect();
    let mut out = format!(
        "{}: {} to {finish}, {} working days\ncritical path: {}\n\n",
        plan.program.title.as_deref().unwrap_or(&plan.program.id),
        plan.program.start,
        schedule.duration.days_text(),
        path.join(" → ")
    );
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, w))| {
                // Float is a number: right-aligned.
                if c == 4 {
                    format!("{cell:>w$}")
                } else {
                    format!("{cell:<w$}")
                }
            })
            .collect();
        // The progress column only with a status date.
        let cells: Vec<String> = cells
            .into_iter()
            .enumerate()
            .filter(|(c, _)| *c != 6 || now.is_some())
            .map(|(_, cell)| cell)
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

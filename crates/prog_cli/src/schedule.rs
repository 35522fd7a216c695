//! `prog schedule`: the schedule of a plan as a table or as JSON.

use std::path::Path;

use prog_db::Database;
use prog_plan::baseline::Variance;
use prog_plan::status::{self, TaskStatus};
use prog_plan::{Plan, Schedule, ScheduleDoc, Task, TaskKind, TaskTimes, Work, WorkCalendar};
use prog_report::escape::terminal;

use crate::{Format, inputs};

pub fn run(path: &Path, format: Format, baseline: Option<&str>) -> Result<u8, String> {
    let mut db = Database::once();
    // Errors go to stderr; what could be understood still goes on.
    let (project, code) = inputs::load_reporting_errors(&mut db, path)?;
    let baseline = crate::baseline::active(&db, project, baseline)?;
    let plan = &prog_db::resolved(&db, project).plan;
    let schedule = prog_db::schedule(&db, project);
    let calendar = prog_db::work_calendar(&db, project);
    match format {
        Format::Text => {
            let variance = baseline.map(|b| Variance::new(plan, schedule, calendar, &b));
            crate::emit(&table(plan, schedule, calendar, variance.as_ref()))
        }
        Format::Json => {
            let mut doc = ScheduleDoc::new(plan, schedule, calendar);
            if let Some(baseline) = &baseline {
                doc = doc.with_baseline(&Variance::new(plan, schedule, calendar, baseline));
            }
            crate::emit_json(&doc)?;
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
pub fn table(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar, variance: Option<&Variance>) -> String {
    let mut rows = vec![[
        "id".to_string(),
        "title".to_string(),
        "start".to_string(),
        "finish".to_string(),
        "float".to_string(),
        "".to_string(),
        "progress".to_string(),
        "owner".to_string(),
        "vs baseline".to_string(),
    ]];
    let now = schedule.now;
    for id in plan.task_ids() {
        let task = plan.task(id);
        let t = schedule.times(id);
        let (start, finish) = cal.span_dates(t.es, t.ef);
        let depth = std::iter::successors(task.parent, |p| plan.task(*p).parent).count();
        let marker = match (t.critical, task.kind) {
            (true, _) => "critical",
            (false, _) if plan.external_of(id).is_some() => "external",
            (false, TaskKind::Milestone) => "milestone",
            _ => "",
        };
        rows.push([
            format!("{}{}", "  ".repeat(depth), task.id),
            terminal(task.title.as_deref().unwrap_or_default()),
            start.to_string(),
            finish.to_string(),
            format!("{}d", t.total_float.days_text()),
            marker.to_string(),
            now.map(|now| progress(task, schedule.planned().times(id), now))
                .unwrap_or_default(),
            task.owner
                .map(|o| plan.resource(o).id.clone())
                .unwrap_or_default()
                .to_string(),
            match variance.map(|v| v.tasks[id.index()]) {
                Some(Some(v)) => Variance::days_text(v.finish_variance),
                Some(None) => "added".to_string(),
                None => String::new(),
            },
        ]);
    }
    let widths: Vec<usize> = (0..9)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let (start, finish) = cal.plan_dates(schedule.duration);
    let path: Vec<&str> = schedule
        .critical_path
        .iter()
        .map(|t| plan.task(*t).id.as_str())
        .collect();
    let mut out = format!(
        "{}: {start} to {finish}, {} working days\ncritical path: {}\n",
        terminal(plan.program.title.as_deref().unwrap_or(&plan.program.id)),
        schedule.duration.days_text(),
        path.join(" → ")
    );
    if let Some(v) = variance {
        let name = v
            .name
            .as_deref()
            .map_or(String::new(), |n| format!(" \"{}\"", terminal(n)));
        out.push_str(&format!(
            "baseline{name} of {}: finish {} (now {})\n",
            v.created,
            v.baseline_finish,
            Variance::days_text(v.finish_variance)
        ));
        if !v.removed.is_empty() {
            out.push_str(&format!("removed since the baseline: {}\n", v.removed.join(", ")));
        }
    }
    out.push('\n');
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
            .filter(|(c, _)| (*c != 6 || now.is_some()) && (*c != 8 || variance.is_some()))
            .map(|(_, cell)| cell)
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

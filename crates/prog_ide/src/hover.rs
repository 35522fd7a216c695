//! Hover: what the schedule says about the id under the cursor.

mod people;

use std::fmt::Write;

use prog_db::Project;
use prog_plan::status::TaskStatus;
use prog_plan::{DepKind, Plan, ResourceId, ResourceKind, Schedule, TaskId, TaskKind, Work, WorkCalendar};
use prog_syntax::Span;

use crate::FilePosition;
use crate::baseline;
use crate::forecast::plan_forecast;
use crate::model::{ModelRef, model_index};
use crate::names::occurrence_at;
use crate::tracking;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverResult {
    /// The id hovered.
    pub span: Span,
    /// Markdown.
    pub markdown: String,
}

pub fn hover(db: &dyn salsa::Database, project: Project, pos: FilePosition) -> Option<HoverResult> {
    let occurrence = occurrence_at(db, pos.file, pos.offset)?;
    let plan = &prog_db::resolved(db, project).plan;
    let Some(found) = model_index(db, project).get(&occurrence.name) else {
        // Stakeholders and actions are not in the schedule's model.
        let schedule = prog_db::schedule(db, project);
        let cal = prog_db::work_calendar(db, project);
        let forecast = plan_forecast(db, project);
        let markdown = people::people_hover(plan, schedule, cal, forecast.as_ref(), &occurrence.name)?;
        return Some(HoverResult {
            span: occurrence.span,
            markdown: markdown.trim_end().to_string(),
        });
    };
    let markdown = match *found {
        ModelRef::Task(task) => {
            let schedule = prog_db::schedule(db, project);
            let cal = prog_db::work_calendar(db, project);
            let mut md = task_hover(plan, schedule, cal, task);
            crate::external::hover_lines(db, project, plan, task, &mut md);
            tracking::task_lines(
                plan,
                schedule,
                cal,
                tracking::earned(db, project).as_ref(),
                task,
                &mut md,
            );
            if let Some(variance) = baseline::variance(db, project) {
                baseline::task_line(variance, task, &mut md);
            }
            people::followers_line(plan, task, &mut md);
            if plan.task(task).kind == TaskKind::Milestone
                && let Some(spread) = plan_forecast(db, project)
                    .as_ref()
                    .and_then(|f| f.milestone(task))
            {
                let _ = writeln!(
                    md,
                    "forecast: P50 **{}** · P80 **{}** · P95 {} ({} runs)\n",
                    spread.p50.date,
                    spread.p80.date,
                    spread.p95.date,
                    plan_forecast(db, project).as_ref().map_or(0, |f| f.iterations)
                );
            }
            md
        }
        ModelRef::Resource(resource) => resource_hover(db, project, plan, resource),
        ModelRef::Risk(i) => {
            let risk = &plan.risks[i];
            let mut md = header("risk", &risk.id, risk.title.as_deref());
            if let (Some(p), Some(impact)) = (risk.probability, risk.impact) {
                let exposure = Work(impact.0 * i64::from(p) / 100);
                let _ = writeln!(
                    md,
                    "probability {p}% × impact {}d = exposure {}d\n",
                    impact.days_text(),
                    exposure.days_text()
                );
            }
            list(
                &mut md,
                "affects",
                risk.affects.iter().map(|t| code(&plan.task(*t).id)),
            );
            list(
                &mut md,
                "owner",
                risk.owner.iter().map(|r| code(&plan.resource(*r).id)),
            );
            if let Some(m) = &risk.mitigation {
                let _ = writeln!(md, "mitigation: {}\n", prog_report::escape::markdown(m));
            }
            md
        }
        ModelRef::Approval(i) => {
            let approval = &plan.approvals[i];
            let mut md = header("approval", &approval.id, approval.title.as_deref());
            let _ = writeln!(md, "status: {}\n", approval.status.as_str());
            list(
                &mut md,
                "gates",
                approval.gates.iter().map(|t| code(&plan.task(*t).id)),
            );
            list(
                &mut md,
                "approvers",
                approval.approvers.iter().map(|r| code(&plan.resource(*r).id)),
            );
            md
        }
        ModelRef::Program => {
            let schedule = prog_db::schedule(db, project);
            let cal = prog_db::work_calendar(db, project);
            let mut md = header("program", &plan.program.id, plan.program.title.as_deref());
            let finish = cal.span_dates(Work::ZERO, schedule.duration).1;
            let _ = writeln!(
                md,
                "start {} · finish {} · {} working days\n",
                plan.program.start,
                finish,
                schedule.duration.days_text()
            );
            tracking::program_lines(
                plan,
                schedule,
                cal,
                tracking::earned(db, project).as_ref(),
                &mut md,
            );
            if let Some(variance) = baseline::variance(db, project) {
                baseline::program_line(variance, &mut md);
            }
            md
        }
        ModelRef::Calendar(i) => header(
            "calendar",
            &plan.calendars[i].id,
            plan.calendars[i].title.as_deref(),
        ),
    };
    Some(HoverResult {
        span: occurrence.span,
        markdown: markdown.trim_end().to_string(),
    })
}

fn task_hover(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar, id: TaskId) -> String {
    let task = plan.task(id);
    let kind = task.kind.as_str();
    let mut md = header(kind, &task.id, task.title.as_deref());
    key_line(&mut md, task.key.as_deref());
    let Some(t) = schedule.tasks.get(id.index()) else {
        return md;
    };
    let (start, finish) = cal.span_dates(t.es, t.ef);
    if task.kind == TaskKind::Milestone {
        let _ = writeln!(md, "on **{finish}**\n");
    } else {
        let _ = writeln!(md, "**{start}** → **{finish}** ({}d)\n", t.duration().days_text());
    }
    let _ = writeln!(
        md,
        "es {} · ef {} · ls {} · lf {}\n",
        t.es.days_text(),
        t.ef.days_text(),
        t.ls.days_text(),
        t.lf.days_text()
    );
    let criticality = if t.total_float < Work::ZERO {
        format!("**{}d late**", (-t.total_float).days_text())
    } else if t.critical {
        "**critical**".to_string()
    } else {
        "not critical".to_string()
    };
    let _ = writeln!(
        md,
        "total float {}d · free float {}d · {criticality}\n",
        t.total_float.days_text(),
        t.free_float.days_text()
    );
    match t.driver {
        Some(driver) => {
            let dep = plan.task(driver.task).deps[driver.index as usize];
            let how = match dep.kind {
                DepKind::FinishToStart => "after",
                DepKind::StartToStart => "start_with",
                DepKind::FinishToFinish => "finish_with",
            };
            let lag = if dep.lag == Work::ZERO {
                String::new()
            } else if dep.lag > Work::ZERO {
                format!(" +{}d", dep.lag.days_text())
            } else {
                format!(" -{}d", (-dep.lag).days_text())
            };
            let _ = writeln!(md, "driven by `{how} {}{lag}`\n", plan.task(dep.on).id);
        }
        // Work under way at the status date keeps its start: no
        // dependency moves it any more.
        None if schedule.now.is_some() && TaskStatus::of(task) != TaskStatus::NotStarted => {
            let _ = writeln!(md, "started: its start is recorded\n");
        }
        None if task.kind != TaskKind::Group => {
            let why = if task.not_before.is_some() {
                "its `not_before`"
            } else {
                "the program start"
            };
            let _ = writeln!(md, "starts at {why}\n");
        }
        None => {}
    }
    if let Some(deadline) = task.deadline {
        let _ = writeln!(md, "deadline {deadline}\n");
    }
    list(
        &mut md,
        "owner",
        task.owner.iter().map(|r| code(&plan.resource(*r).id)),
    );
    list(
        &mut md,
        "assigned",
        task.assignments.iter().map(|a| {
            let r = plan.resource(a.resource);
            match r.kind {
                ResourceKind::Person => format!("`{}` {}%", r.id, a.units),
                ResourceKind::Team => format!("`{}` ×{}", r.id, a.units.div_ceil(100)),
            }
        }),
    );
    list(
        &mut md,
        "risks",
        plan.risks
            .iter()
            .filter(|r| r.affects.contains(&id))
            .map(|r| match (r.probability, r.impact) {
                (Some(p), Some(i)) => format!("`{}` ({p}% × {}d)", r.id, i.days_text()),
                _ => code(&r.id),
            }),
    );
    list(
        &mut md,
        "gated by",
        plan.approvals
            .iter()
            .filter(|a| a.gates.contains(&id))
            .map(|a| format!("`{}` ({})", a.id, a.status.as_str())),
    );
    md
}

fn resource_hover(db: &dyn salsa::Database, project: Project, plan: &Plan, id: ResourceId) -> String {
    let resource = plan.resource(id);
    let kind = resource.kind.as_str();
    let mut md = header(kind, &resource.id, resource.title.as_deref());
    key_line(&mut md, resource.key.as_deref());
    let capacity = match resource.kind {
        ResourceKind::Person => format!("{}%", resource.capacity),
        ResourceKind::Team => format!("{} people", resource.capacity as f64 / 100.0),
    };
    let _ = writeln!(md, "capacity {capacity}\n");
    let (profile, overloads) = prog_db::resource_load(db, project, id.0);
    let cal = prog_db::work_calendar(db, project);
    let days = profile.load.days();
    let (busy, peak) = (profile.load.count_nonzero(0..days), profile.load.max());
    let assigned = profile.load.sum(0..days);
    let available = profile.capacity.sum(0..days);
    let utilisation = (assigned * 100).checked_div(available).unwrap_or(0);
    let _ = writeln!(
        md,
        "load: busy {busy} of {days} working days · peak {peak}% · {utilisation}% of capacity used\n"
    );
    if !overloads.is_empty() {
        let intervals = if overloads.len() == 1 {
            "interval"
        } else {
            "intervals"
        };
        let _ = writeln!(md, "**over-allocated** in {} {intervals}:\n", overloads.len());
        for o in overloads.iter().take(5) {
            let tasks: Vec<String> = o.tasks.iter().map(|t| code(&plan.task(*t).id)).collect();
            let _ = writeln!(
                md,
                "- {} – {}: {}% of {}% ({})",
                cal.date_of(o.first_day),
                cal.date_of(o.last_day),
                o.load,
                o.capacity,
                tasks.join(", ")
            );
        }
        if overloads.len() > 5 {
            let _ = writeln!(md, "- and {} more", overloads.len() - 5);
        }
    }
    md
}

fn header(kind: &str, id: &str, title: Option<&str>) -> String {
    match title {
        Some(title) => format!("{kind} `{id}` — {}\n\n", prog_report::escape::markdown(title)),
        None => format!("{kind} `{id}`\n\n"),
    }
}

/// The item's id in another tool, as its `key` gives it.
fn key_line(md: &mut String, key: Option<&str>) {
    if let Some(key) = key {
        let _ = writeln!(md, "key: {}\n", prog_report::escape::markdown(key));
    }
}

fn list(md: &mut String, label: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if !items.is_empty() {
        let _ = writeln!(md, "{label}: {}\n", items.join(", "));
    }
}

fn code(id: &str) -> String {
    format!("`{id}`")
}

//! What tracking adds to the editor: where each task stands at the status
//! date, for inlay hints and hover.

use std::fmt::Write;

use prog_db::Project;
use prog_plan::evm::{EarnedValue, Figures};
use prog_plan::measure;
use prog_plan::status::{self, Late, TaskStatus};
use prog_plan::{Plan, Schedule, Task, TaskId, TaskKind, TaskTimes, Work, WorkCalendar};
use prog_report::amount;

/// Earned value at the status date, against the active baseline when there
/// is one; `None` without a status date.
/// Memoised: hover asks for it on every move of the mouse.
#[salsa::tracked(returns(ref))]
pub(crate) fn earned(db: &dyn salsa::Database, project: Project) -> Option<EarnedValue> {
    measure(
        prog_db::plan_shape(db, project),
        prog_db::schedule(db, project),
        prog_db::work_calendar(db, project),
        crate::baseline::active(db, project),
    )
}

/// The progress part of a task's inlay hint, with a status date: `done`,
/// `60% · 3d left`, `2d overdue`; `None` for work not started and not due.
pub(crate) fn progress_label(
    task: &Task,
    times: &TaskTimes,
    planned: &TaskTimes,
    now: Work,
) -> Option<String> {
    let overdue = |due: Work| format!("{}d overdue", Work(now.0 - due.0).days_text());
    match (TaskStatus::of(task), status::late(task, planned, now)) {
        (TaskStatus::Done, _) => Some("done".to_string()),
        (TaskStatus::InProgress, late) => {
            let left = Work((times.ef.0 - now.0).max(0));
            let mut label = format!("{}% · {}d left", task.progress, left.days_text());
            if late == Some(Late::Finish) {
                let _ = write!(label, " · {}", overdue(planned.ef));
            }
            Some(label)
        }
        (TaskStatus::NotStarted, Some(Late::Finish)) => Some(overdue(planned.ef)),
        (TaskStatus::NotStarted, Some(Late::Start)) => Some(format!("start {}", overdue(planned.es))),
        (TaskStatus::NotStarted, None) => None,
    }
}

/// Hover lines for a task or group at the status date.
pub(crate) fn task_lines(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
    earned: Option<&EarnedValue>,
    id: TaskId,
    md: &mut String,
) {
    let (Some(earned), Some(planned)) = (earned, schedule.planned.as_deref()) else {
        return;
    };
    let task = plan.task(id);
    let statuses;
    let state = if task.kind == TaskKind::Group {
        statuses = status::statuses(plan);
        statuses[id.index()]
    } else {
        TaskStatus::of(task)
    };
    let mut line = format!("status at {}: **{}**", earned.status_date, state.words());
    if state == TaskStatus::InProgress && task.kind != TaskKind::Group {
        let _ = write!(line, ", {}% done", task.progress);
    }
    if let Some(start) = task.actuals.start {
        let _ = write!(line, " · started {start}");
    }
    if let Some(finish) = task.actuals.finish {
        let _ = write!(line, " · finished {finish}");
    }
    let _ = writeln!(md, "{line}\n");
    let p = planned.times(id);
    let (start, finish) = cal.span_dates(p.es, p.ef);
    let moved = Work(schedule.times(id).ef.0 - p.ef.0);
    let _ = writeln!(
        md,
        "planned {start} → {finish} · finish {}\n",
        match moved.0 {
            0 => "as planned".to_string(),
            h if h > 0 => format!("{}d later", moved.days_text()),
            _ => format!("{}d earlier", Work(-moved.0).days_text()),
        }
    );
    let currency = plan.program.currency.as_deref();
    match earned.unbudgeted.iter().find(|u| u.task == id) {
        // Added since the baseline: no budget, so no PV or EV to show.
        Some(u) => {
            let ac =
                u.ac.map_or_else(String::new, |ac| format!(" · AC {}", value(earned, currency, ac)));
            let _ = writeln!(
                md,
                "unbudgeted: not in the baseline · estimate {}{ac}\n",
                value(earned, currency, u.estimate)
            );
        }
        None => figures_line(earned, currency, &earned.tasks[id.index()], md),
    }
}

/// Hover lines for the program at the status date.
pub(crate) fn program_lines(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
    earned: Option<&EarnedValue>,
    md: &mut String,
) {
    let (Some(earned), Some(planned)) = (earned, schedule.planned.as_deref()) else {
        return;
    };
    let _ = writeln!(
        md,
        "status at {}: planned finish {} · forecast {}\n",
        earned.status_date,
        cal.milestone_date(planned.duration),
        cal.milestone_date(schedule.duration)
    );
    let currency = plan.program.currency.as_deref();
    figures_line(earned, currency, &earned.program, md);
    if !earned.unbudgeted.is_empty() {
        let estimate: f64 = earned.unbudgeted.iter().map(|u| u.estimate).sum();
        let _ = writeln!(
            md,
            "unbudgeted scope: {} task{} added since the baseline, estimate {} (not in BAC)\n",
            earned.unbudgeted.len(),
            if earned.unbudgeted.len() == 1 { "" } else { "s" },
            value(earned, currency, estimate)
        );
    }
    let es = &earned.schedule;
    let _ = writeln!(
        md,
        "SPI(t) {} · earned schedule {:.1}d of {:.1}d elapsed\n",
        amount::index(es.spi_t()),
        es.es,
        es.at
    );
}

fn figures_line(earned: &EarnedValue, currency: Option<&str>, f: &Figures, md: &mut String) {
    let unit = |v: f64| value(earned, currency, v);
    let ac = f.ac.map_or("—".to_string(), unit);
    let _ = writeln!(
        md,
        "PV {} · EV {} · AC {ac} · SPI {} · CPI {}\n",
        unit(f.pv),
        unit(f.ev),
        amount::index(f.spi()),
        amount::index(f.cpi())
    );
}

/// An earned-value figure as the reports write it (`EUR 12,500`), or in
/// person-days, shortened for a hover (`12.5pd`).
fn value(earned: &EarnedValue, currency: Option<&str>, v: f64) -> String {
    match earned.unit {
        prog_plan::evm::Unit::Money => amount::money(currency, v),
        prog_plan::evm::Unit::PersonDays => format!("{v:.1}pd"),
    }
}

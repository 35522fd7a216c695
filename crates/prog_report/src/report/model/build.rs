//! Building the report model from the plan and what was computed about it.

use prog_plan::Forecast;
use prog_plan::baseline::{Baseline, Variance};
use prog_plan::forecast::{self, Distribution, Options};
use prog_plan::measure;
use prog_plan::status;
use prog_plan::{Days, DepKind, Load, Plan, Schedule, ScheduleDoc, TaskId, Work, WorkCalendar};

use super::*;
use crate::status::StatusReport;
use crate::weeks::{Week, columns};

/// Runs of the report's forecast: enough for percentiles that move by about
/// a day between seeds on a typical plan, few enough to keep `prog report`
/// quick (`prog forecast` is the tool for more).
const FORECAST_RUNS: usize = 2_000;
/// Fixed, so the report of a plan is the same every time.
const FORECAST_SEED: u64 = 1;

impl Report {
    /// The report of `plan`, scheduled as `schedule` on `cal`, with its
    /// resource `load`, its `forecast` (the one [`report_forecast`] makes,
    /// whose seed and distribution the report names; `None` without
    /// anything uncertain) and its `problems` (diagnostics).
    pub fn new(
        plan: &Plan,
        schedule: &Schedule,
        load: &Load,
        cal: &WorkCalendar,
        forecast: Option<&Forecast>,
        problems: Vec<Problem>,
        baseline: Option<&Baseline>,
    ) -> Report {
        let mut doc = ScheduleDoc::new(plan, schedule, cal);
        if let Some(baseline) = baseline {
            doc = doc.with_baseline(&Variance::new(plan, schedule, cal, baseline));
        }
        let (weeks, per) = columns(cal, load.days as i64);
        let tasks = tasks(plan, schedule, cal, doc.tasks);
        let risks = risks(plan);
        let approvals = approvals(plan, &tasks);
        let count = |s: &str| problems.iter().filter(|p| p.severity == s).count();
        let summary = Summary {
            errors: count("error"),
            warnings: count("warning"),
            hints: count("hint"),
            health: health(plan, schedule, load, &risks, &approvals),
        };
        let critical_path_days = match (schedule.critical_path.first(), schedule.critical_path.last()) {
            (Some(&first), Some(&last)) => schedule.times(last).ef - schedule.times(first).es,
            _ => Work::ZERO,
        };
        Report {
            schema_version: SCHEMA_VERSION,
            program: ProgramInfo {
                id: plan.program.id.clone(),
                title: plan.program.title.clone(),
                start: doc.start,
                finish: doc.finish,
                status_date: plan.program.status_date,
                duration_days: doc.duration_days,
                critical_path_days: Days(critical_path_days),
                critical_path_not_before: critical_path_not_before(plan, schedule),
            },
            summary,
            critical_path: doc.critical_path,
            dependencies: dependencies(plan, schedule),
            tasks,
            problems,
            load: load_report(plan, load, &weeks, per),
            risks,
            approvals,
            externals: crate::register::register(plan, schedule, cal),
            burndown: burndown(plan, schedule, cal, &weeks, baseline),
            since_baseline: baseline.map(|b| crate::status::since_baseline(plan, schedule, cal, b)),
            status: plan
                .program
                .status_date
                .map(|_| StatusReport::new(plan, schedule, load, cal, forecast, baseline)),
            raci: crate::raci::RaciMatrix::new(plan),
            forecast: forecast.map(|forecast| FinishForecast {
                iterations: forecast.iterations,
                seed: FORECAST_SEED,
                distribution: Distribution::Pert.name(),
                finish: forecast.finish.clone(),
            }),
        }
    }
}

fn tasks(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar, docs: Vec<TaskDoc>) -> Vec<TaskRow> {
    let mut depth = vec![0usize; plan.tasks.len()];
    docs.into_iter()
        .zip(&plan.tasks)
        .enumerate()
        .map(|(i, (doc, task))| {
            // A group comes before its children, so its depth is known.
            depth[i] = task.parent.map_or(0, |p| depth[p.index()] + 1);
            let t = schedule.times(TaskId(i as u32));
            TaskRow {
                schedule: doc,
                title: (*task.title).clone(),
                group: task.parent.map(|p| plan.task(p).id.to_string()),
                depth: depth[i],
                owner: task.owner.map(|o| plan.resource(o).id.to_string()),
                percent_done: task.progress,
                deadline: task.deadline,
                late_finish: cal.span_dates(t.ls, t.lf).1,
                external: plan.external_of(TaskId(i as u32)).is_some(),
                parent: task.parent.map(TaskId::index),
            }
        })
        .collect()
}

fn dependencies(plan: &Plan, schedule: &Schedule) -> Vec<DependencyRow> {
    let mut rows = Vec::new();
    for (to, task) in plan.task_ids().zip(&plan.tasks) {
        let t = schedule.times(to);
        for dep in &task.deps {
            let f = schedule.times(dep.on);
            let (kind, slack) = match dep.kind {
                DepKind::FinishToStart => ("finish_to_start", t.es - (f.ef + dep.lag)),
                DepKind::StartToStart => ("start_to_start", t.es - (f.es + dep.lag)),
                DepKind::FinishToFinish => ("finish_to_finish", t.ef - (f.ef + dep.lag)),
            };
            rows.push(DependencyRow {
                from: plan.task(dep.on).id.to_string(),
                to: task.id.to_string(),
                kind,
                lag_days: Days(dep.lag),
                critical: t.critical && f.critical && slack <= Work::ZERO,
                from_index: dep.on.index(),
                to_index: to.index(),
            });
        }
    }
    rows
}

fn health(
    plan: &Plan,
    schedule: &Schedule,
    load: &Load,
    risks: &[RiskRow],
    approvals: &[ApprovalRow],
) -> Health {
    let mut over_allocated: Vec<String> = Vec::new();
    for o in &load.overloads {
        let id = &plan.resource(o.resource).id;
        // Overloads come sorted by resource.
        if over_allocated.last().map(String::as_str) != Some(id.as_str()) {
            over_allocated.push(id.to_string());
        }
    }
    Health {
        // Finished work is at no risk, whatever float a schedule that
        // ignores progress (no status date) gives it.
        negative_float: plan
            .task_ids()
            .filter(|&t| {
                let task = plan.task(t);
                task.is_leaf()
                    && status::TaskStatus::of(task) != status::TaskStatus::Done
                    && schedule.times(t).total_float < Work::ZERO
            })
            .map(|t| plan.task(t).id.to_string())
            .collect(),
        over_allocated,
        pending_critical_approvals: approvals
            .iter()
            .filter(|a| a.status == "pending" && a.gates.iter().any(|g| g.critical))
            .map(|a| a.id.clone())
            .collect(),
        high_exposure_risks: risks
            .iter()
            .filter(|r| r.level == "high")
            .map(|r| r.id.clone())
            .collect(),
    }
}

/// The `not_before` of the first task of the critical path, when that task
/// starts after the program does: the date, not a predecessor, drives it.
fn critical_path_not_before(plan: &Plan, schedule: &Schedule) -> Option<chrono::NaiveDate> {
    let &first = schedule.critical_path.first()?;
    let date = plan.task(first).not_before?;
    (schedule.times(first).es > Work::ZERO).then_some(date)
}

fn load_report(plan: &Plan, load: &Load, weeks: &[Week], per: usize) -> LoadReport {
    let person_days = |units: u64| units as f64 / 100.0;
    let mut resources: Vec<ResourceLoad> = load
        .profiles
        .iter()
        .map(|p| {
            let resource = plan.resource(p.resource);
            ResourceLoad {
                id: resource.id.to_string(),
                title: resource.title.clone(),
                kind: resource.kind.as_str(),
                weeks: weeks
                    .iter()
                    .map(|w| {
                        // An empty plan has a week but no working days: the
                        // profiles clip the range to theirs.
                        let days = w.days.start as usize..w.days.end as usize;
                        WeekLoad {
                            load: person_days(p.load.sum(days.clone())),
                            capacity: person_days(p.capacity.sum(days.clone())),
                            over_days: p.over_days(days),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    resources.sort_by_key(|r| r.kind != "person");
    LoadReport {
        weeks: weeks.iter().map(|w| w.monday).collect(),
        weeks_per_column: per,
        resources,
    }
}

fn risks(plan: &Plan) -> Vec<RiskRow> {
    plan.risks
        .iter()
        .map(|risk| {
            let cell = HeatCell::of(risk);
            RiskRow {
                id: risk.id.clone(),
                title: risk.title.clone(),
                probability: risk.probability,
                impact_days: risk.impact.map(Days),
                exposure_days: risk
                    .probability
                    .zip(risk.impact)
                    .map(|(p, i)| f64::from(p) / 100.0 * i.as_days()),
                cell,
                level: cell.map_or("unrated", HeatCell::level),
                affects: risk
                    .affects
                    .iter()
                    .map(|&t| plan.task(t).id.to_string())
                    .collect(),
                owner: risk.owner.map(|o| plan.resource(o).id.to_string()),
                mitigation: risk.mitigation.clone(),
            }
        })
        .collect()
}

fn approvals(plan: &Plan, tasks: &[TaskRow]) -> Vec<ApprovalRow> {
    plan.approvals
        .iter()
        .map(|a| ApprovalRow {
            id: a.id.to_string(),
            title: a.title.clone(),
            status: a.status.as_str(),
            approvers: a
                .approvers
                .iter()
                .map(|&r| plan.resource(r).id.to_string())
                .collect(),
            gates: a
                .gates
                .iter()
                .map(|&g| {
                    let row = &tasks[g.index()];
                    Gate {
                        milestone: row.id().to_string(),
                        title: row.title.clone(),
                        date: row.schedule.finish,
                        critical: row.schedule.critical,
                    }
                })
                .collect(),
        })
        .collect()
}

/// Remaining value against plan, in the unit of earned value: BAC less
/// the planned value at the end of each week, and BAC less the earned value
/// at the status date.
fn burndown(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
    weeks: &[Week],
    baseline: Option<&Baseline>,
) -> Option<Burndown> {
    let earned = measure(plan, schedule, cal, baseline)?;
    let total = earned.program.bac;
    let now = schedule.now?;
    Some(Burndown {
        unit: earned.unit.as_str(),
        total,
        planned_remaining: weeks
            .iter()
            .map(|w| total - earned.pv_at(Work::days(w.days.end)))
            .collect(),
        status_date: earned.status_date,
        actual_remaining: total - earned.program.ev,
        planned_remaining_at_status: total - earned.pv_at(now),
        spi: earned.program.spi(),
    })
}

/// The Monte-Carlo forecast reports show, when the plan has anything
/// uncertain: a fixed number of runs with a fixed seed, so the same plan
/// always gives the same report.
pub fn report_forecast(plan: &Plan, cal: &WorkCalendar) -> Option<Forecast> {
    if !forecast::is_uncertain(plan) {
        return None;
    }
    let options = Options {
        iterations: FORECAST_RUNS,
        seed: FORECAST_SEED,
        distribution: Distribution::Pert,
        // The seed alone decides the result, whatever the number of threads.
        threads: 0,
    };
    Some(forecast::forecast(plan, cal, &options, |_, _| {}))
}

//! Building the status report from the plan, its forecast schedule (with the
//! plan without progress inside it), its load and a Monte-Carlo forecast.

use chrono::{NaiveDate, TimeDelta};
use prog_plan::baseline::{Baseline, Variance};
use prog_plan::evm::Unit;
use prog_plan::measure;
use prog_plan::status::{self, Late, TaskStatus, statuses};
use prog_plan::{ApprovalStatus, Forecast, Load, Plan, Schedule, TaskId, TaskKind, Work, WorkCalendar};

use super::rag::{self, ScheduleFacts};
use super::*;
use crate::HeatCell;

/// How far ahead "next" looks, in calendar days.
const NEXT_DAYS: i64 = 14;
/// How far ahead the resources rating looks, in working days (four weeks).
const RESOURCE_WINDOW_DAYS: i64 = 20;

impl StatusReport {
    /// The status of `plan`, forecast as `schedule` on `cal`, with its
    /// resource `load` and, when the plan has anything uncertain, a
    /// Monte-Carlo `forecast` made from the same status date. With a
    /// `baseline`, planned value is measured against it.
    pub fn new(
        plan: &Plan,
        schedule: &Schedule,
        load: &Load,
        cal: &WorkCalendar,
        forecast: Option<&Forecast>,
        baseline: Option<&Baseline>,
    ) -> StatusReport {
        let planned = schedule.planned();
        let earned = measure(plan, schedule, cal, baseline);
        let unit = earned
            .as_ref()
            .map_or_else(|| Unit::of(plan), |e| e.unit)
            .as_str();
        let currency = plan.program.currency.clone();
        let statuses = statuses(plan);
        let status_date = plan.program.status_date;
        // Without a status date, "now" is the program start.
        let now = schedule.now.unwrap_or(Work::ZERO);

        let (planned_finish, forecast_finish) = (
            cal.milestone_date(planned.duration),
            cal.milestone_date(schedule.duration),
        );
        let plan_dates = PlanDates {
            id: plan.program.id.clone(),
            title: plan.program.title.clone(),
            start: cal.date_of(0),
            planned_finish,
            forecast_finish,
            // Between the dates shown, as the baseline's variance counts.
            finish_variance_days: (cal.day_on_or_after(forecast_finish) - cal.day_on_or_after(planned_finish))
                as f64,
            p80_finish: forecast.map(|f| f.finish.p80.date),
        };
        let program = match &earned {
            Some(e) => {
                let p = &e.program;
                let es = &e.schedule;
                ProgramFigures {
                    bac: Some(p.bac),
                    pv: Some(p.pv),
                    ev: Some(p.ev),
                    ac: p.ac,
                    sv: Some(p.sv()),
                    cv: p.cv(),
                    spi: p.spi(),
                    cpi: p.cpi(),
                    eac: p.eac(),
                    eac_at_budget: p.eac_at_budget(),
                    eac_cpi_spi: p.eac_cpi_spi(),
                    etc: p.etc(),
                    vac: p.vac(),
                    tcpi: p.tcpi(),
                    es: es.measured().then_some(es.es),
                    at: es.measured().then_some(es.at),
                    spi_t: es.spi_t(),
                    sv_t: es.measured().then(|| es.sv_t()),
                    ieac_t: es.ieac_t(),
                    missing_actuals: e
                        .missing_actuals
                        .iter()
                        .map(|&t| plan.task(t).id.to_string())
                        .collect(),
                    unbudgeted: e
                        .unbudgeted
                        .iter()
                        .map(|u| UnbudgetedWork {
                            id: plan.task(u.task).id.to_string(),
                            title: (*plan.task(u.task).title).clone(),
                            estimate: u.estimate,
                            ac: u.ac,
                        })
                        .collect(),
                }
            }
            None => ProgramFigures::default(),
        };
        let tasks = match &earned {
            Some(e) => plan
                .task_ids()
                .map(|id| {
                    let task = plan.task(id);
                    let f = &e.tasks[id.index()];
                    TaskFigures {
                        id: task.id.to_string(),
                        title: (*task.title).clone(),
                        kind: task.kind.as_str(),
                        status: statuses[id.index()].as_str(),
                        bac: f.bac,
                        pv: f.pv,
                        ev: f.ev,
                        ac: f.ac,
                        spi: f.spi(),
                        cpi: f.cpi(),
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        let milestones = milestones(plan, schedule, cal, forecast, &statuses, baseline);
        let late = match status_date {
            Some(_) => late_work(plan, schedule, cal, now, &statuses),
            None => Vec::new(),
        };
        let from = status_date.unwrap_or_else(|| cal.date_of(0) - TimeDelta::days(1));
        let next = next_events(plan, schedule, cal, from, &statuses);
        let critical = |t: TaskId| schedule.times(t).critical && statuses[t.index()] != TaskStatus::Done;

        let missed: Vec<String> = schedule
            .deadline_misses
            .iter()
            .filter(|m| statuses[m.task.index()] != TaskStatus::Done)
            .map(|m| plan.task(m.task).id.to_string())
            .collect();
        let people = super::people::PeopleFacts::new(plan, schedule, &statuses);
        let schedule_r = rag::schedule(&ScheduleFacts {
            spi_t: program.spi_t,
            slip_days: plan_dates.finish_variance_days,
            missed_deadlines: &missed,
            blocked_critical: &people.blocked_critical,
            overdue_actions_critical: &people.overdue_actions_critical,
        });
        let cost_r = rag::cost(program.cpi, program.vac, program.missing_actuals.len(), |v| {
            amount(unit, currency.as_deref(), v)
        });
        let (mut risks_critical, mut risks_other) = (Vec::new(), Vec::new());
        for risk in &plan.risks {
            let open = risk
                .affects
                .iter()
                .any(|&t| statuses[t.index()] != TaskStatus::Done);
            if !open || HeatCell::of(risk).is_none_or(|c| c.level() != "high") {
                continue;
            }
            if risk.affects.iter().any(|&t| critical(t)) {
                risks_critical.push(risk.id.clone());
            } else {
                risks_other.push(risk.id.clone());
            }
        }
        let (mut rejected, mut overdue, mut overdue_critical, mut pending_critical) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for approval in &plan.approvals {
            let on_critical = approval.gates.iter().any(|&g| critical(g));
            let past_due = approval.due.zip(status_date).is_some_and(|(due, s)| due < s);
            match approval.status {
                ApprovalStatus::Rejected => rejected.push(approval.id.clone()),
                ApprovalStatus::Pending if past_due && on_critical => {
                    overdue_critical.push(approval.id.clone())
                }
                ApprovalStatus::Pending if past_due => overdue.push(approval.id.clone()),
                ApprovalStatus::Pending if on_critical => pending_critical.push(approval.id.clone()),
                _ => {}
            }
        }
        let first_day = now.0.div_euclid(Work::HOURS_PER_DAY);
        let window = first_day..first_day + RESOURCE_WINDOW_DAYS;
        let mut over_days: Vec<(String, i64)> = Vec::new();
        for o in &load.overloads {
            let days = (o.last_day + 1).min(window.end) - o.first_day.max(window.start);
            if days <= 0 {
                continue;
            }
            let id = &plan.resource(o.resource).id;
            match over_days.iter_mut().find(|(r, _)| r == id) {
                Some((_, total)) => *total += days,
                None => over_days.push((id.to_string(), days)),
            }
        }
        let risks_r = rag::risks(&risks_critical, &risks_other);
        let approvals_r = rag::approvals(&rejected, &overdue, &overdue_critical, &pending_critical);
        let resources_r = rag::resources(&over_days);
        let overall = rag::overall(&[
            ("Schedule", &schedule_r),
            ("Cost", &cost_r),
            ("Risks", &risks_r),
            ("Approvals", &approvals_r),
            ("Resources", &resources_r),
        ]);
        let workstreams = super::sections::workstreams(plan, &tasks);
        let mut report = StatusReport {
            schema: SCHEMA,
            status_date,
            summary: Vec::new(),
            unit,
            currency,
            plan: plan_dates,
            program,
            tasks,
            milestones,
            late,
            next,
            critical_path: schedule
                .critical_path
                .iter()
                .map(|&t| plan.task(t).id.to_string())
                .collect(),
            since_baseline: baseline.map(|b| since_baseline(plan, schedule, cal, b)),
            rag: Ratings {
                overall,
                schedule: schedule_r,
                cost: cost_r,
                risks: risks_r,
                approvals: approvals_r,
                resources: resources_r,
            },
            workstreams,
            decisions: super::sections::decisions(plan),
            externals: crate::register::register(plan, schedule, cal),
            since: None,
            trend: Vec::new(),
            actions: super::people::action_items(plan, schedule),
            blocked: super::people::blocked_work(plan, schedule, cal, &statuses),
            stakeholders_due: super::people::stakeholders::due(plan),
            audience: None,
            top_risks: super::sections::top_risks(plan, forecast, |i| {
                plan.risks[i]
                    .affects
                    .iter()
                    .any(|&t| statuses[t.index()] != TaskStatus::Done)
            }),
        };
        report.summary = super::sections::summary(&report);
        report
    }
}

/// What moved between `baseline` and `schedule`.
pub fn since_baseline(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
    baseline: &Baseline,
) -> SinceBaseline {
    let variance = Variance::new(plan, schedule, cal, baseline);
    let milestones_moved = plan
        .task_ids()
        .filter(|&t| plan.task(t).kind == TaskKind::Milestone)
        .filter_map(|t| {
            let v = variance.tasks[t.index()]?;
            (v.finish_variance != 0.0).then(|| MilestoneMove {
                id: plan.task(t).id.to_string(),
                baseline: v.baseline_finish,
                forecast: cal.milestone_date(schedule.times(t).ef),
                variance_days: v.finish_variance,
            })
        })
        .collect();
    SinceBaseline {
        name: variance.name.clone(),
        created: variance.created,
        baseline_finish: variance.baseline_finish,
        finish_variance_days: variance.finish_variance,
        milestones_moved,
        added: variance
            .added
            .iter()
            .map(|&t| plan.task(t).id.to_string())
            .collect(),
        removed: variance.removed.clone(),
    }
}

fn milestones(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
    forecast: Option<&Forecast>,
    statuses: &[TaskStatus],
    baseline: Option<&Baseline>,
) -> Vec<MilestoneStatus> {
    let planned = schedule.planned();
    plan.task_ids()
        .filter(|&t| plan.task(t).kind == TaskKind::Milestone)
        .map(|t| {
            let task = plan.task(t);
            let date = cal.milestone_date(schedule.times(t).ef);
            let spread = forecast.and_then(|f| f.milestone(t));
            let done = statuses[t.index()] == TaskStatus::Done;
            MilestoneStatus {
                id: task.id.to_string(),
                title: (*task.title).clone(),
                planned: cal.milestone_date(planned.times(t).ef),
                forecast: date,
                p80: spread.map(|s| s.p80.date),
                deadline: task.deadline,
                p_meet_deadline: task.deadline.map(|deadline| match spread {
                    Some(spread) if !done => spread.share_by(deadline),
                    _ => f64::from(u8::from(date <= deadline)),
                }),
                done,
                baseline: baseline.and_then(|b| b.finish_of(&task.id)),
                owner: task.owner.map(|o| plan.resource(o).id.to_string()),
                moved_since_days: None,
            }
        })
        .collect()
}

fn late_work(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
    now: Work,
    statuses: &[TaskStatus],
) -> Vec<LateWork> {
    let planned = schedule.planned();
    let mut late: Vec<LateWork> = plan
        .task_ids()
        .filter_map(|t| {
            let task = plan.task(t);
            let p = planned.times(t);
            let (late_to, date) = match status::late(task, p, now)? {
                Late::Start => ("start", cal.start_date(p.es)),
                Late::Finish => ("finish", cal.span_dates(p.es, p.ef).1),
            };
            let f = schedule.times(t);
            Some(LateWork {
                id: task.id.to_string(),
                title: (*task.title).clone(),
                milestone: task.kind == TaskKind::Milestone,
                owner: task.owner.map(|o| plan.resource(o).id.to_string()),
                late_to,
                planned: date,
                status: statuses[t.index()].as_str(),
                progress: task.progress,
                forecast_finish: cal.span_dates(f.es, f.ef).1,
                float_days: f.total_float.as_days(),
            })
        })
        .collect();
    // What each costs the finish: the least float first (on the critical
    // path, every day it slips moves the finish), then the earliest due.
    late.sort_by(|a, b| {
        a.float_days
            .total_cmp(&b.float_days)
            .then(a.planned.cmp(&b.planned))
    });
    late
}

/// Starts, finishes and milestones forecast in the two weeks after `from`.
fn next_events(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
    from: NaiveDate,
    statuses: &[TaskStatus],
) -> Vec<NextEvent> {
    let until = from + TimeDelta::days(NEXT_DAYS);
    let within = |d: NaiveDate| from < d && d <= until;
    let mut events = Vec::new();
    for t in plan.task_ids() {
        let task = plan.task(t);
        if task.kind == TaskKind::Group || statuses[t.index()] == TaskStatus::Done {
            continue;
        }
        let times = schedule.times(t);
        let (start, finish) = cal.span_dates(times.es, times.ef);
        let mut push = |date, event| {
            events.push(NextEvent {
                date,
                id: task.id.to_string(),
                title: (*task.title).clone(),
                event,
                critical: times.critical,
            })
        };
        if task.kind == TaskKind::Milestone {
            if within(finish) {
                push(finish, "reached");
            }
            continue;
        }
        if statuses[t.index()] == TaskStatus::NotStarted && within(start) {
            push(start, "start");
        }
        if within(finish) {
            push(finish, "finish");
        }
    }
    events.sort_by(|a, b| a.date.cmp(&b.date).then(a.event.cmp(b.event)));
    events
}

//! What tracking finds at the status date: actuals that contradict each
//! other or the status date, work that should have started or finished by
//! then, rejected and overdue approvals, and resources without a rate in a
//! costed plan.

use prog_plan::status::{Late, TaskStatus};
use prog_plan::{ApprovalStatus, Plan, Schedule, TaskKind, WorkCalendar, status};

use crate::{Code, Diagnostic, Severity, SourceMap};

/// A status date this many calendar days after the planned finish is
/// probably a typo (a wrong year), not a program a year overdue.
const FAR_AWAY_DAYS: i64 = 366;

pub(crate) fn findings(
    plan: &Plan,
    map: &SourceMap,
    schedule: &Schedule,
    cal: &WorkCalendar,
    out: &mut Vec<Diagnostic>,
) {
    approvals(plan, map, out);
    rates(plan, map, out);
    let Some(status_date) = plan.program.status_date else {
        progress_without_status_date(plan, map, out);
        return;
    };
    if status_date < plan.program.start
        && let Some(site) = map.program
    {
        let d = Diagnostic::error(
            Code::StatusDateBeforeStart,
            site.name,
            format!(
                "the status date {status_date} is before the program starts ({})",
                plan.program.start
            ),
        )
        .with_hint("the status date is the day progress was measured: on or after `start`");
        out.push(d);
    }
    let now = schedule.now.unwrap_or_else(|| status::now(cal, status_date));
    let planned = schedule.planned();
    let planned_finish = cal.milestone_date(planned.duration);
    if status_date > planned_finish + chrono::TimeDelta::days(FAR_AWAY_DAYS)
        && let Some(site) = map.program
    {
        let d = Diagnostic::warning(
            Code::StatusDateFarAway,
            site.name,
            format!(
                "the status date {status_date} is more than a year after the plan finishes ({planned_finish})"
            ),
        )
        .with_hint("is the year right? The status date is the day progress was measured");
        out.push(d);
    }
    for id in plan.task_ids() {
        let task = plan.task(id);
        let site = map.tasks[id.index()].name;
        let a = *task.actuals;
        if let (Some(start), Some(finish)) = (a.start, a.finish)
            && start > finish
        {
            let d = Diagnostic::error(
                Code::InconsistentActuals,
                site,
                format!("`{}` finished on {finish}, before it started on {start}", task.id),
            )
            .with_hint("check `actual_start` and `actual_finish`");
            out.push(d);
        }
        for (word, date) in [("actual_start", a.start), ("actual_finish", a.finish)] {
            if let Some(date) = date.filter(|&d| d > status_date) {
                let d = Diagnostic::error(
                    Code::ActualAfterStatusDate,
                    site,
                    format!(
                        "`{}` has `{word} {date}`, after the status date {status_date}",
                        task.id
                    ),
                )
                .with_hint(
                    "an actual date is history: move the status date, or the date to a day that has passed",
                );
                out.push(d);
            }
        }
        if task.progress >= 100
            && let Some(left) = a.remaining.filter(|r| r.0 > 0)
        {
            let d = Diagnostic::error(
                Code::InconsistentActuals,
                site,
                format!(
                    "`{}` is done but says `remaining {}`",
                    task.id,
                    left.working_days_text()
                ),
            )
            .with_hint("remove `remaining`, or lower `progress`");
            out.push(d);
        }
        let times = planned.times(id);
        match status::late(task, times, now) {
            Some(Late::Finish) => {
                let finish = cal.span_dates(times.es, times.ef).1;
                let what = match (task.kind, TaskStatus::of(task)) {
                    (TaskKind::Milestone, _) => "is not reached".to_string(),
                    (_, TaskStatus::InProgress) => format!("is {}% done", task.progress),
                    _ => "has not started".to_string(),
                };
                let d = Diagnostic::warning(
                    Code::LateFinish,
                    site,
                    format!("`{}` was planned to finish by {finish} but {what}", task.id),
                )
                .with_hint("record its progress (`progress`, `done`, `actual_finish`) or re-plan it");
                out.push(d);
            }
            Some(Late::Start) => {
                let start = cal.start_date(times.es);
                let d = Diagnostic::warning(
                    Code::LateStart,
                    site,
                    format!(
                        "`{}` was planned to start by {start} but has not started",
                        task.id
                    ),
                )
                .with_hint("record `progress` or `actual_start`, or re-plan it");
                out.push(d);
            }
            None => {}
        }
    }
    for (index, approval) in plan.approvals.iter().enumerate() {
        if let (ApprovalStatus::Pending, Some(due)) = (approval.status, approval.due)
            && due < status_date
        {
            let d = Diagnostic::warning(
                Code::ApprovalOverdue,
                map.approvals[index].name,
                format!("approval `{}` was due on {due} and is still pending", approval.id),
            )
            .with_hint("chase the approvers, or agree a new `due` date");
            out.push(d);
        }
    }
}

fn approvals(plan: &Plan, map: &SourceMap, out: &mut Vec<Diagnostic>) {
    for (index, approval) in plan.approvals.iter().enumerate() {
        if approval.status != ApprovalStatus::Rejected {
            continue;
        }
        for gate in &approval.gates {
            let d = Diagnostic::warning(
                Code::RejectedApproval,
                map.approvals[index].name,
                format!(
                    "approval `{}` was rejected: `{}` cannot be reached as planned",
                    approval.id,
                    plan.task(*gate).id
                ),
            )
            .with_related(map.tasks[gate.index()].name, "the milestone it gates")
            .with_hint("re-plan the work the approval needs, then ask again with `status pending`");
            out.push(d);
        }
    }
}

/// In a plan with costs, an assigned resource without a rate costs nothing.
fn rates(plan: &Plan, map: &SourceMap, out: &mut Vec<Diagnostic>) {
    if prog_plan::evm::Unit::of(plan) != prog_plan::evm::Unit::Money {
        return;
    }
    let mut assigned = vec![false; plan.resources.len()];
    for task in &plan.tasks {
        task.assignments
            .iter()
            .for_each(|a| assigned[a.resource.index()] = true);
    }
    for (index, resource) in plan.resources.iter().enumerate() {
        if resource.rate.is_none() && assigned[index] {
            let d = Diagnostic::new(
                Code::ResourceWithoutRate,
                Severity::Hint,
                map.resources[index].name,
                format!(
                    "`{}` has no `rate`, so its work costs nothing in this costed plan",
                    resource.id
                ),
            )
            .with_hint("add `rate AMOUNT/d` or `rate AMOUNT/h`");
            out.push(d);
        }
    }
}

fn progress_without_status_date(plan: &Plan, map: &SourceMap, out: &mut Vec<Diagnostic>) {
    // A delivered external is done without anyone recording progress.
    let tracked = plan
        .task_ids()
        .filter(|&t| TaskStatus::of(plan.task(t)) != TaskStatus::NotStarted && plan.external_of(t).is_none())
        .count();
    if let (true, Some(site)) = (tracked > 0, map.program) {
        let tasks = if tracked == 1 {
            "task records"
        } else {
            "tasks record"
        };
        let d = Diagnostic::warning(
            Code::ProgressWithoutStatusDate,
            site.name,
            format!("{tracked} {tasks} progress, but the program has no `status_date`: progress is ignored"),
        )
        .with_hint("add `status_date YYYY-MM-DD` to the program: the day progress was measured");
        out.push(d);
    }
}

//! What the schedule finds, located at the statements involved: circular
//! dependencies, over-allocations, missed deadlines, and pending approvals
//! that gate critical milestones.

use std::collections::HashMap;

use prog_plan::{ApprovalStatus, DepRef, Load, Plan, Schedule, Work, WorkCalendar};

use crate::{Code, Diagnostic, Location, Severity, SourceMap};

pub fn schedule_findings(
    plan: &Plan,
    map: &SourceMap,
    schedule: &Schedule,
    load: &Load,
    cal: &WorkCalendar,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    cycles(plan, map, schedule, &mut out);
    overloads(plan, map, load, cal, &mut out);
    deadlines(plan, map, schedule, cal, &mut out);
    pending_approvals(plan, map, schedule, &mut out);
    out
}

fn dep_location(map: &SourceMap, dep: DepRef) -> Location {
    map.deps[dep.task.index()][dep.index as usize]
}

/// Every edge of a cycle gets a diagnostic of its own, so that each `after`
/// that closes the loop is marked, with the other edges as related places.
fn cycles(plan: &Plan, map: &SourceMap, schedule: &Schedule, out: &mut Vec<Diagnostic>) {
    for cycle in &schedule.cycles {
        let mut path: Vec<&str> = cycle
            .edges
            .iter()
            .map(|e| plan.task(plan.task(e.task).deps[e.index as usize].on).id.as_str())
            .collect();
        if let Some(first) = path.first().copied() {
            path.push(first);
        }
        let path = path.join(" → ");
        for (i, edge) in cycle.edges.iter().enumerate() {
            let mut d = Diagnostic::error(
                Code::Cycle,
                dep_location(map, *edge),
                format!("circular dependency: {path}"),
            )
            .with_hint("remove one of these dependencies to break the loop");
            for (j, other) in cycle.edges.iter().enumerate() {
                if j != i {
                    let task = &plan.task(other.task).id;
                    d = d.with_related(dep_location(map, *other), format!("`{task}` depends on this"));
                }
            }
            out.push(d);
        }
    }
}

/// How many tasks or places one message names before it says "and N more".
const LIST_LIMIT: usize = 6;

fn listed(mut items: Vec<String>) -> String {
    let more = items.len().saturating_sub(LIST_LIMIT);
    items.truncate(LIST_LIMIT);
    let mut text = items.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// Each assignment that takes part in an over-allocation is marked once,
/// with the first interval it is part of and how many others there are;
/// the other assignments of that interval are its related places.
fn overloads(plan: &Plan, map: &SourceMap, load: &Load, cal: &WorkCalendar, out: &mut Vec<Diagnostic>) {
    // Per marked assignment: its diagnostic, and how many more intervals it is in.
    let mut marked: HashMap<Location, (usize, usize)> = HashMap::new();
    for overload in &load.overloads {
        let who = &plan.resource(overload.resource).id;
        let (first, last) = (cal.date_of(overload.first_day), cal.date_of(overload.last_day));
        let when = if first == last {
            format!("on {first}")
        } else {
            format!("from {first} to {last}")
        };
        let tasks = listed(
            overload
                .tasks
                .iter()
                .map(|t| format!("`{}`", plan.task(*t).id))
                .collect(),
        );
        let message = format!(
            "`{who}` is over-allocated {when}: {}% assigned, {}% available ({tasks})",
            overload.load, overload.capacity
        );
        let sites: Vec<(Location, &str)> = overload
            .tasks
            .iter()
            .flat_map(|t| {
                let task = plan.task(*t);
                task.assignments
                    .iter()
                    .zip(&map.assignments[t.index()])
                    .filter(|(a, _)| a.resource == overload.resource)
                    .map(move |(_, site)| (*site, task.id.as_str()))
            })
            .collect();
        for (i, (site, _)) in sites.iter().enumerate() {
            if let Some((_, more)) = marked.get_mut(site) {
                *more += 1;
                continue;
            }
            let mut d =
                Diagnostic::warning(Code::OverAllocation, *site, message.clone()).with_hint(SEQUENCE_HINT);
            for (other, task) in sites
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, s)| s)
                .take(LIST_LIMIT)
            {
                d = d.with_related(*other, format!("`{who}` is also assigned to `{task}`"));
            }
            marked.insert(*site, (out.len(), 0));
            out.push(d);
        }
    }
    for (index, more) in marked.into_values().filter(|(_, more)| *more > 0) {
        out[index].hint = Some(format!(
            "over-allocated in {more} later intervals too; {SEQUENCE_HINT}"
        ));
    }
}

const SEQUENCE_HINT: &str = "sequence these tasks with `after`, or move work to someone with free capacity";

fn deadlines(
    plan: &Plan,
    map: &SourceMap,
    schedule: &Schedule,
    cal: &WorkCalendar,
    out: &mut Vec<Diagnostic>,
) {
    for miss in &schedule.deadline_misses {
        let task = plan.task(miss.task);
        let finish = cal.finish_date(schedule.times(miss.task).ef);
        let d = Diagnostic::error(
            Code::DeadlineMissed,
            map.tasks[miss.task.index()].name,
            format!(
                "`{}` misses its deadline {}: it finishes {finish}, {} late",
                task.id,
                miss.deadline,
                working_days(miss.overrun)
            ),
        )
        .with_hint("shorten the work before it, start it earlier, or move the deadline");
        out.push(d);
    }
}

fn pending_approvals(plan: &Plan, map: &SourceMap, schedule: &Schedule, out: &mut Vec<Diagnostic>) {
    for (index, approval) in plan.approvals.iter().enumerate() {
        if approval.status != ApprovalStatus::Pending {
            continue;
        }
        for gate in &approval.gates {
            // Resolution only lets milestones be gated.
            let milestone = plan.task(*gate);
            if !schedule.times(*gate).critical {
                continue;
            }
            let d = Diagnostic::new(
                Code::PendingApprovalOnCriticalPath,
                Severity::Warning,
                map.approvals[index].name,
                format!(
                    "approval `{}` is still pending and gates `{}`, which is on the critical path",
                    approval.id, milestone.id
                ),
            )
            .with_related(map.tasks[gate.index()].name, "the critical milestone")
            .with_hint("any delay in this approval delays the whole program");
            out.push(d);
        }
    }
}

fn working_days(time: Work) -> String {
    if time == Work::days(1) {
        "1 working day".to_string()
    } else {
        format!("{} working days", time.days_text())
    }
}

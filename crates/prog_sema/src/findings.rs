//! What the schedule finds, located at the statements involved: circular
//! dependencies, over-allocations, missed deadlines, and pending approvals
//! that gate critical milestones.

use std::fmt::Write;

use prog_plan::{ApprovalStatus, DepRef, Overload, Plan, Schedule, TaskId, WorkCalendar};
use rustc_hash::FxHashSet;

use crate::{Code, Diagnostic, Location, Related, Severity, SourceMap};

/// The findings of the schedule alone: cycles, missed deadlines and
/// pending approvals on the critical path.
pub fn timing_findings(
    plan: &Plan,
    map: &SourceMap,
    schedule: &Schedule,
    cal: &WorkCalendar,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    cycles(plan, map, schedule, &mut out);
    deadlines(plan, map, schedule, cal, &mut out);
    pending_approvals(plan, map, schedule, &mut out);
    crate::tracking::findings(plan, map, schedule, cal, &mut out);
    out
}

/// The findings of over-allocations: of the whole load, or of some of its
/// resources (each assignment is of one resource, so the findings of
/// different resources are independent). Reads only the ids and the
/// assignments of `plan`.
pub fn overload_findings(
    plan: &Plan,
    map: &SourceMap,
    overloads: &[Overload],
    cal: &WorkCalendar,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    self::overloads(plan, map, overloads, cal, &mut out);
    out
}

fn dep_location(map: &SourceMap, dep: DepRef) -> Location {
    map.deps[dep.task.index()][dep.index as usize]
}

/// A loop is reported once, at the statement that closes it (the one the
/// schedule ignores), naming the loop and with the other statements as
/// related places; both lists are clipped, so that a loop of thousands of
/// tasks costs as little to report as a short one.
fn cycles(plan: &Plan, map: &SourceMap, schedule: &Schedule, out: &mut Vec<Diagnostic>) {
    for cycle in &schedule.cycles {
        let Some((&closing, others)) = cycle.edges.split_last() else {
            continue;
        };
        let on = |e: &DepRef| plan.task(plan.task(e.task).deps[e.index as usize].on).id.as_str();
        let path = loop_path(cycle.edges.iter().map(on).collect());
        // A task after a group it is in loops through the group's finish,
        // which the path does not show: say so.
        let inside = cycle.edges.iter().find_map(|e| {
            let group = plan.task(e.task).deps[e.index as usize].on;
            is_within(plan, e.task, group).then(|| (&plan.task(e.task).id, &plan.task(group).id))
        });
        let mut d = match inside {
            Some((task, group)) => Diagnostic::error(
                Code::Cycle,
                dep_location(map, closing),
                format!(
                    "circular dependency: {path}; `{task}` is inside group `{group}`, which finishes \
                     only when `{task}` does; the schedule ignores this dependency"
                ),
            )
            .with_hint(format!(
                "depend on a task of `{group}` instead, or move `{task}` out of the group"
            )),
            None => Diagnostic::error(
                Code::Cycle,
                dep_location(map, closing),
                format!("circular dependency: {path}; the schedule ignores this dependency"),
            )
            .with_hint("remove one of the dependencies in the loop to break it"),
        };
        for other in others.iter().take(LIST_LIMIT) {
            let task = &plan.task(other.task).id;
            d = d.with_related(dep_location(map, *other), format!("`{task}` depends on this"));
        }
        if others.len() > LIST_LIMIT {
            let more = others.len() - LIST_LIMIT;
            let dependencies = if more == 1 { "dependency" } else { "dependencies" };
            d.hint = Some(
                format!("remove one of the dependencies in the loop to break it ({more} more {dependencies} than shown)")
                    .into(),
            );
        }
        out.push(d);
    }
}

/// Whether `task` is `group` or inside it, at any depth.
fn is_within(plan: &Plan, task: TaskId, group: TaskId) -> bool {
    let mut at = Some(task);
    // The depth is bounded by the plan's size, even for a malformed parent chain.
    for _ in 0..=plan.tasks.len() {
        match at {
            Some(t) if t == group => return true,
            Some(t) => at = plan.task(t).parent,
            None => return false,
        }
    }
    false
}

/// `a → b → c → a`, with the middle of a long loop left out:
/// `a → b → c → … → x → y → a (25 tasks)`.
fn loop_path(ids: Vec<&str>) -> String {
    const ENDS: usize = LIST_LIMIT / 2;
    let mut path = if ids.len() <= LIST_LIMIT + 1 {
        ids.join(" → ")
    } else {
        let (head, tail) = (&ids[..ENDS], &ids[ids.len() - ENDS..]);
        format!("{} → … → {}", head.join(" → "), tail.join(" → "))
    };
    if let Some(first) = ids.first() {
        let _ = write!(path, " → {first}");
    }
    if ids.len() > LIST_LIMIT + 1 {
        let _ = write!(path, " ({} tasks)", ids.len());
    }
    path
}

/// How many tasks or places one message names before it says "and N more".
const LIST_LIMIT: usize = 6;

/// One finding per resource and overloaded period, at the first task's
/// assignment, naming the tasks; the other assignments are its related
/// places, at most [`RELATED_LIMIT`] of them. A period is a run of
/// consecutive over-allocated days, whatever tasks come and go in it, and
/// joins the next when a task is in both (a task over the Fridays of a
/// four-day week is one finding, not one per Friday).
fn overloads(
    plan: &Plan,
    map: &SourceMap,
    overloads: &[Overload],
    cal: &WorkCalendar,
    out: &mut Vec<Diagnostic>,
) {
    let mut rest = overloads;
    // The tasks of a period met so far: a long period holds thousands.
    let mut seen = FxHashSet::default();
    while let Some(first) = rest.first() {
        let length = 1 + rest
            .windows(2)
            .take_while(|w| {
                w[1].resource == w[0].resource
                    && (w[1].first_day == w[0].last_day + 1
                        || w[1].tasks.iter().any(|t| w[0].tasks.contains(t)))
            })
            .count();
        let (period, after) = rest.split_at(length);
        rest = after;
        // The tasks in order of appearance, those of the first interval by id.
        let mut tasks: Vec<TaskId> = Vec::new();
        seen.clear();
        for t in period.iter().flat_map(|o| &o.tasks) {
            if seen.insert(*t) {
                tasks.push(*t);
            }
        }
        let sites: Vec<(Location, TaskId)> = tasks
            .iter()
            .flat_map(|&t| {
                let assignments = plan.task(t).assignments.iter().zip(&map.assignments[t.index()]);
                assignments
                    .filter(|(a, _)| a.resource == first.resource)
                    .map(move |(_, site)| (*site, t))
            })
            .take(RELATED_LIMIT + 1)
            .collect();
        let Some(&(site, _)) = sites.first() else {
            continue;
        };
        let who = &plan.resource(first.resource).id;
        let mut d = Diagnostic::warning(
            Code::OverAllocation,
            site,
            period_message(plan, who, period, &tasks, cal),
        )
        .with_hint(SEQUENCE_HINT);
        d.related = sites[1..]
            .iter()
            .map(|(location, task)| Related {
                location: *location,
                message: format!("`{who}` is also assigned to `{}`", plan.task(*task).id),
            })
            .collect();
        out.push(d);
    }
}

/// How many other assignments an over-allocation finding points to.
const RELATED_LIMIT: usize = 20;

/// "`alice` is over-allocated from 2027-01-04 to 2027-01-08: up to 300%
/// assigned, 100% available (`a`, `b`, `c`)".
fn period_message(
    plan: &Plan,
    who: &str,
    period: &[Overload],
    tasks: &[TaskId],
    cal: &WorkCalendar,
) -> String {
    let (Some(first), Some(last)) = (period.first(), period.last()) else {
        return String::new();
    };
    let (from, to) = (cal.date_of(first.first_day), cal.date_of(last.last_day));
    let peak = period.iter().map(|o| o.load).max().unwrap_or(0);
    let least = period.iter().map(|o| o.capacity).min().unwrap_or(0);
    let most = period.iter().map(|o| o.capacity).max().unwrap_or(0);
    let days: i64 = period.iter().map(|o| o.last_day - o.first_day + 1).sum();
    let mut message = String::with_capacity(160);
    let _ = if from == to {
        write!(message, "`{who}` is over-allocated on {from}: ")
    } else if days <= last.last_day - first.first_day {
        write!(
            message,
            "`{who}` is over-allocated on {days} days from {from} to {to}: "
        )
    } else {
        write!(message, "`{who}` is over-allocated from {from} to {to}: ")
    };
    if period.iter().any(|o| o.load != peak) {
        message.push_str("up to ");
    }
    let _ = if least == most {
        write!(message, "{peak}% assigned, {least}% available (")
    } else {
        write!(message, "{peak}% assigned, {least}% to {most}% available (")
    };
    for (i, task) in tasks.iter().take(LIST_LIMIT).enumerate() {
        let separator = if i > 0 { ", " } else { "" };
        let _ = write!(message, "{separator}`{}`", plan.task(*task).id);
    }
    let more = tasks.len().saturating_sub(LIST_LIMIT);
    if more > 0 {
        let _ = write!(message, " and {more} more");
    }
    message.push(')');
    message
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
        let d = Diagnostic::warning(
            Code::DeadlineMissed,
            map.tasks[miss.task.index()].name,
            format!(
                "`{}` misses its deadline {}: it finishes {finish}, {} late",
                task.id,
                miss.deadline,
                miss.overrun.working_days_text()
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

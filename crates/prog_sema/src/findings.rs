//! What the schedule finds, located at the statements involved: circular
//! dependencies, over-allocations, missed deadlines, and pending approvals
//! that gate critical milestones.

use std::fmt::Write;

use prog_plan::{ApprovalStatus, DepRef, Overload, Plan, Schedule, TaskId, Work, WorkCalendar};
use rustc_hash::FxHashMap;

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
            d.hint = Some(format!(
                "remove one of the dependencies in the loop to break it ({more} more {dependencies} than shown)"
            ));
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

/// Each assignment that takes part in an over-allocation is marked once,
/// with the first interval it is part of and how many others there are;
/// the other assignments of that interval are its related places.
fn overloads(
    plan: &Plan,
    map: &SourceMap,
    overloads: &[Overload],
    cal: &WorkCalendar,
    out: &mut Vec<Diagnostic>,
) {
    // Per marked assignment: its diagnostic, and how many more intervals it is in.
    let mut marked: FxHashMap<Location, (usize, usize)> = FxHashMap::default();
    let mut sites: Vec<(Location, TaskId)> = Vec::new();
    for overload in overloads {
        let who = &plan.resource(overload.resource).id;
        let (first, last) = (cal.date_of(overload.first_day), cal.date_of(overload.last_day));
        // Plans over-allocate by the thousand: written without `format!`'s
        // intermediate strings.
        let mut message = String::with_capacity(160);
        let _ = if first == last {
            write!(message, "`{who}` is over-allocated on {first}: ")
        } else {
            write!(message, "`{who}` is over-allocated from {first} to {last}: ")
        };
        let _ = write!(
            message,
            "{}% assigned, {}% available (",
            overload.load, overload.capacity
        );
        for (i, task) in overload.tasks.iter().take(LIST_LIMIT).enumerate() {
            let separator = if i > 0 { ", " } else { "" };
            let _ = write!(message, "{separator}`{}`", plan.task(*task).id);
        }
        let more = overload.tasks.len().saturating_sub(LIST_LIMIT);
        if more > 0 {
            let _ = write!(message, " and {more} more");
        }
        message.push(')');
        sites.clear();
        for t in &overload.tasks {
            let assignments = plan.task(*t).assignments.iter().zip(&map.assignments[t.index()]);
            sites.extend(
                assignments
                    .filter(|(a, _)| a.resource == overload.resource)
                    .map(|(_, site)| (*site, *t)),
            );
        }
        // A site names at most LIST_LIMIT others, all among the first
        // LIST_LIMIT + 1: their texts are written once per interval.
        let mut related: Vec<Option<String>> = vec![None; sites.len().min(LIST_LIMIT + 1)];
        for (i, (site, _)) in sites.iter().enumerate() {
            if let Some((_, more)) = marked.get_mut(site) {
                *more += 1;
                continue;
            }
            let mut d =
                Diagnostic::warning(Code::OverAllocation, *site, message.clone()).with_hint(SEQUENCE_HINT);
            d.related.reserve_exact(LIST_LIMIT.min(sites.len() - 1));
            for (j, (other, task)) in sites.iter().enumerate().filter(|(j, _)| *j != i).take(LIST_LIMIT) {
                let text = related[j]
                    .get_or_insert_with(|| format!("`{who}` is also assigned to `{}`", plan.task(*task).id));
                d.related.push(Related {
                    location: *other,
                    message: text.clone(),
                });
            }
            marked.insert(*site, (out.len(), 0));
            out.push(d);
        }
    }
    for (index, more) in marked.into_values().filter(|(_, more)| *more > 0) {
        let intervals = if more == 1 { "interval" } else { "intervals" };
        out[index].hint = Some(format!(
            "over-allocated in {more} later {intervals} too; {SEQUENCE_HINT}"
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

pub(crate) fn working_days(time: Work) -> String {
    if time == Work::days(1) {
        "1 working day".to_string()
    } else {
        format!("{} working days", time.days_text())
    }
}

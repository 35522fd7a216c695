//! A plan model written back as `.prog` text.

use std::fmt::Write;

use prog_plan::{DateRange, DepKind, Plan, TaskId, TaskKind, Work, WorkSpec};

/// The `.prog` text of `plan`. Parsing it gives back the same model.
pub fn write_prog(plan: &Plan) -> String {
    let mut out = String::new();
    let p = &plan.program;
    let _ = writeln!(out, "program {} {{", p.id);
    let _ = writeln!(out, "  start {}", p.start);
    if let Some(c) = p.calendar {
        let _ = writeln!(out, "  calendar {}", plan.calendars[c.index()].id);
    }
    out.push_str("}\n\n");
    for c in &plan.calendars {
        const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        let days: Vec<&str> = DAYS
            .iter()
            .zip(c.workdays)
            .filter(|(_, on)| *on)
            .map(|(d, _)| *d)
            .collect();
        let _ = write!(out, "calendar {} {{\n  workdays {}\n", c.id, days.join(", "));
        if !c.holidays.is_empty() {
            let _ = writeln!(out, "  holiday {}", ranges(&c.holidays));
        }
        out.push_str("}\n\n");
    }
    for r in &plan.resources {
        let keyword = r.kind.as_str();
        let _ = write!(out, "{keyword} {} {{ capacity {}%", r.id, r.capacity);
        if !r.leave.is_empty() {
            let _ = write!(out, " off {}", ranges(&r.leave));
        }
        if let Some(c) = r.calendar {
            let _ = write!(out, " calendar {}", plan.calendars[c.index()].id);
        }
        out.push_str(" }\n");
    }
    out.push('\n');
    let mut children: Vec<Vec<TaskId>> = vec![Vec::new(); plan.tasks.len()];
    for id in plan.task_ids() {
        if let Some(parent) = plan.task(id).parent {
            children[parent.index()].push(id);
        }
    }
    for id in plan.task_ids().filter(|t| plan.task(*t).parent.is_none()) {
        write_task(plan, id, &children, 0, &mut out);
    }
    out
}

fn write_task(plan: &Plan, id: TaskId, children: &[Vec<TaskId>], depth: usize, out: &mut String) {
    let task = plan.task(id);
    let indent = "  ".repeat(depth);
    let keyword = task.kind.as_str();
    let _ = write!(out, "{indent}{keyword} {} {{", task.id);
    match task.work {
        Some(WorkSpec::Duration(w)) => {
            let _ = write!(out, " duration {}", work(w));
        }
        Some(WorkSpec::Effort(w)) => {
            let _ = write!(out, " effort {}", work(w));
        }
        None => {}
    }
    let owner = task.owner.filter(|_| task.kind == TaskKind::Task);
    if let Some(o) = task.owner {
        let _ = write!(out, " owner {}", plan.resource(o).id);
    }
    // The owner's own 100% assignment is implied by `owner`.
    let skip = usize::from(owner.is_some());
    for a in task.assignments.iter().skip(skip) {
        let _ = write!(out, " assign {} {}%", plan.resource(a.resource).id, a.units);
    }
    for dep in &task.deps {
        let keyword = match dep.kind {
            DepKind::FinishToStart => "after",
            DepKind::StartToStart => "start_with",
            DepKind::FinishToFinish => "finish_with",
        };
        let _ = write!(out, " {keyword} {}", plan.task(dep.on).id);
        if dep.lag != Work::ZERO {
            let sign = if dep.lag.0 > 0 { "+" } else { "-" };
            let _ = write!(out, " {sign}{}", work(Work(dep.lag.0.abs())));
        }
    }
    if let Some(d) = task.not_before {
        let _ = write!(out, " not_before {d}");
    }
    if let Some(d) = task.deadline {
        let _ = write!(out, " deadline {d}");
    }
    if task.progress > 0 {
        let _ = write!(out, " progress {}%", task.progress);
    }
    if children[id.index()].is_empty() {
        out.push_str(" }\n");
        return;
    }
    out.push('\n');
    for child in &children[id.index()] {
        write_task(plan, *child, children, depth + 1, out);
    }
    let _ = writeln!(out, "{indent}}}");
}

fn work(w: Work) -> String {
    if w.0 % Work::HOURS_PER_DAY == 0 {
        format!("{}d", w.0 / Work::HOURS_PER_DAY)
    } else {
        format!("{}h", w.0)
    }
}

fn ranges(ranges: &[DateRange]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|r| {
            if r.first == r.last {
                r.first.to_string()
            } else {
                format!("{}..{}", r.first, r.last)
            }
        })
        .collect();
    parts.join(", ")
}

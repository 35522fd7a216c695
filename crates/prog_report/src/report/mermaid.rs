//! A Mermaid gantt chart: one section per top-level group, bars at the
//! scheduled dates, critical work marked `crit`, progress as `done`/`active`.

use std::fmt::Write;

use chrono::Days;

use crate::Report;
use crate::escape::mermaid;

pub fn write(report: &Report) -> String {
    let mut out = format!(
        "gantt\n    title {}\n    dateFormat YYYY-MM-DD\n    axisFormat %Y-%m-%d\n",
        mermaid(report.program.name())
    );
    let mut section = None;
    for (index, task) in report.tasks.iter().enumerate() {
        // Top-level tasks and milestones go in a section named after the program.
        let top = Some(top_level(report, index)).filter(|&t| report.tasks[t].kind() == "group");
        if section != Some(top) {
            section = Some(top);
            let name = top.map_or(report.program.name(), |t| report.tasks[t].name());
            let _ = writeln!(out, "    section {}", mermaid(name));
        }
        // Sections stand for the groups; nested groups would repeat their children.
        if task.kind() == "group" {
            continue;
        }
        let mut tags = Vec::new();
        if task.kind() == "milestone" {
            tags.push("milestone");
        }
        if task.schedule.critical {
            tags.push("crit");
        }
        match task.percent_done {
            100 => tags.push("done"),
            1..=99 => tags.push("active"),
            _ => {}
        }
        // No ids: a task id such as `crit` or `active` would read as a tag.
        let dates = if task.kind() == "milestone" {
            format!("{}, 0d", task.schedule.start)
        } else {
            // Mermaid's end date is exclusive.
            format!("{}, {}", task.schedule.start, task.schedule.finish + Days::new(1))
        };
        tags.push(&dates);
        let name = match task.external {
            true => format!("{} (external)", task.name()),
            false => task.name().to_string(),
        };
        let _ = writeln!(out, "    {} :{}", mermaid(&name), tags.join(", "));
    }
    out
}

/// The index of the top-level item holding `index` (itself when top-level).
fn top_level(report: &Report, mut index: usize) -> usize {
    while let Some(parent) = report.tasks[index].parent {
        index = parent;
    }
    index
}

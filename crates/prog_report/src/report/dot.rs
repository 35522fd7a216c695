//! The dependency graph for Graphviz: left to right, critical dependencies
//! and tasks in red, groups as boxes with a double border.

use std::fmt::Write;

use crate::Report;
use crate::escape::dot;

pub fn write(report: &Report) -> String {
    let mut out = format!(
        "digraph \"{}\" {{\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n",
        dot(report.program.name())
    );
    for task in &report.tasks {
        let shape = match task.kind() {
            _ if task.external => ", shape=hexagon, style=dashed",
            "milestone" => ", shape=diamond, style=solid",
            "group" => ", peripheries=2, style=solid",
            _ => "",
        };
        let color = if task.schedule.critical { ", color=red" } else { "" };
        // Ids are plain identifiers; quoting them keeps DOT keywords (`node`, `edge`) apart.
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\\n{} – {}\"{shape}{color}];",
            task.id(),
            dot(task.name()),
            task.schedule.start,
            task.schedule.finish,
        );
    }
    for dep in &report.dependencies {
        let label = match (dep.kind, dep.lag_days.0.0) {
            ("finish_to_start", 0) => String::new(),
            (kind, 0) => format!(" [label=\"{}\"]", short(kind)),
            (kind, _) => format!(" [label=\"{} {:+}d\"]", short(kind), dep.lag_days.0.as_days()),
        };
        let color = if dep.critical {
            " [color=red, penwidth=2]"
        } else {
            ""
        };
        let _ = writeln!(out, "  \"{}\" -> \"{}\"{label}{color};", dep.from, dep.to);
    }
    out.push_str("}\n");
    out
}

fn short(kind: &str) -> &'static str {
    match kind {
        "start_to_start" => "SS",
        "finish_to_finish" => "FF",
        _ => "FS",
    }
}

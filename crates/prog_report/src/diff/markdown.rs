//! The diff as a pull-request comment: the headline in bold, then one
//! table per kind of change that has any.

use std::fmt::Write;

use prog_diff::{Diff, TaskChange};

use super::words::{self, Style};
use crate::escape::markdown as md;

/// Rows of tasks that only moved shown before the rest is left to the JSON.
const MOVED_ROWS: usize = 50;

struct Markdown;

impl Style for Markdown {
    fn id(&self, id: &str) -> String {
        // Ids are [A-Za-z0-9_]: nothing to escape in a code span.
        format!("`{id}`")
    }
    fn text(&self, text: &str) -> String {
        md(text)
    }
}

pub fn write(diff: &Diff) -> String {
    let s = &Markdown;
    let name = diff.title.as_deref().map_or_else(|| s.id(&diff.program), md);
    let mut out = format!("### Plan change: {name}\n\n**{}**\n\n", diff.headline);
    if diff.is_empty() {
        out.push_str("Nothing in the plan changed.\n");
        return out;
    }
    let f = &diff.finish;
    let _ = write!(
        out,
        "| | before | after | change |\n|---|---|---|---|\n| finish | {} | {} | {} |\n",
        f.old,
        f.new,
        words::moved_long(f)
    );
    let path = &diff.critical_path;
    if !path.entered.is_empty() || !path.left.is_empty() {
        let _ = write!(out, "\nCritical path:");
        if !path.entered.is_empty() {
            let _ = write!(out, " entered {}", words::ids(s, &path.entered));
        }
        if !path.left.is_empty() {
            let _ = write!(
                out,
                "{} left {}",
                if path.entered.is_empty() { "" } else { ";" },
                words::ids(s, &path.left)
            );
        }
        out.push_str(".\n");
    }
    milestones(diff, &mut out);
    deadlines(diff, &mut out);
    tasks(diff, &mut out);
    register(diff, &mut out);
    resources(diff, &mut out);
    out
}

fn milestones(diff: &Diff, out: &mut String) {
    if diff.milestones.is_empty() {
        return;
    }
    out.push_str(
        "\n#### Milestones\n\n| milestone | before | after | change | deadline |\n|---|---|---|--:|---|\n",
    );
    for m in &diff.milestones {
        let deadline = match (m.deadline, m.newly_missed) {
            (Some(d), true) => format!("{d} **newly missed**"),
            (Some(d), false) => d.to_string(),
            (None, _) => String::new(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {deadline} |",
            words::named(&Markdown, &m.id, m.title.as_deref()),
            m.moved.old,
            m.moved.new,
            words::signed(m.moved.working_days)
        );
    }
}

fn deadlines(diff: &Diff, out: &mut String) {
    let d = &diff.deadlines;
    if d.newly_missed.is_empty() && d.no_longer_missed.is_empty() {
        return;
    }
    out.push_str("\n#### Deadlines\n\n");
    for line in words::deadline_lines(&Markdown, d) {
        let _ = writeln!(out, "- {line}");
    }
}

fn cell(parts: Vec<String>) -> String {
    parts.join("; ")
}

fn dates(c: &TaskChange) -> (String, String) {
    let show = |m: &Option<prog_diff::Move>| m.as_ref().map(words::moved).unwrap_or_default();
    (show(&c.start), show(&c.finish))
}

fn tasks(diff: &Diff, out: &mut String) {
    let t = &diff.tasks;
    let edited: Vec<&TaskChange> = t.changed.iter().filter(|c| c.is_edited()).collect();
    if !t.added.is_empty() || !t.removed.is_empty() || !edited.is_empty() {
        out.push_str("\n#### Tasks\n\n| | task | what changed | start | finish |\n|---|---|---|---|---|\n");
        for a in &t.added {
            let _ = writeln!(
                out,
                "| added | {} | {} {}{} | {} | {} |",
                words::named(&Markdown, &a.id, a.title.as_deref()),
                a.kind,
                words::days(a.duration_days),
                if a.critical { ", critical" } else { "" },
                a.start,
                a.finish
            );
        }
        for c in &edited {
            let (start, finish) = dates(c);
            let _ = writeln!(
                out,
                "| changed | {} | {} | {start} | {finish} |",
                words::named(&Markdown, &c.id, c.title_now.as_deref()),
                cell(words::task_edits(&Markdown, c))
            );
        }
        for r in &t.removed {
            let _ = writeln!(
                out,
                "| removed | {} | {} {} | {} | {} |",
                words::named(&Markdown, &r.id, r.title.as_deref()),
                r.kind,
                words::days(r.duration_days),
                r.start,
                r.finish
            );
        }
    }
    // Milestones have their own table.
    let moved: Vec<&TaskChange> = t
        .changed
        .iter()
        .filter(|c| !c.is_edited() && c.kind != "milestone")
        .collect();
    if moved.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "\n<details><summary>{} moved without an edit of their own</summary>\n\n\
         | task | start | finish |\n|---|---|---|\n",
        plural(moved.len(), "task")
    );
    for c in moved.iter().take(MOVED_ROWS) {
        let (start, finish) = dates(c);
        let _ = writeln!(out, "| `{}` | {start} | {finish} |", c.id);
    }
    if moved.len() > MOVED_ROWS {
        let _ = writeln!(
            out,
            "\n… and {} more (`prog diff --format json` lists them all).",
            moved.len() - MOVED_ROWS
        );
    }
    out.push_str("\n</details>\n");
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn register(diff: &Diff, out: &mut String) {
    let s = &Markdown;
    let r = &diff.risks;
    if !r.is_empty() {
        out.push_str("\n#### Risks\n\n| | risk | what changed | exposure |\n|---|---|---|---|\n");
        for (what, list) in [("added", &r.added), ("removed", &r.removed)] {
            for e in list {
                let _ = writeln!(
                    out,
                    "| {what} | {} | affects {} | {} |",
                    words::named(s, &e.id, e.title.as_deref()),
                    words::ids(s, &e.affects),
                    words::exposure(e.probability, e.impact_days, e.exposure_days)
                );
            }
        }
        for c in &r.changed {
            let _ = writeln!(
                out,
                "| changed | {} | {} | {} |",
                words::named(s, &c.id, c.title_now.as_deref()),
                cell(words::risk_edits(s, c)),
                words::exposure_change(c)
            );
        }
    }
    let a = &diff.approvals;
    if !a.is_empty() {
        out.push_str("\n#### Approvals\n\n| | approval | what changed |\n|---|---|---|\n");
        for (what, list) in [("added", &a.added), ("removed", &a.removed)] {
            for e in list {
                let _ = writeln!(
                    out,
                    "| {what} | {} | {}, gates {} |",
                    words::named(s, &e.id, e.title.as_deref()),
                    e.status,
                    words::ids(s, &e.gates)
                );
            }
        }
        for c in &a.changed {
            let _ = writeln!(
                out,
                "| changed | {} | {} |",
                words::named(s, &c.id, c.title_now.as_deref()),
                cell(words::approval_edits(s, c))
            );
        }
    }
}

fn resources(diff: &Diff, out: &mut String) {
    let s = &Markdown;
    let r = &diff.resources;
    if !r.is_empty() {
        out.push_str("\n#### People and teams\n\n| | resource | what changed |\n|---|---|---|\n");
        for (what, list) in [("added", &r.added), ("removed", &r.removed)] {
            for e in list {
                let _ = writeln!(
                    out,
                    "| {what} | {} | {}, capacity {} |",
                    words::named(s, &e.id, e.title.as_deref()),
                    e.kind,
                    words::capacity(e.kind, e.capacity)
                );
            }
        }
        for c in &r.changed {
            let _ = writeln!(
                out,
                "| changed | {} | {} |",
                words::named(s, &c.id, c.title_now.as_deref()),
                cell(words::resource_edits(s, c))
            );
        }
    }
    let o = &diff.over_allocations;
    if o.appeared.is_empty() && o.vanished.is_empty() {
        return;
    }
    out.push_str(
        "\n#### Over-allocations\n\n| | resource | days | booked | tasks |\n|---|---|---|---|---|\n",
    );
    for (what, list) in [("appeared", &o.appeared), ("vanished", &o.vanished)] {
        for e in list {
            let _ = writeln!(
                out,
                "| {what} | `{}` | {} – {} | {}% of {}% | {} |",
                e.resource,
                e.first,
                e.last,
                e.load,
                e.capacity,
                words::ids(s, &e.tasks)
            );
        }
    }
}

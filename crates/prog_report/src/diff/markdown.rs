//! The diff as a pull-request comment: the headline in bold, then one
//! table per kind of change that has any.

use std::fmt::Write;

use prog_diff::{Diff, TaskChange};

use super::words::{self, Style};
use crate::escape::markdown as md;

/// Rows of one table shown before the rest is left to the JSON: a
/// pull-request comment has a size limit (65,536 characters on GitHub).
const TABLE_ROWS: usize = 100;

/// A Markdown table that stops after [`TABLE_ROWS`] rows and says how many
/// it left out.
struct Table<'a> {
    out: &'a mut String,
    rows: usize,
}

impl<'a> Table<'a> {
    fn new(out: &'a mut String, header: &str) -> Table<'a> {
        out.push_str(header);
        Table { out, rows: 0 }
    }

    fn row(&mut self, row: std::fmt::Arguments) {
        if self.rows < TABLE_ROWS {
            let _ = writeln!(self.out, "{row}");
        }
        self.rows += 1;
    }
}

impl Drop for Table<'_> {
    fn drop(&mut self) {
        if self.rows > TABLE_ROWS {
            let _ = writeln!(
                self.out,
                "\n… and {} more (`prog diff --format json` lists them all).",
                self.rows - TABLE_ROWS
            );
        }
    }
}

struct Markdown;

impl Style for Markdown {
    fn id(&self, id: &str) -> String {
        // Ids are [A-Za-z0-9_]: nothing to escape in a code span.
        format!("`{id}`")
    }
    fn text(&self, text: &str) -> String {
        md(text)
    }
    fn plain(&self, text: &str) -> String {
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
    if let Some(b) = &diff.budget {
        let [old, new, change] = words::budget(s, b);
        let _ = writeln!(out, "| budget (BAC) | {old} | {new} | {change} |");
    }
    if let Some(e) = &diff.earned_value {
        for (name, [old, new, change]) in words::earned_value(e) {
            let _ = writeln!(out, "| {name} | {old} | {new} | {change} |");
        }
    }
    if let Some(b) = &diff.baseline {
        let (label, [old, new, change]) = words::baseline(s, b);
        let _ = writeln!(out, "| finish {label} | {old} | {new} | {change} |");
        let late = &b.milestones_late;
        if late.old + late.new > 0 {
            let _ = writeln!(
                out,
                "| milestones later than the baseline | {} | {} | {:+} |",
                late.old,
                late.new,
                late.new as i64 - late.old as i64
            );
        }
    }
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
    promises(diff, &mut out);
    resources(diff, &mut out);
    let people = super::people::lines(s, &diff.people);
    if !people.is_empty() {
        out.push_str("\n#### Blocked work, actions and stakeholders\n\n");
        for (marker, line) in people {
            let _ = writeln!(out, "- {marker} {line}");
        }
    }
    let tell = super::tell::grouped(s, diff);
    if !tell.is_empty() {
        out.push_str("\n#### Tell\n\n");
        for (who, reasons) in tell {
            let _ = writeln!(out, "- {who}: {}", reasons.join("; "));
        }
    }
    out
}

fn milestones(diff: &Diff, out: &mut String) {
    if diff.milestones.is_empty() {
        return;
    }
    let mut table = Table::new(
        out,
        "\n#### Milestones\n\n| milestone | before | after | change | deadline |\n|---|---|---|--:|---|\n",
    );
    for m in &diff.milestones {
        let deadline = match (m.deadline, m.newly_missed) {
            (Some(d), true) => format!("{d} **newly missed**"),
            (Some(d), false) => d.to_string(),
            (None, _) => String::new(),
        };
        table.row(format_args!(
            "| {} | {} | {} | {} | {deadline} |",
            words::named(&Markdown, &m.id, m.title.as_deref()),
            m.moved.old,
            m.moved.new,
            words::signed(m.moved.working_days)
        ));
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
        let mut table = Table::new(
            out,
            "\n#### Tasks\n\n| | task | what changed | start | finish |\n|---|---|---|---|---|\n",
        );
        for a in &t.added {
            table.row(format_args!(
                "| added | {} | {} {}{} | {} | {} |",
                words::named(&Markdown, &a.id, a.title.as_deref()),
                a.kind,
                words::days(a.duration_days),
                if a.critical { ", critical" } else { "" },
                a.start,
                a.finish
            ));
        }
        for c in &edited {
            let (start, finish) = dates(c);
            table.row(format_args!(
                "| changed | {} | {} | {start} | {finish} |",
                words::named(&Markdown, &c.id, c.title_now.as_deref()),
                cell(words::task_edits(&Markdown, c))
            ));
        }
        for r in &t.removed {
            table.row(format_args!(
                "| removed | {} | {} {} | {} | {} |",
                words::named(&Markdown, &r.id, r.title.as_deref()),
                r.kind,
                words::days(r.duration_days),
                r.start,
                r.finish
            ));
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
        "\n<details><summary>{} moved without an edit of their own</summary>\n",
        plural(moved.len(), "task")
    );
    {
        let mut table = Table::new(out, "\n| task | start | finish |\n|---|---|---|\n");
        for c in &moved {
            let (start, finish) = dates(c);
            table.row(format_args!("| `{}` | {start} | {finish} |", c.id));
        }
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
        let mut table = Table::new(
            out,
            "\n#### Risks\n\n| | risk | what changed | exposure |\n|---|---|---|---|\n",
        );
        for (what, list) in [("added", &r.added), ("removed", &r.removed)] {
            for e in list {
                table.row(format_args!(
                    "| {what} | {} | affects {} | {} |",
                    words::named(s, &e.id, e.title.as_deref()),
                    words::ids(s, &e.affects),
                    words::exposure(e.probability, e.impact_days, e.exposure_days)
                ));
            }
        }
        for c in &r.changed {
            table.row(format_args!(
                "| changed | {} | {} | {} |",
                words::named(s, &c.id, c.title_now.as_deref()),
                cell(words::risk_edits(s, c)),
                words::exposure_change(c)
            ));
        }
    }
    let a = &diff.approvals;
    if !a.is_empty() {
        let mut table = Table::new(
            out,
            "\n#### Approvals\n\n| | approval | what changed |\n|---|---|---|\n",
        );
        for (what, list) in [("added", &a.added), ("removed", &a.removed)] {
            for e in list {
                table.row(format_args!(
                    "| {what} | {} | {}, gates {} |",
                    words::named(s, &e.id, e.title.as_deref()),
                    e.status,
                    words::ids(s, &e.gates)
                ));
            }
        }
        for c in &a.changed {
            table.row(format_args!(
                "| changed | {} | {} |",
                words::named(s, &c.id, c.title_now.as_deref()),
                cell(words::approval_edits(s, c))
            ));
        }
    }
}

fn promises(diff: &Diff, out: &mut String) {
    if diff.promises.is_empty() {
        return;
    }
    let mut table = Table::new(
        out,
        "\n#### Promised dates\n\n| external | what changed |\n|---|---|\n",
    );
    for (name, edits) in super::promises::lines(&Markdown, &diff.promises) {
        table.row(format_args!("| {name} | {edits} |"));
    }
}

fn resources(diff: &Diff, out: &mut String) {
    let s = &Markdown;
    let r = &diff.resources;
    if !r.is_empty() {
        let mut table = Table::new(
            out,
            "\n#### People and teams\n\n| | resource | what changed |\n|---|---|---|\n",
        );
        for (what, list) in [("added", &r.added), ("removed", &r.removed)] {
            for e in list {
                table.row(format_args!(
                    "| {what} | {} | {}, capacity {} |",
                    words::named(s, &e.id, e.title.as_deref()),
                    e.kind,
                    words::capacity(e.kind, e.capacity)
                ));
            }
        }
        for c in &r.changed {
            table.row(format_args!(
                "| changed | {} | {} |",
                words::named(s, &c.id, c.title_now.as_deref()),
                cell(words::resource_edits(s, c))
            ));
        }
    }
    let o = &diff.over_allocations;
    if o.appeared.is_empty() && o.vanished.is_empty() {
        return;
    }
    let mut table = Table::new(
        out,
        "\n#### Over-allocations\n\n| | resource | days | booked | tasks |\n|---|---|---|---|---|\n",
    );
    for (what, list) in [("appeared", &o.appeared), ("vanished", &o.vanished)] {
        for e in list {
            table.row(format_args!(
                "| {what} | `{}` | {} – {} | {}% of {}% | {} |",
                e.resource,
                e.first,
                e.last,
                e.load,
                e.capacity,
                words::ids(s, &e.tasks)
            ));
        }
    }
}

//! The diff for a terminal: the headline, then one section per kind of
//! change, `+` added, `-` removed, `~` changed; in colour on request.

use std::fmt::Write;

use prog_diff::{Diff, Move, TaskChange};

use super::words::{self, Style};
use crate::escape::terminal;

/// Tasks that only moved listed before the rest is left to the JSON.
const MOVED_LINES: usize = 20;

struct Terminal {
    colour: bool,
}

impl Style for Terminal {
    fn id(&self, id: &str) -> String {
        id.to_string()
    }
    /// Quoted, with control characters (which could drive the terminal) blanked.
    fn text(&self, text: &str) -> String {
        format!("\"{}\"", terminal(text))
    }
    fn plain(&self, text: &str) -> String {
        terminal(text)
    }
}

impl Terminal {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// `+` in green, `-` in red, `~` in yellow.
    fn marker(&self, marker: char) -> String {
        let code = match marker {
            '+' => "32",
            '-' => "31",
            _ => "33",
        };
        self.paint(code, &marker.to_string())
    }

    /// Later in red, earlier in green.
    fn slip(&self, m: &Move, text: String) -> String {
        match m.working_days.0.0 {
            h if h > 0 => self.paint("31", &text),
            h if h < 0 => self.paint("32", &text),
            _ => text,
        }
    }
}

/// The diff as terminal text; `colour` adds ANSI colours.
pub fn write(diff: &Diff, colour: bool) -> String {
    let t = &Terminal { colour };
    let mut out = format!("{}\n", t.paint("1", &diff.headline));
    if diff.is_empty() {
        out.push_str("Nothing in the plan changed.\n");
        return out;
    }
    let f = &diff.finish;
    let _ = writeln!(
        out,
        "\nfinish         {} → {}  {}",
        f.old,
        f.new,
        t.slip(f, words::moved_long(f))
    );
    if let Some(b) = &diff.budget {
        let [old, new, change] = words::budget(t, b);
        let _ = writeln!(out, "budget (BAC)   {old} → {new}  {change}");
    }
    if let Some(e) = &diff.earned_value {
        for (name, [old, new, change]) in words::earned_value(e) {
            let _ = writeln!(out, "{name:<14} {old} → {new}  {change}");
        }
    }
    if let Some(b) = &diff.baseline {
        let (label, [old, new, change]) = words::baseline(t, b);
        let _ = writeln!(out, "{label}: finish {old} → {new} ({change})");
        let late = &b.milestones_late;
        if late.old + late.new > 0 {
            let _ = writeln!(
                out,
                "  milestones later than the baseline: {} → {}",
                late.old, late.new
            );
        }
    }
    let path = &diff.critical_path;
    if !path.entered.is_empty() || !path.left.is_empty() {
        let mut parts = Vec::new();
        if !path.entered.is_empty() {
            parts.push(format!("entered {}", words::ids(t, &path.entered)));
        }
        if !path.left.is_empty() {
            parts.push(format!("left {}", words::ids(t, &path.left)));
        }
        let _ = writeln!(out, "critical path  {}", parts.join("; "));
    }
    if !diff.milestones.is_empty() {
        out.push_str("\nmilestones\n");
        for m in &diff.milestones {
            let deadline = match (m.deadline, m.newly_missed) {
                (Some(d), true) => format!("  deadline {d} {}", t.paint("31;1", "newly missed")),
                (Some(d), false) => format!("  deadline {d}"),
                (None, _) => String::new(),
            };
            let _ = writeln!(
                out,
                "  {} {}  {}{deadline}",
                t.marker('~'),
                words::named(t, &m.id, m.title.as_deref()),
                t.slip(&m.moved, words::moved(&m.moved))
            );
        }
    }
    let deadlines = words::deadline_lines(t, &diff.deadlines);
    if !deadlines.is_empty() {
        out.push_str("\ndeadlines\n");
        for line in deadlines {
            let _ = writeln!(out, "  {line}");
        }
    }
    tasks(t, diff, &mut out);
    others(t, diff, &mut out);
    section(t, &mut out, "people", super::people::lines(t, &diff.people));
    let tell = super::tell::grouped(t, diff);
    if !tell.is_empty() {
        out.push_str("\ntell\n");
        for (who, reasons) in tell {
            let _ = writeln!(out, "  {who}");
            for reason in reasons {
                let _ = writeln!(out, "    {reason}");
            }
        }
    }
    out
}

fn moves(t: &Terminal, c: &TaskChange) -> Vec<String> {
    let mut out = Vec::new();
    for (what, m) in [("start", &c.start), ("finish", &c.finish)] {
        if let Some(m) = m {
            out.push(format!("{what} {}", t.slip(m, words::moved(m))));
        }
    }
    out
}

fn tasks(t: &Terminal, diff: &Diff, out: &mut String) {
    let tasks = &diff.tasks;
    let edited: Vec<&TaskChange> = tasks.changed.iter().filter(|c| c.is_edited()).collect();
    let moved: Vec<&TaskChange> = tasks
        .changed
        .iter()
        .filter(|c| !c.is_edited() && c.kind != "milestone")
        .collect();
    if tasks.added.is_empty() && tasks.removed.is_empty() && edited.is_empty() && moved.is_empty() {
        return;
    }
    out.push_str("\ntasks\n");
    for a in &tasks.added {
        let _ = writeln!(
            out,
            "  {} {}  {} {}{}, {} → {}",
            t.marker('+'),
            words::named(t, &a.id, a.title.as_deref()),
            a.kind,
            words::days(a.duration_days),
            if a.critical { ", critical" } else { "" },
            a.start,
            a.finish
        );
    }
    for c in &edited {
        let _ = writeln!(
            out,
            "  {} {}",
            t.marker('~'),
            words::named(t, &c.id, c.title_now.as_deref())
        );
        for line in words::task_edits(t, c).into_iter().chain(moves(t, c)) {
            let _ = writeln!(out, "      {line}");
        }
    }
    for r in &tasks.removed {
        let _ = writeln!(
            out,
            "  {} {}  {} {}",
            t.marker('-'),
            words::named(t, &r.id, r.title.as_deref()),
            r.kind,
            words::days(r.duration_days)
        );
    }
    if moved.is_empty() {
        return;
    }
    let _ = writeln!(out, "  moved without an edit of their own: {}", moved.len());
    for c in moved.iter().take(MOVED_LINES) {
        let _ = writeln!(out, "    {}  {}", c.id, moves(t, c).join(", "));
    }
    if moved.len() > MOVED_LINES {
        let _ = writeln!(
            out,
            "    … and {} more (--format json lists them all)",
            moved.len() - MOVED_LINES
        );
    }
}

/// One section of added, removed and changed items.
fn section(t: &Terminal, out: &mut String, title: &str, lines: Vec<(char, String)>) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}");
    for (marker, line) in lines {
        let _ = writeln!(out, "  {} {line}", t.marker(marker));
    }
}

fn others(t: &Terminal, diff: &Diff, out: &mut String) {
    let r = &diff.risks;
    let mut lines = Vec::new();
    for (marker, list) in [('+', &r.added), ('-', &r.removed)] {
        lines.extend(list.iter().map(|e| {
            let rating = words::exposure(e.probability, e.impact_days, e.exposure_days);
            (
                marker,
                format!("{}  {rating}", words::named(t, &e.id, e.title.as_deref())),
            )
        }));
    }
    lines.extend(r.changed.iter().map(|c| {
        let mut parts = words::risk_edits(t, c);
        if c.exposure.is_some() {
            parts.push(format!("exposure {}", words::exposure_change(c)));
        }
        (
            '~',
            format!(
                "{}  {}",
                words::named(t, &c.id, c.title_now.as_deref()),
                parts.join("; ")
            ),
        )
    }));
    section(t, out, "risks", lines);

    let a = &diff.approvals;
    let mut lines = Vec::new();
    for (marker, list) in [('+', &a.added), ('-', &a.removed)] {
        lines.extend(list.iter().map(|e| {
            let gates = words::ids(t, &e.gates);
            (
                marker,
                format!(
                    "{}  {}, gates {gates}",
                    words::named(t, &e.id, e.title.as_deref()),
                    e.status
                ),
            )
        }));
    }
    lines.extend(a.changed.iter().map(|c| {
        let edits = words::approval_edits(t, c).join("; ");
        (
            '~',
            format!("{}  {edits}", words::named(t, &c.id, c.title_now.as_deref())),
        )
    }));
    section(t, out, "approvals", lines);

    let lines = super::promises::lines(t, &diff.promises)
        .into_iter()
        .map(|(name, edits)| ('~', format!("{name}  {edits}")))
        .collect();
    section(t, out, "promised dates", lines);

    let r = &diff.resources;
    let mut lines = Vec::new();
    for (marker, list) in [('+', &r.added), ('-', &r.removed)] {
        lines.extend(list.iter().map(|e| {
            let capacity = words::capacity(e.kind, e.capacity);
            (
                marker,
                format!(
                    "{}  {}, capacity {capacity}",
                    words::named(t, &e.id, e.title.as_deref()),
                    e.kind
                ),
            )
        }));
    }
    lines.extend(r.changed.iter().map(|c| {
        let edits = words::resource_edits(t, c).join("; ");
        (
            '~',
            format!("{}  {edits}", words::named(t, &c.id, c.title_now.as_deref())),
        )
    }));
    section(t, out, "people and teams", lines);

    let o = &diff.over_allocations;
    let mut lines = Vec::new();
    for (marker, list) in [('+', &o.appeared), ('-', &o.vanished)] {
        lines.extend(list.iter().map(|e| {
            (
                marker,
                format!(
                    "{}  {} – {}, {}% of {}%: {}",
                    e.resource,
                    e.first,
                    e.last,
                    e.load,
                    e.capacity,
                    e.tasks.join(", ")
                ),
            )
        }));
    }
    section(t, out, "over-allocations (+ appeared, - vanished)", lines);
}

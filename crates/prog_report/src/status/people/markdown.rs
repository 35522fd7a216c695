//! The action items and the late and blocked work, in Markdown.

use std::fmt::Write;

use super::late_and_blocked;
use crate::escape::markdown as md;
use crate::status::StatusReport;

pub(in crate::status) fn action_items(r: &StatusReport, out: &mut String) {
    if r.actions.is_empty() {
        return;
    }
    out.push_str("## Action items\n\n| Action | Owner | Due | Affects |\n|---|---|---|---|\n");
    for a in &r.actions {
        let due = match a.due_text() {
            (text, true) => format!("**{text}**"),
            (text, false) => text,
        };
        let affects: Vec<String> = a.affects.iter().map(|id| format!("`{id}`")).collect();
        let critical = if a.critical { " (critical)" } else { "" };
        let _ = writeln!(
            out,
            "| {} | {} | {due} | {}{critical} |",
            md(&r.task_name(&a.id, a.title.as_deref())),
            a.owner
                .as_deref()
                .map_or("⚠ no owner".to_string(), |o| format!("`{o}`")),
            if affects.is_empty() {
                "—".to_string()
            } else {
                affects.join(", ")
            },
        );
    }
    out.push('\n');
}

pub(in crate::status) fn late_and_blocked_section(r: &StatusReport, out: &mut String) {
    if r.status_date.is_none() && r.blocked.is_empty() {
        return;
    }
    out.push_str("## Late and blocked\n\n");
    let rows = late_and_blocked(r);
    if rows.is_empty() {
        out.push_str("Nothing is late or blocked.\n\n");
        return;
    }
    out.push_str("| Task | Owner | Why | Forecast finish | Costs the finish |\n|---|---|---|---|---|\n");
    for row in &rows {
        let why: Vec<String> = row.why().iter().map(|text| md(text)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&row.name),
            row.owner.map_or("⚠ no owner".to_string(), |o| format!("`{o}`")),
            why.join("; "),
            row.forecast_finish,
            row.cost()
        );
    }
    out.push('\n');
}

pub(in crate::status) fn stakeholders_due(r: &StatusReport, out: &mut String) {
    if r.stakeholders_due.is_empty() {
        return;
    }
    out.push_str(
        "## Stakeholders to update

| Stakeholder | Cadence | Send | Contact | What moved |\n|---|---|---|---|---|\n",
    );
    for s in &r.stakeholders_due {
        let cadence = s.cadence_text();
        let moved: Vec<String> = s.reasons.iter().map(|r| md(r)).collect();
        let _ = writeln!(
            out,
            "| {} | {cadence} | {} | {} | {} |",
            md(&r.task_name(&s.id, s.title.as_deref())),
            s.format,
            s.contact.as_deref().map_or("—".to_string(), md),
            if moved.is_empty() {
                "—".to_string()
            } else {
                moved.join("; ")
            }
        );
    }
    out.push('\n');
}

//! The action items and the late and blocked work, in HTML.

use std::fmt::Write;

use super::late_and_blocked;
use crate::escape::html;
use crate::status::StatusReport;

fn owner(owner: Option<&str>) -> String {
    owner.map_or("⚠ no owner".to_string(), |o| {
        format!("<code>{}</code>", html(o))
    })
}

pub(in crate::status) fn action_items(r: &StatusReport, out: &mut String) {
    if r.actions.is_empty() {
        return;
    }
    out.push_str(
        "<h2>Action items</h2><table><tr><th>Action</th><th>Owner</th><th>Due</th><th>Affects</th></tr>",
    );
    for a in &r.actions {
        let due = match a.due_text() {
            (text, true) => format!("<strong>{text}</strong>"),
            (text, false) => text,
        };
        let affects: Vec<String> = a
            .affects
            .iter()
            .map(|id| format!("<code>{}</code>", html(id)))
            .collect();
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{due}</td><td>{}{}</td></tr>",
            html(&r.task_name(&a.id, a.title.as_deref())),
            owner(a.owner.as_deref()),
            if affects.is_empty() {
                "—".to_string()
            } else {
                affects.join(", ")
            },
            if a.critical { " (critical)" } else { "" }
        );
    }
    out.push_str("</table>\n");
}

pub(in crate::status) fn late_and_blocked_section(r: &StatusReport, out: &mut String) {
    if r.status_date.is_none() && r.blocked.is_empty() {
        return;
    }
    out.push_str("<h2>Late and blocked</h2>");
    let rows = late_and_blocked(r);
    if rows.is_empty() {
        out.push_str("<p>Nothing is late or blocked.</p>\n");
        return;
    }
    out.push_str(
        "<table><tr><th>Task</th><th>Owner</th><th>Why</th><th>Forecast finish</th><th>Costs the finish</th></tr>",
    );
    for row in &rows {
        let why: Vec<String> = row.why().iter().map(|text| html(text).to_string()).collect();
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html(&row.name),
            owner(row.owner),
            why.join("; "),
            row.forecast_finish,
            row.cost()
        );
    }
    out.push_str("</table>\n");
}

pub(in crate::status) fn stakeholders_due(r: &StatusReport, out: &mut String) {
    if r.stakeholders_due.is_empty() {
        return;
    }
    out.push_str(
        "<h2>Stakeholders to update</h2><table><tr><th>Stakeholder</th><th>Cadence</th><th>Send</th>\
         <th>Contact</th><th>What moved</th></tr>",
    );
    for s in &r.stakeholders_due {
        let cadence = s.cadence_text();
        let moved: Vec<String> = s.reasons.iter().map(|r| html(r).to_string()).collect();
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{cadence}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html(&r.task_name(&s.id, s.title.as_deref())),
            s.format,
            html(s.contact.as_deref().unwrap_or("—")),
            if moved.is_empty() {
                "—".to_string()
            } else {
                moved.join("; ")
            }
        );
    }
    out.push_str("</table>\n");
}

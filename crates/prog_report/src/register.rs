//! The dependency register: every external the program waits for, who
//! chases it, when it is promised and needed, its slack and what it
//! blocks. Built once for `prog report` and `prog status`, written here
//! for each of their formats (JSON is the model itself).

use std::fmt::Write;

use chrono::NaiveDate;
use prog_plan::{Days, Plan, Schedule, WorkCalendar, external};
use serde::Serialize;

use crate::escape::{html, markdown as md};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExternalRow {
    pub id: String,
    pub title: Option<String>,
    /// The person or team in this program who chases it.
    pub owner: Option<String>,
    /// Who to ask on the other side.
    pub contact: Option<String>,
    /// The date promised, or the first day of the range promised.
    pub expected: Option<NaiveDate>,
    /// The last day of the range promised, when it is a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_until: Option<NaiveDate>,
    pub delivered: Option<NaiveDate>,
    /// `"requested"`, `"committed"`, `"at_risk"` or `"delivered"`.
    pub status: &'static str,
    /// The last day it can arrive without delaying the finish.
    pub needed_by: NaiveDate,
    /// Working days from the date waited for to `needed_by`; negative when
    /// late (the finish moves by that much). `None` without a date.
    pub slack_days: Option<Days>,
    /// On the critical path.
    pub critical: bool,
    /// The ids of what waits for it.
    pub blocks: Vec<String>,
}

impl ExternalRow {
    /// "2027-02-15", "2027-02-15 .. 2027-03-01", or "—".
    pub fn expected_text(&self) -> String {
        match (self.expected, self.expected_until) {
            (Some(first), Some(last)) => format!("{first} .. {last}"),
            (Some(first), None) => first.to_string(),
            _ => "—".to_string(),
        }
    }

    /// "3d", "-2d"; "—" once delivered or without a date.
    pub fn slack_text(&self) -> String {
        match self.slack_days {
            Some(days) if self.delivered.is_none() && self.status != "delivered" => {
                format!("{}d", days.0.days_text())
            }
            _ => "—".to_string(),
        }
    }

    /// Open, and arriving after it is needed.
    pub fn late(&self) -> bool {
        self.status != "delivered" && self.slack_days.is_some_and(|d| d.0.0 < 0)
    }
}

/// The register of `plan`, scheduled as `schedule` on `cal`, in plan order.
pub fn register(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar) -> Vec<ExternalRow> {
    let timings = external::timings(plan, cal);
    plan.externals
        .iter()
        .zip(timings)
        .map(|(e, timing)| {
            let task = plan.task(e.task);
            ExternalRow {
                id: task.id.to_string(),
                title: (*task.title).clone(),
                owner: task.owner.map(|o| plan.resource(o).id.to_string()),
                contact: e.contact.clone(),
                expected: e.expected.map(|r| r.first),
                expected_until: e.expected.filter(|r| r.first != r.last).map(|r| r.last),
                delivered: e.delivered,
                status: e.status.as_str(),
                needed_by: timing.needed_by,
                slack_days: timing.date.map(|_| Days(timing.slack)),
                critical: schedule.tasks.get(e.task.index()).is_some_and(|t| t.critical),
                blocks: external::blocked(plan, e.task)
                    .into_iter()
                    .map(|t| plan.task(t).id.to_string())
                    .collect(),
            }
        })
        .collect()
}

const COLUMNS: [&str; 8] = [
    "External",
    "Owner",
    "Contact",
    "Expected",
    "Needed by",
    "Slack",
    "Status",
    "Blocks",
];

/// The register as a Markdown section; nothing without externals.
pub fn markdown(rows: &[ExternalRow], out: &mut String) {
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "\n## Dependency register\n\n| {} |\n|---|---|---|---|---|--:|---|---|\n",
        COLUMNS.join(" | ")
    );
    let code = |id: &str| format!("`{id}`");
    for r in rows {
        let status = if r.late() {
            format!("**{}, late**", r.status)
        } else {
            r.status.to_string()
        };
        let _ = writeln!(
            out,
            "| {} {} | {} | {} | {} | {} | {} | {} | {} |",
            md(r.title.as_deref().unwrap_or("")),
            code(&r.id),
            r.owner.as_deref().map_or("—".to_string(), code),
            md(r.contact.as_deref().unwrap_or("—")),
            delivered_or_expected(r),
            r.needed_by,
            r.slack_text(),
            status,
            blocks(&r.blocks, code)
        );
    }
    out.push('\n');
}

/// The register as an HTML section; nothing without externals.
pub fn html_section(rows: &[ExternalRow], out: &mut String) {
    if rows.is_empty() {
        return;
    }
    out.push_str("<section id=\"dependency-register\"><h2>Dependency register</h2><table><thead><tr>");
    for c in COLUMNS {
        let _ = write!(out, "<th>{c}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    let code = |id: &str| format!("<code>{}</code>", html(id));
    for r in rows {
        let class = match (r.late(), r.status) {
            (true, _) | (_, "at_risk") => "bad",
            (_, "delivered") => "ok",
            _ => "",
        };
        let _ = write!(
            out,
            "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>\
             <td class=\"{class}\">{}</td><td>{}</td></tr>",
            html(r.title.as_deref().unwrap_or("")),
            code(&r.id),
            r.owner.as_deref().map_or("—".to_string(), code),
            html(r.contact.as_deref().unwrap_or("—")),
            delivered_or_expected(r),
            r.needed_by,
            r.slack_text(),
            r.status,
            blocks(&r.blocks, code)
        );
    }
    out.push_str("</tbody></table></section>\n");
}

/// "delivered 2027-02-12", else the promise.
fn delivered_or_expected(r: &ExternalRow) -> String {
    match r.delivered {
        Some(date) => format!("delivered {date}"),
        None => r.expected_text(),
    }
}

/// The ids of what waits, each written by `code`; "—" for nothing.
fn blocks(ids: &[String], code: impl Fn(&str) -> String) -> String {
    if ids.is_empty() {
        return "—".to_string();
    }
    ids.iter().map(|id| code(id)).collect::<Vec<_>>().join(", ")
}

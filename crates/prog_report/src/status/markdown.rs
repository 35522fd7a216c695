//! The status report as Markdown: for a wiki page, an e-mail or a pull
//! request.

use std::fmt::Write;

use super::{Level, SinceBaseline, StatusReport, signed_working_days};
use crate::escape::markdown as md;

pub fn write(report: &StatusReport) -> String {
    let mut out = String::new();
    heading(report, &mut out);
    summary(report, &mut out);
    ratings(report, &mut out);
    if report.summary_only() {
        return out;
    }
    dates(report, &mut out);
    since(report, &mut out);
    milestones(report, &mut out);
    top_risks(report, &mut out);
    decisions(report, &mut out);
    crate::register::markdown(&report.externals, &mut out);
    super::people::markdown::action_items(report, &mut out);
    super::people::markdown::late_and_blocked_section(report, &mut out);
    super::people::markdown::stakeholders_due(report, &mut out);
    workstreams(report, &mut out);
    since_baseline(report, &mut out);
    earned_value(report, &mut out);
    trend(report, &mut out);
    next(report, &mut out);
    critical_path(report, &mut out);
    out
}

/// A coloured mark and the level, readable without colour too.
pub(crate) fn badge(level: Level) -> &'static str {
    match level {
        Level::Green => "🟢 green",
        Level::Amber => "🟠 amber",
        Level::Red => "🔴 red",
    }
}

fn heading(r: &StatusReport, out: &mut String) {
    let name = r
        .plan
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&r.plan.id);
    let _ = writeln!(out, "# Status: {}", md(name));
    out.push('\n');
    match r.status_date {
        Some(date) => {
            let _ = writeln!(out, "Status date {date}.");
        }
        None => out.push_str("The program has no `status_date`: progress is not measured.\n"),
    }
    let _ = writeln!(
        out,
        "\n**Overall: {}.** {}\n",
        badge(r.rag.overall.level),
        md(&r.rag.overall.reason)
    );
}

fn summary(r: &StatusReport, out: &mut String) {
    if r.summary.is_empty() {
        return;
    }
    let text: Vec<String> = r.summary.iter().map(|s| md(s).to_string()).collect();
    let _ = writeln!(out, "## Summary\n\n{}\n", text.join(" "));
}

fn since(r: &StatusReport, out: &mut String) {
    let Some(s) = &r.since else { return };
    let _ = writeln!(out, "## Since {}\n\n{}\n", md(&s.rev), md(&s.finish_sentence()));
    let amount = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| r.amount(v));
    out.push_str("| | before | after |\n|---|---|---|\n");
    let _ = writeln!(
        out,
        "| SPI | {} | {} |",
        crate::amount::index(s.spi.from),
        crate::amount::index(s.spi.to)
    );
    let _ = writeln!(
        out,
        "| CPI | {} | {} |",
        crate::amount::index(s.cpi.from),
        crate::amount::index(s.cpi.to)
    );
    let _ = writeln!(
        out,
        "| EAC | {} | {} |\n",
        md(&amount(s.eac.from)),
        md(&amount(s.eac.to))
    );
    if !s.milestones.is_empty() {
        out.push_str("| Milestone | Before | After | Moved |\n|---|---|---|---|\n");
        for m in &s.milestones {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                m.id,
                m.from,
                m.to,
                signed_working_days(m.moved_days)
            );
        }
        out.push('\n');
    }
    for (what, list) in [
        ("Finished", &s.finished),
        ("Started", &s.started),
        ("Slipped", &s.slipped),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "{what}: {}.\n", ids(list));
        }
    }
    for (what, list) in [("Risks", &s.risks), ("Approvals", &s.approvals)] {
        if !list.is_empty() {
            let items: Vec<String> = list.iter().map(|(id, how)| format!("`{id}` {how}")).collect();
            let _ = writeln!(out, "{what}: {}.\n", items.join(", "));
        }
    }
}

fn trend(r: &StatusReport, out: &mut String) {
    if r.trend.is_empty() {
        return;
    }
    out.push_str("## Trend\n\n| Commit | Status date | EV | PV | AC | SPI | CPI | SPI(t) | Forecast finish |\n|---|---|---|---|---|---|---|---|---|\n");
    for row in r.trend_rows() {
        let cells: Vec<String> = row.iter().map(|c| md(c).to_string()).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

fn top_risks(r: &StatusReport, out: &mut String) {
    if r.top_risks.is_empty() {
        return;
    }
    out.push_str("## Top risks\n\n| Risk | Owner | Mitigation | Exposure | Adds to the finish | Since last week |\n|---|---|---|---|---|---|\n");
    for t in &r.top_risks {
        let owner = t
            .owner
            .as_deref()
            .map_or("⚠ no owner".to_string(), |o| format!("`{o}`"));
        let mitigation = t
            .mitigation
            .as_deref()
            .filter(|_| !t.unmitigated)
            .map_or("⚠ no mitigation".to_string(), |m| md(m).to_string());
        let _ = writeln!(
            out,
            "| {} | {owner} | {mitigation} | {} | {} | {} |",
            md(&r.task_name(&t.id, t.title.as_deref())),
            super::risk_days(t.exposure_days),
            t.adds_days.map_or("—".to_string(), super::risk_days),
            t.trend.unwrap_or("—"),
        );
    }
    out.push('\n');
}

fn decisions(r: &StatusReport, out: &mut String) {
    if r.decisions.is_empty() {
        return;
    }
    out.push_str(
        "## Decisions needed\n\n| Approval | Status | Approvers | Due | Gates |\n|---|---|---|---|---|\n",
    );
    for d in &r.decisions {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&r.task_name(&d.id, d.title.as_deref())),
            d.status,
            ids(&d.approvers),
            d.due.map_or("—".to_string(), |d| d.to_string()),
            ids(&d.gates)
        );
    }
    out.push('\n');
}

fn workstreams(r: &StatusReport, out: &mut String) {
    if r.workstreams.is_empty() || r.status_date.is_none() {
        return;
    }
    out.push_str("## Workstreams\n\n| Workstream | Rating | SPI | CPI |\n|---|---|---|---|\n");
    for w in &r.workstreams {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&r.task_name(&w.id, w.title.as_deref())),
            badge(w.level),
            crate::amount::index(w.spi),
            crate::amount::index(w.cpi)
        );
    }
    out.push('\n');
}

fn ratings(r: &StatusReport, out: &mut String) {
    out.push_str("| Area | Rating | Why |\n|---|---|---|\n");
    for (name, rating) in r.rag.areas() {
        let _ = writeln!(
            out,
            "| {name} | {} | {} |",
            badge(rating.level),
            reason(&rating.reason)
        );
    }
    out.push('\n');
}

/// A reason, whose ids are written as code spans: kept as they are, the
/// rest escaped. A "code span" that is not an id came from user text (a
/// currency with backticks): it is escaped with its backticks.
pub(crate) fn reason(text: &str) -> String {
    let is_id = |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    text.split('`')
        .enumerate()
        .map(|(i, part)| match i % 2 {
            1 if is_id(part) => format!("`{part}`"),
            1 => md(&format!("`{part}`")),
            _ => md(part),
        })
        .collect()
}

fn dates(r: &StatusReport, out: &mut String) {
    let p = &r.plan;
    out.push_str("## Finish\n\n| Planned | Forecast | Variance | P80 |\n|---|---|---|---|\n");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n",
        p.planned_finish,
        p.forecast_finish,
        signed_working_days(p.finish_variance_days),
        p.p80_finish.map_or("—".to_string(), |d| d.to_string())
    );
}

fn since_baseline(r: &StatusReport, out: &mut String) {
    if let Some(b) = &r.since_baseline {
        since_baseline_section(b, r.plan.forecast_finish, out);
    }
}

/// What moved since the baseline, to a finish forecast on `forecast_finish`.
pub(crate) fn since_baseline_section(
    b: &SinceBaseline,
    forecast_finish: chrono::NaiveDate,
    out: &mut String,
) {
    let name = b
        .name
        .as_deref()
        .map_or(String::new(), |n| format!(" \"{}\"", md(n)));
    let _ = writeln!(
        out,
        "## Since the baseline\n\nBaseline{name} of {}: finish {} → {} ({}).\n",
        b.created,
        b.baseline_finish,
        forecast_finish,
        signed_working_days(b.finish_variance_days)
    );
    if !b.milestones_moved.is_empty() {
        out.push_str("| Milestone | Baseline | Forecast | Moved |\n|---|---|---|---|\n");
        for m in &b.milestones_moved {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                m.id,
                m.baseline,
                m.forecast,
                signed_working_days(m.variance_days)
            );
        }
        out.push('\n');
    }
    for (what, ids) in [("Added", &b.added), ("Removed", &b.removed)] {
        if !ids.is_empty() {
            let _ = writeln!(out, "{what} since the baseline: {}.\n", self::ids(ids));
        }
    }
}

fn earned_value(r: &StatusReport, out: &mut String) {
    let p = &r.program;
    if p.bac.is_none() {
        return;
    }
    let unit = if r.unit == "money" {
        "money"
    } else {
        "person-days of planned work"
    };
    let _ = writeln!(out, "## Earned value\n\nIn {unit}.\n");
    out.push_str("| Figure | Value | |\n|---|---|---|\n");
    for (name, value, meaning) in r.figure_rows() {
        let _ = writeln!(out, "| {name} | {} | {meaning} |", md(&value));
    }
    if !p.missing_actuals.is_empty() {
        let _ = writeln!(
            out,
            "\nCPI is unavailable: no `actual_cost` or `actual_effort` on {}.",
            ids(&p.missing_actuals)
        );
    }
    if !p.unbudgeted.is_empty() {
        out.push_str("\nUnbudgeted scope (not in the baseline, in none of the figures above until an approved rebaseline):\n\n| Task | Estimate | Spent |\n|---|---|---|\n");
        for u in &p.unbudgeted {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(&r.task_name(&u.id, u.title.as_deref())),
                md(&r.amount(u.estimate)),
                u.ac.map_or("—".to_string(), |ac| md(&r.amount(ac)))
            );
        }
    }
    out.push('\n');
}

fn milestones(r: &StatusReport, out: &mut String) {
    if r.milestones.is_empty() {
        return;
    }
    out.push_str("## Milestones\n\n| Milestone | Baseline | Planned | Forecast | P80 | Deadline | Chance of meeting it | Owner | Moved since last week |\n|---|---|---|---|---|---|---|---|---|\n");
    for m in &r.milestones {
        let name = md(&r.task_name(&m.id, m.title.as_deref()));
        let forecast = if m.done {
            format!("{} (done)", m.forecast)
        } else {
            m.forecast.to_string()
        };
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {forecast} | {} | {} | {} | {} | {} |",
            m.baseline.map_or("—".to_string(), |d| d.to_string()),
            m.planned,
            m.p80.map_or("—".to_string(), |d| d.to_string()),
            m.deadline.map_or("—".to_string(), |d| d.to_string()),
            m.p_meet_deadline
                .map_or("—".to_string(), |p| format!("{:.0}%", p * 100.0)),
            m.owner.as_deref().map_or("—".to_string(), |o| format!("`{o}`")),
            m.moved_since_days.map_or("—".to_string(), signed_working_days),
        );
    }
    out.push('\n');
}

fn next(r: &StatusReport, out: &mut String) {
    out.push_str("## Next two weeks\n\n");
    if r.next.is_empty() {
        out.push_str("Nothing starts or finishes.\n\n");
        return;
    }
    out.push_str("| Date | Task | |\n|---|---|---|\n");
    for e in &r.next {
        let critical = if e.critical { " (critical)" } else { "" };
        let _ = writeln!(
            out,
            "| {} | {} | {}{critical} |",
            e.date,
            md(&r.task_name(&e.id, e.title.as_deref())),
            e.event
        );
    }
    out.push('\n');
}

fn critical_path(r: &StatusReport, out: &mut String) {
    if r.critical_path.is_empty() {
        return;
    }
    let from = r.status_date.map_or(String::new(), |d| format!(" from {d}"));
    let _ = writeln!(out, "## Critical path{from}\n\n{}", ids_arrow(&r.critical_path));
}

fn ids(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn ids_arrow(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(" → ")
}

//! The report as Markdown: the HTML report's content as tables, with a
//! Mermaid gantt block, for wikis and pull requests.

use std::fmt::Write;

use crate::escape::markdown as md;
use crate::status::StatusReport;
use crate::{HeatCell, Report, mermaid};

pub fn write(report: &Report) -> String {
    let mut out = String::new();
    summary(report, &mut out);
    health(report, &mut out);
    problems(report, &mut out);
    schedule(report, &mut out);
    critical_path(report, &mut out);
    load(report, &mut out);
    risks(report, &mut out);
    forecast(report, &mut out);
    approvals(report, &mut out);
    crate::raci::markdown::section(&report.raci, &mut out);
    crate::register::markdown(&report.externals, &mut out);
    dependencies(report, &mut out);
    burndown(report, &mut out);
    out
}

/// The title and the table of the program's figures.
fn summary(report: &Report, out: &mut String) {
    let p = &report.program;
    let s = &report.summary;
    let _ = write!(out, "# {}\n\n", md(p.name()));
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| program | `{}` |", p.id);
    let _ = writeln!(out, "| start | {} |", p.start);
    let _ = writeln!(out, "| finish | {} |", p.finish);
    let _ = writeln!(
        out,
        "| duration | {} |",
        crate::report::model::working_days(p.duration_days)
    );
    // Ids and dates only: nothing to escape.
    let _ = writeln!(out, "| critical path | {} |", report.critical_path_text());
    if let Some(date) = p.status_date {
        let _ = writeln!(out, "| status date | {date} |");
    }
    let _ = writeln!(out, "| problems | {} |", s.problems_text());
}

/// What needs attention, and the status ratings when there is a status date.
fn health(report: &Report, out: &mut String) {
    out.push_str("\n## Health\n\n");
    let h = &report.summary.health;
    for (what, ids) in h.lines() {
        let _ = write!(out, "- {} {what}", ids.len());
        if !ids.is_empty() {
            let _ = write!(out, ": {}", code_list(ids));
        }
        out.push('\n');
    }
    if let Some(status) = &report.status {
        status_ratings(status, out);
    }
    if let Some(b) = &report.since_baseline {
        out.push('\n');
        crate::status::markdown::since_baseline_section(b, report.program.finish, out);
    }
}

/// The diagnostics, when there are any.
fn problems(report: &Report, out: &mut String) {
    if !report.problems.is_empty() {
        out.push_str("\n## Problems\n\n| severity | code | where | message |\n|---|---|---|---|\n");
        for p in &report.problems {
            let _ = writeln!(
                out,
                "| {} | {} | {}:{}:{} | {} |",
                p.severity,
                p.code,
                md(&p.file),
                p.line,
                p.column,
                md(&p.message)
            );
        }
    }
}

/// The Gantt chart (Mermaid) and every task's dates.
fn schedule(report: &Report, out: &mut String) {
    out.push_str("\n## Schedule\n\n```mermaid\n");
    out.push_str(&mermaid::write(report));
    out.push_str("```\n\n| task | title | group | owner | start | finish | float | critical | done |\n");
    out.push_str("|---|---|---|---|---|---|--:|---|--:|\n");
    for t in &report.tasks {
        let _ = writeln!(
            out,
            "| {}`{}` | {} | {} | {} | {} | {} | {}d | {} | {}% |",
            "· ".repeat(t.depth),
            t.id(),
            md(t.title.as_deref().unwrap_or("")),
            t.group.as_deref().unwrap_or(""),
            t.owner.as_deref().unwrap_or(""),
            t.schedule.start,
            t.schedule.finish,
            t.schedule.total_float.0.days_text(),
            if t.schedule.critical { "**critical**" } else { "" },
            t.percent_done
        );
    }
}

/// The critical path, first to last.
fn critical_path(report: &Report, out: &mut String) {
    out.push_str("\n## Critical path\n\n");
    for (n, t) in report.critical_tasks().enumerate() {
        let _ = writeln!(
            out,
            "{}. `{}` {}: {} to {}",
            n + 1,
            t.id(),
            md(t.title.as_deref().unwrap_or("")),
            t.schedule.start,
            t.schedule.finish
        );
    }
}

/// The finish forecast, when the plan has anything uncertain: how it was
/// made and its percentiles (the HTML report draws the S-curve too).
fn forecast(report: &Report, out: &mut String) {
    let Some(forecast) = &report.forecast else {
        return;
    };
    let f = &forecast.finish;
    let _ = write!(
        out,
        "\n## Forecast\n\nThe plan scheduled {} times over (seed {}) with durations drawn from the \
         estimates ({}) and risks firing at their probability. Planned finish {} (working day {}); mean \
         working day {:.1}.\n\n| | working day | date |\n|---|--:|---|\n",
        forecast.iterations,
        forecast.seed,
        forecast.distribution,
        report.program.finish,
        report.program.duration_days.0.days_text(),
        f.mean_days
    );
    for (name, point) in [("P50", &f.p50), ("P80", &f.p80), ("P95", &f.p95)] {
        let _ = writeln!(out, "| {name} | {} | {} |", point.days, point.date);
    }
}

/// Every approval, what it gates and when.
fn approvals(report: &Report, out: &mut String) {
    out.push_str("\n## Approvals\n\n| approval | gate | approvers | status | milestone date |\n|---|---|---|---|---|\n");
    for a in &report.approvals {
        let gates: Vec<String> = a
            .gates
            .iter()
            .map(|g| format!("`{}`{}", g.milestone, if g.critical { " (critical)" } else { "" }))
            .collect();
        let dates: Vec<String> = a.gates.iter().map(|g| g.date.to_string()).collect();
        let _ = writeln!(
            out,
            "| {} `{}` | {} | {} | {} | {} |",
            md(a.title.as_deref().unwrap_or("")),
            a.id,
            gates.join(", "),
            code_list(&a.approvers),
            a.status,
            dates.join(", ")
        );
    }
}

/// Every dependency, critical ones marked.
fn dependencies(report: &Report, out: &mut String) {
    out.push_str("\n## Dependencies\n\n| from | to | kind | lag | critical |\n|---|---|---|--:|---|\n");
    for d in &report.dependencies {
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {}d | {} |",
            d.from,
            d.to,
            d.kind,
            d.lag_days.0.days_text(),
            if d.critical { "**critical**" } else { "" }
        );
    }
}

fn code_list(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn load(report: &Report, out: &mut String) {
    let per = report.load.weeks_per_column;
    let _ = write!(
        out,
        "\n## Resource load\n\nAssigned load as a share of capacity, {}; \
         **bold**: above capacity on at least one day.\n\n| resource |",
        if per <= 1 {
            "per week (Monday's date)".to_string()
        } else {
            crate::weeks::per_column(per)
        }
    );
    for week in &report.load.weeks {
        let _ = write!(out, " {} |", week.format("%m-%d"));
    }
    out.push_str("\n|---|");
    out.push_str(&"--:|".repeat(report.load.weeks.len()));
    out.push('\n');
    for r in &report.load.resources {
        let _ = write!(out, "| `{}` ({}) |", r.id, r.kind);
        for w in &r.weeks {
            let cell = match w.utilisation() {
                Some(u) if w.load > 0.0 => format!("{u:.0}%"),
                None if w.load > 0.0 => "no capacity".to_string(),
                _ => String::new(),
            };
            if w.over() {
                let _ = write!(out, " **{cell} · {}d over** |", w.over_days);
            } else {
                let _ = write!(out, " {cell} |");
            }
        }
        out.push('\n');
    }
}

fn risks(report: &Report, out: &mut String) {
    out.push_str(
        "\n## Risks\n\nExposure = probability × impact, in working days.\n\n| probability ╲ impact |",
    );
    for band in HeatCell::IMPACT_BANDS {
        let _ = write!(out, " {band} |");
    }
    out.push_str("\n|---|---|---|---|---|---|\n");
    for probability in (0..5).rev() {
        let _ = write!(out, "| {} |", HeatCell::PROBABILITY_BANDS[probability]);
        for impact in 0..5 {
            let cell = HeatCell { probability, impact };
            let ids: Vec<String> = report.risks_in(cell).map(|id| format!("`{id}`")).collect();
            let _ = write!(out, " {} {} |", cell.level(), ids.join(" "));
        }
        out.push('\n');
    }
    out.push_str(
        "\n| risk | title | probability | impact | exposure | level | affects | owner | mitigation |\n\
         |---|---|--:|--:|--:|---|---|---|---|\n",
    );
    for r in &report.risks {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.id,
            md(r.title.as_deref().unwrap_or("")),
            r.probability.map(|p| format!("{p}%")).unwrap_or_default(),
            r.impact_days
                .map(|d| format!("{}d", d.0.days_text()))
                .unwrap_or_default(),
            r.exposure_days.map(|e| format!("{e:.1}d")).unwrap_or_default(),
            r.level,
            code_list(&r.affects),
            r.owner.as_deref().map(|o| format!("`{o}`")).unwrap_or_default(),
            md(r.mitigation.as_deref().unwrap_or(""))
        );
    }
}

/// The ratings and key earned-value figures at the status date.
fn status_ratings(status: &StatusReport, out: &mut String) {
    use crate::status::markdown::{badge, reason};
    let _ = write!(
        out,
        "\n## Status\n\n**{}.** {}\n\n| area | rating | why |\n|---|---|---|\n",
        badge(status.rag.overall.level),
        reason(&status.rag.overall.reason)
    );
    for (area, rating) in status.rag.areas() {
        let _ = writeln!(
            out,
            "| {area} | {} | {} |",
            badge(rating.level),
            reason(&rating.reason)
        );
    }
    let figures = status.key_figures();
    let row = |cell: &dyn Fn(&(&str, String)) -> String| -> String {
        figures.iter().map(|f| format!(" {} |", cell(f))).collect()
    };
    let _ = writeln!(
        out,
        "\n|{}\n|{}\n|{}",
        row(&|(name, _)| name.to_string()),
        row(&|_| "--:".to_string()),
        row(&|(_, value)| md(value))
    );
    if let Some(line) = status.unbudgeted_line() {
        let _ = writeln!(out, "\n{}", md(&line));
    }
}

fn burndown(report: &Report, out: &mut String) {
    let Some(burn) = &report.burndown else {
        return;
    };
    let unit = if burn.unit == "money" {
        "money"
    } else {
        "person-days of planned work"
    };
    let _ = write!(
        out,
        "\n## Burndown\n\nRemaining value, in {unit}.\n\n{}.\n\n",
        md(&burn.status(report.status.as_ref().and_then(|s| s.currency.as_deref())))
    );
    out.push_str("| week | planned remaining |\n|---|--:|\n");
    for (week, left) in report.load.weeks.iter().zip(&burn.planned_remaining) {
        let currency = report.status.as_ref().and_then(|s| s.currency.as_deref());
        let _ = writeln!(
            out,
            "| {week} | {} |",
            md(&crate::amount::amount(burn.unit, currency, *left))
        );
    }
}

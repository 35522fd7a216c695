//! The portfolio as Markdown: a table of programs, then the shared people
//! and teams with their over-allocations.

use std::fmt::Write;

use prog_report::escape::markdown as md;

use crate::{Portfolio, ProgramRow, SharedResource};

pub fn write(p: &Portfolio) -> String {
    let mut out = String::from("# Portfolio\n\n");
    programs(p, &mut out);
    failures(p, &mut out);
    dependencies(p, &mut out);
    shared(p, &mut out);
    out
}

/// The programs waiting for other programs' milestones: a graph, then
/// the figures.
fn dependencies(p: &Portfolio, out: &mut String) {
    out.push_str("\n## Dependencies between programs\n\n");
    if p.dependencies.is_empty() {
        out.push_str("No program waits for another program's milestone.\n");
        return;
    }
    out.push_str(&crate::dependency_graph::mermaid_chart(p));
    out.push_str(
        "\n| Program | Waits for | Of | Milestone | Expected | Needed by | Slack |\n|---|---|---|---|---|---|---|\n",
    );
    for d in &p.dependencies {
        let _ = writeln!(
            out,
            // Programs by name, as in the table above and the graph; the
            // external and the milestone by id (ids' characters only, safe
            // in a code span), as the plans write them.
            "| {} | `{}` | {} | `{}` | {} | {} | {} |",
            md(p.program_name(&d.waiting)),
            d.external,
            md(p.program_name(&d.on)),
            d.milestone,
            d.expected.map_or("—".to_string(), |e| e.to_string()),
            d.needed_by,
            d.slack_text()
        );
    }
}

/// The EAC in its unit: money with the currency, or person-days.
pub(crate) fn eac(row: &ProgramRow) -> String {
    match (row.eac, row.unit) {
        (Some(eac), Some(unit)) => prog_report::amount::amount(unit, row.currency.as_deref(), eac),
        _ => "—".to_string(),
    }
}

fn programs(p: &Portfolio, out: &mut String) {
    out.push_str(
        "| Program | Rating | Why | Planned finish | Forecast finish | SPI | CPI | EAC | Milestones at risk |\n\
         |---|---|---|---|---|--:|--:|--:|---|\n",
    );
    for row in &p.programs {
        let date = |d: Option<chrono::NaiveDate>| d.map_or("—".to_string(), |d| d.to_string());
        let at_risk: Vec<String> = row.milestones_at_risk.iter().map(|m| format!("`{m}`")).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md(row.name()),
            row.rating.unwrap_or("**not analysed**"),
            md(row.rating_reason.as_deref().unwrap_or("—")),
            date(row.planned_finish),
            date(row.forecast_finish),
            prog_report::amount::index(row.spi),
            prog_report::amount::index(row.cpi),
            md(&eac(row)),
            at_risk.join(", ")
        );
    }
}

fn failures(p: &Portfolio, out: &mut String) {
    for row in p.programs.iter().filter(|r| !r.errors.is_empty()) {
        let _ = writeln!(out, "\n## {} has errors\n", md(row.name()));
        for error in &row.errors {
            let _ = writeln!(out, "- {}", md(error));
        }
    }
}

fn shared(p: &Portfolio, out: &mut String) {
    out.push_str("\n## Shared people and teams\n\n");
    if p.shared.is_empty() {
        out.push_str("No person or team is in more than one program.\n");
        return;
    }
    out.push_str("| Resource | Shared by | Programs | Peak load | Over-allocated |\n|---|---|---|--:|---|\n");
    for s in &p.shared {
        let _ = writeln!(
            out,
            "| `{}` ({}) | {} | {} | {}% | {} |",
            s.id,
            s.kind,
            md(&s.shared_by),
            s.programs
                .iter()
                .map(|id| md(p.program_name(id)))
                .collect::<Vec<_>>()
                .join(", "),
            s.peak_load,
            periods(p, s)
        );
    }
}

/// Each over-allocated period, or "no".
fn periods(p: &Portfolio, s: &SharedResource) -> String {
    if s.over_allocated.is_empty() {
        return "no".to_string();
    }
    let texts: Vec<String> = s
        .over_allocated
        .iter()
        .map(|o| o.text(|id| md(p.program_name(id))))
        .collect();
    texts.join("<br>")
}

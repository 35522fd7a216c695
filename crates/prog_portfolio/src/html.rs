//! The portfolio as one self-contained HTML page.

use std::fmt::Write;

use prog_report::amount::index;
use prog_report::escape::html;
use prog_report::page::{self, Family};

use crate::Portfolio;

pub fn write(p: &Portfolio) -> String {
    let mut out = String::new();
    page::start(&mut out, Family::Portfolio, "Programs");
    out.push_str("<h1>Portfolio</h1>\n");
    out.push_str(
        "<table><tr><th>Program</th><th>Rating</th><th>Why</th><th>Planned finish</th><th>Forecast finish</th>\
         <th>SPI</th><th>CPI</th><th>EAC</th><th>Milestones at risk</th></tr>",
    );
    let date = |d: Option<chrono::NaiveDate>| d.map_or("—".to_string(), |d| d.to_string());
    for row in &p.programs {
        let rating = row.rating.unwrap_or("not analysed");
        let at_risk: Vec<String> = row
            .milestones_at_risk
            .iter()
            .map(|m| format!("<code>{}</code>", html(m)))
            .collect();
        let _ = write!(
            out,
            "<tr><td>{}</td><td><span class=\"rag {rating}\">{rating}</span></td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            html(row.name()),
            html(row.rating_reason.as_deref().unwrap_or("—")),
            date(row.planned_finish),
            date(row.forecast_finish),
            index(row.spi),
            index(row.cpi),
            html(&crate::markdown::eac(row)),
            at_risk.join(", ")
        );
    }
    out.push_str("</table>\n");
    for row in p.programs.iter().filter(|r| !r.errors.is_empty()) {
        let _ = write!(out, "<h2>{} has errors</h2><ul>", html(row.name()));
        for error in &row.errors {
            let _ = write!(out, "<li>{}</li>", html(error));
        }
        out.push_str("</ul>\n");
    }
    dependencies(p, &mut out);
    out.push_str("<h2>Shared people and teams</h2>");
    if p.shared.is_empty() {
        out.push_str("<p>No person or team is in more than one program.</p>");
    } else {
        out.push_str(
            "<table><tr><th>Resource</th><th>Shared by</th><th>Programs</th><th>Peak load</th>\
             <th>Over-allocated</th></tr>",
        );
        for s in &p.shared {
            let periods: Vec<String> = s
                .over_allocated
                .iter()
                .map(|o| o.text(|id| html(p.program_name(id)).to_string()))
                .collect();
            let _ = write!(
                out,
                "<tr><td><code>{}</code> ({})</td><td>{}</td><td>{}</td><td class=\"num\">{}%</td><td class=\"{}\">{}</td></tr>",
                html(&s.id),
                s.kind,
                html(&s.shared_by),
                html(
                    &s.programs
                        .iter()
                        .map(|id| p.program_name(id))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                s.peak_load,
                if periods.is_empty() { "" } else { "red" },
                if periods.is_empty() {
                    "no".to_string()
                } else {
                    periods.join("<br>")
                }
            );
        }
        out.push_str("</table>");
    }
    out.push('\n');
    page::end(&mut out);
    out
}

/// The programs waiting for other programs' milestones: a graph, then
/// the figures.
fn dependencies(p: &Portfolio, out: &mut String) {
    out.push_str("<h2>Dependencies between programs</h2>");
    if p.dependencies.is_empty() {
        out.push_str("<p>No program waits for another program's milestone.</p>\n");
        return;
    }
    out.push_str(&crate::dependency_graph::svg(p));
    out.push_str(
        "<table><tr><th>Program</th><th>Waits for</th><th>Of</th><th>Milestone</th><th>Expected</th>\
         <th>Needed by</th><th>Slack</th></tr>",
    );
    for d in &p.dependencies {
        let _ = write!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td><code>{}</code></td><td>{}</td>\
             <td>{}</td><td class=\"{}\">{}</td></tr>",
            html(p.program_name(&d.waiting)),
            html(&d.external),
            html(p.program_name(&d.on)),
            html(&d.milestone),
            d.expected.map_or("—".to_string(), |e| e.to_string()),
            d.needed_by,
            if d.is_late() { "red" } else { "" },
            d.slack_text()
        );
    }
    out.push_str("</table>\n");
}

//! The status report as one self-contained HTML page: inline CSS, no script,
//! nothing fetched.

use std::fmt::Write;

use super::signed_working_days;
use super::{Level, SinceBaseline, StatusReport};
use crate::escape::html;
use crate::page::{self, Family};

pub fn write(r: &StatusReport) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let name = r
        .plan
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&r.plan.id);
    page::start(&mut out, Family::Status, name);
    let date = r
        .status_date
        .map_or("no status date: progress is not measured".to_string(), |d| {
            format!("status date {d}")
        });
    let _ = writeln!(
        out,
        "<header><h1>Status: {}</h1><p class=\"sub\"><code>{}</code>, {date}</p></header>",
        html(name),
        html(&r.plan.id)
    );
    let _ = writeln!(
        out,
        "<p class=\"overall\">{} {}</p>",
        badge(r.rag.overall.level),
        reason(&r.rag.overall.reason)
    );
    if !r.summary.is_empty() {
        let text: Vec<String> = r.summary.iter().map(|s| reason(s)).collect();
        let _ = writeln!(out, "<h2>Summary</h2><p>{}</p>", text.join(" "));
    }
    out.push_str("<table><tr><th>Area</th><th>Rating</th><th>Why</th></tr>");
    for (area, rating) in r.rag.areas() {
        let _ = write!(
            out,
            "<tr><td>{area}</td><td>{}</td><td>{}</td></tr>",
            badge(rating.level),
            reason(&rating.reason)
        );
    }
    out.push_str("</table>\n");
    if r.summary_only() {
        out.push_str("</body>\n</html>\n");
        return out;
    }

    let p = &r.plan;
    let _ = writeln!(
        out,
        "<h2>Finish</h2><table><tr><th>Planned</th><th>Forecast</th><th>Variance</th><th>P80</th></tr>\
         <tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr></table>",
        p.planned_finish,
        p.forecast_finish,
        signed_working_days(p.finish_variance_days),
        p.p80_finish.map_or("—".to_string(), |d| d.to_string())
    );
    since(r, &mut out);
    milestones(r, &mut out);
    top_risks(r, &mut out);
    decisions(r, &mut out);
    crate::register::html_section(&r.externals, &mut out);
    super::people::html::action_items(r, &mut out);
    super::people::html::late_and_blocked_section(r, &mut out);
    super::people::html::stakeholders_due(r, &mut out);
    workstreams(r, &mut out);
    since_baseline(r, &mut out);
    earned_value(r, &mut out);
    trend(r, &mut out);
    next(r, &mut out);
    if !r.critical_path.is_empty() {
        let path: Vec<String> = r
            .critical_path
            .iter()
            .map(|id| format!("<code>{}</code>", html(id)))
            .collect();
        let _ = writeln!(out, "<h2>Critical path</h2><p>{}</p>", path.join(" → "));
    }
    page::end(&mut out);
    out
}

pub(crate) fn badge(level: Level) -> String {
    let name = level.as_str();
    format!("<span class=\"rag {name}\">{name}</span>")
}

/// A reason, escaped, with its `ids` as code.
pub(crate) fn reason(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", html(part))
            } else {
                html(part).to_string()
            }
        })
        .collect()
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
        .map_or(String::new(), |n| format!(" “{}”", html(n)));
    let _ = writeln!(
        out,
        "<h2>Since the baseline</h2><p>Baseline{name} of {}: finish {} → {} ({}).</p>",
        b.created,
        b.baseline_finish,
        forecast_finish,
        signed_working_days(b.finish_variance_days)
    );
    if !b.milestones_moved.is_empty() {
        out.push_str("<table><tr><th>Milestone</th><th>Baseline</th><th>Forecast</th><th>Moved</th></tr>");
        for m in &b.milestones_moved {
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                html(&m.id),
                m.baseline,
                m.forecast,
                signed_working_days(m.variance_days)
            );
        }
        out.push_str("</table>\n");
    }
    for (what, ids) in [("Added", &b.added), ("Removed", &b.removed)] {
        if !ids.is_empty() {
            let ids: Vec<String> = ids
                .iter()
                .map(|id| format!("<code>{}</code>", html(id)))
                .collect();
            let _ = writeln!(out, "<p>{what} since the baseline: {}.</p>", ids.join(", "));
        }
    }
}

fn earned_value(r: &StatusReport, out: &mut String) {
    let p = &r.program;
    if p.bac.is_none() {
        return;
    }
    out.push_str("<h2>Earned value</h2><table><tr><th>Figure</th><th>Value</th><th></th></tr>");
    for (name, value, meaning) in r.figure_rows() {
        let _ = write!(
            out,
            "<tr><td>{name}</td><td class=\"num\">{}</td><td>{meaning}</td></tr>",
            html(&value)
        );
    }
    out.push_str("</table>\n");
    if !p.missing_actuals.is_empty() {
        let ids: Vec<String> = p
            .missing_actuals
            .iter()
            .map(|id| format!("<code>{}</code>", html(id)))
            .collect();
        let _ = writeln!(
            out,
            "<p>CPI is unavailable: no <code>actual_cost</code> or <code>actual_effort</code> on {}.</p>",
            ids.join(", ")
        );
    }
    if !p.unbudgeted.is_empty() {
        out.push_str("<p>Unbudgeted scope (not in the baseline, in none of the figures above until an approved rebaseline):</p><table><tr><th>Task</th><th>Estimate</th><th>Spent</th></tr>");
        for u in &p.unbudgeted {
            let _ = write!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                html(&r.task_name(&u.id, u.title.as_deref())),
                html(&r.amount(u.estimate)),
                u.ac.map_or("—".to_string(), |ac| html(&r.amount(ac)).to_string())
            );
        }
        out.push_str("</table>\n");
    }
}

fn since(r: &StatusReport, out: &mut String) {
    let Some(s) = &r.since else { return };
    let amount = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| r.amount(v));
    let _ = writeln!(
        out,
        "<h2>Since {}</h2><p>{}</p><table><tr><th></th><th>before</th><th>after</th></tr>\
         <tr><td>SPI</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\
         <tr><td>CPI</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\
         <tr><td>EAC</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></table>",
        html(&s.rev),
        html(&s.finish_sentence()),
        crate::amount::index(s.spi.from),
        crate::amount::index(s.spi.to),
        crate::amount::index(s.cpi.from),
        crate::amount::index(s.cpi.to),
        html(&amount(s.eac.from)),
        html(&amount(s.eac.to))
    );
    if !s.milestones.is_empty() {
        out.push_str("<table><tr><th>Milestone</th><th>Before</th><th>After</th><th>Moved</th></tr>");
        for m in &s.milestones {
            let _ = write!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
                html(&m.id),
                m.from,
                m.to,
                signed_working_days(m.moved_days)
            );
        }
        out.push_str("</table>\n");
    }
    for (what, list) in [
        ("Finished", &s.finished),
        ("Started", &s.started),
        ("Slipped", &s.slipped),
    ] {
        if !list.is_empty() {
            let codes: Vec<String> = list
                .iter()
                .map(|id| format!("<code>{}</code>", html(id)))
                .collect();
            let _ = writeln!(out, "<p>{what}: {}.</p>", codes.join(", "));
        }
    }
    for (what, list) in [("Risks", &s.risks), ("Approvals", &s.approvals)] {
        if !list.is_empty() {
            let items: Vec<String> = list
                .iter()
                .map(|(id, how)| format!("<code>{}</code> {how}", html(id)))
                .collect();
            let _ = writeln!(out, "<p>{what}: {}.</p>", items.join(", "));
        }
    }
}

fn trend(r: &StatusReport, out: &mut String) {
    if r.trend.is_empty() {
        return;
    }
    out.push_str("<h2>Trend</h2>");
    trend_lines(r, out);
    out.push_str("<table><tr><th>Commit</th><th>Status date</th><th>EV</th><th>PV</th><th>AC</th><th>SPI</th><th>CPI</th><th>SPI(t)</th><th>Forecast finish</th></tr>");
    for row in r.trend_rows() {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", html(&cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>\n");
}

/// The trend as two charts of lines by commit: EV, PV and AC on a scale
/// from zero to the largest of them; SPI, CPI and SPI(t) from zero to the
/// largest of them (at least 1.2), with 1.0 marked.
fn trend_lines(r: &StatusReport, out: &mut String) {
    type Pick = fn(&super::TrendPoint) -> Option<f64>;
    // (class, colour, label, the figure) of each line.
    const VALUES: [(&str, &str, &str, Pick); 3] = [
        ("ev", "#2e8b57", "EV", |t| t.ev),
        ("pv", "#888", "PV", |t| t.pv),
        ("ac", "#c0392b", "AC", |t| t.ac),
    ];
    const INDICES: [(&str, &str, &str, Pick); 3] = [
        ("spi", "#4a78b5", "SPI", |t| t.spi),
        ("cpi", "#c0392b", "CPI", |t| t.cpi),
        ("spi-t", "#8e44ad", "SPI(t)", |t| t.spi_t),
    ];
    let series = |lines: [(&'static str, &'static str, &'static str, Pick); 3]| {
        lines.map(|(class, colour, label, pick)| Series {
            class,
            colour,
            label,
            values: r.trend.iter().map(pick).collect(),
        })
    };
    line_chart(
        out,
        "Earned value, planned value and actual cost by commit",
        None,
        &series(VALUES),
    );
    line_chart(out, "SPI, CPI and SPI(t) by commit", Some(1.0), &series(INDICES));
}

/// One line of a chart: a value (or a gap) at each commit of the trend.
struct Series {
    class: &'static str,
    colour: &'static str,
    label: &'static str,
    values: Vec<Option<f64>>,
}

/// An SVG chart of `series` over the commits, from zero to the largest
/// value (at least 1.2 × `mark` when there is a mark line), and a legend.
fn line_chart(out: &mut String, title: &str, mark: Option<f64>, series: &[Series]) {
    const WIDTH: f64 = 480.0;
    const HEIGHT: f64 = 160.0;
    const PAD: f64 = 24.0;
    let count = series.iter().map(|s| s.values.len()).max().unwrap_or(0);
    let top = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .fold(mark.map_or(0.0, |m| m * 1.2), f64::max);
    if count == 0 || top <= 0.0 {
        return;
    }
    let x = |i: usize| PAD + (WIDTH - 2.0 * PAD) * i as f64 / (count.max(2) - 1) as f64;
    let y = |v: f64| HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * v / top;
    let _ = write!(
        out,
        "<svg width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{title}\">"
    );
    if let Some(m) = mark {
        let _ = write!(
            out,
            "<line x1=\"{PAD}\" x2=\"{}\" y1=\"{2:.1}\" y2=\"{2:.1}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\
             <text x=\"2\" y=\"{:.1}\" font-size=\"10\">{m:.1}</text>",
            WIDTH - PAD,
            y(m),
            y(m) + 3.0
        );
    }
    let mut legend = Vec::new();
    for s in series {
        let points: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x(i), y(v))))
            .collect();
        if points.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<polyline class=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>",
            s.class,
            s.colour,
            points.join(" ")
        );
        legend.push(format!("<span style=\"color:{}\">■</span> {}", s.colour, s.label));
    }
    let _ = writeln!(out, "</svg><p>{title}: {}.</p>", legend.join(" "));
}

fn top_risks(r: &StatusReport, out: &mut String) {
    if r.top_risks.is_empty() {
        return;
    }
    out.push_str("<h2>Top risks</h2><table><tr><th>Risk</th><th>Owner</th><th>Mitigation</th><th>Exposure</th><th>Adds to the finish</th><th>Since last week</th></tr>");
    for t in &r.top_risks {
        let owner = t.owner.as_deref().map_or("⚠ no owner".to_string(), |o| {
            format!("<code>{}</code>", html(o))
        });
        let mitigation = t
            .mitigation
            .as_deref()
            .filter(|_| !t.unmitigated)
            .map_or("⚠ no mitigation".to_string(), |m| html(m).to_string());
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{owner}</td><td>{mitigation}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            html(&r.task_name(&t.id, t.title.as_deref())),
            super::risk_days(t.exposure_days),
            t.adds_days.map_or("—".to_string(), super::risk_days),
            t.trend.unwrap_or("—"),
        );
    }
    out.push_str("</table>\n");
}

fn decisions(r: &StatusReport, out: &mut String) {
    if r.decisions.is_empty() {
        return;
    }
    let codes = |ids: &[String]| {
        ids.iter()
            .map(|id| format!("<code>{}</code>", html(id)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str("<h2>Decisions needed</h2><table><tr><th>Approval</th><th>Status</th><th>Approvers</th><th>Due</th><th>Gates</th></tr>");
    for d in &r.decisions {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html(&r.task_name(&d.id, d.title.as_deref())),
            d.status,
            codes(&d.approvers),
            d.due.map_or("—".to_string(), |d| d.to_string()),
            codes(&d.gates)
        );
    }
    out.push_str("</table>\n");
}

fn workstreams(r: &StatusReport, out: &mut String) {
    if r.workstreams.is_empty() || r.status_date.is_none() {
        return;
    }
    out.push_str(
        "<h2>Workstreams</h2><table><tr><th>Workstream</th><th>Rating</th><th>SPI</th><th>CPI</th></tr>",
    );
    for w in &r.workstreams {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            html(&r.task_name(&w.id, w.title.as_deref())),
            badge(w.level),
            crate::amount::index(w.spi),
            crate::amount::index(w.cpi)
        );
    }
    out.push_str("</table>\n");
}

fn milestones(r: &StatusReport, out: &mut String) {
    if r.milestones.is_empty() {
        return;
    }
    out.push_str("<h2>Milestones</h2><table><tr><th>Milestone</th><th>Baseline</th><th>Planned</th><th>Forecast</th><th>P80</th><th>Deadline</th><th>Chance of meeting it</th><th>Owner</th><th>Moved since last week</th></tr>");
    for m in &r.milestones {
        let name = r.task_name(&m.id, m.title.as_deref());
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            html(&name),
            m.baseline.map_or("—".to_string(), |d| d.to_string()),
            m.planned,
            m.forecast,
            if m.done { " (done)" } else { "" },
            m.p80.map_or("—".to_string(), |d| d.to_string()),
            m.deadline.map_or("—".to_string(), |d| d.to_string()),
            m.p_meet_deadline
                .map_or("—".to_string(), |p| format!("{:.0}%", p * 100.0)),
            m.owner
                .as_deref()
                .map_or("—".to_string(), |o| format!("<code>{}</code>", html(o))),
            m.moved_since_days.map_or("—".to_string(), signed_working_days),
        );
    }
    out.push_str("</table>\n");
}

fn next(r: &StatusReport, out: &mut String) {
    out.push_str("<h2>Next two weeks</h2>");
    if r.next.is_empty() {
        out.push_str("<p>Nothing starts or finishes.</p>\n");
        return;
    }
    out.push_str("<table><tr><th>Date</th><th>Task</th><th></th></tr>");
    for e in &r.next {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}{}</td></tr>",
            e.date,
            html(&r.task_name(&e.id, e.title.as_deref())),
            e.event,
            if e.critical { " (critical)" } else { "" }
        );
    }
    out.push_str("</table>\n");
}

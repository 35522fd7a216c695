//! The HTML report: one self-contained page (inline CSS and SVG, no script,
//! nothing fetched) that reads the same with JavaScript off.

use std::fmt::Write;

use chrono::{Days, NaiveDate};

use crate::escape::html;
use crate::gantt::{self, Axis, Page};
use crate::status::StatusReport;
use crate::svg::Px;
use crate::{HeatCell, Report, evm_chart, graph, scurve};

/// Most problems listed, errors first; the rest are counted (the JSON
/// format has them all).
const MAX_PROBLEMS: usize = 100;
/// More problems than this are folded away.
const OPEN_PROBLEMS: usize = 20;
/// Most ids listed per health line.
const MAX_IDS: usize = 20;

const STYLE: &str = r#"
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;margin:0 auto;padding:16px 24px;max-width:1400px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#666;margin:0 0 12px}
table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num{text-align:right}
dl.summary{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:0}dl.summary dt{color:#666}dl.summary dd{margin:0}
.health li{margin:2px 0}.ok{color:#2b7a3d}.bad{color:#b3261e;font-weight:600}
.scroll{overflow:auto;max-width:100%;border:1px solid #eee}
details{margin:4px 0 4px 12px}summary{cursor:pointer;font-weight:600}
.legend span{display:inline-block;margin-right:14px}.key{display:inline-block;width:18px;height:10px;margin-right:4px;vertical-align:middle}
svg text{font-family:system-ui,"DejaVu Sans",sans-serif}
.gantt .label{font-size:12px;fill:#222}.gantt .group .label{font-weight:600}
.gantt .task .bar{fill:#4a78b5}.gantt .milestone .bar{fill:#444}.gantt .group .bar{fill:#333}
.gantt .crit .bar{fill:#d62728}.gantt .group.crit .bar{fill:#8b1a1a}
.gantt .external .bar{fill:#fff;stroke:#7b4fa0;stroke-width:2}.gantt .external.crit .bar{stroke:#d62728}
.gantt .done{fill:#000;fill-opacity:.45}.gantt .float{stroke:#888;stroke-width:2}
.grid line{stroke:#e6e6e6}.grid text{font-size:10px;fill:#666}
.status{stroke:#2a9d8f;stroke-width:2;stroke-dasharray:5 3}
.deps path{fill:none;stroke:#9a9a9a;stroke-width:1;marker-end:url(#arrow)}
.deps path.crit{stroke:#d62728;stroke-width:1.6;marker-end:url(#arrow-crit)}
.node rect{fill:#fff;stroke:#4a78b5;stroke-width:1.2}.node.crit rect{stroke:#d62728;stroke-width:2.2}
.node.external rect{fill:#f6f0fb;stroke:#7b4fa0;stroke-dasharray:5 3}.node.external.crit rect{stroke:#d62728}
.node.milestone rect{rx:15px}.node.group rect{stroke-dasharray:5 3}.node text{font-size:11px;fill:#222}
td.low{background:#d9f0d3}td.medium{background:#fde9b6}td.high{background:#f6b8b3}
td.over{background:#f6b8b3;color:#8b1a1a;font-weight:600}
.heat td{width:110px;height:44px}.heat th{font-weight:normal;color:#555}
.burn .planned{fill:none;stroke:#4a78b5;stroke-width:2}.burn .actual{fill:none;stroke:#d62728;stroke-width:2.5}
.burn .axis{stroke:#999}.burn text{font-size:11px;fill:#555}
.scurve .cdf{fill:none;stroke:#4a78b5;stroke-width:2}.scurve text{font-size:11px;fill:#555}
.scurve .marker line{stroke:#d62728;stroke-dasharray:4 3}.scurve .marker.planned line{stroke:#222;stroke-dasharray:none}
.evm .pv{fill:none;stroke:#4a78b5;stroke-width:2}.evm .ev{fill:none;stroke:#2b7a3d;stroke-width:2.5}circle.ev{fill:#2b7a3d}
.evm .ac{fill:none;stroke:#d62728;stroke-width:2.5}circle.ac{fill:#d62728}.evm .bac{stroke:#222;stroke-dasharray:2 3}.evm .eac{stroke:#d62728;stroke-dasharray:6 3}
.evm text{font-size:11px;fill:#555}.evm .grid line{stroke:#e6e6e6}
.rag{display:inline-block;min-width:56px;padding:1px 8px;border-radius:9px;font-weight:600;text-align:center}
.green{background:#d9f0d3;color:#1e5b2c}.amber{background:#fde9b6;color:#7a5200}.red{background:#f6b8b3;color:#8b1a1a}
.gantt .planned{fill:#999;fill-opacity:.55}.gantt .deadline{stroke:#b3261e;stroke-width:2}
"#;

pub fn write(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024 + report.tasks.len() * 1024);
    let name = report.program.name();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — plan report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        html(name)
    );
    // Arrowheads, shared by every chart of the page.
    out.push_str(
        r##"<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0L8 4L0 8z" fill="#9a9a9a"/></marker><marker id="arrow-crit" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto"><path d="M0 0L8 4L0 8z" fill="#d62728"/></marker></defs></svg>
"##,
    );
    let _ = writeln!(
        out,
        "<header><h1>{}</h1><p class=\"sub\">Plan report of <code>{}</code>, generated by prog</p></header>",
        html(name),
        html(&report.program.id)
    );
    summary(report, &mut out);
    problems(report, &mut out);
    schedule(report, &mut out);
    critical_path(report, &mut out);
    load(report, &mut out);
    risks(report, &mut out);
    forecast(report, &mut out);
    approvals(report, &mut out);
    crate::register::html_section(&report.externals, &mut out);
    dependencies(report, &mut out);
    if let Some(b) = &report.since_baseline {
        out.push_str("<section id=\"since-baseline\">");
        crate::status::html::since_baseline_section(b, report.program.finish, &mut out);
        out.push_str("</section>\n");
    }
    earned_value(report, &mut out);
    burndown(report, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}

fn summary(report: &Report, out: &mut String) {
    let p = &report.program;
    let s = &report.summary;
    out.push_str("<section id=\"summary\"><h2>Summary</h2><dl class=\"summary\">");
    let mut item = |term: &str, value: String| {
        let _ = write!(out, "<dt>{term}</dt><dd>{value}</dd>");
    };
    item("Program", html(p.name()).to_string());
    item("Start", p.start.to_string());
    item("Finish", p.finish.to_string());
    item("Duration", crate::model::working_days(p.duration_days));
    item("Critical path", html(&report.critical_path_text()).to_string());
    if let Some(date) = p.status_date {
        item("Status date", date.to_string());
    }
    item("Problems", s.problems_text());
    out.push_str("</dl><h3>Health</h3><ul class=\"health\">");
    let h = &s.health;
    for (what, ids) in h.lines() {
        health_line(out, what, ids);
    }
    out.push_str("</ul>");
    if let Some(status) = &report.status {
        status_ratings(status, out);
    }
    out.push_str("</section>\n");
}

/// The ratings and key earned-value figures at the status date.
fn status_ratings(status: &StatusReport, out: &mut String) {
    use crate::status::html::{badge, reason};
    let _ = write!(
        out,
        "<h3>Status</h3><p>{} {}</p><table><tr><th>Area</th><th>Rating</th><th>Why</th></tr>",
        badge(status.rag.overall.level),
        reason(&status.rag.overall.reason)
    );
    for (area, rating) in status.rag.areas() {
        let _ = write!(
            out,
            "<tr><td>{area}</td><td>{}</td><td>{}</td></tr>",
            badge(rating.level),
            reason(&rating.reason)
        );
    }
    let figures = status.key_figures();
    out.push_str("</table><table><tr>");
    for (name, _) in &figures {
        let _ = write!(out, "<th>{name}</th>");
    }
    out.push_str("</tr><tr>");
    for (_, value) in &figures {
        let _ = write!(out, "<td class=\"num\">{}</td>", html(value));
    }
    out.push_str("</tr></table>");
}

fn health_line(out: &mut String, what: &str, ids: &[String]) {
    let class = if ids.is_empty() { "ok" } else { "bad" };
    let _ = write!(out, "<li><span class=\"{class}\">{}</span> {what}", ids.len());
    if !ids.is_empty() {
        out.push_str(": ");
        let shown: Vec<String> = ids
            .iter()
            .take(MAX_IDS)
            .map(|id| format!("<code>{}</code>", html(id)))
            .collect();
        out.push_str(&shown.join(", "));
        if ids.len() > MAX_IDS {
            let _ = write!(out, " and {} more", ids.len() - MAX_IDS);
        }
    }
    out.push_str("</li>");
}

fn problems(report: &Report, out: &mut String) {
    if report.problems.is_empty() {
        return;
    }
    let open = if report.problems.len() <= OPEN_PROBLEMS {
        " open"
    } else {
        ""
    };
    let _ = write!(
        out,
        "<section id=\"problems\"><h2>Problems</h2><details{open}><summary>{}</summary>\
         <table><thead><tr><th>severity</th><th>code</th><th>where</th><th>message</th></tr></thead><tbody>",
        report.summary.problems_text()
    );
    let mut problems: Vec<_> = report.problems.iter().collect();
    // Stable: by position within a severity.
    problems.sort_by_key(|p| match p.severity {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    });
    for p in problems.into_iter().take(MAX_PROBLEMS) {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}:{}:{}</td><td>{}</td></tr>",
            p.severity,
            p.code,
            html(&p.file),
            p.line,
            p.column,
            html(&p.message)
        );
    }
    out.push_str("</tbody></table>");
    if report.problems.len() > MAX_PROBLEMS {
        let _ = write!(
            out,
            "<p>and {} more: run <code>prog check</code> to see them all.</p>",
            report.problems.len() - MAX_PROBLEMS
        );
    }
    out.push_str("</details></section>\n");
}

fn schedule(report: &Report, out: &mut String) {
    out.push_str(
        "<section id=\"gantt\"><h2>Schedule</h2><p class=\"legend\">\
         <span><i class=\"key\" style=\"background:#4a78b5\"></i>task</span>\
         <span><i class=\"key\" style=\"background:#d62728\"></i>critical</span>\
         <span><i class=\"key\" style=\"background:#333;height:4px\"></i>group</span>\
         <span><i class=\"key\" style=\"background:#888;height:2px\"></i>float</span>\
         <span>◆ milestone</span>",
    );
    if report.program.status_date.is_some() {
        out.push_str("<span><i class=\"key\" style=\"background:#2a9d8f;width:3px\"></i>status date</span>");
    }
    out.push_str("</p>");
    let axis = Axis::new(report);
    let pages = gantt::pages(report);
    if !pages.subpages.is_empty() {
        let _ = write!(
            out,
            "<p>{} rows: each group opens to its own chart.</p>",
            report.tasks.len()
        );
    }
    page(report, &axis, &pages, out);
    out.push_str("</section>\n");
}

fn page(report: &Report, axis: &Axis, page: &Page, out: &mut String) {
    out.push_str("<div class=\"scroll\">");
    gantt::chart(report, axis, &page.rows, out);
    out.push_str("</div>");
    for sub in &page.subpages {
        let group = &report.tasks[sub.group.expect("a subpage shows a group")];
        let _ = write!(
            out,
            "<details><summary>{} <code>{}</code>, {} to {}</summary>",
            html(group.name()),
            html(group.id()),
            group.schedule.start,
            group.schedule.finish
        );
        self::page(report, axis, sub, out);
        out.push_str("</details>");
    }
}

fn critical_path(report: &Report, out: &mut String) {
    out.push_str("<section id=\"critical-path\"><h2>Critical path</h2><ol>");
    for task in report.critical_tasks() {
        let _ = write!(
            out,
            "<li><code>{}</code> {}: {} to {}</li>",
            html(task.id()),
            html(task.title.as_deref().unwrap_or("")),
            task.schedule.start,
            task.schedule.finish
        );
    }
    out.push_str("</ol></section>\n");
}

fn load(report: &Report, out: &mut String) {
    let load = &report.load;
    let _ = write!(
        out,
        "<section id=\"load\"><h2>Resource load</h2><p>Assigned load as a share of capacity, {} \
         (person-days in the tooltip). Red: above capacity on at least one day.</p>\
         <div class=\"scroll\"><table class=\"load\"><thead><tr><th>resource</th>",
        crate::weeks::per_column(load.weeks_per_column)
    );
    for week in &load.weeks {
        let _ = write!(out, "<th>{}</th>", week.format("%m-%d"));
    }
    out.push_str("</tr></thead><tbody>");
    for r in &load.resources {
        let _ = write!(
            out,
            "<tr><th title=\"{}\">{} <small>({})</small></th>",
            html(r.title.as_deref().unwrap_or(&r.id)),
            html(&r.id),
            r.kind
        );
        for w in &r.weeks {
            let tip = format!("{:.1} of {:.1} person-days", w.load, w.capacity);
            match w.utilisation() {
                _ if w.over() => {
                    let _ = write!(
                        out,
                        "<td class=\"num over\" title=\"{tip}\">{} · {}d over</td>",
                        percent(w.utilisation()),
                        w.over_days
                    );
                }
                Some(u) if w.load > 0.0 => {
                    let alpha = (u / 100.0 * 0.45).min(0.45);
                    let _ = write!(
                        out,
                        "<td class=\"num\" style=\"background:rgba(74,120,181,{alpha:.2})\" title=\"{tip}\">{u:.0}%</td>"
                    );
                }
                _ => {
                    let _ = write!(out, "<td class=\"num\" title=\"{tip}\"></td>");
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div></section>\n");
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "no capacity".to_string(), |u| format!("{u:.0}%"))
}

fn risks(report: &Report, out: &mut String) {
    out.push_str(
        "<section id=\"risks\"><h2>Risks</h2><p>Exposure = probability × impact, in working days.</p>\
         <table class=\"heat\"><thead><tr><th>probability ╲ impact</th>",
    );
    for band in HeatCell::IMPACT_BANDS {
        let _ = write!(out, "<th>{band}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for probability in (0..5).rev() {
        let _ = write!(out, "<tr><th>{}</th>", HeatCell::PROBABILITY_BANDS[probability]);
        for impact in 0..5 {
            let cell = HeatCell { probability, impact };
            let ids: Vec<String> = report
                .risks_in(cell)
                .map(|id| format!("<code>{}</code>", html(id)))
                .collect();
            let _ = write!(out, "<td class=\"{}\">{}</td>", cell.level(), ids.join(" "));
        }
        out.push_str("</tr>");
    }
    out.push_str(
        "</tbody></table><table class=\"register\"><thead><tr><th>risk</th><th>title</th><th>probability</th>\
         <th>impact</th><th>exposure</th><th>level</th><th>affects</th><th>owner</th><th>mitigation</th></tr></thead><tbody>",
    );
    for r in &report.risks {
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html(&r.id),
            html(r.title.as_deref().unwrap_or("")),
            r.probability.map(|p| format!("{p}%")).unwrap_or_default(),
            r.impact_days
                .map(|d| format!("{}d", d.0.days_text()))
                .unwrap_or_default(),
            r.exposure_days.map(|e| format!("{e:.1}d")).unwrap_or_default(),
            r.level,
            r.level,
            html(&r.affects.join(", ")),
            html(r.owner.as_deref().unwrap_or("")),
            html(r.mitigation.as_deref().unwrap_or(""))
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn forecast(report: &Report, out: &mut String) {
    let Some(forecast) = &report.forecast else {
        return;
    };
    let f = &forecast.finish;
    let _ = write!(
        out,
        "<section id=\"forecast\"><h2>Forecast</h2><p>The plan scheduled {} times over (seed {}) with \
         durations drawn from the estimates ({}) and risks firing at their probability. The curve is the \
         share of runs done by each date. Planned finish {} (working day {}); \
         mean working day {:.1}.</p><table class=\"percentiles\"><thead><tr><th></th><th>working day</th>\
         <th>date</th></tr></thead><tbody>",
        forecast.iterations,
        forecast.seed,
        forecast.distribution,
        report.program.finish,
        report.program.duration_days.0.days_text(),
        f.mean_days
    );
    for (name, point) in [("P50", &f.p50), ("P80", &f.p80), ("P95", &f.p95)] {
        let _ = write!(
            out,
            "<tr><th>{name}</th><td class=\"num\">{}</td><td>{}</td></tr>",
            point.days, point.date
        );
    }
    out.push_str("</tbody></table><div class=\"scroll\">");
    scurve::chart(forecast, report.program.finish, out);
    out.push_str("</div></section>\n");
}

fn approvals(report: &Report, out: &mut String) {
    out.push_str(
        "<section id=\"approvals\"><h2>Approvals</h2><table><thead><tr><th>approval</th><th>gate</th>\
         <th>approvers</th><th>status</th><th>milestone date</th></tr></thead><tbody>",
    );
    for a in &report.approvals {
        let gates: Vec<String> = a
            .gates
            .iter()
            .map(|g| {
                format!(
                    "{} <code>{}</code>{}",
                    html(g.title.as_deref().unwrap_or("")),
                    html(&g.milestone),
                    if g.critical {
                        " <span class=\"bad\">critical</span>"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        let dates: Vec<String> = a.gates.iter().map(|g| g.date.to_string()).collect();
        let class = match (a.status, a.gates.iter().any(|g| g.critical)) {
            ("rejected", _) | ("pending", true) => "bad",
            ("approved", _) => "ok",
            _ => "",
        };
        let _ = write!(
            out,
            "<tr><td>{} <code>{}</code></td><td>{}</td><td>{}</td><td class=\"{class}\">{}</td><td>{}</td></tr>",
            html(a.title.as_deref().unwrap_or("")),
            html(&a.id),
            gates.join("<br>"),
            html(&a.approvers.join(", ")),
            a.status,
            dates.join("<br>")
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn dependencies(report: &Report, out: &mut String) {
    out.push_str("<section id=\"dependencies\"><h2>Dependency graph</h2>");
    let mut svg = String::new();
    if graph::write(report, &mut svg) {
        out.push_str("<p>The plan is large: each top-level group is drawn as one node.</p>");
    }
    out.push_str("<p>Left to right by layer; critical dependencies in red.</p><div class=\"scroll\">");
    out.push_str(&svg);
    out.push_str("</div></section>\n");
}

fn earned_value(report: &Report, out: &mut String) {
    let (Some(burn), Some(status)) = (&report.burndown, &report.status) else {
        return;
    };
    let _ = write!(
        out,
        "<section id=\"earned-value\"><h2>Earned value</h2><p>Planned value (blue) accumulating to the budget, \
         earned value (green) and actual cost (red) at the status date, in {}.</p><div class=\"scroll\">",
        unit_words(burn.unit)
    );
    evm_chart::chart(burn, status, &report.load, report.program.start, out);
    out.push_str("</div></section>\n");
}

/// What earned-value amounts are counted in, as a phrase.
fn unit_words(unit: &str) -> &'static str {
    if unit == "money" {
        "value in the plan's currency (labour at its rates plus fixed costs)"
    } else {
        "value in person-days of planned work"
    }
}

fn burndown(report: &Report, out: &mut String) {
    let Some(burn) = &report.burndown else {
        return;
    };
    let weeks = &report.load.weeks;
    let (width, height, left, bottom) = (900.0, 300.0, 50.0, 30.0);
    let first = weeks.first().copied().unwrap_or(report.program.start);
    let column = Days::new(7 * report.load.weeks_per_column as u64);
    let span = (weeks.len().max(1) * 7 * report.load.weeks_per_column) as f64;
    let x = |date: NaiveDate| left + (date - first).num_days() as f64 / span * (width - left - 10.0);
    let top = burn.total.max(burn.actual_remaining).max(1.0);
    let y = |days: f64| 10.0 + (1.0 - days / top) * (height - bottom - 10.0);
    let _ = write!(
        out,
        "<section id=\"burndown\"><h2>Burndown</h2><p>Remaining {}: planned (blue) against progress (red). {}.",
        unit_words(burn.unit),
        html(&burn.status(report.status.as_ref().and_then(|s| s.currency.as_deref())))
    );
    let _ = write!(
        out,
        "</p><svg class=\"burn\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Burndown chart\">\
         <line class=\"axis\" x1=\"{left}\" y1=\"{b}\" x2=\"{width}\" y2=\"{b}\"/>\
         <line class=\"axis\" x1=\"{left}\" y1=\"10\" x2=\"{left}\" y2=\"{b}\"/>\
         <text x=\"4\" y=\"{t}\">{}</text><text x=\"4\" y=\"{b}\">0</text>",
        crate::amount::thousands(burn.total),
        b = Px(y(0.0)),
        t = Px(y(burn.total) + 4.0),
    );
    let mut points = vec![format!("{},{}", Px(x(report.program.start)), Px(y(burn.total)))];
    for (week, left) in weeks.iter().zip(&burn.planned_remaining) {
        points.push(format!("{},{}", Px(x(*week + column)), Px(y(*left))));
    }
    let _ = write!(
        out,
        "<polyline class=\"planned\" points=\"{}\"/>",
        points.join(" ")
    );
    {
        let date = burn.status_date;
        let (x0, y0) = (x(report.program.start), y(burn.total));
        let (x1, y1) = (x(date + Days::new(1)), y(burn.actual_remaining));
        let _ = write!(
            out,
            "<polyline class=\"actual\" points=\"{},{} {},{}\"/><circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#d62728\"/>\
             <text x=\"{}\" y=\"{}\">status {date}</text>",
            Px(x0),
            Px(y0),
            Px(x1),
            Px(y1),
            Px(x1),
            Px(y1),
            Px(x1 + 6.0),
            Px(y1 - 6.0)
        );
    }
    let every = weeks.len().div_ceil(10).max(1);
    for week in weeks.iter().step_by(every) {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\">{week}</text>",
            Px(x(*week)),
            Px(height - 8.0)
        );
    }
    out.push_str("</svg></section>\n");
}

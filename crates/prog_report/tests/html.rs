//! The HTML report, parsed: its structure, and escaping of hostile text.

mod common;

use common::report_of;
use prog_report::{Format, Report, render};
use scraper::{ElementRef, Html, Selector};

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).expect("a valid selector"))
        .collect()
}

fn text(e: &ElementRef) -> String {
    e.text().collect()
}

fn page(report: &Report) -> Html {
    let doc = Html::parse_document(&render(report, Format::Html));
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    doc
}

#[test]
fn every_section_is_there() {
    let report = report_of("tests/fixtures/report/hostile.prog");
    let doc = page(&report);
    let ids: Vec<&str> = select(&doc, "body > section")
        .iter()
        .filter_map(|s| s.value().attr("id"))
        .collect();
    assert_eq!(
        ids,
        [
            "summary",
            "problems",
            "gantt",
            "critical-path",
            "load",
            "risks",
            "forecast",
            "approvals",
            "raci",
            "dependencies",
            "earned-value",
            "burndown"
        ]
    );
}

#[test]
fn hostile_text_stays_text() {
    let report = report_of("tests/fixtures/report/hostile.prog");
    let doc = page(&report);
    // Nothing executable or fetched: no script, image, link, frame or event handler.
    assert!(select(&doc, "script, img, iframe, link, object, embed").is_empty());
    for e in select(&doc, "*") {
        for (name, value) in e.value().attrs() {
            assert!(!name.starts_with("on"), "{name}={value}");
            assert!(!matches!(name, "src" | "href"), "{name}={value}");
        }
    }
    // ... and the text reads as written.
    let title = r#"<script>alert(1)</script> & "Launch""#;
    assert_eq!(text(&select(&doc, "h1")[0]), title);
    assert_eq!(
        text(&select(&doc, "head > title")[0]),
        format!("{title} — plan report")
    );
    let tooltips: Vec<String> = select(&doc, "svg.gantt g > title").iter().map(text).collect();
    assert!(
        tooltips.iter().any(
            |t| t == "design: <script>alert(1)</script> — 2027-01-04 to 2027-01-06, float 0d, 100% done"
        ),
        "{tooltips:?}"
    );
    let register: Vec<String> = select(&doc, "table.register td").iter().map(text).collect();
    assert!(register.contains(&"Risk </td></tr><script>alert(2)</script>".to_string()));
    assert!(register.contains(&r#"Escape everything: <, >, &, " and '"#.to_string()));
}

#[test]
fn the_gantt_chart_has_a_row_per_task() {
    let report = report_of("examples/feature_rollout.prog");
    let doc = page(&report);
    assert_eq!(select(&doc, "svg.gantt").len(), 1, "a small plan is one chart");
    let rows = select(
        &doc,
        "svg.gantt > g.task, svg.gantt > g.milestone, svg.gantt > g.group",
    );
    assert_eq!(rows.len(), report.tasks.len());
    let critical = report.tasks.iter().filter(|t| t.schedule.critical).count();
    assert_eq!(select(&doc, "svg.gantt > g.crit").len(), critical);
    let milestones = report.tasks.iter().filter(|t| t.kind() == "milestone").count();
    assert_eq!(
        select(&doc, "svg.gantt > g.milestone > path.bar").len(),
        milestones,
        "diamonds"
    );
    // Float tails on non-critical tasks only, and one arrow per dependency.
    assert!(!select(&doc, "svg.gantt > g.task:not(.crit) > line.float").is_empty());
    assert!(select(&doc, "svg.gantt > g.crit > line.float").is_empty());
    assert_eq!(
        select(&doc, "svg.gantt g.deps > path").len(),
        report.dependencies.len()
    );
    assert_eq!(select(&doc, "svg.gantt line.status").len(), 1);
    // With a status date: the plan without progress drawn thin under every
    // task and milestone, and a mark at each deadline.
    let leaves = report.tasks.iter().filter(|t| t.kind() != "group").count();
    assert_eq!(select(&doc, "svg.gantt rect.planned").len(), leaves);
    let deadlines = report.tasks.iter().filter(|t| t.deadline.is_some()).count();
    assert_eq!(select(&doc, "svg.gantt line.deadline").len(), deadlines);
    // The summary rates each area, and the earned-value chart marks EV and AC.
    let ratings: Vec<String> = select(&doc, "#summary span.rag").iter().map(text).collect();
    assert_eq!(ratings.len(), 6, "overall and five areas: {ratings:?}");
    assert!(
        ratings
            .iter()
            .all(|r| ["green", "amber", "red"].contains(&r.as_str()))
    );
    assert_eq!(select(&doc, "svg.evm circle.ev").len(), 1);
    assert_eq!(select(&doc, "svg.evm circle.ac").len(), 1);
    let labels: Vec<String> = select(&doc, "svg.gantt g.grid text").iter().map(text).collect();
    assert_eq!(labels.first().map(String::as_str), Some("2027-03-01"));
}

#[test]
fn risks_sit_in_their_heatmap_cells() {
    let report = report_of("tests/fixtures/report/hostile.prog");
    let doc = page(&report);
    let rows = select(&doc, "table.heat tbody tr");
    assert_eq!(rows.len(), 5);
    let cells = |row: &ElementRef| -> Vec<(String, String)> {
        row.select(&Selector::parse("td").unwrap())
            .map(|td| (td.value().attr("class").unwrap_or("").to_string(), text(&td)))
            .collect()
    };
    // Highest probability first; largest impact last.
    let top = cells(&rows[0]);
    assert_eq!(top[4], ("high".to_string(), "xss".to_string()));
    let bottom = cells(&rows[4]);
    assert_eq!(bottom[0], ("low".to_string(), "mild".to_string()));
}

#[test]
fn over_allocation_is_red_in_the_load_table() {
    let report = report_of("tests/fixtures/report/hostile.prog");
    let doc = page(&report);
    for row in select(&doc, "table.load tbody tr") {
        let name = text(&row.select(&Selector::parse("th").unwrap()).next().unwrap());
        let over = row.select(&Selector::parse("td.over").unwrap()).count();
        assert_eq!(over > 0, name.starts_with("bob"), "{name}");
    }
}

#[test]
fn the_dependency_graph_marks_the_critical_path() {
    let report = report_of("examples/feature_rollout.prog");
    let doc = page(&report);
    // Tasks and milestones are nodes; groups are not.
    let leaves = report.tasks.iter().filter(|t| t.kind() != "group").count();
    assert_eq!(select(&doc, "svg.graph g.node").len(), leaves);
    assert!(select(&doc, "svg.graph g.node.group").is_empty());
    let critical_nodes = select(&doc, "svg.graph g.node.crit").len();
    assert_eq!(
        critical_nodes,
        report
            .tasks
            .iter()
            .filter(|t| t.schedule.critical && t.kind() != "group")
            .count()
    );
    // The critical path is drawn in red, link by link.
    assert!(select(&doc, "svg.graph g.deps path.crit").len() >= report.critical_path.len() - 1);
}

#[test]
fn the_forecast_draws_an_s_curve_with_its_percentiles() {
    let report = report_of("tests/fixtures/contract.prog");
    let forecast = report.forecast.as_ref().expect("the fixture has a risk");
    let doc = page(&report);
    let section = select(&doc, "section#forecast");
    assert_eq!(section.len(), 1);
    // The curve rises step by step through every day some run finished on.
    let curve = select(&doc, "section#forecast svg.scurve > path.cdf");
    assert_eq!(curve.len(), 1);
    let d = curve[0].value().attr("d").expect("a path");
    assert_eq!(d.matches('V').count(), forecast.finish.cdf.len());
    // One marker per percentile and one for the schedule's finish, each
    // labelled with its date.
    let f = &forecast.finish;
    for (class, label, date) in [
        ("p50", "P50", f.p50.date),
        ("p80", "P80", f.p80.date),
        ("p95", "P95", f.p95.date),
        ("planned", "planned", report.program.finish),
    ] {
        let marker = select(&doc, &format!("svg.scurve g.marker.{class}"));
        assert_eq!(marker.len(), 1, "{class}");
        let labels: Vec<String> = marker[0]
            .select(&Selector::parse("text").unwrap())
            .map(|t| text(&t))
            .collect();
        assert_eq!(labels, [format!("{label} {date}")]);
    }
    // The 40% × 5d risk on the critical path: the plan finishes on time in
    // about 60% of runs and 5 working days late in the rest.
    assert_eq!(f.p50.date, report.program.finish);
    assert!(f.p80.date > report.program.finish);
    let rows: Vec<String> = select(&doc, "table.percentiles tbody th")
        .iter()
        .map(text)
        .collect();
    assert_eq!(rows, ["P50", "P80", "P95"]);
}

#[test]
fn a_plan_without_uncertainty_has_no_forecast() {
    let plan = prog_plan::generate::plan(40, 5, 1);
    assert!(plan.risks.is_empty() && plan.tasks.iter().all(|t| t.estimate.is_none()));
    let cal = prog_plan::WorkCalendar::new(&plan);
    let schedule = prog_plan::schedule(&plan);
    let load = prog_plan::load(&plan, &schedule, &cal);
    let forecast = prog_report::report_forecast(&plan, &cal);
    assert!(forecast.is_none());
    let report = Report::new(&plan, &schedule, &load, &cal, forecast.as_ref(), Vec::new(), None);
    assert_eq!(report.forecast, None);
    let doc = page(&report);
    assert!(select(&doc, "section#forecast, svg.scurve").is_empty());
}

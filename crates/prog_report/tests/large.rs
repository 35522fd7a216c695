//! A 2,000-task plan gives a small, paged report.

use prog_plan::{WorkCalendar, generate, load, schedule};
use prog_report::{Format, Report, render};
use scraper::{Html, Selector};

#[test]
fn a_large_plan_pages_its_gantt_chart_by_group() {
    let plan = generate::plan(2_000, 50, 1);
    let cal = WorkCalendar::new(&plan);
    let schedule = schedule(&plan);
    let load = load(&plan, &schedule, &cal);
    let report = Report::new(&plan, &schedule, &load, &cal, None, Vec::new(), None);
    let html = render(&report, Format::Html);
    assert!(html.len() < 5_000_000, "{} bytes", html.len());
    let doc = Html::parse_document(&html);
    let charts: Vec<_> = doc.select(&Selector::parse("svg.gantt").unwrap()).collect();
    assert!(charts.len() > 1, "paged");
    let rows = Selector::parse(":scope > g.task, :scope > g.milestone, :scope > g.group").unwrap();
    for chart in &charts {
        assert!(chart.select(&rows).count() <= 251);
    }
    // Every task is drawn in some chart, with its group's chart one click away.
    let drawn: usize = charts.iter().map(|c| c.select(&rows).count()).sum();
    assert!(drawn >= report.tasks.len());
    assert!(doc.select(&Selector::parse("details > summary").unwrap()).count() >= 4);
    assert!(html.contains("each top-level group is drawn as one node"));
}

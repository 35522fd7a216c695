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

/// A plan over four decades (one chain of 2,000 tasks): the load table and
/// the burndown group weeks into at most 260 columns, and the person-days
/// still add up.
#[test]
fn a_century_long_plan_groups_its_weeks() {
    let plan = generate::flat(generate::Flat {
        tasks: 2_000,
        people: 20,
        years: Some(100),
        seed: 2,
    });
    let cal = WorkCalendar::new(&plan);
    let schedule = schedule(&plan);
    let load = load(&plan, &schedule, &cal);
    assert!(load.days > 10_000, "{}", load.days);
    let report = Report::new(&plan, &schedule, &load, &cal, None, Vec::new(), None);
    let weeks = load.days.div_ceil(5);
    let per = report.load.weeks_per_column;
    assert!(report.load.weeks.len() <= 260, "{}", report.load.weeks.len());
    assert_eq!(per, weeks.div_ceil(260), "five working days a week, no holidays");
    // Columns start on Mondays `per` weeks apart.
    let gaps: Vec<i64> = report
        .load
        .weeks
        .windows(2)
        .map(|w| (w[1] - w[0]).num_days())
        .collect();
    assert!(gaps.iter().all(|&g| g == 7 * per as i64), "{gaps:?}");
    for (r, profile) in report.load.resources.iter().zip(&load.profiles) {
        let total: f64 = r.weeks.iter().map(|w| w.load).sum();
        let days = profile.load.days();
        assert_eq!(total, profile.load.sum(0..days) as f64 / 100.0, "{}", r.id);
        let over: usize = r.weeks.iter().map(|w| w.over_days).sum();
        assert_eq!(over, profile.over_days(0..days), "{}", r.id);
    }
    let md = render(&report, Format::Markdown);
    assert!(
        md.contains(&format!("per {per} weeks")),
        "{}",
        &md[..2000.min(md.len())]
    );
}

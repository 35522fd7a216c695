//! The dependency register in the report, with dates worked out by hand,
//! and its user text escaped in every format.

mod common;

use common::report_of;

/// 2027-02-01 is a Monday, working day 0. `fonts` arrived on Fri Jan 29,
/// before the start, so `prep` takes days 0–9; `integrate` takes 5 days
/// after both `sandbox` and `prep`, `terms` 2 days after `legal`.
///
/// Needed-by reads the plan with every open external unpinned: there
/// `integrate` starts on day 10 and the program finishes at the end of
/// day 14 (working time 15, Fri Feb 19).
/// - `sandbox` is needed by the end of day 9, Fri Feb 12 (integrate's late
///   start, 10); expected Wed Feb 17, day 12, there at 13: slack
///   10 - 13 = -3 days, which moves the finish by 3 to Wed Feb 24.
/// - `legal`: `terms` may start as late as 15 - 2 = 13, so legal is needed
///   by the end of day 12, Wed Feb 17; planned at the end of its range,
///   Fri Feb 5 (day 4, there at 5): slack 13 - 5 = 8 days.
/// - `fonts` is delivered: `prep` may not start later than day 0, so it is
///   needed by the start, Feb 1; its slack is not shown any more.
#[test]
fn the_register_has_each_external_with_its_needed_by_and_slack() {
    let report = report_of("tests/fixtures/externals.prog");
    let rows: Vec<(&str, String, String, &str, Vec<String>)> = report
        .externals
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.needed_by.to_string(),
                r.slack_text(),
                r.status,
                r.blocks.clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "sandbox",
                "2027-02-12".into(),
                "-3d".into(),
                "committed",
                vec!["integrate".to_string()]
            ),
            (
                "legal",
                "2027-02-17".into(),
                "8d".into(),
                "at_risk",
                vec!["terms".to_string()]
            ),
            (
                "fonts",
                "2027-02-01".into(),
                "—".into(),
                "delivered",
                vec!["prep".to_string()]
            ),
        ]
    );
    assert_eq!(report.program.finish.to_string(), "2027-02-24");
    assert!(report.externals[0].late() && report.externals[0].critical);
    assert_eq!(report.externals[1].expected_text(), "2027-02-01 .. 2027-02-05");
}

#[test]
fn the_register_escapes_user_text_in_every_format() {
    let report = report_of("tests/fixtures/externals.prog");
    let md = prog_report::render(&report, prog_report::Format::Markdown);
    let section = &md[md.find("## Dependency register").expect("a register")..];
    assert!(section.contains("Payment &lt;sandbox&gt; `sandbox`"), "{section}");
    // A `|` in a contact would split the Markdown table's cell.
    assert!(
        section.contains(r"Acme \| integrations &amp; &lt;desk&gt;"),
        "{section}"
    );
    let html = prog_report::render(&report, prog_report::Format::Html);
    assert!(html.contains("<section id=\"dependency-register\">"));
    assert!(html.contains("Acme | integrations &amp; &lt;desk&gt;"));
    assert!(!html.contains("<desk>") && !html.contains("<sandbox>"));
    let json: serde_json::Value =
        serde_json::from_str(&prog_report::render(&report, prog_report::Format::Json)).unwrap();
    assert_eq!(json["externals"][0]["contact"], "Acme | integrations & <desk>");
    assert_eq!(json["externals"][0]["slack_days"], -3);
    assert_eq!(json["externals"][1]["expected_until"], "2027-02-05");
}

#[test]
fn externals_are_drawn_apart_from_milestones() {
    let report = report_of("tests/fixtures/externals.prog");
    let html = prog_report::render(&report, prog_report::Format::Html);
    // In the Gantt chart and the dependency graph: `sandbox` is critical.
    assert!(html.contains(
        r#"<g class="milestone external crit"><title>sandbox: Payment &lt;sandbox&gt; (external)"#
    ));
    assert!(html.contains(r#"<g class="node milestone external crit"><title>sandbox:"#));
    assert!(html.contains(r#"<g class="node milestone external"><title>legal:"#));
    let dot = prog_report::render(&report, prog_report::Format::Dot);
    assert!(
        dot.contains(
            r#""legal" [label="Legal sign-off\n2027-02-05 – 2027-02-05", shape=hexagon, style=dashed];"#
        ),
        "{dot}"
    );
    let mermaid = prog_report::render(&report, prog_report::Format::Mermaid);
    assert!(
        mermaid.contains("    Legal sign-off (external) :milestone, 2027-02-05, 0d"),
        "{mermaid}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&prog_report::render(&report, prog_report::Format::Json)).unwrap();
    let external = |i: usize| json["tasks"][i]["external"].clone();
    assert_eq!(
        (external(0), external(3)),
        (serde_json::json!(true), serde_json::Value::Null)
    );
}

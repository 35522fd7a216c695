//! Golden snapshots of every format on the example plan, and the model's
//! figures checked against the plan by hand.

mod common;

use common::report_of;
use prog_report::{Format, render};

const EXAMPLE: &str = "examples/feature_rollout.prog";

#[test]
fn snapshots_of_every_format() {
    let report = report_of(EXAMPLE);
    insta::assert_snapshot!("example.html", render(&report, Format::Html));
    insta::assert_snapshot!("example.md", render(&report, Format::Markdown));
    insta::assert_snapshot!("example.json", render(&report, Format::Json));
    insta::assert_snapshot!("example.csv", render(&report, Format::Csv));
    insta::assert_snapshot!("example.mermaid", render(&report, Format::Mermaid));
    insta::assert_snapshot!("example.dot", render(&report, Format::Dot));
}

#[test]
fn hostile_fixture_snapshots() {
    let report = report_of("tests/fixtures/report/hostile.prog");
    insta::assert_snapshot!("hostile.md", render(&report, Format::Markdown));
    insta::assert_snapshot!("hostile.csv", render(&report, Format::Csv));
    insta::assert_snapshot!("hostile.mermaid", render(&report, Format::Mermaid));
    insta::assert_snapshot!("hostile.dot", render(&report, Format::Dot));
}

#[test]
fn burndown_follows_earned_value() {
    let report = report_of("tests/fixtures/report/hostile.prog");
    let burn = report.burndown.as_ref().expect("the fixture has a status date");
    // No rates or costs: person-days. design 3 + code 5 + docs 2 + graph 1
    // + later 2, one unit each.
    assert_eq!(burn.unit, "person_days");
    assert_eq!(burn.total, 13.0);
    // EV: design done (3), code 40% of 5 (2): 8 left.
    assert_eq!(burn.actual_remaining, 8.0);
    // By the end of Wed 2027-01-13 (working day 7) the plan had design,
    // code and docs done: PV 10, 3 left.
    assert_eq!(burn.planned_remaining_at_status, 3.0);
    assert_eq!(burn.spi, Some(0.5));
    assert_eq!(burn.planned_remaining.len(), report.load.weeks.len());
    assert!(burn.planned_remaining.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(burn.planned_remaining.last(), Some(&0.0));
}

#[test]
fn no_progress_and_no_status_date_means_no_burndown() {
    let report = report_of("tests/fixtures/contract.prog");
    assert_eq!(report.burndown, None);
}

#[test]
fn health_names_what_needs_attention() {
    let report = report_of("tests/fixtures/report/hostile.prog");
    let h = &report.summary.health;
    // design is done; everything left runs after the status date, the
    // end of `ship`'s deadline day.
    assert_eq!(h.negative_float, ["code", "docs", "graph", "ship"]);
    assert_eq!(h.over_allocated, ["bob"]);
    assert_eq!(h.pending_critical_approvals, ["go"]);
    // 90% × 25 days sits in the top-right cell; 10% × 1 day in the bottom-left.
    assert_eq!(h.high_exposure_risks, ["xss"]);
    assert_eq!(report.risks[0].exposure_days, Some(22.5));
    assert_eq!(report.risks[1].level, "low");
}

/// Finished work is never at risk, even where the
/// schedule (which ignores progress without a status date) gives it
/// negative float.
#[test]
fn health_never_lists_finished_tasks_under_negative_float() {
    let report = report_of("tests/fixtures/report/done_late.prog");
    // Mon 4 Jan 2027: early Jan 4-6, half Jan 7, next Jan 8 and 11, two
    // days past its deadline of Thu 7th, and so are early and half (-2
    // days each). g (deadline Tue 5th) holds inner Jan 4-5 and inner2 Jan
    // 6-7: both two days late. Early, half and inner are done.
    let floats: Vec<(&str, f64)> = report
        .tasks
        .iter()
        .map(|t| (t.id(), t.schedule.total_float.0.as_days()))
        .collect();
    assert_eq!(
        floats,
        [
            ("early", -2.0),
            ("half", -2.0),
            ("next", -2.0),
            ("g", -2.0),
            ("inner", -2.0),
            ("inner2", -2.0)
        ]
    );
    assert_eq!(report.summary.health.negative_float, ["next", "inner2"]);
    let md = render(&report, Format::Markdown);
    assert!(
        md.contains("- 2 tasks with negative float: `next`, `inner2`\n"),
        "{md}"
    );
}

#[test]
fn weekly_load_adds_up_the_days() {
    let report = report_of("tests/fixtures/report/hostile.prog");
    let bob = report.load.resources.iter().find(|r| r.id == "bob").unwrap();
    // docs has not started at the status date (Wed 13th): it runs on Thu
    // 14th and Fri 15th at 100% of a 50% person.
    assert_eq!(report.load.weeks[0].to_string(), "2027-01-04");
    assert_eq!(
        (bob.weeks[0].load, bob.weeks[0].capacity, bob.weeks[0].over_days),
        (0.0, 2.5, 0)
    );
    assert_eq!((bob.weeks[1].load, bob.weeks[1].over_days), (2.0, 2));
    // Persons come before teams.
    let kinds: Vec<&str> = report.load.resources.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, ["person", "person", "team"]);
}

/// The summary's figures in words a reader can trust, and
/// the Markdown report with the forecast the HTML report has.
#[test]
fn a_path_cut_by_a_date_says_so_and_counts_read_right() {
    let report = report_of("tests/fixtures/report/cut.prog");
    let md = render(&report, Format::Markdown);
    // Mon 4 Jan to Thu 8 Apr 2027: 13 weeks and 4 days, 69 working days;
    // the path is `late` (1 day, from its not_before) and `ship`.
    assert!(md.contains("| duration | 69 working days |"), "{md}");
    assert!(
        md.contains(
            "| critical path | 1 working day, 2 tasks and milestones, from `late`'s not_before 2027-04-08 |"
        ),
        "{md}"
    );
    // `early` is done: only `next` misses its deadline.
    assert!(md.contains("- 1 task with negative float: `next`\n"), "{md}");
    assert!(
        md.contains("- 1 pending approval on critical milestones: `go`\n"),
        "{md}"
    );
    assert!(md.contains("- 0 open high-exposure risks\n"), "{md}");
    let html = render(&report, Format::Html);
    assert!(
        html.contains("1 working day, 2 tasks and milestones, from `late`&#39;s not_before 2027-04-08")
            || html
                .contains("1 working day, 2 tasks and milestones, from `late`&#x27;s not_before 2027-04-08")
            || html.contains("1 working day, 2 tasks and milestones, from `late`'s not_before 2027-04-08"),
        "{html}"
    );
    // The forecast: the risk can move `late` by 2 days.
    let forecast = report.forecast.as_ref().expect("a risk makes a forecast");
    let section = md.split("\n## Forecast\n").nth(1).expect("a forecast section");
    assert!(
        section.contains(&format!(
            "| P80 | {} | {} |",
            forecast.finish.p80.days, forecast.finish.p80.date
        )),
        "{section}"
    );
    assert!(
        section.contains("Planned finish 2027-04-08 (working day 69)"),
        "{section}"
    );
}

//! End-to-end tests of `prog forecast`: the real binary on fixture plans.

mod run;

use run::{prog, stderr, stdout};

use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = prog(args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn by_id<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == id)
        .unwrap_or_else(|| panic!("{id} in {list}"))
}

#[test]
fn a_fixed_plan_with_one_risk_forecasts_exact_percentiles() {
    // The contract plan has no estimates; its one risk (40%, 5 days) sits on
    // the critical path. 60% of runs finish on the planned day 18, the rest
    // on day 23.
    let doc = json(&["forecast", "--format", "json", "tests/fixtures/contract.prog"]);
    assert_eq!(doc["iterations"], 10_000);
    assert_eq!(doc["distribution"], "pert");
    let finish = &doc["finish"];
    assert_eq!(
        finish["p50"],
        serde_json::json!({"days": 18, "date": "2027-01-27"})
    );
    assert_eq!(
        finish["p80"],
        serde_json::json!({"days": 23, "date": "2027-02-03"})
    );
    assert_eq!(finish["p95"]["days"], 23);
    let cdf = finish["cdf"].as_array().unwrap();
    assert_eq!(cdf.len(), 2);
    let on_time = cdf[0]["share"].as_f64().unwrap();
    assert!((on_time - 0.6).abs() < 0.02, "{on_time}");
    let vendor = by_id(&doc["risks"], "vendor");
    assert_eq!(vendor["delay_if_fired_days"], 5.0);
    let contribution = vendor["contribution_days"].as_f64().unwrap();
    assert!((contribution - 5.0 * (1.0 - on_time)).abs() < 1e-9);
    assert_eq!(by_id(&doc["tasks"], "build")["criticality"], 1.0);
    assert_eq!(by_id(&doc["milestones"], "ready")["p80"]["days"], 23);
}

#[test]
fn estimates_spread_the_finish_and_a_risk_that_cannot_fire_adds_nothing() {
    let doc = json(&[
        "forecast",
        "--format",
        "json",
        "--iterations",
        "4000",
        "tests/fixtures/forecast.prog",
    ]);
    assert_eq!(doc["iterations"], 4000);
    let finish = &doc["finish"];
    let days = |p: &str| finish[p]["days"].as_i64().unwrap();
    // Planned: 20 working days; every estimate is skewed late.
    assert!(20 <= days("p50") && days("p50") < days("p80") && days("p80") < days("p95"));
    let launch = by_id(&doc["milestones"], "launch");
    assert_eq!(launch["p95"], finish["p95"]);
    let tasks = &doc["tasks"];
    assert_eq!(by_id(tasks, "spec")["criticality"], 1.0);
    assert_eq!(by_id(tasks, "docs")["criticality"], 0.0);
    // The app (8-15 days) is usually longer than the API (6-14 days).
    let app = by_id(tasks, "app")["criticality"].as_f64().unwrap();
    let api = by_id(tasks, "api")["criticality"].as_f64().unwrap();
    assert!(app > 0.5 && api > 0.0 && app > api, "app {app}, api {api}");
    let never = by_id(&doc["risks"], "docs_late");
    assert_eq!(
        (&never["fired"], &never["contribution_days"]),
        (&0.0.into(), &0.0.into())
    );
    let store = by_id(&doc["risks"], "store");
    let fired = store["fired"].as_f64().unwrap();
    assert!((fired - 0.3).abs() < 0.03, "{fired}");
}

#[test]
fn text_shows_percentiles_milestones_criticality_and_risks() {
    let out = prog(&["forecast", "--iterations", "2000", "tests/fixtures/forecast.prog"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // No progress bar when stderr is not a terminal, and the plan is clean.
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    assert!(
        text.starts_with("Mobile app launch: forecast from 2000 runs (pert, seed 1)\n"),
        "{text}"
    );
    assert!(
        text.contains("scheduled finish: 2027-03-26 (20 working days"),
        "{text}"
    );
    let finish = text
        .lines()
        .find(|l| l.starts_with("finish "))
        .expect("a finish row");
    assert_eq!(finish.matches("2027-").count(), 3, "{finish}");
    assert!(text.lines().any(|l| l.starts_with("  beta ")), "{text}");
    let row = |id: &str| text.lines().find(|l| l.split_whitespace().next() == Some(id));
    assert!(row("spec").unwrap().ends_with(" 100%"), "{text}");
    assert_eq!(row("docs"), None, "docs is never critical: {text}");
    let never = row("docs_late").unwrap();
    // Never fires, so it adds nothing: a zero, unsigned, as every report
    // writes one.
    assert!(never.ends_with("0%         -          0d"), "{never:?}");
}

#[test]
fn a_seed_reproduces_the_forecast_and_another_seed_changes_it() {
    let args = |seed| {
        stdout(&prog(&[
            "forecast",
            "--format",
            "json",
            "--iterations",
            "500",
            "--seed",
            seed,
            "tests/fixtures/forecast.prog",
        ]))
    };
    let (first, threads) = (args("7"), {
        let out = prog(&[
            "forecast",
            "--format",
            "json",
            "--iterations",
            "500",
            "--seed",
            "7",
            "--threads",
            "1",
            "tests/fixtures/forecast.prog",
        ]);
        stdout(&out)
    });
    assert_eq!(first, args("7"));
    assert_eq!(first, threads);
    assert_ne!(first, args("8"));
}

#[test]
fn the_triangular_distribution_is_chosen_by_flag() {
    let doc = json(&[
        "forecast",
        "--format",
        "json",
        "--iterations",
        "500",
        "--distribution",
        "triangular",
        "tests/fixtures/forecast.prog",
    ]);
    assert_eq!(doc["distribution"], "triangular");
}

#[test]
fn bad_arguments_are_usage_errors() {
    let out = prog(&["forecast", "--iterations", "0", "tests/fixtures/forecast.prog"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--iterations"), "{}", stderr(&out));
    let out = prog(&["forecast", "tests/fixtures/no_such_plan.prog"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no_such_plan.prog"), "{}", stderr(&out));
}

#[test]
fn from_the_status_date_with_the_chance_of_each_deadline() {
    let out = prog(&["forecast", "--iterations", "500", "examples/feature_rollout.prog"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("from the status date 2027-03-18"), "{text}");
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("build_complete "))
        .expect("a milestone row");
    // Its deadline, then the share of runs that meet it.
    assert!(row.contains(" 2027-04-23 "), "{row}");
    let chance: f64 = row
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap()
        .trim_end_matches('%')
        .parse()
        .unwrap();
    assert!((0.0..=100.0).contains(&chance), "{row}");
    // Finished work is never critical.
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with("kickoff ")),
        "{text}"
    );
}

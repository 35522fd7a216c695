//! `prog status` through the real binary, on a plan whose figures are
//! worked out by hand.

mod run;

use run::{code, git, prog, stdout};
use serde_json::{Value, json};

const PLAN: &str = "tests/fixtures/status.prog";

// Mon 2027-01-04, status date Fri 2027-01-15: now is the end of working day
// 9, 10 days in. Planned: design [0, 5], build [5, 15], ready at 15, docs
// [5, 7]. design finished on day 6 (ef 7); build is 40% done with 6 days
// left from day 10 (ef 16); docs has not started and runs [10, 12].
//
// Money (EUR): alice and bob cost 800 a day. BAC: design 4,000; build
// 8,000 + 2,000 fixed; docs 1,600: 15,600. PV at day 10: 4,000 + 5,000 +
// 1,600 = 10,600. EV: 4,000 + 40% of 10,000 = 8,000. AC: 5,600 + 5 days of
// bob = 9,600.

fn status_json() -> Value {
    let out = prog(&["status", "--format", "json", PLAN]);
    assert_eq!(code(&out), 0, "warnings only");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 0.01)
}

#[test]
fn earned_value_as_worked_out_by_hand() {
    let doc = status_json();
    assert_eq!(doc["schema"], "prog-status/2");
    assert_eq!(doc["status_date"], "2027-01-15");
    assert_eq!(
        (doc["unit"].as_str(), doc["currency"].as_str()),
        (Some("money"), Some("EUR"))
    );
    let p = &doc["program"];
    let expected = [
        ("bac", 15_600.0),
        ("pv", 10_600.0),
        ("ev", 8_000.0),
        ("ac", 9_600.0),
        ("sv", -2_600.0),
        ("cv", -1_600.0),
        ("spi", 8_000.0 / 10_600.0),
        ("cpi", 8_000.0 / 9_600.0),
        // BAC / CPI
        ("eac", 18_720.0),
        // AC + (BAC − EV)
        ("eac_at_budget", 17_200.0),
        // AC + 7,600 / (CPI × SPI)
        (
            "eac_cpi_spi",
            9_600.0 + 7_600.0 / (8_000.0 / 9_600.0 * 8_000.0 / 10_600.0),
        ),
        ("etc", 9_120.0),
        ("vac", -3_120.0),
        ("tcpi", 7_600.0 / 6_000.0),
        // The PV curve: 800/day to day 5 (4,000), 1,800/day to day 7
        // (7,600), then 1,000/day: 8,000 at day 7.4.
        ("es", 7.4),
        ("at", 10.0),
        ("spi_t", 0.74),
        ("sv_t", -2.6),
        ("ieac_t", 15.0 / 0.74),
    ];
    for (key, value) in expected {
        assert!(close(&p[key], value), "{key} = {}, expected {value}", p[key]);
    }
    let build = doc["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "build")
        .unwrap();
    assert_eq!(build["status"], "in_progress");
    assert!(close(&build["bac"], 10_000.0) && close(&build["pv"], 5_000.0) && close(&build["ac"], 4_000.0));
    assert!(close(&build["spi"], 0.8) && close(&build["cpi"], 1.0));
}

#[test]
fn dates_milestones_late_and_next() {
    let doc = status_json();
    assert_eq!(doc["plan"]["planned_finish"], "2027-01-22");
    assert_eq!(doc["plan"]["forecast_finish"], "2027-01-25");
    assert_eq!(doc["plan"]["finish_variance_days"], 1.0);
    assert_eq!(
        doc["milestones"],
        json!([{"id": "ready", "title": "Ready", "planned": "2027-01-22", "forecast": "2027-01-25",
                "p80": null, "deadline": "2027-01-29", "p_meet_deadline": 1.0, "done": false,
                "baseline": null, "owner": null, "moved_since_days": null}])
    );
    assert_eq!(
        doc["late"],
        // docs runs [10, 12] in the forecast, the program ends at 16: 4
        // working days of float.
        json!([{"id": "docs", "title": "Docs", "milestone": false, "late_to": "finish", "planned": "2027-01-12",
                "status": "not_started", "progress": 0, "forecast_finish": "2027-01-19",
                "owner": "alice", "float_days": 4.0}])
    );
    let next: Vec<(String, String)> = doc["next"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap().to_string(),
                format!("{} {}", e["id"].as_str().unwrap(), e["event"].as_str().unwrap()),
            )
        })
        .collect();
    let expected = [
        ("2027-01-18", "docs start"),
        ("2027-01-19", "docs finish"),
        ("2027-01-25", "build finish"),
        ("2027-01-25", "ready reached"),
    ];
    assert_eq!(next, expected.map(|(d, e)| (d.to_string(), e.to_string())));
    assert_eq!(doc["critical_path"], json!(["build", "ready"]));
}

#[test]
fn ratings_and_their_reasons() {
    let rag = status_json()["rag"].clone();
    let rating = |area: &str| {
        (
            rag[area]["level"].as_str().unwrap().to_string(),
            rag[area]["reason"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(
        rating("schedule"),
        (
            "red".into(),
            "SPI(t) 0.74; finish forecast 1 working day later than planned.".into()
        )
    );
    assert_eq!(
        rating("cost"),
        ("red".into(), "CPI 0.83; forecast EUR 3,120 over budget.".into())
    );
    assert_eq!(rating("risks").0, "green");
    assert_eq!(
        rating("approvals"),
        ("red".into(), "Overdue on the critical path: `go`.".into())
    );
    assert_eq!(rating("resources").0, "green");
    assert_eq!(
        rating("overall"),
        ("red".into(), "Schedule, Cost, Approvals are red.".into())
    );
}

#[test]
fn markdown_and_html_read_the_same_figures() {
    let md = stdout(&prog(&["status", PLAN]));
    assert!(
        md.starts_with("# Status: Launch\n\nStatus date 2027-01-15."),
        "{md}"
    );
    assert!(
        md.contains("**Overall: 🔴 red.** Schedule, Cost, Approvals are red."),
        "{md}"
    );
    assert!(md.contains("| EAC | EUR 18,720 | BAC / CPI |"), "{md}");
    assert!(
        md.contains("| Ready (ready) | — | 2027-01-22 | 2027-01-25 | — | 2027-01-29 | 100% | — | — |"),
        "{md}"
    );
    assert!(
        md.contains(
            "| Docs (docs) | `alice` | should have finished by 2027-01-12 (not started) | 2027-01-19 | \
             nothing for 4 working days of float |"
        ),
        "{md}"
    );
    assert!(md.contains("`build` → `ready`"), "{md}");

    let out = std::env::temp_dir().join(format!("prog-status-{}.html", std::process::id()));
    let run = prog(&["status", "--format", "html", "-o", out.to_str().unwrap(), PLAN]);
    assert_eq!(code(&run), 0);
    let html = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).ok();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<span class=\"rag red\">red</span>"));
    assert!(html.contains("EUR 18,720") && !html.contains("<script"));
}

#[test]
fn the_schedule_json_carries_progress_beside_the_contract() {
    let out = prog(&["schedule", "--format", "json", PLAN]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["status_date"], "2027-01-15");
    assert_eq!(doc["planned_finish"], "2027-01-22");
    assert_eq!(doc["finish"], "2027-01-25");
    let build = &doc["tasks"][1];
    assert_eq!(build["id"], "build");
    assert_eq!(
        (build["es"].as_f64(), build["ef"].as_f64()),
        (Some(5.0), Some(16.0))
    );
    assert_eq!(build["status"], "in_progress");
    assert!(close(&build["progress"], 0.4));
    assert_eq!(
        (build["planned_start"].as_str(), build["planned_finish"].as_str()),
        (Some("2027-01-11"), Some("2027-01-22"))
    );
    assert_eq!(doc["tasks"][0]["status"], "done");
    assert_eq!(doc["tasks"][0]["critical"], false);
}

#[test]
fn the_tracked_example_reads_as_a_report() {
    let out = prog(&["status", "examples/feature_rollout.prog"]);
    assert_eq!(code(&out), 0);
    let md = stdout(&out);
    for section in [
        "## Finish",
        "## Earned value",
        "## Milestones",
        "## Late",
        "## Next two weeks",
        "## Critical path from 2027-03-18",
    ] {
        assert!(md.contains(section), "{section} missing:\n{md}");
    }
    // Every table names work one way, its title with its id.
    assert!(
        md.contains("| Threat model for card data flows (threat\\_model) | ⚠ no owner | should have finished by 2027-03-18 (40% done) |"),
        "the late threat model: {md}"
    );
    assert!(
        md.contains("| 2027-03-26 | Threat model for card data flows (threat\\_model) | finish |"),
        "{md}"
    );
}

#[test]
fn a_status_date_before_the_start_measures_no_time() {
    // Status date Fri 2027-01-01, the program starts Mon 4th: no actual time
    // has passed, so AT, ES, SV(t), SPI(t) and IEAC(t) are null, not -1
    // working days and a negative index.
    let plan = run::temp_file(
        "before.prog",
        "program p { start 2027-01-04  status_date 2027-01-01 }\ntask t { duration 5d }\n",
    );
    let out = prog(&["status", "--format", "json", plan.to_str().unwrap()]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    for field in ["at", "es", "sv_t", "spi_t", "ieac_t"] {
        assert_eq!(doc["program"][field], Value::Null, "{field}: {}", doc["program"]);
    }
}

#[test]
fn one_working_day_is_singular() {
    // The fixture's finish moves from Fri 22nd to Mon 25th: one working day.
    let md = stdout(&prog(&["status", "tests/fixtures/status.prog"]));
    assert!(
        md.contains("| 2027-01-22 | 2027-01-25 | +1 working day |"),
        "{md}"
    );
}

#[test]
fn the_executive_summary_is_made_from_the_facts() {
    let doc = status_json();
    // Overall red, and why: the three red areas with the reasons the
    // ratings table gives them (checked by the rating tests); finish 22nd
    // → 25th is one working day; SPI 8,000 / 10,600 = 0.75, CPI 8,000 /
    // 9,600 = 0.83; docs is the one late task (forecast to finish Tue
    // 19th); `go` is pending, due the 14th.
    assert_eq!(
        doc["summary"],
        json!([
            "Overall red because of the schedule (SPI(t) 0.74; finish forecast 1 working day later than planned), cost (CPI 0.83; forecast EUR 3,120 over budget) and approvals (overdue on the critical path: go); the finish is forecast for 2027-01-25 against 2027-01-22 planned (+1 working day), with SPI 0.75 and CPI 0.83.",
            "1 task is late; the latest to finish is Docs (docs), forecast for 2027-01-19.",
            "Needed from you: 1 pending approval (Go (go)), the first due 2027-01-14."
        ])
    );
    assert_eq!(
        doc["decisions"],
        json!([{"id": "go", "title": "Go", "status": "pending", "approvers": ["alice"],
                "due": "2027-01-14", "gates": ["ready"]}])
    );
    let md = stdout(&prog(&["status", PLAN]));
    let summary = md.find("## Summary").expect("a summary");
    assert!(
        summary < md.find("## Earned value").unwrap(),
        "the summary leads: {md}"
    );
    assert!(
        md.contains("| Go (go) | pending | `alice` | 2027-01-14 | `ready` |"),
        "{md}"
    );
}

#[test]
fn each_workstream_is_rated_in_every_format() {
    // web holds a: 10 days, 25% done, 5 person-days spent, 5 days in. In
    // person-days: BAC 10, PV 5, EV 2.5, AC 5: SPI 0.50, CPI 0.50, red.
    let plan = run::temp_file(
        "workstreams.prog",
        "program p { start 2027-01-04  status_date 2027-01-08 }\n\
         group web \"Web\" {\n  task a { duration 10d  progress 25%  actual_effort 5d }\n}\n",
    );
    let path = plan.to_str().unwrap();
    let doc: Value = serde_json::from_slice(&prog(&["status", "--format", "json", path]).stdout).unwrap();
    assert_eq!(
        doc["workstreams"],
        json!([{"id": "web", "title": "Web", "level": "red", "spi": 0.5, "cpi": 0.5}])
    );
    let md = stdout(&prog(&["status", path]));
    assert!(md.contains("| Web (web) | 🔴 red | 0.50 | 0.50 |"), "{md}");
    let html = stdout(&prog(&["status", "--format", "html", path]));
    assert!(
        html.contains("<h2>Workstreams</h2>") && html.contains("Web (web)"),
        "{html}"
    );
}

#[test]
fn top_risks_by_exposure_flag_what_is_missing() {
    // slow: 50% × 4d = 2.0 working days; outage: 10% × 10d = 1.0, with no
    // owner and no mitigation.
    let plan = run::temp_file(
        "risks.prog",
        "program p { start 2027-01-04  status_date 2027-01-05 }\n\
         person a { capacity 100% }\n\
         task t { duration 10d  owner a }\n\
         risk outage { probability 10%  impact 10d  affects t }\n\
         risk slow \"Vendor slow\" { probability 50%  impact 4d  affects t  owner a  mitigation \"second vendor\" }\n",
    );
    let path = plan.to_str().unwrap();
    let doc: Value = serde_json::from_slice(&prog(&["status", "--format", "json", path]).stdout).unwrap();
    let risks = doc["top_risks"].as_array().unwrap();
    let row = |r: &Value| {
        (
            r["id"].as_str().unwrap().to_string(),
            r["exposure_days"].as_f64().unwrap(),
            r["unowned"].as_bool().unwrap(),
            r["unmitigated"].as_bool().unwrap(),
        )
    };
    assert_eq!(
        risks.iter().map(row).collect::<Vec<_>>(),
        [
            ("slow".to_string(), 2.0, false, false),
            ("outage".to_string(), 1.0, true, true)
        ]
    );
    assert!(
        risks
            .iter()
            .all(|r| r["adds_days"].as_f64().is_some_and(|d| d >= 0.0))
    );
    assert!(
        doc["summary"].as_array().unwrap().contains(&json!(
            "The top risk, Vendor slow (slow), is being handled by a: second vendor."
        )),
        "{}",
        doc["summary"]
    );
    let md = stdout(&prog(&["status", path]));
    assert!(
        md.contains("| Vendor slow (slow) | `a` | second vendor | 2.0 working days |"),
        "{md}"
    );
    assert!(
        md.contains("| outage | ⚠ no owner | ⚠ no mitigation | 1.0 working day |"),
        "{md}"
    );
}

/// Week 1 and week 2 of a small tracked plan: `build` (10 days, no rates,
/// so person-days) at its own status date each week.
fn week(status_date: &str, tracking: &str) -> String {
    format!(
        "program p {{ start 2027-01-04  status_date {status_date} }}\n\
         task build {{ duration 10d  {tracking} }}\n\
         milestone ready {{ after build }}\n"
    )
}

/// A git repository in a temporary folder with week 1 committed and week
/// 2 in the working tree.
fn two_weeks(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("prog-status-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("plan.prog");
    std::fs::write(&plan, week("2027-01-08", "progress 50%  actual_effort 5d")).unwrap();
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "plan.prog"]);
    git(&dir, &["commit", "-q", "-m", "week 1"]);
    std::fs::write(
        &plan,
        week("2027-01-15", "progress 60%  remaining 6d  actual_effort 10d"),
    )
    .unwrap();
    plan
}

#[test]
fn since_a_revision_says_what_moved_and_why() {
    let plan = two_weeks("since");
    let path = plan.to_str().unwrap();
    let out = prog(&["status", "--format", "json", "--since", "HEAD", path]);
    assert_eq!(code(&out), 0, "{}", run::stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let since = &doc["since"];
    // Week 1: now is the end of Fri 8th (hour 40); 50% of 80h = 40h left,
    // build ends at hour 80, Fri 15th. EV 5, PV 5, AC 5: SPI 1, CPI 1.
    // Week 2: now is the end of Fri 15th (hour 80); 6 days = 48h left, build
    // ends at hour 128, Mon 25th: 6 working days later. EV 6, PV 10, AC 10:
    // SPI 0.6, CPI 0.6.
    assert_eq!(since["rev"], "HEAD");
    assert_eq!(since["finish_moved_days"], 6.0);
    assert_eq!(since["spi"], json!({"from": 1.0, "to": 0.6}));
    assert_eq!(since["cpi"], json!({"from": 1.0, "to": 0.6}));
    assert_eq!(
        since["milestones"],
        json!([{"id": "ready", "from": "2027-01-15", "to": "2027-01-25", "moved_days": 6.0}])
    );
    assert_eq!(
        since["drivers"],
        json!([{"id": "build", "reasons": ["progress went from 50% to 60%", "has 6d left"]}])
    );
    assert_eq!(since["slipped"], json!(["build", "ready"]));
    let md = stdout(&prog(&["status", "--since", "HEAD", path]));
    assert!(md.contains("## Since HEAD"), "{md}");
    assert!(
        md.contains("Since HEAD, the finish moved +6 working days (2027-01-15 → 2027-01-25) because build progress went from 50% to 60%, has 6d left."),
        "{md}"
    );
    assert!(md.contains("| SPI | 1.00 | 0.60 |"), "{md}");
    // The milestones table carries the move since last week too.
    assert!(
        md.contains("| ready | — | 2027-01-15 | 2027-01-25 | — | — | — | — | +6 working days |"),
        "{md}"
    );

    // A revision that git would read as an option is refused.
    let out = prog(&["status", "--since=--output=x", path]);
    assert_eq!(code(&out), 2);
    assert!(
        run::stderr(&out).contains("may not start with `-`"),
        "{}",
        run::stderr(&out)
    );
}

#[test]
fn the_trend_reads_each_commit_at_its_own_status_date() {
    let plan = two_weeks("trend");
    let dir = plan.parent().unwrap();
    git(dir, &["commit", "-q", "-am", "week 2"]);
    let path = plan.to_str().unwrap();
    let out = prog(&["status", "--format", "json", "--trend", "5", path]);
    assert_eq!(code(&out), 0, "{}", run::stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Two commits changed the plan, oldest first. In person-days: week 1
    // EV 5, PV 5, AC 5, SPI 1, CPI 1, ES 5 of AT 5 days (SPI(t) 1), finish
    // Fri 15th; week 2 EV 6, PV 10, AC 10, SPI 0.6, CPI 0.6, ES 6 of AT 10
    // (SPI(t) 0.6), finish Mon 25th.
    let points: Vec<Value> = doc["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            json!([
                p["status_date"],
                p["ev"],
                p["pv"],
                p["ac"],
                p["spi"],
                p["cpi"],
                p["spi_t"],
                p["forecast_finish"]
            ])
        })
        .collect();
    assert_eq!(
        points,
        [
            json!(["2027-01-08", 5.0, 5.0, 5.0, 1.0, 1.0, 1.0, "2027-01-15"]),
            json!(["2027-01-15", 6.0, 10.0, 10.0, 0.6, 0.6, 0.6, "2027-01-25"])
        ]
    );
    // The HTML draws SPI and CPI as lines on a 0-1.2 scale (the largest
    // figure is below 1.2): 112 pixels of height between y 136 (0) and 24;
    // 1.0 is at 136 - 112 / 1.2 = 42.7, 0.6 at 136 - 56 = 80; the two
    // commits at x 24 and 456.
    let html = stdout(&prog(&["status", "--format", "html", "--trend", "5", path]));
    for line in ["spi", "cpi"] {
        assert!(
            html.contains(&format!("class=\"{line}\" fill=\"none\""))
                && html.contains("points=\"24.0,42.7 456.0,80.0\""),
            "{html}"
        );
    }
    // EV, PV and AC on their own chart, from 0 to the largest (PV and AC
    // 10): EV 5 → 136 - 112 × 5 / 10 = 80, 6 → 136 - 67.2 = 68.8; PV and
    // AC 5 → 80, 10 → 24.
    for (line, points) in [
        ("ev", "24.0,80.0 456.0,68.8"),
        ("pv", "24.0,80.0 456.0,24.0"),
        ("ac", "24.0,80.0 456.0,24.0"),
    ] {
        assert!(
            html.contains(&format!(
                "class=\"{line}\" fill=\"none\" stroke=\"#{}\" stroke-width=\"2\" points=\"{points}\"",
                match line {
                    "ev" => "2e8b57",
                    "pv" => "888",
                    _ => "c0392b",
                }
            )),
            "{line}: {html}"
        );
    }
    let md = stdout(&prog(&["status", "--trend", "5", path]));
    assert!(md.contains("## Trend"), "{md}");
    assert!(
        md.contains("| 2027-01-15 | 6.0 person-days | 10.0 person-days | 10.0 person-days | 0.60 | 0.60 | 0.60 | 2027-01-25 |"),
        "{md}"
    );
}

#[test]
fn the_tracked_example_has_a_second_week_in_git() {
    // The example at its status date (week 1), then a week later with the
    // threat model finished (week 2), both committed.
    let dir = std::env::temp_dir().join(format!("prog-status-{}-example", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = run::root().join("examples");
    for file in ["feature_rollout.prog", "rollout_teams.prog"] {
        std::fs::copy(root.join(file), dir.join(file)).unwrap();
    }
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "week 1"]);
    let plan = dir.join("feature_rollout.prog");
    let week1 = std::fs::read_to_string(&plan).unwrap();
    let week2 = week1
        .replace("status_date 2027-03-18", "status_date 2027-03-25")
        .replace(
            "progress 40%\n    actual_start 2027-03-15\n    actual_effort 12h\n    remaining 3d",
            "progress 100%\n    actual_start 2027-03-15\n    actual_finish 2027-03-22\n    actual_effort 2d",
        )
        .replace(
            "probability 40%\n  impact 5d\n  affects pay_provider",
            "probability 20%\n  impact 5d\n  affects pay_provider",
        );
    assert_ne!(week1, week2, "the example changed: update this test's edit");
    std::fs::write(&plan, week2).unwrap();
    git(&dir, &["commit", "-q", "-am", "week 2"]);
    let path = plan.to_str().unwrap();
    let out = prog(&[
        "status", "--format", "json", "--since", "HEAD~1", "--trend", "2", path,
    ]);
    assert_eq!(code(&out), 0, "{}", run::stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["since"]["rev"], "HEAD~1");
    assert_eq!(doc["since"]["finished"], json!(["threat_model"]));
    // The sandbox risk: 40% × 5d = 2.0 exposure, now 20% × 5d = 1.0.
    assert_eq!(doc["since"]["risks"], json!([["provider_sandbox", "down"]]));
    let sandbox = doc["top_risks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "provider_sandbox")
        .expect("still a top risk");
    assert_eq!(
        (sandbox["exposure_days"].as_f64(), sandbox["trend"].as_str()),
        (Some(1.0), Some("down"))
    );
    let dates: Vec<&str> = doc["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status_date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2027-03-18", "2027-03-25"]);
    let md = stdout(&prog(&["status", "--since", "HEAD~1", "--trend", "2", path]));
    // `~` is escaped in Markdown (it would strike text through).
    assert!(
        md.contains("## Since HEAD\\~1") && md.contains("## Trend"),
        "{md}"
    );
}

#[test]
fn the_report_s_curve_runs_through_past_commits() {
    let plan = two_weeks("scurve");
    git(plan.parent().unwrap(), &["commit", "-q", "-am", "week 2"]);
    let path = plan.to_str().unwrap();
    // The EV line's points: through week 1's EV at its status date first
    // (by default, the plan being in git), or from zero straight to now.
    let ev_points = |args: &[&str], plan: &str| {
        let html = stdout(&prog(&[&["report", "--format", "html"], args, &[plan]].concat()));
        let at = html.find("<polyline class=\"ev\" points=\"").expect("an EV line") + 29;
        let end = at + html[at..].find('"').unwrap();
        html[at..end].split(' ').count()
    };
    assert_eq!(ev_points(&[], path), 3);
    assert_eq!(ev_points(&["--trend", "5"], path), 3);
    assert_eq!(ev_points(&["--trend", "0"], path), 2);
    // Outside git, silently from zero.
    let loose = run::temp_file("scurve-loose.prog", std::fs::read_to_string(&plan).unwrap());
    assert_eq!(ev_points(&[], loose.to_str().unwrap()), 2);
}

#[test]
fn a_report_for_a_stakeholder() {
    let plan = run::temp_file(
        "audience.prog",
        "program p { start 2027-01-04  status_date 2027-01-08 }\n\
         task t { duration 5d }\n\
         milestone m { after t }\n\
         stakeholder cfo { interest m  cadence weekly  format summary }\n",
    );
    let plan = plan.to_str().unwrap();
    let out = prog(&["status", "--for", "cfo", plan]);
    assert_eq!(code(&out), 0);
    let md = stdout(&out);
    assert!(md.contains("## Summary") && !md.contains("## Finish"), "{md}");
    let out = prog(&["status", "--for", "ceo", plan]);
    assert_eq!(code(&out), 2);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no stakeholder `ceo` in the plan (stakeholders: cfo)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn days_blocked_count_from_the_first_commit_it_is_blocked_in() {
    // Week 1 (status date Fri 2027-01-08): `t` is not blocked. Week 2
    // (Fri 15th): blocked, without `blocked_since`. Week 3 (Fri 22nd): still
    // blocked. At the 22nd it has been blocked since the 15th: 7 days.
    let dir = std::env::temp_dir().join(format!("prog-status-{}-blocked", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("plan.prog");
    let week = |date: &str, blocked: &str| {
        format!(
            "program p {{ start 2027-01-04  status_date {date} }}\n\
             task t {{ duration 20d  actual_start 2027-01-04  progress 20% {blocked} }}\n"
        )
    };
    git(&dir, &["init", "-q"]);
    std::fs::write(&plan, week("2027-01-08", "")).unwrap();
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "week 1"]);
    std::fs::write(&plan, week("2027-01-15", " blocked \"no access\"")).unwrap();
    git(&dir, &["commit", "-q", "-am", "week 2"]);
    std::fs::write(&plan, week("2027-01-22", " blocked \"no access\"")).unwrap();
    git(&dir, &["commit", "-q", "-am", "week 3"]);
    let out = prog(&["status", "--format", "json", plan.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", run::stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let blocked = &doc["blocked"][0];
    assert_eq!(blocked["id"], "t");
    assert_eq!(blocked["since"], "2027-01-15");
    assert_eq!(blocked["days_blocked"], 7);
    assert_eq!(blocked["since_from_history"], true);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_summary_counts_late_tasks_and_milestones_apart() {
    // Status date Fri 8th: `a` (5 days from Mon 4th) should have finished
    // and has not started; `m` after it was due on the 8th as well.
    let plan = run::temp_file(
        "late-kinds.prog",
        "program p { start 2027-01-04  status_date 2027-01-08 }\n\
         task a { duration 5d }\nmilestone m { after a }\n",
    );
    let doc: Value =
        serde_json::from_slice(&prog(&["status", "--format", "json", plan.to_str().unwrap()]).stdout)
            .unwrap();
    assert!(
        doc["summary"].as_array().unwrap().iter().any(|s| s
            .as_str()
            .unwrap()
            .starts_with("1 task and 1 milestone are late;")),
        "{}",
        doc["summary"]
    );
}

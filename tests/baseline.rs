//! Baselines through the real binary: taking one, change control, and the
//! variance every command shows against it.

mod run;

use std::path::{Path, PathBuf};

use run::{code, git, prog, stderr, stdout};
use serde_json::Value;

const PLAN: &str = include_str!("fixtures/status.prog");

/// A folder of its own holding `plan.prog` with `text`.
fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prog-baseline-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plan.prog"), text).unwrap();
    dir
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn a_baseline_freezes_the_schedule() {
    let dir = scratch("freeze", PLAN);
    let file = dir.join("march.json");
    let out = prog(&[
        "baseline",
        s(&dir.join("plan.prog")),
        "-o",
        s(&file),
        "--name",
        "March",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let base: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(base["format"], "prog-baseline/1");
    assert_eq!(base["name"], "March");
    assert_eq!(base["approval"], Value::Null);
    assert!(base["plan_hash"].as_str().unwrap().starts_with("fnv1a:"));
    // The forecast at the status date: finish Mon 2027-01-25.
    assert_eq!(base["finish"], "2027-01-25");
    let ids: Vec<&str> = base["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["design", "build", "ready", "docs"]);
    // build: 800 a day for 10 days, plus 2,000.
    assert_eq!(base["tasks"][1]["bac"], 10_000.0);
}

#[test]
fn a_rebaseline_needs_an_approved_change_request() {
    let dir = scratch("approval", PLAN);
    let plan = dir.join("plan.prog");
    let file = dir.join("b.json");
    let out = prog(&["baseline", s(&plan), "-o", s(&file), "--approval", "go"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("approval `go` (Go) is pending: a rebaseline needs it `approved`"),
        "{}",
        stderr(&out)
    );
    assert!(!file.exists(), "nothing written");
    let out = prog(&["baseline", s(&plan), "-o", s(&file), "--approval", "cr_9"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("there is no approval `cr_9`"),
        "{}",
        stderr(&out)
    );

    let approved = PLAN.replace("status pending  due 2027-01-14", "status approved");
    let dir = scratch("approved", &approved);
    let out = prog(&[
        "baseline",
        s(&dir.join("plan.prog")),
        "-o",
        s(&file),
        "--approval",
        "go",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let base: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(base["approval"], "go");
}

/// The fixture baselined, then build grown from 10 to 13 days.
fn grown() -> PathBuf {
    let dir = scratch("variance", PLAN);
    let out = prog(&[
        "baseline",
        s(&dir.join("plan.prog")),
        "-o",
        s(&dir.join("b.json")),
        "--name",
        "v1",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = PLAN
        .replace("currency \"EUR\"", "currency \"EUR\"\n  baseline \"b.json\"")
        .replace("duration 10d  owner bob", "duration 13d  owner bob")
        .replace(
            "task docs",
            "task extra \"Extra\" { duration 1d  owner alice  after design }\ntask docs",
        );
    std::fs::write(dir.join("plan.prog"), text).unwrap();
    dir.join("plan.prog")
}

#[test]
fn variance_against_the_active_baseline() {
    let plan = grown();
    let out = prog(&["schedule", "--format", "json", s(&plan)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    // 60% of 13 days is 62.4 hours, rounded up to 63 from day 10: build
    // ends during day 17 (Wed 27th) against day 15 (Mon 25th): +2.
    assert_eq!(doc["baseline_finish"], "2027-01-25");
    assert_eq!(doc["finish_variance"], 2.0);
    let build = &doc["tasks"][1];
    assert_eq!(
        (
            build["baseline_start"].as_str(),
            build["baseline_finish"].as_str()
        ),
        (Some("2027-01-11"), Some("2027-01-25"))
    );
    assert_eq!(
        (
            build["start_variance"].as_f64(),
            build["finish_variance"].as_f64()
        ),
        (Some(0.0), Some(2.0))
    );
    let extra = doc["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "extra")
        .unwrap();
    assert!(extra.get("baseline_start").is_none(), "added since: {extra}");

    let text = stdout(&prog(&["schedule", s(&plan)]));
    assert!(text.contains("baseline \"v1\" of "), "{text}");
    assert!(text.contains("finish 2027-01-25 (now +2d)"), "{text}");

    let md = stdout(&prog(&["status", s(&plan)]));
    assert!(md.contains("## Since the baseline"), "{md}");
    assert!(
        md.contains("finish 2027-01-25 → 2027-01-27 (+2 working days)"),
        "{md}"
    );
    assert!(
        md.contains("| `ready` | 2027-01-25 | 2027-01-27 | +2 working days |"),
        "{md}"
    );
    assert!(md.contains("Added since the baseline: `extra`."), "{md}");

    let report = stdout(&prog(&["report", "--format", "md", s(&plan)]));
    assert!(report.contains("## Since the baseline"), "{report}");
}

#[test]
fn a_baseline_that_cannot_be_used_is_a_located_error() {
    let text = PLAN.replace("currency \"EUR\"", "currency \"EUR\"\n  baseline \"gone.json\"");
    let line = 1 + text.lines().position(|l| l.contains("baseline")).unwrap();
    let dir = scratch("broken", &text);
    let plan = dir.join("plan.prog");
    let out = prog(&["schedule", s(&plan)]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(
        err.contains("error[P117]: baseline `gone.json`:") && err.contains("gone.json: no such file"),
        "{err}"
    );
    assert!(
        err.contains(&format!("plan.prog:{line}:12")),
        "located at the path: {err}"
    );
    let check = prog(&["check", s(&plan)]);
    assert_eq!(code(&check), 1, "`prog check` finds it too");
    assert!(stderr(&check).contains("error[P117]"), "{}", stderr(&check));
    assert!(stdout(&out).contains("design"), "the schedule is still printed");

    std::fs::write(dir.join("gone.json"), "{\"format\": \"prog-baseline/2\"}").unwrap();
    let err = stderr(&prog(&["status", s(&plan)]));
    assert!(
        err.contains("baseline format `prog-baseline/2` is not supported"),
        "{err}"
    );

    let out = prog(&["schedule", "--baseline", "no/such.json", s(&plan)]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("--baseline no/such.json: no/such.json: no such file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_git_revision_is_a_baseline() {
    let dir = scratch("git", PLAN);
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "plan.prog"]);
    git(&dir, &["commit", "-q", "-m", "v1"]);
    let plan = dir.join("plan.prog");
    std::fs::write(
        &plan,
        PLAN.replace("duration 10d  owner bob", "duration 13d  owner bob"),
    )
    .unwrap();
    let out = prog(&["schedule", "--format", "json", "--baseline", "git:HEAD", s(&plan)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    // As against a baseline file of the committed plan: +2 working days.
    assert_eq!(doc["baseline_finish"], "2027-01-25");
    assert_eq!(doc["finish_variance"], 2.0);
    assert!(
        std::fs::read_to_string(&plan).unwrap().contains("13d"),
        "the working tree is untouched"
    );
    let out = prog(&["schedule", "--baseline", "git:nope", s(&plan)]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("--baseline git:nope: nope: no such revision"),
        "{}",
        stderr(&out)
    );
}

/// `task t` baselined at 10 days, then re-estimated at 20 with a quarter
/// done and 500 spent; `extra` added since the baseline.
const REESTIMATED: &str = r#"program p {
  start 2027-01-04
  status_date 2027-01-08
  baseline "b.json"
}
person a { rate 100/d }
task t { duration 20d  owner a  progress 25%  actual_cost 500 }
task extra "Extra" { duration 2d  owner a  after t  actual_cost 30 }
"#;

#[test]
fn a_re_estimate_shows_as_an_overrun_against_the_baseline() {
    let dir = scratch(
        "reestimate",
        "program p { start 2027-01-04 }\nperson a { rate 100/d }\ntask t { duration 10d  owner a }\n",
    );
    let plan = dir.join("plan.prog");
    let out = prog(&["baseline", s(&plan), "-o", s(&dir.join("b.json"))]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    std::fs::write(&plan, REESTIMATED).unwrap();
    let out = prog(&["status", "--format", "json", s(&plan)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["schema"], "prog-status/2");
    let p = &status["program"];
    // The baseline's budget: 10 days × 100 = 1,000, whatever the plan says
    // now. Fri 8th ends the 5th working day: PV = 5/10 × 1,000 = 500.
    // EV = 25% × 1,000 = 250; AC 500; CPI = 250 / 500 = 0.5;
    // EAC = 1,000 / 0.5 = 2,000; VAC = 1,000 − 2,000 = −1,000.
    // `extra` is in none of them (its 30 spent neither).
    let figures: Vec<f64> = ["bac", "pv", "ev", "ac", "cpi", "eac", "vac"]
        .iter()
        .map(|f| p[f].as_f64().unwrap())
        .collect();
    assert_eq!(figures, [1000.0, 500.0, 250.0, 500.0, 0.5, 2000.0, -1000.0]);
    assert_eq!(status["tasks"][0]["bac"], 1000.0);
    assert_eq!(status["rag"]["cost"]["level"], "red");
    // extra: 2 days × 100 by the current plan, 30 spent.
    assert_eq!(
        p["unbudgeted"],
        serde_json::json!([{"id": "extra", "title": "Extra", "estimate": 200.0, "ac": 30.0}])
    );
    let md = stdout(&prog(&["status", s(&plan)]));
    assert!(md.contains("| Extra (extra) | 200 | 30 |"), "{md}");
    // The burndown of `prog report` starts from the same budget.
    let report = prog(&["report", "--format", "json", s(&plan)]);
    let report: Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(report["burndown"]["total"], 1000.0);
    assert_eq!(report["burndown"]["actual_remaining"], 750.0);
    // The report's key figures say what they leave out.
    for format in ["md", "html"] {
        let text = stdout(&prog(&["report", "--format", format, s(&plan)]));
        assert!(
            text.contains(
                "Unbudgeted scope: 1 task added since the baseline, estimate 200, in none of these figures: Extra (extra)."
            ),
            "{format}: {text}"
        );
    }
}

/// build runs to Fri 2027-01-15 against a deadline of Wed 13th.
const SLIPPING: &str = r#"program p { start 2027-01-04 }
person a { capacity 100% }
task build { duration 10d  owner a }
milestone ready { after build  deadline 2027-01-13 }
approval cr "Scope change" { gates ready  approvers a  status approved }
"#;

#[test]
fn a_missed_deadline_is_a_finding_that_does_not_stop_a_rebaseline() {
    let dir = scratch("slipping", SLIPPING);
    let plan = dir.join("plan.prog");
    let check = prog(&["check", s(&plan)]);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
    // Days 0-9 (Jan 4-15) against the end of day 7 (Wed 13th): 2 late.
    assert!(
        stderr(&check).contains("warning[P303]: `ready` misses its deadline 2027-01-13: it finishes 2027-01-15, 2 working days late"),
        "{}",
        stderr(&check)
    );
    let strict = prog(&["check", "--deny-warnings", s(&plan)]);
    assert_eq!(code(&strict), 1, "CI can still fail on it");
    let status = prog(&["status", s(&plan)]);
    assert_eq!(code(&status), 0, "{}", stderr(&status));
    let out = prog(&[
        "baseline",
        s(&plan),
        "-o",
        s(&dir.join("b.json")),
        "--approval",
        "cr",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    let rejected = SLIPPING.replace("status approved", "status rejected");
    std::fs::write(&plan, rejected).unwrap();
    let out = prog(&[
        "baseline",
        s(&plan),
        "-o",
        s(&dir.join("c.json")),
        "--approval",
        "cr",
    ]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("approval `cr` (Scope change) is rejected"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_baseline_of_another_program_is_refused_naming_both() {
    let dir = scratch(
        "other",
        "program other { start 2027-01-04 }\ntask t { duration 10d }\n",
    );
    let plan = dir.join("plan.prog");
    let out = prog(&["baseline", s(&plan), "-o", s(&dir.join("b.json"))]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    std::fs::write(
        &plan,
        "program p {\n  start 2027-01-04\n  status_date 2027-01-08\n  baseline \"b.json\"\n}\ntask t { duration 10d  progress 50% }\n",
    )
    .unwrap();
    let check = prog(&["check", s(&plan)]);
    assert_eq!(code(&check), 1);
    let err = stderr(&check);
    assert!(
        err.contains("error[P117]: baseline `b.json`: it is a baseline of program `other`, not of `p`"),
        "{err}"
    );
    // The status goes on without it: no variance of thousands of days.
    let out = prog(&["status", "--format", "json", s(&plan)]);
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["since_baseline"], Value::Null);
    let out = prog(&["status", "--baseline", s(&dir.join("b.json")), s(&plan)]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("it is a baseline of program `other`, not of `p`"),
        "{}",
        stderr(&out)
    );
}

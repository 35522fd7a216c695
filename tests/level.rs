//! End-to-end tests of `prog level`.

mod run;

use run::{json_task as task, prog, stderr, temp_file};

/// Alice has two tasks at once, and a milestone waits for both.
const OVERLAP: &str = r#"
program p { start 2027-01-04 }
person alice { capacity 100% }
team qa { capacity 2 }
task spec "Spec" { duration 3d  owner alice }
task docs "Docs" { duration 2d  assign alice 100% }
task tests { duration 2d  assign qa 2  after spec }
milestone ready { after docs, tests }
"#;

fn json(args: &[&str]) -> serde_json::Value {
    let out = prog(args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn json_is_the_schedule_shape_with_makespan_and_delays() {
    let path = temp_file("overlap-json.prog", OVERLAP);
    let doc = json(&["level", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(doc["start"], "2027-01-04");
    // Alice's 5 days decide the length: spec first (tests wait for it), then
    // docs while qa tests.
    assert_eq!(doc["makespan"], 5);
    assert_eq!(doc["duration_days"], 5);
    let (spec, docs, tests, ready) = (
        task(&doc, "spec"),
        task(&doc, "docs"),
        task(&doc, "tests"),
        task(&doc, "ready"),
    );
    assert_eq!(
        (&spec["es"], &spec["ef"], &spec["delay"]),
        (&0.into(), &3.into(), &0.into())
    );
    assert_eq!(
        (&docs["es"], &docs["ef"], &docs["delay"]),
        (&3.into(), &5.into(), &3.into())
    );
    assert_eq!(docs["start"], "2027-01-07");
    assert_eq!(docs["finish"], "2027-01-08");
    assert_eq!((&tests["es"], &tests["delay"]), (&3.into(), &0.into()));
    assert_eq!((&ready["es"], &ready["kind"]), (&5.into(), &"milestone".into()));
    for key in ["ls", "lf", "total_float", "free_float", "critical"] {
        assert!(docs.get(key).is_some(), "{key} missing");
    }
    assert_eq!(doc["critical_path"][0], "spec");
}

#[test]
fn text_shows_the_table_and_what_moved() {
    let path = temp_file("overlap-text.prog", OVERLAP);
    let out = prog(&[
        "level",
        path.to_str().unwrap(),
        "--seed",
        "3",
        "--schedules",
        "50",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("leveled: 5 working days (unleveled 5, without resource limits 5)"),
        "{text}"
    );
    assert!(text.contains("delayed by leveling:\n  docs  +3d\n"), "{text}");
}

/// Chen works Monday to Thursday; Bob is off Wednesday and Thursday of the
/// first week.
const CALENDARS: &str = r#"
program p { start 2027-01-04 }
calendar four { workdays mon, tue, wed, thu }
person chen { capacity 100%  calendar four }
person bob { capacity 100%  off 2027-01-06 .. 2027-01-07 }
task long { duration 10d  owner chen }
task short { duration 5d  owner bob }
"#;

#[test]
fn work_follows_a_part_week_calendar_and_stretches_over_leave() {
    let path = temp_file("calendars.prog", CALENDARS);
    let doc = json(&["level", "--format", "json", path.to_str().unwrap()]);
    // Chen's ten days: Jan 4-7, 11-14, 18-19 (program days 0 to 11).
    let long = task(&doc, "long");
    assert_eq!(
        (&long["start"], &long["finish"]),
        (&"2027-01-04".into(), &"2027-01-19".into())
    );
    assert_eq!((&long["es"], &long["ef"]), (&0.into(), &12.into()));
    // Bob's five: Jan 4-5, then 8, 11, 12 after his leave.
    let short = task(&doc, "short");
    assert_eq!(
        (&short["start"], &short["finish"]),
        (&"2027-01-04".into(), &"2027-01-12".into())
    );
    assert_eq!(doc["makespan"], 12);
}

#[test]
fn check_and_level_both_warn_about_a_part_time_owner() {
    // An 80% person as owner is booked at 100%: over-allocated, not
    // impossible. Both commands say so and go on.
    let plan = "program p { start 2027-01-04 }\nperson ann { capacity 80% }\n\
                task a { duration 2d  owner ann }\ntask b { duration 1d  assign ann 50% }\n";
    let path = temp_file("part-time-owner.prog", plan);
    let check = prog(&["check", path.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains("P302") || stderr(&check).contains("P302"));
    let out = prog(&["level", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("warning: task `a` needs 100% of `ann`, which has 80%: leveled as taking all of it"),
        "{}",
        stderr(&out)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // `a` takes all of ann: `b` goes before or after it, three days in all.
    assert_eq!(doc["makespan"], 3);
}

#[test]
fn the_contract_example_levels_without_change_in_shape() {
    let doc = json(&["level", "--format", "json", "tests/fixtures/contract.prog"]);
    let plain = json(&["schedule", "--format", "json", "tests/fixtures/contract.prog"]);
    let ids = |d: &serde_json::Value| -> Vec<serde_json::Value> {
        d["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].clone())
            .collect()
    };
    assert_eq!(ids(&doc), ids(&plain));
    assert!(doc["makespan"].as_f64().unwrap() >= plain["duration_days"].as_f64().unwrap());
}

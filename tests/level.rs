//! End-to-end tests of `prog level`.

mod run;

use run::{prog, stderr, temp_file};

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

fn task<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap()
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

#[test]
fn an_impossible_demand_is_an_error_naming_task_and_resource() {
    let path = temp_file(
        "impossible.prog",
        "program p { start 2027-01-04 }\nteam qa { capacity 2 }\ntask big { duration 2d  assign qa 3 }\n",
    );
    let out = prog(&["level", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("task `big` needs 3 (people) of `qa`, which has 2 (people) at most"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
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

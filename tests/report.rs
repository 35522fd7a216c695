//! End-to-end tests of `prog report`: formats, output files, exit codes.

mod run;

use run::{code, prog, stdout};

const EXAMPLE: &str = "examples/feature_rollout.prog";
const HOSTILE: &str = "tests/fixtures/report/hostile.prog";

#[test]
fn html_is_the_default_and_goes_to_stdout() {
    let out = prog(&["report", EXAMPLE]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..100]);
    assert!(html.contains("Unified checkout rollout"));
}

#[test]
fn output_goes_to_the_named_file() {
    let dir = std::env::temp_dir().join(format!("prog-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("plan.csv");
    let out = prog(&["report", EXAMPLE, "--format", "csv", "-o", file.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(csv.starts_with(
        "id,title,group,owner,start,finish,es,ef,ls,lf,total_float,free_float,critical,\
             responsible,accountable,consulted,informed\n"
    ));
    // One row per task, milestone and group, after the header.
    let schedule = prog(&["schedule", "--format", "json", EXAMPLE]);
    let doc: serde_json::Value = serde_json::from_slice(&schedule.stdout).unwrap();
    assert_eq!(csv.lines().count(), doc["tasks"].as_array().unwrap().len() + 1);
}

#[test]
fn json_carries_the_schedule_and_a_schema_version() {
    let out = prog(&["report", "--format", "json", EXAMPLE]);
    assert_eq!(code(&out), 0);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let schedule = prog(&["schedule", "--format", "json", EXAMPLE]);
    let schedule: serde_json::Value = serde_json::from_slice(&schedule.stdout).unwrap();
    assert_eq!(report["schema_version"], 2);
    assert_eq!(report["critical_path"], schedule["critical_path"]);
    assert_eq!(report["program"]["finish"], schedule["finish"]);
    // Every task has the schedule's fields, with the same values.
    for (r, s) in report["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .zip(schedule["tasks"].as_array().unwrap())
    {
        for (key, value) in s.as_object().unwrap() {
            assert_eq!(&r[key], value, "{key} of {}", s["id"]);
        }
    }
}

#[test]
fn a_plan_that_misses_its_deadline_still_reports_and_exits_0() {
    let out = prog(&["report", "--format", "json", HOSTILE]);
    // A missed deadline (P303) is a finding of the report, not an error.
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(
        report["summary"]["health"]["negative_float"],
        // `design` is done: finished work has no float. At the status date,
        // the end of the deadline's day, everything left is late.
        serde_json::json!(["code", "docs", "graph", "ship"])
    );
    assert!(report["summary"]["warnings"].as_u64().unwrap() >= 1);
}

#[test]
fn usage_and_io_problems_exit_2() {
    assert_eq!(code(&prog(&["report", "no/such/plan.prog"])), 2);
    assert_eq!(code(&prog(&["report", EXAMPLE, "--format", "pdf"])), 2);
    assert_eq!(code(&prog(&["report", EXAMPLE, "-o", "no/such/dir/out.html"])), 2);
}

#[test]
fn hostile_titles_do_not_break_csv() {
    let out = prog(&["report", "--format", "csv", HOSTILE]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a valid CSV row")).collect();
    assert!(rows.iter().all(|r| r.len() == 17));
    let titles: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert!(titles.contains(&"Line one\nline two, \"quoted\" | piped `code` ```"));
    assert!(
        titles.contains(&"'=HYPERLINK(\"http://evil\")"),
        "no formula: {titles:?}"
    );
}

#[test]
fn hostile_titles_do_not_break_dot_or_mermaid() {
    let dot = stdout(&prog(&["report", "--format", "dot", HOSTILE]));
    // Every quote inside a label is escaped: unescaped quotes pair up on each line.
    for line in dot.lines() {
        let unescaped = line.replace("\\\\", "").replace("\\\"", "");
        assert_eq!(unescaped.matches('"').count() % 2, 0, "{line}");
    }
    assert!(!dot.contains("[color=red]\""), "the title cannot add attributes");
    let mermaid = stdout(&prog(&["report", "--format", "mermaid", HOSTILE]));
    for line in mermaid.lines().filter(|l| l.contains(" :")) {
        // The name ends at the first colon: only the one before the tags.
        assert_eq!(line.matches(':').count(), 1, "{line}");
        assert!(!line.contains(['<', '>', '#', ';', '%']), "{line}");
    }
}

#[test]
fn a_task_that_started_early_stands_right_of_its_predecessor() {
    // b waits for a but started on Tue 5th, while a (not started) is
    // forecast from Mon 11th: b starts first in the forecast, yet the graph
    // keeps it to the right of a.
    let plan = run::temp_file(
        "early.prog",
        "program p { start 2027-01-04  status_date 2027-01-08 }\n\
         task a { duration 2d }\n\
         task b { duration 4d  after a  actual_start 2027-01-05  progress 25% }\n",
    );
    let html =
        String::from_utf8(prog(&["report", "--format", "html", plan.to_str().unwrap()]).stdout).unwrap();
    let x_of = |id: &str| {
        // The dependency graph's node (the Gantt chart has the id too).
        let node = format!("<title>{id}: {id}</title><rect x=\"");
        let rect = html.find(&node).expect("a node") + node.len();
        html[rect..rect + html[rect..].find('"').unwrap()]
            .parse::<f64>()
            .unwrap()
    };
    assert!(x_of("a") < x_of("b"), "a at {}, b at {}", x_of("a"), x_of("b"));
}

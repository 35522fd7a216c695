//! End-to-end tests of the `prog` binary: exit codes and output.

mod run;

use run::{code, prog, root, stderr, temp_file};

#[test]
fn a_valid_plan_checks_clean() {
    let out = prog(&["check", "tests/fixtures/contract.prog"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // The contract's go/no-go approval is pending on the critical path: a warning only.
    assert!(
        stderr(&out).ends_with("0 errors, 1 warning\n"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("warning[P304]"), "{}", stderr(&out));
}

#[test]
fn schedule_json_is_the_contract_shape() {
    let out = prog(&["schedule", "--format", "json", "tests/fixtures/contract.prog"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(doc["start"], "2027-01-04");
    assert_eq!(doc["finish"], "2027-01-27");
    assert_eq!(doc["duration_days"], 18);
    assert_eq!(
        doc["critical_path"],
        serde_json::json!(["kickoff", "api", "build", "ready"])
    );
    let api = doc["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "api")
        .unwrap();
    assert_eq!(
        *api,
        serde_json::json!({"id": "api", "kind": "task", "es": 1, "ef": 6, "ls": 1, "lf": 6,
            "total_float": 0, "free_float": 0, "critical": true,
            "start": "2027-01-05", "finish": "2027-01-11"})
    );
    let ready = doc["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "ready")
        .unwrap();
    assert_eq!(
        (&ready["kind"], &ready["start"], &ready["finish"]),
        (&"milestone".into(), &"2027-01-27".into(), &"2027-01-27".into())
    );
}

#[test]
fn schedule_table_marks_the_critical_path() {
    let out = prog(&["schedule", "tests/fixtures/contract.prog"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    insta::assert_snapshot!("contract_schedule", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn schedule_findings_are_located_at_the_statements() {
    let path = temp_file(
        "findings.prog",
        b"program p { start 2027-01-04 }
person alice { }
task a { duration 2d owner alice after c }
task b { duration 2d owner alice after a }
task c { duration 2d owner alice after b }
task d { duration 3d owner alice }
task e { duration 2d owner alice deadline 2027-01-04 }
",
    );
    let out = prog(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_code = |code: &str| -> Vec<serde_json::Value> {
        list.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == code)
            .cloned()
            .collect()
    };
    // The loop is reported once, at `a after c`, which closes it, naming the
    // other two; the schedule keeps those: b after a, c after b.
    let cycle = by_code("P301");
    assert_eq!(cycle.len(), 1, "{cycle:?}");
    assert_eq!(cycle[0]["start"]["line"], 3);
    assert_eq!(
        cycle[0]["message"],
        "circular dependency: a → b → c → a; the schedule ignores this dependency"
    );
    assert_eq!(cycle[0]["related"].as_array().unwrap().len(), 2);
    // d and e overlap a on alice.
    let overload = by_code("P302");
    assert!(!overload.is_empty());
    assert!(overload.iter().all(|d| d["severity"] == "warning"));
    assert!(
        overload[0]["message"]
            .as_str()
            .unwrap()
            .contains("`alice` is over-allocated")
    );
    let missed = by_code("P303");
    assert_eq!(missed.len(), 1);
    assert_eq!(missed[0]["severity"], "warning");
    assert!(
        missed[0]["message"]
            .as_str()
            .unwrap()
            .contains("misses its deadline 2027-01-04: it finishes 2027-01-05, 1 working day late"),
        "{missed:?}"
    );
    // The rest of the plan still schedules.
    let out = prog(&["schedule", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["tasks"].as_array().unwrap().len(), 5);
}

/// A milestone after the group it is in loops through
/// the group's finish; the message says so instead of `controls → controls`.
#[test]
fn a_task_after_its_own_group_is_told_it_is_inside() {
    let path = temp_file(
        "inside.prog",
        "program p { start 2027-01-04 }\ngroup controls {\n  task audit { duration 2d }\n  milestone signed { after controls }\n}\n",
    );
    let out = prog(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cycle = &list[0];
    assert_eq!(cycle["code"], "P301", "{list}");
    assert_eq!(cycle["start"]["line"], 4);
    assert_eq!(
        cycle["message"],
        "circular dependency: controls → controls; `signed` is inside group `controls`, which finishes \
         only when `signed` does; the schedule ignores this dependency"
    );
    assert_eq!(
        cycle["hint"],
        "depend on a task of `controls` instead, or move `signed` out of the group"
    );
}

#[test]
fn every_example_checks_clean() {
    let out = prog(&["check", "examples"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!stderr(&out).contains("error["), "{}", stderr(&out));
}

#[test]
fn five_mistakes_are_five_rendered_errors() {
    let out = prog(&["check", "tests/fixtures/broken/five_mistakes.prog"]);
    assert_eq!(code(&out), 1);
    let text = stderr(&out);
    assert!(text.ends_with("5 errors, 0 warnings\n"), "{text}");
    insta::assert_snapshot!("five_mistakes", text);
}

#[test]
fn rendering_shows_location_source_line_marker_and_hint() {
    let path = temp_file(
        "typo.prog",
        b"program p { start 2027-01-04 }\nperson alice { }\ntask a { owner alcie }\n",
    );
    let out = prog(&["check", path.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let text = stderr(&out);
    let location = format!("{}:3:16", path.display());
    assert!(text.contains(&location), "{text}");
    assert!(text.contains("error[P101]: unknown id `alcie`"), "{text}");
    assert!(text.contains("3 │ task a { owner alcie }"), "{text}");
    assert!(text.contains("^^^^^"), "{text}");
    assert!(text.contains("hint: did you mean `alice`?"), "{text}");
}

#[test]
fn json_output_lists_diagnostics_for_tools() {
    let out = prog(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/broken/five_mistakes.prog",
    ]);
    assert_eq!(code(&out), 1);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 5);
    for d in list {
        assert_eq!(d["severity"], "error");
        assert!(d["code"].as_str().unwrap().starts_with('P'));
        assert!(d["file"].as_str().unwrap().ends_with("five_mistakes.prog"));
        assert!(d["start"]["line"].as_u64().unwrap() >= 1);
        assert!(d["start"]["column"].as_u64().unwrap() >= 1);
        assert!(d["start"]["offset"].as_u64().unwrap() < d["end"]["offset"].as_u64().unwrap());
        assert!(!d["message"].as_str().unwrap().is_empty());
    }
}

#[test]
fn warnings_alone_keep_exit_zero() {
    let out = prog(&["check", "tests/fixtures/broken/warnings_only.prog"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("warning[P202]"), "{}", stderr(&out));
}

#[test]
fn a_missing_import_is_located_at_the_import() {
    let out = prog(&["check", "tests/fixtures/broken/bad_import.prog"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("error[P113]: cannot import"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn imported_files_belong_to_their_plan() {
    let dir = temp_file(
        "root.prog",
        b"import \"people.prog\"\nprogram p { start 2027-01-04 }\ntask t { duration 1d owner alice }\n",
    );
    std::fs::write(dir.with_file_name("people.prog"), "person alice { }\n").unwrap();
    // Checking the directory checks one plan: people.prog is not a plan of its own.
    let out = prog(&["check", dir.parent().unwrap().to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn io_and_usage_errors_exit_two_with_one_line() {
    let out = prog(&["check", "no/such/plan.prog"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "prog: no/such/plan.prog: no such file or directory\n"
    );

    let binary = temp_file("binary.prog", [0xff, 0xfe, 0x00, 0x80]);
    let out = prog(&["check", binary.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    let text = stderr(&out);
    assert!(
        text.ends_with("the file is not UTF-8 text\n") && text.lines().count() == 1,
        "{text}"
    );

    let out = prog(&["check"]);
    assert_eq!(code(&out), 2);
    let out = prog(&["frobnicate"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn the_readme_example_checks_without_errors() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("```prog\n").expect("a prog block") + "```prog\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let path = temp_file("readme.prog", &readme.as_bytes()[start..end]);
    let out = prog(&["check", path.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn commands_that_show_only_errors_still_count_the_warnings() {
    let path = temp_file(
        "counts.prog",
        "program p { start 2027-01-04 }\ntask a { duration 1d  after nope }\nrisk r { probability 10%  impact 1d  affects a }\n",
    );
    let path = path.to_str().unwrap();
    let out = prog(&["check", path]);
    assert!(
        stderr(&out).ends_with("1 error, 2 warnings\n"),
        "{}",
        stderr(&out)
    );
    for command in ["schedule", "report"] {
        let out = prog(&[command, path]);
        let err = stderr(&out);
        assert!(!err.contains("warning["), "{err}");
        assert!(
            err.ends_with(
                "1 error, 2 warnings (only errors are shown here; `prog check` lists every problem)\n"
            ),
            "{command}: {err}"
        );
    }
}

#[test]
fn causes_come_before_what_they_cause() {
    // An unterminated title: the program does not parse, so "no program"
    // would only repeat the syntax error.
    let path = temp_file(
        "title.prog",
        "program p \"Plan { start 2027-01-04 }\ntask a { duration 1d }\n",
    );
    let out = prog(&["check", "--format", "json", path.to_str().unwrap()]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes.first(), Some(&"P001"), "{codes:?}");
    assert!(!codes.contains(&"P111"), "{codes:?}");
    // A warning written before an error comes after it.
    let path = temp_file(
        "order.prog",
        "program p { start 2027-01-04 }\nperson al { }\ntask a { duration 1d  owner al }\ntask b { duration 1d  owner al }\ntask c { duration 1d  after nope }\n",
    );
    let out = prog(&["check", path.to_str().unwrap()]);
    let err = stderr(&out);
    let unknown = err.find("error[P101]").expect("an unknown id");
    let overload = err.find("warning[P302]").expect("an over-allocation");
    assert!(unknown < overload, "{err}");
}

/// What only follows from an error is left out, by
/// every command alike. A typo in `b`'s `after` lets it run beside `a` (both
/// al's), and the two `d`s are both bo's on Jan 4: over-allocations the
/// errors cause. x and y (cy's, side by side) are a real one.
#[test]
fn findings_that_follow_from_an_error_are_left_out() {
    let path = temp_file(
        "cascade.prog",
        "program p { start 2027-01-04 }\nperson al { }\nperson bo { }\nperson cy { }\n\
         task a { duration 1d  owner al }\ntask b { duration 1d  owner al  after aa }\n\
         task d { duration 1d  owner bo }\ntask d { duration 1d  owner bo }\n\
         task x { duration 1d  owner cy }\ntask y { duration 1d  owner cy }\n",
    );
    let path = path.to_str().unwrap();
    let out = prog(&["check", "--format", "json", path]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("P101", "unknown id `aa`"),
            ("P102", "`d` is defined more than once"),
            (
                "P302",
                "`cy` is over-allocated on 2027-01-04: 200% assigned, 100% available (`x`, `y`)"
            ),
        ]
    );
    let out = prog(&["check", path]);
    assert!(
        stderr(&out).ends_with("2 errors, 1 warning\n"),
        "{}",
        stderr(&out)
    );
    for command in ["schedule", "report", "level"] {
        let out = prog(&[command, path]);
        let err = stderr(&out);
        assert!(
            err.contains(
                "2 errors, 1 warning (only errors are shown here; `prog check` lists every problem)\n"
            ),
            "{command}: {err}"
        );
    }
}

#[test]
fn the_table_and_the_json_date_the_plan_alike() {
    // A start on a Saturday: the plan starts on the Monday after.
    let saturday = temp_file(
        "saturday.prog",
        "program p { start 2027-01-02 }\ntask a { duration 2d }\n",
    );
    // Nothing takes time: the plan starts and ends on its first day.
    let milestone = temp_file(
        "milestone.prog",
        "program p { start 2027-01-04 }\nmilestone m { }\n",
    );
    for (path, header) in [
        (&saturday, "p: 2027-01-04 to 2027-01-05, 2 working days\n"),
        (&milestone, "p: 2027-01-04 to 2027-01-04, 0 working days\n"),
    ] {
        let path = path.to_str().unwrap();
        let text = String::from_utf8(prog(&["schedule", path]).stdout).unwrap();
        assert!(text.starts_with(header), "{text}");
        let json = prog(&["schedule", "--format", "json", path]);
        let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(
            format!(
                "p: {} to {}",
                doc["start"].as_str().unwrap(),
                doc["finish"].as_str().unwrap()
            ),
            header.split(',').next().unwrap()
        );
    }
}

#[test]
fn dates_past_the_documented_range_are_rejected() {
    let path = temp_file(
        "far.prog",
        "program p { start 9999-12-30 }\ntask a { duration 2w }\n",
    );
    let out = prog(&["check", path.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("error[P104]: `9999-12-30` is out of range"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("dates run from 1900-01-01 to 2999-12-31"),
        "{}",
        stderr(&out)
    );
}

/// One over-allocation finding per resource and overloaded
/// period, the other assignments as related information.
#[test]
fn an_assignment_over_allocated_twice_is_one_finding() {
    // `a` runs Mon to Fri; `b` overlaps it on Monday, `c` on Wednesday.
    let path = temp_file(
        "twice.prog",
        "program p { start 2027-01-04 }\nperson al { }\ntask a { duration 5d  owner al }\ntask b { duration 1d  owner al }\ntask c { duration 1d  owner al  not_before 2027-01-06 }\n",
    );
    let out = prog(&["check", "--format", "json", path.to_str().unwrap()]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p302: Vec<&serde_json::Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "P302")
        .collect();
    assert_eq!(p302.len(), 1, "{list}");
    assert_eq!(p302[0]["start"]["line"], 3, "at the assignment of `a`");
    assert_eq!(
        p302[0]["message"],
        "`al` is over-allocated on 2 days from 2027-01-04 to 2027-01-06: 200% assigned, 100% available (`a`, `b`, `c`)"
    );
    assert_eq!(p302[0]["related"].as_array().unwrap().len(), 2, "{}", p302[0]);
}

/// JSON is written as it is made: a reader that stops early (`| head`)
/// ends the command quietly, with success, not with an error.
#[test]
fn json_to_a_reader_that_stops_early_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut plan = String::from("program p \"P\" { start 2027-01-04 }\n");
    for i in 0..3000 {
        plan.push_str(&format!("task t{i} {{ duration 1d }}\n"));
    }
    let path = temp_file("early.prog", plan);
    let mut child = Command::new(env!("CARGO_BIN_EXE_prog"))
        .args(["schedule", "--format", "json"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe's reader is gone; hundreds of KB are still to be written.
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with(b"{"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Broken pipe"), "{}", stderr(&out));
}

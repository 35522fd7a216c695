//! End-to-end tests of externals that are another program's milestone
//! (`from … milestone`): the real binary on plans in folders of their own.

mod run;

use std::path::{Path, PathBuf};

use run::{code, json_task, prog, stderr, stdout};

/// A folder of its own with `files` (paths inside it) written.
fn programs(test: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prog-programs-{}-{test}", std::process::id()));
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn at(dir: &Path, path: &str) -> String {
    dir.join(path).display().to_string()
}

/// The platform program, with its own status date: `build` (10 working
/// days from Mon 2027-03-01) is half done on Wed 2027-03-10, so 5 days are
/// left from Thu Mar 11 (11, 12, 15, 16, 17): `ga` is forecast on Wed
/// 2027-03-17, not on the planned Fri Mar 12.
const PLATFORM: &str = "program platform \"Platform\" {
  start 2027-03-01
  status_date 2027-03-10
}
task build \"Build\" { duration 10d  progress 50%  actual_start 2027-03-01 }
milestone ga \"GA\" { after build }
";

/// The checkout program waits for the platform's `ga`. Its own ids are its
/// own: it has a `build` too, of 2 days, which the platform's does not
/// clash with.
const CHECKOUT: &str = "program checkout \"Checkout\" { start 2027-03-01 }
person ana { }
external platform_ga \"Platform GA\" {
  owner ana
  status committed
  from \"../platform/plan.prog\" milestone ga
}
task build { duration 2d  owner ana }
task integrate { after platform_ga, build  duration 5d  owner ana }
milestone launch { after integrate }
";

fn schedule(plan: &str) -> serde_json::Value {
    let out = prog(&["schedule", plan, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn moving_the_other_programs_task_moves_this_programs_forecast() {
    let dir = programs(
        "chain",
        &[("platform/plan.prog", PLATFORM), ("checkout/plan.prog", CHECKOUT)],
    );
    let checkout = at(&dir, "checkout/plan.prog");
    // ga on Wed Mar 17 (see PLATFORM): integrate takes Thu Mar 18 – Wed
    // Mar 24 (18, 19, 22, 23, 24), and the launch is on Mar 24.
    let doc = schedule(&checkout);
    assert_eq!(json_task(&doc, "platform_ga")["finish"], "2027-03-17");
    assert_eq!(json_task(&doc, "launch")["finish"], "2027-03-24");
    assert_eq!(doc["finish"], "2027-03-24");

    // `build` grows to 16 days, still half done: 8 days left from Thu Mar
    // 11 (11, 12, 15–19, 22): ga on Mon Mar 22; integrate Tue Mar 23 – Mon
    // Mar 29 (23–26, 29). The launch moves 3 working days (25, 26, 29).
    std::fs::write(
        dir.join("platform/plan.prog"),
        PLATFORM.replace("duration 10d", "duration 16d"),
    )
    .unwrap();
    let doc = schedule(&checkout);
    assert_eq!(json_task(&doc, "platform_ga")["finish"], "2027-03-22");
    assert_eq!(doc["finish"], "2027-03-29");

    // Done there: delivered on the day it was, and the plan waits no more.
    std::fs::write(
        dir.join("platform/plan.prog"),
        PLATFORM
            .replace(
                "progress 50%  actual_start 2027-03-01",
                "done  actual_start 2027-03-01  actual_finish 2027-03-09",
            )
            .replace("after build }", "after build  done  actual_finish 2027-03-09 }"),
    )
    .unwrap();
    let doc = schedule(&checkout);
    assert_eq!(json_task(&doc, "platform_ga")["finish"], "2027-03-09");
    // integrate: Wed Mar 10 – Tue Mar 16 (10, 11, 12, 15, 16).
    assert_eq!(doc["finish"], "2027-03-16");
}

/// Each error at the `from` statement (line 6, column 3), with the plan
/// still analysed: the external has no date, the rest schedules.
#[test]
fn a_missing_plan_id_or_milestone_is_an_error_at_the_from() {
    let cases = [
        (
            "../nowhere/plan.prog",
            "ga",
            "error[P120]: cannot read the plan `",
        ),
        ("../platform/plan.prog", "gx", "error[P121]: `"),
        ("../platform/plan.prog", "build", "error[P121]: `"),
    ];
    for (i, (path, id, error)) in cases.into_iter().enumerate() {
        let plan = CHECKOUT.replace(
            "from \"../platform/plan.prog\" milestone ga",
            &format!("from \"{path}\" milestone {id}"),
        );
        let dir = programs(
            &format!("errors{i}"),
            &[("platform/plan.prog", PLATFORM), ("checkout/plan.prog", &plan)],
        );
        let checkout = at(&dir, "checkout/plan.prog");
        let out = prog(&["check", &checkout]);
        let text = stderr(&out) + &stdout(&out);
        assert_eq!(code(&out), 1, "{text}");
        assert!(text.contains(error), "{text}");
        assert!(text.contains(&format!("{checkout}:6:3")), "{text}");
        assert!(text.contains("1 error, 0 warnings"), "{text}");
        let said = match id {
            "gx" => "has no milestone `gx`".to_string(),
            "build" => "`build` in `".to_string(),
            _ => "nowhere/plan.prog`: no such file".to_string(),
        };
        assert!(text.contains(&said), "{text}");
        // Without a date the external is there from the start: build (2
        // days) holds integrate back, Mar 3 – Mar 9.
        let out = prog(&["schedule", &checkout, "--format", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(doc["finish"], "2027-03-09", "{}", stdout(&out));
    }
}

#[test]
fn expected_beside_from_is_an_error() {
    let plan = CHECKOUT.replace(
        "  status committed\n",
        "  status committed\n  expected 2027-03-05\n",
    );
    let dir = programs(
        "expected",
        &[("platform/plan.prog", PLATFORM), ("checkout/plan.prog", &plan)],
    );
    let checkout = at(&dir, "checkout/plan.prog");
    let out = prog(&["check", &checkout]);
    let text = stderr(&out) + &stdout(&out);
    assert!(text.contains("error[P119]"), "{text}");
    assert!(text.contains(&format!("{checkout}:6:3")), "{text}");
}

#[test]
fn a_plan_with_errors_gives_no_date() {
    let dir = programs(
        "broken",
        &[
            (
                "platform/plan.prog",
                &PLATFORM.replace("after build", "after nothing"),
            ),
            ("checkout/plan.prog", CHECKOUT),
        ],
    );
    let out = prog(&["check", &at(&dir, "checkout/plan.prog")]);
    let text = stderr(&out) + &stdout(&out);
    assert!(
        text.contains("error[P120]: the plan `")
            && text.contains("has 1 error of its own, so it has no forecast"),
        "{text}"
    );
}

/// Two programs, each waiting for the other: an error naming the chain, at
/// once (no hang, no panic), and the rest is still checked.
#[test]
fn programs_waiting_on_each_other_are_an_error_naming_the_chain() {
    let a = "program a { start 2027-03-01 }\nexternal from_b { from \"../b/plan.prog\" milestone m }\nmilestone m { after from_b }\ntask t { duration 1d }\n";
    let b = "program b { start 2027-03-01 }\nexternal from_a { from \"../a/plan.prog\" milestone m }\nmilestone m { after from_a }\n";
    let dir = programs("cycle", &[("a/plan.prog", a), ("b/plan.prog", b)]);
    let root = dir.display().to_string();
    let out = prog(&["check", &format!("{root}/a/plan.prog")]);
    let text = stderr(&out) + &stdout(&out);
    assert_eq!(code(&out), 1, "{text}");
    assert!(
        text.contains(&format!(
            "error[P122]: programs wait on each other: {root}/a/plan.prog → {root}/b/plan.prog → {root}/a/plan.prog"
        )),
        "{text}"
    );
    assert!(text.contains(&format!("{root}/a/plan.prog:2:19")), "{text}");
    assert!(text.contains("help[P203]: task `t` has no owner"), "{text}");
}

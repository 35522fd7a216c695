//! End-to-end tests of `prog diff`: plans on disk, folders, revisions in a
//! real git repository, the three formats and the `--fail-on-slip` gate.

mod run;

use std::path::PathBuf;

use run::{code, git, prog, stderr, stdout, temp_file};

const BEFORE: &str = "tests/fixtures/diff/before.prog";
const AFTER: &str = "tests/fixtures/diff/after.prog";

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// A plan with no deadline (so no error) whose `build` takes `build` days:
/// kickoff 0-1, build 1-(1+build), the milestone `ready` right after.
fn small_plan(build: u32) -> String {
    format!(
        "program p \"P\" {{ start 2027-01-04 }}\n\
         person alice {{ capacity 100% }}\n\
         task kickoff {{ duration 1d  owner alice }}\n\
         task build {{ duration {build}d  owner alice  after kickoff }}\n\
         milestone ready {{ after build }}\n"
    )
}

#[test]
fn the_markdown_comment_of_the_fixture_pair() {
    let out = prog(&["diff", "--format", "md", BEFORE, AFTER]);
    // The new plan misses a deadline: a finding (P303 is a warning), not
    // an error of the plan.
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    insta::assert_snapshot!("diff_fixture_md", stdout(&out));
}

#[test]
fn the_json_of_the_fixture_pair_has_every_change_kind() {
    let out = prog(&["diff", "--format", "json", BEFORE, AFTER]);
    let d = json(&out);
    assert_eq!(d["schema"], "prog-diff/1");
    // Monday Jan 4 is working day 0. Before: build 6-16, the milestone at 16
    // (last day 15, Mon Jan 25). After: build 6-20, docs 20-23, ready at 23
    // (Wed Feb 3): 7 working days, 9 calendar days.
    assert_eq!(
        d["finish"],
        serde_json::json!({"old": "2027-01-25", "new": "2027-02-03", "working_days": 7, "calendar_days": 9})
    );
    assert_eq!(
        d["headline"],
        "This moves the finish by 7 working days, from 2027-01-25 to 2027-02-03, because \
         `build` grew from 10d to 14d; `docs` now waits for `build`, no longer waits for `api` \
         and is now critical; `ready` now waits for `qa`."
    );
    assert_eq!(d["critical_path"]["entered"], serde_json::json!(["docs", "qa"]));
    assert_eq!(d["tasks"]["added"][0]["id"], "qa");
    assert_eq!(d["tasks"]["removed"][0]["id"], "sandbox");
    let changed: Vec<&str> = d["tasks"]["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(changed, ["build", "docs", "ready"]);
    let build = &d["tasks"]["changed"][0];
    assert_eq!(
        build["title"],
        serde_json::json!({"old": "Build service", "new": "Build payments service"})
    );
    assert_eq!(build["duration_days"], serde_json::json!({"old": 10, "new": 14}));
    assert_eq!(build["estimate"]["new"]["pessimistic"], 20);
    let docs = &d["tasks"]["changed"][1];
    assert_eq!(docs["owner"], serde_json::json!({"old": "bob", "new": "alice"}));
    assert_eq!(docs["deps_added"][0]["on"], "build");
    assert_eq!(docs["deps_removed"][0]["on"], "api");
    // Jan 29 ends working day 19, at 20; the milestone is reached at 23.
    assert_eq!(
        d["deadlines"]["newly_missed"],
        serde_json::json!([{"id": "ready", "deadline": "2027-01-29", "overrun_days": 3}])
    );
    assert_eq!(d["milestones"][0]["newly_missed"], true);
    // 60% of 5d is 3d, 40% was 2d; 30% of 4d is 1.2d.
    assert_eq!(
        d["risks"]["changed"][0]["exposure"],
        serde_json::json!({"old_days": 2.0, "new_days": 3.0, "delta_days": 1.0})
    );
    assert_eq!(d["risks"]["added"][0]["exposure_days"], 1.2);
    assert_eq!(
        d["approvals"]["changed"][0]["status"],
        serde_json::json!({"old": "pending", "new": "approved"})
    );
    assert_eq!(
        d["resources"]["changed"][0]["capacity"],
        serde_json::json!({"old": 100, "new": 50})
    );
    assert_eq!(
        d["resources"]["changed"][0]["leave_added"],
        serde_json::json!([{"first": "2027-01-18", "last": "2027-01-19"}])
    );
    // qa (Feb 1-2) books bob at 100% of his new 50%.
    assert_eq!(
        d["over_allocations"]["appeared"],
        serde_json::json!([{"resource": "bob", "first": "2027-02-01", "last": "2027-02-02",
            "load": 100, "capacity": 50, "tasks": ["qa"]}])
    );
}

#[test]
fn text_is_plain_when_not_a_terminal() {
    let out = prog(&["diff", BEFORE, AFTER]);
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "{text}");
    assert!(
        text.starts_with("This moves the finish by 7 working days"),
        "{text}"
    );
    assert!(
        text.contains("  + qa \"QA pass\"  task 2d, critical, 2027-02-01 → 2027-02-02\n"),
        "{text}"
    );
    assert!(
        text.contains("  - sandbox \"Vendor sandbox set-up\"  task 2d\n"),
        "{text}"
    );
    assert!(
        text.contains("  + bob  2027-02-01 – 2027-02-02, 100% of 50%: qa\n"),
        "{text}"
    );
}

#[test]
fn fail_on_slip_gates_on_the_working_days_the_finish_moved() {
    // build 5d → 9d: the finish moves 4 working days later.
    let old = temp_file("slip-old.prog", small_plan(5));
    let new = temp_file("slip-new.prog", small_plan(9));
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let gate = |n: &str| prog(&["diff", "--format", "json", "--fail-on-slip", n, old, new]);
    let out = gate("3");
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the finish moves 4d later, `ready` moves 4d later"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        json(&out)["finish"]["working_days"],
        4,
        "the diff is still printed"
    );
    assert_eq!(code(&gate("4")), 0);
    assert_eq!(code(&gate("3.5")), 1);
    assert_eq!(code(&prog(&["diff", old, new])), 0, "no gate without the flag");
    // Moving earlier never trips the gate.
    assert_eq!(code(&prog(&["diff", "--fail-on-slip", "0", new, old])), 0);
}

/// `--baseline` puts both versions against a baseline, and the
/// budget at completion is part of the diff.
#[test]
fn both_versions_against_a_baseline_and_the_budget() {
    // The baseline: build 3d, `ready` at the end of day 4 (Thu 2027-01-07).
    let base_plan = temp_file("base-plan.prog", small_plan(3));
    let base = base_plan.with_file_name("base.json");
    let taken = prog(&[
        "baseline",
        "--name",
        "b1",
        base_plan.to_str().unwrap(),
        "-o",
        base.to_str().unwrap(),
    ]);
    assert_eq!(code(&taken), 0, "{}", stderr(&taken));
    // build 4d → 6d: a day late before, three days after.
    let old = temp_file("base-old.prog", small_plan(4));
    let new = temp_file("base-new.prog", small_plan(6));
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let out = prog(&[
        "diff",
        "--format",
        "md",
        "--baseline",
        base.to_str().unwrap(),
        old,
        new,
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.contains("| finish vs baseline b1 (2027-01-07) | +1d | +3d | +2d |"),
        "{md}"
    );
    assert!(
        md.contains("| milestones later than the baseline | 1 | 1 | +0 |"),
        "{md}"
    );
    // Budgets in person-days: kickoff 1 + build 4 = 5, then 1 + 6 = 7.
    assert!(
        md.contains("| budget (BAC) | 5.0 person-days | 7.0 person-days | +2.0 person-days |"),
        "{md}"
    );

    let out = prog(&[
        "diff",
        "--format",
        "json",
        "--baseline",
        base.to_str().unwrap(),
        old,
        new,
    ]);
    let d = json(&out);
    assert_eq!(
        d["baseline"]["finish_variance"],
        serde_json::json!({"old": 1.0, "new": 3.0})
    );
    assert_eq!(d["budget"]["bac"], serde_json::json!({"old": 5.0, "new": 7.0}));

    let text = stdout(&prog(&["diff", "--baseline", base.to_str().unwrap(), old, new]));
    assert!(
        text.contains("vs baseline \"b1\" (2027-01-07): finish +1d → +3d (+2d)"),
        "{text}"
    );

    // Without a baseline: no baseline figures.
    let d = json(&prog(&["diff", "--format", "json", old, new]));
    assert!(d["baseline"].is_null());
    let bad = prog(&["diff", "--baseline", "no/such.json", old, new]);
    assert_eq!(code(&bad), 2, "{}", stderr(&bad));
}

#[test]
fn every_example_compared_with_itself_is_unchanged() {
    for example in ["db_migration", "feature_rollout", "okrs_q2"] {
        let path = format!("examples/{example}.prog");
        let out = prog(&["diff", &path, &path]);
        assert_eq!(code(&out), 0, "{example}: {}", stderr(&out));
        assert!(
            stdout(&out).ends_with("\nNothing in the plan changed.\n"),
            "{example}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn a_folder_of_one_plan_is_that_plan() {
    let dir = temp_dir("one-plan");
    std::fs::copy(
        run::root().join("examples/db_migration.prog"),
        dir.join("db_migration.prog"),
    )
    .unwrap();
    let out = prog(&[
        "diff",
        "--format",
        "json",
        "examples/db_migration.prog",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["tasks"]["changed"], serde_json::json!([]));
    assert_eq!(json(&out)["finish"]["working_days"], 0);
}

/// A folder of its own, empty, under the temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prog-diff-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn ids_that_moved_between_files_of_a_folder_are_not_removed_and_added() {
    let old = temp_dir("moved-old");
    std::fs::write(old.join("plan.prog"), small_plan(5)).unwrap();
    let new = temp_dir("moved-new");
    let plan = small_plan(5);
    let (people, rest): (Vec<&str>, Vec<&str>) = plan.lines().partition(|l| l.starts_with("person"));
    std::fs::write(
        new.join("plan.prog"),
        format!("import \"people.prog\"\n{}\n", rest.join("\n")),
    )
    .unwrap();
    std::fs::write(new.join("people.prog"), people.join("\n") + "\n").unwrap();
    let out = prog(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).ends_with("Nothing in the plan changed.\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_folder_of_several_plans_and_a_wrong_call_are_usage_errors() {
    let out = prog(&["diff", "examples", BEFORE]);
    assert_eq!(code(&out), 2);
    // Every plan of the folder, those of examples/portfolio too.
    assert!(
        stderr(&out).contains("examples/okrs_q2.prog, examples/portfolio/checkout.prog"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("name the one to compare"),
        "{}",
        stderr(&out)
    );
    let out = prog(&["diff", BEFORE, AFTER, AFTER]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("prog diff OLD NEW"), "{}", stderr(&out));
    let out = prog(&["diff", BEFORE, "tests/fixtures/diff/nothing.prog"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no such file"), "{}", stderr(&out));
}

/// A repository with two commits of a two-file plan under `plans/`: the
/// first with build 5d, the second with build 7d and the person moved into
/// the root file (the other deleted); the working tree then has build 8d, uncommitted.
fn repository() -> PathBuf {
    let repo = temp_dir("git");
    git(&repo, &["init", "-q"]);
    std::fs::create_dir_all(repo.join("plans")).unwrap();
    let split = |build: u32| {
        let plan = small_plan(build);
        let (people, rest): (Vec<&str>, Vec<&str>) = plan.lines().partition(|l| l.starts_with("person"));
        (
            format!("import \"team.prog\"\n{}\n", rest.join("\n")),
            people.join("\n") + "\n",
        )
    };
    let (root, team) = split(5);
    std::fs::write(repo.join("plans/main.prog"), root).unwrap();
    std::fs::write(repo.join("plans/team.prog"), team).unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "first"]);
    std::fs::write(repo.join("plans/main.prog"), small_plan(7)).unwrap();
    git(&repo, &["rm", "-q", "plans/team.prog"]);
    git(&repo, &["commit", "-q", "-a", "-m", "second"]);
    std::fs::write(repo.join("plans/main.prog"), small_plan(8)).unwrap();
    repo
}

#[test]
fn git_revisions_are_read_through_git_and_the_working_tree_is_left_alone() {
    let repo = repository();
    let plan = repo.join("plans/main.prog");
    let plan = plan.to_str().unwrap();
    let status_before = git(&repo, &["status", "--porcelain"]);
    // The binary runs in the Prog checkout: the repository is found from PLAN.
    let out = prog(&["diff", "--git", "--format", "json", "HEAD~1", "HEAD", plan]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let d = json(&out);
    assert_eq!(d["finish"]["working_days"], 2);
    assert_eq!(
        d["tasks"]["changed"][0]["duration_days"],
        serde_json::json!({"old": 5, "new": 7})
    );
    assert!(
        d["resources"]["removed"].as_array().unwrap().is_empty(),
        "alice moved files, no more"
    );

    // Without REV2: HEAD against the working tree (build 8d).
    let out = prog(&["diff", "--git", "--format", "json", "HEAD", plan]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        json(&out)["tasks"]["changed"][0]["duration_days"],
        serde_json::json!({"old": 7, "new": 8})
    );

    // The folder at a revision: its one plan, imports included.
    let folder = repo.join("plans");
    let out = prog(&[
        "diff",
        "--git",
        "--format",
        "json",
        "HEAD~1",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["finish"]["working_days"], 3);

    assert_eq!(git(&repo, &["status", "--porcelain"]), status_before);
    assert_eq!(std::fs::read_to_string(plan).unwrap(), small_plan(8));
}

#[test]
fn a_revision_that_does_not_exist_is_a_usage_error() {
    let repo = repository();
    let plan = repo.join("plans/main.prog");
    let out = prog(&["diff", "--git", "no-such-rev", plan.to_str().unwrap()]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no-such-rev: no such revision"),
        "{}",
        stderr(&out)
    );
    let out = prog(&[
        "diff",
        "--git",
        "HEAD~1",
        repo.join("plans/later.prog").to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no such file at HEAD~1"),
        "{}",
        stderr(&out)
    );
}

/// `build` re-tracked: 50% done becomes 20% done with 9 days left.
fn tracked(progress: &str) -> String {
    format!(
        "program p {{ start 2027-01-04  status_date 2027-01-08 }}\n\
         task build {{ duration 10d  actual_effort 5d  {progress} }}\n\
         milestone ready {{ after build }}\n"
    )
}

#[test]
fn a_tracking_change_is_listed_and_named_as_the_driver() {
    let old = temp_file("tracked_old.prog", tracked("progress 50%"));
    let new = temp_file("tracked_new.prog", tracked("progress 20%  remaining 9d"));
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    // Now is the end of Fri 8th (hour 40). Before: 50% of 80h = 40h left,
    // ending at hour 80, Fri 15th. After: 9 days = 72h left, ending at hour
    // 112, Thu 21st: 4 working days later.
    let out = prog(&["diff", "--format", "json", old, new]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(diff["finish"]["working_days"], 4.0, "{diff}");
    let build = &diff["drivers"][0];
    assert_eq!(build["id"], "build", "{diff}");
    let reasons: Vec<&str> = build["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.as_str())
        .collect();
    assert!(reasons.contains(&"progress went from 50% to 20%"), "{reasons:?}");
    assert!(reasons.contains(&"has 9d left"), "{reasons:?}");
    // Earned value in person-days (no rates): BAC 10; PV at 5 of 10 days
    // is 5; AC 5 (actual_effort). Before: EV 50% × 10 = 5, SPI 1.00, CPI
    // 1.00, EAC 10 / 1 = 10. After: EV 2, SPI 0.40, CPI 0.40, EAC 10 / 0.4
    // = 25.
    let e = &diff["earned_value"];
    let pair = |f: &str| (e[f]["old"].as_f64().unwrap(), e[f]["new"].as_f64().unwrap());
    assert_eq!(pair("spi"), (1.0, 0.4), "{e}");
    assert_eq!(pair("cpi"), (1.0, 0.4), "{e}");
    assert!(
        (pair("eac").0 - 10.0).abs() < 1e-9 && (pair("eac").1 - 25.0).abs() < 1e-9,
        "{e}"
    );
    let md = stdout(&prog(&["diff", "--format", "md", old, new]));
    assert!(md.contains("| SPI | 1.00 | 0.40 | -0.60 |"), "{md}");
    assert!(
        md.contains("| EAC | 10.0 person-days | 25.0 person-days | +15.0 person-days |"),
        "{md}"
    );
    assert!(md.contains("progress 50% → 20%; remaining none → 9d"), "{md}");
    assert!(
        md.contains("because `build` progress went from 50% to 20% and has 9d left."),
        "{md}"
    );
}

#[test]
fn two_different_programs_are_said_to_differ() {
    let old = temp_file(
        "program_a.prog",
        "program a { start 2027-01-04 }\ntask t { duration 2d }\n",
    );
    let new = temp_file(
        "program_b.prog",
        "program b { start 2027-01-04 }\ntask t { duration 2d }\n",
    );
    let out = prog(&[
        "diff",
        "--format",
        "json",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        diff["program_change"],
        serde_json::json!({"old": "a", "new": "b"})
    );
    assert!(
        diff["headline"]
            .as_str()
            .unwrap()
            .starts_with("These are two different programs (`a` and `b`)."),
        "{diff}"
    );
}

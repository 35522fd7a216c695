//! End-to-end tests of `prog sync` and `prog import --from`: the real
//! binary on the exports in tests/fixtures/sync (Jira Cloud's CSV, all
//! fields and current fields; `gh issue list --json`; a spreadsheet with
//! `--map`), each on a copy of its plan in a folder of its own.

mod run;

use std::path::{Path, PathBuf};

use run::{code, prog, root, stderr, stdout};

/// A fresh folder holding the sync fixtures.
fn fixtures(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prog-sync-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(root().join("tests/fixtures/sync")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// `prog sync ARGS...`, which must succeed.
fn sync_ok(args: &[&str]) -> std::process::Output {
    let out = prog(&[&["sync"], args].concat());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    out
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// The lines of `after` that differ from `before`'s, as (old, new) pairs
/// of a line-by-line comparison of texts of as many lines.
fn changed_lines<'a>(before: &'a str, after: &'a str) -> Vec<(&'a str, &'a str)> {
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect()
}

#[test]
fn jira_all_fields_updates_the_tracking_statements_in_place() {
    let dir = fixtures("jira-all");
    let plan = dir.join("plan.prog");
    let before = read(&plan);
    let out = sync_ok(&[p(&dir.join("jira_all_fields.csv")), p(&plan)]);
    // PAY-2, in review (category In Progress): 57600 s spent = 16 h = 2d,
    // 57600 s remaining = 2d, so progress = 16 / (16 + 16) = 50%; it
    // entered In Progress on 16/Nov/26. PAY-3, Done on 03/Dec/26 4:00 PM,
    // 57600 s spent = 2d. PAY-4 and PAY-9 are To Do: nothing moves.
    let expected = before
        .replace(
            "    progress 20%  # last week's number\n",
            "    progress 50%  # last week's number\n    remaining 2d\n    actual_start 2026-11-16\n    actual_effort 2d\n",
        )
        .replace(
            "    after card_form\n  }",
            "    after card_form\n    actual_finish 2026-12-03\n    actual_effort 2d\n    done\n  }",
        );
    assert_eq!(read(&plan), expected);
    let report = stdout(&out);
    for line in [
        "PAY-2 card_form (",
        "progress 20% → 50%",
        "remaining (none) → 2d",
        "PAY-3 receipts (",
        "done (none) → (set)",
        "in SOURCE, not in the plan (3):",
        "  PAY-12 \"Apple Pay\" (In Progress)",
        "keyed in the plan, not in SOURCE (1):",
        "  PAY-7 legacy (",
        "note: PAY-12 is assigned to Lena Fischer (60a1f0c2d9e8-lena), the key of no person or team",
    ] {
        assert!(report.contains(line), "no {line:?} in:\n{report}");
    }
    let check = prog(&["check", p(&plan)]);
    assert_eq!(code(&check), 0, "{}", stdout(&check));
    assert!(!stdout(&check).contains("P114"), "{}", stdout(&check));

    // A second sync with the same export changes nothing, byte for byte.
    let synced = std::fs::read(&plan).unwrap();
    let again = prog(&["sync", p(&dir.join("jira_all_fields.csv")), p(&plan)]);
    assert_eq!(code(&again), 0);
    assert_eq!(std::fs::read(&plan).unwrap(), synced);
    assert!(
        stdout(&again).starts_with("no tracking statement changed\n"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn jira_current_fields_with_iso_dates_finish_what_it_resolved() {
    let dir = fixtures("jira-current");
    let plan = dir.join("plan.prog");
    let before = read(&plan);
    let out = sync_ok(&[
        "--from",
        "jira",
        p(&dir.join("jira_current_fields.csv")),
        p(&plan),
    ]);
    // PAY-2 resolved 2026-12-04 09:41 with 115200 s = 32 h = 4d spent: done,
    // and its `progress 20%` (with its comment, on its own line) goes, as
    // it would contradict `done` (P114). PAY-3 is in progress since
    // 2026-12-01: 28800 s spent, 28800 s left, 8 / (8 + 8) = 50%.
    let expected = before
        .replace(
            "    progress 20%  # last week's number\n",
            "    actual_finish 2026-12-04\n    actual_effort 4d\n    done\n",
        )
        .replace(
            "    after card_form\n  }",
            "    after card_form\n    progress 50%\n    remaining 1d\n    actual_start 2026-12-01\n    actual_effort 1d\n  }",
        );
    assert_eq!(read(&plan), expected);
    assert!(stdout(&out).contains("progress 20% → (none)"), "{}", stdout(&out));
    let check = prog(&["check", p(&plan)]);
    assert_eq!(code(&check), 0, "{}", stdout(&check));
}

#[test]
fn a_changed_progress_changes_exactly_one_line() {
    let dir = fixtures("one-line");
    let plan = dir.join("plan.prog");
    assert_eq!(
        code(&prog(&["sync", p(&dir.join("jira_all_fields.csv")), p(&plan)])),
        0
    );
    let before = read(&plan);
    let export = dir.join("week2.csv");
    std::fs::write(&export, "key,status,progress\nPAY-2,In Progress,70%\n").unwrap();
    sync_ok(&[p(&export), p(&plan)]);
    assert_eq!(
        changed_lines(&before, &read(&plan)),
        [(
            "    progress 50%  # last week's number",
            "    progress 70%  # last week's number"
        )]
    );
}

#[test]
fn github_issues_close_and_reopen_tasks() {
    let dir = fixtures("github");
    let plan = dir.join("github_plan.prog");
    let before = read(&plan);
    let out = sync_ok(&[p(&dir.join("github_issues.json")), p(&plan)]);
    // #101 closed on 2026-12-02 (UTC): done, and 60% would contradict it.
    // #102 is open: its `done` goes, with the comment on its line.
    let expected = before
        .replace("    progress 60%\n", "    actual_finish 2026-12-02\n    done\n")
        .replace("    done  # closed by mistake, reopened since\n", "");
    assert_eq!(read(&plan), expected);
    let report = stdout(&out);
    assert!(report.contains("  #103 \"Gift cards {beta}\" (open)"), "{report}");
    assert!(
        report.contains("note: #103 is assigned to hubot (hubot)"),
        "{report}"
    );
}

#[test]
fn any_csv_with_a_column_map() {
    let dir = fixtures("csv");
    let plan = dir.join("table_plan.prog");
    let before = read(&plan);
    let maps = [
        "Ticket=key",
        "Name=title",
        "State=status",
        "Done %=progress",
        "Hours left=remaining",
        "Started=actual_start",
        "Finished=actual_finish",
        "Owner=assign",
    ];
    let mut args = vec!["sync", "--from", "csv"];
    for map in &maps {
        args.extend(["--map", map]);
    }
    let source = dir.join("table.csv");
    args.extend([p(&source), p(&plan)]);
    let out = prog(&args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // LIN-7: done on 2026-12-01, started 2026-11-20 (its 100% is `done`).
    // LIN-8: 60%, 12 hours left = 12h, started 2026-11-25.
    let expected = before
        .replace(
            "{ key \"LIN-7\"  effort 5d  assign ada }",
            "{ key \"LIN-7\"  effort 5d  assign ada  actual_start 2026-11-20  actual_finish 2026-12-01  done }",
        )
        .replace(
            "  after schema\n",
            "  after schema\n  progress 60%\n  remaining 12h\n  actual_start 2026-11-25\n",
        );
    assert_eq!(read(&plan), expected);
    assert!(
        stdout(&out).contains("note: LIN-9 is assigned to grace@example.com"),
        "{}",
        stdout(&out)
    );
    let check = prog(&["check", p(&plan)]);
    assert_eq!(code(&check), 0, "{}", stdout(&check));
    // A map is for a CSV read as any CSV, not for Jira's columns.
    let jira = dir.join("jira_all_fields.csv");
    let out = prog(&["sync", "--map", "Summary=title", p(&jira), p(&plan)]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("is read as jira: give --from csv"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn malformed_csv_is_a_located_error_and_the_plan_is_untouched() {
    let dir = fixtures("malformed");
    let plan = dir.join("plan.prog");
    let before = std::fs::read(&plan).unwrap();
    // `prog sync` of an export `name` holding `text`: exit 1, the error on stderr.
    let refused = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).unwrap();
        let out = prog(&["sync", p(&dir.join(name)), p(&plan)]);
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        stderr(&out)
    };
    let unclosed = refused(
        "unclosed.csv",
        "Issue key,Summary,Status Category\nPAY-2,Card form,Done\nPAY-3,\"Receipts,Done\nPAY-4,Refunds,To Do\n",
    );
    assert!(
        unclosed.contains("unclosed.csv:3:7: error: this quote is never closed"),
        "{unclosed}"
    );
    // The fourth field of line 3 starts after `PAY-3,Receipts,Done,`.
    let columns = refused(
        "columns.csv",
        "Issue key,Summary,Status Category\nPAY-2,Card form,Done\nPAY-3,Receipts,Done,extra\n",
    );
    assert!(
        columns.contains("columns.csv:3:21: error: this row has 4 fields where the header has 3"),
        "{columns}"
    );
    let json = refused(
        "broken.json",
        "[\n  {\"number\": 1, \"title\": \"x\", \"state\": OPEN}\n]\n",
    );
    assert!(json.contains("broken.json:2:"), "{json}");
    assert_eq!(std::fs::read(&plan).unwrap(), before, "the plan was written");
    // An export of the wrong kind of file is refused before it is read.
    let out = prog(&["sync", p(&plan), p(&plan)]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("not a .csv file"), "{}", stderr(&out));
}

#[test]
fn a_key_on_two_items_syncs_neither() {
    let dir = fixtures("duplicate");
    let plan = dir.join("plan.prog");
    let text = read(&plan).replace("key \"PAY-4\"", "key \"PAY-2\"");
    std::fs::write(&plan, &text).unwrap();
    let out = sync_ok(&[p(&dir.join("jira_all_fields.csv")), p(&plan)]);
    let report = stdout(&out);
    assert!(
        report.contains("warning: the key PAY-2 is on card_form (") && report.contains(") and refunds ("),
        "{report}"
    );
    let after = read(&plan);
    assert!(after.contains("progress 20%  # last week's number"), "{after}");
    // The other items are synced.
    assert!(after.contains("    actual_finish 2026-12-03\n"), "{after}");
}

#[test]
fn dry_run_prints_a_unified_diff_and_writes_nothing() {
    let dir = fixtures("dry-run");
    let plan = dir.join("plan.prog");
    let before = std::fs::read(&plan).unwrap();
    let out = sync_ok(&[
        "--dry-run",
        p(&dir.join("jira_all_fields.csv")),
        p(&plan),
        "--add-to",
        p(&plan),
    ]);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let diff = stdout(&out);
    assert!(
        diff.starts_with(&format!("--- {}\n+++ {}\n@@ ", p(&plan), p(&plan))),
        "{diff}"
    );
    for line in [
        "-    progress 20%  # last week's number",
        "+    progress 50%  # last week's number",
        "+  task pay_12 \"Apple Pay\" {",
    ] {
        assert!(diff.lines().any(|l| l == line), "no {line:?} in:\n{diff}");
    }
    assert!(stderr(&out).contains("progress 20% → 50%"), "{}", stderr(&out));
}

#[test]
fn add_to_appends_the_new_issues_and_the_plan_checks_clean() {
    let dir = fixtures("add-to");
    let plan = dir.join("plan.prog");
    let before = read(&plan);
    let out = sync_ok(&[
        p(&dir.join("jira_all_fields.csv")),
        p(&plan),
        "--add-to",
        p(&plan),
    ]);
    let after = read(&plan);
    // PAY-12's parent is PAY-1, the plan's `payments`: it goes at the end
    // of that group, blocked by PAY-2 so after the plan's `card_form`.
    let in_group = "  task refunds \"Refunds\" { key \"PAY-4\"  effort 3d  assign omar  after receipts }\n  task pay_12 \"Apple Pay\" {\n    key \"PAY-12\"\n    effort 1d\n    assign lena_fischer\n    after card_form\n";
    assert!(after.contains(in_group), "{after}");
    let added = &after[after.find("\nperson lena_fischer").expect(&after)..];
    // Lena is nobody's key: a person is made for her, keyed by her account
    // id; Omar is matched by his. PAY-21 sits in its new epic PAY-20.
    for line in [
        "person lena_fischer \"Lena Fischer\" {\n  key \"60a1f0c2d9e8-lena\"\n}",
        "group pay_20 \"Fraud checks\" {\n  key \"PAY-20\"\n  task pay_21 \"Velocity rules\" {\n    key \"PAY-21\"\n    effort 5d\n    assign omar\n    deadline 2026-12-31\n",
    ] {
        assert!(added.contains(line), "no {line:?} in:\n{added}");
    }
    assert!(!added.contains("PAY-12"), "{added}");
    assert!(
        stdout(&out).contains("added to the plan's group PAY-1: task pay_12 \"Apple Pay\""),
        "{}",
        stdout(&out)
    );
    assert_eq!(code(&prog(&["fmt", "--check", p(&plan)])), 0, "{after}");
    assert!(after.starts_with(&before[..before.find("group payments").unwrap()]));
    assert!(stdout(&out).contains("added to "), "{}", stdout(&out));
    let check = prog(&["check", p(&plan)]);
    assert_eq!(code(&check), 0, "{}", stdout(&check));
    assert!(stderr(&check).contains("0 errors"), "{}", stderr(&check));
    // Nothing is left to add the second time.
    let again = prog(&[
        "sync",
        p(&dir.join("jira_all_fields.csv")),
        p(&plan),
        "--add-to",
        p(&plan),
    ]);
    assert_eq!(read(&plan), after);
    assert!(
        !stdout(&again).contains("in SOURCE, not in the plan"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn an_item_is_edited_in_the_file_that_declares_it() {
    let dir = fixtures("imports");
    let main = dir.join("main.prog");
    std::fs::write(
        &main,
        "import \"work.prog\"\n\nprogram p { start 2026-11-02  status_date 2026-12-04 }\n",
    )
    .unwrap();
    let work = dir.join("work.prog");
    std::fs::write(&work, "task receipts {\n  key \"PAY-3\"\n  effort 2d\n}\n").unwrap();
    sync_ok(&[p(&dir.join("jira_all_fields.csv")), p(&main)]);
    assert_eq!(
        read(&work),
        "task receipts {\n  key \"PAY-3\"\n  effort 2d\n  actual_finish 2026-12-03\n  actual_effort 2d\n  done\n}\n"
    );
    assert!(read(&main).starts_with("import \"work.prog\"\n\nprogram p {"));
}

#[test]
fn import_from_jira_is_a_formatted_fragment_that_checks_clean() {
    let dir = fixtures("import");
    let fragment = dir.join("checkout_jira.prog");
    let out = prog(&[
        "import",
        p(&dir.join("jira_all_fields.csv")),
        "--from",
        "jira",
        "-o",
        p(&fragment),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = read(&fragment);
    // The epics are groups; PAY-2 under PAY-1 (its parent by issue id
    // 10001); a person per assignee, keyed by the account id.
    for part in [
        "person jane_doe \"Jane Doe\" {\n  key \"5b10ac8d82e05b22cc7d4ef5\"\n}",
        "group pay_1 \"Payments\" {\n  key \"PAY-1\"\n  task pay_2 \"Card form\" {",
        "group pay_20 \"Fraud checks\" {",
        "    after pay_2\n",
        "    deadline 2026-12-18\n",
    ] {
        assert!(text.contains(part), "no {part:?} in:\n{text}");
    }
    let fmt = prog(&["fmt", "--check", p(&fragment)]);
    assert_eq!(code(&fmt), 0, "not formatted: {}{}", stdout(&fmt), stderr(&fmt));
    let main = dir.join("main.prog");
    std::fs::write(
        &main,
        "import \"checkout_jira.prog\"\n\nprogram checkout { start 2026-11-02  status_date 2026-12-04 }\n",
    )
    .unwrap();
    let check = prog(&["check", p(&main)]);
    assert_eq!(code(&check), 0, "{}", stdout(&check));
    assert!(stderr(&check).contains("0 errors"), "{}", stderr(&check));
    // GitHub's milestones are groups with their due date as the deadline.
    let out = prog(&["import", p(&dir.join("github_issues.json")), "--from", "github"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("group v2_0 \"v2.0\" {\n  deadline 2026-12-18\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn titles_from_strangers_reach_the_terminal_and_the_plan_escaped() {
    let dir = fixtures("hostile");
    let export = dir.join("hostile.csv");
    let title = "Pwn \u{1b}]0;owned\u{7} \"quoted\" back\\slash\u{1b}[2J";
    std::fs::write(
        &export,
        format!(
            "Issue key,Summary,Status Category\nEVIL-1,\"{}\",To Do\n",
            title.replace('"', "\"\"")
        ),
    )
    .unwrap();
    let plan = dir.join("plan.prog");
    let out = sync_ok(&[p(&export), p(&plan), "--add-to", p(&plan)]);
    assert!(
        !stdout(&out).contains('\u{1b}') && !stdout(&out).contains('\u{7}'),
        "{:?}",
        stdout(&out)
    );
    let text = read(&plan);
    assert!(
        text.contains("task evil_1 \"Pwn ]0;owned \\\"quoted\\\" back\\\\slash[2J\" {"),
        "{text}"
    );
    assert_eq!(code(&prog(&["check", p(&plan)])), 0);
    // A key with a control character is refused: it could never match again.
    std::fs::write(&export, "Issue key,Summary\n\"EVIL\u{1b}-2\",x\n").unwrap();
    let out = prog(&["sync", p(&export), p(&plan)]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("hostile.csv:2:1: error: the key \"EVIL\\u{1b}-2\" has a control character"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_actual_date_after_the_status_date_is_pointed_out() {
    let dir = fixtures("status-date");
    let plan = dir.join("plan.prog");
    std::fs::write(
        &plan,
        read(&plan).replace("status_date 2026-12-04", "status_date 2026-11-27"),
    )
    .unwrap();
    let out = sync_ok(&[p(&dir.join("jira_all_fields.csv")), p(&plan)]);
    // PAY-3 was resolved on 2026-12-03, after the status date 2026-11-27
    // (P115 until the status date moves).
    assert!(
        stdout(&out).contains(
            "warning: PAY-3 has an actual date, 2026-12-03, after the plan's status_date 2026-11-27"
        ),
        "{}",
        stdout(&out)
    );
}

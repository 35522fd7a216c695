//! Inputs built to hurt: deep nesting, long loops, long lines. Each must
//! give a result or a located error, in bounded time and output, through
//! the real binary.

mod lsp_client;
mod run;

use run::{code, prog, stderr, temp_file};
use serde_json::json;

/// A program, then `depth` groups each inside the one before, a task in the
/// innermost, then a task after them all.
fn nested_groups(depth: usize) -> String {
    let mut text = String::from("program p { start 2027-01-04 }\n");
    for level in 0..depth {
        text.push_str(&format!("group g{level} {{\n"));
    }
    text.push_str("task leaf { duration 1d }\n");
    text.push_str(&"}\n".repeat(depth));
    text + "task last { duration 2d }\n"
}

#[test]
fn groups_nested_10000_deep_give_one_located_error_in_every_command() {
    let text = nested_groups(10_000);
    let path = temp_file("deep.prog", &text);
    let path = path.to_str().unwrap();
    // Line 1 is the program, line 2 the outermost group: the 33rd is line 34.
    let located = format!("{path}:34:1");
    for command in ["check", "schedule", "report"] {
        let out = prog(&[command, path]);
        assert_eq!(code(&out), 1, "{command}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("error[P001]: groups nest more than 32 levels deep"),
            "{command}: {err}"
        );
        assert!(err.contains(&located), "{command}: {err}");
        assert!(err.ends_with("1 error, 0 warnings\n"), "{command}: {err}");
    }
    // The rest of the plan still schedules.
    let out = prog(&["schedule", "--format", "json", path]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let last = doc["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "last")
        .unwrap();
    assert_eq!(last["ef"], 2);
    // The formatter leaves a file with errors alone.
    let out = prog(&["fmt", path]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("groups nest more than 32 levels deep"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(path).unwrap(), text);
}

#[test]
fn the_server_answers_a_plan_nested_10000_deep() {
    let (mut client, _) = lsp_client::Client::initialized(json!({}));
    let (_, uri) = lsp_client::temp_file("deep", "plan.prog", "");
    client.open(&uri, &nested_groups(10_000));
    let diagnostics = client.diagnostics(&uri, 1);
    let diagnostics: Vec<_> = diagnostics.iter().filter(|d| d["severity"] == 1).collect();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "P001");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({ "line": 33, "character": 0 })
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert!(symbols.as_array().is_some_and(|s| !s.is_empty()), "{symbols}");
    assert!(client.alive());
    client.stop();
}

/// `n` tasks of one person in a loop: `t0 after t{n-1}`, `t{i} after t{i-1}`.
fn loop_of(n: usize) -> String {
    let mut text = String::from("program p { start 2027-01-04 }\nperson al { capacity 100% }\n");
    text.push_str(&format!(
        "task t0 {{ duration 1d  owner al  after t{} }}\n",
        n - 1
    ));
    for i in 1..n {
        text.push_str(&format!(
            "task t{i} {{ duration 1d  owner al  after t{} }}\n",
            i - 1
        ));
    }
    text
}

#[test]
fn a_loop_of_2000_tasks_is_one_short_diagnostic() {
    let path = temp_file("loop.prog", loop_of(2_000));
    let out = prog(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    // Before: 2,000 diagnostics each naming all 2,000 tasks, 1.2 GB of JSON.
    assert!(out.stdout.len() < 8_000, "{} bytes", out.stdout.len());
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:#?}");
    assert_eq!(list[0]["code"], "P301");
    assert_eq!(list[0]["start"]["line"], 3);
    assert_eq!(
        list[0]["message"],
        "circular dependency: t0 → t1 → t2 → … → t1997 → t1998 → t1999 → t0 (2000 tasks); the schedule ignores this dependency"
    );
    assert_eq!(list[0]["related"].as_array().unwrap().len(), 6);
    // Broken at one edge, the loop is a chain: no task overlaps another.
    let out = prog(&["schedule", "--format", "json", path.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["duration_days"], 2_000);
}

#[test]
fn the_server_reports_a_loop_of_2000_tasks_once() {
    let related = json!({ "textDocument": { "publishDiagnostics": { "relatedInformation": true } } });
    let (mut client, _) = lsp_client::Client::initialized(related);
    let (_, uri) = lsp_client::temp_file("loop", "plan.prog", "");
    client.open(&uri, &loop_of(2_000));
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["relatedInformation"].as_array().unwrap().len(), 6);
    client.stop();
}

/// A plan of five megabytes on one line, with one
/// mistake in the middle. The diagnostic shows a window of the line around
/// the mistake, with the real line and column, not five megabytes.
#[test]
fn a_diagnostic_on_a_five_megabyte_line_shows_a_window_of_it() {
    let mut text = String::from("program p { start 2027-01-04 } person al { } ");
    // Milestones: no owner to miss, no load to over-allocate.
    let items = 5_000_000 / "milestone m000000 { } ".len();
    for i in 0..items {
        if i == items / 2 {
            text.push_str("task typo { duration 1d  owner alx } ");
        }
        text.push_str(&format!("milestone m{i:06} {{ }} "));
    }
    let column = text.find("alx").unwrap() + 1;
    let path = temp_file("one_line.prog", &text);
    let out = prog(&["check", path.to_str().unwrap()]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.len() < 2_000, "{} bytes on stderr", err.len());
    assert!(err.contains("error[P101]: unknown id `alx`"), "{err}");
    assert!(err.contains(&format!("{}:1:{column}", path.display())), "{err}");
    // The window: what comes before the mistake and after it, and the marker under it.
    let shown = err
        .lines()
        .find(|l| l.contains("owner alx"))
        .expect("the line, clipped");
    assert!(shown.contains("milestone") && shown.len() < 200, "{shown}");
    let marker = err.lines().find(|l| l.contains("^^^")).unwrap();
    assert_eq!(marker.find('^'), shown.find("alx"), "{err}");
    assert!(
        err.contains(&format!("note: line 1 is {} characters long", text.len())),
        "{err}"
    );
    assert!(err.contains("hint: did you mean `al`?"), "{err}");
}

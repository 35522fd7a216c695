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

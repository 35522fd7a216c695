//! `prog lsp` end to end: plans of several files (imports, files changed
//! on disk) and baselines.

mod lsp_client;

use lsp_client::{Client, apply_edits, codes, position_of, temp_file, watching_client};
use serde_json::{Value, json};

#[test]
fn rename_reaches_imported_files_that_are_not_open() {
    let (_, teams_uri) = temp_file(
        "rename",
        "teams.prog",
        "person alice \"Alice\" { capacity 100% }\n",
    );
    let main = "import \"teams.prog\"\nprogram p { start 2027-01-04 }\ntask a { duration 1d  owner alice }\n";
    let (_, uri) = temp_file("rename", "main.prog", main);
    let (mut client, _) = Client::initialized(json!({}));
    client.open(&uri, main);
    assert_eq!(
        client.diagnostics(&uri, 1),
        Vec::<Value>::new(),
        "the import is read from disk"
    );

    let at = json!({ "textDocument": { "uri": uri }, "position": position_of(main, "alice") });
    let prepared = client.request("textDocument/prepareRename", at.clone());
    assert_eq!(prepared["start"], position_of(main, "alice"));
    let definition = client.request("textDocument/definition", at.clone());
    assert_eq!(definition["uri"], teams_uri);

    let mut params = at.clone();
    params["newName"] = json!("carol");
    let edit = client.request("textDocument/rename", params);
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(
        apply_edits(main, changes[&uri].as_array().unwrap()),
        main.replace("alice", "carol")
    );
    assert_eq!(changes[&teams_uri].as_array().unwrap().len(), 1);

    let mut bad = at;
    bad["newName"] = json!("task");
    let refused = client.request("textDocument/rename", bad);
    assert!(
        refused["error"]["message"].as_str().unwrap().contains("keyword"),
        "{refused}"
    );
    client.stop();
}

/// While an import is being typed the imported file is
/// analysed on its own; once the import is whole again it is part of the
/// importing plan again: no "no program" on it, and a rename from it
/// reaches the importer.
#[test]
fn an_imported_file_rejoins_its_plan_when_a_broken_import_is_fixed() {
    let teams = "person alice \"Alice\" { capacity 100% }\n";
    let (_, teams_uri) = temp_file("rejoin", "teams.prog", teams);
    let main = "import \"teams.prog\"\nprogram p { start 2027-01-04 }\ntask a { duration 1d  owner alice }\n";
    let (_, uri) = temp_file("rejoin", "main.prog", main);
    let (mut client, _) = Client::initialized(json!({}));
    client.open(&uri, main);
    client.open(&teams_uri, teams);
    assert_eq!(client.diagnostics(&teams_uri, 1), Vec::<Value>::new());

    let set_main = |client: &mut Client, text: &str, version: i64| {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }]
            }),
        );
    };
    set_main(&mut client, &main.replace("teams.prog", "teams.pro"), 2);
    assert_eq!(codes(&client.diagnostics(&uri, 2)), ["P113", "P101"]);
    let alone = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": teams_uri } }),
    );
    assert_eq!(codes(alone["items"].as_array().unwrap()), ["P111"], "{alone}");

    set_main(&mut client, main, 3);
    assert_eq!(client.diagnostics(&uri, 3), Vec::<Value>::new());
    let rejoined = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": teams_uri } }),
    );
    assert_eq!(rejoined["items"], json!([]), "{rejoined}");
    let at = json!({
        "textDocument": { "uri": teams_uri },
        "position": position_of(teams, "alice"),
        "newName": "carol"
    });
    let edit = client.request("textDocument/rename", at);
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(
        apply_edits(main, changes[&uri].as_array().unwrap()),
        main.replace("alice", "carol")
    );
    client.stop();
}

#[test]
fn an_imported_file_changed_on_disk_is_read_again() {
    let (teams, teams_uri) = temp_file("watched", "teams.prog", "person alice { capacity 100% }\n");
    let main = "import \"teams.prog\"\nprogram p { start 2027-01-04 }\ntask a { duration 1d  owner alice }\n";
    let (_, uri) = temp_file("watched", "main.prog", main);
    let mut client = watching_client();
    client.open(&uri, main);
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());

    std::fs::write(&teams, "person carol { capacity 100% }\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": teams_uri, "type": 2 }] }),
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(
        codes(&diagnostics),
        ["P101"],
        "alice is gone from the imported file"
    );
    client.stop();
}

/// `prog sync` rewrites an imported file on disk; the server reads it
/// again like any other change: the deadline the unfinished task missed
/// is met once the sync records it done.
#[test]
fn a_file_synced_from_a_tracker_is_read_again() {
    let (work, work_uri) = temp_file(
        "synced",
        "work.prog",
        "task build \"Build\" {\n  key \"B-1\"\n  duration 30d\n}\n",
    );
    let main = "import \"work.prog\"\n\nprogram p { start 2026-11-02  status_date 2026-12-04 }\n\nmilestone ship { after build  deadline 2026-12-11 }\n";
    let (main_path, uri) = temp_file("synced", "main.prog", main);
    let (export, _) = temp_file(
        "synced",
        "week.csv",
        "key,status,actual_finish\nB-1,Done,2026-11-20\n",
    );
    let mut client = watching_client();
    client.open(&uri, main);
    // 30 working days from 2026-11-02 end after the deadline.
    assert_eq!(codes(&client.diagnostics(&uri, 1)), ["P303"]);

    let sync = std::process::Command::new(env!("CARGO_BIN_EXE_prog"))
        .args(["sync".as_ref(), export.as_os_str(), main_path.as_os_str()])
        .output()
        .unwrap();
    assert!(sync.status.success(), "{}", String::from_utf8_lossy(&sync.stderr));
    assert!(
        std::fs::read_to_string(&work)
            .unwrap()
            .contains("  actual_finish 2026-11-20\n  done\n")
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": work_uri, "type": 2 }] }),
    );
    assert_eq!(
        codes(&client.diagnostics(&uri, 1)),
        Vec::<&str>::new(),
        "build finished on 2026-11-20"
    );
    client.stop();
}

/// The plan's baseline in the editor: variance hints, a lens over
/// the program, and both follow the baseline file when it changes on disk.
#[test]
fn the_baseline_shows_in_hints_and_the_program_lens() {
    let then = "program p { start 2027-01-04 }\nperson ann { capacity 100% }\ntask a { duration 2d  owner ann }\nmilestone ship { after a }\n";
    let (old, _) = temp_file("baseline", "then.prog", then);
    let base = old.with_file_name("base.json");
    let take = |plan: &std::path::Path| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_prog"))
            .args([
                "baseline",
                &plan.display().to_string(),
                "-o",
                &base.display().to_string(),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    take(&old);
    // a grew from 2d to 5d: a and ship finish 3 working days later.
    let now = then
        .replace("2027-01-04 }", "2027-01-04  baseline \"base.json\" }")
        .replace("2d", "5d");
    let (_, uri) = temp_file("baseline", "plan.prog", &now);
    let mut client = watching_client();
    client.open(&uri, &now);
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    let range = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 4, "character": 0 } });
    let hints = |client: &mut Client| -> Vec<String> {
        let hints = client.request(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": uri }, "range": range }),
        );
        hints
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["label"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(hints(&mut client), ["critical", "+3d", "critical", "+3d"]);
    let lens = |client: &mut Client| {
        let lenses = client.request("textDocument/codeLens", json!({ "textDocument": { "uri": uri } }));
        lenses[0]["command"]["title"].as_str().unwrap().to_string()
    };
    assert_eq!(lens(&mut client), "vs baseline: finish +3d, 1 milestone late");
    let baseline_hints = |on: bool| json!({ "settings": { "prog": { "inlayHints": { "baseline": on } } } });
    client.notify("workspace/didChangeConfiguration", baseline_hints(false));
    assert_eq!(hints(&mut client), ["critical", "critical"]);
    client.notify("workspace/didChangeConfiguration", baseline_hints(true));

    // A rebaseline of the plan as it is now: nothing moved.
    let (current, _) = temp_file(
        "baseline",
        "now.prog",
        &now.replace("  baseline \"base.json\"", ""),
    );
    take(&current);
    let base_uri = format!("file://{}", base.display());
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": base_uri, "type": 2 }] }),
    );
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    assert_eq!(lens(&mut client), "vs baseline: finish 0d");
    assert_eq!(hints(&mut client), ["critical", "critical"]);

    std::fs::write(&base, "not json").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": base_uri, "type": 2 }] }),
    );
    let p117 = client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"][0]["code"] == "P117"
    });
    assert!(
        p117.is_some(),
        "the broken baseline is P117: {:?}",
        client.received
    );
    client.stop();
}

/// A baseline file the plan names that appears later is read when it
/// appears; other JSON files of the workspace are not read.
#[test]
fn a_baseline_that_appears_later_is_read() {
    let plan = "program p { start 2027-01-04  baseline \"later.json\" }\nperson ann { capacity 100% }\ntask a { duration 2d  owner ann }\n";
    let (path, uri) = temp_file("baseline-later", "plan.prog", plan);
    let mut client = watching_client();
    client.open(&uri, plan);
    assert_eq!(codes(&client.diagnostics(&uri, 1)), ["P117"]);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_prog"))
        .args(["baseline", &path.display().to_string(), "-o"])
        .arg(path.with_file_name("later.json"))
        .output()
        .unwrap();
    // The plan has an error (P117) until its baseline exists: taken of a copy without the statement.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (copy, _) = temp_file(
        "baseline-later",
        "copy.prog",
        &plan.replace("  baseline \"later.json\"", ""),
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_prog"))
        .args(["baseline", &copy.display().to_string(), "-o"])
        .arg(path.with_file_name("later.json"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let later = format!("file://{}", path.with_file_name("later.json").display());
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": later, "type": 1 }] }),
    );
    let clean = client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(
        clean.is_some(),
        "the baseline is read once it exists: {:?}",
        client.received
    );
    let lenses = client.request("textDocument/codeLens", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(lenses[0]["command"]["title"], "vs baseline: finish 0d");
    client.stop();
}

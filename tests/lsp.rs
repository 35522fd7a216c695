//! `prog lsp` end to end: the real binary, spoken to over stdio. Its
//! features on one plan; the protocol's edge cases are in `lsp_protocol.rs`,
//! plans of several files and baselines in `lsp_projects.rs`.

mod lsp_client;

use lsp_client::{Client, PLAN, apply_edits, codes, decode_tokens, position_of, temp_file};
use serde_json::{Value, json};

#[test]
fn initialize_announces_the_capabilities_and_negotiates_the_encoding() {
    let (client, result) = Client::initialized(json!({}));
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    let legend = &caps["semanticTokensProvider"]["legend"];
    assert!(
        legend["tokenModifiers"]
            .as_array()
            .unwrap()
            .contains(&json!("critical"))
    );
    for kind in ["keyword", "string", "number", "comment", "function"] {
        assert!(
            legend["tokenTypes"].as_array().unwrap().contains(&json!(kind)),
            "{kind}"
        );
    }
    assert_eq!(caps["semanticTokensProvider"]["full"]["delta"], true);
    assert_eq!(caps["semanticTokensProvider"]["range"], true);
    for provider in [
        "hoverProvider",
        "inlayHintProvider",
        "codeActionProvider",
        "definitionProvider",
        "referencesProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "documentHighlightProvider",
        "foldingRangeProvider",
        "selectionRangeProvider",
        "completionProvider",
        "callHierarchyProvider",
        "documentFormattingProvider",
        "codeLensProvider",
    ] {
        assert!(!caps[provider].is_null(), "{provider}");
    }
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(
        caps["executeCommandProvider"]["commands"],
        json!(["prog.showCriticalPath", "prog.forecast"])
    );
    assert!(
        caps["diagnosticProvider"].is_null(),
        "no pull diagnostics unless asked for"
    );
    client.stop();

    let (client, result) = Client::initialized(json!({
        "general": { "positionEncodings": ["utf-8", "utf-16"] },
        "textDocument": { "diagnostic": {} }
    }));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["interFileDependencies"],
        true
    );
    client.stop();
}

#[test]
fn diagnostics_follow_open_and_incremental_changes() {
    let (mut client, _) = Client::initialized(json!({}));
    let (_, uri) = temp_file("diagnostics", "plan.prog", "");
    let text = PLAN.replace("after api +2d", "after ap +2d");
    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(codes(&diagnostics), ["P101"]);
    assert_eq!(diagnostics[0]["range"]["start"], position_of(&text, "ap +2d"));
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown id `ap`")
    );

    // Insert the missing `i`: one character, as an editor sends it.
    let mut end = position_of(&text, "ap +2d");
    end["character"] = json!(end["character"].as_u64().unwrap() + 2);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": { "start": end, "end": end }, "text": "i" }]
        }),
    );
    assert_eq!(client.diagnostics(&uri, 2), Vec::<Value>::new());
    client.stop();
}

#[test]
fn a_cycle_lists_every_edge_and_an_over_allocation_its_tasks() {
    let related = json!({ "textDocument": { "publishDiagnostics": { "relatedInformation": true } } });
    let (mut client, _) = Client::initialized(related);
    let (_, uri) = temp_file("related", "plan.prog", "");
    let text = PLAN.replace("after kickoff\n", "after kickoff, build\n").replace(
        "task docs \"Docs\" { duration 3d  assign bob 50%  after api }",
        "task docs \"Docs\" { duration 3d  owner alice }",
    );
    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri, 1);
    let cycle: Vec<&Value> = diagnostics.iter().filter(|d| d["code"] == "P301").collect();
    // Once, at the dependency that closes the loop, the other one related.
    assert_eq!(cycle.len(), 1, "{diagnostics:#?}");
    assert_eq!(cycle[0]["relatedInformation"].as_array().unwrap().len(), 1);
    assert_eq!(cycle[0]["relatedInformation"][0]["location"]["uri"], uri);
    let overload = diagnostics
        .iter()
        .find(|d| d["code"] == "P302")
        .expect("an over-allocation");
    let message = overload["message"].as_str().unwrap();
    assert!(
        message.contains("`alice` is over-allocated") && message.contains("100% available"),
        "{message}"
    );
    assert!(!overload["relatedInformation"].as_array().unwrap().is_empty());
    client.stop();
}

#[test]
fn hover_inlay_hints_and_semantic_tokens_show_the_schedule() {
    let (mut client, _) = Client::initialized(json!({}));
    let (_, uri) = temp_file("features", "plan.prog", "");
    client.open(&uri, PLAN);
    client.diagnostics(&uri, 1);

    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position_of(PLAN, "api +2d") }),
    );
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(markdown.contains("task `api` — Design the API"), "{markdown}");
    assert!(markdown.contains("es 1 · ef 6 · ls 1 · lf 6"), "{markdown}");
    assert!(markdown.contains("**critical**"), "{markdown}");

    let hints = client.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } } }),
    );
    let labels: Vec<(u64, &str)> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["position"]["line"].as_u64().unwrap(),
                h["label"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        [
            (4, "critical"),
            (5, "critical"),
            (10, "critical"),
            (15, "float 9d"),
            (16, "critical")
        ]
    );

    let tokens = client.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": uri } }),
    );
    let decoded = decode_tokens(tokens["data"].as_array().unwrap());
    let critical_bit = 2;
    let lines: Vec<&str> = PLAN.lines().collect();
    let critical: Vec<&str> = decoded
        .iter()
        .filter(|t| t.4 & critical_bit != 0)
        .map(|t| &lines[t.0 as usize][t.1 as usize..(t.1 + t.2) as usize])
        .collect();
    assert_eq!(
        critical,
        [
            "kickoff", "api", "kickoff", "build", "api", "api", "ready", "build"
        ]
    );
    let docs = decoded
        .iter()
        .find(|t| &lines[t.0 as usize][t.1 as usize..(t.1 + t.2) as usize] == "docs")
        .unwrap();
    assert_eq!(docs.4 & critical_bit, 0);

    // A delta against the last result, after an edit that makes docs critical.
    let result_id = tokens["resultId"].as_str().unwrap().to_string();
    let longer = PLAN.replace("duration 3d  assign bob", "duration 19d  assign bob");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": longer }] }),
    );
    let delta = client.request(
        "textDocument/semanticTokens/full/delta",
        json!({ "textDocument": { "uri": uri }, "previousResultId": result_id }),
    );
    let edits = delta["edits"].as_array().expect("a delta");
    assert_eq!(edits.len(), 1);
    assert!(edits[0]["data"].as_array().unwrap().len() < tokens["data"].as_array().unwrap().len());
    client.stop();
}

#[test]
fn a_quick_fix_removes_its_diagnostic_once_applied() {
    let (mut client, _) = Client::initialized(json!({}));
    let (_, uri) = temp_file("action", "plan.prog", "");
    let text = PLAN.replace("after api +2d", "after apx +2d");
    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(codes(&diagnostics), ["P101"]);
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": diagnostics[0]["range"],
            "context": { "diagnostics": diagnostics }
        }),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Replace with `api`")
        .expect("the replacement fix");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["diagnostics"][0]["code"], "P101");
    let fixed = apply_edits(&text, fix["edit"]["changes"][&uri].as_array().unwrap());
    assert_eq!(fixed, PLAN);
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }),
    );
    assert_eq!(client.diagnostics(&uri, 2), Vec::<Value>::new());
    client.stop();
}

/// The server sends causes first too: errors before
/// warnings, and no "no program" while the program does not parse.
#[test]
fn published_diagnostics_put_errors_first_and_leave_out_what_they_cause() {
    let (mut client, _) = Client::initialized(json!({}));
    let (_, uri) = temp_file("causes", "plan.prog", "");
    // A risk nobody owns (a warning of names and values) before a loop (an
    // error of the schedule).
    let text = "program p { start 2027-01-04 }\nperson al { }\nrisk r { probability 10%  impact 1d  affects a  mitigation \"m\" }\ntask a { duration 1d  owner al  after b }\ntask b { duration 1d  owner al  after a }\n";
    client.open(&uri, text);
    assert_eq!(codes(&client.diagnostics(&uri, 1)), ["P301", "P201"]);
    let pulled = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(codes(pulled["items"].as_array().unwrap()), ["P301", "P201"]);

    let title = "program p \"Plan { start 2027-01-04 }\ntask a { duration 1d }\n";
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": title }]
        }),
    );
    let codes_now = codes(&client.diagnostics(&uri, 2)).join(" ");
    assert!(codes_now.starts_with("P001"), "{codes_now}");
    assert!(!codes_now.contains("P111"), "{codes_now}");

    // A typo in `after` lets `b` run beside `a`, both al's: the
    // over-allocation only follows from the unknown id, and is left out.
    let typo = "program p { start 2027-01-04 }\nperson al { }\ntask a { duration 1d  owner al }\ntask b { duration 1d  owner al  after aa }\n";
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 3 },
            "contentChanges": [{ "text": typo }]
        }),
    );
    assert_eq!(codes(&client.diagnostics(&uri, 3)), ["P101"]);
    let pulled = client.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(codes(pulled["items"].as_array().unwrap()), ["P101"]);
    client.stop();
}

#[test]
fn formatting_gives_the_canonical_layout() {
    let (mut client, _) = Client::initialized(json!({}));
    let (_, uri) = temp_file("format", "plan.prog", "");
    let messy = "program p{start 2027-01-04}   # start\ntask a   {duration 1d}\n";
    client.open(&uri, messy);
    let edits = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let formatted = apply_edits(messy, edits.as_array().unwrap());
    assert_eq!(
        formatted,
        "program p { start 2027-01-04 }  # start\ntask a { duration 1d }\n"
    );
    client.stop();
}

#[test]
fn pull_diagnostics_answer_clients_that_ask() {
    let (mut client, _) = Client::initialized(json!({ "textDocument": { "diagnostic": {} } }));
    let (_, uri) = temp_file("pull", "plan.prog", "");
    client.open(&uri, &PLAN.replace("after api +2d", "after apx +2d"));
    let pull = |client: &mut Client| {
        let report = client.request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": uri } }),
        );
        assert_eq!(report["kind"], "full");
        report["items"].as_array().unwrap().clone()
    };
    let items = pull(&mut client);
    assert_eq!(codes(&items), ["P101"]);
    // A fix with a whole-text change, then the mistake back, one line
    // lower: each pull answers for the text as it is then.
    for (version, text, want) in [
        (2, PLAN.to_string(), vec![]),
        (
            3,
            format!("\n{}", PLAN.replace("after api +2d", "after apx +2d")),
            vec!["P101"],
        ),
    ] {
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
        let now = pull(&mut client);
        assert_eq!(codes(&now), want);
        if let Some(d) = now.first() {
            assert_eq!(
                d["range"]["start"]["line"],
                items[0]["range"]["start"]["line"].as_u64().unwrap() + 1
            );
        }
    }
    client.stop();
}

#[test]
fn a_one_megabyte_plan_is_served() {
    let mut text = String::from("program big { start 2027-01-04 }\nperson p { capacity 100% }\n");
    let mut n = 0;
    while text.len() < 1_000_000 {
        let after = if n == 0 {
            String::new()
        } else {
            format!("  after t{}", n - 1)
        };
        text.push_str(&format!(
            "task t{n} \"Task number {n}\" {{ duration 1h{after} }}\n"
        ));
        n += 1;
    }
    let (mut client, _) = Client::initialized(json!({}));
    let (_, uri) = temp_file("big", "plan.prog", "");
    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(
        codes(&diagnostics).iter().all(|c| *c == "P203"),
        "only unassigned-task hints"
    );
    let last = format!("after t{}", n - 2);
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": position_of(&text, &last[6..]) }),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("**critical**")
    );
    client.stop();
}

#[test]
fn the_critical_path_command_and_code_lenses() {
    let (mut client, _) = Client::initialized(json!({}));
    let (_, uri) = temp_file("command", "plan.prog", "");
    client.open(&uri, PLAN);
    let path = client.request(
        "workspace/executeCommand",
        json!({ "command": "prog.showCriticalPath", "arguments": [{ "uri": uri }] }),
    );
    let ids: Vec<&str> = path
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["kickoff", "api", "build", "ready"]);
    assert_eq!(path[3]["finish"], "2027-01-27");
    let lenses = client.request("textDocument/codeLens", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(lenses[0]["command"]["title"], "2027-01-27 · critical");
    assert_eq!(lenses[0]["command"]["command"], "prog.showCriticalPath");
    client.stop();
}

#[test]
fn a_forecast_reports_its_progress() {
    let (mut client, _) = Client::initialized(json!({ "window": { "workDoneProgress": true } }));
    let (_, uri) = temp_file("forecast", "plan.prog", "");
    let text = PLAN.replace("duration 2w", "estimate 8d 10d 15d");
    client.open(&uri, &text);
    let result = client.request(
        "workspace/executeCommand",
        json!({ "command": "prog.forecast", "arguments": [{ "uri": uri }] }),
    );
    assert!(result.get("error").is_none(), "{result}");
    assert!(
        result["finish"]["p80"]["days"].as_f64().unwrap()
            >= result["finish"]["p50"]["days"].as_f64().unwrap(),
        "{result}"
    );
    let created = client
        .wait(|m| m["method"] == "window/workDoneProgress/create")
        .expect("a progress token");
    let token = created["params"]["token"].clone();
    // The end may come just after the answer: the two travel apart.
    let end = client.wait(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    client.received.extend(end);
    let kinds: Vec<String> = client
        .received
        .iter()
        .filter(|m| m["method"] == "$/progress" && m["params"]["token"] == token)
        .map(|m| m["params"]["value"]["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds.first().map(String::as_str), Some("begin"), "{kinds:?}");
    assert_eq!(kinds.last().map(String::as_str), Some("end"), "{kinds:?}");
    assert!(kinds.iter().any(|k| k == "report"), "{kinds:?}");
    client.stop();
}

#[test]
fn the_preview_is_the_report_of_the_unsaved_text() {
    let (mut client, _) = Client::initialized(json!({}));
    // Never written to disk: the preview reads the open document.
    let uri = "file:///nowhere/preview.prog";
    client.open(uri, PLAN);
    let page = client.request("prog/preview", json!({ "textDocument": { "uri": uri } }));
    let html = page.as_str().unwrap_or_else(|| panic!("not a string: {page}"));
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80]);
    // kickoff 1d, api 5d, a 2-day lag, build 2w: 18 working days from Monday 2027-01-04.
    assert!(html.contains("<dt>Finish</dt><dd>2027-01-27"));
    assert!(html.contains("<dt>Duration</dt><dd>18 working days"));
    assert!(html.contains("Design the API"));
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<script"));

    // An edit, not saved: a longer build (3w) moves the finish by 5 working days, and an
    // unknown id shows among the problems.
    let edited = PLAN
        .replace("duration 2w", "duration 3w")
        .replace("after build, docs", "after build, docs, nowhere");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": edited }] }),
    );
    let page = client.request("prog/preview", json!({ "textDocument": { "uri": uri } }));
    let html = page.as_str().unwrap();
    assert!(html.contains("<dt>Finish</dt><dd>2027-02-03"), "the finish moved");
    assert!(html.contains("<section id=\"problems\">") && html.contains("nowhere"));

    let unknown = client.request(
        "prog/preview",
        json!({ "textDocument": { "uri": "file:///other.prog" } }),
    );
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");
    client.stop();
}

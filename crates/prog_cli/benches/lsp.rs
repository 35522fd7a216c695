//! Latency of the real `prog lsp` on a generated 10,000-task plan: from a
//! one-character `didChange` to its `publishDiagnostics` (the notification's
//! last byte read by the client, and then parsed by it), and the response
//! times of hover, inlay hints and semantic tokens.
//!
//! Then flat plans (every task and person at the top level): a comment
//! edit and a duration edit answered by a pull (`textDocument/diagnostic`
//! with the previous `resultId`), and a duration edit answered by a push.
//!
//! `cargo bench -p prog_cli --bench lsp` (release build of the server).
//! `LSP_BENCH=flat` runs only the cases whose name holds `flat`, and
//! `LSP_EDITS=duration` only the duration edits of the pulled plans;
//! `LSP_ROUNDS=20` makes 20 edits of each kind instead of 60.
//! `LSP_BENCH=huge` runs the 20 MB flat plan (300,000 tasks), which is left
//! out otherwise.

#[path = "../../prog_db/benches/flat/mod.rs"]
mod flat;
#[path = "../../../tests/lsp_client/mod.rs"]
mod lsp_client;

use std::time::{Duration, Instant};

use lsp_client::{Client, temp_file};
use serde_json::json;

/// Edits of each kind per case; `LSP_ROUNDS` sets another number, so that
/// the server's instructions counted at two numbers (callgrind) give those
/// of one edit, without the opening.
fn rounds() -> usize {
    std::env::var("LSP_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(60)
}

fn main() {
    let only = std::env::var("LSP_BENCH").unwrap_or_default();
    let wanted = |name: &str| {
        if name.contains("huge") {
            only.contains("huge")
        } else {
            name.contains(only.as_str())
        }
    };
    for resources in [50, 1000] {
        let name = format!("generated 10,000 tasks, {resources} resources");
        if wanted(&name) {
            let plan = prog_plan::generate::plan(10_000, resources, 1);
            run(&name, &prog_tools::write_prog(&plan));
        }
    }
    if wanted("flat pull") {
        pulled(
            "flat pull: 10,000 tasks, 12,000 people",
            &flat::flat_plan(10_000, 12_000),
        );
    }
    if wanted("flat push") {
        run(
            "flat push: 10,000 tasks, 200 people",
            &flat::flat_plan(10_000, 200),
        );
    }
    if wanted("huge flat") {
        pulled(
            "huge flat pull: 300,000 tasks, 2,000 people",
            &flat::flat_plan(300_000, 2_000),
        );
    }
}

/// The offset of the character a duration edit changes: the digit of the
/// first `duration` after the middle of the text.
fn duration_digit(text: &str) -> usize {
    text[text.len() / 2..]
        .find("duration ")
        .map(|i| i + text.len() / 2 + "duration ".len())
        .unwrap()
}

/// A client that pulls: open → first pull, then 60 one-character edits of a
/// comment and 60 of a duration, each followed by a pull that names the
/// previous result.
fn pulled(name: &str, text: &str) {
    let capabilities = json!({ "textDocument": { "diagnostic": { "relatedDocumentSupport": false } } });
    let (mut client, _) = Client::initialized(capabilities);
    let (_, uri) = temp_file("bench", "plan.prog", "");
    let started = Instant::now();
    client.open(&uri, text);
    let mut pull = Pull::default();
    let first = pull.ask(&mut client, &uri);
    println!(
        "\n{name} ({} KB): open → first pull {:?}, {first} diagnostics",
        text.len() / 1024,
        started.elapsed(),
    );
    let lines = prog_syntax::LineIndex::new(text);
    let mut version = 1;
    for (what, at, other) in [
        ("comment edit → pull", text.find("# a comment").unwrap() + 4, "d"),
        ("duration edit → pull", duration_digit(text), "X"),
    ] {
        // `LSP_EDITS=duration` makes only the edits whose name holds it.
        if !what.contains(std::env::var("LSP_EDITS").unwrap_or_default().as_str()) {
            continue;
        }
        let original = &text[at..at + 1];
        let other = if other == "X" {
            if original == "9" { "8" } else { "9" }
        } else {
            other
        };
        let prog_syntax::LineCol { line, col } = lines.line_col(at);
        let (mut latencies, mut sizes) = (Vec::new(), Vec::new());
        for round in 0..rounds() {
            version += 1;
            let digit = if round % 2 == 0 { other } else { original };
            let range = json!({ "start": { "line": line, "character": col }, "end": { "line": line, "character": col + 1 } });
            let sent = Instant::now();
            client.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "range": range, "text": digit }] }),
            );
            sizes.push(pull.ask(&mut client, &uri));
            latencies.push(sent.elapsed());
        }
        sizes.sort();
        report(
            &format!("{what} ({} to {} items)", sizes[0], sizes[sizes.len() - 1]),
            &mut latencies,
        );
    }
    client.stop();
}

/// What a pulling client keeps: the last result id and how many items it had.
#[derive(Default)]
struct Pull {
    result_id: Option<String>,
    items: usize,
}

impl Pull {
    /// Pulls the document's diagnostics; the number of items it holds now
    /// (0 when the answer was `unchanged`, which keeps the last ones).
    fn ask(&mut self, client: &mut Client, uri: &str) -> usize {
        let answer = client.request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": uri }, "previousResultId": self.result_id }),
        );
        assert!(answer.get("error").is_none(), "{answer}");
        self.result_id = answer["resultId"].as_str().map(str::to_string);
        if answer["kind"] == "full" {
            self.items = answer["items"].as_array().unwrap().len();
            self.items
        } else {
            0
        }
    }
}

fn run(name: &str, text: &str) {
    let (mut client, _) = Client::initialized(json!({}));
    let (_, uri) = temp_file("bench", "plan.prog", "");
    let started = Instant::now();
    client.open(&uri, text);
    let first = client.diagnostics(&uri, 1);
    println!(
        "\n{name} ({} KB): open → diagnostics {:?}, {} diagnostics",
        text.len() / 1024,
        started.elapsed(),
        first.len()
    );

    // A task in the middle of the file whose duration we edit: `duration 3d` ↔ `duration 4d`.
    let at = duration_digit(text);
    // Generated text is ASCII: UTF-8 columns are UTF-16 columns.
    let lines = prog_syntax::LineIndex::new(text);
    let prog_syntax::LineCol { line, col } = lines.line_col(at);
    let original = &text[at..at + 1];
    let (mut latencies, mut parsed) = (Vec::new(), Vec::new());
    for round in 0..rounds() {
        let digit = if round % 2 == 0 {
            if original == "9" { "8" } else { "9" }
        } else {
            original
        };
        let version = round as i64 + 2;
        let range = json!({ "start": { "line": line, "character": col }, "end": { "line": line, "character": col + 1 } });
        let sent = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "range": range, "text": digit }] }),
        );
        client.diagnostics(&uri, version);
        parsed.push(sent.elapsed());
        latencies.push(client.arrived.expect("a fresh publication") - sent);
    }
    report("didChange → publishDiagnostics", &mut latencies);
    report("  … and parsed by the client", &mut parsed);

    let task = text.find("after ").map(|i| i + 6).unwrap();
    let position = |offset: usize| {
        let at = lines.line_col(offset);
        json!({ "line": at.line, "character": at.col })
    };
    let hover = json!({ "textDocument": { "uri": uri }, "position": position(task) });
    let viewport = json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": line, "character": 0 }, "end": { "line": line + 60, "character": 0 } } });
    let whole = json!({ "textDocument": { "uri": uri } });
    time(&mut client, "hover", "textDocument/hover", &hover);
    time(
        &mut client,
        "inlay hints (60 visible lines)",
        "textDocument/inlayHint",
        &viewport,
    );
    time(
        &mut client,
        "semantic tokens (60 visible lines)",
        "textDocument/semanticTokens/range",
        &viewport,
    );
    time(
        &mut client,
        "semantic tokens (whole file)",
        "textDocument/semanticTokens/full",
        &whole,
    );
    client.stop();
}

fn time(client: &mut Client, what: &str, method: &str, params: &serde_json::Value) {
    let mut latencies = Vec::new();
    for _ in 0..rounds() {
        let sent = Instant::now();
        let answer = client.request(method, params.clone());
        assert!(answer.get("error").is_none(), "{answer}");
        latencies.push(sent.elapsed());
    }
    report(what, &mut latencies);
}

fn report(what: &str, latencies: &mut [Duration]) {
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    println!(
        "  {what:40} p50 {:>9.2?}  p95 {:>9.2?}  max {:>9.2?}",
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

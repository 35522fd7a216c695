//! Latency of the real `prog lsp` on a generated 10,000-task plan: from a
//! one-character `didChange` to its `publishDiagnostics` (the notification's
//! last byte read by the client, and then parsed by it), and the response
//! times of hover, inlay hints and semantic tokens.
//!
//! `cargo bench -p prog_cli --bench lsp` (release build of the server).

#[path = "../../../tests/lsp_client/mod.rs"]
mod lsp_client;

use std::time::{Duration, Instant};

use lsp_client::{Client, temp_file};
use serde_json::json;

const ROUNDS: usize = 60;

fn main() {
    for resources in [50, 1000] {
        let plan = prog_plan::generate::plan(10_000, resources, 1);
        let text = prog_tools::write_prog(&plan);
        run(&format!("10,000 tasks, {resources} resources"), &text);
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
    let at = text[text.len() / 2..]
        .find("duration ")
        .map(|i| i + text.len() / 2 + "duration ".len())
        .unwrap();
    // Generated text is ASCII: UTF-8 columns are UTF-16 columns.
    let lines = prog_syntax::LineIndex::new(text);
    let prog_syntax::LineCol { line, col } = lines.line_col(at);
    let original = &text[at..at + 1];
    let (mut latencies, mut parsed) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
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
    for _ in 0..ROUNDS {
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

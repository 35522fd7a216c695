//! `prog lsp` end to end: malformed and unusual messages get their answer
//! and the server lives on; exit codes.

mod lsp_client;

use lsp_client::{Client, PLAN, temp_file};
use serde_json::{Value, json};

#[test]
fn bad_requests_get_errors_or_nothing_and_the_server_lives_on() {
    let (mut client, _) = Client::initialized(json!({}));
    let (_, uri) = temp_file("robust", "plan.prog", "");
    client.open(&uri, PLAN);
    client.diagnostics(&uri, 1);

    let far = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 9999, "character": 9999 } }),
    );
    assert!(far.is_null());
    let unknown = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///nowhere/at/all.prog" }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(unknown.is_null());
    let invalid = client.request_raw("textDocument/hover", json!({ "textDocument": 42 }));
    assert_eq!(invalid["error"]["code"], -32602, "{invalid}");
    let tokens = client.request(
        "textDocument/semanticTokens/range",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 500, "character": 0 }, "end": { "line": 2, "character": 0 } } }),
    );
    assert!(
        tokens.is_null(),
        "a range that ends before it starts gets nothing: {tokens}"
    );
    // A change to a document that was never opened is ignored.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": "file:///never/opened.prog", "version": 3 }, "contentChanges": [{ "text": "x" }] }),
    );

    // A burst of edits: only the newest version matters.
    let mut text = PLAN.to_string();
    for version in 2..=41 {
        text.push_str("# more\n");
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }
    assert_eq!(client.diagnostics(&uri, 41), Vec::<Value>::new());
    assert!(client.alive());
    client.stop();
}

/// The protocol says the server exits with status 1 when
/// `exit` comes without a `shutdown` before it.
#[test]
fn exit_without_shutdown_ends_with_status_1() {
    let (client, _) = Client::initialized(json!({}));
    assert_eq!(client.exit_without_shutdown().code(), Some(1));
}

/// A request for an unknown `$/` method is answered
/// MethodNotFound (a notification of one is ignored), and the server goes on.
#[test]
fn an_unknown_dollar_request_is_answered_method_not_found() {
    let (mut client, _) = Client::initialized(json!({}));
    client.notify("$/unknownNotification", json!({}));
    let answer = client.request_raw("$/unknownRequest", json!({}));
    assert_eq!(answer["error"]["code"], json!(-32601), "{answer}");
    let answer = client.request_raw("prog/unknownRequest", json!({}));
    assert_eq!(answer["error"]["code"], json!(-32601), "{answer}");
    client.stop();
}

/// A frame that cannot be decoded gets its JSON-RPC error
/// (id null) and the server goes on serving.
#[test]
fn undecodable_frames_get_errors_and_the_server_lives_on() {
    let (mut client, _) = Client::initialized(json!({}));
    // Nested deeper than the transport reads: its check skips `params`
    // unread, and must still refuse it, or the transport stops.
    let deep = format!(
        r#"{{"jsonrpc":"2.0","method":"x","params":{}{}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let bodies = [
        ("not json", -32700),
        ("{}", -32600),
        ("null", -32600),
        (deep.as_str(), -32700),
    ];
    for (body, code) in bodies {
        client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
        let answer = client
            .wait(|m| m.get("error").is_some() && m["id"].is_null())
            .unwrap_or_else(|| panic!("no answer to {body}"));
        assert_eq!(answer["error"]["code"], json!(code), "{body}: {answer}");
    }
    client.send_raw(b"Content-Length: many\r\n\r\n");
    let answer = client.wait(|m| m.get("error").is_some() && m["id"].is_null());
    assert_eq!(answer.expect("an answer")["error"]["code"], json!(-32700));
    assert!(client.alive());
    let symbols = client.request("workspace/symbol", json!({ "query": "" }));
    assert!(symbols.is_array(), "{symbols}");
}

//! How much the server sends of diagnostics: related information only to
//! clients that show it, and `unchanged` to a pull that names a result
//! whose diagnostics did not change.

mod lsp_client;

use lsp_client::{Client, temp_file};
use serde_json::{Value, json};

/// Alice is over-allocated by two tasks at once: a finding with the tasks
/// as related information.
const PLAN: &str = r#"program p "P" { start 2027-01-04 }
person alice "Alice" { capacity 100% }
# a comment
task a "A" { duration 3d  owner alice }
task b "B" { duration 2d  owner alice }
"#;

fn over_allocation(diagnostics: &[Value]) -> &Value {
    diagnostics
        .iter()
        .find(|d| d["code"] == "P302")
        .unwrap_or_else(|| panic!("no over-allocation: {diagnostics:#?}"))
}

#[test]
fn related_information_goes_only_to_clients_that_declare_it() {
    let declared = json!({ "textDocument": { "publishDiagnostics": { "relatedInformation": true } } });
    for (capabilities, related) in [(json!({}), false), (declared, true)] {
        let (mut client, _) = Client::initialized(capabilities);
        let (_, uri) = temp_file("related_capability", "plan.prog", "");
        client.open(&uri, PLAN);
        let diagnostics = client.diagnostics(&uri, 1);
        let found = over_allocation(&diagnostics);
        assert_eq!(found.get("relatedInformation").is_some(), related, "{found:#}");
        client.stop();
    }
}

#[test]
fn a_pull_that_names_the_same_diagnostics_gets_unchanged() {
    let capabilities = json!({ "textDocument": { "diagnostic": { "relatedInformation": true } } });
    let (mut client, _) = Client::initialized(capabilities);
    let (_, uri) = temp_file("pull_unchanged", "plan.prog", "");
    client.open(&uri, PLAN);
    let pull = |client: &mut Client, previous: &Value| {
        client.request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": uri }, "previousResultId": previous }),
        )
    };
    let first = pull(&mut client, &Value::Null);
    assert_eq!(first["kind"], "full", "{first:#}");
    let id = first["resultId"].clone();
    assert!(!over_allocation(first["items"].as_array().unwrap())["relatedInformation"].is_null());
    // Nothing changed: the same result.
    let again = pull(&mut client, &id);
    assert_eq!(
        (&again["kind"], &again["resultId"]),
        (&json!("unchanged"), &id),
        "{again:#}"
    );
    // A comment edit of the same length moves nothing: still unchanged.
    // (`# a comment` is line 2; its `c` is at column 4.)
    let range = json!({ "start": { "line": 2, "character": 4 }, "end": { "line": 2, "character": 5 } });
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "range": range, "text": "o" }] }),
    );
    let after_comment = pull(&mut client, &id);
    assert_eq!(after_comment["kind"], "unchanged", "{after_comment:#}");
    // A client that names another result gets everything.
    let other = pull(&mut client, &json!("no such result"));
    assert_eq!(other["kind"], "full", "{other:#}");
    let id = other["resultId"].clone();
    // A duration edit changes the over-allocation: in full, with a new id.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": PLAN.replace("duration 2d", "duration 5d") }] }),
    );
    let changed = pull(&mut client, &id);
    assert_eq!(changed["kind"], "full", "{changed:#}");
    assert_ne!(changed["resultId"], id);
    over_allocation(changed["items"].as_array().unwrap());
    client.stop();
}

//! `prog lsp` end to end: an external that is another program's milestone
//! (`from … milestone`). The other plan is read from disk, and an edit to
//! it (in the editor, or on disk) moves this plan's diagnostics and hover.

mod lsp_client;

use lsp_client::{Client, position_of, temp_file, watching_client};
use serde_json::{Value, json};

/// 2027-03-01 is a Monday. `build` takes days 0–9 (Mar 1–5, 8–12): `ga`
/// is on Fri 2027-03-12. At 15 days (to Fri Mar 19), on Mar 19.
const PLATFORM: &str = "program a \"Platform\" { start 2027-03-01 }
task build \"Build\" { duration 10d }
milestone ga \"GA\" { after build }
";

/// `integrate` could start at the program start (day 0), so the external
/// is needed by then: arriving at the end of Mar 12 (working day 10) it
/// delays the finish by 10 working days; at the end of Mar 19, by 15.
const CHECKOUT: &str = "program b \"Checkout\" { start 2027-03-01 }
person ana { }
external platform_ga \"Platform GA\" { owner ana  from \"platform.prog\" milestone ga }
task integrate { after platform_ga  duration 5d  owner ana }
";

const LATE_10: &str = "external `platform_ga` is expected 2027-03-12, after it is needed (2027-03-01): it delays the finish by 10 working days";
const LATE_15: &str = "external `platform_ga` is expected 2027-03-19, after it is needed (2027-03-01): it delays the finish by 15 working days";

/// The messages without their hints (the protocol's message is both).
fn messages(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["message"].as_str().unwrap().lines().next().unwrap_or(""))
        .collect()
}

/// The next diagnostics published for `uri` that say `message`.
fn published(client: &mut Client, uri: &str, message: &str) -> Option<Value> {
    client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| messages(d).contains(&message))
    })
}

fn hover(client: &mut Client, uri: &str) -> String {
    let hover = client.request(
        "textDocument/hover",
        json!({
            "textDocument": { "uri": uri },
            "position": position_of(CHECKOUT, "platform_ga  duration"),
        }),
    );
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_other_plan_changed_on_disk_moves_this_plans_diagnostics_and_hover() {
    let (platform, platform_uri) = temp_file("programs-disk", "platform.prog", PLATFORM);
    let (_, uri) = temp_file("programs-disk", "checkout.prog", CHECKOUT);
    let mut client = watching_client();
    client.open(&uri, CHECKOUT);
    assert_eq!(messages(&client.diagnostics(&uri, 1)), [LATE_10]);
    assert!(hover(&mut client, &uri).contains("expected 2027-03-12"));

    std::fs::write(&platform, PLATFORM.replace("10d", "15d")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": platform_uri, "type": 2 }] }),
    );
    let moved = published(&mut client, &uri, LATE_15);
    assert!(moved.is_some(), "{:?}", client.received);
    assert!(hover(&mut client, &uri).contains("expected 2027-03-19"));
    client.stop();
}

#[test]
fn the_other_plan_edited_in_the_editor_moves_this_plans_diagnostics() {
    let (_, platform_uri) = temp_file("programs-open", "platform.prog", PLATFORM);
    let (_, uri) = temp_file("programs-open", "checkout.prog", CHECKOUT);
    let mut client = watching_client();
    client.open(&uri, CHECKOUT);
    assert_eq!(messages(&client.diagnostics(&uri, 1)), [LATE_10]);
    client.open(&platform_uri, PLATFORM);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": platform_uri, "version": 2 },
            "contentChanges": [{ "text": PLATFORM.replace("10d", "15d") }],
        }),
    );
    let moved = published(&mut client, &uri, LATE_15);
    assert!(moved.is_some(), "{:?}", client.received);
    // A milestone the other plan no longer has: P121 at the `from`.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": platform_uri, "version": 3 },
            "contentChanges": [{ "text": PLATFORM.replace("milestone ga", "milestone go") }],
        }),
    );
    let missing = client.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"][0]["code"] == "P121"
    });
    let missing = missing.expect("P121 once the milestone is gone");
    let at = &missing["params"]["diagnostics"][0]["range"]["start"];
    assert_eq!(at, &position_of(CHECKOUT, "from \"platform.prog\""));
    client.stop();
}

/// Two programs waiting on each other: an error naming the chain at each
/// `from`, and the server goes on answering.
#[test]
fn programs_waiting_on_each_other_are_an_error_not_a_hang() {
    let a = "program a { start 2027-03-01 }\nexternal from_b { from \"b.prog\" milestone m }\nmilestone m { after from_b }\n";
    let b = "program b { start 2027-03-01 }\nexternal from_a { from \"a.prog\" milestone m }\nmilestone m { after from_a }\n";
    let (a_path, a_uri) = temp_file("programs-cycle", "a.prog", a);
    let (b_path, _) = temp_file("programs-cycle", "b.prog", b);
    let mut client = watching_client();
    client.open(&a_uri, a);
    let diagnostics = client.diagnostics(&a_uri, 1);
    let chain = format!(
        "programs wait on each other: {} → {} → {}",
        a_path.display(),
        b_path.display(),
        a_path.display()
    );
    assert_eq!(messages(&diagnostics), [chain.as_str()]);
    assert_eq!(diagnostics[0]["code"], "P122");
    assert!(client.alive());
    client.stop();
}

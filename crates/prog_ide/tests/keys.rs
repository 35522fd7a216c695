//! `key "…"`: shown on hover, kept by the formatter, offered only where it
//! belongs.

mod fixture;

use fixture::Fixture;

const PLAN: &str = r#"program p { start 2027-01-04 }
person alice { key "R<1>" }
task a { duration 2d  owner alice  key "1_*x*" }
risk r { owner alice  mitigation "m" }
"#;

fn hover_at(marker: &str) -> String {
    let f = Fixture::new(&PLAN.replacen(marker, &marker.replacen(' ', " $0", 1), 1));
    prog_ide::hover(&f.db, f.project, f.position())
        .expect("a hover")
        .markdown
}

#[test]
fn hover_shows_the_key_escaped_for_markdown() {
    let task = hover_at("task a");
    assert!(task.contains("key: 1\\_\\*x\\*\n"), "{task}");
    let person = hover_at("person alice");
    assert!(person.contains("key: R&lt;1&gt;\n"), "{person}");
    let risk = hover_at("risk r");
    assert!(!risk.contains("key:"), "{risk}");
}

#[test]
fn the_formatter_keeps_the_key() {
    // A body begun on a line of its own is laid out one statement per line.
    let messy = "task a {\nduration 2d key   \"7\"}\nperson b {key \"R\"}\n";
    let formatted = prog_ide::format(messy).expect("formats");
    assert_eq!(
        formatted,
        "task a {\n  duration 2d\n  key \"7\"\n}\nperson b { key \"R\" }\n"
    );
    assert_eq!(prog_ide::format(&formatted).unwrap(), formatted);
}

#[test]
fn completion_offers_key_on_tasks_and_resources_only() {
    let labels = |text: &str| Fixture::new(text).completion_labels();
    let offered = |marker: &str| labels(&PLAN.replacen(marker, &format!("{marker}  $0"), 1));
    assert!(offered("duration 2d").iter().any(|l| l == "key"));
    assert!(offered("person alice {").iter().any(|l| l == "key"));
    assert!(!offered("mitigation \"m\"").iter().any(|l| l == "key"));
    assert!(!offered("program p { start 2027-01-04").iter().any(|l| l == "key"));
}

//! Externals in the editor: hover, inlay hints, completion and semantic
//! tokens, on a plan whose dates are worked out by hand.

mod fixture;

use fixture::Fixture;
use prog_ide::*;

/// 2027-02-01 is a Monday, working day 0. `prep` takes days 0–9, so
/// `integrate` starts on day 10 at the latest: `sandbox` is needed by the
/// end of day 9, Fri Feb 12. Expected Wed Feb 10 (day 7, there at 8): slack
/// 10 - 8 = 2 days. `fonts` arrived before the start. `late` and `wrap`
/// are worked out in the inlay hint test.
const PLAN: &str = r#"program p "P" { start 2027-02-01 }
person priya "Priya" { }
external sandbox "Payment sandbox" {
  owner priya
  contact "Acme *payments*"
  expected 2027-02-10
  status committed
}
external late "Legal" { owner priya  expected 2027-02-19  status at_risk }
external fonts "Fonts" { owner priya  delivered 2027-01-29 }
task prep "Prep" { duration 10d  owner priya  after fonts }
task integrate "Integrate" { after sandbox, prep  duration 5d  owner priya }
task wrap "Wrap up" { after late  duration 1d  owner priya }
"#;

fn hints(text: &str) -> Vec<String> {
    let f = Fixture::new(text);
    inlay_hints(&f.db, f.project, f.file, None, InlayHintsConfig::default())
        .into_iter()
        .filter(|h| h.label.starts_with("needed") || h.label.starts_with("delivered"))
        .map(|h| format!("{} {}", &text[..h.offset].lines().last().unwrap_or(""), h.label))
        .collect()
}

#[test]
fn an_inlay_hint_says_when_each_external_is_needed_and_its_slack() {
    // wrap (1 day) after `late` may start as late as day 14 (the unpinned
    // plan finishes at 15): late is needed by the end of day 13, Thu Feb 18.
    // It is expected Fri Feb 19 (day 14, there at 15): 1 day late.
    assert_eq!(
        hints(PLAN),
        [
            r#"external sandbox "Payment sandbox" needed by 2027-02-12 · 2d slack"#,
            r#"external late "Legal" needed by 2027-02-18 · 1d late"#,
            r#"external fonts "Fonts" delivered 2027-01-29"#,
        ]
    );
}

#[test]
fn hover_on_an_external_gives_its_promise_and_slack() {
    let f = Fixture::new(&PLAN.replacen("after sandbox,", "after $0sandbox,", 1));
    let markdown = hover(&f.db, f.project, f.position()).expect("a hover").markdown;
    assert!(
        markdown.contains("external, committed · expected 2027-02-10"),
        "{markdown}"
    );
    // Markdown in a contact is shown as written, not rendered.
    assert!(markdown.contains(r"contact: Acme \*payments\*"), "{markdown}");
    assert!(markdown.contains("needed by 2027-02-12 · 2d slack"), "{markdown}");
}

#[test]
fn completion_offers_the_statements_of_an_external_and_externals_after_after() {
    let f = Fixture::new(&PLAN.replacen("status at_risk }", "status at_risk $0}", 1));
    let labels: Vec<String> = completions(&f.db, f.project, f.position())
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert_eq!(
        labels,
        [
            "owner",
            "status",
            "key",
            "contact",
            "expected",
            "delivered",
            "from"
        ]
    );
    let f = Fixture::new(&PLAN.replacen("after late", "after $0late", 1));
    let labels: Vec<String> = completions(&f.db, f.project, f.position())
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert!(
        labels.contains(&"sandbox".to_string()) && labels.contains(&"fonts".to_string()),
        "{labels:?}"
    );
}

#[test]
fn an_external_id_is_highlighted_like_a_milestone_and_its_keywords_as_keywords() {
    let f = Fixture::new(PLAN);
    let tokens = semantic_tokens(&f.db, f.project, f.file, None);
    let kind_at = |needle: &str| {
        let at = PLAN.find(needle).unwrap();
        tokens
            .iter()
            .find(|t| t.span.start() == at)
            .map(|t| t.token_type.name())
    };
    assert_eq!(kind_at("external sandbox"), Some("keyword"));
    assert_eq!(kind_at("sandbox \"Payment"), Some("function"));
    assert_eq!(kind_at("expected 2027-02-10"), Some("keyword"));
    assert_eq!(kind_at("contact"), Some("keyword"));
}

#[test]
fn the_formatter_lays_an_external_out_like_any_item() {
    let text = "external   x \"X\" {owner o\n expected 2027-02-01 .. 2027-02-05 contact \"A & B\"\n\n\n status   at_risk}\n";
    assert_eq!(
        format(text).unwrap(),
        // Short enough for one line, as any item.
        "external x \"X\" { owner o  expected 2027-02-01..2027-02-05  contact \"A & B\"  status at_risk }\n"
    );
}

//! `from "PATH" milestone ID` inside an external, and how a broken one is
//! recovered from: `milestone` also opens an item, so a broken statement
//! must neither swallow a following item nor end the body early.

use prog_syntax::ast::{Decl, DeclKind, StmtValue};
use prog_syntax::{TokenKind, parse};

fn decls(text: &str) -> Vec<(DeclKind, String, Vec<TokenKind>)> {
    parse(text)
        .file
        .decls()
        .map(|d: &Decl| {
            let name = d.name.as_ref().map_or(String::new(), |n| n.text.clone());
            (d.kind, name, d.stmts.iter().map(|s| s.keyword).collect())
        })
        .collect()
}

fn errors(text: &str) -> Vec<String> {
    parse(text)
        .errors
        .iter()
        .map(|e| format!("{}: {}", &text[e.span.start()..e.span.end()], e.message))
        .collect()
}

#[test]
fn the_statement_names_a_path_and_a_milestone() {
    let text = r#"external platform_ga "Platform GA" { from "../platform/plan.prog" milestone ga owner al }"#;
    let parse = parse(text);
    assert_eq!(parse.errors, vec![]);
    let decl = parse.file.decls().next().unwrap();
    let stmt = &decl.stmts[0];
    assert_eq!(stmt.keyword, TokenKind::From);
    assert_eq!(
        &text[stmt.span.start()..stmt.span.end()],
        r#"from "../platform/plan.prog" milestone ga"#
    );
    let StmtValue::From(from) = &stmt.value else {
        panic!("{stmt:?}")
    };
    assert_eq!(from.path.text, "../platform/plan.prog");
    assert_eq!(from.milestone.text, "ga");
    assert_eq!(
        &text[from.milestone.span.start()..from.milestone.span.end()],
        "ga"
    );
    assert_eq!(decl.stmts[1].keyword, TokenKind::Owner);
}

#[test]
fn a_missing_id_is_one_error_and_the_body_goes_on() {
    let text = "external e { from \"p.prog\" milestone }\ntask t { after e duration 1d }";
    assert_eq!(errors(text).len(), 1, "{:?}", errors(text));
    assert_eq!(
        decls(text),
        [
            (DeclKind::External, "e".into(), vec![TokenKind::From]),
            (
                DeclKind::Task,
                "t".into(),
                vec![TokenKind::After, TokenKind::DurationKw]
            ),
        ]
    );
}

#[test]
fn a_missing_path_is_one_error_and_the_next_statements_stay() {
    let text = "external e { from milestone ga owner al status committed }";
    assert_eq!(errors(text).len(), 1, "{:?}", errors(text));
    assert_eq!(
        decls(text),
        [(
            DeclKind::External,
            "e".into(),
            vec![TokenKind::From, TokenKind::Owner, TokenKind::Status]
        )]
    );
}

/// An unclosed external whose `from` lacks its milestone, followed by a
/// milestone item: the item is kept whole, not read as the statement's.
#[test]
fn a_milestone_item_after_an_unclosed_external_stays_an_item() {
    for text in [
        "external e { from \"p.prog\"\nmilestone m { after t }\ntask t { duration 1d }",
        "external e { from \"p.prog\"\nmilestone m \"M\" { after t }\ntask t { duration 1d }",
    ] {
        assert!(!errors(text).is_empty());
        assert_eq!(
            decls(text),
            [
                (DeclKind::External, "e".into(), vec![TokenKind::From]),
                (DeclKind::Milestone, "m".into(), vec![TokenKind::After]),
                (DeclKind::Task, "t".into(), vec![TokenKind::DurationKw]),
            ],
            "{text}"
        );
    }
}

/// A whole statement in an unclosed external: the body ends at the item
/// that follows (one error: the missing `}`).
#[test]
fn a_whole_statement_in_an_unclosed_external_ends_at_the_next_item() {
    let text = "external e { from \"p.prog\" milestone ga\nmilestone m { after e }";
    assert_eq!(errors(text).len(), 1, "{:?}", errors(text));
    assert_eq!(
        decls(text),
        [
            (DeclKind::External, "e".into(), vec![TokenKind::From]),
            (DeclKind::Milestone, "m".into(), vec![TokenKind::After]),
        ]
    );
}

#[test]
fn from_is_a_keyword_not_an_id() {
    assert!(!errors("task from { duration 1d }").is_empty());
}

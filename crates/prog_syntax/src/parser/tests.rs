//! The fast path against the grammar: the same trees, and an error in
//! exactly the same texts.

use chumsky::error::Rich;
use chumsky::input::Input;
use chumsky::prelude::*;

use crate::lexer::{TokenKind, lex};

/// The fast path and the grammar build the same tree, and the fast
/// path gives up exactly when the grammar finds an error: on the
/// examples, and on them with a character deleted here and there, a
/// line doubled or two lines swapped.
#[test]
fn fast_path_and_grammar_agree() {
    let examples = [
        include_str!("../../../../examples/feature_rollout.prog"),
        include_str!("../../../../examples/db_migration.prog"),
        include_str!("../../../../examples/okrs_q2.prog"),
        include_str!("../../../../examples/rollout_teams.prog"),
        include_str!("../../../../examples/portfolio/checkout.prog"),
        include_str!("../../../../examples/portfolio/platform.prog"),
        include_str!("../../../../examples/portfolio/people.prog"),
        include_str!("../../../../tests/fixtures/contract.prog"),
        include_str!("../../../../tests/fixtures/externals.prog"),
        include_str!("../../../../tests/fixtures/status.prog"),
        include_str!("../../../../tests/fixtures/forecast.prog"),
    ];
    let mut texts: Vec<String> = examples.iter().map(|t| t.to_string()).collect();
    // Groups as deep as they may nest, and one level deeper.
    for depth in [crate::MAX_GROUP_DEPTH, crate::MAX_GROUP_DEPTH + 1] {
        texts.push(format!(
            "{}task t {{}}{}",
            "group g {".repeat(depth),
            "}".repeat(depth)
        ));
    }
    for example in examples {
        let cuts = example.char_indices().map(|(i, _)| i).step_by(97);
        texts.extend(cuts.map(|i| {
            let mut text = example.to_string();
            text.remove(i);
            text
        }));
        let lines: Vec<&str> = example.lines().collect();
        for i in (0..lines.len().saturating_sub(1)).step_by(7) {
            let mut doubled = lines.clone();
            doubled.insert(i, lines[i]);
            texts.push(doubled.join("\n"));
            let mut swapped = lines.clone();
            swapped.swap(i, i + 1);
            texts.push(swapped.join("\n"));
        }
    }
    let broken = texts.iter().filter(|text| !agree(text)).count();
    assert!(
        broken > texts.len() / 5,
        "only {broken} of {} broken",
        texts.len()
    );
}

/// Checks that the fast path and the grammar agree on `text`; whether
/// it has an error.
fn agree(text: &str) -> bool {
    let significant: Vec<(TokenKind, SimpleSpan)> = lex(text)
        .iter()
        .filter(|t| !t.kind.is_trivia())
        .map(|t| (t.kind, SimpleSpan::from(t.span.start()..t.span.end())))
        .collect();
    let fast = crate::descent::items(text, lex(text).into_iter().filter(|t| !t.kind.is_trivia()));
    let mut limited = significant.clone();
    let too_deep = crate::nesting::limit_nesting(&mut limited);
    let eoi = SimpleSpan::from(text.len()..text.len());
    let rich = super::file::<_, Rich<_>>(text).parse(limited.as_slice().split_token_span(eoi));
    assert_eq!(
        fast.is_none(),
        rich.has_errors() || !too_deep.is_empty(),
        "{text}"
    );
    if let Some(items) = &fast {
        assert_eq!(Some(items), rich.output(), "{text}");
    }
    fast.is_some()
}

const HEADERS: &[&str] = &[
    "task t",
    "milestone m \"M\"",
    "group g",
    "program p \"P\\\"q\"",
    "calendar c",
    "person al",
    "team be \"B\"",
    "risk r",
    "approval ap",
    "stakeholder s",
    "action a",
    "external x",
    "task done",
    "task",
    "import \"x.prog\"",
];

const STATEMENTS: &[&str] = &[
    "duration 2d",
    "after a, b 2d",
    "after a,",
    "start_with a -1d",
    "finish_with b",
    "owner al",
    "owner al, bo",
    "assign al 50%, bo",
    "assign al 2",
    "done",
    "done 2027-01-04",
    "holiday 2027-01-01..2027-01-03, 2027-02-01",
    "off 2027-01-01",
    "estimate 1d 2d 3d",
    "estimate 1d 2d",
    "cost 12_500.50",
    "rate 800/d",
    "role informed",
    "cadence weekly",
    "format md",
    "calendar c",
    "expected 2027-01-01 .. 2027-02-01",
    "progress 50%",
    "capacity 2",
    "mitigation \"m\"",
    "key \"AB-1\"",
    "contact \"open",
    "after done",
    "workdays mon, tue",
    "status at_risk",
    "deadline 2027-03-01",
    "consulted x, y",
    "informed z",
    "from \"../p.prog\" milestone ga",
    "from \"x\" milestone",
    "from \"x\" milestone m {",
    "task c { duration 1d }",
    "milestone n { after c }",
    "group h { }",
    "}",
    "{",
    "2027-01-04",
    "5d",
    "x",
    ",",
];

fn item() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    (
        proptest::sample::select(HEADERS),
        proptest::collection::vec(proptest::sample::select(STATEMENTS), 0..6),
    )
        .prop_map(|(header, stmts)| {
            if header.starts_with("import") {
                header.to_string()
            } else {
                format!("{header} {{ {} }}", stmts.join("\n  "))
            }
        })
}

proptest::proptest! {
    /// Items of any kind with statements of any kind: a good part of
    /// them without an error.
    #[test]
    fn fast_path_and_grammar_agree_on_generated_items(
        items in proptest::collection::vec(item(), 0..8),
    ) {
        agree(&items.join("\n"));
    }
}

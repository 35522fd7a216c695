//! The formatter: canonical, idempotent, and it loses nothing.

use prog_ide::format;
use prog_syntax::TokenKind;
use proptest::prelude::*;

fn examples() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut out = Vec::new();
    for dir in ["examples", "tests/fixtures"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "prog") {
                out.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    assert!(out.len() >= 4);
    out
}

/// The significant tokens and comments, as written.
fn words(text: &str) -> Vec<String> {
    prog_syntax::lex(text)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Whitespace)
        .map(|t| text[t.span.start()..t.span.end()].trim_end().to_string())
        .collect()
}

#[test]
fn formatting_keeps_every_token_and_comment_and_is_idempotent() {
    for (path, text) in examples() {
        let once = format(&text).unwrap_or_else(|e| panic!("{path}: {}", e.message));
        assert_eq!(words(&once), words(&text), "{path}");
        assert_eq!(format(&once).unwrap(), once, "{path} is not stable");
        assert!(prog_syntax::parse(&once).errors.is_empty(), "{path}");
    }
}

#[test]
fn the_layout_is_canonical() {
    let messy = "# plan\nprogram p{start 2027-01-04}\n\n\n\nperson a   {capacity 50%}\ntask t \"T\"   {\nduration 2d   # two days\n      after x,y\n\n\n  assign a 50% }\n  group g { task x {\n duration 1d } task y{}\n}\n";
    let expected = "# plan\nprogram p { start 2027-01-04 }\n\nperson a { capacity 50% }\ntask t \"T\" {\n  duration 2d  # two days\n  after x, y\n\n  assign a 50%\n}\ngroup g {\n  task x {\n    duration 1d\n  }\n  task y {}\n}\n";
    assert_eq!(format(messy).unwrap(), expected);
}

#[test]
fn one_line_bodies_stay_on_one_line_when_they_fit() {
    let text = "task a { duration 1d  owner alice }\n";
    assert_eq!(format("task a {duration 1d owner alice}").unwrap(), text);
    let long = format!("task a \"{}\" {{ duration 1d  owner alice }}\n", "x".repeat(90));
    assert!(
        format(&long)
            .unwrap()
            .contains("{\n  duration 1d\n  owner alice\n}")
    );
}

#[test]
fn files_with_syntax_errors_are_left_alone() {
    assert!(format("task a { duration }").is_err());
    assert!(format("task { ").is_err());
}

proptest! {
    /// Spaces and tabs between tokens change nothing, and formatting the
    /// result again changes nothing either.
    #[test]
    fn horizontal_whitespace_does_not_matter(seed in any::<u64>(), example in 0usize..5) {
        let examples = examples();
        let (_, text) = &examples[example % examples.len()];
        let mut rng = seed;
        let mut messy = String::new();
        for token in prog_syntax::lex(text) {
            let piece = &text[token.span.start()..token.span.end()];
            if token.kind == TokenKind::Whitespace && !piece.contains('\n') {
                rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                messy.push_str([" ", "  ", "\t", "   \t "][(rng >> 33) as usize % 4]);
            } else {
                messy.push_str(piece);
            }
        }
        let canonical = format(text).unwrap();
        prop_assert_eq!(&format(&messy).unwrap(), &canonical);
        prop_assert_eq!(&format(&canonical).unwrap(), &canonical);
    }
}

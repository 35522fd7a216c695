use prog_syntax::{TokenKind, lex};

fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
    lex(text)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Whitespace)
        .map(|t| (t.kind, &text[t.span.start()..t.span.end()]))
        .collect()
}

#[test]
fn values_lex_as_one_token_each() {
    use TokenKind::*;
    assert_eq!(
        kinds("after api +2d, b -1d 5d 2w 4h 50% 4 1.5 2027-01-04..2027-01-08"),
        vec![
            (After, "after"),
            (Ident, "api"),
            (Duration, "+2d"),
            (Comma, ","),
            (Ident, "b"),
            (Duration, "-1d"),
            (Duration, "5d"),
            (Duration, "2w"),
            (Duration, "4h"),
            (Percent, "50%"),
            (Number, "4"),
            (Number, "1.5"),
            (Date, "2027-01-04"),
            (DotDot, ".."),
            (Date, "2027-01-08"),
        ]
    );
}

#[test]
fn keywords_are_reserved_but_longer_ids_are_not() {
    use TokenKind::*;
    assert_eq!(
        kinds("task tasks start_with starter"),
        vec![
            (Task, "task"),
            (Ident, "tasks"),
            (StartWith, "start_with"),
            (Ident, "starter")
        ]
    );
}

#[test]
fn comments_and_strings() {
    use TokenKind::*;
    assert_eq!(
        kinds("\"a \\\"b\\\"\" # note \"x\"\n\"open"),
        vec![
            (String, "\"a \\\"b\\\"\""),
            (Comment, "# note \"x\""),
            (UnterminatedString, "\"open")
        ]
    );
}

#[test]
fn malformed_values_are_one_token() {
    use TokenKind::*;
    assert_eq!(
        kinds("5x 3days 2027-1-4"),
        vec![(Malformed, "5x"), (Malformed, "3days"), (Malformed, "2027-1-4")]
    );
}

#[test]
fn every_byte_is_covered_without_gaps() {
    let text = "task é { ✓ duration 5d } @ $ \u{0}";
    let tokens = lex(text);
    let mut end = 0;
    for t in &tokens {
        assert_eq!(t.span.start(), end, "gap before {t:?}");
        end = t.span.end();
    }
    assert_eq!(end, text.len());
    assert!(tokens.iter().any(|t| t.kind == TokenKind::Error));
}

//! Syntax errors in the user's terms: chumsky's expected/found turned into
//! a message, a hint and, for an unknown word, the keyword it was likely
//! meant to be.

use chumsky::error::{Rich, RichPattern, RichReason};
use chumsky::span::SimpleSpan;

use crate::Span;
use crate::lexer::{TokenKind, statement_keywords};

/// A syntax error with a message in the user's terms.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
}

pub(crate) fn keyword_as_id(word: &str) -> String {
    format!("`{word}` is a keyword and cannot be used as an id")
}

const KEYWORD_AS_ID_HINT: &str = "choose another id: the words of the language are reserved";

/// Turns chumsky's error into a message in the user's terms.
pub(crate) fn describe(src: &str, error: &Rich<'_, TokenKind>) -> SyntaxError {
    let s = *error.span();
    let found = |t: Option<&TokenKind>| match t {
        Some(_) => format!("`{}`", &src[s.start..s.end]),
        None => "the end of the file".to_string(),
    };
    let (message, hint) = match error.reason() {
        RichReason::Custom(msg) if *msg == keyword_as_id("done") => {
            (msg.to_string(), Some(KEYWORD_AS_ID_HINT.to_string()))
        }
        RichReason::Custom(msg) => (msg.to_string(), None),
        RichReason::ExpectedFound { expected, found: f } => {
            let found_text = found(f.as_deref());
            let mut wanted: Vec<String> = Vec::new();
            for pattern in expected {
                let text = match pattern {
                    RichPattern::Token(t) => t.describe().to_string(),
                    RichPattern::Label(l) => l.to_string(),
                    RichPattern::EndOfInput => "the end of the file".to_string(),
                    _ => continue,
                };
                if !wanted.contains(&text) {
                    wanted.push(text);
                }
            }
            let word = &src[s.start..s.end];
            if f.as_deref() == Some(&TokenKind::Ident) && wanted.iter().any(|w| w == "a statement") {
                return unknown_statement(word, s, wanted.iter().any(|w| w == "`,`"));
            }
            if let Some(t) = f.as_deref()
                && t.keyword_text().is_some()
                && wanted.iter().any(|w| w == "an id" || w == "`{`")
            {
                // `task start {`: the id was skipped as missing, so `{` is what is wanted.
                return SyntaxError {
                    span: Span::new(s.start, s.end),
                    message: keyword_as_id(word),
                    hint: Some(KEYWORD_AS_ID_HINT.to_string()),
                };
            }
            let hint = match f.as_deref() {
                Some(TokenKind::Ident) => suggest_keyword(word).map(|kw| format!("did you mean `{kw}`?")),
                Some(TokenKind::Number) if wanted.iter().any(|w| w.starts_with("a duration")) => {
                    Some("durations are whole numbers of a unit: write 1.5d as 12h".to_string())
                }
                _ => None,
            };
            let unclosed =
                wanted.iter().any(|w| w == "`}`") && f.as_deref().is_some_and(|t| t.is_item_keyword());
            let message = if unclosed {
                return SyntaxError {
                    span: Span::new(s.start, s.end),
                    message: format!("expected `}}` before {found_text}"),
                    hint: Some("the item above is missing its closing `}`".to_string()),
                };
            } else if wanted.is_empty() {
                format!("unexpected {found_text}")
            } else {
                format!("expected {}, found {found_text}", join_or(&wanted))
            };
            (message, hint)
        }
    };
    SyntaxError {
        span: Span::new(s.start, s.end),
        message,
        hint,
    }
}

/// A word where a statement may begin: a statement Prog does not know,
/// or, after a list, an entry whose `,` is missing.
fn unknown_statement(word: &str, at: SimpleSpan, in_list: bool) -> SyntaxError {
    let mut hint = match suggest_keyword(word) {
        Some(kw) => format!("did you mean `{kw}`?"),
        None => {
            "a statement begins with a keyword such as `duration`, `after`, `owner` or `assign`".to_string()
        }
    };
    if in_list {
        hint.push_str(&format!(" (or is a `,` missing before `{word}`?)"));
    }
    SyntaxError {
        span: Span::new(at.start, at.end),
        message: format!("unknown statement `{word}`"),
        hint: Some(hint),
    }
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A statement keyword close to a misspelt word.
fn suggest_keyword(word: &str) -> Option<&'static str> {
    statement_keywords()
        .map(|kw| (strsim::damerau_levenshtein(word, kw), kw))
        .filter(|(d, kw)| *d <= 2 && *d < kw.len())
        .min()
        .map(|(_, kw)| kw)
}

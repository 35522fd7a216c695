//! The syntax of `.prog` files: tokens, a syntax tree with spans, and a
//! parser that recovers from errors so that one mistake hides nothing else.

pub mod ast;
mod lexer;
mod line_index;
mod nesting;
mod parser;

pub use lexer::{KEYWORDS, Token, TokenKind, lex, statement_keywords, tokens};
pub use line_index::{LineCol, LineIndex};
pub use nesting::MAX_GROUP_DEPTH;
pub use parser::{Parse, SyntaxError, parse};

/// A byte range in a source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The same span moved `by` bytes later.
    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

impl From<Span> for std::ops::Range<usize> {
    fn from(span: Span) -> std::ops::Range<usize> {
        span.start..span.end
    }
}

//! The length limit: a body reads at most [`MAX_BODY_ENTRIES`] statements
//! and list entries (`after a, b, …`, `holiday …`, `assign …`) in a row,
//! its items starting the count again. Past it, the tokens are dropped
//! before parsing, with an error at the first of them (a span over all of
//! them could cover a million lines, which a terminal's rendering of the
//! error would then lay out).
//!
//! A tree costs tens of bytes per entry or statement, and `a, ` is three
//! bytes: without the limit, one `after a, a, a, …` as long as a plan may
//! be would take fifty times its size in memory while parsing, and so
//! would lists of a little less than any limit on one list, repeated. Both
//! parsers read the tokens through [`Limited`], so they build the same
//! tree. The limit is far beyond any plan's: a task depends on a few
//! others, a body holds a few dozen statements.

use crate::lexer::TokenKind;
use crate::{Span, SyntaxError, Token};

/// How many statements and list entries a body reads between its items.
pub const MAX_BODY_ENTRIES: usize = 10_000;

/// The significant tokens of `tokens` within the limit; the errors for
/// what was dropped go to `errors` as the tokens are read.
pub(crate) struct Limited<'e, I> {
    tokens: I,
    /// Statement keywords and commas since the body opened, or since its
    /// last item.
    entries: usize,
    /// The first token dropped, not yet reported.
    dropped: Option<Span>,
    errors: &'e mut Vec<SyntaxError>,
}

impl<'e, I: Iterator<Item = Token>> Limited<'e, I> {
    pub(crate) fn new(tokens: I, errors: &'e mut Vec<SyntaxError>) -> Self {
        Limited {
            tokens,
            entries: 0,
            dropped: None,
            errors,
        }
    }

    fn report_dropped(&mut self) {
        if let Some(span) = self.dropped.take() {
            self.errors.push(SyntaxError {
                span,
                message: format!(
                    "this body goes on past {MAX_BODY_ENTRIES} statements and list entries: the rest is not read"
                ),
                hint: Some(
                    "split it with the items between, or depend on a group rather than on each of its tasks"
                        .to_string(),
                ),
            });
        }
    }
}

/// Tokens that end a body's run of statements: its braces and the items
/// (`calendar` is a statement inside a body, so it does not).
fn ends_run(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::LBrace | TokenKind::RBrace)
        || (kind.is_item_keyword() && kind != TokenKind::Calendar)
}

impl<I: Iterator<Item = Token>> Iterator for Limited<'_, I> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        while let Some(t) = self.tokens.next() {
            if ends_run(t.kind) {
                self.report_dropped();
                self.entries = 0;
                return Some(t);
            }
            let counts = t.kind == TokenKind::Comma || t.kind.is_statement_keyword();
            self.entries += usize::from(counts);
            if self.entries > MAX_BODY_ENTRIES {
                // Past the limit, the rest of the run goes: the rest of
                // the list, the statements after it.
                self.dropped.get_or_insert(t.span);
                continue;
            }
            return Some(t);
        }
        self.report_dropped();
        None
    }
}

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
//! would lists of a little less than any limit on one list, repeated. The
//! grammar reads the tokens through [`Limited`]; the fast path counts as
//! it does ([`counted`]) and leaves text past the limit to the grammar, so
//! both build the same tree. The limit is far beyond any plan's: a task
//! depends on a few others, a body holds a few dozen statements.

use crate::lexer::{KEYWORDS, TokenKind};
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
                    "depend on a group rather than on each of its tasks, or spread the statements over more items"
                        .to_string(),
                ),
            });
        }
    }
}

/// The kinds of token as bits of a mask: the limit reads every token of
/// a plan, so it tests a bit where a test of each kind would walk the
/// keywords.
const fn bit(kind: TokenKind) -> u128 {
    1 << kind as u32
}

// Every kind has a bit: `Error` is the last of them.
const _: () = assert!((TokenKind::Error as u32) < u128::BITS);

/// The statement keywords (`statements`), or the item keywords, as a mask.
const fn keywords(statements: bool) -> u128 {
    let mut mask = 0;
    let mut i = 0;
    while i < KEYWORDS.len() {
        let k = KEYWORDS[i];
        if (statements && k.is_statement_keyword()) || (!statements && k.is_item_keyword()) {
            mask |= bit(k);
        }
        i += 1;
    }
    mask
}

/// What counts toward the limit: statement keywords and commas.
const COUNTED: u128 = keywords(true) | bit(TokenKind::Comma);

/// What ends a body's run of statements: its braces and the items
/// (`calendar` is a statement inside a body, so it does not).
const ENDS_RUN: u128 =
    (keywords(false) & !bit(TokenKind::Calendar)) | bit(TokenKind::LBrace) | bit(TokenKind::RBrace);

fn is(mask: u128, kind: TokenKind) -> bool {
    mask & bit(kind) != 0
}

/// The count of a body's run once `kind` is read, from `entries`. Both
/// [`Limited`] and the parser's fast path count with it; the fast path
/// keeps its own count and gives text past the limit to the grammar,
/// since an adapter around every token cost a tenth of a parse where the
/// count costs a few instructions.
pub(crate) fn counted(entries: usize, kind: TokenKind) -> usize {
    if is(ENDS_RUN, kind) {
        0
    } else {
        entries + usize::from(is(COUNTED, kind))
    }
}

impl<I: Iterator<Item = Token>> Iterator for Limited<'_, I> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        while let Some(t) = self.tokens.next() {
            self.entries = counted(self.entries, t.kind);
            if self.entries > MAX_BODY_ENTRIES {
                // Past the limit, the rest of the run goes: the rest of
                // the list, the statements after it.
                self.dropped.get_or_insert(t.span);
                continue;
            }
            if is(ENDS_RUN, t.kind) {
                self.report_dropped();
            }
            return Some(t);
        }
        self.report_dropped();
        None
    }
}

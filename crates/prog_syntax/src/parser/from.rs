//! `from "PATH" milestone ID`, the statement of an external that is
//! another program's milestone: its value, and how a broken one is skipped.

use chumsky::input::ValueInput;
use chumsky::prelude::*;

use super::{Errors, name, span, string};
use crate::ast::{FromMilestone, Stmt, StmtValue};
use crate::lexer::TokenKind;

/// `"../platform/plan.prog" milestone ga`, after `from`. `milestone` also
/// opens an item: `milestone ga {` (or `milestone ga "Title"`) after a
/// `from` that lacks its `}` is that item, so the id must not be followed
/// by either.
pub(super) fn from_milestone<'tok, 'src: 'tok, I, E>(
    src: &'src str,
) -> impl Parser<'tok, I, StmtValue, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    use TokenKind as T;
    let no_item_body = any()
        .filter(|t: &TokenKind| !matches!(t, T::LBrace | T::String | T::UnterminatedString))
        .rewind()
        .ignored()
        .or(end());
    string(src)
        .then_ignore(just(T::Milestone))
        .then(name(src))
        .then_ignore(no_item_body)
        .map(|(path, milestone)| StmtValue::From(Box::new(FromMilestone { path, milestone })))
}

/// What a bad `from` statement is skipped as: the statement skipped as
/// [`super::junk_statement`] skips it, and its `milestone ID` too, unless that
/// opens an item (a `{` follows), so that the body goes on after it.
pub(super) fn junk_from<'tok, I, E>() -> impl Parser<'tok, I, Stmt, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    use TokenKind as T;
    let ends = |t: &TokenKind| t.is_statement_keyword() || t.is_item_keyword() || *t == T::RBrace;
    let ends_body_or_statement = any()
        .filter(move |t: &TokenKind| ends(t))
        .rewind()
        .ignored()
        .or(end());
    let milestone_id = just(T::Milestone)
        .then(
            any()
                .filter(move |t: &TokenKind| !ends(t) && *t != T::LBrace)
                .repeated(),
        )
        .then(ends_body_or_statement);
    just(T::From)
        .map_with(|k, e| (k, span(e.span())))
        .then_ignore(any().filter(move |t: &TokenKind| !ends(t)).repeated())
        .then_ignore(milestone_id.or_not())
        .map_with(|(keyword, keyword_span), e| Stmt {
            keyword,
            keyword_span,
            value: StmtValue::Error,
            span: span(e.span()),
        })
}

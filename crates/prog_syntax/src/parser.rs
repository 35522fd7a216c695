//! The parser: chumsky over the lexer's tokens, trivia removed. Text
//! without a syntax error takes the hand-written fast path
//! ([`crate::descent`]), which builds the same tree; the grammar below
//! parses the rest, and says what is wrong.
//!
//! Recovery works at three levels so that one mistake hides nothing else:
//! a bad statement is skipped up to the next statement keyword, a missing
//! `}` ends the body at the next item keyword, and stray text between items
//! is skipped up to the next item keyword. Everything else still lands in
//! the tree.

use chumsky::error::{LabelError, Rich};
use chumsky::input::{Input, ValueInput};
use chumsky::prelude::*;

use crate::ast::*;
use crate::descent;
use crate::lexer::{TokenKind, lex, unescape};
use crate::limits::Limited;
use crate::nesting::limit_nesting;
use crate::syntax_errors::{SyntaxError, describe, keyword_as_id};
use crate::{Span, Token};

mod from;
use from::{from_milestone, junk_from};

/// The result of parsing one file: a tree (as complete as recovery allows),
/// the tokens with trivia, and the errors.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Parse {
    pub file: SourceFile,
    pub tokens: Vec<Token>,
    pub errors: Vec<SyntaxError>,
}

pub fn parse(text: &str) -> Parse {
    let tokens = lex(text);
    let (file, errors) = parse_tokens(text, || tokens.iter().copied());
    Parse { file, tokens, errors }
}

/// The tree and the errors of `text`, without keeping its tokens: what an
/// analysis reads (the editor's features read the tokens of [`parse`]).
pub fn parse_tree(text: &str) -> (SourceFile, Vec<SyntaxError>) {
    parse_tokens(text, || crate::lexer::tokens(text))
}

thread_local! {
    /// The significant tokens of a text with an error: kept from one parse
    /// to the next, since an analysis parses item after item.
    static SIGNIFICANT: std::cell::Cell<Vec<(TokenKind, SimpleSpan)>> = const { std::cell::Cell::new(Vec::new()) };
}

/// `tokens` gives the tokens of `text` from the start each time it is
/// called: once for text without an error, twice for the rest.
fn parse_tokens<I: Iterator<Item = Token>>(
    text: &str,
    tokens: impl Fn() -> I,
) -> (SourceFile, Vec<SyntaxError>) {
    let unterminated = |t: &Token| (t.kind == TokenKind::UnterminatedString).then_some(t.span);
    let mut strings = Vec::new();
    // Text without an error, within the limits, takes the hand-written
    // fast path, which keeps no tokens; the rest the grammar below, which
    // recovers and says what is wrong.
    let significant = tokens()
        .inspect(|t| strings.extend(unterminated(t)))
        .filter(|t| !t.kind.is_trivia());
    let fast = descent::items(text, significant);
    let (file, mut errors) = match fast {
        Some(items) => (SourceFile { items }, Vec::new()),
        None => {
            strings = tokens().filter_map(|t| unterminated(&t)).collect();
            let mut past_limit = Vec::new();
            let significant = Limited::new(tokens().filter(|t| !t.kind.is_trivia()), &mut past_limit);
            let (file, mut errors) = grammar(text, significant);
            errors.append(&mut past_limit);
            (file, errors)
        }
    };
    errors.extend(strings.into_iter().map(|span| SyntaxError {
        span,
        message: "this string has no closing `\"`".to_string(),
        hint: Some("a string ends on the line it starts on".to_string()),
    }));
    errors.sort_by_key(|e| e.span);
    errors.dedup();
    (file, errors)
}

/// The tree of text with an error, recovered, and what is wrong with it:
/// `tokens` are the significant ones.
fn grammar(text: &str, tokens: impl Iterator<Item = Token>) -> (SourceFile, Vec<SyntaxError>) {
    let mut significant = SIGNIFICANT.take();
    significant.clear();
    significant.extend(tokens.map(|t| (t.kind, SimpleSpan::from(t.span.start()..t.span.end()))));
    let too_deep = limit_nesting(&mut significant);
    let eoi = SimpleSpan::from(text.len()..text.len());
    let input = significant.as_slice().split_token_span(eoi);
    let (items, errors) = file::<_, Rich<_>>(text).parse(input).into_output_errors();
    let mut errors: Vec<SyntaxError> = errors.iter().map(|e| describe(text, e)).collect();
    errors.extend(too_deep);
    let mut file = SourceFile {
        items: items.unwrap_or_default(),
    };
    file.shrink_to_fit();
    // A huge text's tokens are not kept for the next, small, one.
    if significant.capacity() <= 1 << 16 {
        SIGNIFICANT.set(significant);
    }
    (file, errors)
}

/// What the grammar needs of its error type: chumsky's [`Rich`], which
/// says what was expected. Text without an error never reaches the
/// grammar (see [`descent`]).
trait Errors<'tok, I: Input<'tok>>:
    chumsky::error::Error<'tok, I> + LabelError<'tok, I, &'static str> + 'tok
{
    /// An error of the parser's own, with a message.
    fn custom(span: SimpleSpan, message: String) -> Self;
}

impl<'tok, I> Errors<'tok, I> for Rich<'tok, TokenKind>
where
    I: Input<'tok, Token = TokenKind, Span = SimpleSpan>,
{
    fn custom(span: SimpleSpan, message: String) -> Self {
        Rich::custom(span, message)
    }
}

fn span(s: SimpleSpan) -> Span {
    Span::new(s.start, s.end)
}

fn literal(src: &str, s: SimpleSpan) -> Literal {
    Literal {
        text: src[s.start..s.end].to_string(),
        span: span(s),
    }
}

/// A token of `kind`, as a literal.
fn lit<'tok, 'src: 'tok, I, E>(
    src: &'src str,
    kind: TokenKind,
    label: &'static str,
) -> impl Parser<'tok, I, Literal, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    just(kind)
        .map_with(move |_, e| literal(src, e.span()))
        .labelled(label)
}

fn name<'tok, 'src: 'tok, I, E>(src: &'src str) -> impl Parser<'tok, I, Name, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    let ident = just(TokenKind::Ident).map_with(move |_, e| {
        let Literal { text, span } = literal(src, e.span());
        Name {
            text: text.into(),
            span,
        }
    });
    // `done` takes no value: left to be a statement where an id is expected
    // (`after done`), it would mark the task finished. Read as the id it was
    // meant to be, with an error.
    let done = just(TokenKind::Done).validate(move |_, e, emitter| {
        emitter.emit(E::custom(e.span(), keyword_as_id("done")));
        let Literal { text, span } = literal(src, e.span());
        Name {
            text: text.into(),
            span,
        }
    });
    ident.or(done).labelled("an id")
}

/// A one-word value (`role consulted`, `cadence weekly`): an id, or one of
/// the RACI keywords read as the word it is.
fn word<'tok, 'src: 'tok, I, E>(src: &'src str) -> impl Parser<'tok, I, Name, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    let role = one_of([TokenKind::Consulted, TokenKind::Informed]).map_with(move |_, e| {
        let Literal { text, span } = literal(src, e.span());
        Name {
            text: text.into(),
            span,
        }
    });
    name(src).or(role).labelled("a word such as weekly or informed")
}

/// A quoted string. An unterminated one is still used: [`parse`] reports it.
fn string<'tok, 'src: 'tok, I, E>(src: &'src str) -> impl Parser<'tok, I, Literal, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    select! {
        TokenKind::String = e => (true, e.span()),
        TokenKind::UnterminatedString = e => (false, e.span()),
    }
    .map(move |(closed, s): (bool, SimpleSpan)| {
        let raw = &src[s.start + 1..if closed { s.end - 1 } else { s.end }];
        Literal {
            text: unescape(raw),
            span: span(s),
        }
    })
    .labelled("a quoted string")
}

/// One of `kinds` as a statement keyword, with its span.
fn keyword<'tok, I, E>(
    kinds: &'static [TokenKind],
) -> impl Parser<'tok, I, (TokenKind, Span), extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    one_of(kinds).map_with(|k, e| (k, span(e.span())))
}

fn statement<'tok, 'src: 'tok, I, E>(src: &'src str) -> impl Parser<'tok, I, Stmt, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    use TokenKind as T;
    let date = || lit(src, T::Date, "a date such as 2027-01-04");
    let duration = || lit(src, T::Duration, "a duration such as 5d, 2w or 4h");
    let amount = select! { T::Percent = e => e.span(), T::Number = e => e.span() }
        .map(move |s| literal(src, s))
        .labelled("a percentage such as 50% or a number");
    let money = select! { T::Number = e => e.span() }
        .map(move |s| literal(src, s))
        .labelled("an amount such as 12_500.50");
    let rate = select! { T::Rate = e => e.span() }
        .map(move |s| literal(src, s))
        .labelled("a rate such as 800/d or 95/h");
    let names = name(src)
        .separated_by(just(T::Comma))
        .at_least(1)
        .collect::<Vec<_>>();

    let date_spec = date()
        .then(just(T::DotDot).ignore_then(date()).or_not())
        .map(|(first, last)| DateSpec { first, last });
    let expected = date_spec.clone().map(|spec| StmtValue::Dates(vec![spec]));
    let dep = name(src)
        .then(duration().or_not())
        .map(|(target, lag)| DepTarget {
            target,
            lag: lag.map(Box::new),
        });
    let assignee = name(src)
        .then(amount.or_not())
        .map(|(who, amount)| Assignee { who, amount });

    let value = choice((
        keyword(&[
            T::Start,
            T::StatusDate,
            T::NotBefore,
            T::Deadline,
            T::ActualStart,
            T::ActualFinish,
            T::Due,
            T::BlockedSince,
            T::Delivered,
        ])
        .then(date().map(StmtValue::Date)),
        keyword(&[T::Holiday, T::Off]).then(
            date_spec
                .separated_by(just(T::Comma))
                .at_least(1)
                .collect()
                .map(StmtValue::Dates),
        ),
        keyword(&[T::Expected]).then(expected),
        keyword(&[T::DurationKw, T::Effort, T::Impact, T::Remaining, T::ActualEffort])
            .then(duration().map(StmtValue::Duration)),
        keyword(&[T::Estimate]).then(
            duration()
                .then(duration())
                .then(duration())
                .map(|((a, b), c)| StmtValue::Estimate(Box::new([a, b, c]))),
        ),
        keyword(&[T::Capacity, T::Probability, T::Progress]).then(amount.map(StmtValue::Amount)),
        keyword(&[T::Cost, T::ActualCost]).then(money.map(StmtValue::Amount)),
        keyword(&[T::RateKw]).then(rate.map(StmtValue::Amount)),
        keyword(&[
            T::Owner,
            T::Affects,
            T::Gates,
            T::Approvers,
            T::Calendar,
            T::Workdays,
            T::Status,
            T::Interest,
            T::Consulted,
            T::Informed,
        ])
        .then(names.map(StmtValue::Names)),
        // `role consulted`: the roles share their words with the keywords
        // of the RACI statements, so those read as words here.
        keyword(&[T::Role, T::Cadence, T::Format]).then(word(src).map(|w| StmtValue::Names(vec![w]))),
        keyword(&[T::After, T::StartWith, T::FinishWith]).then(
            dep.separated_by(just(T::Comma))
                .at_least(1)
                .collect()
                .map(StmtValue::Deps),
        ),
        keyword(&[T::Assign]).then(
            assignee
                .separated_by(just(T::Comma))
                .at_least(1)
                .collect()
                .map(StmtValue::Assigns),
        ),
        keyword(&[
            T::Mitigation,
            T::Currency,
            T::Baseline,
            T::Key,
            T::Contact,
            T::Blocked,
        ])
        .then(string(src).map(StmtValue::Text)),
        keyword(&[T::From]).then(from_milestone(src)),
        // `done DATE` closes an action on that day; elsewhere `done` stands alone.
        keyword(&[T::Done]).then(
            date()
                .or_not()
                .map(|d| d.map_or(StmtValue::Flag, StmtValue::Date)),
        ),
    ));

    value
        .map_with(|((keyword, keyword_span), value), e| Stmt {
            keyword,
            keyword_span,
            value,
            span: span(e.span()),
        })
        .labelled("a statement")
        .as_context()
}

/// What a bad statement is skipped as: its first token, then everything up
/// to the next statement keyword, item keyword or `}`.
fn junk_statement<'tok, I, E>() -> impl Parser<'tok, I, Stmt, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    let ends_statement =
        |t: &TokenKind| t.is_statement_keyword() || t.is_item_keyword() || *t == TokenKind::RBrace;
    any()
        .filter(|t: &TokenKind| {
            *t != TokenKind::RBrace && (!t.is_item_keyword() || *t == TokenKind::Calendar)
        })
        .map_with(|k, e| (k, span(e.span())))
        .then_ignore(any().filter(move |t| !ends_statement(t)).repeated())
        .map_with(|(keyword, keyword_span), e| Stmt {
            keyword,
            keyword_span,
            value: StmtValue::Error,
            span: span(e.span()),
        })
}

fn item_keyword<'tok, I, E>(
    kinds: &'static [(TokenKind, DeclKind)],
) -> impl Parser<'tok, I, (DeclKind, Span), extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    any()
        .filter(move |t: &TokenKind| kinds.iter().any(|(k, _)| k == t))
        .map_with(move |t, e| {
            let kind = kinds.iter().find(|(k, _)| *k == t).map(|(_, kind)| *kind);
            (kind.unwrap_or(DeclKind::Task), span(e.span()))
        })
        .labelled("an item such as task, person or milestone")
}

const LEAF_ITEMS: &[(TokenKind, DeclKind)] = &[
    (TokenKind::Program, DeclKind::Program),
    (TokenKind::Calendar, DeclKind::Calendar),
    (TokenKind::Person, DeclKind::Person),
    (TokenKind::Team, DeclKind::Team),
    (TokenKind::Task, DeclKind::Task),
    (TokenKind::Milestone, DeclKind::Milestone),
    (TokenKind::Risk, DeclKind::Risk),
    (TokenKind::Approval, DeclKind::Approval),
    (TokenKind::Stakeholder, DeclKind::Stakeholder),
    (TokenKind::Action, DeclKind::Action),
    (TokenKind::External, DeclKind::External),
];
const GROUP_ITEM: &[(TokenKind, DeclKind)] = &[(TokenKind::Group, DeclKind::Group)];
const GROUP_CHILDREN: &[(TokenKind, DeclKind)] = &[
    (TokenKind::Task, DeclKind::Task),
    (TokenKind::Milestone, DeclKind::Milestone),
];

enum Entry {
    Stmt(Stmt),
    Child(Decl),
}

/// `KEYWORD id "title"? { entries }` for the given keywords.
fn item<'tok, 'src: 'tok, I, E, P>(
    src: &'src str,
    kinds: &'static [(TokenKind, DeclKind)],
    entry: P,
) -> impl Parser<'tok, I, Decl, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
    P: Parser<'tok, I, Entry, extra::Err<E>> + Clone,
{
    use TokenKind as T;
    // A missing `}` is reported, and the body ends where the next item begins.
    let close = just(T::RBrace).ignored().recover_with(via_parser(
        any()
            .filter(|t: &TokenKind| t.is_item_keyword())
            .rewind()
            .ignored()
            .or(end()),
    ));
    let missing_name = empty().to(None);
    item_keyword(kinds)
        .then(name(src).map(Some).recover_with(via_parser(missing_name)))
        .then(string(src).or_not())
        .then_ignore(just(T::LBrace))
        .then(entry.repeated().collect::<Vec<_>>())
        .then_ignore(close)
        .map_with(|((((kind, keyword_span), name), title), entries), e| {
            // Sized exactly: the tree is kept for as long as the text is.
            let statements = entries.iter().filter(|e| matches!(e, Entry::Stmt(_))).count();
            let mut stmts = Vec::with_capacity(statements);
            let mut children = Vec::with_capacity(entries.len() - statements);
            for entry in entries {
                match entry {
                    Entry::Stmt(s) => stmts.push(s),
                    Entry::Child(d) => children.push(d),
                }
            }
            Decl {
                kind,
                keyword_span,
                name,
                title,
                stmts,
                children,
                span: span(e.span()),
            }
        })
}

fn decl<'tok, 'src: 'tok, I, E>(src: &'src str) -> impl Parser<'tok, I, Decl, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    let stmt = || {
        statement(src)
            .recover_with(via_parser(junk_from().or(junk_statement())))
            .map(Entry::Stmt)
    };
    let group = recursive(|group| {
        let child = item(src, GROUP_CHILDREN, stmt()).or(group).map(Entry::Child);
        item(src, GROUP_ITEM, child.or(stmt()))
    });
    group.or(item(src, LEAF_ITEMS, stmt()))
}

fn import<'tok, 'src: 'tok, I, E>(src: &'src str) -> impl Parser<'tok, I, Import, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    just(TokenKind::Import)
        .ignore_then(string(src))
        .map_with(|path, e| Import {
            path,
            span: span(e.span()),
        })
}

/// Text between items that is no item: skipped up to the next item keyword.
fn junk_item<'tok, I, E>() -> impl Parser<'tok, I, Option<Item>, extra::Err<E>> + Clone
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    any()
        .then(any().filter(|t: &TokenKind| !t.is_item_keyword()).repeated())
        .to(None)
}

fn file<'tok, 'src: 'tok, I, E>(src: &'src str) -> impl Parser<'tok, I, Vec<Item>, extra::Err<E>>
where
    I: ValueInput<'tok, Token = TokenKind, Span = SimpleSpan>,
    E: Errors<'tok, I>,
{
    let item = import(src)
        .map(Item::Import)
        .or(decl(src).map(Item::Decl))
        .map(Some)
        .recover_with(via_parser(junk_item()));
    item.repeated()
        .collect::<Vec<_>>()
        .then_ignore(end())
        .map(|items| items.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests;

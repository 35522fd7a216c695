//! The fast path of the parser: a hand-written recursive descent over the
//! significant tokens that builds the same tree as the chumsky grammar in
//! [`crate::parser`], for text without a syntax error. At the first token
//! it does not expect it gives up (`None`), and the chumsky grammar, which
//! recovers and says what is wrong, parses the text instead. So this file
//! never decides what an error is; `parser::tests` checks that the two
//! build the same tree and that this one gives up exactly when the other
//! finds an error.
//!
//! Most text has no error, and chumsky's combinators (each alternative of
//! a statement tried in turn, an entry list collected then split) cost
//! several times what reading the tokens does.
//!
//! It reads the tokens as the lexer makes them, one ahead, and keeps none:
//! a large item costs its tree, not a list of its tokens besides.

use crate::ast::*;
use crate::lexer::TokenKind as T;
use crate::lexer::unescape;
use crate::limits::{MAX_BODY_ENTRIES, counted};
use crate::nesting::MAX_GROUP_DEPTH;
use crate::{Span, Token};

/// The items of `tokens` (trivia removed), or `None` at the
/// first token the grammar does not allow there, at a group nested
/// deeper than [`MAX_GROUP_DEPTH`] (which the grammar's input leaves out)
/// or past [`MAX_BODY_ENTRIES`] (which it cuts).
/// Every list in the tree is sized exactly: a tree is kept for as long as
/// its text.
pub(crate) fn items(src: &str, mut tokens: impl Iterator<Item = Token>) -> Option<Vec<Item>> {
    let (stmts, children) = SCRATCH.take();
    let mut p = Descent {
        src,
        next: tokens.next(),
        tokens,
        end: 0,
        entries: 0,
        depth: 0,
        stmts,
        children,
    };
    // An analysis parses one item at a time: room for one, so that most
    // lists are made once and never grown or shrunk.
    let mut items = Vec::with_capacity(1);
    while let Some(kind) = p.peek() {
        let item = match kind {
            T::Import => Item::Import(p.import()?),
            T::Group => Item::Decl(p.group()?),
            _ => Item::Decl(p.decl(leaf_kind(kind)?, Body::Statements)?),
        };
        items.push(item);
    }
    if p.entries > MAX_BODY_ENTRIES {
        return None;
    }
    items.shrink_to_fit();
    p.stmts.clear();
    p.children.clear();
    SCRATCH.set((p.stmts, p.children));
    Some(items)
}

thread_local! {
    /// The lists of [`Descent`], kept empty from one parse to the next: an
    /// analysis parses item after item.
    static SCRATCH: std::cell::Cell<(Vec<Stmt>, Vec<Decl>)> = const { std::cell::Cell::new((Vec::new(), Vec::new())) };
}

/// What a body holds besides statements.
#[derive(Clone, Copy, PartialEq)]
enum Body {
    Statements,
    /// A group's: tasks, milestones and groups too.
    Children,
}

struct Descent<'a, I> {
    src: &'a str,
    /// The significant tokens after `next`.
    tokens: I,
    /// The token to read next.
    next: Option<Token>,
    /// Where the last token read ends.
    end: usize,
    /// The body's run so far, counted as [`crate::limits::Limited`] does;
    /// past the limit, no token is read any more.
    entries: usize,
    /// How many group bodies are open.
    depth: usize,
    /// The statements and children of the bodies open, innermost last:
    /// each body takes its own off the end when it closes, in a list of
    /// exactly their number.
    stmts: Vec<Stmt>,
    children: Vec<Decl>,
}

fn leaf_kind(kind: T) -> Option<DeclKind> {
    Some(match kind {
        T::Program => DeclKind::Program,
        T::Calendar => DeclKind::Calendar,
        T::Person => DeclKind::Person,
        T::Team => DeclKind::Team,
        T::Task => DeclKind::Task,
        T::Milestone => DeclKind::Milestone,
        T::Risk => DeclKind::Risk,
        T::Approval => DeclKind::Approval,
        T::Stakeholder => DeclKind::Stakeholder,
        T::Action => DeclKind::Action,
        T::External => DeclKind::External,
        _ => return None,
    })
}

impl<I: Iterator<Item = Token>> Descent<'_, I> {
    fn peek(&self) -> Option<T> {
        self.next.map(|t| t.kind)
    }

    /// The next token if it is `kind`, consumed.
    fn eat(&mut self, kind: T) -> Option<Span> {
        (self.peek()? == kind).then(|| self.next().1)
    }

    /// The next token, consumed, whatever it is; there is one.
    fn next(&mut self) -> (T, Span) {
        let Some(Token { kind, span }) = std::mem::replace(&mut self.next, self.tokens.next()) else {
            unreachable!("a token is consumed only after it was peeked")
        };
        self.end = span.end();
        self.entries = counted(self.entries, kind);
        if self.entries > MAX_BODY_ENTRIES {
            // As if the text ended here: the parse fails, and the grammar
            // reads the text within the limit.
            self.next = None;
        }
        (kind, span)
    }

    /// Where the last consumed token ends.
    fn end(&self) -> usize {
        self.end
    }

    fn literal(&self, s: Span) -> Literal {
        Literal {
            text: self.src[s.start()..s.end()].to_string(),
            span: s,
        }
    }

    fn token_literal(&mut self, kind: T) -> Option<Literal> {
        let s = self.eat(kind)?;
        Some(self.literal(s))
    }

    fn name(&mut self) -> Option<Name> {
        let s = self.eat(T::Ident)?;
        Some(Name {
            text: SmolStr::new(&self.src[s.start()..s.end()]),
            span: s,
        })
    }

    /// A quoted string; an unterminated one too (`parse` reports it).
    fn string(&mut self) -> Option<Literal> {
        let closed = match self.peek()? {
            T::String => true,
            T::UnterminatedString => false,
            _ => return None,
        };
        let (_, s) = self.next();
        let raw = &self.src[s.start() + 1..if closed { s.end() - 1 } else { s.end() }];
        Some(Literal {
            text: unescape(raw),
            span: s,
        })
    }

    fn import(&mut self) -> Option<Import> {
        let start = self.eat(T::Import)?.start();
        let path = self.string()?;
        Some(Import {
            span: Span::new(start, self.end()),
            path,
        })
    }

    fn group(&mut self) -> Option<Decl> {
        if self.depth == MAX_GROUP_DEPTH {
            return None;
        }
        self.depth += 1;
        let group = self.decl(DeclKind::Group, Body::Children);
        self.depth -= 1;
        group
    }

    /// `KEYWORD id "title"? { entries }`, the keyword next.
    fn decl(&mut self, kind: DeclKind, body: Body) -> Option<Decl> {
        let (_, keyword) = self.next();
        let name = Some(self.name()?);
        let title = match self.peek()? {
            T::String | T::UnterminatedString => Some(self.string()?),
            _ => None,
        };
        self.eat(T::LBrace)?;
        let (stmts, children) = (self.stmts.len(), self.children.len());
        loop {
            let child = match self.peek()? {
                T::RBrace => break,
                T::Group if body == Body::Children => self.group()?,
                T::Task if body == Body::Children => self.decl(DeclKind::Task, Body::Statements)?,
                T::Milestone if body == Body::Children => self.decl(DeclKind::Milestone, Body::Statements)?,
                _ => {
                    let stmt = self.statement()?;
                    self.stmts.push(stmt);
                    continue;
                }
            };
            self.children.push(child);
        }
        self.next();
        Some(Decl {
            kind,
            keyword_span: keyword,
            name,
            title,
            stmts: self.stmts.drain(stmts..).collect(),
            children: self.children.drain(children..).collect(),
            span: Span::new(keyword.start(), self.end()),
        })
    }

    fn statement(&mut self) -> Option<Stmt> {
        let (keyword, keyword_at) = self.next();
        let value = match keyword {
            T::Start
            | T::StatusDate
            | T::NotBefore
            | T::Deadline
            | T::ActualStart
            | T::ActualFinish
            | T::Due
            | T::BlockedSince
            | T::Delivered => StmtValue::Date(self.token_literal(T::Date)?),
            T::Holiday | T::Off => StmtValue::Dates(self.list(Self::date_spec)?),
            T::Expected => StmtValue::Dates(vec![self.date_spec()?]),
            T::DurationKw | T::Effort | T::Impact | T::Remaining | T::ActualEffort => {
                StmtValue::Duration(self.token_literal(T::Duration)?)
            }
            T::Estimate => {
                let a = self.token_literal(T::Duration)?;
                let b = self.token_literal(T::Duration)?;
                let c = self.token_literal(T::Duration)?;
                StmtValue::Estimate(Box::new([a, b, c]))
            }
            T::Capacity | T::Probability | T::Progress => StmtValue::Amount(self.amount()?),
            T::Cost | T::ActualCost => StmtValue::Amount(self.token_literal(T::Number)?),
            T::RateKw => StmtValue::Amount(self.token_literal(T::Rate)?),
            T::Owner
            | T::Affects
            | T::Gates
            | T::Approvers
            | T::Calendar
            | T::Workdays
            | T::Status
            | T::Interest
            | T::Consulted
            | T::Informed => StmtValue::Names(self.list(Self::name)?),
            T::Role | T::Cadence | T::Format => StmtValue::Names(vec![self.word()?]),
            T::After | T::StartWith | T::FinishWith => StmtValue::Deps(self.list(Self::dep)?),
            T::Assign => StmtValue::Assigns(self.list(Self::assignee)?),
            T::Mitigation | T::Currency | T::Baseline | T::Key | T::Contact | T::Blocked => {
                StmtValue::Text(self.string()?)
            }
            T::From => {
                let path = self.string()?;
                self.eat(T::Milestone)?;
                let milestone = self.name()?;
                // `milestone ga {` or `milestone ga "Title"` opens an item:
                // the grammar says what is wrong.
                if matches!(self.peek(), Some(T::LBrace | T::String | T::UnterminatedString)) {
                    return None;
                }
                StmtValue::From(Box::new(FromMilestone { path, milestone }))
            }
            T::Done => match self.peek() {
                Some(T::Date) => StmtValue::Date(self.token_literal(T::Date)?),
                _ => StmtValue::Flag,
            },
            _ => return None,
        };
        Some(Stmt {
            keyword,
            keyword_span: keyword_at,
            value,
            span: Span::new(keyword_at.start(), self.end()),
        })
    }

    /// One or more of `one`, separated by commas.
    fn list<V>(&mut self, one: fn(&mut Self) -> Option<V>) -> Option<Vec<V>> {
        let mut values = vec![one(self)?];
        while self.eat(T::Comma).is_some() {
            values.push(one(self)?);
        }
        values.shrink_to_fit();
        Some(values)
    }

    fn date_spec(&mut self) -> Option<DateSpec> {
        let first = self.token_literal(T::Date)?;
        let last = match self.eat(T::DotDot) {
            Some(_) => Some(self.token_literal(T::Date)?),
            None => None,
        };
        Some(DateSpec { first, last })
    }

    fn amount(&mut self) -> Option<Literal> {
        match self.peek()? {
            T::Percent => self.token_literal(T::Percent),
            T::Number => self.token_literal(T::Number),
            _ => None,
        }
    }

    /// A one-word value: an id, or `consulted` / `informed` as the word.
    fn word(&mut self) -> Option<Name> {
        match self.peek()? {
            T::Consulted | T::Informed => {
                let (_, s) = self.next();
                let Literal { text, span } = self.literal(s);
                Some(Name {
                    text: text.into(),
                    span,
                })
            }
            _ => self.name(),
        }
    }

    fn dep(&mut self) -> Option<DepTarget> {
        let target = self.name()?;
        let lag = match self.peek() {
            Some(T::Duration) => Some(Box::new(self.token_literal(T::Duration)?)),
            _ => None,
        };
        Some(DepTarget { target, lag })
    }

    fn assignee(&mut self) -> Option<Assignee> {
        let who = self.name()?;
        let amount = match self.peek() {
            Some(T::Percent | T::Number) => Some(self.amount()?),
            _ => None,
        };
        Some(Assignee { who, amount })
    }
}

//! The syntax tree. Every node carries the byte span it was parsed from.
//!
//! Values stay as written (`Literal::text`): the syntax layer knows nothing
//! of dates, durations or percentages; the model checks and types them.

use crate::{Span, TokenKind};

pub use smol_str::SmolStr;

/// An id as written, at a definition or a reference.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Name {
    /// Inline up to 23 bytes: no allocation per id, nor per copy into the
    /// lowered declarations and the model.
    pub text: SmolStr,
    pub span: Span,
}

/// A value as written. For strings, `text` is the content without quotes and
/// with escapes resolved; `span` still covers the quotes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Literal {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SourceFile {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    Import(Import),
    Decl(Decl),
}

/// `import "other.prog"`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Import {
    pub path: Literal,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeclKind {
    Program,
    Calendar,
    Person,
    Team,
    Task,
    Milestone,
    Group,
    Risk,
    Approval,
    Stakeholder,
    Action,
    /// Something the program needs from outside it (`external`).
    External,
}

impl DeclKind {
    /// The kind as a message names one: "a task", "an approval".
    pub fn with_article(self) -> &'static str {
        match self {
            DeclKind::Program => "a program",
            DeclKind::Calendar => "a calendar",
            DeclKind::Person => "a person",
            DeclKind::Team => "a team",
            DeclKind::Task => "a task",
            DeclKind::Milestone => "a milestone",
            DeclKind::Group => "a group",
            DeclKind::Risk => "a risk",
            DeclKind::Approval => "an approval",
            DeclKind::Stakeholder => "a stakeholder",
            DeclKind::Action => "an action",
            DeclKind::External => "an external",
        }
    }

    pub fn keyword(self) -> &'static str {
        match self {
            DeclKind::Program => "program",
            DeclKind::Calendar => "calendar",
            DeclKind::Person => "person",
            DeclKind::Team => "team",
            DeclKind::Task => "task",
            DeclKind::Milestone => "milestone",
            DeclKind::Group => "group",
            DeclKind::Risk => "risk",
            DeclKind::Approval => "approval",
            DeclKind::Stakeholder => "stakeholder",
            DeclKind::Action => "action",
            DeclKind::External => "external",
        }
    }
}

/// `KEYWORD id "title"? { statements }`. Only groups have children.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decl {
    pub kind: DeclKind,
    pub keyword_span: Span,
    /// `None` when the id is missing (a syntax error was reported).
    pub name: Option<Name>,
    pub title: Option<Literal>,
    pub stmts: Vec<Stmt>,
    pub children: Vec<Decl>,
    pub span: Span,
}

/// A statement in a body: a keyword and its value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stmt {
    pub keyword: TokenKind,
    pub keyword_span: Span,
    pub value: StmtValue,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StmtValue {
    /// The statement did not parse; a syntax error says why.
    Error,
    /// `done`.
    Flag,
    /// `start`, `status_date`, `not_before`, `deadline`, `actual_start`,
    /// `actual_finish`, `due`, `blocked_since`; `done DATE` in an action.
    Date(Literal),
    /// `holiday`, `off`: dates and inclusive date ranges; `expected`: one
    /// date or range.
    Dates(Vec<DateSpec>),
    /// `duration`, `effort`, `impact`, `remaining`, `actual_effort`.
    Duration(Literal),
    /// `estimate optimistic likely pessimistic`. Boxed: the rarest value
    /// would otherwise set the size of every statement.
    Estimate(Box<[Literal; 3]>),
    /// `capacity`, `probability`, `progress`: a percentage or a number;
    /// `cost`, `actual_cost`: a number; `rate`: a rate (`800/d`).
    Amount(Literal),
    /// `owner`, `affects`, `gates`, `approvers`, `calendar`, `workdays`, `status`,
    /// `interest`, `consulted`, `informed`; `role`, `cadence` and `format`
    /// (one word each).
    Names(Vec<Name>),
    /// `after`, `start_with`, `finish_with`.
    Deps(Vec<DepTarget>),
    /// `assign`.
    Assigns(Vec<Assignee>),
    /// `mitigation`, `currency`, `baseline`, `key`, `contact`, `blocked`.
    Text(Literal),
    /// `from "../platform/plan.prog" milestone ga`: another program's
    /// milestone. Boxed, like the estimate.
    From(Box<FromMilestone>),
}

/// The other program's plan (its path as written, relative to the file
/// that says it) and the id of the milestone in it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FromMilestone {
    pub path: Literal,
    pub milestone: Name,
}

/// `2027-02-01` or `2027-02-01..2027-02-05`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateSpec {
    pub first: Literal,
    pub last: Option<Literal>,
}

/// `api +2d`: a dependency with an optional lag or lead.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DepTarget {
    pub target: Name,
    /// Boxed: most dependencies have none, and a list of them can be as
    /// long as the text allows.
    pub lag: Option<Box<Literal>>,
}

/// `backend 2` or `alice 50%`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Assignee {
    pub who: Name,
    pub amount: Option<Literal>,
}

impl SourceFile {
    /// Gives back the spare capacity of every list in the tree: a parse is
    /// kept for as long as its text is.
    pub fn shrink_to_fit(&mut self) {
        fn shrink_decl(decl: &mut Decl) {
            decl.stmts.shrink_to_fit();
            for stmt in &mut decl.stmts {
                match &mut stmt.value {
                    StmtValue::Dates(v) => v.shrink_to_fit(),
                    StmtValue::Names(v) => v.shrink_to_fit(),
                    StmtValue::Deps(v) => v.shrink_to_fit(),
                    StmtValue::Assigns(v) => v.shrink_to_fit(),
                    _ => {}
                }
            }
            decl.children.shrink_to_fit();
            decl.children.iter_mut().for_each(shrink_decl);
        }
        self.items.shrink_to_fit();
        for item in &mut self.items {
            if let Item::Decl(decl) = item {
                shrink_decl(decl);
            }
        }
    }

    /// Every declaration, children of groups included, depth first.
    pub fn decls(&self) -> impl Iterator<Item = &Decl> {
        let mut stack: Vec<&Decl> = self
            .items
            .iter()
            .rev()
            .filter_map(|item| match item {
                Item::Decl(decl) => Some(decl),
                Item::Import(_) => None,
            })
            .collect();
        std::iter::from_fn(move || {
            let decl = stack.pop()?;
            stack.extend(decl.children.iter().rev());
            Some(decl)
        })
    }

    pub fn imports(&self) -> impl Iterator<Item = &Import> {
        self.items.iter().filter_map(|item| match item {
            Item::Import(import) => Some(import),
            Item::Decl(_) => None,
        })
    }
}

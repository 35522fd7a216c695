//! Ids where they are defined and where they are referred to. Ids are unique
//! across a plan and there are no scopes, so a reference is found by its
//! text alone; the plan model says what an id means.

use std::collections::HashMap;

use prog_db::{Project, SourceFile};
use prog_syntax::Span;
use prog_syntax::TokenKind;
use prog_syntax::ast::{Decl, DeclKind, StmtValue};

use crate::syntax::{ItemSyntax, item_at, items};

/// What a statement expects the ids it names to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// `after`, `start_with`, `finish_with`.
    Dependency,
    Owner,
    Assignee,
    Affects,
    Gate,
    Approver,
    Calendar,
    /// `consulted`, `informed`: a person, team or stakeholder.
    Party,
}

impl RefKind {
    pub(crate) fn of(keyword: TokenKind) -> Option<RefKind> {
        Some(match keyword {
            TokenKind::After | TokenKind::StartWith | TokenKind::FinishWith => RefKind::Dependency,
            TokenKind::Owner => RefKind::Owner,
            TokenKind::Assign => RefKind::Assignee,
            // A stakeholder's `interest` names what `affects` names.
            TokenKind::Affects | TokenKind::Interest => RefKind::Affects,
            TokenKind::Gates => RefKind::Gate,
            TokenKind::Approvers => RefKind::Approver,
            TokenKind::Calendar => RefKind::Calendar,
            TokenKind::Consulted | TokenKind::Informed => RefKind::Party,
            _ => return None,
        })
    }

    /// Whether a declaration of `kind` can be named here.
    pub fn accepts(self, kind: DeclKind) -> bool {
        match self {
            RefKind::Dependency | RefKind::Affects => matches!(
                kind,
                DeclKind::Task | DeclKind::Milestone | DeclKind::Group | DeclKind::External
            ),
            RefKind::Gate => kind == DeclKind::Milestone,
            RefKind::Owner | RefKind::Assignee | RefKind::Approver => {
                matches!(kind, DeclKind::Person | DeclKind::Team)
            }
            RefKind::Calendar => kind == DeclKind::Calendar,
            RefKind::Party => matches!(kind, DeclKind::Person | DeclKind::Team | DeclKind::Stakeholder),
        }
    }

    /// What to declare when the id named here does not exist yet.
    pub fn stub_kind(self) -> DeclKind {
        match self {
            RefKind::Dependency | RefKind::Affects => DeclKind::Task,
            RefKind::Gate => DeclKind::Milestone,
            RefKind::Owner | RefKind::Assignee | RefKind::Approver | RefKind::Party => DeclKind::Person,
            RefKind::Calendar => DeclKind::Calendar,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRole {
    /// The id of a declaration; `decl` spans the whole declaration.
    Definition {
        kind: DeclKind,
        decl: Span,
    },
    Reference(RefKind),
}

/// An id in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub name: String,
    pub span: Span,
    pub role: NameRole,
}

/// Every id of a file, in text order.
#[salsa::tracked(returns(ref))]
pub fn file_occurrences(db: &dyn salsa::Database, file: SourceFile) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for item in items(db, file) {
        item_occurrences(&item, &mut out);
    }
    out
}

/// The id under the cursor: one that contains `offset` or ends at it.
pub(crate) fn occurrence_at(db: &dyn salsa::Database, file: SourceFile, offset: usize) -> Option<Occurrence> {
    let item = item_at(db, file, offset)?;
    let mut found = Vec::new();
    item_occurrences(&item, &mut found);
    found
        .into_iter()
        .find(|o| o.span.start() <= offset && offset <= o.span.end())
}

fn item_occurrences(item: &ItemSyntax, out: &mut Vec<Occurrence>) {
    for decl in item.parse.file.decls() {
        decl_occurrences(item, decl, out);
    }
}

pub(crate) fn decl_occurrences(item: &ItemSyntax, decl: &Decl, out: &mut Vec<Occurrence>) {
    if let Some(name) = &decl.name {
        out.push(Occurrence {
            name: name.text.to_string(),
            span: item.abs(name.span),
            role: NameRole::Definition {
                kind: decl.kind,
                decl: item.abs(decl.span),
            },
        });
    }
    for stmt in &decl.stmts {
        let Some(kind) = RefKind::of(stmt.keyword) else {
            continue;
        };
        let mut push = |name: &prog_syntax::ast::Name| {
            out.push(Occurrence {
                name: name.text.to_string(),
                span: item.abs(name.span),
                role: NameRole::Reference(kind),
            })
        };
        match &stmt.value {
            StmtValue::Names(names) => names.iter().for_each(&mut push),
            StmtValue::Deps(deps) => deps.iter().for_each(|d| push(&d.target)),
            StmtValue::Assigns(assigns) => assigns.iter().for_each(|a| push(&a.who)),
            _ => {}
        }
    }
}

/// Where an id is defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    pub file: SourceFile,
    pub kind: DeclKind,
    pub name: Span,
    pub decl: Span,
}

/// Every id of a plan and its (first) definition.
#[salsa::tracked(returns(ref))]
pub fn definitions(db: &dyn salsa::Database, project: Project) -> HashMap<String, Definition> {
    let mut table = HashMap::new();
    for &file in crate::plan_files(db, project) {
        for o in file_occurrences(db, file) {
            if let NameRole::Definition { kind, decl } = o.role {
                table.entry(o.name.clone()).or_insert(Definition {
                    file,
                    kind,
                    name: o.span,
                    decl,
                });
            }
        }
    }
    table
}

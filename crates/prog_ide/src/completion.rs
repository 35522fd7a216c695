//! Completion: keywords that fit where the cursor is, and ids of the right
//! kind after a statement that names tasks, people or calendars.

use prog_db::Project;
use prog_plan::{ResourceKind, TaskKind};
use prog_syntax::ast::DeclKind;
use prog_syntax::{KEYWORDS, Token, TokenKind};

use crate::FilePosition;
use crate::names::RefKind;
use crate::syntax::item_at;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Keyword,
    Task,
    Milestone,
    Group,
    Person,
    Team,
    Calendar,
    Stakeholder,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// The title of what an id names.
    pub detail: Option<String>,
}

pub fn completions(db: &dyn salsa::Database, project: Project, pos: FilePosition) -> Vec<CompletionItem> {
    let Some(item) = item_at(db, pos.file, pos.offset) else {
        return keywords(|k| k.is_item_keyword());
    };
    let at = pos.offset - item.offset;
    let tokens = &item.parse.tokens;
    if tokens.iter().any(|t| {
        matches!(
            t.kind,
            TokenKind::Comment | TokenKind::String | TokenKind::UnterminatedString
        ) && t.span.start() < at
            && at < t.span.end().max(t.span.start() + 1)
    }) {
        return Vec::new();
    }
    let mut before: Vec<&Token> = tokens
        .iter()
        .filter(|t| !t.kind.is_trivia() && t.span.end() <= at)
        .collect();
    // A word that ends at the cursor is the prefix being typed.
    if before.last().is_some_and(|t| {
        t.span.end() == at && (t.kind == TokenKind::Ident || t.kind.keyword_text().is_some())
    }) {
        before.pop();
    }
    let depth = before.iter().fold(0i32, |depth, t| match t.kind {
        TokenKind::LBrace => depth + 1,
        TokenKind::RBrace => depth - 1,
        _ => depth,
    });
    if depth > 0
        && let Some(wanted) = expected_ref(&before)
    {
        return ids(
            db,
            project,
            wanted,
            enclosing(&item, at)
                .and_then(|d| d.name.as_ref())
                .map(|n| &*n.text),
        );
    }
    if depth <= 0 {
        return keywords(|k| k.is_item_keyword());
    }
    let Some(decl) = enclosing(&item, at) else {
        return Vec::new();
    };
    let nested = decl.kind == DeclKind::Group;
    keywords(|k| {
        (k.is_statement_keyword() && prog_sema::allowed(decl.kind, k))
            || (nested && matches!(k, TokenKind::Task | TokenKind::Milestone | TokenKind::Group))
    })
}

/// The kind of id the statement at the cursor takes, if the cursor stands
/// just after its keyword or a comma in its list.
fn expected_ref(before: &[&Token]) -> Option<RefKind> {
    let last = before.last()?;
    let keyword = if last.kind == TokenKind::Comma {
        before
            .iter()
            .rev()
            .find(|t| t.kind.keyword_text().is_some())?
            .kind
    } else {
        last.kind
    };
    RefKind::of(keyword)
}

/// The innermost declaration that holds the cursor.
fn enclosing<'a>(item: &crate::syntax::ItemSyntax<'a>, at: usize) -> Option<&'a prog_syntax::ast::Decl> {
    item.parse
        .file
        .decls()
        .filter(|d| d.span.start() <= at && at <= d.span.end())
        .max_by_key(|d| d.span.start())
}

/// The keywords that `fits` keeps.
fn keywords(fits: impl Fn(TokenKind) -> bool) -> Vec<CompletionItem> {
    KEYWORDS
        .into_iter()
        .filter(|k| fits(*k))
        .filter_map(|k| k.keyword_text())
        .map(|word| CompletionItem {
            label: word.to_string(),
            kind: CompletionKind::Keyword,
            detail: None,
        })
        .collect()
}

fn ids(
    db: &dyn salsa::Database,
    project: Project,
    wanted: RefKind,
    this: Option<&str>,
) -> Vec<CompletionItem> {
    let plan = &prog_db::resolved(db, project).plan;
    let mut out = Vec::new();
    for task in &plan.tasks {
        let (decl, kind) = match task.kind {
            TaskKind::Task => (DeclKind::Task, CompletionKind::Task),
            TaskKind::Milestone => (DeclKind::Milestone, CompletionKind::Milestone),
            TaskKind::Group => (DeclKind::Group, CompletionKind::Group),
        };
        if wanted.accepts(decl) && Some(task.id.as_str()) != this {
            out.push(CompletionItem {
                label: task.id.to_string(),
                kind,
                detail: (*task.title).clone(),
            });
        }
    }
    for resource in &plan.resources {
        let (decl, kind) = match resource.kind {
            ResourceKind::Person => (DeclKind::Person, CompletionKind::Person),
            ResourceKind::Team => (DeclKind::Team, CompletionKind::Team),
        };
        if wanted.accepts(decl) {
            out.push(CompletionItem {
                label: resource.id.to_string(),
                kind,
                detail: resource.title.clone(),
            });
        }
    }
    if wanted.accepts(DeclKind::Stakeholder) {
        out.extend(plan.people.stakeholders.iter().map(|s| CompletionItem {
            label: s.id.clone(),
            kind: CompletionKind::Stakeholder,
            detail: s.title.clone(),
        }));
    }
    if wanted.accepts(DeclKind::Calendar) {
        out.extend(plan.calendars.iter().map(|c| CompletionItem {
            label: c.id.clone(),
            kind: CompletionKind::Calendar,
            detail: c.title.clone(),
        }));
    }
    out
}

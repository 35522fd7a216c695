//! Edits that assists share: deleting a list element or a statement,
//! adding a statement to a body.

use prog_db::SourceFile;
use prog_syntax::Span;
use prog_syntax::ast::{Decl, Stmt, StmtValue};

use crate::TextEdit;
use crate::syntax::{ItemSyntax, item_at};

/// The innermost declaration of `file` around `offset`, in its item.
pub(crate) fn decl_at(
    db: &dyn salsa::Database,
    file: SourceFile,
    offset: usize,
) -> Option<(ItemSyntax<'_>, &Decl)> {
    let item = item_at(db, file, offset)?;
    let at = offset - item.offset;
    let decl = item
        .parse
        .file
        .decls()
        .filter(|d| d.span.start() <= at && at <= d.span.end())
        .max_by_key(|d| d.span.start())?;
    Some((item, decl))
}

/// Removes the id at `target` (absolute) from its statement: the element and
/// its comma, or the whole statement (and its line) when it is the only one.
pub(crate) fn remove_name(item: &ItemSyntax, decl: &Decl, target: Span, text: &str) -> Option<TextEdit> {
    let stmt = decl.stmts.iter().find(|s| {
        let s = item.abs(s.span);
        s.start() <= target.start() && target.end() <= s.end()
    })?;
    let names: Vec<Span> = match &stmt.value {
        StmtValue::Deps(deps) => deps.iter().map(|d| d.target.span.cover(lag_span(d))).collect(),
        StmtValue::Names(names) => names.iter().map(|n| n.span).collect(),
        StmtValue::Assigns(a) => a
            .iter()
            .map(|a| a.amount.as_ref().map_or(a.who.span, |m| a.who.span.cover(m.span)))
            .collect(),
        _ => return None,
    };
    let names: Vec<Span> = names.into_iter().map(|s| item.abs(s)).collect();
    let index = names
        .iter()
        .position(|s| s.start() <= target.start() && target.end() <= s.end())?;
    let span = if names.len() == 1 {
        statement_line(item, stmt, text)
    } else if index + 1 < names.len() {
        Span::new(names[index].start(), names[index + 1].start())
    } else {
        // The last element: from the end of the one before it.
        Span::new(names[index - 1].end(), names[index].end())
    };
    Some(TextEdit {
        span,
        insert: String::new(),
    })
}

fn lag_span(dep: &prog_syntax::ast::DepTarget) -> Span {
    dep.lag.as_ref().map_or(dep.target.span, |l| l.span)
}

/// A statement's span, widened to its whole line when nothing else is on it.
pub(super) fn statement_line(item: &ItemSyntax, stmt: &Stmt, text: &str) -> Span {
    let span = item.abs(stmt.span);
    let line_start = text[..span.start()].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end()..]
        .find('\n')
        .map_or(text.len(), |i| span.end() + i + 1);
    let before = &text[line_start..span.start()];
    let after = &text[span.end()..line_end];
    if before.trim().is_empty() && after.trim().is_empty() {
        Span::new(line_start, line_end)
    } else {
        // Take the spaces before it so no double space is left.
        let spaces = before.len() - before.trim_end().len();
        Span::new(span.start() - spaces, span.end())
    }
}

/// Adds a statement at the end of a declaration's body, laid out like the
/// statements already there.
pub(crate) fn add_statement(item: &ItemSyntax, decl: &Decl, statement: &str, text: &str) -> Option<TextEdit> {
    let decl_span = item.abs(decl.span);
    let open = decl_span.start() + text[decl_span.start()..decl_span.end()].find('{')?;
    let last = decl.stmts.last().map(|s| item.abs(s.span));
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent_of = |at: usize| {
        let line = &text[line_start(at)..];
        line[..line.len() - line.trim_start().len()].to_string()
    };
    let insert_at;
    let insert;
    match last {
        Some(last) if line_start(last.start()) > open => {
            insert_at = last.end();
            insert = format!("\n{}{statement}", indent_of(last.start()));
        }
        Some(last) => {
            insert_at = last.end();
            insert = format!("  {statement}");
        }
        None => {
            insert_at = open + 1;
            insert = format!(" {statement} ");
        }
    }
    Some(TextEdit {
        span: Span::new(insert_at, insert_at),
        insert,
    })
}

/// Whether absolute `offset` is on the declaration's header: its keyword,
/// id or title (assists about the whole item are offered there, not at
/// every cursor in its body).
pub(super) fn on_header(item: &ItemSyntax, decl: &Decl, offset: usize) -> bool {
    let header_end = [
        decl.title.as_ref().map(|t| t.span),
        decl.name.as_ref().map(|n| n.span),
    ]
    .into_iter()
    .flatten()
    .map(|s| s.end())
    .max()
    .unwrap_or(decl.keyword_span.end());
    let header = item.abs(Span::new(decl.keyword_span.start(), header_end));
    header.start() <= offset && offset <= header.end()
}

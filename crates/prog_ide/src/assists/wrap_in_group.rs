//! Refactoring: wrap the selected top-level tasks in a new group.

use prog_db::Project;
use prog_syntax::Span;
use prog_syntax::ast::DeclKind;

use super::{Assist, AssistKind};
use crate::syntax::file_outline;
use crate::{FileRange, SourceChange, TextEdit};

pub(super) fn assist(db: &dyn salsa::Database, project: Project, range: FileRange, out: &mut Vec<Assist>) {
    if range.span.is_empty() {
        return;
    }
    let text = range.file.text(db);
    let selected: Vec<Span> = file_outline(db, range.file)
        .iter()
        .filter(|d| d.parent.is_none())
        .filter(|d| overlaps(d.span, range.span))
        .map(|d| {
            let wrappable = matches!(d.kind, DeclKind::Task | DeclKind::Milestone | DeclKind::Group);
            wrappable.then_some(d.span)
        })
        .collect::<Option<_>>()
        .unwrap_or_default();
    let (Some(first), Some(last)) = (selected.first(), selected.last()) else {
        return;
    };
    let span = Span::new(first.start(), last.end());
    let definitions = crate::definitions(db, project);
    let Some(name) = (1..)
        .map(|n| format!("group_{n}"))
        .find(|n| !definitions.contains_key(n))
    else {
        return;
    };
    let body: String = text[span.start()..span.end()]
        .lines()
        .map(|line| {
            if line.trim().is_empty() {
                "\n".to_string()
            } else {
                format!("  {line}\n")
            }
        })
        .collect();
    out.push(Assist {
        title: format!("Wrap {} in a group", plural(selected.len())),
        kind: AssistKind::Refactor,
        diagnostic: None,
        change: SourceChange::single(
            range.file,
            TextEdit {
                span,
                insert: format!("group {name} \"New group\" {{\n{body}}}"),
            },
        ),
    });
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start() < b.end() && b.start() < a.end()
}

fn plural(n: usize) -> String {
    if n == 1 {
        "the task".to_string()
    } else {
        format!("{n} tasks")
    }
}

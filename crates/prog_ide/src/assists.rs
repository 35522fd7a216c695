//! Code actions: quick fixes for diagnostics, and refactorings.

mod edit;
mod fixes;
mod wrap_in_group;

use prog_db::Project;
use prog_sema::Diagnostic;

use crate::{FileRange, SourceChange};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssistKind {
    QuickFix,
    Refactor,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assist {
    pub title: String,
    pub kind: AssistKind,
    /// The diagnostic the fix resolves.
    pub diagnostic: Option<Diagnostic>,
    pub change: SourceChange,
}

/// Everything that can be done at `range`: fixes for the diagnostics it
/// touches, then refactorings of the selection.
pub fn assists(db: &dyn salsa::Database, project: Project, range: FileRange) -> Vec<Assist> {
    let mut out = Vec::new();
    let files = crate::plan_files(db, project);
    if let Some(id) = files.iter().position(|f| *f == range.file) {
        for d in prog_db::file_diagnostics(db, project, range.file) {
            let span = d.location.span;
            let touches = span.start <= range.span.end && range.span.start <= span.end;
            if d.location.file.0 as usize == id && touches {
                fixes::for_diagnostic(db, project, range.file, d, &mut out);
            }
        }
    }
    wrap_in_group::assist(db, project, range, &mut out);
    out
}

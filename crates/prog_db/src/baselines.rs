//! The program's active baseline: the file its `baseline "FILE"`
//! statement names, read like an import (by the loader, never by a query)
//! and parsed here. What it is measured against is the IDE's and the
//! reports' business.

use std::sync::Arc;

use prog_plan::baseline::Baseline;
use prog_sema::{Code, Diagnostic, FileId, Location};
use prog_syntax::TokenKind;
use prog_syntax::ast::{DeclKind, Item as SyntaxItem, StmtValue};

use crate::files::{import_path, plan_files, why_unread};
use crate::inputs::{Project, Unreadable};
use crate::items::item_texts_starting_with;

/// A program's `baseline "FILE"` statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselineRef {
    /// The path as written, relative to the file that holds the program.
    pub written: String,
    /// The path the database knows the file by.
    pub path: String,
    /// The written path, in the plan's files.
    pub location: Location,
    /// The id of the program that names it.
    pub program: Option<String>,
}

/// The `baseline` statement of the plan's program (the first program: a
/// second is an error). Read from syntax alone, and only up to the program,
/// so the loader can ask for it cheaply after each edit.
#[salsa::tracked(returns(ref))]
pub fn baseline_ref(db: &dyn salsa::Database, project: Project) -> Option<BaselineRef> {
    for (index, file) in plan_files(db, project).files.iter().enumerate() {
        for (offset, text) in item_texts_starting_with(db, *file, TokenKind::Program) {
            for syntax in &prog_syntax::parse_tree(text).0.items {
                let SyntaxItem::Decl(decl) = syntax else { continue };
                if decl.kind != DeclKind::Program {
                    continue;
                }
                let lit = decl.stmts.iter().find_map(|stmt| match &stmt.value {
                    StmtValue::Text(lit) if stmt.keyword == TokenKind::Baseline => Some(lit),
                    _ => None,
                })?;
                return Some(BaselineRef {
                    written: lit.text.clone(),
                    path: import_path(file.path(db), &lit.text),
                    location: Location {
                        file: FileId(index as u32),
                        span: lit.span.shifted(offset),
                    },
                    program: decl.name.as_ref().map(|n| n.text.to_string()),
                });
            }
        }
    }
    None
}

/// The program's active baseline: `None` without a `baseline` statement,
/// else the baseline or why it cannot be used (a baseline of another
/// program is refused: measured against it, every date would be noise).
#[salsa::tracked(returns(ref))]
pub fn program_baseline(db: &dyn salsa::Database, project: Project) -> Option<Result<Baseline, String>> {
    let at = baseline_ref(db, project).as_ref()?;
    let file = project.files(db).iter().find(|f| *f.path(db) == at.path);
    Some(match file {
        None => Err(format!(
            "cannot read {}: {}",
            at.path,
            why_unread(Unreadable::get(db).reasons(db), &at.path)
        )),
        Some(file) => Baseline::from_json(file.text(db))
            .map_err(|e| e.to_string())
            .and_then(|baseline| match &at.program {
                Some(program) if *program != baseline.program => Err(format!(
                    "it is a baseline of program `{}`, not of `{program}`",
                    baseline.program.escape_debug()
                )),
                _ => Ok(baseline),
            }),
    })
}

/// The path of a baseline file the plan names but the project lacks, for
/// the loader to read.
pub(crate) fn missing_baseline(db: &dyn salsa::Database, project: Project) -> Option<String> {
    let at = baseline_ref(db, project).as_ref()?;
    let known = project.files(db).iter().any(|f| *f.path(db) == at.path);
    (!known).then(|| at.path.clone())
}

/// P117 at the `baseline` statement, for a baseline that cannot be used.
#[salsa::tracked(returns(ref))]
pub(crate) fn baseline_errors(db: &dyn salsa::Database, project: Project) -> Arc<[Diagnostic]> {
    let (Some(at), Some(Err(why))) = (baseline_ref(db, project), program_baseline(db, project)) else {
        return Arc::from([]);
    };
    let d = Diagnostic::error(
        Code::BaselineUnusable,
        at.location,
        format!("baseline `{}`: {why}", at.written),
    )
    .with_hint(
        "take one with `prog baseline PLAN -o FILE`, or fix the `baseline` path (relative to this file)",
    );
    Arc::from([d])
}

//! IDE features of Prog: plain functions of (database, file, position) that
//! return plain structs, with byte offsets and spans. Nothing here knows the
//! Language Server Protocol; `prog_lsp` translates.
//!
//! Each feature reads the salsa database through a [`prog_db::Snapshot`] in
//! the server, so a write may cancel it: callers run features under
//! `Snapshot::with` and retry or answer "cancelled".

mod assists;
mod baseline;
mod call_hierarchy;
mod code_lens;
mod completion;
mod external;
mod folding;
mod forecast;
mod format;
mod hover;
mod inlay_hints;
mod model;
mod names;
mod navigation;
mod report;
mod semantic_tokens;
mod symbols;
mod syntax;
mod tracking;

pub use assists::{Assist, AssistConfig, AssistKind, assists, today};
pub use call_hierarchy::{CallItem, incoming_calls, outgoing_calls, prepare_call_hierarchy};
pub use code_lens::{CodeLens, CriticalStep, LensAction, code_lenses, critical_path};
pub use completion::{CompletionItem, CompletionKind, completions};
pub use folding::{Fold, FoldKind, folding_ranges, selection_ranges};
pub use forecast::forecast_document;
pub use format::{FormatError, format};
pub use hover::{HoverResult, hover};
pub use inlay_hints::{InlayHint, InlayHintsConfig, inlay_hints};
pub use names::{Definition, NameRole, Occurrence, RefKind, definitions, file_occurrences};
pub use navigation::{
    Highlight, HighlightKind, Reference, goto_definition, highlights, prepare_rename, references, rename,
};
pub use report::{diff_side, preview_html, report, status, trend_point};
pub use semantic_tokens::{SemanticToken, TokenModifiers, TokenType, semantic_tokens};
pub use symbols::{Symbol, SymbolKind, document_symbols, workspace_symbols};
pub use syntax::{OutlineDecl, file_outline, has_program};

// What front ends name of the layers below, so that they call this crate
// and the database only.
pub use prog_plan::forecast::ForecastDoc;
pub use prog_sema::{Diagnostic, Severity};
pub use prog_syntax::ast::DeclKind;
pub use prog_syntax::{LineCol, LineIndex, Span};

use prog_db::{Project, SourceFile};

/// A place in a file: a byte offset into its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FilePosition {
    pub file: SourceFile,
    pub offset: usize,
}

/// A range of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileRange {
    pub file: SourceFile,
    pub span: Span,
}

/// Replace `span` with `insert`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub insert: String,
}

/// Edits to one or more files; within a file they never overlap.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceChange {
    pub edits: Vec<(SourceFile, Vec<TextEdit>)>,
}

impl SourceChange {
    pub fn single(file: SourceFile, edit: TextEdit) -> SourceChange {
        SourceChange {
            edits: vec![(file, vec![edit])],
        }
    }

    pub(crate) fn push(&mut self, file: SourceFile, edit: TextEdit) {
        match self.edits.iter_mut().find(|(f, _)| *f == file) {
            Some((_, edits)) => edits.push(edit),
            None => self.edits.push((file, vec![edit])),
        }
    }
}

/// The files of a plan, in the order diagnostics number them.
pub fn plan_files(db: &dyn salsa::Database, project: Project) -> &[SourceFile] {
    &prog_db::plan_files(db, project).files
}

/// The source file a diagnostic's `FileId` names.
pub fn file_of(db: &dyn salsa::Database, project: Project, id: prog_sema::FileId) -> Option<SourceFile> {
    plan_files(db, project).get(id.0 as usize).copied()
}

//! From prog_ide's plain structs to protocol types.

use std::collections::HashMap;
use std::sync::Arc;

use prog_db::{Database, Project, SourceFile};
use prog_ide::{DeclKind, Severity, SourceChange, Span};
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Uri,
};

use crate::config::Config;
use crate::line_map::{Encoding, LineMap};

/// What a request needs to translate between the protocol and prog_ide.
#[derive(Clone)]
pub struct Ctx {
    pub file: SourceFile,
    pub project: Project,
    pub encoding: Encoding,
    pub config: Config,
    /// Open documents by file; other files are named by their path.
    pub uris: Arc<HashMap<SourceFile, Uri>>,
    /// Diagnostics carry their related information (the client shows it).
    pub related: bool,
}

impl Ctx {
    pub fn map<'a>(&self, db: &'a Database, file: SourceFile) -> LineMap<'a> {
        LineMap {
            text: file.text(db),
            index: prog_db::line_index(db, file),
            encoding: self.encoding,
        }
    }

    pub fn offset(&self, db: &Database, pos: lsp::Position) -> Option<usize> {
        self.map(db, self.file).offset(pos)
    }

    pub fn span(&self, db: &Database, range: lsp::Range) -> Option<Span> {
        self.map(db, self.file).span(range)
    }

    pub fn uri(&self, db: &Database, file: SourceFile) -> Option<Uri> {
        self.uris
            .get(&file)
            .cloned()
            .or_else(|| Uri::from_file_path(file.path(db)))
    }

    pub fn location(&self, db: &Database, file: SourceFile, span: Span) -> Option<lsp::Location> {
        Some(lsp::Location {
            uri: self.uri(db, file)?,
            range: self.map(db, file).range(span),
        })
    }

    pub fn diagnostic(&self, db: &Database, d: &prog_ide::Diagnostic) -> lsp::Diagnostic {
        let map = self.map(db, self.file);
        let related: Vec<DiagnosticRelatedInformation> = d
            .related
            .iter()
            .filter(|_| self.related)
            .filter_map(|r| {
                let file = prog_ide::file_of(db, self.project, r.location.file)?;
                Some(DiagnosticRelatedInformation {
                    location: self.location(db, file, r.location.span)?,
                    message: r.message.clone(),
                })
            })
            .collect();
        let message = match &d.hint {
            Some(hint) => format!("{}\nhint: {hint}", d.message),
            None => d.message.clone(),
        };
        lsp::Diagnostic {
            range: map.range(d.location.span),
            severity: Some(match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Hint => DiagnosticSeverity::HINT,
            }),
            code: Some(NumberOrString::String(d.code.as_str().to_string())),
            source: Some("prog".to_string()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..Default::default()
        }
    }

    pub fn workspace_edit(&self, db: &Database, change: &SourceChange) -> lsp::WorkspaceEdit {
        let mut changes = HashMap::new();
        for (file, edits) in &change.edits {
            let Some(uri) = self.uri(db, *file) else { continue };
            let map = self.map(db, *file);
            let edits: Vec<lsp::TextEdit> = edits
                .iter()
                .map(|e| lsp::TextEdit {
                    range: map.range(e.span),
                    new_text: e.insert.clone(),
                })
                .collect();
            changes.insert(uri, edits);
        }
        lsp::WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }
    }
}

pub fn symbol_kind(kind: DeclKind) -> lsp::SymbolKind {
    match kind {
        DeclKind::Program => lsp::SymbolKind::NAMESPACE,
        DeclKind::Calendar => lsp::SymbolKind::ENUM,
        DeclKind::Person | DeclKind::Team => lsp::SymbolKind::VARIABLE,
        DeclKind::Task => lsp::SymbolKind::FUNCTION,
        DeclKind::Milestone => lsp::SymbolKind::EVENT,
        DeclKind::Group => lsp::SymbolKind::MODULE,
        DeclKind::Risk => lsp::SymbolKind::OBJECT,
        DeclKind::Approval => lsp::SymbolKind::KEY,
        DeclKind::Stakeholder => lsp::SymbolKind::VARIABLE,
        DeclKind::Action => lsp::SymbolKind::EVENT,
        DeclKind::External => lsp::SymbolKind::INTERFACE,
    }
}

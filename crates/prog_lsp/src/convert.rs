//! From prog_ide's plain structs to protocol types.

use std::collections::HashMap;
use std::sync::Arc;

use prog_db::{Database, Project, SourceFile};
use prog_ide::{SemanticToken, SourceChange, TokenModifiers, TokenType};
use prog_sema::Severity;
use prog_syntax::Span;
use prog_syntax::ast::DeclKind;
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, SemanticTokenModifier,
    SemanticTokenType, SemanticTokensLegend, Uri,
};

use crate::line_map::{Encoding, LineMap};

/// What a request needs to translate between the protocol and prog_ide.
#[derive(Clone)]
pub struct Ctx {
    pub file: SourceFile,
    pub project: Project,
    pub encoding: Encoding,
    pub config: crate::state::Config,
    /// Open documents by file; other files are named by their path.
    pub uris: Arc<HashMap<SourceFile, Uri>>,
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

    pub fn diagnostic(&self, db: &Database, d: &prog_sema::Diagnostic) -> lsp::Diagnostic {
        let map = self.map(db, self.file);
        let related: Vec<DiagnosticRelatedInformation> = d
            .related
            .iter()
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

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TokenType::ALL
            .iter()
            .map(|t| SemanticTokenType::new(t.name()))
            .collect(),
        token_modifiers: TokenModifiers::NAMES
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

/// The protocol's relative encoding: five numbers a token.
pub fn encode_tokens(map: &LineMap, tokens: &[SemanticToken]) -> Vec<u32> {
    let mut data = Vec::with_capacity(tokens.len() * 5);
    let (mut line, mut col) = (0, 0);
    for token in tokens {
        let start = map.position(token.span.start);
        let end = map.position(token.span.end);
        // Tokens never span lines, but a malformed one must not wrap around.
        let length = if end.line == start.line {
            end.character - start.character
        } else {
            0
        };
        let delta_line = start.line - line;
        let delta_col = if delta_line == 0 {
            start.character - col
        } else {
            start.character
        };
        data.extend([
            delta_line,
            delta_col,
            length,
            token.token_type.index(),
            token.modifiers.0,
        ]);
        (line, col) = (start.line, start.character);
    }
    data
}

/// One edit that turns `old` into `new`: what differs between their common
/// prefix and suffix, in whole tokens.
pub fn token_delta(old: &[u32], new: &[u32]) -> lsp::SemanticTokensEdit {
    let prefix = old
        .chunks(5)
        .zip(new.chunks(5))
        .take_while(|(a, b)| a == b)
        .count()
        * 5;
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old[prefix..]
        .rchunks(5)
        .zip(new[prefix..].rchunks(5))
        .take_while(|(a, b)| a == b)
        .count()
        .min(max_suffix / 5)
        * 5;
    lsp::SemanticTokensEdit {
        start: prefix as u32,
        delete_count: (old.len() - prefix - suffix) as u32,
        data: Some(decode(new[prefix..new.len() - suffix].to_vec())),
    }
}

pub fn decode(data: Vec<u32>) -> Vec<lsp::SemanticToken> {
    data.chunks_exact(5)
        .map(|c| lsp::SemanticToken {
            delta_line: c[0],
            delta_start: c[1],
            length: c[2],
            token_type: c[3],
            token_modifiers_bitset: c[4],
        })
        .collect()
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
    }
}

#[cfg(test)]
mod tests {
    use super::token_delta;

    #[test]
    fn a_token_delta_replaces_only_what_changed() {
        let old = [0, 0, 4, 0, 0, 0, 5, 3, 4, 2, 1, 0, 4, 0, 0];
        let new = [0, 0, 4, 0, 0, 0, 5, 3, 4, 0, 1, 0, 4, 0, 0];
        let edit = token_delta(&old, &new);
        assert_eq!((edit.start, edit.delete_count), (5, 5));
        let data = edit.data.unwrap();
        assert_eq!((data.len(), data[0].delta_start, data[0].token_type), (1, 5, 4));
        let same = token_delta(&old, &old);
        assert_eq!(same.delete_count, 0);
        let grown = token_delta(&old[..10], &old);
        assert_eq!(
            (grown.start, grown.delete_count, grown.data.unwrap().len()),
            (10, 0, 1)
        );
    }
}

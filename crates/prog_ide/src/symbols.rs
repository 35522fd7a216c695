//! Document and workspace symbols.

use prog_db::{Project, SourceFile};
use prog_syntax::Span;
use prog_syntax::ast::DeclKind;

use crate::syntax::{OutlineDecl, file_outline};

pub type SymbolKind = DeclKind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub file: SourceFile,
    pub name: String,
    pub kind: SymbolKind,
    /// The title.
    pub detail: Option<String>,
    /// The whole declaration.
    pub span: Span,
    /// The id.
    pub selection: Span,
    /// Declarations inside a group.
    pub children: Vec<Symbol>,
}

/// The declarations of a file, tasks nested in their groups.
pub fn document_symbols(db: &dyn salsa::Database, file: SourceFile) -> Vec<Symbol> {
    let outline = file_outline(db, file);
    // Build bottom-up: children come after their parent in the outline.
    let mut built: Vec<Option<Symbol>> = outline.iter().map(|d| symbol(file, d)).collect();
    let mut roots = Vec::new();
    for i in (0..outline.len()).rev() {
        let Some(symbol) = built[i].take() else { continue };
        match outline[i].parent.and_then(|p| built[p].as_mut()) {
            Some(parent) => parent.children.insert(0, symbol),
            None => roots.push(symbol),
        }
    }
    roots.reverse();
    roots
}

fn symbol(file: SourceFile, decl: &OutlineDecl) -> Option<Symbol> {
    let name = decl.name.as_ref()?;
    Some(Symbol {
        file,
        name: name.text.to_string(),
        kind: decl.kind,
        detail: decl.title.clone(),
        span: decl.span,
        selection: name.span,
        children: Vec::new(),
    })
}

/// Declarations of the whole plan whose id or title matches `query`: its
/// characters in order, ignoring case (an empty query matches everything).
pub fn workspace_symbols(db: &dyn salsa::Database, project: Project, query: &str) -> Vec<Symbol> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for &file in crate::plan_files(db, project) {
        for decl in file_outline(db, file) {
            let Some(symbol) = symbol(file, decl) else {
                continue;
            };
            let title = symbol.detail.as_deref().unwrap_or("");
            if fuzzy(&query, &symbol.name.to_lowercase()) || fuzzy(&query, &title.to_lowercase()) {
                out.push(symbol);
            }
        }
    }
    out
}

fn fuzzy(query: &str, text: &str) -> bool {
    let mut chars = text.chars();
    query.chars().all(|q| chars.any(|c| c == q))
}

//! A file cut at its top-level items, each parsed and lowered on its own.
//!
//! Cutting needs only the tokens and brace depth, so it is cheap; an item's
//! syntax tree and lowered form are keyed by its text alone, and so survive
//! any edit elsewhere in the file, even one that moves the item.

use prog_sema::{Diagnostic, FileId, LoweredDecl};
use prog_syntax::{Parse, TokenKind};

use crate::SourceFile;

/// The text of one top-level item, comments and whitespace after it included.
#[salsa::interned(debug)]
pub struct ItemText<'db> {
    #[returns(ref)]
    pub text: String,
}

/// An item of a file and where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct Item<'db> {
    pub offset: usize,
    pub text: ItemText<'db>,
}

/// The file cut before every item keyword that stands outside braces.
#[salsa::tracked(returns(ref))]
pub fn file_items(db: &dyn salsa::Database, file: SourceFile) -> Vec<Item<'_>> {
    let text = file.text(db);
    let mut cuts = vec![0];
    let mut depth = 0usize;
    for token in prog_syntax::lex(text) {
        match token.kind {
            TokenKind::LBrace => depth += 1,
            TokenKind::RBrace => depth = depth.saturating_sub(1),
            kind if depth == 0 && kind.is_item_keyword() && token.span.start > 0 => {
                cuts.push(token.span.start)
            }
            _ => {}
        }
    }
    cuts.push(text.len());
    cuts.windows(2)
        .map(|w| Item {
            offset: w[0],
            text: ItemText::new(db, text[w[0]..w[1]].to_string()),
        })
        .collect()
}

/// The syntax of one item; spans count from the item's start.
#[salsa::tracked(returns(ref))]
pub fn parse_item<'db>(db: &'db dyn salsa::Database, item: ItemText<'db>) -> Parse {
    prog_syntax::parse(item.text(db))
}

/// One item lowered; spans count from the item's start, and diagnostics
/// name file 0 until [`crate::diagnostics`] places them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoweredItem {
    pub decls: Vec<LoweredDecl>,
    pub diagnostics: Vec<Diagnostic>,
}

#[salsa::tracked(returns(ref))]
pub fn lower_item<'db>(db: &'db dyn salsa::Database, item: ItemText<'db>) -> LoweredItem {
    let mut diagnostics = Vec::new();
    let decls = prog_sema::lower_file(FileId(0), &parse_item(db, item).file, &mut diagnostics);
    LoweredItem { decls, diagnostics }
}

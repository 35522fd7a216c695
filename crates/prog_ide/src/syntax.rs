//! A file's items, each parsed on its own (memoised by `prog_db`), seen with
//! spans counted from the start of the file.

use prog_db::SourceFile;
use prog_syntax::ast::{Decl, DeclKind, Name};
use prog_syntax::{Parse, Span, TokenKind};

/// One parsed top-level item and where it starts in its file.
#[derive(Clone, Copy)]
pub(crate) struct ItemSyntax<'db> {
    pub offset: usize,
    pub text: &'db str,
    pub parse: &'db Parse,
}

impl ItemSyntax<'_> {
    /// A span of the item's parse, counted from the start of the file.
    pub fn abs(&self, span: Span) -> Span {
        span.shifted(self.offset)
    }

    /// How many line breaks the item's text holds in `span` (item-relative).
    pub fn newlines(&self, span: Span) -> usize {
        self.text
            .get(span.start()..span.end())
            .map_or(0, |s| s.matches('\n').count())
    }

    pub fn name(&self, name: &Name) -> Name {
        Name {
            text: name.text.clone(),
            span: self.abs(name.span),
        }
    }
}

impl<'db> From<prog_db::ItemSyntax<'db>> for ItemSyntax<'db> {
    fn from(item: prog_db::ItemSyntax<'db>) -> Self {
        ItemSyntax {
            offset: item.offset,
            text: item.text,
            parse: item.parse,
        }
    }
}

pub(crate) fn items(db: &dyn salsa::Database, file: SourceFile) -> impl Iterator<Item = ItemSyntax<'_>> {
    prog_db::file_items(db, file).map(ItemSyntax::from)
}

/// The item that holds `offset` (the last one for an offset at the end).
pub(crate) fn item_at(db: &dyn salsa::Database, file: SourceFile, offset: usize) -> Option<ItemSyntax<'_>> {
    prog_db::item_at(db, file, offset).map(ItemSyntax::from)
}

/// A declaration as the outline of a file shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineDecl {
    pub kind: DeclKind,
    pub name: Option<Name>,
    pub title: Option<String>,
    pub keyword_span: Span,
    pub span: Span,
    /// The end of the header: after the title, else the id, else the keyword.
    pub header_end: usize,
    /// Where the body's `{` stands, when it was written.
    pub body_start: Option<usize>,
    /// The enclosing group, as an index into the same outline.
    pub parent: Option<usize>,
}

/// Every declaration of a file, groups before their children.
#[salsa::tracked(returns(ref))]
pub fn file_outline(db: &dyn salsa::Database, file: SourceFile) -> Vec<OutlineDecl> {
    let mut out = Vec::new();
    for item in items(db, file) {
        for decl in item.parse.file.items.iter().filter_map(|i| match i {
            prog_syntax::ast::Item::Decl(d) => Some(d),
            prog_syntax::ast::Item::Import(_) => None,
        }) {
            outline_decl(&item, decl, None, &mut out);
        }
    }
    out
}

/// Whether the file declares a program: a plan's root. Read from the
/// lowered items the analysis makes anyway, so the server can ask after
/// every edit without parsing the whole file into trees it would keep.
pub fn has_program(db: &dyn salsa::Database, file: SourceFile) -> bool {
    *prog_db::declares_program(db, file)
}

fn outline_decl(item: &ItemSyntax, decl: &Decl, parent: Option<usize>, out: &mut Vec<OutlineDecl>) {
    let header_end = decl
        .title
        .as_ref()
        .map(|t| t.span.end())
        .or(decl.name.as_ref().map(|n| n.span.end()))
        .unwrap_or(decl.keyword_span.end());
    let body_start = item
        .parse
        .tokens
        .iter()
        .skip_while(|t| t.span.start() < header_end)
        .find(|t| !t.kind.is_trivia())
        .filter(|t| t.kind == TokenKind::LBrace && t.span.end() <= decl.span.end())
        .map(|t| item.offset + t.span.start());
    let index = out.len();
    out.push(OutlineDecl {
        kind: decl.kind,
        name: decl.name.as_ref().map(|n| item.name(n)),
        title: decl.title.as_ref().map(|t| t.text.clone()),
        keyword_span: item.abs(decl.keyword_span),
        span: item.abs(decl.span),
        header_end: item.offset + header_end,
        body_start,
        parent,
    });
    for child in &decl.children {
        outline_decl(item, child, Some(index), out);
    }
}

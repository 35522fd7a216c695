//! Folding ranges (bodies and comment blocks) and selection ranges.

use prog_db::SourceFile;
use prog_syntax::{Span, TokenKind};

use crate::syntax::{file_outline, item_at, items};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Body,
    Comment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
}

/// Every body that spans lines, and every run of two or more comment lines.
pub fn folding_ranges(db: &dyn salsa::Database, file: SourceFile) -> Vec<Fold> {
    let text = file.text(db);
    let spans_lines = |span: Span| {
        text.get(span.start()..span.end())
            .is_some_and(|s| s.contains('\n'))
    };
    let mut folds: Vec<Fold> = file_outline(db, file)
        .iter()
        .filter_map(|d| Some(Span::new(d.body_start?, d.span.end())))
        .filter(|span| spans_lines(*span))
        .map(|span| Fold {
            span,
            kind: FoldKind::Body,
        })
        .collect();
    for item in items(db, file) {
        let mut run: Option<(Span, usize)> = None;
        for token in &item.parse.tokens {
            match token.kind {
                TokenKind::Comment => {
                    let span = item.abs(token.span);
                    run = Some(match run {
                        Some((start, n)) => (start.cover(span), n + 1),
                        None => (span, 1),
                    });
                }
                TokenKind::Whitespace if item.newlines(token.span) <= 1 => {}
                _ => {
                    if let Some((span, n)) = run.take()
                        && n >= 2
                    {
                        folds.push(Fold {
                            span,
                            kind: FoldKind::Comment,
                        });
                    }
                }
            }
        }
        if let Some((span, n)) = run
            && n >= 2
        {
            folds.push(Fold {
                span,
                kind: FoldKind::Comment,
            });
        }
    }
    folds.sort_by_key(|f| f.span.start());
    folds
}

/// For each offset, the ranges around it from the innermost out: the token,
/// the statement, each declaration that holds it, and the whole file.
pub fn selection_ranges(db: &dyn salsa::Database, file: SourceFile, offsets: &[usize]) -> Vec<Vec<Span>> {
    let len = file.text(db).len();
    offsets
        .iter()
        .map(|&offset| {
            let mut chain = Vec::new();
            if let Some(item) = item_at(db, file, offset) {
                let relative = offset - item.offset;
                let inside = |span: Span| span.start() <= relative && relative <= span.end();
                if let Some(token) = item
                    .parse
                    .tokens
                    .iter()
                    .find(|t| !t.kind.is_trivia() && inside(t.span))
                {
                    chain.push(item.abs(token.span));
                }
                let mut decls: Vec<_> = item.parse.file.decls().filter(|d| inside(d.span)).collect();
                decls.sort_by_key(|d| std::cmp::Reverse(d.span.start()));
                if let Some(stmt) = decls
                    .first()
                    .and_then(|d| d.stmts.iter().find(|s| inside(s.span)))
                {
                    chain.push(item.abs(stmt.span));
                }
                chain.extend(decls.iter().map(|d| item.abs(d.span)));
            }
            chain.push(Span::new(0, len));
            chain.dedup();
            chain
        })
        .collect()
}

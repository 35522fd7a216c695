//! The request handlers, grouped by feature. Each finds the document, runs
//! a `prog_ide` function on a snapshot (through [`crate::reader::Reader`]'s
//! `read`), and translates its answer; none computes anything itself.

pub mod annotations;
pub mod commands;
pub mod diagnostics;
pub mod editing;
pub mod navigation;
pub mod preview;
pub mod tokens;

use prog_db::Database;
use prog_ide::FilePosition;
use tower_lsp_server::ls_types::{Position, TextDocumentPositionParams, Uri};

use crate::convert::Ctx;

fn position_params(p: &TextDocumentPositionParams) -> (Uri, Position) {
    (p.text_document.uri.clone(), p.position)
}

/// The place in the request's file that `pos` names.
fn at(db: &Database, ctx: &Ctx, pos: Position) -> Option<FilePosition> {
    Some(FilePosition {
        file: ctx.file,
        offset: ctx.offset(db, pos)?,
    })
}

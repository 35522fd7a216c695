//! A file cut at its top-level items, each parsed and lowered on its own.
//!
//! Cutting needs only the tokens and brace depth, and after an edit only the
//! items around the change are scanned again (see [`crate::cut`]). An item's
//! syntax tree and lowered form are keyed by its text alone, and so survive
//! any edit elsewhere in the file, even one that moves the item.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use prog_sema::{Code, Diagnostic, FileId, Location, LoweredDecl, TaskValues};
use prog_syntax::{Parse, Span};
use salsa::plumbing::{AsId, FromId};

use crate::cut::{self, Cut};
use crate::inputs::SourceFile;

/// The text of one top-level item, comments and whitespace after it included.
///
/// Never collected (`revisions = usize::MAX`): the queries keyed by an item
/// then read nothing that can change, so salsa verifies their memos in O(1)
/// after an edit elsewhere, and the cut cache may hold on to the ids. The
/// cost is that texts an edit replaced stay interned.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct ItemText<'db> {
    #[returns(ref)]
    pub text: String,
}

/// An item of a file and where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct Item<'db> {
    pub offset: usize,
    pub text: ItemText<'db>,
    /// The item is an `import`.
    pub import: bool,
}

/// The last text of each file and its cut, with the ids of the item texts:
/// what [`file_items`] cuts the next text of the file from.
#[derive(Default)]
pub(crate) struct CutCache(HashMap<SourceFile, (String, Vec<(Cut, salsa::Id)>)>);

/// Where the database keeps its [`CutCache`]. An input that never changes,
/// so that the cache is shared by every snapshot of the one storage whose
/// ids it holds.
#[salsa::input(singleton)]
pub(crate) struct Cuts {
    #[returns(ref)]
    cache: Arc<Mutex<CutCache>>,
}

/// The file cut before every item keyword that stands outside braces.
#[salsa::tracked(returns(ref))]
pub fn file_items(db: &dyn salsa::Database, file: SourceFile) -> Vec<Item<'_>> {
    let text = file.text(db);
    let intern = |item: &str| ItemText::new(db, item).as_id();
    let Some(cuts) = Cuts::try_get(db) else {
        return items(&cut::cut(text, intern));
    };
    let cache = cuts.cache(db);
    // Taken out while cutting: another thread cutting another file waits
    // only for the lookup.
    let last = cache.lock().unwrap_or_else(|e| e.into_inner()).0.remove(&file);
    let cut = match &last {
        Some((last_text, last_cut)) => cut::recut(last_text, last_cut, text, intern),
        None => cut::cut(text, intern),
    };
    let items = items(&cut);
    let mut last_text = last.map(|(t, _)| t).unwrap_or_default();
    last_text.clone_from(text);
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .0
        .insert(file, (last_text, cut));
    items
}

fn items<'db>(cut: &[(Cut, salsa::Id)]) -> Vec<Item<'db>> {
    cut.iter()
        .map(|(cut, id)| Item {
            offset: cut.offset,
            text: ItemText::from_id(*id),
            import: cut.import,
        })
        .collect()
}

/// Where each item of the file starts. Unchanged by an edit that keeps the
/// length of the text, so what places diagnostics is not run again then.
#[salsa::tracked(returns(ref))]
pub(crate) fn item_offsets(db: &dyn salsa::Database, file: SourceFile) -> Vec<usize> {
    file_items(db, file).iter().map(|item| item.offset).collect()
}

/// The syntax of one item; spans count from the item's start.
///
/// Item texts are never collected, so the trees of texts that edits
/// replaced would pile up: the least recently used beyond the capacity are
/// dropped at each new revision (and parsed again if asked for).
#[salsa::tracked(returns(ref), lru = 65536)]
pub fn parse_item<'db>(db: &'db dyn salsa::Database, item: ItemText<'db>) -> Parse {
    prog_syntax::parse(item.text(db))
}

/// One item lowered; spans count from the item's start, and diagnostics
/// (syntax errors first, then those of lowering) name file 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LoweredItem {
    pub decls: Vec<LoweredDecl>,
    pub diagnostics: Vec<Diagnostic>,
    /// `decls` with every span replaced by its number in `sites` (as the
    /// empty span `n..n`) and the task values taken out: what resolution
    /// reads, equal whatever an edit moved inside the item, and after an
    /// edit to a duration, a date or progress.
    pub anchored: Arc<Vec<LoweredDecl>>,
    /// The spans of `anchored`, in order; site 0 is the item's start.
    pub sites: Arc<[Span]>,
    /// The values taken out of `anchored`, one per task, milestone or group.
    pub task_values: Vec<TaskValues>,
}

/// Bounded like [`parse_item`].
#[salsa::tracked(returns(ref), lru = 65536)]
pub(crate) fn lower_item<'db>(db: &'db dyn salsa::Database, item: ItemText<'db>) -> Arc<LoweredItem> {
    let parse = parse_item(db, item);
    let mut diagnostics: Vec<Diagnostic> = parse
        .errors
        .iter()
        .map(|e| {
            let at = Location {
                file: FileId(0),
                span: e.span,
            };
            let mut d = Diagnostic::error(Code::Syntax, at, e.message.clone());
            d.hint = e.hint.clone();
            d
        })
        .collect();
    let decls = prog_sema::lower_file(FileId(0), &parse.file, &mut diagnostics);
    let mut sites = vec![Span::default()];
    let mut task_values = Vec::new();
    let mut anchored = decls.clone();
    for decl in &mut anchored {
        decl.spans_mut(&mut |span| {
            sites.push(*span);
            *span = Span::new(sites.len() - 1, sites.len() - 1);
        });
        decl.take_task_values(&mut task_values);
    }
    Arc::new(LoweredItem {
        decls,
        diagnostics,
        anchored: Arc::new(anchored),
        sites: sites.into(),
        task_values,
    })
}

/// Every item of the file lowered, in order. Equal (and so backdated) after
/// an edit that changes no item's meaning or layout, such as one inside a
/// comment.
#[salsa::tracked(returns(ref))]
pub(crate) fn file_lowered(db: &dyn salsa::Database, file: SourceFile) -> Vec<Arc<LoweredItem>> {
    file_items(db, file)
        .iter()
        .map(|item| lower_item(db, item.text).clone())
        .collect()
}

/// The anchored declarations of every item of the file (see
/// [`LoweredItem::anchored`]): equal after any edit that changes no item's
/// meaning, such as typing in a comment or between statements.
#[salsa::tracked(returns(ref))]
pub(crate) fn file_decls(db: &dyn salsa::Database, file: SourceFile) -> Vec<Arc<Vec<LoweredDecl>>> {
    file_lowered(db, file)
        .iter()
        .map(|lowered| lowered.anchored.clone())
        .collect()
}

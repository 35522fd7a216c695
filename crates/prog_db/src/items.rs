//! A file cut at its top-level items, grouped in chunks; each chunk is
//! parsed (item by item) and lowered on its own.
//!
//! Cutting needs only the tokens and brace depth, and after an edit only the
//! chunks around the change are scanned again (see [`crate::cut`]). A
//! chunk is a tracked struct created by [`file_chunks`], identified by a
//! serial number the cut cache gives each new chunk text: a chunk an edit
//! did not touch keeps its id and its memos, wherever it moved to, and the
//! chunks an edit replaced are deleted with their memos, so the database
//! does not grow while typing. Everything downstream iterates chunks, not
//! items: a plan of 22,000 top-level items has about 700.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use prog_sema::{Code, Diagnostic, FileId, Location, LoweredDecl, TaskValues};
use prog_syntax::ast::DeclKind;
use prog_syntax::{Parse, Span};

use crate::chunk_text::ChunkText;
use crate::cut::{self, CHUNKS, ChunkCut, Cut};
use crate::inputs::{MAX_TEXT_BYTES, SourceFile};
use crate::once::{AnalysedOnce, Lowered, analysed_once};

/// Consecutive top-level items of a file, comments and whitespace after
/// each included.
#[salsa::tracked(debug)]
pub(crate) struct Chunk<'db> {
    /// Given by the cut cache to each new chunk text: the identity.
    serial: u64,
    #[tracked]
    #[returns(ref)]
    pub text: ChunkText,
    /// Where each item starts, from the chunk's start.
    #[tracked]
    #[returns(ref)]
    pub items: Arc<[Cut]>,
}

/// A chunk of a file and where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub(crate) struct ChunkAt<'db> {
    pub offset: usize,
    pub chunk: Chunk<'db>,
    /// The chunk holds an `import`, a `program` or an `external`: the items
    /// read after every edit (see [`item_texts_starting_with`], and the
    /// `from`s of `crate::programs`), found without reading every chunk's
    /// items, a tracked field salsa would verify one by one.
    pub heads: bool,
}

/// A new chunk text: its serial and text.
type Made = (u64, ChunkText);

/// The last chunks of each file, whose texts make its last text: what
/// [`file_chunks`] cuts the next text of the file from.
#[derive(Default)]
pub(crate) struct CutCache {
    files: HashMap<SourceFile, Vec<(ChunkCut, Made)>>,
}

/// The serial of the next new chunk text, unique in the process.
static SERIALS: AtomicU64 = AtomicU64::new(0);

/// Where the database keeps its [`CutCache`]. An input that never changes,
/// so that the cache is shared by every snapshot of the one storage.
#[salsa::input(singleton)]
pub(crate) struct Cuts {
    #[returns(ref)]
    cache: Arc<Mutex<CutCache>>,
}

/// The file cut in chunks of items (see [`crate::cut`]).
#[salsa::tracked(returns(ref))]
pub(crate) fn file_chunks(db: &dyn salsa::Database, file: SourceFile) -> Vec<ChunkAt<'_>> {
    let text = file.text(db);
    let once = analysed_once(db);
    let make = |t: &str| {
        let serial = SERIALS.fetch_add(1, Ordering::Relaxed);
        match once {
            true => (serial, ChunkText::part_of(text, t)),
            false => (serial, ChunkText::copy(t)),
        }
    };
    if text.len() > MAX_TEXT_BYTES {
        // Cut as an empty file; `plan_files` says why.
        return chunks(db, &cut::cut("", CHUNKS, make));
    }
    let Some(cuts) = Cuts::try_get(db) else {
        return chunks(db, &cut::cut(text, CHUNKS, make));
    };
    let cache = cuts.cache(db);
    // Taken out while cutting: another thread cutting another file waits
    // only for the lookup.
    let last = cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .files
        .remove(&file);
    let cut = match &last {
        Some(last) => cut::recut(last, |(_, text)| text, text, CHUNKS, make),
        None => cut::cut(text, CHUNKS, make),
    };
    let chunks = chunks(db, &cut);
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .files
        .insert(file, cut);
    chunks
}

fn chunks<'db>(db: &'db dyn salsa::Database, cut: &[(ChunkCut, Made)]) -> Vec<ChunkAt<'db>> {
    cut.iter()
        .map(|(c, (serial, text))| ChunkAt {
            offset: c.offset,
            chunk: Chunk::new(db, *serial, text.clone(), c.items.clone()),
            heads: c.items.iter().any(|item| {
                matches!(
                    item.keyword,
                    Some(
                        prog_syntax::TokenKind::Import
                            | prog_syntax::TokenKind::Program
                            | prog_syntax::TokenKind::External
                    )
                )
            }),
        })
        .collect()
}

/// Where each chunk of the file starts. Unchanged by an edit that keeps the
/// length of the text, so what places diagnostics is not run again then.
#[salsa::tracked(returns(ref))]
pub(crate) fn chunk_offsets(db: &dyn salsa::Database, file: SourceFile) -> Vec<usize> {
    file_chunks(db, file).iter().map(|c| c.offset).collect()
}

/// The syntax of each item of a chunk, parsed on its own; spans count from
/// the item's start.
#[salsa::tracked(returns(ref))]
pub(crate) fn chunk_syntax<'db>(db: &'db dyn salsa::Database, chunk: Chunk<'db>) -> Vec<Parse> {
    item_texts(chunk.text(db), chunk.items(db))
        .map(|(_, text)| prog_syntax::parse(text))
        .collect()
}

/// Each item of a chunk: where it starts in the chunk, and its text.
pub(crate) fn item_texts<'a>(text: &'a str, items: &'a [Cut]) -> impl Iterator<Item = (&'a Cut, &'a str)> {
    let ends = items.iter().skip(1).map(|c| c.offset).chain([text.len()]);
    items
        .iter()
        .zip(ends)
        .map(|(item, end)| (item, &text[item.offset..end]))
}

/// One top-level item of a file: where it starts, its text and syntax
/// (spans counting from the item's start).
#[derive(Clone, Copy)]
pub struct ItemSyntax<'db> {
    pub offset: usize,
    pub text: &'db str,
    pub parse: &'db Parse,
    pub import: bool,
}

/// The items of a file, in order, each parsed on its own (memoised by
/// chunk).
pub fn file_items(db: &dyn salsa::Database, file: SourceFile) -> impl Iterator<Item = ItemSyntax<'_>> {
    file_chunks(db, file)
        .iter()
        .flat_map(move |at| chunk_items(db, *at))
}

fn chunk_items<'db>(db: &'db dyn salsa::Database, at: ChunkAt<'db>) -> impl Iterator<Item = ItemSyntax<'db>> {
    let parses = chunk_syntax(db, at.chunk);
    item_texts(at.chunk.text(db), at.chunk.items(db))
        .zip(parses)
        .map(move |((item, text), parse)| ItemSyntax {
            offset: at.offset + item.offset,
            text,
            parse,
            import: item.is_import(),
        })
}

/// The item that holds `offset` (the last one for an offset at the end).
pub fn item_at(db: &dyn salsa::Database, file: SourceFile, offset: usize) -> Option<ItemSyntax<'_>> {
    let chunks = file_chunks(db, file);
    let index = chunks.partition_point(|c| c.offset <= offset).checked_sub(1)?;
    chunk_items(db, chunks[index])
        .take_while(|item| item.offset <= offset)
        .last()
}

/// The lowered chunk that holds `offset` (the last one for an offset at
/// the end), and where it starts.
pub(crate) fn lowered_at(
    db: &dyn salsa::Database,
    file: SourceFile,
    offset: usize,
) -> Option<(usize, &Arc<LoweredChunk>)> {
    let chunks = file_chunks(db, file);
    let at = chunks[chunks.partition_point(|c| c.offset <= offset).checked_sub(1)?];
    Some((at.offset, lower_chunk(db, at.chunk)))
}

/// Whether the file declares a program: read from its lowered chunks,
/// which an analysis makes anyway, so that a file without a program (an
/// import, or garbage) is not parsed again whole, nor its trees kept, for
/// a language server that asks after every edit.
#[salsa::tracked]
pub fn declares_program(db: &dyn salsa::Database, file: SourceFile) -> bool {
    file_lowered(db, file).iter().any(|chunk| chunk.declares_program)
}

/// The items of a file that start with `keyword` (`program` or `import`),
/// unparsed: where each starts and its text. Only these few small items
/// are parsed by their readers, not the chunks around them, whose other
/// items may be a hostile plan's one huge task.
pub(crate) fn item_texts_starting_with(
    db: &dyn salsa::Database,
    file: SourceFile,
    keyword: prog_syntax::TokenKind,
) -> impl Iterator<Item = (usize, &str)> {
    debug_assert!(matches!(
        keyword,
        prog_syntax::TokenKind::Import | prog_syntax::TokenKind::Program
    ));
    file_chunks(db, file)
        .iter()
        .filter(|at| at.heads)
        .flat_map(move |at| {
            item_texts(at.chunk.text(db), at.chunk.items(db))
                .filter(move |(item, _)| item.keyword == Some(keyword))
                .map(move |(item, text)| (at.offset + item.offset, text))
        })
}

/// One chunk lowered; spans count from the chunk's start, and diagnostics
/// (each item's syntax errors, then those of its lowering) name file 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LoweredChunk {
    pub diagnostics: Vec<Diagnostic>,
    /// The declarations with every span replaced by its number in `sites`
    /// (as the empty span `n..n`) and the task values taken out: what resolution
    /// reads, equal whatever an edit moved inside the item, and after an
    /// edit to a duration, a date or progress. Empty in a database that
    /// analyses once, as `task_values`: see `once::AnalysedOnce`.
    pub anchored: Arc<Vec<LoweredDecl>>,
    /// Each declaration of `anchored`, its children after it: the site of
    /// its span and the index past its children. Where a place's innermost
    /// declaration is found, the declarations themselves gone or not.
    pub outline: Box<[(u32, u32)]>,
    /// The spans of `anchored`, in order; site 0 is the chunk's start.
    pub sites: Arc<[Span]>,
    /// The values taken out of `anchored`, one per task, milestone or group.
    pub task_values: Arc<[TaskValues]>,
    /// One of the chunk's items declares a program.
    pub declares_program: bool,
}

#[salsa::tracked(returns(ref))]
pub(crate) fn lower_chunk<'db>(db: &'db dyn salsa::Database, chunk: Chunk<'db>) -> Arc<LoweredChunk> {
    let mut lowered = lower_items(chunk.text(db), chunk.items(db));
    if let Some(once) = AnalysedOnce::try_get(db) {
        let taken = Lowered {
            decls: std::mem::take(&mut lowered.anchored),
            task_values: std::mem::replace(&mut lowered.task_values, Arc::new([])),
        };
        once.leave(db, *chunk.serial(db), taken);
    }
    Arc::new(lowered)
}

/// The anchored declarations and task values of a chunk (see
/// [`LoweredChunk`]), in a database that analyses once: those lowering
/// left, or lowered again when an earlier resolution took them.
pub(crate) fn take_lowered<'db>(db: &'db dyn salsa::Database, chunk: Chunk<'db>) -> Lowered {
    let _ = lower_chunk(db, chunk);
    let left = AnalysedOnce::try_get(db).and_then(|once| once.take(db, *chunk.serial(db)));
    left.unwrap_or_else(|| {
        let lowered = lower_items(chunk.text(db), chunk.items(db));
        Lowered {
            decls: lowered.anchored,
            task_values: lowered.task_values,
        }
    })
}

fn lower_items(text: &str, items: &[Cut]) -> LoweredChunk {
    let mut diagnostics = Vec::new();
    let mut decls = Vec::new();
    // Parsed here, not through `chunk_syntax`: a syntax tree takes several
    // times the memory of its text, and only the editor's features need to
    // keep one; an analysis drops each tree once the item is lowered.
    for (item, text) in item_texts(text, items) {
        let (file, errors) = prog_syntax::parse_tree(text);
        let mut found = prog_sema::Diagnostics::default();
        for e in errors {
            let at = Location {
                file: FileId(0),
                span: e.span,
            };
            let mut d = Diagnostic::error(Code::Syntax, at, e.message);
            d.hint = e.hint.map(Into::into);
            found.push(d);
        }
        let mut lowered = prog_sema::lower_file(FileId(0), &file, &mut found);
        for decl in &mut lowered {
            decl.spans_mut(&mut |span| *span = span.shifted(item.offset));
        }
        let mut found = found.into_vec();
        for d in &mut found {
            d.location.span = d.location.span.shifted(item.offset);
            for r in &mut d.related {
                r.location.span = r.location.span.shifted(item.offset);
            }
        }
        decls.extend(lowered);
        diagnostics.extend(found);
    }
    let mut sites = vec![Span::default()];
    let mut task_values = Vec::new();
    let mut outline = Vec::new();
    let mut anchored = decls;
    anchored.shrink_to_fit();
    let declares_program = anchored.iter().any(|d| d.kind == DeclKind::Program);
    for decl in &mut anchored {
        decl.spans_mut(&mut |span| {
            sites.push(*span);
            *span = Span::new(sites.len() - 1, sites.len() - 1);
        });
        decl.take_task_values(&mut task_values);
        push_outline(decl, &mut outline);
    }
    LoweredChunk {
        diagnostics,
        anchored: Arc::new(anchored),
        outline: outline.into(),
        sites: sites.into(),
        task_values: task_values.into(),
        declares_program,
    }
}

fn push_outline(decl: &LoweredDecl, out: &mut Vec<(u32, u32)>) {
    let at = out.len();
    out.push((decl.span.start() as u32, 0));
    for child in &decl.children {
        push_outline(child, out);
    }
    out[at].1 = out.len() as u32;
}

/// Every chunk of the file lowered, in order. Equal (and so backdated) after
/// an edit that changes no item's meaning or layout, such as one inside a
/// comment.
#[salsa::tracked(returns(ref))]
pub(crate) fn file_lowered(db: &dyn salsa::Database, file: SourceFile) -> Vec<Arc<LoweredChunk>> {
    file_chunks(db, file)
        .iter()
        .map(|at| lower_chunk(db, at.chunk).clone())
        .collect()
}

/// The anchored declarations of every chunk of the file (see
/// [`LoweredChunk::anchored`]): equal after any edit that changes no item's
/// meaning, such as typing in a comment or between statements.
#[salsa::tracked(returns(ref))]
pub(crate) fn file_decls(db: &dyn salsa::Database, file: SourceFile) -> Vec<Arc<Vec<LoweredDecl>>> {
    file_lowered(db, file)
        .iter()
        .map(|lowered| lowered.anchored.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::sync::{Arc, Weak};

    use salsa::Setter;

    use super::{LoweredChunk, file_chunks, lower_chunk};
    use crate::{Database, Project};

    /// How many of `weak` (counted once per allocation) are still alive.
    fn alive<T: ?Sized>(weak: &[Weak<T>]) -> usize {
        let mut seen = HashSet::new();
        weak.iter()
            .filter(|w| seen.insert(w.as_ptr() as *const () as usize))
            .filter(|w| w.strong_count() > 0)
            .count()
    }

    /// Typing does not grow the database: after 300 edits, the chunk texts
    /// and lowered chunks alive are those of the file as it is now (give or
    /// take what the last edits replaced), not one per edit.
    #[test]
    fn what_an_edit_replaced_is_freed() {
        let mut text = String::from("program p \"P\" { start 2027-01-04 }\n");
        for i in 0..200 {
            text.push_str(&format!("task t{i} \"T{i}\" {{ duration {}d }}\n", 1 + i % 5));
        }
        let mut db = Database::default();
        let project = Project::single_file(&db, "p.prog", &text);
        let file = *project.root(&db);
        let (mut texts, mut lowered): (Vec<Weak<String>>, Vec<Weak<LoweredChunk>>) = Default::default();
        for edit in 0..300 {
            // Type a character into one task's title, each time another.
            let at = text.match_indices("\"T").nth(edit * 7 % 200).unwrap().0 + 2;
            text.insert(at, 'x');
            file.set_text(&mut db).to(text.clone().into());
            crate::diagnostics(&db, project);
            for at in file_chunks(&db, file) {
                texts.push(Arc::downgrade(at.chunk.text(&db).whole()));
                lowered.push(Arc::downgrade(lower_chunk(&db, at.chunk)));
            }
        }
        let chunks = file_chunks(&db, file).len();
        assert!(chunks > 5, "{chunks} chunks");
        let created = {
            let mut seen = HashSet::new();
            texts
                .iter()
                .filter(|w| seen.insert(w.as_ptr() as *const () as usize))
                .count()
        };
        assert!(created > 300, "only {created} chunk texts were made");
        // Salsa frees the data of a deleted chunk when it reuses its slot, so
        // a few of the last edits' chunks may still be alive: a constant.
        assert!(
            alive(&texts) <= chunks + 8,
            "{} texts alive for {chunks} chunks",
            alive(&texts)
        );
        assert!(
            alive(&lowered) <= chunks + 8,
            "{} lowered alive for {chunks} chunks",
            alive(&lowered)
        );
    }

    /// A file declares a program when an item of it lowers to one, even
    /// one the cut did not start an item at: after a task left open while
    /// typing, the parser's recovery still finds the program.
    #[test]
    fn a_program_is_found_in_the_lowered_items() {
        let cases = [
            ("task a { duration 1d }\nprogram p { start 2027-01-04 }\n", true),
            ("task a { duration 1d\nprogram p { start 2027-01-04 }\n", true),
            ("task a { duration 1d }\ntask b { after a }\n", false),
            ("group g { task program }\n", false),
            ("", false),
        ];
        for (text, expected) in cases {
            let db = Database::default();
            let project = Project::single_file(&db, "p.prog", text);
            let file = *project.root(&db);
            assert_eq!(*super::declares_program(&db, file), expected, "{text:?}");
        }
    }
}

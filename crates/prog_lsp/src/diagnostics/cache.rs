//! The cache of diagnostics in protocol form, converted group by group (see
//! [`prog_db::file_diagnostic_groups`]) and kept: after an edit, a group the
//! database did not recompute is the same `Arc`, and its converted form is
//! reused as long as every position in it still maps to the same line and
//! column. A plan can have thousands of diagnostics; an edit to one duration
//! changes a few groups.

use std::collections::HashMap;
use std::sync::Arc;

use prog_db::{Database, SourceFile};
use prog_ide::{Diagnostic, LineIndex};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::convert::Ctx;
use crate::line_map::Encoding;
use crate::locks::lock;

/// Every open document's [`Converted`], shared by the push worker and the
/// pull handler. Each takes a document's entry out while it converts (a
/// new edit may cancel that by unwinding) and puts it back after, so the
/// lock is never held across a query.
pub type ConvertedDocs = Arc<std::sync::Mutex<HashMap<Uri, Converted>>>;

/// Takes `uri`'s entry out of `docs` (an empty one if it has none).
pub fn take(docs: &ConvertedDocs, uri: &Uri) -> Converted {
    lock(docs).remove(uri).unwrap_or_default()
}

/// Puts back what [`take`] took.
pub fn put(docs: &ConvertedDocs, uri: Uri, converted: Converted) {
    lock(docs).insert(uri, converted);
}

/// The converted groups of one document's last publication.
#[derive(Default)]
pub struct Converted {
    /// What the positions were computed from; when it changes, nothing is
    /// reused.
    layout: Vec<Layout>,
    /// By the address of the database's group, which the entry keeps alive
    /// (so the address is not reused by another group).
    groups: HashMap<usize, Entry>,
    /// The result id of the last pull answered in full, and the groups it
    /// held: a pull that names it gets `unchanged` while the groups are the
    /// same.
    pub pulled: Option<(String, Vec<Arc<[lsp::Diagnostic]>>)>,
}

/// A group of the database and what it became.
type Entry = (Arc<[Diagnostic]>, Arc<[lsp::Diagnostic]>);

/// What turns an offset of one file into a line and column: its line
/// starts, and for UTF-16 columns where its wider characters are.
struct Layout {
    file: SourceFile,
    /// What related information names the file by.
    uri: Option<Uri>,
    lines: LineIndex,
    /// The offset and UTF-8 length of every character beyond ASCII (none
    /// when columns count UTF-8 bytes): with the line starts, they fix every
    /// UTF-16 column.
    wide: Vec<(usize, u8)>,
}

impl Layout {
    fn of(db: &Database, ctx: &Ctx, file: SourceFile) -> Layout {
        Layout {
            file,
            uri: ctx.uri(db, file),
            lines: prog_db::line_index(db, file).clone(),
            wide: wide_chars(file.text(db), ctx.encoding).collect(),
        }
    }

    /// Whether `file` still has this layout; compared in place, so that an
    /// edit that moves nothing allocates nothing here.
    fn holds(&self, db: &Database, ctx: &Ctx, file: SourceFile) -> bool {
        self.file == file
            && &self.lines == prog_db::line_index(db, file)
            && self.uri == ctx.uri(db, file)
            && wide_chars(file.text(db), ctx.encoding).eq(self.wide.iter().copied())
    }
}

fn wide_chars(text: &str, encoding: Encoding) -> impl Iterator<Item = (usize, u8)> + '_ {
    let counted = encoding == Encoding::Utf16 && !text.is_ascii();
    let text = if counted { text } else { "" };
    text.char_indices()
        .filter(|(_, c)| !c.is_ascii())
        .map(|(i, c)| (i, c.len_utf8() as u8))
}

impl Converted {
    /// The document's diagnostics in protocol form, in groups; converts
    /// only the groups it does not have yet, and forgets the ones gone.
    pub fn update(&mut self, db: &Database, ctx: &Ctx) -> Vec<Arc<[lsp::Diagnostic]>> {
        let files = &prog_db::plan_files(db, ctx.project).files;
        let holds = files.len() == self.layout.len()
            && files
                .iter()
                .zip(&self.layout)
                .all(|(file, layout)| layout.holds(db, ctx, *file));
        if !holds {
            self.groups.clear();
            self.layout = files.iter().map(|file| Layout::of(db, ctx, *file)).collect();
        }
        let mut kept = HashMap::new();
        let converted = prog_db::file_diagnostic_groups(db, ctx.project, ctx.file)
            .iter()
            .map(|group| {
                let key = group.as_ptr() as usize;
                let entry = self.groups.remove(&key).unwrap_or_else(|| {
                    let converted = group.iter().map(|d| ctx.diagnostic(db, d)).collect();
                    (group.clone(), converted)
                });
                let converted = entry.1.clone();
                kept.insert(key, entry);
                converted
            })
            .collect();
        self.groups = kept;
        converted
    }
}

/// The diagnostics of `groups` causes first: errors, then warnings, then
/// the rest, each in the groups' order (syntax, names, schedule, load), so
/// that a client that lists them as sent shows the real mistake before
/// the findings it causes.
pub fn in_order(groups: &[Arc<[lsp::Diagnostic]>]) -> impl Iterator<Item = &lsp::Diagnostic> {
    use lsp::DiagnosticSeverity as S;
    let rank = |d: &lsp::Diagnostic| match d.severity {
        Some(S::ERROR) => 0,
        Some(S::WARNING) => 1,
        _ => 2,
    };
    (0..3).flat_map(move |wanted| {
        groups
            .iter()
            .flat_map(|group| group.iter())
            .filter(move |d| rank(d) == wanted)
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use prog_db::{Database, Project, SourceFile};
    use salsa::Setter;

    use super::Converted;
    use crate::convert::Ctx;
    use crate::line_map::Encoding;

    /// Alice and Bob over-allocated, each with enough tasks to be a block
    /// of resources (and so a group of diagnostics) of their own.
    fn plan() -> String {
        include_str!("../../../../tests/fixtures/two_blocks.prog").to_string()
    }

    fn ctx(db: &Database, text: &str) -> (Ctx, SourceFile) {
        let project = Project::single_file(db, "/plans/plan.prog", text);
        let file = *project.root(db);
        let ctx = Ctx {
            file,
            project,
            encoding: Encoding::Utf16,
            config: Default::default(),
            uris: Arc::default(),
            related: true,
        };
        (ctx, file)
    }

    /// What converting every diagnostic afresh gives.
    fn fresh(db: &Database, ctx: &Ctx) -> Vec<super::lsp::Diagnostic> {
        let groups = prog_db::file_diagnostic_groups(db, ctx.project, ctx.file);
        groups
            .iter()
            .flat_map(|g| g.iter())
            .map(|d| ctx.diagnostic(db, d))
            .collect()
    }

    fn flat(groups: &[Arc<[super::lsp::Diagnostic]>]) -> Vec<super::lsp::Diagnostic> {
        groups.iter().flat_map(|g| g.iter().cloned()).collect()
    }

    #[test]
    fn groups_an_edit_did_not_change_are_not_converted_again() {
        let mut db = Database::default();
        let (ctx, file) = ctx(&db, &plan());
        let mut converted = Converted::default();
        let before = converted.update(&db, &ctx);
        assert_eq!(before.len(), 2, "alice's and bob's over-allocations");
        file.set_text(&mut db)
            .to(plan().replacen("duration 3d", "duration 2d", 1).into());
        let after = converted.update(&db, &ctx);
        assert_eq!(flat(&after), fresh(&db, &ctx));
        let same = |i: usize| before.iter().any(|b| Arc::ptr_eq(b, &after[i]));
        assert_eq!((0..after.len()).filter(|&i| same(i)).count(), 1, "bob's is kept");
    }

    #[test]
    fn a_change_of_columns_alone_converts_everything_again() {
        let mut db = Database::default();
        let text = format!("# ab\n{}", plan());
        let (ctx, file) = ctx(&db, &text);
        let mut converted = Converted::default();
        let before = converted.update(&db, &ctx);
        // Same length, same lines, but "é" is one UTF-16 unit where "ab"
        // was two: nothing in the database moves, every column after it on
        // its line would. (Here, no diagnostic is on that line; what counts
        // is that nothing stale is kept.)
        file.set_text(&mut db).to(text.replacen("ab", "é", 1).into());
        let after = converted.update(&db, &ctx);
        assert!(after.iter().all(|a| !before.iter().any(|b| Arc::ptr_eq(a, b))));
        assert_eq!(flat(&after), fresh(&db, &ctx));
        // And a newline that keeps the length moves every line after it.
        let moved = text.replacen("# ab\n", "#\n#b\n", 1);
        file.set_text(&mut db).to(moved.into());
        let lines = converted.update(&db, &ctx);
        assert_eq!(flat(&lines), fresh(&db, &ctx));
        assert_eq!(lines[0][0].range.start.line, flat(&after)[0].range.start.line + 1);
    }

    /// What converts takes its entry out of the lock: a conversion that a
    /// new edit cancels (by unwinding) leaves the lock usable, not poisoned.
    #[test]
    fn an_unwinding_conversion_does_not_poison_the_lock() {
        let db = Database::default();
        let (ctx, _) = ctx(&db, &plan());
        let docs = super::ConvertedDocs::default();
        let uri: super::Uri = "untitled:plan.prog".parse().unwrap();
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut converted = super::take(&docs, &uri);
            converted.update(&db, &ctx);
            std::panic::resume_unwind(Box::new(prog_db::Cancelled::PendingWrite));
        }));
        assert!(unwound.is_err());
        assert!(!docs.is_poisoned());
        let mut converted = super::take(&docs, &uri);
        assert_eq!(flat(&converted.update(&db, &ctx)), fresh(&db, &ctx));
        super::put(&docs, uri, converted);
    }
}

//! The files of a plan, as its imports reach them, and their lines.
//! Reading the files the plan lacks from disk is the loader's (see
//! [`crate::missing_files`]): no query does I/O.

use std::collections::BTreeMap;

use prog_sema::{Code, Diagnostic, FileId, Location};
use prog_syntax::ast::Item as SyntaxItem;
use prog_syntax::{LineIndex, TokenKind};

use crate::inputs::{MAX_TEXT_BYTES, Project, SourceFile, Unreadable};
use crate::items::item_texts_starting_with;

/// The files of a plan, root first, as its imports reach them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanFiles {
    /// `FileId(i)` is `files[i]`.
    pub files: Vec<SourceFile>,
    /// Imports of files the project does not have, and files too large to
    /// analyse.
    pub import_errors: Vec<Diagnostic>,
    /// Their paths, for a loader to fetch.
    pub missing: Vec<String>,
}

impl PlanFiles {
    pub fn id_of(&self, file: SourceFile) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| *f == file)
            .map(|i| FileId(i as u32))
    }
}

/// The plans among `plans` that no other of them imports: a file that
/// another imports is part of that plan, not a plan of its own (`prog
/// check DIR`, the folder of `prog diff`). `same_file` turns a path into
/// what names one file (a canonical path on disk, the path itself in a git
/// revision).
pub fn independent_plans<K: std::hash::Hash + Eq>(
    db: &dyn salsa::Database,
    mut plans: Vec<Project>,
    same_file: impl Fn(&str) -> K,
) -> Vec<Project> {
    let imported: std::collections::HashSet<K> = plans
        .iter()
        .flat_map(|p| plan_files(db, *p).files.iter().skip(1))
        .map(|f| same_file(f.path(db)))
        .collect();
    plans.retain(|p| !imported.contains(&same_file(p.root(db).path(db))));
    plans
}

#[salsa::tracked(returns(ref))]
pub fn plan_files(db: &dyn salsa::Database, project: Project) -> PlanFiles {
    let known = project.files(db);
    let unreadable = Unreadable::get(db).reasons(db);
    let mut plan = PlanFiles {
        files: vec![*project.root(db)],
        import_errors: Vec::new(),
        missing: Vec::new(),
    };
    let mut next = 0;
    while next < plan.files.len() {
        let importer = plan.files[next];
        if let Some(too_large) = too_large(importer.text(db), FileId(next as u32)) {
            plan.import_errors.push(too_large);
        }
        for (offset, text) in item_texts_starting_with(db, importer, TokenKind::Import) {
            for syntax in &prog_syntax::parse_tree(text).0.items {
                let SyntaxItem::Import(import) = syntax else {
                    continue;
                };
                let path = import_path(importer.path(db), &import.path.text);
                match known.iter().find(|f| *f.path(db) == path) {
                    Some(file) if !plan.files.contains(file) => plan.files.push(*file),
                    Some(_) => {}
                    None => {
                        plan.import_errors.push(Diagnostic::error(
                            Code::ImportFailed,
                            Location {
                                file: FileId(next as u32),
                                span: import.path.span.shifted(offset),
                            },
                            format!(
                                "cannot import `{}`: {}",
                                import.path.text,
                                why_unread(unreadable, &path)
                            ),
                        ));
                        plan.missing.push(path);
                    }
                }
            }
        }
        next += 1;
    }
    plan
}

/// The one diagnostic of a file over [`MAX_TEXT_BYTES`], whose text is
/// not analysed.
fn too_large(text: &str, file: FileId) -> Option<Diagnostic> {
    (text.len() > MAX_TEXT_BYTES).then(|| {
        Diagnostic::error(
            Code::Syntax,
            Location {
                file,
                span: prog_syntax::Span::new(0, 0),
            },
            format!(
                "this file is {} MiB, over the {} MiB limit of a plan: it is not analysed",
                text.len() >> 20,
                MAX_TEXT_BYTES >> 20
            ),
        )
    })
}

/// Why the file at `path` is not among the plan's: what reading it said,
/// or, before it was tried, that there is no such file.
pub(crate) fn why_unread<'a>(unreadable: &'a BTreeMap<String, String>, path: &str) -> &'a str {
    unreadable
        .get(path)
        .map_or("no such readable file", String::as_str)
}

/// The path of `import` written in the file at `importer`: relative to the
/// importer's folder, `.` and `..` resolved.
pub fn import_path(importer: &str, import: &str) -> String {
    let mut parts: Vec<&str> = match importer.rfind('/') {
        Some(slash) if !import.starts_with('/') => importer[..slash].split('/').collect(),
        _ => Vec::new(),
    };
    for part in import.split('/') {
        match part {
            "." => {}
            ".." if parts.last().is_some_and(|p| !p.is_empty() && *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// The line starts of a file: what turns its offsets into lines and
/// columns.
#[salsa::tracked(returns(ref))]
pub fn line_index(db: &dyn salsa::Database, file: SourceFile) -> LineIndex {
    LineIndex::new(file.text(db))
}

#[cfg(test)]
mod tests {
    use super::import_path;
    use crate::inputs::{MAX_TEXT_BYTES, Project};

    /// A text over the limit is not parsed (its tokens alone could exhaust
    /// memory); it is one diagnostic, and nothing else (no "no program"
    /// either).
    #[test]
    fn a_text_over_the_limit_is_one_diagnostic() {
        let db = crate::Database::default();
        let text = "after a, ".repeat(MAX_TEXT_BYTES / 9 + 1);
        let project = Project::single_file(&db, "big.prog", &text);
        assert!(crate::file_items(&db, *project.root(&db)).all(|item| item.text.is_empty()));
        let diagnostics = crate::diagnostics(&db, project);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["this file is 32 MiB, over the 32 MiB limit of a plan: it is not analysed"]
        );
    }

    #[test]
    fn imports_are_relative_to_the_importer() {
        assert_eq!(import_path("plans/root.prog", "teams.prog"), "plans/teams.prog");
        assert_eq!(
            import_path("plans/q2/root.prog", "../teams.prog"),
            "plans/teams.prog"
        );
        assert_eq!(import_path("root.prog", "./a/b.prog"), "a/b.prog");
        assert_eq!(import_path("/x/root.prog", "b.prog"), "/x/b.prog");
        assert_eq!(import_path("root.prog", "../b.prog"), "../b.prog");
        assert_eq!(import_path("a/root.prog", "/abs/b.prog"), "/abs/b.prog");
    }
}

//! Other programs a plan waits for: `external ID { from "PATH" milestone
//! ID }`. Each other plan is a [`Project`] of its own (its own namespace,
//! status date, progress and calendars), made by a front end's loader and
//! registered in [`Programs`]; this module finds what each plan names
//! (syntactically, from the items' syntax), which registered plan that is,
//! what the loader still has to read, and the chains of programs that
//! wait on each other. A chain is found here, before anything is
//! scheduled: scheduling one program of a chain would ask for its own
//! schedule (a salsa query cycle).

use std::collections::BTreeSet;
use std::sync::Arc;

use prog_sema::FileId;
use prog_syntax::ast::{DeclKind, Item, StmtValue};
use prog_syntax::{Span, TokenKind};

use crate::cut::Cut;
use crate::files::{import_path, plan_files};
use crate::inputs::{Project, SourceFile};
use crate::items::{Chunk, file_chunks, item_texts};

/// The most other programs a front end loads for `from`s (registered plans
/// that a `from` names): a plan from a stranger's repository may name
/// plans through a link that leads back into its own folder, a new path
/// each time. Plans registered for other reasons (an editor's open files,
/// the plans beside them) do not count.
pub const MAX_PROGRAMS: usize = 64;

/// Every plan a front end has made a project of, whose milestones other
/// plans may wait for. One for the database (made with it).
#[salsa::input(singleton)]
pub struct Programs {
    #[returns(ref)]
    pub plans: Vec<Project>,
}

/// The plans registered for `from` to find (see [`Programs`]): a loader
/// gives every project it made, the plans' own included.
pub fn set_programs(db: &mut crate::Database, plans: Vec<Project>) {
    let programs = Programs::get(db);
    if *programs.plans(db) != plans {
        use salsa::Setter;
        programs.set_plans(db).to(plans);
    }
}

/// What a `from` names, without where it is written: what the schedule
/// depends on, equal after an edit that only moves it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Target {
    /// The id of the external waiting.
    pub external: String,
    /// The other plan's path, relative to the folder the front end reads
    /// from (`.` and `..` resolved).
    pub path: String,
    pub milestone: String,
}

/// A `from` statement of a plan: what it names, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub target: Target,
    pub file: FileId,
    /// The whole statement, in its file.
    pub span: Span,
}

/// A `from` of one chunk, spans from the chunk's start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ChunkLink {
    external: String,
    path: String,
    milestone: String,
    span: Span,
}

/// The `from` statements of a chunk's externals (the first of each). The
/// externals are parsed here and their trees dropped: no syntax is kept
/// for this.
#[salsa::tracked(returns(ref))]
pub(crate) fn chunk_links<'db>(db: &'db dyn salsa::Database, chunk: Chunk<'db>) -> Arc<[ChunkLink]> {
    let mut links = Vec::new();
    let externals = item_texts(chunk.text(db), chunk.items(db)).filter(|(cut, _)| is_external(cut));
    for (cut, text) in externals {
        for item in prog_syntax::parse_tree(text).0.items {
            let Item::Decl(decl) = item else { continue };
            let Some(name) = decl.name.as_ref().filter(|_| decl.kind == DeclKind::External) else {
                continue;
            };
            let from = decl.stmts.iter().find(|s| s.keyword == TokenKind::From);
            if let Some((stmt, StmtValue::From(from))) = from.map(|s| (s, &s.value)) {
                links.push(ChunkLink {
                    external: name.text.to_string(),
                    path: from.path.text.clone(),
                    milestone: from.milestone.text.to_string(),
                    span: stmt.span.shifted(cut.offset),
                });
            }
        }
    }
    links.into()
}

fn is_external(cut: &Cut) -> bool {
    cut.keyword == Some(TokenKind::External)
}

/// Every `from` of the plan's files, in file order.
#[salsa::tracked(returns(ref))]
pub fn program_links(db: &dyn salsa::Database, project: Project) -> Vec<Link> {
    let mut links = Vec::new();
    for (index, file) in plan_files(db, project).files.iter().enumerate() {
        // Most chunks hold no external with a `from`: marked when cut, and
        // their text tells, without reading their items after every edit.
        let chunks = file_chunks(db, *file)
            .iter()
            .filter(|at| at.heads && at.chunk.text(db).contains("from"));
        for at in chunks {
            for link in chunk_links(db, at.chunk).iter() {
                links.push(Link {
                    target: Target {
                        external: link.external.clone(),
                        path: import_path(file.path(db), &link.path),
                        milestone: link.milestone.clone(),
                    },
                    file: FileId(index as u32),
                    span: link.span.shifted(at.offset),
                });
            }
        }
    }
    links
}

/// What the plan's `from`s name, indexed like [`program_links`].
#[salsa::tracked(returns(ref))]
pub fn program_targets(db: &dyn salsa::Database, project: Project) -> Vec<Target> {
    program_links(db, project)
        .iter()
        .map(|link| link.target.clone())
        .collect()
}

/// The name that one path and another that means the same file share, as
/// far as the text of the paths says (`./a/../b.prog` is `b.prog`): what
/// finds the plan a [`Target::path`] names among others.
pub fn same_path(path: &str) -> String {
    import_path("", path)
}

/// The registered plan rooted at `path` (a [`Target::path`]).
pub(crate) fn program_at(db: &dyn salsa::Database, path: &str) -> Option<Project> {
    let path = same_path(path);
    Programs::get(db)
        .plans(db)
        .iter()
        .find(|p| same_path(p.root(db).path(db)) == path)
        .copied()
}

/// For each of the plan's targets, the chain of programs that wait on
/// each other reached through it (`a.prog → b.prog → a.prog`), if any:
/// found from the targets alone, so it never schedules a program of the
/// chain.
#[salsa::tracked(returns(ref))]
pub fn program_chains(db: &dyn salsa::Database, project: Project) -> Vec<Option<Vec<String>>> {
    let root = same_path(project.root(db).path(db));
    program_targets(db, project)
        .iter()
        .map(|target| {
            let mut stack = vec![root.clone()];
            let mut done = BTreeSet::new();
            chain_from(db, same_path(&target.path), &mut stack, &mut done)
        })
        .collect()
}

/// Depth first from `path`, with `stack` the programs on the way there:
/// the first chain that comes back to one of them. `done` holds the
/// programs already searched whole (none of them leads to a chain).
fn chain_from(
    db: &dyn salsa::Database,
    path: String,
    stack: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(first) = stack.iter().position(|p| *p == path) {
        let mut chain = stack[first..].to_vec();
        chain.push(path);
        return Some(chain);
    }
    if done.contains(&path) {
        return None;
    }
    let program = program_at(db, &path)?;
    stack.push(path.clone());
    for target in program_targets(db, program) {
        if let Some(chain) = chain_from(db, same_path(&target.path), stack, done) {
            return Some(chain);
        }
    }
    stack.pop();
    done.insert(path);
    None
}

/// Whether [`MAX_PROGRAMS`] plans that a `from` names are registered: then
/// no more are read.
pub(crate) fn programs_full(db: &dyn salsa::Database) -> bool {
    let plans = Programs::get(db).plans(db);
    let named: BTreeSet<String> = plans
        .iter()
        .flat_map(|p| program_targets(db, *p).iter().map(|t| same_path(&t.path)))
        .collect();
    let waited_for = plans
        .iter()
        .filter(|p| named.contains(&same_path(p.root(db).path(db))))
        .count();
    waited_for >= MAX_PROGRAMS
}

/// The other plans `project` names that are not among its files yet, for
/// the loader to read (as plans), until [`MAX_PROGRAMS`] are registered.
pub(crate) fn missing_programs(db: &dyn salsa::Database, project: Project) -> Vec<String> {
    let known = project.files(db);
    let missing: Vec<String> = program_targets(db, project)
        .iter()
        .filter(|t| !known.iter().any(|f| same_path(f.path(db)) == same_path(&t.path)))
        .map(|t| t.path.clone())
        .collect();
    if !missing.is_empty() && programs_full(db) {
        return Vec::new();
    }
    missing
}

/// The files read for the plans' targets that are no registered plan yet:
/// each is to become a project of its own ([`set_programs`]), until
/// [`MAX_PROGRAMS`] are registered.
pub fn unregistered_programs(db: &dyn salsa::Database, projects: &[Project]) -> Vec<SourceFile> {
    let mut found: Vec<SourceFile> = Vec::new();
    for project in projects {
        for target in program_targets(db, *project) {
            if program_at(db, &target.path).is_some() {
                continue;
            }
            let path = same_path(&target.path);
            let file = project.files(db).iter().find(|f| same_path(f.path(db)) == path);
            if let Some(file) = file.filter(|f| !found.contains(f)) {
                found.push(*file);
            }
        }
    }
    if !found.is_empty() && programs_full(db) {
        return Vec::new();
    }
    found
}

//! The plan-wide queries: files of the plan, the model, the schedule, the
//! diagnostics.

use std::sync::Arc;

use prog_plan::{Network, Plan, Schedule, WorkCalendar};
use prog_sema::{Code, Diagnostic, FileId, Location, Piece, Resolved, SourceMap, TaskValues};
use prog_syntax::LineIndex;
use prog_syntax::ast::Item as SyntaxItem;

use crate::items::{file_decls, file_items, file_lowered, item_offsets, parse_item};
use crate::place::Anchors;
use crate::placed::file_diagnostic_groups;
use crate::shape::{Titles, take_titles, with_titles};
use crate::{Project, SourceFile};

/// The files of a plan, root first, as its imports reach them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanFiles {
    /// `FileId(i)` is `files[i]`.
    pub files: Vec<SourceFile>,
    /// Imports of files the project does not have.
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

#[salsa::tracked(returns(ref))]
pub fn plan_files(db: &dyn salsa::Database, project: Project) -> PlanFiles {
    let known = project.files(db);
    let mut plan = PlanFiles {
        files: vec![*project.root(db)],
        import_errors: Vec::new(),
        missing: Vec::new(),
    };
    let mut next = 0;
    while next < plan.files.len() {
        let importer = plan.files[next];
        for item in file_items(db, importer).iter().filter(|item| item.import) {
            for syntax in &parse_item(db, item.text).file.items {
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
                                span: import.path.span.shifted(item.offset),
                            },
                            format!("cannot import `{}`: no such readable file", import.path.text),
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

/// Resolution, anchored to items (see [`Anchors`]): the plan's shape
/// and titles, its source map and the diagnostics of resolution. Not run
/// again after an edit that changes no item's meaning, wherever it moves
/// items or their parts to.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution {
    /// The model without titles, prose and task values.
    pub shape: Arc<Plan>,
    pub titles: Titles,
    pub source_map: Arc<SourceMap>,
    pub diagnostics: Vec<Diagnostic>,
}

#[salsa::tracked(returns(ref))]
pub fn resolution(db: &dyn salsa::Database, project: Project) -> Resolution {
    let files = &plan_files(db, project).files;
    let mut pieces = Vec::new();
    for file in files {
        for decls in file_decls(db, *file) {
            pieces.push(Piece {
                file: FileId(pieces.len() as u32),
                base: 0,
                decls,
            });
        }
    }
    let Resolved {
        mut plan,
        source_map,
        diagnostics,
    } = prog_sema::resolve(&pieces);
    let titles = take_titles(&mut plan);
    Resolution {
        shape: Arc::new(plan),
        titles,
        source_map: Arc::new(source_map),
        diagnostics,
    }
}

/// Where every item of the plan starts, and the spans of its sites.
#[salsa::tracked(returns(ref))]
pub fn anchors(db: &dyn salsa::Database, project: Project) -> Anchors {
    let files = &plan_files(db, project).files;
    Anchors::new(files.iter().map(|file| {
        (
            item_offsets(db, *file).as_slice(),
            file_lowered(db, *file).as_slice(),
        )
    }))
}

/// The plan model with its source map (in the real files) and the
/// diagnostics of resolution. Placed on demand: the diagnostics do not need
/// it.
#[salsa::tracked(returns(ref))]
pub fn resolved(db: &dyn salsa::Database, project: Project) -> Resolved {
    let resolution = resolution(db, project);
    let anchors = anchors(db, project);
    Resolved {
        plan: with_titles(plan_shape(db, project), &resolution.titles),
        source_map: anchors.place_map(&resolution.source_map),
        diagnostics: resolution
            .diagnostics
            .iter()
            .map(|d| anchors.place_diagnostic(d))
            .collect(),
    }
}

/// The model without titles and prose: what scheduling reads. Equal after
/// edits that change no schedule input, so salsa backdates it and nothing
/// downstream runs again. Resolution leaves the task values out (see
/// [`crate::LoweredItem::anchored`]); they are put in here.
#[salsa::tracked(returns(deref))]
pub fn plan_shape(db: &dyn salsa::Database, project: Project) -> Arc<Plan> {
    let mut plan = Plan::clone(&resolution(db, project).shape);
    for (task, values) in plan.tasks.iter_mut().zip(task_values(db, project)) {
        values.apply(task);
    }
    Arc::new(plan)
}

/// The task values of the plan, in task order: equal after an edit that
/// moves things but changes no value, so the shape is not copied again.
#[salsa::tracked(returns(ref))]
fn task_values(db: &dyn salsa::Database, project: Project) -> Vec<TaskValues> {
    let files = &plan_files(db, project).files;
    files
        .iter()
        .flat_map(|file| file_lowered(db, *file))
        .flat_map(|lowered| lowered.task_values.iter().copied())
        .collect()
}

/// The anchored source map alone, so that a title edit does not redo the
/// schedule's findings.
#[salsa::tracked(returns(deref))]
pub(crate) fn anchored_map(db: &dyn salsa::Database, project: Project) -> Arc<SourceMap> {
    resolution(db, project).source_map.clone()
}

/// The plan's calendar: read from resolution, which an edit to a task's
/// values does not run again.
#[salsa::tracked(returns(ref))]
pub fn work_calendar(db: &dyn salsa::Database, project: Project) -> WorkCalendar {
    WorkCalendar::new(&resolution(db, project).shape)
}

/// The plan's groups and dependencies as scheduling reads them; built from
/// resolution too, so kept while only durations, dates and progress change,
/// and backdated after an edit to a title.
#[salsa::tracked(returns(ref))]
pub fn network(db: &dyn salsa::Database, project: Project) -> Network {
    Network::new(&resolution(db, project).shape)
}

#[salsa::tracked(returns(ref))]
pub fn schedule(db: &dyn salsa::Database, project: Project) -> Schedule {
    prog_plan::schedule_on(
        plan_shape(db, project),
        network(db, project),
        work_calendar(db, project),
    )
}

/// Every diagnostic of the plan, ordered by file and position.
#[salsa::tracked(returns(ref))]
pub fn diagnostics(db: &dyn salsa::Database, project: Project) -> Vec<Diagnostic> {
    let files = &plan_files(db, project).files;
    files
        .iter()
        .flat_map(|file| file_diagnostics(db, project, *file).iter().cloned())
        .collect()
}

/// The diagnostics located in `file`, ordered by position: what
/// `prog check` prints of it.
#[salsa::tracked(returns(ref))]
pub fn file_diagnostics(db: &dyn salsa::Database, project: Project, file: SourceFile) -> Vec<Diagnostic> {
    // Sorted by reference before anything is copied: a plan can have
    // thousands of diagnostics.
    let mut found: Vec<&Diagnostic> = file_diagnostic_groups(db, project, file)
        .iter()
        .flat_map(|group| group.iter())
        .collect();
    found.sort_by_key(|d| (d.location.span.start, d.location.span.end));
    found.into_iter().cloned().collect()
}

#[salsa::tracked(returns(ref))]
pub fn line_index(db: &dyn salsa::Database, file: SourceFile) -> LineIndex {
    LineIndex::new(file.text(db))
}

#[cfg(test)]
mod tests {
    use super::import_path;

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

//! The plan-wide queries: files of the plan, the model, the schedule, the
//! diagnostics.

use prog_plan::{Load, Plan, Schedule, WorkCalendar};
use prog_sema::{Code, Diagnostic, FileId, Location, Piece, Resolved, Severity};
use prog_syntax::LineIndex;
use prog_syntax::ast::Item as SyntaxItem;

use crate::items::{file_items, lower_item, parse_item};
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
        for item in file_items(db, importer) {
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

/// The plan model with its source map and the diagnostics of resolution.
#[salsa::tracked(returns(ref))]
pub fn resolved(db: &dyn salsa::Database, project: Project) -> Resolved {
    let files = &plan_files(db, project).files;
    let mut pieces = Vec::new();
    for (index, file) in files.iter().enumerate() {
        for item in file_items(db, *file) {
            pieces.push(Piece {
                file: FileId(index as u32),
                base: item.offset,
                decls: &lower_item(db, item.text).decls,
            });
        }
    }
    prog_sema::resolve(&pieces)
}

/// The model without titles and prose: what scheduling reads. Equal after
/// edits that change no schedule input, so salsa backdates it and nothing
/// downstream runs again.
#[salsa::tracked(returns(ref))]
pub fn plan_shape(db: &dyn salsa::Database, project: Project) -> Plan {
    let mut plan = resolved(db, project).plan.clone();
    plan.program.title = None;
    plan.calendars.iter_mut().for_each(|c| c.title = None);
    plan.resources.iter_mut().for_each(|r| r.title = None);
    plan.tasks.iter_mut().for_each(|t| t.title = None);
    plan.approvals.iter_mut().for_each(|a| a.title = None);
    for risk in &mut plan.risks {
        risk.title = None;
        risk.mitigation = risk.mitigation.as_ref().map(|_| String::new());
    }
    plan
}

#[salsa::tracked(returns(ref))]
pub fn work_calendar(db: &dyn salsa::Database, project: Project) -> WorkCalendar {
    WorkCalendar::new(plan_shape(db, project))
}

#[salsa::tracked(returns(ref))]
pub fn schedule(db: &dyn salsa::Database, project: Project) -> Schedule {
    prog_plan::schedule_with(plan_shape(db, project), work_calendar(db, project))
}

#[salsa::tracked(returns(ref))]
pub fn load(db: &dyn salsa::Database, project: Project) -> Load {
    prog_plan::load(
        plan_shape(db, project),
        schedule(db, project),
        work_calendar(db, project),
    )
}

/// Every diagnostic of the plan, ordered by file and position.
#[salsa::tracked(returns(ref))]
pub fn diagnostics(db: &dyn salsa::Database, project: Project) -> Vec<Diagnostic> {
    let plan_files = plan_files(db, project);
    let mut out = plan_files.import_errors.clone();
    for (index, file) in plan_files.files.iter().enumerate() {
        let file_id = FileId(index as u32);
        for item in file_items(db, *file) {
            let at = |span: prog_syntax::Span| Location {
                file: file_id,
                span: span.shifted(item.offset),
            };
            for e in &parse_item(db, item.text).errors {
                let mut d = Diagnostic::error(Code::Syntax, at(e.span), e.message.clone());
                d.hint = e.hint.clone();
                out.push(d);
            }
            for d in &lower_item(db, item.text).diagnostics {
                let mut d = d.clone();
                d.location = at(d.location.span);
                for r in &mut d.related {
                    r.location = at(r.location.span);
                }
                out.push(d);
            }
        }
    }
    let resolved = resolved(db, project);
    out.extend(resolved.diagnostics.iter().cloned());
    out.extend(prog_sema::schedule_findings(
        &resolved.plan,
        &resolved.source_map,
        schedule(db, project),
        load(db, project),
        work_calendar(db, project),
    ));
    if !project.settings(db).hints(db) {
        out.retain(|d| d.severity != Severity::Hint);
    }
    out.sort_by_key(|d| (d.location.file, d.location.span.start, d.location.span.end));
    out
}

/// The diagnostics located in `file`.
#[salsa::tracked(returns(ref))]
pub fn file_diagnostics(db: &dyn salsa::Database, project: Project, file: SourceFile) -> Vec<Diagnostic> {
    let Some(id) = plan_files(db, project).id_of(file) else {
        return Vec::new();
    };
    diagnostics(db, project)
        .iter()
        .filter(|d| d.location.file == id)
        .cloned()
        .collect()
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

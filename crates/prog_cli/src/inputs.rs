//! Turning command-line paths into the plans they hold.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use prog_db::{Database, Project, load_plan, plan_files};
use prog_sema::{Diagnostic, Severity};

use crate::{diagnostics_printer, exit_code};

/// Every `.prog` file named, directories searched recursively, sorted.
pub fn plan_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("{}: no such file or directory", path.display()),
            _ => format!("{}: {e}", path.display()),
        })?;
        if meta.is_dir() {
            walk(path, &mut files).map_err(|e| format!("{}: {e}", path.display()))?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "prog") {
            files.push(path);
        }
    }
    Ok(())
}

/// Loads the plan at `path` for a command that computes something from it:
/// its errors go to stderr, and the command goes on with what could be
/// understood. Returns the plan and the exit status its errors call for.
pub fn load_reporting_errors(db: &mut Database, path: &Path) -> Result<(Project, u8), String> {
    let project = load(db, path)?;
    Ok((project, report_errors(db, project)))
}

/// Prints the errors of `project` to stderr; the exit status they call for.
pub fn report_errors(db: &Database, project: Project) -> u8 {
    let diagnostics = prog_db::diagnostics(db, project);
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    let mut printed = diagnostics_printer::DiagnosticsPrinter::default();
    printed.add(db, project, &errors);
    printed.count_warnings_not_shown(
        diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
    );
    printed.print_text();
    if errors.is_empty() { 0 } else { exit_code::PROBLEMS }
}

/// Loads one plan.
pub fn load(db: &mut Database, path: &Path) -> Result<Project, String> {
    load_plan(db, path).map_err(|e| e.to_string())
}

/// Loads each plan among `paths`. A file that another of them imports is
/// part of that plan, not a plan of its own.
pub fn load_plans(db: &mut Database, paths: &[PathBuf]) -> Result<Vec<Project>, String> {
    let mut plans = Vec::new();
    for path in paths {
        plans.push(load(db, path)?);
    }
    let db = &*db;
    let imported: HashSet<PathBuf> = plans
        .iter()
        .flat_map(|p| plan_files(db, *p).files.iter().skip(1))
        .map(|f| canonical(Path::new(f.path(db))))
        .collect();
    plans.retain(|p| !imported.contains(&canonical(Path::new(p.root(db).path(db)))));
    Ok(plans)
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

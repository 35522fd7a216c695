//! Turning command-line paths into the plans they hold.

use std::path::{Path, PathBuf};

use prog_db::{Database, Project, independent_plans, load_plan};
use prog_sema::{Diagnostic, Severity};

use crate::{diagnostics_printer, exit_code};

/// Every `.prog` file named, directories searched recursively, sorted. In
/// a directory, only regular files are taken, and symbolic links to a
/// regular file inside the directory named: a plan's folder may come from
/// anyone, and `prog fmt` writes what it finds. What is left out is said
/// on stderr.
pub fn plan_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("{}: no such file or directory", path.display()),
            _ => format!("{}: {e}", path.display()),
        })?;
        if meta.is_dir() {
            let tree = canonical(path);
            walk(&tree, path, &mut files).map_err(|e| format!("{}: {e}", path.display()))?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(tree: &Path, dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(tree, &path, files)?;
        } else if path.extension().is_none_or(|e| e != "prog") {
            continue;
        } else if let Some(why) = left_out(tree, &path, kind) {
            let shown = prog_report::escape::terminal(&path.display().to_string());
            eprintln!("prog: {shown} left out: {why}");
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// Why a `.prog` entry found under `tree` is not taken: it is not a regular
/// file, or it is a symbolic link to something else than a regular file
/// inside `tree`.
fn left_out(tree: &Path, path: &Path, kind: std::fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        return None;
    }
    if !kind.is_symlink() {
        return Some("not a regular file");
    }
    match std::fs::metadata(path) {
        Ok(target) if !target.is_file() => Some("a symbolic link to something else than a regular file"),
        Ok(_) if !canonical(path).starts_with(tree) => Some("a symbolic link out of the folder"),
        Ok(_) => None,
        Err(_) => Some("a broken symbolic link"),
    }
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
    let diagnostics = prog_db::analyse_with_helper(db, project, |db| prog_db::diagnostics(db, project));
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .copied()
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
    Ok(independent_plans(db, plans, |path| canonical(Path::new(path))))
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

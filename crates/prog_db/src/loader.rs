//! Reading a plan from disk into the database: the root file and,
//! transitively, every file it imports, and the program's baseline file. The one place that reads the
//! imports a plan lacks, for the CLI and the language server alike; the
//! queries themselves never touch the disk.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use salsa::Setter;

use crate::baselines::missing_baseline;
use crate::database::Database;
use crate::files::plan_files;
use crate::inputs::{Project, Settings, SourceFile};

/// Why the root file of a plan could not be read.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read {}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for LoadError {}

/// The text of the file at `path`; why not, for a file that cannot be read
/// or is not UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        _ => e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())
}

/// Reads `root` and every file it imports from disk. An import that cannot
/// be read stays a diagnostic of the plan; a root that cannot be read is an
/// error.
pub fn load_plan(db: &mut Database, root: &Path) -> Result<Project, LoadError> {
    load_plan_with(db, &root.display().to_string(), |path| read_text(Path::new(path)))
}

/// Like [`load_plan`], with every file read by `read` (given a path as the
/// root or an import names it, `.` and `..` resolved): for plans that are
/// not on disk as they are, such as an older revision in git.
pub fn load_plan_with(
    db: &mut Database,
    root: &str,
    mut read: impl FnMut(&str) -> Result<String, String>,
) -> Result<Project, LoadError> {
    let text = read(root).map_err(|reason| LoadError {
        path: PathBuf::from(root),
        reason,
    })?;
    let root = SourceFile::new(db, root.to_string(), text);
    let settings = Settings::new(db, true);
    let project = Project::new(db, root, vec![root], settings);
    imports_read_by(db, &[project], read);
    Ok(project)
}

/// The files one of `projects` lacks: the imports it cannot find among its
/// files, and the baseline file its program names. A front end that must
/// not read the disk where it applies edits (a language server holding its
/// state) reads these itself and gives them with [`add_files`], until none
/// is missing that it has not tried.
pub fn missing_files(db: &Database, projects: &[Project]) -> Vec<String> {
    let mut paths: Vec<String> = projects
        .iter()
        .flat_map(|project| {
            let imports = plan_files(db, *project).missing.iter().cloned();
            imports.chain(missing_baseline(db, *project))
        })
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths
}

/// Gives the files read (path and text) to every one of `projects`; returns
/// them as files of the database.
pub fn add_files(db: &mut Database, projects: &[Project], read: Vec<(String, String)>) -> Vec<SourceFile> {
    let found: Vec<SourceFile> = read
        .into_iter()
        .map(|(path, text)| SourceFile::new(db, path, text))
        .collect();
    if !found.is_empty() {
        for project in projects {
            let mut files = project.files(db).clone();
            files.extend(&found);
            project.set_files(db).to(files);
        }
    }
    found
}

/// Reads every file one of `projects` lacks ([`missing_files`]) with
/// `read`, and gives each file read to every one of them, until no file is
/// missing that was not tried. An import that cannot be read stays a
/// diagnostic of its plan.
fn imports_read_by(
    db: &mut Database,
    projects: &[Project],
    mut read: impl FnMut(&str) -> Result<String, String>,
) {
    let mut tried = HashSet::new();
    loop {
        let missing: Vec<String> = missing_files(db, projects)
            .into_iter()
            .filter(|path| tried.insert(path.clone()))
            .collect();
        if missing.is_empty() {
            return;
        }
        let texts = missing
            .into_iter()
            .filter_map(|path| Some((read(&path).ok()?, path)))
            .map(|(text, path)| (path, text))
            .collect();
        add_files(db, projects, texts);
    }
}

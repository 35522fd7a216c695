//! Reading a plan from disk into the database: the root file and,
//! transitively, every file it imports. The one place that reads the
//! imports a plan lacks, for the CLI and the language server alike; the
//! queries themselves never touch the disk.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use salsa::Setter;

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

/// Reads `root` and every file it imports. An import that cannot be read
/// stays a diagnostic of the plan; a root that cannot be read is an error.
pub fn load_plan(db: &mut Database, root: &Path) -> Result<Project, LoadError> {
    let text = read_text(root).map_err(|reason| LoadError {
        path: root.to_path_buf(),
        reason,
    })?;
    let root = SourceFile::new(db, root.display().to_string(), text);
    let settings = Settings::new(db, true);
    let project = Project::new(db, root, vec![root], settings);
    load_imports(db, &[project]);
    Ok(project)
}

/// Reads from disk every import that one of `projects` lacks, and gives
/// each file read to every one of them, until no import is missing that
/// was not tried. Returns the files read. An import that cannot be read
/// stays a diagnostic of its plan.
pub fn load_imports(db: &mut Database, projects: &[Project]) -> Vec<SourceFile> {
    let mut tried = HashSet::new();
    let mut read = Vec::new();
    loop {
        let missing: Vec<String> = projects
            .iter()
            .flat_map(|project| plan_files(db, *project).missing.iter())
            .filter(|path| tried.insert((*path).clone()))
            .cloned()
            .collect();
        if missing.is_empty() {
            return read;
        }
        let found: Vec<SourceFile> = missing
            .into_iter()
            .filter_map(|path| {
                let text = read_text(Path::new(&path)).ok()?;
                Some(SourceFile::new(db, path, text))
            })
            .collect();
        if found.is_empty() {
            continue;
        }
        for project in projects {
            let mut files = project.files(db).clone();
            files.extend(&found);
            project.set_files(db).to(files);
        }
        read.extend(found);
    }
}

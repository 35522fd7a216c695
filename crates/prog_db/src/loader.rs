//! Reading a plan from disk into the database: the root file and,
//! transitively, every file it imports.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use salsa::Setter;

use crate::{Database, Project, Settings, SourceFile, plan_files};

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

fn read(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        _ => e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())
}

/// Reads `root` and every file it imports. An import that cannot be read
/// stays a diagnostic of the plan; a root that cannot be read is an error.
pub fn load_plan(db: &mut Database, root: &Path) -> Result<Project, LoadError> {
    let text = read(root).map_err(|reason| LoadError {
        path: root.to_path_buf(),
        reason,
    })?;
    let root = SourceFile::new(db, root.display().to_string(), text);
    let settings = Settings::new(db, true);
    let project = Project::new(db, root, vec![root], settings);
    let mut tried = HashSet::new();
    loop {
        let missing: Vec<String> = plan_files(db, project)
            .missing
            .iter()
            .filter(|path| tried.insert((*path).clone()))
            .cloned()
            .collect();
        if missing.is_empty() {
            return Ok(project);
        }
        let mut files = project.files(db).clone();
        for path in missing {
            if let Ok(text) = read(Path::new(&path)) {
                files.push(SourceFile::new(db, path, text));
            }
        }
        project.set_files(db).to(files);
    }
}

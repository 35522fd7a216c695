//! Reading a plan from disk: the root file and, transitively, its imports.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use prog_sema::{Code, Diagnostic, FileId, Location};

use crate::{SourceFile, Sources};

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

/// Reads `root` and every file it imports, each once. Imports are relative
/// to the importing file. An import that cannot be read is a diagnostic at
/// the `import` statement; a root that cannot be read is an error.
pub fn load_plan(root: &Path) -> Result<Sources, LoadError> {
    let text = read(root).map_err(|reason| LoadError {
        path: root.to_path_buf(),
        reason,
    })?;
    let mut sources = Sources::default();
    let mut seen: HashMap<PathBuf, usize> = HashMap::new();
    seen.insert(canonical(root), 0);
    sources.files.push(SourceFile {
        path: root.display().to_string(),
        text,
    });
    let mut next = 0;
    while next < sources.files.len() {
        let file = FileId(next as u32);
        let dir = Path::new(&sources.files[next].path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let parse = prog_syntax::parse(&sources.files[next].text);
        for import in parse.file.imports() {
            let path = dir.join(&import.path.text);
            let key = canonical(&path);
            if seen.contains_key(&key) {
                continue;
            }
            match read(&path) {
                Ok(text) => {
                    seen.insert(key, sources.files.len());
                    sources.files.push(SourceFile {
                        path: path.display().to_string(),
                        text,
                    });
                }
                Err(reason) => sources.import_errors.push(Diagnostic::error(
                    Code::ImportFailed,
                    Location {
                        file,
                        span: import.path.span,
                    },
                    format!("cannot import `{}`: {reason}", import.path.text),
                )),
            }
        }
        next += 1;
    }
    Ok(sources)
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

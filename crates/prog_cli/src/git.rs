//! Plans as they were at a git revision, read with `git cat-file` and
//! `git ls-tree`: the working tree and the index are never touched.

use std::path::{Component, Path, PathBuf};
use std::process::Command;

use prog_db::FileKind;

/// The last `count` commits that changed the file at `path`, oldest first
/// (abbreviated hashes).
pub fn plan_history(path: &Path, count: usize) -> Result<Vec<String>, String> {
    let (head, relative) = Revision::locate("HEAD", path)?;
    let log = git(
        &head.top,
        &["log", "-n", &count.to_string(), "--format=%h", "--", &relative],
    )?;
    let mut revs: Vec<String> = log.lines().map(str::to_string).collect();
    revs.reverse();
    Ok(revs)
}

/// One revision of the repository that holds a plan.
pub struct Revision {
    /// The top of the work tree, where git runs.
    top: PathBuf,
    rev: String,
}

impl Revision {
    /// The revision `rev` of the repository holding `path`, and `path`
    /// relative to its top (with `/`), the way an import names a file. The
    /// path need not exist in the working tree, only a folder above it.
    pub fn locate(rev: &str, path: &Path) -> Result<(Revision, String), String> {
        // `-...` would reach git as an option.
        if rev.starts_with('-') {
            return Err(format!("{rev}: a revision may not start with `-`"));
        }
        let absolute = normal(&std::path::absolute(path).map_err(|e| format!("{}: {e}", path.display()))?);
        let mut existing = absolute.as_path();
        while !existing.is_dir() {
            existing = existing
                .parent()
                .ok_or_else(|| format!("{}: no folder of it exists", path.display()))?;
        }
        let rest = absolute.strip_prefix(existing).unwrap_or(Path::new(""));
        let out = git(existing, &["rev-parse", "--show-toplevel", "--show-prefix"])
            .map_err(|e| format!("{}: not in a git repository ({e})", path.display()))?;
        let mut lines = out.lines();
        let top = PathBuf::from(lines.next().unwrap_or_default());
        let mut relative = lines.next().unwrap_or_default().to_string();
        for part in rest.components() {
            relative.push_str(&part.as_os_str().to_string_lossy());
            relative.push('/');
        }
        let relative = relative.trim_end_matches('/').to_string();
        git(
            &top,
            &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")],
        )
        .map_err(|_| format!("{rev}: no such revision in {}", top.display()))?;
        let revision = Revision {
            top,
            rev: rev.to_string(),
        };
        Ok((revision, relative))
    }

    /// The text of the file at `path` (relative to the top) at this
    /// revision, read as [`prog_db::read_text`] reads one from disk: a file
    /// (a blob) with the extension of its kind, within its size limit, in
    /// UTF-8; its size is asked of git before the blob is read.
    pub fn read(&self, path: &str, kind: FileKind) -> Result<String, String> {
        if path.starts_with("../") || path.starts_with('/') {
            return Err("outside the repository".to_string());
        }
        if Path::new(path).extension().is_none_or(|e| e != kind.extension()) {
            return Err(format!("not a .{} file", kind.extension()));
        }
        let object = format!("{}:{path}", self.rev);
        let missing = |_| format!("no such file at {}", self.rev);
        match git(&self.top, &["cat-file", "-t", &object])
            .map_err(missing)?
            .trim()
        {
            "blob" => {}
            "tree" => return Err("not a regular file but a folder".to_string()),
            _ => return Err("not a regular file".to_string()),
        }
        let size: u64 = git(&self.top, &["cat-file", "-s", &object])
            .map_err(missing)?
            .trim()
            .parse()
            .map_err(|_| format!("git gave no size for {object}"))?;
        if size > kind.max_bytes() {
            return Err(format!("larger than the {} MiB limit", kind.max_bytes() >> 20));
        }
        git(&self.top, &["cat-file", "blob", &object]).map_err(missing)
    }

    /// Whether `path` is a folder at this revision.
    pub fn is_folder(&self, path: &str) -> bool {
        git(&self.top, &["cat-file", "-t", &format!("{}:{path}", self.rev)]).is_ok_and(|t| t.trim() == "tree")
    }

    /// The `.prog` files under the folder `path` at this revision, sorted.
    pub fn plan_files(&self, path: &str) -> Result<Vec<String>, String> {
        let mut args = vec!["ls-tree", "-r", "-z", "--name-only", &self.rev];
        if !path.is_empty() {
            args.extend(["--", path]);
        }
        let out = git(&self.top, &args)?;
        let mut files: Vec<String> = out
            .split('\0')
            .filter(|f| f.ends_with(".prog"))
            .map(str::to_string)
            .collect();
        files.sort();
        Ok(files)
    }
}

/// `path` with `.` and `..` resolved without asking the file system.
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Runs git in `dir`; its standard output, or its error message.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    String::from_utf8(out.stdout).map_err(|_| "the file is not UTF-8 text".to_string())
}

//! Reading a plan from disk into the database: the root file and,
//! transitively, every file it imports, and the program's baseline file. The one place that reads the
//! imports a plan lacks, for the CLI and the language server alike; the
//! queries themselves never touch the disk.

use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use salsa::Setter;

use crate::baselines::missing_baseline;
use crate::database::Database;
use crate::files::plan_files;
use crate::inputs::{MAX_TEXT_BYTES, Project, Settings, SourceFile, Unreadable};
use crate::programs::{missing_programs, set_programs, unregistered_programs};

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

/// What a file read for a plan is, and so which extension it must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// A plan: the root or an import, `.prog`.
    Plan,
    /// A baseline, `.json`.
    Baseline,
    /// An iCalendar file an export replaces (its events' numbers go on), `.ics`.
    Calendar,
    /// An issue tracker's CSV export `prog sync` and `prog import --from` read, `.csv`.
    TrackerCsv,
    /// GitHub's issues as `gh issue list --json` writes them, `.json`.
    TrackerJson,
    /// MS Project's XML (MSPDI) that `prog import` reads, streamed, `.xml`.
    ProjectXml,
}

impl FileKind {
    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Plan => "prog",
            FileKind::Baseline => "json",
            FileKind::Calendar => "ics",
            FileKind::TrackerCsv => "csv",
            FileKind::TrackerJson => "json",
            FileKind::ProjectXml => "xml",
        }
    }

    /// The largest file of the kind read: a plan's [`MAX_TEXT_BYTES`], and
    /// twice that for a baseline or a calendar (a plan's dates, as JSON or
    /// as events) or a tracker's export (a plan's items with every field
    /// of the tracker), and eight times for MS Project's XML (every field
    /// of every task as an element, read as a stream, never whole).
    pub fn max_bytes(self) -> u64 {
        match self {
            FileKind::Plan => MAX_TEXT_BYTES as u64,
            FileKind::Baseline | FileKind::Calendar | FileKind::TrackerCsv | FileKind::TrackerJson => {
                2 * MAX_TEXT_BYTES as u64
            }
            FileKind::ProjectXml => 8 * MAX_TEXT_BYTES as u64,
        }
    }
}

/// The text of the file at `path`, read as a plan from anyone's repository
/// may have it read: a regular file only (a FIFO, a device or a folder is
/// refused from its metadata, before it is opened, so nothing blocks),
/// with the extension of `kind` (which keeps out `/proc` files, whose size
/// says 0), and of at most its kind's [`FileKind::max_bytes`], never read
/// further. Why not
/// otherwise, in words that never quote the file.
pub fn read_text(path: &Path, kind: FileKind) -> Result<String, String> {
    let (mut file, len) = open_file(path, kind)?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.read_to_end(&mut bytes).map_err(io_reason)?;
    if bytes.len() as u64 > kind.max_bytes() {
        return Err(too_large(kind));
    }
    String::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())
}

/// The file at `path` opened by the rules of [`read_text`], for a reader
/// that streams it, with its length; never more than the kind's limit is
/// read from it.
pub fn open_file(path: &Path, kind: FileKind) -> Result<(std::io::Take<std::fs::File>, u64), String> {
    if path.extension().is_none_or(|e| e != kind.extension()) {
        return Err(format!("not a .{} file", kind.extension()));
    }
    let meta = std::fs::metadata(path).map_err(io_reason)?;
    if !meta.is_file() {
        return Err(format!("not a regular file but {}", file_type(&meta.file_type())));
    }
    if meta.len() > kind.max_bytes() {
        return Err(too_large(kind));
    }
    let file = std::fs::File::open(path).map_err(io_reason)?;
    Ok((file.take(kind.max_bytes() + 1), meta.len()))
}

fn too_large(kind: FileKind) -> String {
    format!("larger than the {} MiB limit", kind.max_bytes() >> 20)
}

fn io_reason(e: std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// `a folder`, `a FIFO`: what a file that is not a regular file is.
fn file_type(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() { "a folder" } else { "a special file" }
}

/// Records why the files at these paths (from [`missing_files`]) could not
/// be read, for the plans' P113 and P117 to say.
pub fn record_unreadable(db: &mut Database, failed: Vec<(String, String)>) {
    let unreadable = Unreadable::get(db);
    let mut reasons = unreadable.reasons(db).clone();
    let mut changed = false;
    for (path, why) in failed {
        changed |= reasons.get(&path) != Some(&why);
        reasons.insert(path, why);
    }
    if changed {
        unreadable.set_reasons(db).to(reasons);
    }
}

/// Reads `root` and every file it imports from disk. An import that cannot
/// be read stays a diagnostic of the plan; a root that cannot be read is an
/// error.
pub fn load_plan(db: &mut Database, root: &Path) -> Result<Project, LoadError> {
    load_plan_with(db, &root.display().to_string(), |path, kind| {
        read_text(Path::new(path), kind)
    })
}

/// Like [`load_plan`], with every file read by `read` (given a path as the
/// root or an import names it, `.` and `..` resolved, and what the file is
/// for): for plans that are not on disk as they are, such as an older
/// revision in git.
pub fn load_plan_with(
    db: &mut Database,
    root: &str,
    mut read: impl FnMut(&str, FileKind) -> Result<String, String>,
) -> Result<Project, LoadError> {
    let text = read(root, FileKind::Plan).map_err(|reason| LoadError {
        path: PathBuf::from(root),
        reason,
    })?;
    let root = SourceFile::new(db, root.to_string(), text.into());
    let settings = Settings::new(db, true);
    let project = Project::new(db, root, vec![root], settings);
    imports_read_by(db, &[project], &mut read);
    programs_read_by(db, project, read);
    Ok(project)
}

/// Makes a project of every other plan whose milestone `project` (or a
/// plan it waits for) waits for, each with its imports read, and registers
/// them all ([`set_programs`]), `project` first.
fn programs_read_by(
    db: &mut Database,
    project: Project,
    mut read: impl FnMut(&str, FileKind) -> Result<String, String>,
) {
    let mut programs = db_programs(db);
    if !programs.contains(&project) {
        programs.push(project);
        set_programs(db, programs.clone());
    }
    loop {
        let wanted = unregistered_programs(db, &programs);
        if wanted.is_empty() {
            return;
        }
        for root in wanted {
            let other = Project::new(db, root, vec![root], *project.settings(db));
            imports_read_by(db, &[other], &mut read);
            programs.push(other);
            set_programs(db, programs.clone());
        }
    }
}

fn db_programs(db: &Database) -> Vec<Project> {
    crate::programs::Programs::get(db).plans(db).clone()
}

/// The files one of `projects` lacks: the imports it cannot find among its
/// files, and the baseline file its program names. A front end that must
/// not read the disk where it applies edits (a language server holding its
/// state) reads these itself and gives them with [`add_files`], until none
/// is missing that it has not tried. Each with what it is for.
pub fn missing_files(db: &Database, projects: &[Project]) -> Vec<(String, FileKind)> {
    let mut paths: Vec<(String, FileKind)> = projects
        .iter()
        .flat_map(|project| {
            let imports = plan_files(db, *project)
                .missing
                .iter()
                .map(|p| (p.clone(), FileKind::Plan));
            let programs = missing_programs(db, *project).into_iter();
            imports
                .chain(programs.map(|p| (p, FileKind::Plan)))
                .chain(missing_baseline(db, *project).map(|p| (p, FileKind::Baseline)))
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
        .map(|(path, text)| SourceFile::new(db, path, text.into()))
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
/// diagnostic of its plan, which says why.
fn imports_read_by(
    db: &mut Database,
    projects: &[Project],
    mut read: impl FnMut(&str, FileKind) -> Result<String, String>,
) {
    let mut tried = HashSet::new();
    loop {
        let missing: Vec<(String, FileKind)> = missing_files(db, projects)
            .into_iter()
            .filter(|missing| tried.insert(missing.clone()))
            .collect();
        if missing.is_empty() {
            return;
        }
        let (mut texts, mut failed) = (Vec::new(), Vec::new());
        for (path, kind) in missing {
            match read(&path, kind) {
                Ok(text) => texts.push((path, text)),
                Err(why) => failed.push((path, why)),
            }
        }
        record_unreadable(db, failed);
        add_files(db, projects, texts);
    }
}

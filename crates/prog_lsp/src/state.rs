//! What the server holds: the analysis host, the open documents (ropes),
//! every file it knows (open or read from disk) and the plans they form.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use prog_db::{AnalysisHost, Database, FileKind, Project, Settings, SourceFile};
use ropey::Rope;
use salsa::Setter;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::client_support::ClientSupport;
use crate::config::Config;
use crate::convert::Ctx;
use crate::line_map::{Encoding, rope_offset};

pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub file: SourceFile,
}

pub struct State {
    pub host: AnalysisHost,
    pub encoding: Encoding,
    pub config: Config,
    pub client: ClientSupport,
    pub docs: HashMap<Uri, Document>,
    /// Every file known, by the path the database names it with.
    files: HashMap<String, SourceFile>,
    uris: HashMap<SourceFile, Uri>,
    projects: Vec<Project>,
    /// The plan of each open document, found on the edit path (see
    /// [`State::settle`]) so that readers only look it up.
    owners: HashMap<SourceFile, Project>,
    /// Folders of files without a program that no plan imports yet: the
    /// plans beside them are read (outside the lock, see [`Wanted`]).
    unread_folders: HashSet<PathBuf>,
    settings: Settings,
}

impl Default for State {
    fn default() -> Self {
        let host = AnalysisHost::default();
        let settings = Settings::new(host.db(), true);
        State {
            host,
            encoding: Encoding::Utf16,
            config: Config::default(),
            client: ClientSupport::default(),
            docs: HashMap::new(),
            files: HashMap::new(),
            uris: HashMap::new(),
            projects: Vec::new(),
            owners: HashMap::new(),
            unread_folders: HashSet::new(),
            settings,
        }
    }
}

/// The database's name for a document: its file path, or the URI itself for
/// documents that are not files.
fn path_of(uri: &Uri) -> String {
    match uri.to_file_path() {
        Some(path) => path.display().to_string(),
        None => uri.as_str().to_string(),
    }
}

/// The text on disk of the file a URI names (a plan, or a baseline for a
/// `.json`), read before the state is locked (no disk reads under the
/// lock). Only what a plan may read is read (see [`prog_db::read_text`]).
pub fn read_uri(uri: &Uri) -> Option<String> {
    let path = path_of(uri);
    let kind = if path.ends_with(".json") {
        FileKind::Baseline
    } else {
        FileKind::Plan
    };
    prog_db::read_text(Path::new(&path), kind).ok()
}

impl State {
    pub fn db(&self) -> &Database {
        self.host.db()
    }

    pub fn open(&mut self, uri: Uri, text: String, version: i32) {
        // The rope first, so that the text is moved into the database, not
        // copied: a large plan's text is copied enough on its way in.
        let rope = Rope::from_str(&text);
        let file = self.file(&path_of(&uri), text);
        self.uris.insert(file, uri.clone());
        self.docs.insert(uri, Document { rope, version, file });
        self.project_of(file);
    }

    /// Applies the edits of one `didChange` in order; false for a document that is not open.
    pub fn change(&mut self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) -> bool {
        let encoding = self.encoding;
        let Some(doc) = self.docs.get_mut(uri) else {
            return false;
        };
        for change in changes {
            match change.range {
                None => doc.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let start = rope_offset(&doc.rope, range.start, encoding);
                    let end = rope_offset(&doc.rope, range.end, encoding).max(start);
                    let (start, end) = (doc.rope.byte_to_char(start), doc.rope.byte_to_char(end));
                    doc.rope.remove(start..end);
                    doc.rope.insert(start, &change.text);
                }
            }
        }
        doc.version = version;
        let (file, text) = (doc.file, text_of(&doc.rope));
        file.set_text(self.host.db_mut()).to(text);
        true
    }

    /// The editor dropped the document: its text is the file's on disk
    /// again (`on_disk`, read by the caller).
    pub fn close(&mut self, uri: &Uri, on_disk: Option<String>) {
        if let Some(doc) = self.docs.remove(uri) {
            doc.file
                .set_text(self.host.db_mut())
                .to(on_disk.unwrap_or_default().into());
        }
    }

    /// A file changed on disk (`on_disk` is its new text, read by the
    /// caller; `None` when it is gone): known again unless the editor has
    /// it open. A file not known yet is taken if it is a plan; any other
    /// (a baseline a plan names) is read when a plan asks for it.
    pub fn reload(&mut self, uri: &Uri, on_disk: Option<String>) {
        if self.docs.contains_key(uri) {
            return;
        }
        let path = path_of(uri);
        if let Some(&file) = self.files.get(&path) {
            match on_disk {
                Some(text) => {
                    file.set_text(self.host.db_mut()).to(text.into());
                }
                None => self.forget(file),
            }
        } else if path.ends_with(".prog")
            && let Some(text) = on_disk
        {
            self.file(&path, text);
        }
    }

    /// Finds again the plan of every open document, so that [`State::ctx`]
    /// runs no query for them, and says what to read from disk for the
    /// plans to be complete: after every edit, and again after applying
    /// what was read ([`State::apply`]), until nothing new is wanted.
    pub fn settle(&mut self) -> Wanted {
        self.owners.clear();
        let open: Vec<SourceFile> = self.docs.values().map(|d| d.file).collect();
        for file in open {
            let project = self.project_of(file);
            self.owners.insert(file, project);
        }
        // Another program a plan waits for (`from`), read already: a plan
        // of its own, for the plans' `from` to find.
        for root in prog_db::unregistered_programs(self.db(), &self.projects) {
            self.new_project(root);
        }
        let folders = std::mem::take(&mut self.unread_folders)
            .into_iter()
            .map(|folder| {
                let known = self
                    .files
                    .keys()
                    .filter(|path| Path::new(path).parent() == Some(folder.as_path()))
                    .cloned()
                    .collect();
                (folder, known)
            })
            .collect();
        Wanted {
            files: prog_db::missing_files(self.db(), &self.projects),
            folders,
        }
    }

    /// Makes known what was read for [`Wanted`]: the files the plans lack
    /// are given to them, and a plan beside a file without a program gets
    /// a plan of its own (so that the file is analysed as part of it).
    pub fn apply(&mut self, read: Read) {
        prog_db::record_unreadable(self.host.db_mut(), read.failed);
        let texts = read
            .files
            .into_iter()
            .filter(|(path, _)| !self.files.contains_key(path))
            .collect();
        for file in prog_db::add_files(self.host.db_mut(), &self.projects, texts) {
            let path = file.path(self.host.db()).clone();
            self.files.insert(path, file);
        }
        for (path, text) in read.beside {
            if self.files.contains_key(&path) {
                continue;
            }
            let other = self.file(&path, text);
            if self.has_program(other) {
                self.new_project(other);
            }
        }
    }

    pub fn doc_file(&self, uri: &Uri) -> Option<SourceFile> {
        self.docs.get(uri).map(|d| d.file)
    }

    /// Whether the file a URI names is one the server holds.
    pub fn knows(&self, uri: &Uri) -> bool {
        self.files.contains_key(&path_of(uri))
    }

    /// The open document or known file a URI names.
    pub fn file_of_uri(&self, uri: &Uri) -> Option<SourceFile> {
        self.doc_file(uri)
            .or_else(|| self.files.get(&path_of(uri)).copied())
    }

    /// The plan `file` belongs to: one that already holds it, else a plan
    /// rooted in another file that imports it, else its own.
    pub fn project_of(&mut self, file: SourceFile) -> Project {
        if let Some(project) = self.known_project(file) {
            return project;
        }
        if !self.has_program(file) {
            // Usually imported by a plan in its folder: read the plans
            // beside it, then it goes to the one that imports it.
            let path = PathBuf::from(file.path(self.db()));
            if let Some(folder) = path.parent() {
                self.unread_folders.insert(folder.to_path_buf());
            }
        }
        self.new_project(file)
    }

    /// Open documents and their versions, for publishing diagnostics.
    pub fn open_documents(&self) -> Vec<(Uri, i32, SourceFile)> {
        self.docs
            .iter()
            .map(|(uri, d)| (uri.clone(), d.version, d.file))
            .collect()
    }

    /// The open documents by file: what protocol locations name them by.
    pub fn open_uris(&self) -> Arc<HashMap<SourceFile, Uri>> {
        Arc::new(self.docs.iter().map(|(uri, d)| (d.file, uri.clone())).collect())
    }

    /// What a request on `file` needs to translate (see [`Ctx`]). Runs no
    /// query for an open document; a file the editor does not have open
    /// gets its plan found here.
    pub fn ctx(&mut self, file: SourceFile, uris: &Arc<HashMap<SourceFile, Uri>>) -> Ctx {
        let project = match self.owners.get(&file) {
            Some(project) => *project,
            None => self.project_of(file),
        };
        Ctx {
            file,
            project,
            encoding: self.encoding,
            config: self.config,
            uris: uris.clone(),
            related: self.client.related_information,
        }
    }

    /// The plan rooted in `file` if it has a program, else a plan that
    /// imports it now. A plan made for a file while no import reached it
    /// (an import being typed) gives way once one does again: the file
    /// belongs to the plans as their current imports make them.
    fn known_project(&self, file: SourceFile) -> Option<Project> {
        let db = self.db();
        let rooted = self.projects.iter().find(|p| *p.root(db) == file);
        let importer = || {
            self.projects
                .iter()
                .find(|p| *p.root(db) != file && prog_db::plan_files(db, **p).files.contains(&file))
        };
        if rooted.is_some() && self.has_program(file) {
            return rooted.copied();
        }
        importer().or(rooted).copied()
    }

    fn has_program(&self, file: SourceFile) -> bool {
        prog_ide::has_program(self.db(), file)
    }

    fn new_project(&mut self, root: SourceFile) -> Project {
        let files: Vec<SourceFile> = self.files.values().copied().collect();
        let project = Project::new(self.host.db(), root, files, self.settings);
        self.projects.push(project);
        prog_db::set_programs(self.host.db_mut(), self.projects.clone());
        project
    }

    /// The file at `path` with `text`, made known to every plan.
    fn file(&mut self, path: &str, text: String) -> SourceFile {
        if let Some(&file) = self.files.get(path) {
            if **file.text(self.db()) != *text {
                file.set_text(self.host.db_mut()).to(text.into());
            }
            return file;
        }
        let file = SourceFile::new(self.host.db(), path.to_string(), text.into());
        self.files.insert(path.to_string(), file);
        for project in self.projects.clone() {
            let mut files = project.files(self.db()).clone();
            files.push(file);
            project.set_files(self.host.db_mut()).to(files);
        }
        file
    }

    fn forget(&mut self, file: SourceFile) {
        self.files.retain(|_, f| *f != file);
        self.projects.retain(|p| *p.root(self.host.db()) != file);
        prog_db::set_programs(self.host.db_mut(), self.projects.clone());
        for project in self.projects.clone() {
            let files: Vec<SourceFile> = project
                .files(self.db())
                .iter()
                .copied()
                .filter(|f| *f != file)
                .collect();
            project.set_files(self.host.db_mut()).to(files);
        }
    }
}

/// What the state wants read from disk (see [`State::settle`]): the files
/// its plans lack, and the folders of files that a plan beside them may
/// import, each with the files of it already known.
#[derive(Default)]
pub struct Wanted {
    files: Vec<(String, FileKind)>,
    folders: Vec<(PathBuf, HashSet<String>)>,
}

/// What was read for [`Wanted`]: texts by path, and why the files that
/// could not be read were not.
pub struct Read {
    files: Vec<(String, String)>,
    failed: Vec<(String, String)>,
    beside: Vec<(String, String)>,
}

/// How many plans beside a file are read at most.
const BESIDE_LIMIT: usize = 64;

impl Wanted {
    /// Reads from disk what was not `tried` yet (with the state unlocked);
    /// `None` when nothing new was wanted.
    pub fn read(self, tried: &mut HashSet<String>) -> Option<Read> {
        let files: Vec<(String, FileKind)> = self
            .files
            .into_iter()
            .filter(|(p, _)| tried.insert(p.clone()))
            .collect();
        let folders: Vec<(PathBuf, HashSet<String>)> = self
            .folders
            .into_iter()
            .filter(|(folder, _)| tried.insert(folder.display().to_string()))
            .collect();
        if files.is_empty() && folders.is_empty() {
            return None;
        }
        let (mut read, mut failed) = (Vec::new(), Vec::new());
        for (path, kind) in files {
            match prog_db::read_text(Path::new(&path), kind) {
                Ok(text) => read.push((path, text)),
                Err(why) => failed.push((path, why)),
            }
        }
        let mut beside = Vec::new();
        for (folder, known) in folders {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            let plans = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "prog"))
                .map(|p| p.display().to_string())
                .filter(|p| !known.contains(p))
                .take(BESIDE_LIMIT);
            let texts = plans.filter_map(|path| {
                let text = prog_db::read_text(Path::new(&path), FileKind::Plan).ok()?;
                Some((path, text))
            });
            beside.extend(texts);
        }
        Some(Read {
            files: read,
            failed,
            beside,
        })
    }
}

/// The rope's text, copied once into a string of the right size:
/// `Rope::to_string` goes through `Display`, growing the string chunk by
/// chunk (a tenth of a keystroke's time on a 1 MB plan).
fn text_of(rope: &Rope) -> Arc<String> {
    let mut text = String::with_capacity(rope.len_bytes());
    rope.chunks().for_each(|chunk| text.push_str(chunk));
    Arc::new(text)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::PathBuf;

    use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

    use super::{State, Wanted};

    /// A folder of its own under the temporary directory, with `files`.
    fn folder(test: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("prog-state-{test}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        dir
    }

    fn uri(path: PathBuf) -> Uri {
        format!("file://{}", path.display()).parse().unwrap()
    }

    /// Reads what the state wants, unlocked, and applies it, as
    /// `Server::write` does after an edit.
    fn read_and_apply(state: &mut State, mut wanted: Wanted) {
        let mut tried = HashSet::new();
        while let Some(read) = wanted.read(&mut tried) {
            state.apply(read);
            wanted = state.settle();
        }
    }

    /// No disk reads under the state lock. Opening a file
    /// without a program and editing in an import read nothing; the
    /// plans beside it and the import are read afterwards, unlocked.
    #[test]
    fn edits_read_nothing_from_disk_and_say_what_to_read() {
        let dir = folder(
            "reads",
            &[
                (
                    "plan.prog",
                    "import \"teams.prog\"\nprogram p { start 2027-01-04 }\n",
                ),
                ("teams.prog", "person al { }\n"),
                ("more.prog", "person bo { }\n"),
            ],
        );
        let teams = uri(dir.join("teams.prog"));
        let plan = uri(dir.join("plan.prog"));
        let mut state = State::default();
        state.open(teams.clone(), "person al { }\n".into(), 1);
        let wanted = state.settle();
        assert!(!state.knows(&plan), "the plan beside was not read while locked");
        read_and_apply(&mut state, wanted);
        assert!(state.knows(&plan), "the plan beside is read afterwards");
        // The file is analysed as part of the plan that imports it.
        let file = state.doc_file(&teams).unwrap();
        let owner = state.owners[&file];
        assert_eq!(*owner.root(state.db()), state.file_of_uri(&plan).unwrap());

        // An import typed into an open plan: read after the edit, not in it.
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/more.prog"), "person bo { }\n").unwrap();
        let more = uri(dir.join("sub/more.prog"));
        let change = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "import \"sub/more.prog\"\nimport \"teams.prog\"\nprogram p { start 2027-01-04 }\n".into(),
        };
        state.open(
            plan.clone(),
            "import \"teams.prog\"\nprogram p { start 2027-01-04 }\n".into(),
            1,
        );
        let wanted = state.settle();
        read_and_apply(&mut state, wanted);
        assert!(state.change(&plan, 2, vec![change]));
        let wanted = state.settle();
        assert!(!state.knows(&more), "the import was not read while locked");
        read_and_apply(&mut state, wanted);
        assert!(state.knows(&more), "the import is read afterwards");
    }
}

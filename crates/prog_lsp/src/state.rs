//! What the server holds: the analysis host, the open documents (ropes),
//! every file it knows (open or read from disk) and the plans they form.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use prog_db::{AnalysisHost, Database, Project, Settings, SourceFile};
use ropey::Rope;
use salsa::Setter;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::capabilities::ClientSupport;
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
    /// [`State::refresh_owners`]) so that readers only look it up.
    owners: HashMap<SourceFile, Project>,
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

fn read(path: &Path) -> Option<String> {
    prog_db::read_text(path).ok()
}

/// The text on disk of the file a URI names, read before the state is
/// locked (no disk reads under the lock).
pub fn read_uri(uri: &Uri) -> Option<String> {
    read(Path::new(&path_of(uri)))
}

impl State {
    pub fn db(&self) -> &Database {
        self.host.db()
    }

    pub fn open(&mut self, uri: Uri, text: String, version: i32) {
        let file = self.file(&path_of(&uri), text.clone());
        self.uris.insert(file, uri.clone());
        self.docs.insert(
            uri,
            Document {
                rope: Rope::from_str(&text),
                version,
                file,
            },
        );
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
        let (file, text) = (doc.file, doc.rope.to_string());
        file.set_text(self.host.db_mut()).to(text);
        self.load_imports();
        true
    }

    /// The editor dropped the document: its text is the file's on disk
    /// again (`on_disk`, read by the caller).
    pub fn close(&mut self, uri: &Uri, on_disk: Option<String>) {
        if let Some(doc) = self.docs.remove(uri) {
            doc.file
                .set_text(self.host.db_mut())
                .to(on_disk.unwrap_or_default());
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
                    file.set_text(self.host.db_mut()).to(text);
                }
                None => self.forget(file),
            }
        } else if path.ends_with(".prog")
            && let Some(text) = on_disk
        {
            self.file(&path, text);
        }
        self.load_imports();
    }

    /// Finds again the plan of every open document: after every edit, so
    /// that [`State::ctx`] runs no query for them.
    pub fn refresh_owners(&mut self) {
        self.owners.clear();
        let open: Vec<SourceFile> = self.docs.values().map(|d| d.file).collect();
        for file in open {
            let project = self.project_of(file);
            self.owners.insert(file, project);
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
            self.read_siblings(file);
            if let Some(project) = self.known_project(file) {
                return project;
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
        self.load_imports();
        project
    }

    /// A file without a program is usually imported by one in its folder:
    /// read the plans beside it, so that it is analysed as part of them.
    fn read_siblings(&mut self, file: SourceFile) {
        let path = PathBuf::from(file.path(self.db()));
        let Some(dir) = path.parent().and_then(|d| std::fs::read_dir(d).ok()) else {
            return;
        };
        let siblings: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "prog") && *p != path)
            .take(64)
            .collect();
        for sibling in siblings {
            let key = sibling.display().to_string();
            if self.files.contains_key(&key) {
                continue;
            }
            if let Some(text) = read(&sibling) {
                let other = self.file(&key, text);
                if self.has_program(other) {
                    self.new_project(other);
                }
            }
        }
    }

    /// Reads every import that no plan has yet from disk (see
    /// [`prog_db::load_imports`]), and knows the files read by their path.
    fn load_imports(&mut self) {
        for file in prog_db::load_imports(self.host.db_mut(), &self.projects) {
            let path = file.path(self.host.db()).clone();
            self.files.insert(path, file);
        }
    }

    /// The file at `path` with `text`, made known to every plan.
    fn file(&mut self, path: &str, text: String) -> SourceFile {
        if let Some(&file) = self.files.get(path) {
            if file.text(self.db()) != &text {
                file.set_text(self.host.db_mut()).to(text);
            }
            return file;
        }
        let file = SourceFile::new(self.host.db(), path.to_string(), text);
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

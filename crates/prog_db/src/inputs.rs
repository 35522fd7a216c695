//! The inputs of the database: source files, the plans they form, and the
//! user's settings. Everything else is computed from them.

use std::collections::BTreeMap;
use std::sync::Arc;

/// The largest plan text analysed, 32 MiB (above the 20 MB plan the
/// benchmarks use): a file or an open document over it is refused whole,
/// with one diagnostic, before it is lexed (a text of one-byte tokens costs
/// tens of times its size to parse). Reading a plan stops there too.
pub const MAX_TEXT_BYTES: usize = 32 << 20;

/// One source file: its path (as the user or an import named it) and text.
/// The text is shared (an `Arc` made from a `String` without copying it):
/// a database that analyses once cuts it in chunks that read it in place
/// (see `chunk_text`).
#[salsa::input(debug)]
pub struct SourceFile {
    #[returns(ref)]
    pub path: String,
    #[returns(ref)]
    pub text: Arc<String>,
}

/// A plan: its root file, and every file the workspace knows (imports are
/// looked up among them by path).
#[salsa::input(debug)]
pub struct Project {
    pub root: SourceFile,
    #[returns(ref)]
    pub files: Vec<SourceFile>,
    pub settings: Settings,
}

/// Why the files a plan wanted could not be read, by path: recorded by the
/// front end that tried ([`crate::record_unreadable`]), said in the plan's
/// P113 and P117. One for the database (made with it).
#[salsa::input(singleton)]
pub struct Unreadable {
    #[returns(ref)]
    pub reasons: BTreeMap<String, String>,
}

/// What the user chose about the analysis.
#[salsa::input(debug)]
pub struct Settings {
    /// Report hints (such as tasks without an owner), not only errors and warnings.
    pub hints: bool,
}

impl Project {
    /// A plan of one file, read from memory (tests, standard input).
    pub fn single_file(db: &dyn salsa::Database, path: &str, text: &str) -> Project {
        let file = SourceFile::new(db, path.to_string(), Arc::new(text.to_string()));
        Project::new(db, file, vec![file], Settings::new(db, true))
    }
}

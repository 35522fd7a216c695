//! The analysis database: every front end (the CLI, the language server)
//! asks it for syntax, the plan model, the schedule and diagnostics.
//!
//! # Queries
//!
//! The inputs are [`SourceFile`]s (path and text), a [`Project`] (the root
//! file of a plan and every file the workspace knows) and [`Settings`].
//! Everything else is a memoised salsa query:
//!
//! - [`file_items`] splits a file at its top-level items (after an edit,
//!   only around the change); each item's text is interned, so
//!   [`parse_item`] and [`lower_item`] run again only for an item whose text
//!   changed, wherever it moved to; [`file_lowered`] and [`file_decls`]
//!   gather them;
//! - [`plan_files`] follows `import`s; [`resolution`] joins every item into
//!   the plan model. Its locations are anchored to items and their parts
//!   rather than to files (see [`Anchors`]), and the values it only copies
//!   into tasks are left out of it (see [`LoweredItem`]), so an edit that
//!   moves things or changes a duration, a date or progress does not run it
//!   again;
//! - [`plan_shape`] is the model without titles and prose, with the task
//!   values put in, so that
//!   [`schedule`] and [`schedule_findings`] are not run again (salsa
//!   backdates them) after an edit to whitespace, a comment or a title;
//!   [`resource_load`] and [`overload_findings`] are per resource, so that
//!   an edit redoes those of the resources whose bookings it moved;
//!   [`load`] gathers every resource's;
//! - [`file_diagnostic_groups`] places everything located in one file, in
//!   groups memoised apart (those of each resource's over-allocations, of
//!   resolution, ...), so that after an edit only the groups it changed are
//!   new: what a language server converts and publishes.
//!   [`file_diagnostics`] is one file's in order, [`diagnostics`] every
//!   file's;
//!   [`resolved`] is the model with its source map placed in the real
//!   files, for front ends that navigate; [`line_index`] maps offsets to
//!   lines.
//!
//! # Threading model
//!
//! A [`Database`] is `Send` but not `Sync`; cloning it is cheap and gives a
//! snapshot that shares the memoised results. [`AnalysisHost`] owns the one
//! database that is written to; [`AnalysisHost::snapshot`] hands out
//! [`Snapshot`]s for readers, each to be used on a thread of its own (a
//! blocking pool in the server, never an async worker thread). A write
//! first cancels every snapshot's running queries and then waits until every
//! snapshot has been dropped, so:
//!
//! - readers run their queries through [`Snapshot::with`], which turns the
//!   cancellation into [`Cancelled`] instead of a panic: the caller retries
//!   or answers the request as cancelled;
//! - a snapshot must not be held across a wait for the writer (that is the
//!   one way to deadlock), which is why the host applies edits on its own
//!   path and readers drop their snapshot as soon as they have an answer.

mod cut;
mod database;
mod findings;
mod host;
mod items;
mod loader;
mod place;
mod placed;
mod queries;
mod resources;
mod shape;

pub use database::Database;
pub use findings::{overload_findings, schedule_findings};
pub use host::{AnalysisHost, Cancelled, Snapshot};
pub use items::{
    Item, ItemText, LoweredItem, file_decls, file_items, file_lowered, item_offsets, lower_item, parse_item,
};
pub use loader::{LoadError, load_plan};
pub use place::Anchors;
pub use placed::file_diagnostic_groups;
pub use queries::{
    PlanFiles, Resolution, anchors, diagnostics, file_diagnostics, line_index, plan_files, plan_shape,
    resolution, resolved, schedule, work_calendar,
};
pub use resources::{load, resource_load};
pub use shape::Titles;

/// One source file: its path (as the user or an import named it) and text.
#[salsa::input(debug)]
pub struct SourceFile {
    #[returns(ref)]
    pub path: String,
    #[returns(ref)]
    pub text: String,
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

/// What the user chose about the analysis.
#[salsa::input(debug)]
pub struct Settings {
    /// Report hints (such as tasks without an owner), not only errors and warnings.
    pub hints: bool,
}

impl Project {
    /// A plan of one file, read from memory (tests, standard input).
    pub fn single_file(db: &Database, path: &str, text: &str) -> Project {
        let file = SourceFile::new(db, path.to_string(), text.to_string());
        Project::new(db, file, vec![file], Settings::new(db, true))
    }
}

//! The analysis database: every front end (the CLI, the language server)
//! asks it for syntax, the plan model, the schedule and diagnostics.
//!
//! # Queries
//!
//! The inputs (`inputs`) are [`SourceFile`]s (path and text), a [`Project`]
//! (the root file of a plan and every file the workspace knows) and
//! [`Settings`].
//! Everything else is a memoised salsa query:
//!
//! The modules form a line, each reading only those before it:
//!
//! - `items` (per file): a file is cut at its top-level items, grouped in
//!   chunks of about 32 (after an edit, only around the change, see `cut`);
//!   each chunk is a tracked struct whose parse and lowering run again only
//!   when its text changed, wherever it moved to, and which is deleted with
//!   its memos once an edit replaced it. [`file_items`] and [`item_at`] give
//!   each item's syntax;
//! - `files`: [`plan_files`] follows `import`s, [`line_index`] maps offsets
//!   to lines; `loader` reads from disk what the plan lacks ([`load_plan`],
//!   [`missing_files`] and [`add_files`] for a front end that reads them
//!   itself): imports, and the baseline file the program names
//!   ([`program_baseline`] parses it), the only I/O of the crate;
//! - `programs`: the other programs a plan waits for (`from … milestone`),
//!   each a [`Project`] the loader made and registered ([`set_programs`]);
//!   [`program_links`] finds the statements in the items' syntax, and
//!   [`program_chains`] the programs that wait on each other, before
//!   anything is scheduled (a salsa query cycle otherwise); resolution's
//!   `from_programs` puts each milestone's forecast date in [`plan_shape`];
//! - `anchors`: resolution sees every item as a file of its own and every
//!   span as a numbered site, so its locations are item-numbered; they are
//!   wrapped in a type of their own, never leave the crate, and are placed
//!   in the real files by the plan's anchors;
//! - `resolution` joins every item into the plan model; the values it only
//!   copies into tasks are left out of it, so an edit that moves things or
//!   changes a duration, a date or progress does not run it again.
//!   [`plan_shape`] is the model without titles and prose, with the task
//!   values put in; [`resolved`] is the model with its source map placed in
//!   the real files, for front ends that navigate;
//! - `scheduling`: [`schedule`] and its findings are not run again (salsa
//!   backdates them) after an edit to whitespace, a comment or a title;
//! - `externals`: [`external_timings`] (each external's needed-by date and
//!   slack, from the plan scheduled with the externals unpinned) and the
//!   findings on externals, both empty and cheap for a plan without any;
//! - `resources`: the load and the over-allocation findings are memoised
//!   per block of resources (a person with many tasks is a block of their
//!   own, 32 people with a task each are one), so that an edit redoes those
//!   of the blocks whose bookings it moved and salsa verifies a memo per
//!   block, not per resource; [`resource_load`] reads one resource's,
//!   [`load`] gathers every block's;
//! - `cascades`: which warnings and hints may only follow from an error
//!   (those about a declaration with one), left out of the diagnostics;
//! - `plan_diagnostics`: [`file_diagnostic_groups`] places everything located
//!   in one file, in groups memoised apart (those of each block of resources'
//!   over-allocations, of resolution, ...), so that after an edit only the
//!   groups it changed are new: what a language server converts and
//!   publishes. [`file_diagnostics`] is one file's in order,
//!   [`diagnostics`] every file's.
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
//!
//! A database that analyses once takes a second handle to help, on another
//! thread: [`analyse_with_helper`].

mod anchors;
mod baselines;
mod cascades;
mod chunk_text;
mod cut;
mod database;
mod externals;
mod files;
mod helper;
mod host;
mod inputs;
mod items;
mod loader;
mod once;
mod people;
mod plan_diagnostics;
mod programs;
mod resolution;
mod resources;
mod scheduling;
mod titles;
mod writes;

pub use baselines::{BaselineRef, baseline_ref, program_baseline};
pub use database::Database;
pub use externals::external_timings;
pub use files::{PlanFiles, independent_plans, line_index, plan_files};
pub use helper::analyse_with_helper;
pub use host::{AnalysisHost, Cancelled, Snapshot};
pub use inputs::{MAX_TEXT_BYTES, Project, Settings, SourceFile};
pub use items::{ItemSyntax, declares_program, file_items, item_at};
pub use loader::{
    FileKind, LoadError, add_files, load_plan, load_plan_with, missing_files, open_file, read_text,
    record_unreadable,
};
pub use plan_diagnostics::{diagnostics, file_diagnostic_groups, file_diagnostics};
pub use programs::{
    Link, MAX_PROGRAMS, Programs, Target, program_chains, program_links, program_targets, same_path,
    set_programs, unregistered_programs,
};
pub use resolution::{plan_shape, resolved};
pub use resources::{load, resource_load};
pub use scheduling::{schedule, work_calendar};
pub use writes::cancellation_check;

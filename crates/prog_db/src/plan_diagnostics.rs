//! The diagnostics of a plan, placed in their real files, in groups
//! memoised apart: the syntax and lowering errors of a file's items, those
//! of resolution, those of the schedule, and the over-allocations of each
//! block of resources.
//!
//! A plan can have thousands of diagnostics. After an edit to one task's
//! duration only the groups it changed are placed again, and a front end
//! that keeps what it made of each group (a language server converting to
//! protocol types) redoes only those.
//!
//! Warnings and hints that may only follow from an error are left out here,
//! for every front end alike: see [`crate::cascades`].

use std::sync::Arc;

use prog_sema::{Code, Diagnostic, FileId, Location, Severity};

use crate::anchors::anchors;
use crate::baselines::baseline_errors;
use crate::cascades::{InError, error_places};
use crate::externals::external_findings;
use crate::files::plan_files;
use crate::inputs::{Project, SourceFile};
use crate::items::{chunk_offsets, file_lowered};
use crate::people::people_findings;
use crate::resolution::{program_errors, resolution};
use crate::resources::{overload_findings, resource_blocks};
use crate::scheduling::schedule_findings;

/// The diagnostics located in `file`, in groups: each is memoised apart, so
/// that after an edit a group it did not change is the same `Arc` as
/// before. Ordered by group, not by position (see [`file_diagnostics`] for
/// one list in order). Left out: "no program" while the plan has syntax
/// errors (a program that does not parse is missing for that reason), and
/// the warnings and hints about a declaration with an error (see
/// [`crate::cascades`]).
#[salsa::tracked(returns(ref))]
pub fn file_diagnostic_groups(
    db: &dyn salsa::Database,
    project: Project,
    file: SourceFile,
) -> Vec<Arc<[Diagnostic]>> {
    let plan_files = plan_files(db, project);
    let Some(id) = plan_files.id_of(file) else {
        return Vec::new();
    };
    let hints = *project.settings(db).hints(db);
    let in_error = declarations_in_error(db, project);
    let mut groups = Vec::new();
    let mut add = |group: &Arc<[Diagnostic]>| groups.extend(in_file(group, id, hints, in_error));
    add(&plan_files.import_errors.iter().cloned().collect());
    add(baseline_errors(db, project));
    add(placed_item_diagnostics(db, project, file));
    let resolution = placed_resolution(db, project);
    if resolution.iter().any(is_no_program) && has_syntax_errors(db, project) {
        // A program that does not parse is missing for that reason: "no
        // program" would only repeat the syntax error.
        add(&resolution.iter().filter(|d| !is_no_program(d)).cloned().collect());
    } else {
        add(resolution);
    }
    add(placed_schedule_findings(db, project));
    add(placed_people_findings(db, project));
    add(placed_external_findings(db, project));
    add(program_errors(db, project));
    for block in 0..resource_blocks(db, project).len() as u32 {
        add(placed_overloads(db, project, block));
    }
    groups
}

/// The part of `group` located in `file` (the whole group, shared, when it
/// all is), without hints unless they are wanted, and without what an error
/// may cause.
fn in_file(
    group: &Arc<[Diagnostic]>,
    file: FileId,
    hints: bool,
    in_error: &InError,
) -> Option<Arc<[Diagnostic]>> {
    let wanted = |d: &Diagnostic| {
        d.location.file == file && (hints || d.severity != Severity::Hint) && !in_error.hides(d)
    };
    if group.iter().all(wanted) {
        return (!group.is_empty()).then(|| group.clone());
    }
    let part: Arc<[Diagnostic]> = group.iter().filter(|d| wanted(d)).cloned().collect();
    (!part.is_empty()).then_some(part)
}

/// The syntax and lowering diagnostics of the file's items, shifted from
/// their item to the file, at most [`prog_sema::KEPT_PER_CODE`] of each
/// code: a file of garbage has an error per item, and an editor or a
/// terminal given 270,000 of them is of no use to anyone.
#[salsa::tracked(returns(ref))]
fn placed_item_diagnostics(
    db: &dyn salsa::Database,
    project: Project,
    file: SourceFile,
) -> Arc<[Diagnostic]> {
    let mut placed = prog_sema::Diagnostics::default();
    for (d, shift) in item_diagnostics(db, project, file) {
        placed.push(shift.place(d));
    }
    placed.into_vec().into()
}

/// Every syntax and lowering diagnostic of the file's items, with the
/// shift from its item to the file.
fn item_diagnostics(
    db: &dyn salsa::Database,
    project: Project,
    file: SourceFile,
) -> impl Iterator<Item = (&Diagnostic, Shift)> {
    let id = plan_files(db, project).id_of(file);
    id.into_iter().flat_map(move |file_id| {
        let chunks = file_lowered(db, file).iter().zip(chunk_offsets(db, file));
        chunks.flat_map(move |(lowered, &offset)| {
            let shift = Shift {
                file: file_id,
                offset,
            };
            lowered.diagnostics.iter().map(move |d| (d, shift))
        })
    })
}

/// From a place in an item's chunk to the place in the file.
#[derive(Clone, Copy)]
struct Shift {
    file: FileId,
    offset: usize,
}

impl Shift {
    fn at(self, location: Location) -> Location {
        Location {
            file: self.file,
            span: location.span.shifted(self.offset),
        }
    }

    fn place(self, d: &Diagnostic) -> Diagnostic {
        let mut d = d.clone();
        d.location = self.at(d.location);
        for r in &mut d.related {
            r.location = self.at(r.location);
        }
        d
    }
}

#[salsa::tracked(returns(ref))]
fn placed_resolution(db: &dyn salsa::Database, project: Project) -> Arc<[Diagnostic]> {
    // Resolved before the anchors are made, which lower every chunk:
    // analysing once, resolution lowers each as it comes to it and frees
    // its declarations, which would otherwise all wait for it.
    let diagnostics = &resolution(db, project).diagnostics;
    anchors(db, project).place_diagnostics(diagnostics).collect()
}

#[salsa::tracked(returns(ref))]
fn placed_schedule_findings(db: &dyn salsa::Database, project: Project) -> Arc<[Diagnostic]> {
    let anchors = anchors(db, project);
    anchors
        .place_diagnostics(schedule_findings(db, project))
        .collect()
}

#[salsa::tracked(returns(ref))]
fn placed_people_findings(db: &dyn salsa::Database, project: Project) -> Arc<[Diagnostic]> {
    let anchors = anchors(db, project);
    anchors.place_diagnostics(people_findings(db, project)).collect()
}

#[salsa::tracked(returns(ref))]
fn placed_external_findings(db: &dyn salsa::Database, project: Project) -> Arc<[Diagnostic]> {
    let anchors = anchors(db, project);
    anchors
        .place_diagnostics(external_findings(db, project))
        .collect()
}

#[salsa::tracked(returns(ref))]
fn placed_overloads(db: &dyn salsa::Database, project: Project, block: u32) -> Arc<[Diagnostic]> {
    let anchors = anchors(db, project);
    anchors
        .place_diagnostics(overload_findings(db, project, block))
        .collect()
}

/// Every diagnostic of the plan, causes before what they cause: errors
/// before warnings before hints, and among them syntax before names and
/// values before the schedule's findings (by the first digit of the code);
/// then by file and position. Read from the memoised groups, not copied: a
/// plan can have thousands of diagnostics.
pub fn diagnostics(db: &dyn salsa::Database, project: Project) -> Vec<&Diagnostic> {
    let files = &plan_files(db, project).files;
    let mut all: Vec<&Diagnostic> = files
        .iter()
        .flat_map(|file| file_diagnostics(db, project, *file))
        .collect();
    // Stable: file and position order stay within each class.
    all.sort_by_key(|d| (std::cmp::Reverse(d.severity), d.code.as_str().as_bytes()[1]));
    all
}

/// The declarations with an error of syntax, names or values.
#[salsa::tracked(returns(ref))]
fn declarations_in_error(db: &dyn salsa::Database, project: Project) -> InError {
    // Resolution first (see `placed_resolution`).
    let placed = placed_resolution(db, project).iter();
    let files = &plan_files(db, project).files;
    let item_errors = files
        .iter()
        .flat_map(|file| item_error_places(db, project, *file).iter().copied());
    // A `from` without a date leaves its external without one.
    let placed = placed.chain(program_errors(db, project).iter());
    InError::new(db, project, item_errors.chain(placed.flat_map(error_places)))
}

/// The places of every error of the file's items, not only of the first
/// of each code that are shown: a declaration whose error is not shown is
/// in error all the same. Equal (and so backdated) after an edit that
/// changes no error, so the declarations in error are not found again.
#[salsa::tracked(returns(ref))]
fn item_error_places(db: &dyn salsa::Database, project: Project, file: SourceFile) -> Vec<Location> {
    item_diagnostics(db, project, file)
        .flat_map(|(d, shift)| error_places(d).map(move |at| shift.at(at)))
        .collect()
}

fn has_syntax_errors(db: &dyn salsa::Database, project: Project) -> bool {
    let plan_files = plan_files(db, project);
    let too_large = plan_files.import_errors.iter().any(|d| d.code == Code::Syntax);
    too_large
        || plan_files.files.iter().any(|file| {
            placed_item_diagnostics(db, project, *file)
                .iter()
                .any(|d| d.code == Code::Syntax)
        })
}

fn is_no_program(d: &Diagnostic) -> bool {
    d.code == Code::NoProgram && d.message == prog_sema::NO_PROGRAM
}

/// The diagnostics located in `file`, ordered by position: what
/// `prog check` prints of it.
pub fn file_diagnostics(db: &dyn salsa::Database, project: Project, file: SourceFile) -> Vec<&Diagnostic> {
    let mut found: Vec<&Diagnostic> = file_diagnostic_groups(db, project, file)
        .iter()
        .flat_map(|group| group.iter())
        .collect();
    found.sort_by_key(|d| (d.location.span.start(), d.location.span.end()));
    found
}

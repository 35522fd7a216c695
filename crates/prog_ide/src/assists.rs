//! Code actions: quick fixes for diagnostics, refactorings, and leveling.

mod edit;
mod fixes;
mod level;
mod people;
mod progress;
mod wrap_in_group;

pub use progress::today;

use prog_db::Project;
use prog_sema::{Code, Diagnostic, Location, Related};

use crate::{FileRange, SourceChange};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssistKind {
    QuickFix,
    Refactor,
    /// Changes to the whole plan (`source` in the protocol).
    Source,
}

/// Which assists to compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AssistConfig {
    /// The assists that run the leveling engine ("Level resources", and
    /// resolving one over-allocation as leveling would): up to a few hundred
    /// milliseconds on large plans, so only when the user asks for actions,
    /// not for every lightbulb the editor computes as the cursor moves.
    pub leveling: bool,
    /// Today's date, for "Move the status date to today"; `None` leaves
    /// that assist out.
    pub today: Option<chrono::NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assist {
    pub title: String,
    pub kind: AssistKind,
    /// The diagnostic the fix resolves.
    pub diagnostic: Option<Diagnostic>,
    pub change: SourceChange,
}

/// Everything that can be done at `range`: fixes for the diagnostics it
/// touches, refactorings of the selection, then "Level resources" when the
/// plan is over-allocated.
pub fn assists(
    db: &dyn salsa::Database,
    project: Project,
    range: FileRange,
    config: AssistConfig,
) -> Vec<Assist> {
    let mut out = Vec::new();
    let files = crate::plan_files(db, project);
    if let Some(id) = files.iter().position(|f| *f == range.file) {
        let touches = |l: &Location| {
            l.file.0 as usize == id
                && l.span.start() <= range.span.end()
                && range.span.start() <= l.span.end()
        };
        for d in prog_db::file_diagnostics(db, project, range.file) {
            if touches(&d.location) {
                fixes::for_diagnostic(db, project, range.file, d, config, &mut out);
            } else if d.code == Code::OverAllocation
                && let Some(at) = d.related.iter().find(|r| touches(&r.location))
            {
                // One finding stands for every assignment of its period:
                // each of them offers the fixes, as if it were the finding's place.
                let mut moved = d.clone();
                moved.location = at.location;
                moved.related = std::iter::once(Related {
                    location: d.location,
                    message: at.message.clone(),
                })
                .chain(d.related.iter().filter(|r| r.location != at.location).cloned())
                .collect();
                fixes::for_diagnostic(db, project, range.file, &moved, config, &mut out);
            }
        }
    }
    wrap_in_group::assist(db, project, range, &mut out);
    progress::assists(db, project, range, config, &mut out);
    people::assists(db, project, range, config, &mut out);
    if config.leveling {
        level::level_resources(db, project, &mut out);
    }
    out
}

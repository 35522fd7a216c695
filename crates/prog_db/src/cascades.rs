//! Findings that only follow from an error.
//!
//! An error in a declaration leaves something out of the plan model: a
//! dependency or an assignment whose id is unknown, a value that could not
//! be read, or (for an id defined twice) a second task or resource where one
//! was meant. What the schedule then finds about the declaration (two tasks
//! of one person side by side because the `after` between them was lost, a
//! duplicate booked on top of its first definition, a task "unassigned"
//! because its `owner` is a typo) may follow from the error alone. So while
//! a declaration has an error, only its errors are reported: every warning
//! and hint located in it, or pointing into it (an over-allocation names
//! the other tasks involved as related places), waits until the error is
//! fixed, and comes back then if it still holds.
//!
//! Precisely: a declaration (the program, a calendar, a person, a team, a
//! task, milestone or group, a risk, an approval) has an error when an
//! error of syntax, names or values (the diagnostics of lowering and of
//! resolution) is located in it and in none of its children; a duplicate
//! id puts the first definition in error too. A group in error covers all
//! it holds (its dependencies and dates are its children's).
//!
//! The declarations are found in the lowered declarations of the chunks
//! the errors are in (their spans are those of the syntax), not in the plan
//! model: typing makes errors all the time, and what one costs must not
//! grow with the plan. Nothing is parsed again: an item of a million
//! unknown ids costs no second syntax tree.

use prog_sema::{Code, Diagnostic, Location, Severity};
use prog_syntax::Span;

use crate::files::plan_files;
use crate::inputs::Project;
use crate::items::lowered_at;

/// The declarations with an error, as the disjoint places they cover,
/// sorted by file and position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct InError {
    covered: Vec<Location>,
}

impl InError {
    /// The declarations of the project in which one of the places of
    /// errors (see [`error_places`], placed in the real files) lies.
    pub(crate) fn new(
        db: &dyn salsa::Database,
        project: Project,
        places: impl IntoIterator<Item = Location>,
    ) -> InError {
        let files = &plan_files(db, project).files;
        let mut places: Vec<Location> = places.into_iter().collect();
        places.sort_by_key(|l| (l.file, l.span.start()));
        let mut covered = Vec::new();
        for at in places {
            let Some(file) = files.get(at.file.0 as usize) else {
                continue;
            };
            let Some((offset, chunk)) = lowered_at(db, *file, at.span.start()) else {
                continue;
            };
            let within = Span::new(
                at.span.start().saturating_sub(offset),
                at.span.end().saturating_sub(offset),
            );
            let decl = innermost_around(&chunk.outline, &chunk.sites, within);
            if let Some(decl) = decl {
                covered.push(Location {
                    file: at.file,
                    span: decl.shifted(offset),
                });
            }
        }
        covered.sort_by_key(|l| (l.file, l.span.start(), std::cmp::Reverse(l.span.end())));
        // Keep the outermost of nested places: a group in error covers its children.
        covered.dedup_by(|inner, outer| outer.file == inner.file && outer.span.end() >= inner.span.end());
        InError { covered }
    }

    /// Whether `d` is a warning or hint about a declaration with an error.
    pub(crate) fn hides(&self, d: &Diagnostic) -> bool {
        d.severity != Severity::Error
            && !self.covered.is_empty()
            && (self.covers(d.location) || d.related.iter().any(|r| self.covers(r.location)))
    }

    fn covers(&self, at: Location) -> bool {
        let after = self
            .covered
            .partition_point(|l| (l.file, l.span.start()) <= (at.file, at.span.start()));
        after > 0 && contains(self.covered[after - 1], at)
    }
}

/// Where an error puts declarations in error: where it is, and for a
/// duplicate id the first definition too. Nothing for a warning or hint.
pub(crate) fn error_places(d: &Diagnostic) -> impl Iterator<Item = Location> {
    let error = (d.severity == Severity::Error).then_some(d.location);
    let first_definition = d
        .related
        .first()
        .filter(|_| error.is_some() && d.code == Code::DuplicateId);
    error.into_iter().chain(first_definition.map(|r| r.location))
}

fn contains(outer: Location, inner: Location) -> bool {
    outer.file == inner.file && span_contains(outer.span, inner.span)
}

fn span_contains(outer: Span, inner: Span) -> bool {
    outer.start() <= inner.start() && inner.end() <= outer.end()
}

/// The span of the innermost declaration around `at`, given the
/// declarations' outline (see `items::LoweredChunk::outline`): the
/// declarations side by side are looked at in turn, and only those inside
/// the one around `at`.
fn innermost_around(outline: &[(u32, u32)], sites: &[Span], at: Span) -> Option<Span> {
    let (mut next, mut end) = (0, outline.len());
    let mut found = None;
    while next < end {
        let (site, subtree_end) = outline[next];
        let span = sites.get(site as usize).copied()?;
        if span_contains(span, at) {
            found = Some(span);
            (next, end) = (next + 1, subtree_end as usize);
        } else {
            next = subtree_end as usize;
        }
    }
    found
}

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

use prog_plan::Plan;
use prog_sema::{Code, Diagnostic, Location, Severity, SourceMap};

/// The declarations with an error, as the disjoint places they cover,
/// sorted by file and position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct InError {
    covered: Vec<Location>,
}

impl InError {
    /// The declarations of `map` (placed in the real files, with `plan`'s
    /// groups) in which one of `errors` lies.
    pub(crate) fn new<'a>(
        errors: impl IntoIterator<Item = &'a Diagnostic>,
        map: &SourceMap,
        plan: &Plan,
    ) -> InError {
        let declarations = Declarations::new(map, plan);
        let mut covered: Vec<Location> = errors
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .flat_map(|d| {
                let first_definition = d.related.first().filter(|_| d.code == Code::DuplicateId);
                std::iter::once(d.location).chain(first_definition.map(|r| r.location))
            })
            .filter_map(|at| declarations.innermost_around(at))
            .collect();
        covered.sort_by_key(|l| (l.file, l.span.start, std::cmp::Reverse(l.span.end)));
        // Keep the outermost of nested places: a group in error covers its children.
        covered.dedup_by(|inner, outer| outer.file == inner.file && outer.span.end >= inner.span.end);
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
            .partition_point(|l| (l.file, l.span.start) <= (at.file, at.span.start));
        after > 0 && contains(self.covered[after - 1], at)
    }
}

fn contains(outer: Location, inner: Location) -> bool {
    outer.file == inner.file && outer.span.start <= inner.span.start && inner.span.end <= outer.span.end
}

/// Every declaration's place, with the group each task is in.
struct Declarations {
    places: Vec<Location>,
    /// Indexed like `places`: the enclosing group's index there.
    parents: Vec<Option<usize>>,
    /// Indices of `places` by file and start, the outer of two with the
    /// same start first.
    by_start: Vec<usize>,
}

impl Declarations {
    fn new(map: &SourceMap, plan: &Plan) -> Declarations {
        // Tasks first, so that a task's index is its place's.
        let mut places: Vec<Location> = map.tasks.iter().map(|site| site.decl).collect();
        let mut parents: Vec<Option<usize>> =
            plan.tasks.iter().map(|t| t.parent.map(|p| p.index())).collect();
        parents.resize(places.len(), None);
        let others = [&map.calendars, &map.resources, &map.risks, &map.approvals];
        places.extend(
            map.program
                .iter()
                .chain(others.into_iter().flatten())
                .map(|s| s.decl),
        );
        parents.resize(places.len(), None);
        let mut by_start: Vec<usize> = (0..places.len()).collect();
        by_start.sort_by_key(|&i| {
            (
                places[i].file,
                places[i].span.start,
                std::cmp::Reverse(places[i].span.end),
            )
        });
        Declarations {
            places,
            parents,
            by_start,
        }
    }

    /// The innermost declaration around `at`. Declarations nest (tasks in
    /// groups) or are apart, so it is the last one starting at or before
    /// `at` if that one holds it, else the innermost of its groups that does.
    fn innermost_around(&self, at: Location) -> Option<Location> {
        let before = self.by_start.partition_point(|&i| {
            let l = self.places[i];
            (l.file, l.span.start) <= (at.file, at.span.start)
        });
        let mut candidate = Some(*self.by_start.get(before.checked_sub(1)?)?);
        // Bounded by the plan's depth, and by its size for a malformed parent chain.
        for _ in 0..=self.places.len() {
            let i = candidate?;
            if contains(self.places[i], at) {
                return Some(self.places[i]);
            }
            candidate = self.parents.get(i).copied().flatten();
        }
        None
    }
}

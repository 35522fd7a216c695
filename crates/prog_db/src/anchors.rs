//! Placing what resolution and the schedule found.
//!
//! Resolution sees every item of the plan as a file of its own, and every
//! span in it as a numbered site (see [`crate::items::LoweredChunk::anchored`]),
//! so that its results do not change when an edit moves items, or moves
//! things inside an item. A location it gives is item-numbered: its `FileId`
//! is the item's number (the items of the plan's files, numbered in order)
//! and its span `n..n` is the item's site `n`. Such data is wrapped in
//! [`Anchored`], so that it is never read as if it named real files, and
//! [`Anchors`] places it in its real files.

use std::sync::Arc;

use prog_sema::{DeclSite, Diagnostic, FileId, Location, SourceMap};
use prog_syntax::Span;

use crate::files::plan_files;
use crate::inputs::Project;
use crate::items::{LoweredChunk, chunk_offsets, file_lowered};

/// Data whose locations are item-numbered (see the module docs): what
/// resolution and the findings on the schedule give. Only [`Anchors`]
/// reads its locations, by placing them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Anchored<T>(T);

impl<T> Anchored<T> {
    /// Marks `value`, computed from item-numbered pieces, as such.
    pub(crate) fn new(value: T) -> Anchored<T> {
        Anchored(value)
    }

    /// What `f` makes of the anchored data (findings located with an
    /// anchored source map): item-numbered too.
    pub(crate) fn derive<U>(&self, f: impl FnOnce(&T) -> U) -> Anchored<U> {
        Anchored(f(&self.0))
    }
}

/// Where each item of a plan starts (its file and offset), and the spans of
/// its sites. Equal after an edit that moves nothing, such as one to a
/// duration, so that what it places is not placed again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Anchors {
    items: Vec<(FileId, usize, Arc<[Span]>)>,
}

/// Where every item of the plan starts, and the spans of its sites.
#[salsa::tracked(returns(ref))]
pub(crate) fn anchors(db: &dyn salsa::Database, project: Project) -> Anchors {
    let files = &plan_files(db, project).files;
    Anchors::new(files.iter().map(|file| {
        (
            chunk_offsets(db, *file).as_slice(),
            file_lowered(db, *file).as_slice(),
        )
    }))
}

impl Anchors {
    /// From the item offsets and lowered items of each file of the plan, in
    /// order.
    fn new<'a>(files: impl IntoIterator<Item = (&'a [usize], &'a [Arc<LoweredChunk>])>) -> Anchors {
        let mut items = Vec::new();
        for (file, (offsets, lowered)) in files.into_iter().enumerate() {
            let file = FileId(file as u32);
            items.extend(
                offsets
                    .iter()
                    .zip(lowered)
                    .map(|(offset, lowered)| (file, *offset, lowered.sites.clone())),
            );
        }
        Anchors { items }
    }

    /// An item-numbered location, in its real file.
    fn place(&self, anchored: Location) -> Location {
        let (file, offset, sites) = &self.items[anchored.file.0 as usize];
        // Every span of resolution is a site of its item (or 0, the item's
        // start); the fallback only keeps a bug from becoming a panic.
        debug_assert!(anchored.span.start() < sites.len(), "{anchored:?}");
        let site = sites.get(anchored.span.start()).copied().unwrap_or_default();
        Location {
            file: *file,
            span: site.shifted(*offset),
        }
    }

    /// Diagnostics of resolution or of the schedule, in their real files.
    pub(crate) fn place_diagnostics<'a>(
        &'a self,
        anchored: &'a Anchored<Vec<Diagnostic>>,
    ) -> impl Iterator<Item = Diagnostic> + 'a {
        anchored.0.iter().map(|d| {
            let mut d = d.clone();
            d.location = self.place(d.location);
            for related in &mut d.related {
                related.location = self.place(related.location);
            }
            d
        })
    }

    /// The source map of resolution, in the real files.
    pub(crate) fn place_map(&self, anchored: &Anchored<Arc<SourceMap>>) -> SourceMap {
        let map = &anchored.0;
        let site = |s: &DeclSite| DeclSite {
            name: self.place(s.name),
            decl: self.place(s.decl),
        };
        let sites = |sites: &[DeclSite]| sites.iter().map(site).collect();
        SourceMap {
            program: map.program.as_ref().map(site),
            calendars: sites(&map.calendars),
            resources: sites(&map.resources),
            tasks: sites(&map.tasks),
            risks: sites(&map.risks),
            approvals: sites(&map.approvals),
            stakeholders: sites(&map.stakeholders),
            actions: sites(&map.actions),
            deps: map.deps.map(|l| self.place(*l)),
            assignments: map.assignments.map(|l| self.place(*l)),
        }
    }
}

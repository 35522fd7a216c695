//! Placing what resolution found.
//!
//! Resolution sees every item of the plan as a file of its own, and every
//! span in it as a numbered site (see [`crate::LoweredItem::anchored`]), so
//! that its results do not change when an edit moves items, or moves things
//! inside an item: a location it gives names the item as its `FileId` (the
//! items of the plan's files, numbered in order) and the site as its span
//! (`n..n`). [`Anchors`] turns such a location into one in the real file.

use std::sync::Arc;

use prog_sema::{DeclSite, Diagnostic, FileId, Location, SourceMap};
use prog_syntax::Span;

use crate::LoweredItem;

/// Where each item of a plan starts (its file and offset), and the spans of
/// its sites. Equal after an edit that moves nothing, such as one to a
/// duration, so that what it places is not placed again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anchors {
    items: Vec<(FileId, usize, Arc<[Span]>)>,
}

impl Anchors {
    /// From the item offsets and lowered items of each file of the plan, in
    /// order.
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a [usize], &'a [Arc<LoweredItem>])>) -> Anchors {
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

    /// The file a location of resolution is in.
    pub fn file_of(&self, anchored: Location) -> FileId {
        self.items[anchored.file.0 as usize].0
    }

    /// A location of resolution, in its real file.
    pub fn place(&self, anchored: Location) -> Location {
        let (file, offset, sites) = &self.items[anchored.file.0 as usize];
        // Every span of resolution is a site of its item (or 0, the item's
        // start); the fallback only keeps a bug from becoming a panic.
        debug_assert!(anchored.span.start < sites.len(), "{anchored:?}");
        let site = sites.get(anchored.span.start).copied().unwrap_or_default();
        Location {
            file: *file,
            span: site.shifted(*offset),
        }
    }

    /// A diagnostic of resolution (or of the schedule), in its real file.
    pub fn place_diagnostic(&self, anchored: &Diagnostic) -> Diagnostic {
        let mut d = anchored.clone();
        d.location = self.place(d.location);
        for related in &mut d.related {
            related.location = self.place(related.location);
        }
        d
    }

    /// A source map of resolution, in the real files.
    pub fn place_map(&self, map: &SourceMap) -> SourceMap {
        let site = |s: &DeclSite| DeclSite {
            name: self.place(s.name),
            decl: self.place(s.decl),
        };
        let sites = |sites: &[DeclSite]| sites.iter().map(site).collect();
        let lists = |lists: &[Vec<Location>]| {
            lists
                .iter()
                .map(|list| list.iter().map(|l| self.place(*l)).collect())
                .collect()
        };
        SourceMap {
            program: map.program.as_ref().map(site),
            calendars: sites(&map.calendars),
            resources: sites(&map.resources),
            tasks: sites(&map.tasks),
            risks: sites(&map.risks),
            approvals: sites(&map.approvals),
            deps: lists(&map.deps),
            assignments: lists(&map.assignments),
        }
    }
}

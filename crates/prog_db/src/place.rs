//! Placing what resolution found.
//!
//! Resolution sees every item of the plan as a file of its own, so that its
//! results do not change when an edit moves items: a location it gives
//! names the item as its `FileId` (the items of the plan's files, numbered
//! in order) and a span from the item's start. [`Anchors`] turns such a
//! location into one in the real file.

use prog_sema::{DeclSite, Diagnostic, FileId, Location, SourceMap};

/// Where each item of a plan starts: its file and offset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anchors {
    items: Vec<(FileId, usize)>,
    /// The number of the first item of each file.
    firsts: Vec<u32>,
}

impl Anchors {
    /// From the item offsets of each file of the plan, in order.
    pub fn new<'a>(files: impl IntoIterator<Item = &'a [usize]>) -> Anchors {
        let mut anchors = Anchors::default();
        for (file, offsets) in files.into_iter().enumerate() {
            anchors.firsts.push(anchors.items.len() as u32);
            let file = FileId(file as u32);
            anchors.items.extend(offsets.iter().map(|offset| (file, *offset)));
        }
        anchors
    }

    /// The number of the first item of `file`.
    pub fn first_item(&self, file: FileId) -> u32 {
        self.firsts[file.0 as usize]
    }

    /// The file a location of resolution is in.
    pub fn file_of(&self, anchored: Location) -> FileId {
        self.items[anchored.file.0 as usize].0
    }

    /// A location of resolution, in its real file.
    pub fn place(&self, anchored: Location) -> Location {
        let (file, offset) = self.items[anchored.file.0 as usize];
        Location {
            file,
            span: anchored.span.shifted(offset),
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

//! Resource load and over-allocations, one block of resources at a time
//! (see [`resource_blocks`]): an edit that moves a few tasks redoes the
//! load of their resources' blocks only, and typically changes the
//! over-allocation findings of one or two blocks, leaving the thousands of
//! others (and their messages) as they were.

use std::ops::Range;
use std::sync::Arc;

use prog_plan::{Bookings, Capacities, Load, LoadProfile, Overload, Plan, ResourceId, Steps, Task};
use prog_sema::Diagnostic;

use crate::anchors::Anchored;
use crate::inputs::Project;
use crate::resolution::{anchored_map, plan_shape, resolution};
use crate::scheduling::{schedule, work_calendar};

/// Every task's bookings of its resources, block by block (see
/// [`resource_blocks`]): a list per block, not per resource, of which a
/// plan of 12,000 people has as many to make after every edit.
#[salsa::tracked(returns(ref))]
fn bookings_by_block(db: &dyn salsa::Database, project: Project) -> Vec<Arc<Bookings>> {
    let all = prog_plan::bookings(
        plan_shape(db, project),
        schedule(db, project),
        work_calendar(db, project),
    );
    resource_blocks(db, project)
        .iter()
        .map(|block| Arc::new(all.of_range(block.clone())))
        .collect()
}

/// Resources by block: consecutive resources, a block closed once it has
/// 64 assignments or 32 resources. What an edit costs then follows the
/// resources it moved, not how many there are: a plan of 12,000 people
/// with a task each has 375 blocks (and as many memos of each query below
/// to verify), while a person with hundreds of tasks has a block of their
/// own (so one's over-allocations are not redone for another's).
/// Assignments, not bookings, so that the blocks stay put while durations
/// change.
#[salsa::tracked(returns(ref))]
pub(crate) fn resource_blocks(db: &dyn salsa::Database, project: Project) -> Vec<Range<u32>> {
    const ASSIGNMENTS: usize = 64;
    const RESOURCES: u32 = 32;
    let roster = plan_roster(db, project).plan();
    let mut assigned = vec![0usize; roster.resources.len()];
    for a in roster.tasks.iter().flat_map(|t| &t.assignments) {
        if let Some(n) = assigned.get_mut(a.resource.index()) {
            *n += 1;
        }
    }
    let mut blocks = Vec::new();
    let (mut start, mut sum) = (0u32, 0usize);
    for (r, n) in assigned.iter().enumerate() {
        sum += n;
        let end = r as u32 + 1;
        if sum >= ASSIGNMENTS || end - start >= RESOURCES {
            blocks.push(start..end);
            (start, sum) = (end, 0);
        }
    }
    if start < assigned.len() as u32 {
        blocks.push(start..assigned.len() as u32);
    }
    blocks
}

fn block_range(db: &dyn salsa::Database, project: Project, block: u32) -> Range<u32> {
    resource_blocks(db, project)
        .get(block as usize)
        .cloned()
        .unwrap_or(0..0)
}

/// One block's bookings, by resource (numbered from the block's first):
/// equal (and so backdated) when an edit did not move any of its tasks.
#[salsa::tracked(returns(ref))]
fn block_bookings(db: &dyn salsa::Database, project: Project, block: u32) -> Arc<Bookings> {
    bookings_by_block(db, project)
        .get(block as usize)
        .cloned()
        .unwrap_or_default()
}

#[salsa::tracked]
fn load_days(db: &dyn salsa::Database, project: Project) -> usize {
    prog_plan::load_days(schedule(db, project))
}

/// Each resource's capacity profile over the load's days; those with the
/// same one share it (see [`Capacities`]), across blocks.
#[salsa::tracked(returns(ref))]
fn capacity_profiles(db: &dyn salsa::Database, project: Project) -> Vec<Arc<Steps>> {
    let roster = plan_roster(db, project).plan();
    let days = *load_days(db, project);
    let cal = work_calendar(db, project);
    let mut capacities = Capacities::default();
    (0..roster.resources.len() as u32)
        .map(|r| capacities.of(roster, ResourceId(r), days, cal))
        .collect()
}

/// The load profile and over-allocations of each resource of a block: run
/// again only when its bookings, the project's length or the capacities
/// changed.
#[salsa::tracked(returns(ref))]
fn block_load(db: &dyn salsa::Database, project: Project, block: u32) -> Vec<(LoadProfile, Arc<[Overload]>)> {
    let days = *load_days(db, project);
    let bookings = block_bookings(db, project, block);
    let capacities = capacity_profiles(db, project);
    block_range(db, project, block)
        .zip(0..)
        .map(|(r, i)| {
            let booked = bookings.of(ResourceId(i));
            let capacity = capacities.get(r as usize).cloned().unwrap_or_default();
            let (profile, overloads) = prog_plan::resource_load(ResourceId(r), booked, days, capacity);
            (profile, overloads.into())
        })
        .collect()
}

/// One resource's load profile and over-allocations (read from its block).
#[salsa::tracked(returns(ref))]
pub fn resource_load(
    db: &dyn salsa::Database,
    project: Project,
    resource: u32,
) -> (LoadProfile, Arc<[Overload]>) {
    let blocks = resource_blocks(db, project);
    let block = blocks.partition_point(|b| b.end <= resource);
    let start = blocks.get(block).map_or(0, |b| b.start);
    block_load(db, project, block as u32)
        .get((resource - start) as usize)
        .cloned()
        .unwrap_or_else(|| {
            let profile = LoadProfile {
                resource: ResourceId(resource),
                load: Steps::default(),
                capacity: Default::default(),
            };
            (profile, Arc::from([]))
        })
}

/// A block's over-allocations, by resource: equal (and so backdated) when
/// an edit did not change them.
#[salsa::tracked(returns(ref))]
fn block_overloads(db: &dyn salsa::Database, project: Project, block: u32) -> Vec<Arc<[Overload]>> {
    block_load(db, project, block)
        .iter()
        .map(|(_, overloads)| overloads.clone())
        .collect()
}

/// The load of every resource, gathered block by block; for front ends
/// that show it (diagnostics read each block's part).
#[salsa::tracked(returns(ref))]
pub fn load(db: &dyn salsa::Database, project: Project) -> Load {
    let mut load = Load {
        days: *load_days(db, project),
        ..Load::default()
    };
    for block in 0..resource_blocks(db, project).len() as u32 {
        for (profile, overloads) in block_load(db, project, block) {
            load.profiles.push(profile.clone());
            load.overloads.extend(overloads.iter().cloned());
        }
    }
    load
}

/// What over-allocations and their findings read of the plan: the program,
/// the calendars, the resources, and each task's id, kind and assignments.
/// A view of resolution's shape, not a copy of it: equal (and so
/// backdated) while those are, so that the load and the findings do not
/// run again after an edit to a duration, a date or a dependency. Its
/// readers must read nothing else of it, or they would miss changes.
#[derive(Clone, Debug)]
pub(crate) struct Roster(Arc<Plan>);

impl Roster {
    pub fn plan(&self) -> &Plan {
        &self.0
    }
}

impl PartialEq for Roster {
    fn eq(&self, other: &Roster) -> bool {
        let (a, b) = (self.plan(), other.plan());
        let same_task =
            |(x, y): (&Task, &Task)| x.id == y.id && x.kind == y.kind && x.assignments == y.assignments;
        Arc::ptr_eq(&self.0, &other.0)
            || (a.program == b.program
                && a.calendars == b.calendars
                && a.resources == b.resources
                && a.tasks.len() == b.tasks.len()
                && a.tasks.iter().zip(&b.tasks).all(same_task))
    }
}

#[salsa::tracked(returns(ref))]
pub(crate) fn plan_roster(db: &dyn salsa::Database, project: Project) -> Roster {
    Roster(resolution(db, project).shape.clone())
}

/// The over-allocation findings of one block of resources, anchored to
/// items.
#[salsa::tracked(returns(ref))]
pub(crate) fn overload_findings(
    db: &dyn salsa::Database,
    project: Project,
    block: u32,
) -> Anchored<Vec<Diagnostic>> {
    anchored_map(db, project).derive(|map| {
        let roster = plan_roster(db, project).plan();
        let cal = work_calendar(db, project);
        block_overloads(db, project, block)
            .iter()
            .flat_map(|overloads| prog_sema::overload_findings(roster, map, overloads, cal))
            .collect()
    })
}

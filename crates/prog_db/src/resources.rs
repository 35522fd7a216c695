//! Resource load and over-allocations, one resource at a time: an edit
//! that moves a few tasks redoes the load of their resources only, and
//! typically changes the over-allocation findings of one or two resources,
//! leaving the thousands of others (and their messages) as they were.

use std::sync::Arc;

use prog_plan::{Booking, Load, LoadProfile, Overload, Plan, ResourceId, Task};
use prog_sema::Diagnostic;

use crate::anchors::Anchored;
use crate::inputs::Project;
use crate::resolution::{anchored_map, plan_shape, resolution};
use crate::scheduling::{schedule, work_calendar};

/// Every task's bookings of its resources, by resource.
#[salsa::tracked(returns(ref))]
fn bookings_by_resource(db: &dyn salsa::Database, project: Project) -> Vec<Arc<[Booking]>> {
    let bookings = prog_plan::bookings(plan_shape(db, project), schedule(db, project));
    bookings.into_iter().map(Arc::from).collect()
}

/// One resource's bookings: equal (and so backdated) when an edit did not
/// move any of its tasks.
#[salsa::tracked(returns(deref))]
fn resource_bookings(db: &dyn salsa::Database, project: Project, resource: u32) -> Arc<[Booking]> {
    bookings_by_resource(db, project)
        .get(resource as usize)
        .cloned()
        .unwrap_or_else(|| Arc::from([]))
}

#[salsa::tracked]
fn load_days(db: &dyn salsa::Database, project: Project) -> usize {
    prog_plan::load_days(schedule(db, project))
}

/// One resource's load profile and over-allocations: run again only when
/// its bookings, the project's length or the resource itself changed.
#[salsa::tracked(returns(ref))]
pub fn resource_load(
    db: &dyn salsa::Database,
    project: Project,
    resource: u32,
) -> (LoadProfile, Arc<[Overload]>) {
    let (profile, overloads) = prog_plan::resource_load(
        plan_roster(db, project),
        ResourceId(resource),
        resource_bookings(db, project, resource).to_vec(),
        *load_days(db, project),
        work_calendar(db, project),
    );
    (profile, overloads.into())
}

/// One resource's over-allocations: equal (and so backdated) when an edit
/// did not change them.
#[salsa::tracked(returns(deref))]
fn resource_overloads(db: &dyn salsa::Database, project: Project, resource: u32) -> Arc<[Overload]> {
    resource_load(db, project, resource).1.clone()
}

/// The load of every resource, gathered from [`resource_load`]; for front
/// ends that show it (diagnostics read each resource's part).
#[salsa::tracked(returns(ref))]
pub fn load(db: &dyn salsa::Database, project: Project) -> Load {
    let mut load = Load {
        days: *load_days(db, project),
        ..Load::default()
    };
    for resource in 0..plan_roster(db, project).resources.len() as u32 {
        let (profile, overloads) = resource_load(db, project, resource);
        load.profiles.push(profile.clone());
        load.overloads.extend(overloads.iter().cloned());
    }
    load
}

/// What over-allocations and their findings read of the plan: the ids, the
/// resources and their calendars, and who is assigned to each task. Not run
/// again after an edit to a duration or a date, and unchanged by one to a
/// dependency.
#[salsa::tracked(returns(deref))]
pub(crate) fn plan_roster(db: &dyn salsa::Database, project: Project) -> Arc<Plan> {
    let shape = &resolution(db, project).shape;
    let tasks = shape
        .tasks
        .iter()
        .map(|t| Task {
            assignments: t.assignments.clone(),
            ..Task::new(t.id.clone(), t.kind)
        })
        .collect();
    Arc::new(Plan {
        program: shape.program.clone(),
        calendars: shape.calendars.clone(),
        resources: shape.resources.clone(),
        tasks,
        risks: Vec::new(),
        approvals: Vec::new(),
    })
}

/// The over-allocation findings of one resource (by index), anchored to
/// items.
#[salsa::tracked(returns(ref))]
pub(crate) fn overload_findings(
    db: &dyn salsa::Database,
    project: Project,
    resource: u32,
) -> Anchored<Vec<Diagnostic>> {
    anchored_map(db, project).derive(|map| {
        prog_sema::overload_findings(
            plan_roster(db, project),
            map,
            resource_overloads(db, project, resource),
            work_calendar(db, project),
        )
    })
}

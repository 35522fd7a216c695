//! What the schedule finds, split so that an edit redoes only what it
//! changed: an edit to one task's duration typically changes the
//! over-allocations of one or two resources, and leaves the thousands of
//! other findings (and their messages) as they were.

use std::sync::Arc;

use prog_plan::{Overload, Plan, Task};
use prog_sema::Diagnostic;

use crate::Project;
use crate::queries::{anchored_map, load, plan_shape, resolution, schedule, work_calendar};

/// Cycles, missed deadlines and pending approvals on the critical path,
/// anchored to items.
#[salsa::tracked(returns(ref))]
pub fn schedule_findings(db: &dyn salsa::Database, project: Project) -> Vec<Diagnostic> {
    prog_sema::timing_findings(
        plan_shape(db, project),
        anchored_map(db, project),
        schedule(db, project),
        work_calendar(db, project),
    )
}

/// The over-allocation findings of one resource (by index), anchored to
/// items.
#[salsa::tracked(returns(ref))]
pub fn overload_findings(db: &dyn salsa::Database, project: Project, resource: u32) -> Vec<Diagnostic> {
    prog_sema::overload_findings(
        plan_roster(db, project),
        anchored_map(db, project),
        resource_overloads(db, project, resource),
        work_calendar(db, project),
    )
}

/// The load's over-allocations, one list per resource.
#[salsa::tracked(returns(ref))]
fn overloads_by_resource(db: &dyn salsa::Database, project: Project) -> Vec<Arc<[Overload]>> {
    let mut groups = vec![Vec::new(); plan_roster(db, project).resources.len()];
    for overload in &load(db, project).overloads {
        if let Some(group) = groups.get_mut(overload.resource.index()) {
            group.push(overload.clone());
        }
    }
    groups.into_iter().map(Arc::from).collect()
}

/// One resource's over-allocations: equal (and so backdated) when an edit
/// did not change them.
#[salsa::tracked(returns(deref))]
fn resource_overloads(db: &dyn salsa::Database, project: Project, resource: u32) -> Arc<[Overload]> {
    overloads_by_resource(db, project)
        .get(resource as usize)
        .cloned()
        .unwrap_or_else(|| Arc::from([]))
}

/// What over-allocation findings read of the plan: the ids, and who is
/// assigned to each task. Not run again after an edit to a duration or a
/// date, and unchanged by one to a dependency.
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
        calendars: Vec::new(),
        resources: shape.resources.clone(),
        tasks,
        risks: Vec::new(),
        approvals: Vec::new(),
    })
}

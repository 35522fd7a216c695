//! What the schedule finds, split so that an edit redoes only what it
//! changed: an edit to one task's duration typically changes the
//! over-allocations of one or two resources, and leaves the thousands of
//! other findings (and their messages) as they were.

use prog_sema::Diagnostic;

use crate::Project;
use crate::queries::{anchored_map, plan_shape, schedule, work_calendar};
use crate::resources::{plan_roster, resource_overloads};

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

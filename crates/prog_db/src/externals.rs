//! Externals: when each is needed and how much slack it has, and the
//! findings on them. Read from the plan's shape and schedule, so an edit to
//! a title or a comment runs none of it again.

use prog_plan::ExternalTiming;
use prog_sema::Diagnostic;

use crate::anchors::Anchored;
use crate::inputs::Project;
use crate::resolution::{anchored_map, plan_shape};
use crate::scheduling::{schedule, work_calendar};

/// The needed-by date and slack of every external, indexed like
/// [`prog_plan::Plan::externals`]: empty, and nothing scheduled again, for
/// a plan without externals.
#[salsa::tracked(returns(ref))]
pub fn external_timings(db: &dyn salsa::Database, project: Project) -> Vec<ExternalTiming> {
    prog_plan::external::timings(plan_shape(db, project), work_calendar(db, project))
}

/// Late externals, those at risk or overdue on the critical path, and
/// those without an owner or a date, anchored to items.
#[salsa::tracked(returns(ref))]
pub(crate) fn external_findings(db: &dyn salsa::Database, project: Project) -> Anchored<Vec<Diagnostic>> {
    anchored_map(db, project).derive(|map| {
        prog_sema::external_findings(
            plan_shape(db, project),
            map,
            schedule(db, project),
            external_timings(db, project),
        )
    })
}

//! The schedule, and what it finds (cycles, missed deadlines, pending
//! approvals on the critical path). Everything here is read from
//! resolution and the plan's shape, so an edit to a title or a comment
//! runs none of it again.

use prog_plan::{Network, Schedule, WorkCalendar};
use prog_sema::Diagnostic;

use crate::anchors::Anchored;
use crate::inputs::Project;
use crate::once::analysed_once;
use crate::resolution::{anchored_map, plan_shape, resolution};

/// The plan's calendar: read from resolution, which an edit to a task's
/// values does not run again.
#[salsa::tracked(returns(ref))]
pub fn work_calendar(db: &dyn salsa::Database, project: Project) -> WorkCalendar {
    WorkCalendar::new(&resolution(db, project).shape)
}

/// The plan's groups and dependencies as scheduling reads them; built from
/// resolution too, so kept while only durations, dates and progress change,
/// and backdated after an edit to a title.
#[salsa::tracked(returns(ref))]
fn network(db: &dyn salsa::Database, project: Project) -> Network {
    Network::new(&resolution(db, project).shape)
}

#[salsa::tracked(returns(ref))]
pub fn schedule(db: &dyn salsa::Database, project: Project) -> Schedule {
    let (plan, calendar) = (plan_shape(db, project), work_calendar(db, project));
    if analysed_once(db) {
        // Nothing schedules this plan again: the network is given back
        // with the schedule made, not kept (about 55 bytes a task).
        let network = Network::new(&resolution(db, project).shape);
        return prog_plan::schedule_on(plan, &network, calendar);
    }
    prog_plan::schedule_on(plan, network(db, project), calendar)
}

/// Cycles, missed deadlines and pending approvals on the critical path,
/// anchored to items.
#[salsa::tracked(returns(ref))]
pub(crate) fn schedule_findings(db: &dyn salsa::Database, project: Project) -> Anchored<Vec<Diagnostic>> {
    anchored_map(db, project).derive(|map| {
        prog_sema::timing_findings(
            plan_shape(db, project),
            map,
            schedule(db, project),
            work_calendar(db, project),
        )
    })
}

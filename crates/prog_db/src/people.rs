//! The findings about the people around the program (overdue action items,
//! blocked work): memoised apart from the schedule's, since an edit to a
//! stakeholder or an action reruns them but no schedule.

use prog_sema::Diagnostic;

use crate::anchors::Anchored;
use crate::inputs::Project;
use crate::resolution::{anchored_map, plan_shape, resolution};
use crate::scheduling::schedule;

#[salsa::tracked(returns(ref))]
pub(crate) fn people_findings(db: &dyn salsa::Database, project: Project) -> Anchored<Vec<Diagnostic>> {
    anchored_map(db, project).derive(|map| {
        prog_sema::people_findings(
            plan_shape(db, project),
            resolution(db, project).titles.people(),
            map,
            schedule(db, project),
        )
    })
}

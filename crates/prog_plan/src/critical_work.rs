//! Whether work named by a stakeholder's interest, an action or a blocked
//! item is critical: the one test the findings and the status report share.

use crate::model::people::covered;
use crate::model::{Plan, TaskId};
use crate::schedule::Schedule;

/// Whether any task `items` cover is on the critical path of `schedule`:
/// the test of "critical work" for blocked work and overdue actions.
pub fn on_critical_path(plan: &Plan, schedule: &Schedule, items: &[TaskId]) -> bool {
    covered(plan, items)
        .into_iter()
        .any(|t| schedule.tasks.get(t.index()).is_some_and(|times| times.critical))
}

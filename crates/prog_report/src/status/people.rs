//! The people around the program in the status report: what of the
//! action items and blocked work the schedule rating counts.

use prog_plan::on_critical_path;
use prog_plan::status::TaskStatus;
use prog_plan::{Plan, Schedule};

/// What the schedule rating reads of action items and blocked work.
pub(super) struct PeopleFacts {
    /// Blocked tasks and milestones, not done, on the critical path.
    pub blocked_critical: Vec<String>,
    /// Overdue action items (open, due before the status date) that affect
    /// critical work.
    pub overdue_actions_critical: Vec<String>,
}

impl PeopleFacts {
    pub(super) fn new(plan: &Plan, schedule: &Schedule, statuses: &[TaskStatus]) -> PeopleFacts {
        let people = &plan.people;
        let blocked_critical = people
            .blocked
            .iter()
            .filter(|b| statuses[b.task.index()] != TaskStatus::Done)
            .filter(|b| on_critical_path(plan, schedule, &[b.task]))
            .map(|b| plan.task(b.task).id.clone())
            .collect();
        let overdue_actions_critical = match plan.program.status_date {
            Some(status_date) => people
                .actions
                .iter()
                .filter(|a| a.is_overdue(status_date) && on_critical_path(plan, schedule, &a.affects))
                .map(|a| a.id.clone())
                .collect(),
            None => Vec::new(),
        };
        PeopleFacts {
            blocked_critical,
            overdue_actions_critical,
        }
    }
}

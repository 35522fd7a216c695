//! What the people around the program need to hear about: overdue action
//! items (P320) and blocked work (P321), located at the action or the
//! blocked task, and saying so when critical work is involved.

use prog_plan::on_critical_path;
use prog_plan::{People, Plan, Schedule};

use crate::{Code, Diagnostic, SourceMap};

/// The findings about action items and blocked work. `people` is the
/// plan's (the database keeps them apart from the plan it schedules).
/// Without a status date nothing is overdue and days blocked are not
/// counted.
pub fn people_findings(
    plan: &Plan,
    people: &People,
    map: &SourceMap,
    schedule: &Schedule,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let status_date = plan.program.status_date;
    for (index, action) in people.actions.iter().enumerate() {
        let (Some(status_date), Some(due)) = (status_date, action.due) else {
            continue;
        };
        let Some(site) = map.actions.get(index) else {
            continue;
        };
        if !action.is_overdue(status_date) {
            continue;
        }
        let days = action.days_overdue(status_date);
        let mut message = format!(
            "action `{}` is overdue: due {due}, {days} day{} before the status date",
            action.id,
            plural(days)
        );
        if on_critical_path(plan, schedule, &action.affects) {
            message.push_str(", and it affects critical work");
        }
        let d = Diagnostic::warning(Code::OverdueAction, site.name, message)
            .with_hint("mark it `done DATE`, or agree a new `due` date");
        out.push(d);
    }
    for blocked in &people.blocked {
        let task = plan.task(blocked.task);
        let finished = task.progress >= 100 || task.actuals.finish.is_some();
        let Some(site) = map.tasks.get(blocked.task.index()).filter(|_| !finished) else {
            continue;
        };
        let mut message = format!("`{}` is blocked: {}", task.id, blocked.reason);
        if let Some(status_date) = status_date
            && blocked.since.is_some()
        {
            let days = blocked.days(status_date);
            message.push_str(&format!(" ({days} day{} at the status date)", plural(days)));
        }
        if on_critical_path(plan, schedule, &[blocked.task]) {
            message.push_str("; it is on the critical path, so the finish waits for it");
        }
        let d = Diagnostic::warning(Code::BlockedWork, site.name, message)
            .with_hint("remove `blocked` once the work can proceed");
        out.push(d);
    }
    out
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

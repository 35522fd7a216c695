//! Since when a task has been blocked, when the plan does not say
//! (`blocked` without `blocked_since`): the status date of the oldest commit
//! of the unbroken run of recent commits in which it is blocked.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use prog_db::{Database, Project};

/// How many commits of the plan are read back, at most: a quarter of
/// weekly updates.
const COMMITS: usize = 13;

/// Per id of a blocked task or milestone without `blocked_since`, the
/// status date of the first commit (going back from the newest) of the run
/// in which it is blocked. Empty when there is none, or the plan is not in
/// git: the report then counts from the status date, as `prog check` does.
pub(crate) fn first_blocked(db: &mut Database, path: &Path, project: Project) -> HashMap<String, NaiveDate> {
    let plan = &prog_db::resolved(db, project).plan;
    let mut running: Vec<String> = plan
        .people
        .blocked
        .iter()
        .filter(|b| b.since.is_none())
        .map(|b| plan.task(b.task).id.to_string())
        .collect();
    let mut first = HashMap::new();
    if running.is_empty() {
        return first;
    }
    let Ok(revs) = crate::git::plan_history(path, COMMITS) else {
        return first;
    };
    for rev in revs.iter().rev() {
        let Ok(project) = crate::diff::from_git(db, Path::new(rev), path) else {
            break;
        };
        let then = &prog_db::resolved(db, project).plan;
        running.retain(|id| {
            let blocked = then.people.blocked.iter().any(|b| then.task(b.task).id == *id);
            if blocked && let Some(date) = then.program.status_date {
                first.insert(id.clone(), date);
            }
            blocked
        });
        if running.is_empty() {
            break;
        }
    }
    first
}

//! Leveling from the editor: the `after` statements that realise the
//! leveled order, for the whole plan or for one over-allocation.

use std::collections::BTreeMap;
use std::time::Duration;

use prog_db::Project;
use prog_plan::{LevelOptions, Leveling, TaskId};

use super::edit::{add_statement, decl_at};
use super::{Assist, AssistKind};
use crate::{SourceChange, TextEdit};

/// A tenth of `prog level`'s budget of schedules: the editor waits for it.
/// The budget of schedules keeps the memoised answer the same on every
/// machine; the time limit, which only a very large plan reaches, keeps the
/// code action interactive there.
const BUDGET_SHARE: usize = 10;
const TIME_LIMIT: Duration = Duration::from_millis(300);

/// The leveled order of the plan; `None` when it is not over-allocated or
/// cannot be leveled (a task needs more than a resource ever has).
#[salsa::tracked(returns(ref))]
pub(crate) fn leveling(db: &dyn salsa::Database, project: Project) -> Option<Leveling> {
    if prog_db::load(db, project).overloads.is_empty() {
        return None;
    }
    let plan = prog_db::plan_shape(db, project);
    let mut options = LevelOptions::for_plan(plan);
    options.schedules = (options.schedules / BUDGET_SHARE).max(20);
    options.time_limit = Some(TIME_LIMIT);
    // An edit cancels the search between schedules, so it does not wait
    // for it.
    let check = prog_db::cancellation_check(db);
    prog_plan::level(
        plan,
        prog_db::work_calendar(db, project),
        prog_db::schedule(db, project),
        &options,
        |_| check(),
    )
    .ok()
}

/// "Level resources": every pair of the leveled order, as `after` statements.
pub(super) fn level_resources(db: &dyn salsa::Database, project: Project, out: &mut Vec<Assist>) {
    let Some(leveling) = leveling(db, project) else {
        return;
    };
    if let Some(change) = after_statements(db, project, &leveling.pairs) {
        out.push(Assist {
            title: format!("Level resources ({} `after` statements)", leveling.pairs.len()),
            kind: AssistKind::Source,
            diagnostic: None,
            change,
        });
    }
}

/// The pairs of the leveled order among `tasks`: what resolves one conflict.
pub(super) fn pairs_among(
    db: &dyn salsa::Database,
    project: Project,
    tasks: &[TaskId],
) -> Vec<(TaskId, TaskId)> {
    let Some(leveling) = leveling(db, project) else {
        return Vec::new();
    };
    leveling
        .pairs
        .iter()
        .filter(|(a, b)| tasks.contains(a) && tasks.contains(b))
        .copied()
        .collect()
}

/// One `after a, b` statement per task that must wait, in its body.
pub(super) fn after_statements(
    db: &dyn salsa::Database,
    project: Project,
    pairs: &[(TaskId, TaskId)],
) -> Option<SourceChange> {
    let plan = prog_db::plan_shape(db, project);
    let definitions = crate::definitions(db, project);
    let mut waits: BTreeMap<TaskId, Vec<&str>> = BTreeMap::new();
    for (before, after) in pairs {
        waits.entry(*after).or_default().push(&plan.task(*before).id);
    }
    let mut change = SourceChange::default();
    for (task, befores) in waits {
        let definition = definitions.get(plan.task(task).id.as_str())?;
        let (item, decl) = decl_at(db, definition.file, definition.name.start())?;
        let statement = format!("after {}", befores.join(", "));
        let edit: TextEdit = add_statement(&item, decl, &statement, definition.file.text(db))?;
        change.push(definition.file, edit);
    }
    (!change.edits.is_empty()).then_some(change)
}

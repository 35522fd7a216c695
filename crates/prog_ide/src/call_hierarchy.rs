//! Call hierarchy over dependencies: a task's incoming calls are its
//! predecessors, its outgoing calls its successors.

use prog_db::{Project, SourceFile};
use prog_plan::TaskId;
use prog_syntax::Span;
use prog_syntax::ast::DeclKind;

use crate::FilePosition;
use crate::model::task_of;
use crate::names::occurrence_at;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallItem {
    pub name: String,
    pub kind: DeclKind,
    pub title: Option<String>,
    pub file: SourceFile,
    /// The whole declaration.
    pub span: Span,
    /// Its id.
    pub selection: Span,
}

/// The task, milestone or group under the cursor.
pub fn prepare_call_hierarchy(
    db: &dyn salsa::Database,
    project: Project,
    pos: FilePosition,
) -> Option<CallItem> {
    let occurrence = occurrence_at(db, pos.file, pos.offset)?;
    call_item(db, project, &occurrence.name)
}

/// The tasks `name` depends on.
pub fn incoming_calls(db: &dyn salsa::Database, project: Project, name: &str) -> Vec<CallItem> {
    let Some(task) = task_of(db, project, name) else {
        return Vec::new();
    };
    let plan = prog_db::plan_shape(db, project);
    let mut ids: Vec<TaskId> = plan.task(task).deps.iter().map(|d| d.on).collect();
    ids.sort();
    ids.dedup();
    ids.iter()
        .filter_map(|id| call_item(db, project, &plan.task(*id).id))
        .collect()
}

/// The tasks that depend on `name`.
pub fn outgoing_calls(db: &dyn salsa::Database, project: Project, name: &str) -> Vec<CallItem> {
    let Some(task) = task_of(db, project, name) else {
        return Vec::new();
    };
    let plan = prog_db::plan_shape(db, project);
    plan.tasks
        .iter()
        .filter(|t| t.deps.iter().any(|d| d.on == task))
        .filter_map(|t| call_item(db, project, &t.id))
        .collect()
}

fn call_item(db: &dyn salsa::Database, project: Project, name: &str) -> Option<CallItem> {
    let task = task_of(db, project, name)?;
    let definition = crate::definitions(db, project).get(name)?;
    Some(CallItem {
        name: name.to_string(),
        kind: definition.kind,
        title: (*prog_db::resolved(db, project).plan.task(task).title).clone(),
        file: definition.file,
        span: definition.decl,
        selection: definition.name,
    })
}

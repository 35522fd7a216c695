//! From an id to the part of the plan model it names.

use std::collections::HashMap;

use prog_db::Project;
use prog_plan::{ResourceId, TaskId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ModelRef {
    Program,
    Calendar(usize),
    Resource(ResourceId),
    Task(TaskId),
    Risk(usize),
    Approval(usize),
}

/// Built from the title-free model, so it survives edits to prose.
#[salsa::tracked(returns(ref))]
pub(crate) fn model_index(db: &dyn salsa::Database, project: Project) -> HashMap<String, ModelRef> {
    let plan = prog_db::plan_shape(db, project);
    let mut index = HashMap::new();
    index.insert(plan.program.id.clone(), ModelRef::Program);
    for (i, c) in plan.calendars.iter().enumerate() {
        index.insert(c.id.clone(), ModelRef::Calendar(i));
    }
    for (i, r) in plan.resources.iter().enumerate() {
        index.insert(r.id.to_string(), ModelRef::Resource(ResourceId(i as u32)));
    }
    for (i, t) in plan.tasks.iter().enumerate() {
        index.insert(t.id.to_string(), ModelRef::Task(TaskId(i as u32)));
    }
    for (i, r) in plan.risks.iter().enumerate() {
        index.insert(r.id.clone(), ModelRef::Risk(i));
    }
    for (i, a) in plan.approvals.iter().enumerate() {
        index.insert(a.id.clone(), ModelRef::Approval(i));
    }
    index
}

pub(crate) fn task_of(db: &dyn salsa::Database, project: Project, name: &str) -> Option<TaskId> {
    match model_index(db, project).get(name)? {
        ModelRef::Task(id) => Some(*id),
        _ => None,
    }
}

//! Items of the two versions matched by id: tasks (by index both ways) and
//! the other kinds (added, removed, in both).

use std::collections::HashMap;

use prog_plan::{Plan, TaskId};

/// The same task in both versions, by id.
pub struct TaskIndex {
    /// Indexed by the old plan's task; its place in the new plan.
    pub new_of_old: Vec<Option<TaskId>>,
    /// Indexed by the new plan's task; its place in the old plan.
    pub old_of_new: Vec<Option<TaskId>>,
}

impl TaskIndex {
    pub fn new(old: &Plan, new: &Plan) -> TaskIndex {
        let by_id: HashMap<&str, TaskId> = old.task_ids().map(|id| (old.task(id).id.as_str(), id)).collect();
        let old_of_new: Vec<Option<TaskId>> = new
            .tasks
            .iter()
            .map(|t| by_id.get(t.id.as_str()).copied())
            .collect();
        let mut new_of_old = vec![None; old.tasks.len()];
        for (n, o) in old_of_new.iter().enumerate() {
            if let Some(o) = o {
                new_of_old[o.index()] = Some(TaskId(n as u32));
            }
        }
        TaskIndex {
            new_of_old,
            old_of_new,
        }
    }

    /// Pairs of (old, new) for every task in both, in the new plan's order.
    pub fn pairs(&self) -> impl Iterator<Item = (TaskId, TaskId)> + '_ {
        self.old_of_new
            .iter()
            .enumerate()
            .filter_map(|(n, o)| o.map(|o| (o, TaskId(n as u32))))
    }
}

/// Items of one kind in both plans, by id: added (new order), removed (old
/// order) and the pairs in both (new order).
pub fn match_by_id<'a, T>(old: &'a [T], new: &'a [T], id: impl Fn(&T) -> &str) -> Matched<'a, T> {
    let old_ids: HashMap<&str, &T> = old.iter().map(|x| (id(x), x)).collect();
    let new_ids: HashMap<&str, &T> = new.iter().map(|x| (id(x), x)).collect();
    Matched {
        added: new.iter().filter(|x| !old_ids.contains_key(id(x))).collect(),
        removed: old.iter().filter(|x| !new_ids.contains_key(id(x))).collect(),
        both: new
            .iter()
            .filter_map(|x| old_ids.get(id(x)).map(|o| (*o, x)))
            .collect(),
    }
}

pub struct Matched<'a, T> {
    pub added: Vec<&'a T>,
    pub removed: Vec<&'a T>,
    pub both: Vec<(&'a T, &'a T)>,
}

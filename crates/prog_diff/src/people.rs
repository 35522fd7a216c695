//! Blocked work, action items and stakeholders that changed: the people
//! around the program are no schedule input, so the task comparison does
//! not see them.

use std::collections::HashMap;

use prog_plan::Plan;

use crate::model::{BlockedEntry, PeopleChanges};

pub(crate) fn compare(old: &Plan, new: &Plan) -> PeopleChanges {
    let blocked = |plan: &Plan| -> HashMap<String, String> {
        plan.people
            .blocked
            .iter()
            .map(|b| (plan.task(b.task).id.to_string(), b.reason.clone()))
            .collect()
    };
    let (was, now) = (blocked(old), blocked(new));
    let mut changes = PeopleChanges::default();
    for b in &new.people.blocked {
        let id = new.task(b.task).id.as_str();
        if was.get(id) != Some(&b.reason) {
            changes.blocked.push(BlockedEntry {
                id: id.to_string(),
                reason: b.reason.clone(),
            });
        }
    }
    // Unblocked: blocked before, in the new plan and not blocked there.
    let in_new = |id: &str| new.tasks.iter().any(|t| t.id == id);
    changes.unblocked = old
        .people
        .blocked
        .iter()
        .map(|b| old.task(b.task).id.to_string())
        .filter(|id| !now.contains_key(id) && in_new(id))
        .collect();
    let actions = |plan: &Plan| -> HashMap<String, bool> {
        plan.people
            .actions
            .iter()
            .map(|a| (a.id.clone(), a.done.is_some()))
            .collect()
    };
    let (old_actions, new_actions) = (actions(old), actions(new));
    for a in &new.people.actions {
        match old_actions.get(&a.id) {
            None => changes.actions_added.push(a.id.clone()),
            Some(false) if a.done.is_some() => changes.actions_done.push(a.id.clone()),
            _ => {}
        }
    }
    changes.actions_removed = old
        .people
        .actions
        .iter()
        .filter(|a| !new_actions.contains_key(&a.id))
        .map(|a| a.id.clone())
        .collect();
    let ids =
        |plan: &Plan| -> Vec<String> { plan.people.stakeholders.iter().map(|s| s.id.clone()).collect() };
    let (old_ids, new_ids) = (ids(old), ids(new));
    changes.stakeholders_added = new_ids
        .iter()
        .filter(|id| !old_ids.contains(id))
        .cloned()
        .collect();
    changes.stakeholders_removed = old_ids
        .iter()
        .filter(|id| !new_ids.contains(id))
        .cloned()
        .collect();
    changes
}

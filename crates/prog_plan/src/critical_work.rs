//! What work named by a stakeholder's interest, an action or a blocked item
//! means for the plan: whether it is critical, and which milestones wait
//! for it. The findings and the status report share these tests.

use crate::model::people::covered;
use crate::model::{Plan, TaskId, TaskKind};
use crate::schedule::Schedule;

/// Whether any task `items` cover is on the critical path of `schedule`:
/// the test of "critical work" for blocked work and overdue actions.
pub fn on_critical_path(plan: &Plan, schedule: &Schedule, items: &[TaskId]) -> bool {
    covered(plan, items)
        .into_iter()
        .any(|t| schedule.tasks.get(t.index()).is_some_and(|times| times.critical))
}

/// The milestones that wait for `task`, in plan order: those that depend on
/// it (or on a group holding it), directly or through other work, and what
/// is inside a group that does. Lags and dependency kinds are not weighed:
/// a milestone is listed if any chain of dependencies leads to it.
pub fn waiting_milestones(plan: &Plan, task: TaskId) -> Vec<TaskId> {
    let n = plan.tasks.len();
    let mut dependents: Vec<Vec<TaskId>> = vec![Vec::new(); n];
    let mut children: Vec<Vec<TaskId>> = vec![Vec::new(); n];
    for t in plan.task_ids() {
        for d in &plan.task(t).deps {
            if let Some(list) = dependents.get_mut(d.on.index()) {
                list.push(t);
            }
        }
        if let Some(list) = plan.task(t).parent.and_then(|p| children.get_mut(p.index())) {
            list.push(t);
        }
    }
    let mut waiting = vec![false; n];
    let mut stack = vec![task];
    while let Some(first) = stack.pop() {
        let mut next: Vec<TaskId> = Vec::new();
        // What depends on `first`, or on a group holding it (bounded, so a
        // malformed parent loop ends).
        let mut at = Some(first);
        for _ in 0..=n {
            let Some(a) = at else { break };
            next.extend(dependents.get(a.index()).into_iter().flatten());
            at = plan.tasks.get(a.index()).and_then(|t| t.parent);
        }
        // Inside a group that waits, everything waits.
        if first != task {
            next.extend(children.get(first.index()).into_iter().flatten());
        }
        for t in next {
            if t != task && !waiting[t.index()] {
                waiting[t.index()] = true;
                stack.push(t);
            }
        }
    }
    plan.task_ids()
        .filter(|t| waiting[t.index()] && plan.task(*t).kind == TaskKind::Milestone)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DepKind, Dependency, Program, Task, Work};

    #[test]
    fn milestones_wait_through_dependencies_and_groups() {
        // a → m1; g (after a) holds b and m2; c and m3 stand apart.
        let after = |on: u32| Dependency {
            on: TaskId(on),
            kind: DepKind::FinishToStart,
            lag: Work::ZERO,
        };
        let tasks = vec![
            Task::new("a", TaskKind::Task),
            Task {
                deps: vec![after(0)].into(),
                ..Task::new("m1", TaskKind::Milestone)
            },
            Task {
                deps: vec![after(0)].into(),
                ..Task::new("g", TaskKind::Group)
            },
            Task {
                parent: Some(TaskId(2)),
                ..Task::new("b", TaskKind::Task)
            },
            Task {
                parent: Some(TaskId(2)),
                deps: vec![after(3)].into(),
                ..Task::new("m2", TaskKind::Milestone)
            },
            Task::new("c", TaskKind::Task),
            Task {
                deps: vec![after(5)].into(),
                ..Task::new("m3", TaskKind::Milestone)
            },
        ];
        let plan = Plan {
            program: Program {
                id: "p".into(),
                title: None,
                start: "2027-01-04".parse().unwrap(),
                status_date: None,
                calendar: None,
                currency: None,
            },
            calendars: Vec::new(),
            resources: Vec::new().into(),
            tasks,
            risks: Vec::new(),
            approvals: Vec::new(),
            people: Default::default(),
            externals: Vec::new(),
        };
        assert_eq!(waiting_milestones(&plan, TaskId(0)), vec![TaskId(1), TaskId(4)]);
        // `b` is inside `g`: only `m2`, after it, waits.
        assert_eq!(waiting_milestones(&plan, TaskId(3)), vec![TaskId(4)]);
        assert_eq!(waiting_milestones(&plan, TaskId(5)), vec![TaskId(6)]);
    }
}

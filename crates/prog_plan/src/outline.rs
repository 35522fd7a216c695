//! What the dependency network reads of a plan's tasks (parents, which are
//! leaves, dependency statements), gathered in one sweep. A task is large:
//! at a million tasks each sweep over them costs as much as a pass of the
//! critical path method, and the work breakdown and the graph read the
//! outline instead, as often as they need.

use crate::model::{DepKind, Plan};

/// The parent of a task at the top level.
pub(crate) const ROOT: u32 = u32::MAX;

pub(crate) struct Outline {
    /// Per task, its parent, or [`ROOT`].
    pub parent: Vec<u32>,
    /// Per task, whether it is a leaf (a task or milestone, not a group).
    pub leaf: Vec<bool>,
    /// The statements of task `t` are `statements[start[t]..start[t + 1]]`.
    start: Vec<u32>,
    statements: Vec<Statement>,
}

/// A dependency statement as written: on a task or a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Statement {
    pub on: u32,
    /// Hours; negative for a lead. Stored narrow to keep the passes' data
    /// small; a lag beyond ±245,000 years is clamped.
    pub lag: i32,
    pub kind: DepKind,
}

impl Outline {
    pub(crate) fn new(plan: &Plan) -> Outline {
        let n = plan.tasks.len();
        let mut outline = Outline {
            parent: Vec::with_capacity(n),
            leaf: Vec::with_capacity(n),
            start: Vec::with_capacity(n + 1),
            statements: Vec::new(),
        };
        outline.start.push(0);
        for task in &plan.tasks {
            outline.parent.push(task.parent.map_or(ROOT, |p| p.0));
            outline.leaf.push(task.is_leaf());
            outline.statements.extend(task.deps.iter().map(|dep| Statement {
                on: dep.on.0,
                lag: dep.lag.0.clamp(i32::MIN.into(), i32::MAX.into()) as i32,
                kind: dep.kind,
            }));
            outline.start.push(outline.statements.len() as u32);
        }
        outline
    }

    pub(crate) fn len(&self) -> usize {
        self.parent.len()
    }

    /// The dependency statements of task `t`, in written order.
    pub(crate) fn statements(&self, t: usize) -> &[Statement] {
        &self.statements[self.start[t] as usize..self.start[t + 1] as usize]
    }
}

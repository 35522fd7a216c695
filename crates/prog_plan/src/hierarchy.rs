//! The work breakdown: which leaves (tasks and milestones) each group stands
//! for.

use crate::model::TaskId;
use crate::outline::{Outline, ROOT};

/// Leaves laid out depth first (children in the plan's order), so that the
/// leaves inside any group form one contiguous slice.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Hierarchy {
    leaf_order: Vec<TaskId>,
    /// Per task, its slice of `leaf_order`: a leaf's slice is itself.
    ranges: Vec<(u32, u32)>,
    /// Groups, every group after the groups inside it.
    groups_bottom_up: Vec<TaskId>,
}

impl Hierarchy {
    pub(crate) fn new(outline: &Outline) -> Hierarchy {
        // A plan's text writes a group before what it holds.
        let parents_first = (outline.parent.iter().enumerate()).all(|(t, &p)| p == ROOT || (p as usize) < t);
        if parents_first {
            Hierarchy::parents_first(outline)
        } else {
            Hierarchy::by_search(outline)
        }
    }

    /// The layout of the search, without it, where every parent comes before
    /// its children: each subtree's leaves counted from the last task back,
    /// then each task placed after its earlier siblings, from the first on.
    fn parents_first(outline: &Outline) -> Hierarchy {
        let (n, parent, leaf) = (outline.len(), &outline.parent, &outline.leaf);
        // The leaves in each task's subtree; then, once the task is placed,
        // where its next child goes.
        let mut count = vec![0u32; n];
        for t in (0..n).rev() {
            count[t] += u32::from(leaf[t]);
            if parent[t] != ROOT {
                count[parent[t] as usize] += count[t];
            }
        }
        let leaves = leaf.iter().filter(|&&l| l).count();
        let mut tree = Hierarchy {
            leaf_order: vec![TaskId(0); leaves],
            ranges: vec![(0, 0); n],
            // Inner groups come later in the plan than the groups around them.
            groups_bottom_up: (0..n as u32)
                .rev()
                .filter(|&t| !leaf[t as usize])
                .map(TaskId)
                .collect(),
        };
        let mut next_root = 0;
        for t in 0..n {
            let size = count[t];
            let next = match parent[t] {
                ROOT => &mut next_root,
                p => &mut count[p as usize],
            };
            let start = *next;
            *next += size;
            tree.ranges[t] = (start, start + size);
            count[t] = start;
            if leaf[t] {
                tree.leaf_order[start as usize] = TaskId(t as u32);
            }
        }
        tree
    }

    /// The layout by a depth-first search of the tree, for any parents (a
    /// malformed cycle of them included).
    fn by_search(outline: &Outline) -> Hierarchy {
        let (n, parent, leaf) = (outline.len(), &outline.parent, &outline.leaf);
        let mut child_start = vec![0u32; n + 2];
        for &p in parent {
            if p != ROOT {
                child_start[p as usize + 2] += 1;
            }
        }
        for i in 2..child_start.len() {
            child_start[i] += child_start[i - 1];
        }
        let mut children = vec![0u32; child_start[n + 1] as usize];
        for (t, &p) in parent.iter().enumerate() {
            if p != ROOT {
                let slot = &mut child_start[p as usize + 1];
                children[*slot as usize] = t as u32;
                *slot += 1;
            }
        }
        // Now `children[child_start[p]..child_start[p + 1]]` are p's children.

        let mut tree = Hierarchy {
            leaf_order: Vec::with_capacity(n),
            ranges: vec![(0, 0); n],
            groups_bottom_up: Vec::new(),
        };
        let mut visited = vec![false; n];
        let mut stack: Vec<(usize, u32)> = Vec::new();
        // Roots first; then whatever a malformed parent cycle left unreached.
        let roots = (0..n).filter(|&t| parent[t] == ROOT);
        for root in roots.chain(0..n) {
            if visited[root] {
                continue;
            }
            visited[root] = true;
            tree.enter(leaf, root);
            stack.push((root, child_start[root]));
            while let Some((node, cursor)) = stack.last_mut() {
                let node = *node;
                if *cursor < child_start[node + 1] {
                    let child = children[*cursor as usize] as usize;
                    *cursor += 1;
                    if !visited[child] {
                        visited[child] = true;
                        tree.enter(leaf, child);
                        stack.push((child, child_start[child]));
                    }
                } else {
                    stack.pop();
                    tree.leave(leaf, node);
                }
            }
        }
        tree
    }

    fn enter(&mut self, leaf: &[bool], task: usize) {
        let at = self.leaf_order.len() as u32;
        self.ranges[task] = (at, at);
        if leaf[task] {
            self.leaf_order.push(TaskId(task as u32));
            self.ranges[task].1 = at + 1;
        }
    }

    fn leave(&mut self, leaf: &[bool], task: usize) {
        if !leaf[task] {
            self.ranges[task].1 = self.leaf_order.len() as u32;
            self.groups_bottom_up.push(TaskId(task as u32));
        }
    }

    /// The leaves `task` stands for: itself if it is a leaf, else every leaf
    /// inside the group.
    pub(crate) fn leaves(&self, task: TaskId) -> &[TaskId] {
        let (from, to) = self.ranges[task.index()];
        &self.leaf_order[from as usize..to as usize]
    }

    pub(crate) fn groups_bottom_up(&self) -> &[TaskId] {
        &self.groups_bottom_up
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Hierarchy;
    use crate::generate;
    use crate::model::{Plan, Task, TaskId, TaskKind};
    use crate::outline::Outline;

    /// Without the search, the same layout as the search's; the groups may
    /// come in another order, each still after the groups inside it.
    fn agree(plan: &Plan) {
        let outline = Outline::new(plan);
        let (fast, searched) = (Hierarchy::parents_first(&outline), Hierarchy::by_search(&outline));
        assert_eq!(fast.leaf_order, searched.leaf_order);
        assert_eq!(fast.ranges, searched.ranges);
        let sorted = |tree: &Hierarchy| {
            let mut groups = tree.groups_bottom_up.clone();
            groups.sort_unstable();
            groups
        };
        assert_eq!(sorted(&fast), sorted(&searched));
        let mut place = vec![usize::MAX; plan.tasks.len()];
        for (i, g) in fast.groups_bottom_up.iter().enumerate() {
            place[g.index()] = i;
        }
        for (t, task) in plan.tasks.iter().enumerate() {
            if let Some(parent) = task.parent.filter(|_| task.kind == TaskKind::Group) {
                assert!(place[t] < place[parent.index()], "group {t} after its parent");
            }
        }
    }

    /// The generator writes every stream's packages in turn, so no group's
    /// tasks are together in the plan.
    #[test]
    fn generated_plans_are_laid_out_as_searched() {
        for seed in 1..4 {
            agree(&generate::plan(5_000, 20, seed));
        }
    }

    proptest! {
        /// Any tree whose parents come first: groups empty, nested or at the
        /// top, leaves anywhere.
        #[test]
        fn parents_first_is_laid_out_as_searched(picks in prop::collection::vec((0u32..1_000, 0u8..3), 0..200)) {
            let mut plan = generate::plan(0, 0, 1);
            let mut groups = Vec::new();
            for (t, (pick, kind)) in picks.into_iter().enumerate() {
                let kind = [TaskKind::Group, TaskKind::Task, TaskKind::Milestone][usize::from(kind)];
                let mut task = Task::new(format!("t{t}"), kind);
                task.parent = match pick as usize % (groups.len() + 1) {
                    0 => None,
                    g => Some(groups[g - 1]),
                };
                if kind == TaskKind::Group {
                    groups.push(TaskId(t as u32));
                }
                plan.tasks.push(task);
            }
            agree(&plan);
        }
    }
}

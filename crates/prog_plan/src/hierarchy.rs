//! The work breakdown: which leaves (tasks and milestones) each group stands
//! for.

use crate::model::TaskId;
use crate::outline::{Outline, ROOT};

/// Leaves laid out depth first, so that the leaves inside any group form one
/// contiguous slice.
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

//! The dependency graph between leaves, in compressed sparse row form.
//!
//! A dependency on a group is a dependency on every leaf inside it, and a
//! dependency written on a group binds every leaf inside it, so one written
//! statement may yield many edges; each edge remembers its statement.

use crate::hierarchy::Hierarchy;
use crate::model::{DepKind, Plan, TaskId};

/// A written dependency statement: `plan.tasks[task].deps[index]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DepRef {
    pub task: TaskId,
    pub index: u32,
}

/// `to` depends on `from`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    pub from: u32,
    pub to: u32,
    pub kind: DepKind,
    /// Hours; negative for a lead.
    pub lag: i64,
    pub dep: DepRef,
}

#[derive(Debug)]
pub(crate) struct Graph {
    /// Sorted by target: the edges into `v` are `edges[into[v]..into[v + 1]]`.
    edges: Vec<Edge>,
    into: Vec<usize>,
    /// Edge indices grouped by source: the edges out of `v` are
    /// `out[out_start[v]..out_start[v + 1]]`.
    out: Vec<u32>,
    out_start: Vec<usize>,
}

impl Graph {
    pub(crate) fn new(plan: &Plan, tree: &Hierarchy) -> Graph {
        let mut edges = Vec::new();
        for (t, task) in plan.tasks.iter().enumerate() {
            let targets = tree.leaves(TaskId(t as u32));
            for (i, dep) in task.deps.iter().enumerate() {
                let dep_ref = DepRef {
                    task: TaskId(t as u32),
                    index: i as u32,
                };
                for &from in tree.leaves(dep.on) {
                    edges.extend(targets.iter().map(|&to| Edge {
                        from: from.0,
                        to: to.0,
                        kind: dep.kind,
                        lag: dep.lag.0,
                        dep: dep_ref,
                    }));
                }
            }
        }
        Graph::from_edges(plan.tasks.len(), edges)
    }

    /// The same nodes with only the edges `keep` accepts.
    pub(crate) fn filtered(&self, keep: impl Fn(&Edge) -> bool) -> Graph {
        let edges = self.edges.iter().copied().filter(|e| keep(e)).collect();
        Graph::from_edges(self.node_count(), edges)
    }

    fn from_edges(nodes: usize, edges: Vec<Edge>) -> Graph {
        let into = offsets(nodes, edges.iter().map(|e| e.to as usize));
        let mut sorted = edges.clone();
        let mut slot = into.clone();
        for e in edges {
            sorted[slot[e.to as usize]] = e;
            slot[e.to as usize] += 1;
        }
        let out_start = offsets(nodes, sorted.iter().map(|e| e.from as usize));
        let mut out = vec![0u32; sorted.len()];
        let mut slot = out_start.clone();
        for (i, e) in sorted.iter().enumerate() {
            out[slot[e.from as usize]] = i as u32;
            slot[e.from as usize] += 1;
        }
        Graph {
            edges: sorted,
            into,
            out,
            out_start,
        }
    }

    pub(crate) fn node_count(&self) -> usize {
        self.into.len() - 1
    }

    pub(crate) fn edge(&self, e: u32) -> &Edge {
        &self.edges[e as usize]
    }

    /// Indices of the edges into `v`.
    pub(crate) fn incoming(&self, v: usize) -> std::ops::Range<u32> {
        self.into[v] as u32..self.into[v + 1] as u32
    }

    /// Indices of the edges out of `v`.
    pub(crate) fn outgoing(&self, v: usize) -> &[u32] {
        &self.out[self.out_start[v]..self.out_start[v + 1]]
    }
}

/// Start offsets of each key's bucket in a counting sort of `keys`.
fn offsets(nodes: usize, keys: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut start = vec![0usize; nodes + 1];
    for k in keys {
        start[k + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    start
}

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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Edge {
    pub from: u32,
    pub to: u32,
    /// Hours; negative for a lead. Stored narrow to keep the passes' data
    /// small; a lag beyond ±245,000 years is clamped.
    pub lag: i32,
    pub kind: DepKind,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Graph {
    /// Sorted by target: the edges into `v` are `edges[into[v]..into[v + 1]]`.
    edges: Vec<Edge>,
    /// The statement behind each edge; apart from `edges` to keep the passes'
    /// data small.
    statements: Vec<DepRef>,
    into: Vec<usize>,
}

impl Graph {
    /// Built in two sweeps over the statements, counting then placing, so
    /// the edges land sorted by target without an unsorted copy.
    pub(crate) fn new(plan: &Plan, tree: &Hierarchy) -> Graph {
        let statements = || {
            plan.tasks.iter().enumerate().flat_map(|(t, task)| {
                let task_id = TaskId(t as u32);
                task.deps.iter().enumerate().map(move |(i, dep)| {
                    let at = DepRef {
                        task: task_id,
                        index: i as u32,
                    };
                    (at, dep, tree.leaves(task_id), tree.leaves(dep.on))
                })
            })
        };
        let n = plan.tasks.len();
        let mut into = vec![0usize; n + 1];
        for (_, _, targets, sources) in statements() {
            for to in targets {
                into[to.index() + 1] += sources.len();
            }
        }
        prefix_sums(&mut into);
        let placeholder = Edge {
            from: 0,
            to: 0,
            lag: 0,
            kind: DepKind::FinishToStart,
        };
        let mut edges = vec![placeholder; into[n]];
        let mut deps = vec![
            DepRef {
                task: TaskId(0),
                index: 0
            };
            edges.len()
        ];
        // `into[v]` is the next free place of `v`'s edges while placing.
        for (at, dep, targets, sources) in statements() {
            let lag = dep.lag.0.clamp(i32::MIN.into(), i32::MAX.into()) as i32;
            for &to in targets {
                let first = into[to.index()];
                for (i, &from) in (first..).zip(sources) {
                    edges[i] = Edge {
                        from: from.0,
                        to: to.0,
                        lag,
                        kind: dep.kind,
                    };
                    deps[i] = at;
                }
                into[to.index()] += sources.len();
            }
        }
        // Each `into[v]` is now where `v + 1`'s edges start.
        into.copy_within(0..n, 1);
        into[0] = 0;
        Graph {
            edges,
            statements: deps,
            into,
        }
    }

    /// The same nodes with only the edges `keep` accepts, given each edge
    /// and its statement.
    pub(crate) fn filtered(&self, keep: impl Fn(&Edge, DepRef) -> bool) -> Graph {
        let (edges, deps): (Vec<Edge>, Vec<DepRef>) = self
            .edges
            .iter()
            .zip(&self.statements)
            .filter(|(e, s)| keep(e, **s))
            .unzip();
        let mut into = vec![0usize; self.node_count() + 1];
        for e in &edges {
            into[e.to as usize + 1] += 1;
        }
        prefix_sums(&mut into);
        Graph {
            edges,
            statements: deps,
            into,
        }
    }

    pub(crate) fn node_count(&self) -> usize {
        self.into.len() - 1
    }

    pub(crate) fn edge_count(&self) -> usize {
        self.edges.len()
    }

    pub(crate) fn edge(&self, e: u32) -> &Edge {
        &self.edges[e as usize]
    }

    /// The written statement that produced edge `e`.
    pub(crate) fn statement(&self, e: u32) -> DepRef {
        self.statements[e as usize]
    }

    /// Indices of the edges into `v`.
    pub(crate) fn incoming(&self, v: usize) -> std::ops::Range<u32> {
        self.into[v] as u32..self.into[v + 1] as u32
    }
}

/// The edges of a graph grouped by source, for the searches that follow
/// edges forward (cycles). Built apart from the graph: the passes of the
/// critical path method only read edges by target.
pub(crate) struct Outgoing {
    /// The edges out of `v` are `edges[start[v]..start[v + 1]]`.
    edges: Vec<u32>,
    start: Vec<usize>,
}

impl Outgoing {
    pub(crate) fn new(graph: &Graph) -> Outgoing {
        let n = graph.node_count();
        let mut start = vec![0usize; n + 1];
        for e in &graph.edges {
            start[e.from as usize + 1] += 1;
        }
        prefix_sums(&mut start);
        let mut edges = vec![0u32; graph.edges.len()];
        // `start[v]` is the next free place of `v`'s edges while placing.
        for (i, e) in graph.edges.iter().enumerate() {
            edges[start[e.from as usize]] = i as u32;
            start[e.from as usize] += 1;
        }
        start.copy_within(0..n, 1);
        start[0] = 0;
        Outgoing { edges, start }
    }

    /// Indices of the edges out of `v`.
    pub(crate) fn of(&self, v: usize) -> &[u32] {
        &self.edges[self.start[v]..self.start[v + 1]]
    }
}

fn prefix_sums(counts: &mut [usize]) {
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
}

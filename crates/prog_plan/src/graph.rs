//! The dependency graph between leaves, in compressed sparse row form.
//!
//! A dependency on a group is a dependency on every leaf inside it, and a
//! dependency written on a group binds every leaf inside it, so one written
//! statement may yield many edges; each edge remembers its statement.

use crate::hierarchy::Hierarchy;
use crate::model::{DepKind, Plan, TaskId};
use crate::outline::{Outline, Statement};

/// The work breakdown of `plan` and the graph between its leaves, from one
/// sweep over its tasks.
pub(crate) fn tree_and_graph(plan: &Plan) -> (Hierarchy, Graph) {
    let outline = Outline::new(plan);
    let tree = Hierarchy::new(&outline);
    let graph = Graph::new(&outline, &tree);
    (tree, graph)
}

/// A written dependency statement: `plan.tasks[task].deps[index]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DepRef {
    pub task: TaskId,
    pub index: u32,
}

/// A dependency on `from` of the node whose edges hold it (the graph keeps
/// edges by target, so the target is where an edge is, not in it).
///
/// Eight bytes, the kind in the top two bits of the source: the passes read
/// every edge twice, and a million tasks have millions of edges. A plan
/// has far fewer than 2³⁰ tasks (a document is at most 64 MiB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Edge {
    from_and_kind: u32,
    /// Hours; negative for a lead ([`Statement::lag`](crate::outline::Statement::lag)).
    pub lag: i32,
}

impl Edge {
    const KIND_SHIFT: u32 = 30;

    fn new(from: u32, lag: i32, kind: DepKind) -> Edge {
        debug_assert!(from < 1 << Edge::KIND_SHIFT);
        let kind = match kind {
            DepKind::FinishToStart => 0,
            DepKind::StartToStart => 1,
            DepKind::FinishToFinish => 2,
        };
        Edge {
            from_and_kind: from | kind << Edge::KIND_SHIFT,
            lag,
        }
    }

    pub(crate) fn from(&self) -> u32 {
        self.from_and_kind & ((1 << Edge::KIND_SHIFT) - 1)
    }

    pub(crate) fn kind(&self) -> DepKind {
        match self.from_and_kind >> Edge::KIND_SHIFT {
            0 => DepKind::FinishToStart,
            1 => DepKind::StartToStart,
            _ => DepKind::FinishToFinish,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Graph {
    /// Sorted by target: the edges into `v` are `edges[into[v]..into[v + 1]]`.
    edges: Vec<Edge>,
    /// The statement behind each edge; apart from `edges` to keep the passes'
    /// data small.
    statements: Vec<DepRef>,
    into: Vec<u32>,
    /// Whether every edge comes from a node of a lower index.
    points_back: bool,
}

impl Graph {
    /// Built target by target, so the edges land sorted by target: the
    /// edges into a leaf come from its own statements and from those of the
    /// groups around it ([`GroupsAround::bindings`]).
    pub(crate) fn new(outline: &Outline, tree: &Hierarchy) -> Graph {
        let n = outline.len();
        let around = GroupsAround::new(outline, tree);
        // The leaves a statement names: a leaf names itself, without a look
        // into the tree (which is larger, and read out of order).
        let named = |on: u32| match outline.leaf[on as usize] {
            true => Named::Leaf(on),
            false => Named::Group(tree.leaves(TaskId(on))),
        };
        // Counted first, so that the lists are made once at their size
        // (grown by doubling, they held up to twice the edges, and the
        // allocator the lists they grew from).
        let mut count = 0;
        for to in (0..n).filter(|&t| outline.leaf[t]) {
            around.bindings(outline, to, |_, statement| {
                count += match named(statement.on) {
                    Named::Leaf(_) => 1,
                    Named::Group(leaves) => leaves.len(),
                }
            });
        }
        let mut edges = Vec::with_capacity(count);
        let mut statements = Vec::with_capacity(count);
        let mut into = Vec::with_capacity(n + 1);
        into.push(0);
        let mut points_back = true;
        for to in 0..n {
            if outline.leaf[to] {
                around.bindings(outline, to, |at, statement| {
                    let mut add = |from: u32| {
                        points_back &= (from as usize) < to;
                        edges.push(Edge::new(from, statement.lag, statement.kind));
                        statements.push(at);
                    };
                    match named(statement.on) {
                        Named::Leaf(from) => add(from),
                        Named::Group(leaves) => leaves.iter().for_each(|from| add(from.0)),
                    }
                });
            }
            into.push(edges.len() as u32);
        }
        Graph {
            edges,
            statements,
            into,
            points_back,
        }
    }

    /// The same nodes with only the edges `keep` accepts, given each edge's
    /// target, the edge and its statement.
    pub(crate) fn filtered(&self, keep: impl Fn(u32, &Edge, DepRef) -> bool) -> Graph {
        let n = self.node_count();
        let (mut edges, mut statements) = (Vec::new(), Vec::new());
        let mut into = Vec::with_capacity(n + 1);
        into.push(0);
        let mut points_back = true;
        for to in 0..n {
            for e in self.incoming(to) {
                let (edge, statement) = (self.edge(e), self.statement(e));
                if keep(to as u32, edge, statement) {
                    points_back &= (edge.from() as usize) < to;
                    edges.push(*edge);
                    statements.push(statement);
                }
            }
            into.push(edges.len() as u32);
        }
        Graph {
            edges,
            statements,
            into,
            points_back,
        }
    }

    /// Whether every edge comes from a node of a lower index, as in a plan
    /// whose tasks depend only on tasks written before them.
    pub(crate) fn points_back(&self) -> bool {
        self.points_back
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
        self.into[v]..self.into[v + 1]
    }

    /// The edges into `v`, with the index of the first.
    pub(crate) fn edges_into(&self, v: usize) -> (u32, &[Edge]) {
        let range = self.incoming(v);
        (range.start, &self.edges[range.start as usize..range.end as usize])
    }
}

/// The leaves a dependency statement names.
enum Named<'a> {
    Leaf(u32),
    Group(&'a [TaskId]),
}

/// The edges of a graph grouped by source, for the searches that follow
/// edges forward (cycles). Built apart from the graph: the passes of the
/// critical path method only read edges by target.
pub(crate) struct Outgoing {
    /// The edges out of `v` are `edges[start[v]..start[v + 1]]`.
    edges: Vec<u32>,
    start: Vec<usize>,
    /// Each edge's target, by edge.
    targets: Vec<u32>,
}

impl Outgoing {
    pub(crate) fn new(graph: &Graph) -> Outgoing {
        let n = graph.node_count();
        let mut start = vec![0usize; n + 1];
        for e in &graph.edges {
            start[e.from() as usize + 1] += 1;
        }
        prefix_sums(&mut start);
        let mut edges = vec![0u32; graph.edges.len()];
        let mut targets = vec![0u32; graph.edges.len()];
        // `start[v]` is the next free place of `v`'s edges while placing.
        for to in 0..n {
            for e in graph.incoming(to) {
                let from = graph.edge(e).from() as usize;
                edges[start[from]] = e;
                start[from] += 1;
                targets[e as usize] = to as u32;
            }
        }
        start.copy_within(0..n, 1);
        start[0] = 0;
        Outgoing {
            edges,
            start,
            targets,
        }
    }

    /// Indices of the edges out of `v`.
    pub(crate) fn of(&self, v: usize) -> &[u32] {
        &self.edges[self.start[v]..self.start[v + 1]]
    }

    /// The target of edge `e`.
    pub(crate) fn target(&self, e: u32) -> usize {
        self.targets[e as usize] as usize
    }
}

/// Per leaf, the groups around it that have dependency statements,
/// ascending. Most plans write few dependencies on groups, and a plan with
/// none has nothing here.
struct GroupsAround {
    /// The groups around leaf `v` are `groups[start[v]..start[v + 1]]`;
    /// empty when no group has a statement.
    start: Vec<usize>,
    groups: Vec<u32>,
}

impl GroupsAround {
    fn new(outline: &Outline, tree: &Hierarchy) -> GroupsAround {
        let mut with_statements: Vec<TaskId> = tree
            .groups_bottom_up()
            .iter()
            .copied()
            .filter(|&g| !outline.statements(g.index()).is_empty())
            .collect();
        if with_statements.is_empty() {
            return GroupsAround {
                start: Vec::new(),
                groups: Vec::new(),
            };
        }
        with_statements.sort_unstable();
        let n = outline.len();
        let mut start = vec![0usize; n + 1];
        for &g in &with_statements {
            for leaf in tree.leaves(g) {
                start[leaf.index() + 1] += 1;
            }
        }
        prefix_sums(&mut start);
        let mut groups = vec![0u32; start[n]];
        // `start[v]` is the next free place of `v`'s groups while placing.
        for &g in &with_statements {
            for leaf in tree.leaves(g) {
                groups[start[leaf.index()]] = g.0;
                start[leaf.index()] += 1;
            }
        }
        start.copy_within(0..n, 1);
        start[0] = 0;
        GroupsAround { start, groups }
    }

    fn of(&self, leaf: usize) -> &[u32] {
        match self.start.get(leaf..=leaf + 1) {
            Some(&[from, to]) => &self.groups[from..to],
            _ => &[],
        }
    }

    /// Each statement that binds leaf `to`, where it is written and what it
    /// says: those of the groups around it and its own, in the order of the
    /// plan's tasks, then each task's in written order.
    fn bindings(&self, outline: &Outline, to: usize, mut f: impl FnMut(DepRef, &Statement)) {
        let mut of_task = |task: u32| {
            for (index, statement) in outline.statements(task as usize).iter().enumerate() {
                let at = DepRef {
                    task: TaskId(task),
                    index: index as u32,
                };
                f(at, statement);
            }
        };
        let groups = self.of(to);
        let own = groups.partition_point(|&g| (g as usize) < to);
        groups[..own].iter().for_each(|&g| of_task(g));
        of_task(to as u32);
        groups[own..].iter().for_each(|&g| of_task(g));
    }
}

/// Each count replaced by the sum of it and those before it.
pub(crate) fn prefix_sums<T: Copy + std::ops::AddAssign>(counts: &mut [T]) {
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
}

#[cfg(test)]
mod tests {
    use super::{DepRef, tree_and_graph};
    use crate::generate;
    use crate::model::TaskId;

    /// The edges of every statement in the plan's order, each to every leaf
    /// of its task from every leaf of the task it names, then sorted by
    /// target keeping that order: what [`Graph::new`] must give, one sweep
    /// or not. Generated plans write statements on groups as well as on
    /// leaves; in half of them a group comes after its leaves.
    #[test]
    fn edges_come_by_target_in_the_order_of_the_statements() {
        for seed in 1..7 {
            let mut plan = generate::plan(3_000, 20, seed);
            if seed % 2 == 0 {
                // Move the first package group with statements last.
                let g = plan
                    .tasks
                    .iter()
                    .position(|t| t.parent.is_some() && !t.is_leaf() && !t.deps.is_empty());
                let g = g.expect("a package group");
                let group = plan.tasks.remove(g);
                let renumber = |id: &mut TaskId| match id.index() {
                    i if i == g => *id = TaskId(2_999),
                    i if i > g => id.0 -= 1,
                    _ => {}
                };
                plan.tasks.push(group);
                for task in &mut plan.tasks {
                    if let Some(parent) = &mut task.parent {
                        renumber(parent);
                    }
                    task.deps.iter_mut().for_each(|dep| renumber(&mut dep.on));
                }
            }
            let (tree, graph) = tree_and_graph(&plan);
            let mut expected = Vec::new();
            for (t, task) in plan.tasks.iter().enumerate() {
                for (index, dep) in task.deps.iter().enumerate() {
                    let at = DepRef {
                        task: TaskId(t as u32),
                        index: index as u32,
                    };
                    for to in tree.leaves(TaskId(t as u32)) {
                        for from in tree.leaves(dep.on) {
                            expected.push((to.0, from.0, at));
                        }
                    }
                }
            }
            expected.sort_by_key(|&(to, ..)| to);
            let edges: Vec<(u32, u32, DepRef)> = (0..graph.node_count())
                .flat_map(|v| graph.incoming(v).map(move |e| (v as u32, e)))
                .map(|(v, e)| (v, graph.edge(e).from(), graph.statement(e)))
                .collect();
            assert_eq!(edges, expected, "seed {seed}");
            assert_eq!(graph.edge_count(), expected.len());
        }
    }
}

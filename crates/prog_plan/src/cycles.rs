//! Circular dependencies: found, reported, and cut out so that the rest of
//! the plan still schedules.

use std::collections::HashSet;

use crate::graph::{DepRef, Graph, Outgoing};
use crate::model::TaskId;

/// A loop of dependencies, and where the schedule breaks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cycle {
    /// The leaves on the loop, ascending.
    pub tasks: Vec<TaskId>,
    /// The loop as the dependency statements that make it, in order: each
    /// edge's dependent task is the next edge's prerequisite. A statement
    /// written on a group stands for the edge it produced between leaves.
    /// The last one closes the loop: the schedule ignores it (its edges
    /// inside the loop's strongly connected set) and keeps the others.
    pub edges: Vec<DepRef>,
}

/// A graph without circular dependencies, ready for the passes.
#[derive(Debug)]
pub(crate) struct Acyclic {
    /// The input graph less the edges of the statements that close loops.
    pub graph: Graph,
    /// All nodes, every node after the nodes it depends on.
    pub order: Vec<u32>,
    pub cycles: Vec<Cycle>,
}

/// Finds the loops and breaks each at one statement, in time linear in the
/// graph: a depth-first search through each strongly connected set of
/// leaves, from its first leaf, where every edge back to a leaf on the
/// search path closes a loop (the path from that leaf, then the edge). Its
/// statement is ignored inside the set; what is left has no edge back, and
/// so no loop. In `a after c`, `b after a`, `c after b` the loop is broken
/// at `a after c`, the one that points forward in the order of the plan.
pub(crate) fn break_cycles(graph: Graph) -> Acyclic {
    if let Some(order) = topological(&graph) {
        return Acyclic {
            graph,
            order,
            cycles: Vec::new(),
        };
    }
    let outgoing = Outgoing::new(&graph);
    let mut component = vec![NONE; graph.node_count()];
    for (id, members) in strongly_connected(&graph, &outgoing).into_iter().enumerate() {
        for &v in &members {
            component[v as usize] = id as u32;
        }
    }
    let (cut, cycles) = closing_statements(&graph, &outgoing, &component);
    let graph = graph.filtered(|to, e, statement| {
        let c = component[e.from() as usize];
        c == NONE || c != component[to as usize] || !cut.contains(&statement)
    });
    let order = topological(&graph).unwrap_or_default();
    Acyclic { graph, order, cycles }
}

/// The statements that close loops, and those loops, by the depth-first
/// search of [`break_cycles`] over the edges inside strongly connected sets.
fn closing_statements(
    graph: &Graph,
    outgoing: &Outgoing,
    component: &[u32],
) -> (HashSet<DepRef>, Vec<Cycle>) {
    let mut cut = HashSet::new();
    let mut cycles = Vec::new();
    // Where each leaf is on the search path, while it is on it.
    let mut on_path = vec![NONE; graph.node_count()];
    let mut done = vec![false; graph.node_count()];
    // The path: each leaf, the edge that led to it, and the next of its
    // outgoing edges to follow.
    let mut path: Vec<(u32, u32, usize)> = Vec::new();
    for root in 0..graph.node_count() {
        if component[root] == NONE || done[root] {
            continue;
        }
        on_path[root] = 0;
        path.push((root as u32, NONE, 0));
        while let Some(top) = path.last_mut() {
            let v = top.0;
            let Some(&e) = outgoing.of(v as usize).get(top.2) else {
                on_path[v as usize] = NONE;
                done[v as usize] = true;
                path.pop();
                continue;
            };
            top.2 += 1;
            let to = outgoing.target(e);
            if component[to] != component[v as usize] || cut.contains(&graph.statement(e)) {
                continue;
            }
            if on_path[to] != NONE {
                let around = &path[on_path[to] as usize..];
                let mut tasks: Vec<TaskId> = around.iter().map(|&(v, ..)| TaskId(v)).collect();
                tasks.sort_unstable();
                let edges = around[1..]
                    .iter()
                    .map(|&(_, via, _)| graph.statement(via))
                    .chain([graph.statement(e)])
                    .collect();
                cut.insert(graph.statement(e));
                cycles.push(Cycle { tasks, edges });
            } else if !done[to] {
                on_path[to] = path.len() as u32;
                path.push((to as u32, e, 0));
            }
        }
    }
    (cut, cycles)
}

const NONE: u32 = u32::MAX;

/// A topological order by depth-first search over predecessors, or `None`
/// if the graph has a cycle. Nodes come in index order wherever the
/// dependencies allow, which keeps the passes' memory access sequential for
/// plans written roughly in order.
fn topological(graph: &Graph) -> Option<Vec<u32>> {
    let n = graph.node_count();
    // Plans mostly depend on what they wrote before. When every edge points
    // back in index order, the search finds each node's predecessors done
    // when it gets to it, and so gives the index order: known here without
    // the search.
    if graph.points_back() {
        return Some((0..n as u32).collect());
    }
    depth_first(graph)
}

/// [`topological`] by its search.
fn depth_first(graph: &Graph) -> Option<Vec<u32>> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let n = graph.node_count();
    let mut state = vec![NEW; n];
    let mut order = Vec::with_capacity(n);
    let mut stack: Vec<(usize, u32)> = Vec::new();
    for root in 0..n {
        if state[root] != NEW {
            continue;
        }
        state[root] = OPEN;
        stack.push((root, graph.incoming(root).start));
        while let Some((v, next)) = stack.last_mut() {
            let v = *v;
            if *next == graph.incoming(v).end {
                stack.pop();
                state[v] = DONE;
                order.push(v as u32);
                continue;
            }
            let u = graph.edge(*next).from() as usize;
            *next += 1;
            match state[u] {
                NEW => {
                    state[u] = OPEN;
                    stack.push((u, graph.incoming(u).start));
                }
                OPEN => return None,
                _ => {}
            }
        }
    }
    Some(order)
}

/// The strongly connected components that hold a cycle (more than one node,
/// or one that depends on itself), members ascending. Only called when the
/// plan has a cycle, so building petgraph's graph costs nothing otherwise.
fn strongly_connected(graph: &Graph, outgoing: &Outgoing) -> Vec<Vec<u32>> {
    let n = graph.node_count();
    let mut pg = petgraph::graph::DiGraph::<(), (), u32>::with_capacity(n, graph.edge_count());
    for _ in 0..n {
        pg.add_node(());
    }
    for v in 0..n {
        for &e in outgoing.of(v) {
            let to = outgoing.target(e) as u32;
            pg.add_edge((v as u32).into(), to.into(), ());
        }
    }
    petgraph::algo::tarjan_scc(&pg)
        .into_iter()
        .filter_map(|component| {
            let mut members: Vec<u32> = component.iter().map(|v| v.index() as u32).collect();
            let v = members[0] as usize;
            let cyclic = members.len() > 1 || outgoing.of(v).iter().any(|&e| outgoing.target(e) == v);
            cyclic.then(|| {
                members.sort_unstable();
                members
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{depth_first, topological};
    use crate::generate;
    use crate::graph::tree_and_graph;
    use crate::model::{DepKind, Dependency, TaskKind, Work};

    /// Generated plans depend only on earlier tasks: the index order, taken
    /// without a search, must be the search's own.
    #[test]
    fn the_index_order_is_the_search_order_when_every_edge_points_back() {
        for seed in 1..5 {
            let (_, graph) = tree_and_graph(&generate::plan(3_000, 20, seed));
            let searched = depth_first(&graph).expect("no cycle");
            assert_eq!(searched, (0..3_000).collect::<Vec<u32>>(), "seed {seed}");
            assert_eq!(topological(&graph), Some(searched));
        }
    }

    /// One edge forward in the plan's order (a leaf on a task added last),
    /// and the order is searched: every node after its predecessors.
    #[test]
    fn an_edge_forward_is_searched() {
        let mut plan = generate::plan(3_000, 20, 1);
        let first = plan.tasks.iter().position(|t| t.kind != TaskKind::Group).unwrap();
        let mut added = plan.tasks[first].clone();
        (added.parent, added.deps) = (None, Default::default());
        plan.tasks.push(added);
        let last = plan.tasks.len() - 1;
        plan.tasks[first].deps.push(Dependency {
            on: crate::model::TaskId(last as u32),
            kind: DepKind::FinishToStart,
            lag: Work::ZERO,
        });
        let (_, graph) = tree_and_graph(&plan);
        let order = topological(&graph).expect("no cycle");
        assert_eq!(Some(&order), depth_first(&graph).as_ref());
        let mut place = vec![0; order.len()];
        for (i, &v) in order.iter().enumerate() {
            place[v as usize] = i;
        }
        assert!(place[last] < place[first]);
        for v in 0..graph.node_count() {
            for e in graph.incoming(v) {
                assert!(place[graph.edge(e).from() as usize] < place[v]);
            }
        }
    }
}

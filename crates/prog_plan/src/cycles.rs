//! Circular dependencies: found, reported, and cut out so that the rest of
//! the plan still schedules.

use crate::graph::{DepRef, Graph};
use crate::model::TaskId;

/// A strongly connected set of tasks, with one concrete cycle through it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cycle {
    /// Every leaf of the strongly connected component, ascending.
    pub tasks: Vec<TaskId>,
    /// One cycle as the dependency statements that make it, in order: each
    /// edge's dependent task is the next edge's prerequisite. A statement
    /// written on a group stands for the edge it produced between leaves.
    pub edges: Vec<DepRef>,
}

/// A graph without circular dependencies, ready for the passes.
#[derive(Debug)]
pub(crate) struct Acyclic {
    /// The input graph less every edge inside a strongly connected component.
    pub graph: Graph,
    /// All nodes, every node after the nodes it depends on.
    pub order: Vec<u32>,
    pub cycles: Vec<Cycle>,
}

pub(crate) fn break_cycles(graph: Graph) -> Acyclic {
    if let Some(order) = topological(&graph) {
        return Acyclic {
            graph,
            order,
            cycles: Vec::new(),
        };
    }
    let mut component = vec![NONE; graph.node_count()];
    let mut cycles = Vec::new();
    let mut via = vec![NONE; graph.node_count()];
    for (id, members) in strongly_connected(&graph).into_iter().enumerate() {
        for &v in &members {
            component[v as usize] = id as u32;
        }
        if let Some(edges) = concrete_cycle(&graph, &component, members[0], &mut via) {
            cycles.push(Cycle {
                tasks: members.iter().map(|&v| TaskId(v)).collect(),
                edges,
            });
        }
    }
    let graph = graph.filtered(|e| {
        let c = component[e.from as usize];
        c == NONE || c != component[e.to as usize]
    });
    let order = topological(&graph).unwrap_or_default();
    cycles.sort_by_key(|c| c.tasks[0]);
    Acyclic { graph, order, cycles }
}

const NONE: u32 = u32::MAX;

/// A topological order by depth-first search over predecessors, or `None`
/// if the graph has a cycle. Nodes come in index order wherever the
/// dependencies allow, which keeps the passes' memory access sequential for
/// plans written roughly in order.
fn topological(graph: &Graph) -> Option<Vec<u32>> {
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
            let u = graph.edge(*next).from as usize;
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
fn strongly_connected(graph: &Graph) -> Vec<Vec<u32>> {
    let n = graph.node_count();
    let mut pg = petgraph::graph::DiGraph::<(), (), u32>::with_capacity(n, graph.edge_count());
    for _ in 0..n {
        pg.add_node(());
    }
    for v in 0..n {
        for &e in graph.outgoing(v) {
            let to = graph.edge(e).to;
            pg.add_edge((v as u32).into(), to.into(), ());
        }
    }
    petgraph::algo::tarjan_scc(&pg)
        .into_iter()
        .filter_map(|component| {
            let mut members: Vec<u32> = component.iter().map(|v| v.index() as u32).collect();
            let v = members[0] as usize;
            let cyclic =
                members.len() > 1 || graph.outgoing(v).iter().any(|&e| graph.edge(e).to as usize == v);
            cyclic.then(|| {
                members.sort_unstable();
                members
            })
        })
        .collect()
}

/// The shortest cycle through `start` inside its component, by breadth-first
/// search (`None` only if the component holds no cycle). `via` maps each node
/// to the edge that reached it; it is all `NONE` before and after.
fn concrete_cycle(graph: &Graph, component: &[u32], start: u32, via: &mut [u32]) -> Option<Vec<DepRef>> {
    let c = component[start as usize];
    let mut queue = vec![start];
    let mut next = 0;
    let mut found = None;
    'search: while let Some(&v) = queue.get(next) {
        next += 1;
        for &e in graph.outgoing(v as usize) {
            let to = graph.edge(e).to;
            if to == start {
                found = Some(e);
                break 'search;
            }
            if component[to as usize] == c && via[to as usize] == NONE {
                via[to as usize] = e;
                queue.push(to);
            }
        }
    }
    let cycle = found.map(|last| {
        let mut edges = vec![graph.statement(last)];
        let mut at = graph.edge(last).from;
        while at != start {
            let back = via[at as usize];
            edges.push(graph.statement(back));
            at = graph.edge(back).from;
        }
        edges.reverse();
        edges
    });
    for v in queue {
        via[v as usize] = NONE;
    }
    cycle
}

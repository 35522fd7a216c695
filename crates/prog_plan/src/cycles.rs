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
    let order = topological(&graph);
    if order.len() == graph.node_count() {
        return Acyclic {
            graph,
            order,
            cycles: Vec::new(),
        };
    }
    // Only nodes the topological sort could not reach can lie on a cycle.
    let mut candidate = vec![true; graph.node_count()];
    for &v in &order {
        candidate[v as usize] = false;
    }
    let components = strongly_connected(&graph, &candidate);
    let mut component = vec![NONE; graph.node_count()];
    let mut cycles = Vec::new();
    let mut via = vec![NONE; graph.node_count()];
    for members in components {
        let id = cycles.len() as u32;
        for &v in &members {
            component[v as usize] = id;
        }
        match concrete_cycle(&graph, &component, members[0], &mut via) {
            Some(edges) => cycles.push(Cycle {
                tasks: members.iter().map(|&v| TaskId(v)).collect(),
                edges,
            }),
            None => component[members[0] as usize] = NONE,
        }
    }
    let graph = graph.filtered(|e| {
        let c = component[e.from as usize];
        c == NONE || c != component[e.to as usize]
    });
    let order = topological(&graph);
    cycles.sort_by_key(|c| c.tasks[0]);
    Acyclic { graph, order, cycles }
}

const NONE: u32 = u32::MAX;

/// Kahn's algorithm; the order is partial when the graph has cycles.
fn topological(graph: &Graph) -> Vec<u32> {
    let n = graph.node_count();
    let mut pending: Vec<u32> = (0..n).map(|v| graph.incoming(v).len() as u32).collect();
    let mut order: Vec<u32> = (0..n as u32).filter(|&v| pending[v as usize] == 0).collect();
    let mut next = 0;
    while let Some(&v) = order.get(next) {
        next += 1;
        for &e in graph.outgoing(v as usize) {
            let to = graph.edge(e).to;
            pending[to as usize] -= 1;
            if pending[to as usize] == 0 {
                order.push(to);
            }
        }
    }
    order
}

/// Tarjan's algorithm, iterative, over the candidate nodes. Each component's
/// members come out ascending.
fn strongly_connected(graph: &Graph, candidate: &[bool]) -> Vec<Vec<u32>> {
    let n = graph.node_count();
    let mut t = Tarjan {
        index: vec![NONE; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        calls: Vec::new(),
        next_index: 0,
    };
    let mut components = Vec::new();
    for root in (0..n).filter(|&v| candidate[v]) {
        if t.index[root] != NONE {
            continue;
        }
        t.visit(root);
        while let Some(&mut (v, ref mut pos)) = t.calls.last_mut() {
            if let Some(&e) = graph.outgoing(v).get(*pos) {
                *pos += 1;
                let w = graph.edge(e).to as usize;
                if !candidate[w] {
                    continue;
                }
                if t.index[w] == NONE {
                    t.visit(w);
                } else if t.on_stack[w] {
                    t.low[v] = t.low[v].min(t.index[w]);
                }
                continue;
            }
            t.calls.pop();
            if let Some(&(parent, _)) = t.calls.last() {
                t.low[parent] = t.low[parent].min(t.low[v]);
            }
            if t.low[v] == t.index[v] {
                let mut members = Vec::new();
                while let Some(w) = t.stack.pop() {
                    t.on_stack[w as usize] = false;
                    members.push(w);
                    if w as usize == v {
                        break;
                    }
                }
                members.sort_unstable();
                components.push(members);
            }
        }
    }
    components
}

struct Tarjan {
    index: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    /// The explicit call stack: a node and its next outgoing edge position.
    calls: Vec<(usize, usize)>,
    next_index: u32,
}

impl Tarjan {
    fn visit(&mut self, v: usize) {
        self.index[v] = self.next_index;
        self.low[v] = self.next_index;
        self.next_index += 1;
        self.stack.push(v as u32);
        self.on_stack[v] = true;
        self.calls.push((v, 0));
    }
}

/// The shortest cycle through `start` inside its component, by breadth-first
/// search; `None` for a single node without a self-dependency. `via` maps
/// each node to the edge that reached it; it is all `NONE` before and after.
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
        let mut edges = vec![graph.edge(last).dep];
        let mut at = graph.edge(last).from;
        while at != start {
            let back = graph.edge(via[at as usize]);
            edges.push(back.dep);
            at = back.from;
        }
        edges.reverse();
        edges
    });
    for v in queue {
        via[v as usize] = NONE;
    }
    cycle
}

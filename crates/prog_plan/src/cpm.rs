//! The critical path method: forward and backward passes over a topological
//! order of an acyclic graph, in hours, on flat arrays.

use crate::graph::{Edge, Graph};
use crate::model::DepKind;

/// What the passes need to know about each node.
pub(crate) struct Inputs<'a> {
    /// For a [`Recorded::Resumed`] node, the work it has left.
    pub duration: &'a [i64],
    /// Earliest allowed start (0, or a `not_before`); for a resumed node,
    /// the earliest its remaining work may start.
    pub floor: &'a [i64],
    /// Latest allowed finish (a `deadline`, else unbounded).
    pub cap: &'a [i64],
    /// What progress recorded of each node; empty when every node is
    /// [`Recorded::Planned`].
    pub recorded: &'a [Recorded],
}

/// How recorded progress fixes a node's times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Recorded {
    /// Not started: scheduled from its dependencies.
    Planned,
    /// Started (at `started`): its start is history, its remaining work is
    /// scheduled like a task of its own, except that "start with" no longer
    /// constrains it.
    Resumed { started: i64 },
    /// Finished: both ends are history, and constrain nothing before them.
    Finished { es: i64, ef: i64 },
}

impl Inputs<'_> {
    fn recorded(&self, v: usize) -> Recorded {
        self.recorded.get(v).copied().unwrap_or(Recorded::Planned)
    }
}

/// Times per node, in hours.
pub(crate) struct Passes {
    pub es: Vec<i64>,
    pub ef: Vec<i64>,
    pub lf: Vec<i64>,
    pub free_float: Vec<i64>,
    /// The edge that sets each node's early start, if any.
    pub driver: Vec<Option<u32>>,
    /// The latest early finish.
    pub end: i64,
}

/// The earliest `to` may start given `from`'s times, for edge `e`.
fn earliest_start(e: &Edge, from_es: i64, from_ef: i64, to_duration: i64) -> i64 {
    match e.kind {
        DepKind::FinishToStart => from_ef.saturating_add(i64::from(e.lag)),
        DepKind::StartToStart => from_es.saturating_add(i64::from(e.lag)),
        DepKind::FinishToFinish => from_ef
            .saturating_add(i64::from(e.lag))
            .saturating_sub(to_duration),
    }
}

/// The latest `from` may finish given `to`'s late times, for edge `e`.
fn latest_finish(e: &Edge, to_ls: i64, to_lf: i64, from_duration: i64) -> i64 {
    match e.kind {
        DepKind::FinishToStart => to_ls.saturating_sub(i64::from(e.lag)),
        DepKind::StartToStart => to_ls
            .saturating_sub(i64::from(e.lag))
            .saturating_add(from_duration),
        DepKind::FinishToFinish => to_lf.saturating_sub(i64::from(e.lag)),
    }
}

pub(crate) fn run(graph: &Graph, order: &[u32], input: &Inputs) -> Passes {
    let n = graph.node_count();
    let mut es = vec![0i64; n];
    let mut ef = vec![0i64; n];
    let mut driver = vec![None; n];
    for &v in order {
        let v = v as usize;
        let recorded = input.recorded(v);
        if let Recorded::Finished { es: s, ef: f } = recorded {
            (es[v], ef[v]) = (s, f);
            continue;
        }
        let mut best = (i64::MIN, None);
        for e in graph.incoming(v) {
            let edge = graph.edge(e);
            if matches!(recorded, Recorded::Resumed { .. }) && edge.kind == DepKind::StartToStart {
                continue;
            }
            let from = edge.from as usize;
            // A started task's start is its actual one, not its remaining work's.
            let from_es = match input.recorded(from) {
                Recorded::Resumed { started } => started,
                _ => es[from],
            };
            let start = earliest_start(edge, from_es, ef[from], input.duration[v]);
            if start > best.0 {
                best = (start, Some(e));
            }
        }
        let floor = input.floor[v];
        (es[v], driver[v]) = if best.0 >= floor { best } else { (floor, None) };
        ef[v] = es[v].saturating_add(input.duration[v]);
    }
    let end = ef.iter().copied().max().unwrap_or(0).max(0);

    // Backward, each node's late finish and free float gather the bounds
    // of its successors: once a node is final, it passes its bound to each
    // of its predecessors along its incoming edges, which lie together,
    // rather than each node looking its successors up edge by edge.
    let mut lf: Vec<i64> = input.cap.iter().map(|&cap| end.min(cap)).collect();
    let mut free_float: Vec<i64> = ef.iter().map(|&ef| end - ef).collect();
    for &w in order.iter().rev() {
        let w = w as usize;
        let recorded = input.recorded(w);
        if let Recorded::Finished { .. } = recorded {
            // Finished work constrains nothing before it.
            (lf[w], free_float[w]) = (ef[w], 0);
            continue;
        }
        let ls = lf[w].saturating_sub(input.duration[w]);
        // A deadline caps the late dates but not the successors' slack:
        // free float is bounded by total float so that it never promises
        // more room than the deadline leaves.
        free_float[w] = free_float[w].min(ls - es[w]);
        let resumed = matches!(recorded, Recorded::Resumed { .. });
        for e in graph.incoming(w) {
            let edge = graph.edge(e);
            let v = edge.from as usize;
            // "Start with" constrains neither end once either is started.
            if edge.kind == DepKind::StartToStart
                && (resumed || matches!(input.recorded(v), Recorded::Resumed { .. }))
            {
                continue;
            }
            lf[v] = lf[v].min(latest_finish(edge, ls, lf[w], input.duration[v]));
            let early = earliest_start(edge, es[v], ef[v], input.duration[w]);
            free_float[v] = free_float[v].min(es[w] - early);
        }
    }
    Passes {
        es,
        ef,
        lf,
        free_float,
        driver,
        end,
    }
}

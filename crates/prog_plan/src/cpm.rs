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
    pub times: Vec<Times>,
    /// The edge that sets each node's early start, if any.
    pub driver: Vec<Option<u32>>,
    /// The latest early finish.
    pub end: i64,
}

/// The times of one node, side by side: the passes read a node's times
/// through the edges of its neighbours, out of order, and so read one line
/// of memory rather than one per time.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Times {
    pub es: i64,
    pub ef: i64,
    pub lf: i64,
    pub free_float: i64,
}

/// The earliest `to` may start given `from`'s times, for edge `e`.
fn earliest_start(e: &Edge, from_es: i64, from_ef: i64, to_duration: i64) -> i64 {
    match e.kind() {
        DepKind::FinishToStart => from_ef.saturating_add(i64::from(e.lag)),
        DepKind::StartToStart => from_es.saturating_add(i64::from(e.lag)),
        DepKind::FinishToFinish => from_ef
            .saturating_add(i64::from(e.lag))
            .saturating_sub(to_duration),
    }
}

/// The latest `from` may finish given `to`'s late times, for edge `e`;
/// `from`'s duration is only looked up for "start with".
fn latest_finish(e: &Edge, to_ls: i64, to_lf: i64, from_duration: impl Fn() -> i64) -> i64 {
    match e.kind() {
        DepKind::FinishToStart => to_ls.saturating_sub(i64::from(e.lag)),
        DepKind::StartToStart => to_ls
            .saturating_sub(i64::from(e.lag))
            .saturating_add(from_duration()),
        DepKind::FinishToFinish => to_lf.saturating_sub(i64::from(e.lag)),
    }
}

pub(crate) fn run(graph: &Graph, order: &[u32], input: &Inputs) -> Passes {
    // Without progress, the passes are made with every node planned, known
    // when compiled: the looks at each node's record fall away.
    if input.recorded.is_empty() {
        passes(graph, order, input, |_| Recorded::Planned)
    } else {
        passes(graph, order, input, |v| input.recorded(v))
    }
}

fn passes(graph: &Graph, order: &[u32], input: &Inputs, recorded: impl Fn(usize) -> Recorded) -> Passes {
    let n = graph.node_count();
    let mut times = vec![Times::default(); n];
    let mut driver = vec![None; n];
    for &v in order {
        let v = v as usize;
        let record = recorded(v);
        if let Recorded::Finished { es, ef } = record {
            (times[v].es, times[v].ef) = (es, ef);
            continue;
        }
        let resumed = matches!(record, Recorded::Resumed { .. });
        let duration = input.duration[v];
        let mut best = (i64::MIN, None);
        let (first, edges) = graph.edges_into(v);
        for (e, edge) in (first..).zip(edges) {
            if resumed && edge.kind() == DepKind::StartToStart {
                continue;
            }
            let from = edge.from() as usize;
            let Times { es, ef, .. } = times[from];
            // A started task's start is its actual one, not its remaining work's.
            let from_es = match recorded(from) {
                Recorded::Resumed { started } => started,
                _ => es,
            };
            let start = earliest_start(edge, from_es, ef, duration);
            if start > best.0 {
                best = (start, Some(e));
            }
        }
        let floor = input.floor[v];
        let es;
        (es, driver[v]) = if best.0 >= floor { best } else { (floor, None) };
        (times[v].es, times[v].ef) = (es, es.saturating_add(duration));
    }
    let end = times.iter().map(|t| t.ef).max().unwrap_or(0).max(0);

    // Backward, each node's late finish and free float gather the bounds
    // of its successors: once a node is final, it passes its bound to each
    // of its predecessors along its incoming edges, which lie together,
    // rather than each node looking its successors up edge by edge.
    for (t, &cap) in times.iter_mut().zip(input.cap) {
        (t.lf, t.free_float) = (end.min(cap), end - t.ef);
    }
    for &w in order.iter().rev() {
        let w = w as usize;
        let record = recorded(w);
        if let Recorded::Finished { .. } = record {
            // Finished work constrains nothing before it.
            (times[w].lf, times[w].free_float) = (times[w].ef, 0);
            continue;
        }
        let duration = input.duration[w];
        let Times {
            es: w_es, lf: w_lf, ..
        } = times[w];
        let ls = w_lf.saturating_sub(duration);
        // A deadline caps the late dates but not the successors' slack:
        // free float is bounded by total float so that it never promises
        // more room than the deadline leaves.
        times[w].free_float = times[w].free_float.min(ls - w_es);
        let resumed = matches!(record, Recorded::Resumed { .. });
        for edge in graph.edges_into(w).1 {
            let v = edge.from() as usize;
            // "Start with" constrains neither end once either is started.
            if edge.kind() == DepKind::StartToStart
                && (resumed || matches!(recorded(v), Recorded::Resumed { .. }))
            {
                continue;
            }
            let from = &mut times[v];
            from.lf = from.lf.min(latest_finish(edge, ls, w_lf, || input.duration[v]));
            let early = earliest_start(edge, from.es, from.ef, duration);
            from.free_float = from.free_float.min(w_es - early);
        }
    }
    Passes { times, driver, end }
}

//! Random plans against brute-force references and the invariants of the
//! critical path method.

mod common;

use common::*;
use prog_plan::*;
use proptest::prelude::*;

const KINDS: [DepKind; 3] = [
    DepKind::FinishToStart,
    DepKind::StartToStart,
    DepKind::FinishToFinish,
];

/// `n` tasks (hours; 0 makes a milestone) and edges `(from, to, kind, lag)`
/// between them, in plan order or not.
#[derive(Clone, Debug)]
struct Net {
    durations: Vec<i64>,
    edges: Vec<(usize, usize, DepKind, i64)>,
}

impl Net {
    fn plan(&self) -> Plan {
        let mut b = Builder::new("2027-01-04");
        for (i, &d) in self.durations.iter().enumerate() {
            if d == 0 {
                b.milestone(&format!("m{i}"));
            } else {
                b.task_hours(&format!("t{i}"), d);
            }
        }
        for &(from, to, kind, lag) in &self.edges {
            b.dep_hours(TaskId(to as u32), TaskId(from as u32), kind, lag);
        }
        b.plan
    }
}

/// Acyclic networks: edges go from lower to higher rank, and ranks are
/// shuffled over the plan order.
fn dag(kinds: usize) -> impl Strategy<Value = Net> {
    (1usize..12)
        .prop_flat_map(move |n| {
            let edge = (0..n, 0..n, 0..kinds, -24i64..40);
            (
                prop::collection::vec(0i64..48, n),
                prop::collection::vec(edge, 0..3 * n),
                Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
            )
        })
        .prop_map(|(durations, raw, rank)| Net {
            durations,
            edges: raw
                .into_iter()
                .filter(|&(a, b, _, _)| a != b)
                .map(|(a, b, k, lag)| (rank[a.min(b)], rank[a.max(b)], KINDS[k], lag))
                .collect(),
        })
}

fn earliest(kind: DepKind, lag: i64, from: &TaskTimes, to_duration: i64) -> i64 {
    match kind {
        DepKind::FinishToStart => from.ef.0 + lag,
        DepKind::StartToStart => from.es.0 + lag,
        DepKind::FinishToFinish => from.ef.0 + lag - to_duration,
    }
}

/// Longest paths by repeated relaxation (Bellman-Ford).
fn reference_es(net: &Net) -> Vec<i64> {
    let n = net.durations.len();
    let mut es = vec![0i64; n];
    for _ in 0..=n {
        for &(from, to, kind, lag) in &net.edges {
            let bound = match kind {
                DepKind::FinishToStart => es[from] + net.durations[from] + lag,
                DepKind::StartToStart => es[from] + lag,
                DepKind::FinishToFinish => es[from] + net.durations[from] + lag - net.durations[to],
            };
            es[to] = es[to].max(bound);
        }
    }
    es
}

/// Late finishes by repeated relaxation back from `end`, and free floats
/// from each edge's slack, given the early starts `es`.
fn reference_late(net: &Net, es: &[i64], end: i64) -> (Vec<i64>, Vec<i64>) {
    let n = net.durations.len();
    let d = &net.durations;
    let mut lf = vec![end; n];
    for _ in 0..=n {
        for &(from, to, kind, lag) in &net.edges {
            let bound = match kind {
                DepKind::FinishToStart => lf[to] - d[to] - lag,
                DepKind::StartToStart => lf[to] - d[to] - lag + d[from],
                DepKind::FinishToFinish => lf[to] - lag,
            };
            lf[from] = lf[from].min(bound);
        }
    }
    let mut free: Vec<i64> = (0..n).map(|v| end - (es[v] + d[v])).collect();
    for &(from, to, kind, lag) in &net.edges {
        let early = match kind {
            DepKind::FinishToStart => es[from] + d[from] + lag,
            DepKind::StartToStart => es[from] + lag,
            DepKind::FinishToFinish => es[from] + d[from] + lag - d[to],
        };
        free[from] = free[from].min(es[to] - early);
    }
    for v in 0..n {
        free[v] = free[v].min(lf[v] - d[v] - es[v]);
    }
    (lf, free)
}

fn check_dag(net: &Net) -> Result<(), TestCaseError> {
    let plan = net.plan();
    let s = schedule(&plan);
    prop_assert!(s.cycles.is_empty());
    let times: Vec<i64> = s.tasks.iter().map(|t| t.es.0).collect();
    prop_assert_eq!(times, reference_es(net));
    let end = s.duration.0;
    prop_assert_eq!(end, s.tasks.iter().map(|t| t.ef.0).max().unwrap_or(0));
    let (lf, free) = reference_late(net, &reference_es(net), end);
    let times: Vec<i64> = s.tasks.iter().map(|t| t.lf.0).collect();
    prop_assert_eq!(times, lf);
    let times: Vec<i64> = s.tasks.iter().map(|t| t.free_float.0).collect();
    prop_assert_eq!(times, free);
    for (t, d) in s.tasks.iter().zip(&net.durations) {
        prop_assert_eq!(t.ef.0, t.es.0 + d);
        prop_assert_eq!(t.lf.0, t.ls.0 + d);
        prop_assert!(t.lf.0 <= end);
        prop_assert!(t.total_float >= t.free_float, "{:?}", t);
        prop_assert!(t.free_float >= Work::ZERO, "{:?}", t);
        prop_assert_eq!(t.critical, t.total_float <= Work::ZERO);
    }
    for &(from, to, kind, lag) in &net.edges {
        let (f, t) = (&s.tasks[from], &s.tasks[to]);
        prop_assert!(t.es.0 >= earliest(kind, lag, f, net.durations[to]));
        // The late schedule satisfies every dependency too.
        let late = |x: &TaskTimes| TaskTimes {
            es: x.ls,
            ef: x.lf,
            ..*x
        };
        prop_assert!(t.ls.0 >= earliest(kind, lag, &late(f), net.durations[to]));
    }
    // The critical path: from a task starting at 0 to one ending last, along
    // driving dependencies, all of them critical.
    let path = &s.critical_path;
    prop_assert_eq!(path.is_empty(), net.durations.is_empty());
    if let (Some(first), Some(last)) = (path.first(), path.last()) {
        prop_assert_eq!(s.times(*first).es.0, 0);
        prop_assert_eq!(s.times(*last).ef.0, end);
        prop_assert!(path.iter().all(|&t| s.times(t).critical));
        for pair in path.windows(2) {
            let driver = s.times(pair[1]).driver.expect("driven");
            prop_assert_eq!(driver.task, pair[1]);
            let dep = plan.task(driver.task).deps[driver.index as usize];
            prop_assert_eq!(dep.on, pair[0]);
            let bound = earliest(
                dep.kind,
                dep.lag.0,
                s.times(pair[0]),
                net.durations[pair[1].index()],
            );
            prop_assert_eq!(bound, s.times(pair[1]).es.0);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn finish_to_start_matches_reference(net in dag(1)) {
        check_dag(&net)?;
    }

    #[test]
    fn mixed_kinds_match_reference(net in dag(3)) {
        check_dag(&net)?;
    }

    /// Arbitrary graphs, self-loops included, some tasks in a group that
    /// edges may start or end at (task index `n`): each reported loop is a
    /// loop, every loop's tasks are in a reported one's strong component, and
    /// every dependency but the statements that close loops holds.
    #[test]
    fn every_loop_is_reported_and_broken_at_one_statement(
        (n, in_group, raw) in (1usize..9).prop_flat_map(|n| (
            Just(n),
            prop::collection::vec(any::<bool>(), n),
            prop::collection::vec((0..=n, 0..=n), 0..2 * n),
        ))
    ) {
        let mut b = Builder::new("2027-01-04");
        for i in 0..n {
            b.task(&format!("t{i}"), 1);
        }
        let g = b.group("g");
        for (i, _) in in_group.iter().enumerate().filter(|(_, inside)| **inside) {
            b.set_parent(TaskId(i as u32), g);
        }
        for &(from, to) in &raw {
            b.after(TaskId(to as u32), TaskId(from as u32));
        }
        let plan = b.plan;
        let s = schedule(&plan);
        let leaves = |t: usize| -> Vec<usize> {
            if t == n { (0..n).filter(|&i| in_group[i]).collect() } else { vec![t] }
        };
        // Reachability between leaves, by closure.
        let mut reach = vec![vec![false; n]; n];
        for &(from, to) in &raw {
            for a in leaves(from) {
                for b in leaves(to) {
                    reach[a][b] = true;
                }
            }
        }
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    reach[i][j] |= reach[i][k] && reach[k][j];
                }
            }
        }
        let together = |i: usize, j: usize| reach[i][j] && reach[j][i];
        let mut cut = Vec::new();
        for cycle in &s.cycles {
            prop_assert!(!cycle.edges.is_empty());
            cut.push(*cycle.edges.last().unwrap());
            // Consecutive statements chain: one's dependent is the next's
            // prerequisite (through the group when either is the group).
            for k in 0..cycle.edges.len() {
                let here = cycle.edges[k];
                let next = cycle.edges[(k + 1) % cycle.edges.len()];
                let on = plan.task(next.task).deps[next.index as usize].on;
                let joined = leaves(here.task.index()).iter().any(|l| leaves(on.index()).contains(l));
                prop_assert!(joined, "{:?}", cycle);
            }
            for a in &cycle.tasks {
                for b in &cycle.tasks {
                    prop_assert!(together(a.index(), b.index()), "{:?}", cycle);
                }
            }
        }
        let closing: std::collections::HashSet<DepRef> = cut.iter().copied().collect();
        prop_assert_eq!(closing.len(), cut.len(), "a statement closes one loop");
        for i in (0..n).filter(|&i| reach[i][i]) {
            let reported = s.cycles.iter().any(|c| c.tasks.iter().any(|t| together(i, t.index())));
            prop_assert!(reported, "t{} is on a loop", i);
        }
        // Every dependency holds but the closing statements' edges inside
        // a strong component.
        let mut written = vec![0u32; n + 1];
        for &(from, to) in &raw {
            let statement = DepRef { task: TaskId(to as u32), index: written[to] };
            written[to] += 1;
            for a in leaves(from) {
                for b in leaves(to) {
                    if !(closing.contains(&statement) && together(a, b)) {
                        prop_assert!(s.tasks[b].es >= s.tasks[a].ef, "t{} after t{}", b, a);
                    }
                }
            }
        }
    }
}

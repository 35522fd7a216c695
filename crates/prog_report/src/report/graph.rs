//! The dependency graph as SVG, layered left to right.
//!
//! Each node's layer is one more than the latest layer among the nodes it
//! depends on, taking nodes in dependency order, ties by scheduled start (a
//! task that started early stays right of its predecessor; the loop of a
//! circular dependency is cut at its earliest-starting node). Within a layer,
//! nodes sit near the average height of their predecessors. Nodes are tasks
//! and milestones (dependencies on and in groups are drawn to the tasks they
//! bind); large plans are drawn with every top-level group collapsed into
//! one node.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use crate::Report;
use crate::escape::html;
use crate::svg::{Px, truncate};

/// Above this many nodes, top-level groups are collapsed.
const MAX_NODES: usize = 150;
const NODE_WIDTH: f64 = 170.0;
const NODE_HEIGHT: f64 = 30.0;
const LAYER_GAP: f64 = 50.0;
const ROW_GAP: f64 = 10.0;
const MARGIN: f64 = 10.0;

struct Edge {
    from: usize,
    to: usize,
    critical: bool,
}

/// The nodes (indices in [`Report::tasks`]) and edges to draw, and whether
/// groups were collapsed.
fn select(report: &Report) -> (Vec<usize>, Vec<Edge>, bool) {
    let leaves = report.tasks.iter().filter(|t| t.kind() != "group").count();
    if leaves <= MAX_NODES {
        let nodes = (0..report.tasks.len())
            .filter(|&i| report.tasks[i].kind() != "group")
            .collect();
        return (nodes, leaf_edges(report), false);
    }
    let written: Vec<Edge> = report
        .dependencies
        .iter()
        .map(|d| Edge {
            from: d.from_index,
            to: d.to_index,
            critical: d.critical,
        })
        .collect();
    let top = |mut i: usize| {
        while let Some(p) = report.tasks[i].parent {
            i = p;
        }
        i
    };
    let mut edges: HashMap<(usize, usize), bool> = HashMap::new();
    for e in written {
        let (from, to) = (top(e.from), top(e.to));
        if from != to {
            *edges.entry((from, to)).or_default() |= e.critical;
        }
    }
    let nodes = (0..report.tasks.len())
        .filter(|&i| report.tasks[i].parent.is_none())
        .collect();
    let mut edges: Vec<Edge> = edges
        .into_iter()
        .map(|((from, to), critical)| Edge { from, to, critical })
        .collect();
    edges.sort_unstable_by_key(|e| (e.from, e.to));
    (nodes, edges, true)
}

/// Dependencies between tasks and milestones. One on a group comes from the
/// group's tasks that finish last (that start first, for `start_with`); one
/// written in a group goes to its tasks that start first (that finish last,
/// for `finish_with`).
fn leaf_edges(report: &Report) -> Vec<Edge> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); report.tasks.len()];
    for (i, task) in report.tasks.iter().enumerate() {
        if let Some(p) = task.parent {
            children[p].push(i);
        }
    }
    let leaves_of = |group: usize| {
        let mut out = Vec::new();
        let mut stack = vec![group];
        while let Some(i) = stack.pop() {
            if report.tasks[i].kind() == "group" {
                stack.extend(&children[i]);
            } else {
                out.push(i);
            }
        }
        out
    };
    let times = |i: usize| &report.tasks[i].schedule;
    // The leaves standing for `i`: itself, or those of its group at the edge `first` or last.
    let ends = |i: usize, first: bool| -> Vec<usize> {
        if report.tasks[i].kind() != "group" {
            return vec![i];
        }
        let g = times(i);
        leaves_of(i)
            .into_iter()
            .filter(|&l| {
                if first {
                    times(l).es == g.es
                } else {
                    times(l).ef == g.ef
                }
            })
            .collect()
    };
    let mut edges = Vec::new();
    for d in &report.dependencies {
        let from_start = d.kind == "start_to_start";
        let to_finish = d.kind == "finish_to_finish";
        for &from in &ends(d.from_index, from_start) {
            for &to in &ends(d.to_index, !to_finish) {
                let (f, t) = (times(from), times(to));
                let slack = match d.kind {
                    "start_to_start" => t.es.0 - (f.es.0 + d.lag_days.0),
                    "finish_to_finish" => t.ef.0 - (f.ef.0 + d.lag_days.0),
                    _ => t.es.0 - (f.ef.0 + d.lag_days.0),
                };
                edges.push(Edge {
                    from,
                    to,
                    critical: f.critical && t.critical && slack.0 <= 0,
                });
            }
        }
    }
    edges.sort_unstable_by_key(|e| (e.from, e.to, !e.critical));
    edges.dedup_by_key(|e| (e.from, e.to));
    edges
}

/// `nodes` with every node after the nodes it depends on, else in order of
/// scheduled start: a task that started early (before its predecessor, in
/// the forecast) still stands to the right of it. The loop of a circular
/// dependency is cut at its earliest-starting node.
fn dependency_order(report: &Report, nodes: Vec<usize>, edges: &[Edge]) -> Vec<usize> {
    let key = |i: usize| {
        let t = &report.tasks[i].schedule;
        (t.es.0, t.ef.0, i)
    };
    let mut waiting: HashMap<usize, usize> = nodes.iter().map(|&i| (i, 0)).collect();
    let mut successors: HashMap<usize, Vec<usize>> = HashMap::new();
    for e in edges.iter().filter(|e| e.from != e.to) {
        if waiting.contains_key(&e.from) && waiting.contains_key(&e.to) {
            if let Some(count) = waiting.get_mut(&e.to) {
                *count += 1;
            }
            successors.entry(e.from).or_default().push(e.to);
        }
    }
    let mut order = Vec::with_capacity(nodes.len());
    let mut left: BTreeSet<_> = nodes.iter().map(|&i| key(i)).collect();
    let mut ready: BTreeSet<_> = nodes
        .iter()
        .filter(|i| waiting[i] == 0)
        .map(|&i| key(i))
        .collect();
    // The earliest node nothing still waits on; in a loop, the earliest.
    while let Some(next) = ready.pop_first().or_else(|| left.first().copied()) {
        left.remove(&next);
        order.push(next.2);
        for &s in successors.get(&next.2).into_iter().flatten() {
            if let Some(count) = waiting.get_mut(&s) {
                *count = count.saturating_sub(1);
                if *count == 0 && left.contains(&key(s)) {
                    ready.insert(key(s));
                }
            }
        }
    }
    order
}

/// The graph as an `<svg>` element, and whether groups were collapsed.
pub fn write(report: &Report, out: &mut String) -> bool {
    let (nodes, edges, collapsed) = select(report);
    let nodes = dependency_order(report, nodes, &edges);
    let rank: HashMap<usize, usize> = nodes.iter().enumerate().map(|(r, &i)| (i, r)).collect();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for e in &edges {
        if let (Some(&f), Some(&t)) = (rank.get(&e.from), rank.get(&e.to))
            && f < t
        {
            preds[t].push(f);
        }
    }
    // Layers, in rank order: every forward predecessor is placed first.
    let mut layer = vec![0usize; nodes.len()];
    for r in 0..nodes.len() {
        layer[r] = preds[r].iter().map(|&p| layer[p] + 1).max().unwrap_or(0);
    }
    let layers = layer.iter().max().map_or(0, |l| l + 1);
    let mut slot = vec![0f64; nodes.len()];
    let mut by_layer: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for r in 0..nodes.len() {
        by_layer[layer[r]].push(r);
    }
    for members in &mut by_layer {
        // Near the predecessors: sort by their mean slot (already placed).
        let mean = |r: usize| {
            let p = &preds[r];
            if p.is_empty() {
                f64::MAX
            } else {
                p.iter().map(|&q| slot[q]).sum::<f64>() / p.len() as f64
            }
        };
        let mut keyed: Vec<(f64, usize)> = members.iter().map(|&r| (mean(r), r)).collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (s, &(_, r)) in keyed.iter().enumerate() {
            slot[r] = s as f64;
        }
    }
    let x = |r: usize| MARGIN + layer[r] as f64 * (NODE_WIDTH + LAYER_GAP);
    let y = |r: usize| MARGIN + slot[r] * (NODE_HEIGHT + ROW_GAP);
    let width = MARGIN * 2.0 + layers as f64 * (NODE_WIDTH + LAYER_GAP) - LAYER_GAP;
    let tallest = by_layer.iter().map(Vec::len).max().unwrap_or(0) as f64;
    let total_height = MARGIN * 2.0 + tallest * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
    let _ = write!(
        out,
        r#"<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="Dependency graph">"#,
        w = Px(width.max(NODE_WIDTH)),
        h = Px(total_height.max(NODE_HEIGHT))
    );
    out.push_str(r#"<g class="deps">"#);
    for e in &edges {
        let (Some(&f), Some(&t)) = (rank.get(&e.from), rank.get(&e.to)) else {
            continue;
        };
        let (x1, y1) = (x(f) + NODE_WIDTH, y(f) + NODE_HEIGHT / 2.0);
        let (x2, y2) = (x(t), y(t) + NODE_HEIGHT / 2.0);
        let bend = ((x2 - x1).abs() / 2.0).max(20.0);
        let class = if e.critical { r#" class="crit""# } else { "" };
        let _ = write!(
            out,
            r#"<path{class} d="M{} {}C{} {} {} {} {} {}"/>"#,
            Px(x1),
            Px(y1),
            Px(x1 + bend),
            Px(y1),
            Px(x2 - bend),
            Px(y2),
            Px(x2),
            Px(y2)
        );
    }
    out.push_str("</g>");
    for (r, &i) in nodes.iter().enumerate() {
        let task = &report.tasks[i];
        let class = format!("node {}", task.classes());
        let _ = write!(
            out,
            r#"<g class="{class}"><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}" rx="4"/><text x="{}" y="{}">{}</text></g>"#,
            task.id(),
            html(task.name()),
            Px(x(r)),
            Px(y(r)),
            Px(NODE_WIDTH),
            Px(NODE_HEIGHT),
            Px(x(r) + 6.0),
            Px(y(r) + 19.0),
            html(&truncate(task.name(), 26))
        );
    }
    out.push_str("</svg>\n");
    collapsed
}

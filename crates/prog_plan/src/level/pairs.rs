//! The precedence pairs that realise a leveled order: the fewest extra
//! finish-to-start dependencies after which the plain critical path method
//! keeps every resource within the order the leveled schedule chose.

use crate::model::DepKind;

use super::problem::Problem;
use super::sgs::days_between;

/// For leaves that share a resource and follow each other by whole days in
/// `start`, a pair `(before, after)` unless a path of finish-to-start
/// dependencies (lag zero or more) and pairs already implies the order.
///
/// Only the latest predecessors on each resource are candidates (an earlier
/// one is ordered through them), taken latest finish first, so that a pair
/// is added only when no other path implies it: the result is the transitive
/// reduction of the resource-induced order over what the plan already says.
pub(crate) fn realising_pairs(p: &Problem, start: &[i64], finish: &[i64]) -> Vec<(u32, u32)> {
    // Only a start-to-start or finish-to-finish dependency, or a lead, can
    // point back in time and so close a cycle with a pair. Checking every
    // pair for that is slow, so it is done only when a cycle appeared.
    let pairs = reduce(p, start, finish, false);
    if is_acyclic(p, &pairs) {
        pairs
    } else {
        reduce(p, start, finish, true)
    }
}

fn reduce(p: &Problem, start: &[i64], finish_of: &[i64], avoid_cycles: bool) -> Vec<(u32, u32)> {
    let finish = |v: usize| finish_of[v];
    // Finished work is history: nothing needs to wait for it.
    let span = |v: usize| days_between(start[v], finish_of[v]).filter(|_| p.fixed[v].is_none());
    // Per resource, its tasks sorted by last day, and the running maximum of
    // their first days.
    let mut users: Vec<Vec<(i64, i64, u32)>> = vec![Vec::new(); p.capacity.len()];
    for &v in &p.leaves {
        if let Some((first, last)) = span(v as usize) {
            for d in p.demands.row(v as usize) {
                users[d.resource as usize].push((last, first, v));
            }
        }
    }
    let mut max_first: Vec<Vec<i64>> = Vec::with_capacity(users.len());
    for list in &mut users {
        list.sort_unstable();
        let mut running = i64::MIN;
        max_first.push(
            list.iter()
                .map(|&(_, first, _)| {
                    running = running.max(first);
                    running
                })
                .collect(),
        );
    }

    let mut topo_position = vec![0u32; p.duration.len()];
    for (i, &v) in p.leaves.iter().enumerate() {
        topo_position[v as usize] = i as u32;
    }
    let mut order = p.leaves.clone();
    order.sort_by_key(|&v| (start[v as usize], finish(v as usize), topo_position[v as usize]));

    let mut pairs_into: Vec<Vec<u32>> = vec![Vec::new(); p.duration.len()];
    let mut pairs_from: Vec<Vec<u32>> = vec![Vec::new(); p.duration.len()];
    let mut pairs = Vec::new();
    let mut seen = vec![u32::MAX; p.duration.len()];
    let mut stack = Vec::new();
    let mut search_id = 0u32;
    let mut candidates = Vec::new();
    for &b in &order {
        let Some((first_b, _)) = span(b as usize) else {
            continue;
        };
        candidates.clear();
        for d in p.demands.row(b as usize) {
            let list = &users[d.resource as usize];
            // Tasks whose last day is before b's first day...
            let end = list.partition_point(|&(last, _, _)| last < first_b);
            if end == 0 {
                continue;
            }
            // ...and that no other such task follows entirely.
            let latest_first = max_first[d.resource as usize][end - 1];
            let from = list.partition_point(|&(last, _, _)| last < latest_first);
            candidates.extend(list[from..end].iter().map(|&(_, _, a)| a));
        }
        candidates.sort_unstable_by_key(|&a| std::cmp::Reverse((finish(a as usize), a)));
        candidates.dedup();
        for &a in &candidates {
            search_id += 1;
            let bound = finish(a as usize);
            let mut reached = false;
            stack.clear();
            stack.push(b);
            // Backwards from b; a path from a only passes tasks starting
            // after a finishes.
            while let Some(x) = stack.pop() {
                let plan_preds = p
                    .preds
                    .row(x as usize)
                    .iter()
                    .filter(|arc| arc.kind == DepKind::FinishToStart && arc.lag >= 0);
                let preds = plan_preds
                    .map(|arc| arc.other)
                    .chain(pairs_into[x as usize].iter().copied());
                for y in preds {
                    if y == a {
                        reached = true;
                        break;
                    }
                    if seen[y as usize] != search_id && start[y as usize] >= bound {
                        seen[y as usize] = search_id;
                        stack.push(y);
                    }
                }
                if reached {
                    break;
                }
            }
            if reached || (avoid_cycles && reaches(p, &pairs_from, b, a, &mut seen, &mut search_id)) {
                continue;
            }
            pairs_into[b as usize].push(a);
            pairs_from[a as usize].push(b);
            pairs.push((a, b));
        }
    }
    pairs
}

/// Whether `to` depends, through any dependencies and pairs, on `from`.
fn reaches(p: &Problem, pairs_from: &[Vec<u32>], from: u32, to: u32, seen: &mut [u32], id: &mut u32) -> bool {
    *id += 1;
    let mut stack = vec![from];
    seen[from as usize] = *id;
    while let Some(x) = stack.pop() {
        let next = p.succs.row(x as usize).iter().map(|arc| arc.other);
        for y in next.chain(pairs_from[x as usize].iter().copied()) {
            if y == to {
                return true;
            }
            if seen[y as usize] != *id {
                seen[y as usize] = *id;
                stack.push(y);
            }
        }
    }
    false
}

/// Whether the dependencies and the pairs together have no cycle.
fn is_acyclic(p: &Problem, pairs: &[(u32, u32)]) -> bool {
    let mut waiting: Vec<usize> = (0..p.duration.len()).map(|v| p.preds.row(v).len()).collect();
    let mut pairs_from: Vec<Vec<u32>> = vec![Vec::new(); p.duration.len()];
    for &(a, b) in pairs {
        waiting[b as usize] += 1;
        pairs_from[a as usize].push(b);
    }
    let mut ready: Vec<u32> = p
        .leaves
        .iter()
        .copied()
        .filter(|&v| waiting[v as usize] == 0)
        .collect();
    let mut seen = 0;
    while let Some(v) = ready.pop() {
        seen += 1;
        let next = p.succs.row(v as usize).iter().map(|arc| arc.other);
        for w in next.chain(pairs_from[v as usize].iter().copied()) {
            waiting[w as usize] -= 1;
            if waiting[w as usize] == 0 {
                ready.push(w);
            }
        }
    }
    seen == p.leaves.len()
}

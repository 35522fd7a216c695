//! The search over activity lists: priority rules, regret-biased random
//! sampling and a steady-state genetic algorithm, every list decoded by the
//! serial scheme and improved by justification (Hartmann 1998; Valls,
//! Ballestín and Quintanilla 2005).

use std::time::Instant;

use super::order::order_by;
use super::problem::Problem;
use super::sgs::{Key, Sgs, Solution};

/// How much search to spend.
pub(crate) struct Budget {
    pub schedules: usize,
    pub deadline: Option<Instant>,
    pub seed: u64,
}

/// The best schedule found within the budget. Fails with a leaf that cannot
/// be placed within the horizon.
pub(crate) fn search(sgs: &mut Sgs, budget: &Budget) -> Result<Solution, u32> {
    let p = sgs.problem();
    let (es, ls, lower_bound) = relaxed(p);
    let lf = |v: usize| ls[v] + p.duration[v];
    let mut rng = fastrand::Rng::with_seed(budget.seed);
    let mut population: Vec<(Key, Vec<u32>)> = Vec::new();
    let out_of_budget =
        |sgs: &Sgs| sgs.passes + 3 > budget.schedules || budget.deadline.is_some_and(|d| Instant::now() >= d);
    let mut best: Option<Solution> = None;
    // Justifies a list (one round, when the budget has room for its two
    // passes), keeping the best schedule seen.
    let consider = |sgs: &mut Sgs, mut list: Vec<u32>, best: &mut Option<Solution>| -> Result<_, u32> {
        let rounds = usize::from(sgs.passes + 3 <= budget.schedules);
        let key = sgs.justify(&mut list, rounds)?;
        if best.as_ref().is_none_or(|b| key < b.key()) {
            *best = Some(sgs.best().clone());
        }
        Ok((key, list))
    };

    // Classic priority rules first: each is a good schedule on its own.
    let rules: [Vec<u32>; 3] = [
        order_by(p, |v| (lf(v), ls[v]), false),
        order_by(p, |v| (ls[v], lf(v)), false),
        order_by(p, |v| (ls[v] - es[v], lf(v)), false),
    ];
    let done = |best: &Option<Solution>| best.as_ref().is_some_and(|b| b.makespan <= lower_bound);
    for list in rules {
        if !population.is_empty() && (out_of_budget(sgs) || done(&best)) {
            break;
        }
        population.push(consider(sgs, list, &mut best)?);
    }
    let size = POPULATION.min(budget.schedules / 30).max(population.len());
    while population.len() < size && !out_of_budget(sgs) && !done(&best) {
        let list = regret_sample(p, &lf, &mut rng);
        population.push(consider(sgs, list, &mut best)?);
    }

    // Steady state: two parents chosen by tournament give two children,
    // each of which replaces the worst member when it is better and new.
    let mut taken = vec![false; p.duration.len()];
    while !out_of_budget(sgs) && population.len() >= 2 && !done(&best) {
        let mother = tournament(&population, &mut rng);
        let father = tournament(&population, &mut rng);
        let n = p.leaves.len();
        let (mut q1, mut q2) = (rng.usize(0..=n), rng.usize(0..=n));
        if q1 > q2 {
            std::mem::swap(&mut q1, &mut q2);
        }
        let children = [
            crossover(&population[mother].1, &population[father].1, q1, q2, &mut taken),
            crossover(&population[father].1, &population[mother].1, q1, q2, &mut taken),
        ];
        for mut child in children {
            if out_of_budget(sgs) {
                break;
            }
            mutate(p, &mut child, &mut rng);
            let (key, list) = consider(sgs, child, &mut best)?;
            let worst = (0..population.len())
                .max_by_key(|&i| population[i].0)
                .expect("a population");
            let new = population.iter().all(|(k, _)| *k != key);
            if new && key < population[worst].0 {
                population[worst] = (key, list);
            }
        }
    }
    Ok(best.expect("at least one schedule"))
}

/// The resource-free length of the plan (floors included): no leveled
/// schedule is shorter.
pub(crate) fn lower_bound(p: &Problem) -> i64 {
    relaxed(p).2
}

const POPULATION: usize = 80;
const MUTATION: f64 = 0.05;

/// Early starts and late starts without resources, and the length they give:
/// no leveled schedule is shorter.
fn relaxed(p: &Problem) -> (Vec<i64>, Vec<i64>, i64) {
    let mut es = vec![0i64; p.duration.len()];
    let mut ef = es.clone();
    for &v in &p.leaves {
        let v = v as usize;
        es[v] = p.earliest_start(v, &es, &ef);
        ef[v] = p.fixed[v].map_or(es[v] + p.duration[v], |(_, f)| f);
    }
    let end = p.leaves.iter().map(|&v| ef[v as usize]).max().unwrap_or(0);
    let (mut ls, mut lf) = (es.clone(), ef.clone());
    for &v in p.leaves.iter().rev() {
        let v = v as usize;
        if p.fixed[v].is_none() {
            lf[v] = p.latest_finish(v, &ls, &lf, end, p.duration[v]);
            ls[v] = lf[v] - p.duration[v];
        }
    }
    (es, ls, end)
}

/// A list drawn one eligible leaf at a time, each with a weight growing with
/// its regret: how much earlier its latest finish is than the latest among
/// the eligible (Drexl 1991; Kolisch 1996).
fn regret_sample(p: &Problem, lf: &impl Fn(usize) -> i64, rng: &mut fastrand::Rng) -> Vec<u32> {
    let mut waiting: Vec<u32> = (0..p.duration.len())
        .map(|v| p.preds.row(v).len() as u32)
        .collect();
    let mut eligible: Vec<u32> = p
        .leaves
        .iter()
        .copied()
        .filter(|&v| waiting[v as usize] == 0)
        .collect();
    let mut list = Vec::with_capacity(p.leaves.len());
    let mut weights = Vec::new();
    while !eligible.is_empty() {
        let latest = eligible.iter().map(|&v| lf(v as usize)).max().unwrap_or(0);
        weights.clear();
        weights.extend(eligible.iter().map(|&v| (latest - lf(v as usize) + 1) as f64));
        let total: f64 = weights.iter().sum();
        let mut pick = rng.f64() * total;
        let mut i = 0;
        while i + 1 < weights.len() && pick >= weights[i] {
            pick -= weights[i];
            i += 1;
        }
        let v = eligible.swap_remove(i);
        list.push(v);
        for arc in p.succs.row(v as usize) {
            let w = arc.other as usize;
            waiting[w] -= 1;
            if waiting[w] == 0 {
                eligible.push(w as u32);
            }
        }
    }
    list
}

/// The better of two random members.
fn tournament(population: &[(Key, Vec<u32>)], rng: &mut fastrand::Rng) -> usize {
    let (a, b) = (rng.usize(..population.len()), rng.usize(..population.len()));
    if population[a].0 <= population[b].0 { a } else { b }
}

/// Two-point crossover of activity lists: `mother`'s first `q1` leaves, then
/// `father`'s leaves not taken yet up to `q2`, then `mother`'s remaining ones.
/// Each part keeps a parent's order, so the child is a topological order.
fn crossover(mother: &[u32], father: &[u32], q1: usize, q2: usize, taken: &mut [bool]) -> Vec<u32> {
    let mut child = Vec::with_capacity(mother.len());
    let mut take = |v: u32, child: &mut Vec<u32>| {
        if !taken[v as usize] {
            taken[v as usize] = true;
            child.push(v);
        }
    };
    for &v in &mother[..q1] {
        take(v, &mut child);
    }
    for &v in father {
        if child.len() >= q2 {
            break;
        }
        take(v, &mut child);
    }
    for &v in mother {
        take(v, &mut child);
    }
    for &v in &child {
        taken[v as usize] = false;
    }
    child
}

/// Swaps neighbours that do not depend on each other, each with a small
/// probability.
fn mutate(p: &Problem, list: &mut [u32], rng: &mut fastrand::Rng) {
    for i in 1..list.len() {
        if rng.f64() < MUTATION {
            let (a, b) = (list[i - 1], list[i]);
            if !p.succs.row(a as usize).iter().any(|arc| arc.other == b) {
                list.swap(i - 1, i);
            }
        }
    }
}

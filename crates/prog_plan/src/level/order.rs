//! Topological orders of the leaves that follow a key as far as the
//! dependencies allow: the activity lists of the priority rules, and the
//! orders in which justification shifts a schedule.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::problem::Problem;

/// What a leaf is ordered by, least first.
pub(crate) type SortKey = (i64, i64);

/// A topological order of the leaves built in reused buffers.
#[derive(Default)]
pub(crate) struct Order {
    /// Each leaf's place in `Problem::leaves`, a topological order.
    topo: Vec<u32>,
    keyed: Vec<(SortKey, u32, u32)>,
    waiting: Vec<u32>,
    heap: BinaryHeap<Reverse<(SortKey, u32)>>,
    /// The order [`Order::fill`] made.
    pub list: Vec<u32>,
    /// SortKeys packed into one integer each, when they fit (see
    /// [`Packing`]).
    packed: Vec<u64>,
}

impl Order {
    /// The leaves in a topological order (reversed when `backward`) that
    /// takes the eligible leaf with the least `key` first, into `list`.
    ///
    /// Sorting by `key` (ties in topological order) already gives such an
    /// order when the keys come from a schedule that keeps its dependencies,
    /// as they mostly do; the heap is for the others (leads, and the
    /// finish-to-finish and start-to-start dependencies a backward pass
    /// loosens).
    pub(crate) fn fill(&mut self, p: &Problem, key: impl Fn(usize) -> SortKey, backward: bool) {
        let n = p.duration.len();
        if self.topo.len() != n {
            self.topo.resize(n, 0);
            for (i, &v) in p.leaves.iter().enumerate() {
                self.topo[v as usize] = i as u32;
            }
        }
        let arcs = |v: usize| if backward { p.succs.row(v) } else { p.preds.row(v) };
        self.keyed.clear();
        for &v in &p.leaves {
            let topo = self.topo[v as usize];
            let tie = if backward { u32::MAX - topo } else { topo };
            self.keyed.push((key(v as usize), tie, v));
        }
        self.list.clear();
        match Packing::of(&self.keyed) {
            Some(packing) => {
                self.packed.clear();
                self.packed
                    .extend(self.keyed.iter().map(|&(key, tie, _)| packing.pack(key, tie)));
                self.packed.sort_unstable();
                let last = p.leaves.len() - 1;
                self.list.extend(self.packed.iter().map(|&packed| {
                    let rank = packing.rank(packed);
                    p.leaves[if backward { last - rank } else { rank }]
                }));
            }
            None => {
                self.keyed.sort_unstable();
                self.list.extend(self.keyed.iter().map(|&(_, _, v)| v));
            }
        }
        // `waiting` holds each leaf's place in the list here.
        self.waiting.resize(n, 0);
        for (i, &v) in self.list.iter().enumerate() {
            self.waiting[v as usize] = i as u32;
        }
        let place = &self.waiting;
        let sorted = self.list.iter().all(|&v| {
            arcs(v as usize)
                .iter()
                .all(|arc| place[arc.other as usize] < place[v as usize])
        });
        if !sorted {
            self.by_heap(p, key, backward);
        }
    }

    fn by_heap(&mut self, p: &Problem, key: impl Fn(usize) -> SortKey, backward: bool) {
        let arcs = |v: usize| if backward { p.succs.row(v) } else { p.preds.row(v) };
        let next = |v: usize| if backward { p.preds.row(v) } else { p.succs.row(v) };
        self.heap.clear();
        self.list.clear();
        for &v in &p.leaves {
            let v = v as usize;
            self.waiting[v] = arcs(v).len() as u32;
            if self.waiting[v] == 0 {
                self.heap.push(Reverse((key(v), v as u32)));
            }
        }
        while let Some(Reverse((_, v))) = self.heap.pop() {
            self.list.push(v);
            for arc in next(v as usize) {
                let w = arc.other as usize;
                self.waiting[w] -= 1;
                if self.waiting[w] == 0 {
                    self.heap.push(Reverse((key(w), w as u32)));
                }
            }
        }
    }
}

/// The leaves in a topological order (reversed when `backward`) that takes
/// the eligible leaf with the least `key` first.
pub(crate) fn order_by(p: &Problem, key: impl Fn(usize) -> SortKey, backward: bool) -> Vec<u32> {
    let mut order = Order::default();
    order.fill(p, key, backward);
    order.list
}

/// Keys and ties packed into one `u64` that sorts as they do: each part
/// less its least value, side by side in as many bits as its range needs.
/// Sorting integers costs a fraction of sorting tuples, and the keys of
/// one schedule (hours within its length) and the ties (places among the
/// leaves) usually fit together.
#[derive(Clone, Copy, Debug)]
struct Packing {
    least: (i64, i64, u32),
    /// The bits of the second key and of the tie.
    shifts: (u32, u32),
}

impl Packing {
    /// The packing of `keyed`'s keys and ties, unless they need more than
    /// 64 bits. The ties must be consecutive: a leaf's place, or its
    /// place counted back from `u32::MAX`.
    fn of(keyed: &[(SortKey, u32, u32)]) -> Option<Packing> {
        let (&(key, tie, _), rest) = keyed.split_first()?;
        let (mut least, mut most) = ((key.0, key.1, tie), (key.0, key.1, tie));
        for &((a, b), tie, _) in rest {
            least = (least.0.min(a), least.1.min(b), least.2.min(tie));
            most = (most.0.max(a), most.1.max(b), most.2.max(tie));
        }
        let bits = |span: Option<i64>| span.map(|s| u64::BITS - (s as u64).leading_zeros());
        let first = bits(most.0.checked_sub(least.0))?;
        let second = bits(most.1.checked_sub(least.1))?;
        let tie = u32::BITS - (most.2 - least.2).leading_zeros();
        (first + second + tie <= u64::BITS).then_some(Packing {
            least,
            shifts: (second + tie, tie),
        })
    }

    fn pack(&self, key: SortKey, tie: u32) -> u64 {
        // Each difference is within its bits (see `of`); a shift by 64
        // only happens when the part above is 0 bits wide, hence `checked`.
        let high = ((key.0 - self.least.0) as u64)
            .checked_shl(self.shifts.0)
            .unwrap_or(0);
        let middle = ((key.1 - self.least.1) as u64)
            .checked_shl(self.shifts.1)
            .unwrap_or(0);
        high | middle | u64::from(tie - self.least.2)
    }

    /// The tie's rank among the ties: its place in the leaves, or counted
    /// back from the last.
    fn rank(&self, packed: u64) -> usize {
        (packed & ((1u64 << self.shifts.1) - 1)) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::{Packing, SortKey};

    /// Packed keys sort as the tuples do, and give back each leaf's place;
    /// keys too far apart are not packed.
    #[test]
    fn packed_keys_sort_as_the_tuples() {
        let mut rng = fastrand::Rng::with_seed(3);
        for round in 0..400 {
            let n = rng.usize(1..80);
            let spread = [10, 1_000, 1 << 20, 1 << 40][round % 4];
            let backward = rng.bool();
            let keyed: Vec<(SortKey, u32, u32)> = (0..n as u32)
                .map(|place| {
                    let key = (rng.i64(-spread..spread), rng.i64(-spread..spread));
                    let tie = if backward { u32::MAX - place } else { place };
                    (key, tie, place)
                })
                .collect();
            let mut sorted = keyed.clone();
            sorted.sort_unstable();
            let expected: Vec<u32> = sorted.iter().map(|&(_, _, place)| place).collect();
            let Some(packing) = Packing::of(&keyed) else {
                assert_eq!(spread, 1 << 40, "keys within 2^21 of each other pack");
                continue;
            };
            let mut packed: Vec<u64> = keyed
                .iter()
                .map(|&(key, tie, _)| packing.pack(key, tie))
                .collect();
            packed.sort_unstable();
            let places: Vec<u32> = packed
                .iter()
                .map(|&p| packing.rank(p) as u32)
                .map(|rank| if backward { n as u32 - 1 - rank } else { rank })
                .collect();
            assert_eq!(places, expected);
        }
    }
}

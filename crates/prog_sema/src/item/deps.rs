//! A declaration's dependencies, each target and kind once: `after a, a`
//! (or `after a` twice) is one link, as MS Project and TaskJuggler keep
//! it, and the second is a warning with where the first was given. A list
//! of a million times the same id costs one dependency, not a million.

use std::hash::{BuildHasher, Hash};

use prog_plan::{DepKind, Work};
use prog_syntax::Span;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::NameRef;

/// Up to this many dependencies are compared one by one; beyond, through
/// an index of their hashes.
const SCANNED: usize = 8;

#[derive(Default)]
pub(super) struct Deps {
    /// The hash of a target and kind, and the first dependency that has it.
    index: FxHashMap<u64, u32>,
}

impl Deps {
    /// Adds the dependency to `deps`, or gives where the first with the
    /// same target and kind was given.
    pub(super) fn add(
        &mut self,
        deps: &mut Vec<(NameRef, DepKind, Work)>,
        target: NameRef,
        kind: DepKind,
        lag: Work,
    ) -> Result<(), Span> {
        let same = |(name, k, _): &(NameRef, DepKind, Work)| name.text == target.text && *k == kind;
        let first = if deps.len() < SCANNED {
            deps.iter().find(|d| same(d))
        } else {
            if self.index.is_empty() {
                for (i, (name, k, _)) in deps.iter().enumerate() {
                    self.index.entry(key(&name.text, *k)).or_insert(i as u32);
                }
            }
            match self.index.get(&key(&target.text, kind)) {
                Some(&i) if same(&deps[i as usize]) => Some(&deps[i as usize]),
                // Two texts with one hash: rare enough to compare them all.
                Some(_) => deps.iter().find(|d| same(d)),
                None => None,
            }
        };
        if let Some((name, _, _)) = first {
            return Err(name.span);
        }
        if deps.len() >= SCANNED {
            self.index
                .entry(key(&target.text, kind))
                .or_insert(deps.len() as u32);
        }
        deps.push((target, kind, lag));
        Ok(())
    }
}

fn key(text: &str, kind: DepKind) -> u64 {
    let mut hasher = FxBuildHasher.build_hasher();
    (text, kind).hash(&mut hasher);
    std::hash::Hasher::finish(&hasher)
}

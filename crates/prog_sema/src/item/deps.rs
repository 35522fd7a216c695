//! A declaration's dependencies, each target and kind once: `after a, a`
//! (or `after a` twice) is one link, as MS Project and TaskJuggler keep
//! it, and the second is a warning with where the first was given. A list
//! of a million times the same id costs one dependency, not a million.

use std::collections::hash_map::Entry;

use prog_plan::{DepKind, Work};
use prog_syntax::Span;
use prog_syntax::ast::SmolStr;
use rustc_hash::FxHashMap;
use thin_vec::ThinVec;

use super::NameRef;

/// Up to this many dependencies are compared one by one; beyond, through
/// an index.
const SCANNED: usize = 8;

#[derive(Default)]
pub(super) struct Deps {
    /// Each target and kind, and where it was first given: filled once
    /// there are more than [`SCANNED`].
    first: FxHashMap<(SmolStr, DepKind), Span>,
}

impl Deps {
    /// Adds the dependency to `deps`, or gives where the first with the
    /// same target and kind was given.
    pub(super) fn add(
        &mut self,
        deps: &mut ThinVec<(NameRef, DepKind, Work)>,
        target: NameRef,
        kind: DepKind,
        lag: Work,
    ) -> Result<(), Span> {
        if deps.len() < SCANNED {
            let same = |(name, k, _): &&(NameRef, DepKind, Work)| name.text == target.text && *k == kind;
            if let Some((first, _, _)) = deps.iter().find(same) {
                return Err(first.span);
            }
        } else {
            if self.first.is_empty() {
                // The dependencies so far differ from each other.
                let given = deps
                    .iter()
                    .map(|(name, k, _)| ((name.text.clone(), *k), name.span));
                self.first.extend(given);
            }
            match self.first.entry((target.text.clone(), kind)) {
                Entry::Occupied(first) => return Err(*first.get()),
                Entry::Vacant(new) => {
                    new.insert(target.span);
                }
            }
        }
        deps.push((target, kind, lag));
        Ok(())
    }
}

//! The ids declared in a plan, found by name.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use prog_syntax::ast::SmolStr;
use rustc_hash::FxBuildHasher;

use super::Symbol;

/// Every id declared, in the order declared, with its symbol, and their
/// positions by name: about 55 bytes an id, where a map from names to
/// symbols took 80 with its empty slots (a plan of 300,000 tasks holds
/// them all while it is resolved).
#[derive(Default)]
pub(super) struct Symbols {
    declared: Vec<(SmolStr, Symbol)>,
    by_name: HashTable<u32>,
}

impl Symbols {
    pub(super) fn reserve(&mut self, ids: usize) {
        self.declared.reserve_exact(ids);
        let declared = &self.declared;
        self.by_name.reserve(ids, |&i| hash(&declared[i as usize].0));
    }

    pub(super) fn get(&self, name: &str) -> Option<&Symbol> {
        self.by_name
            .find(hash(name), |&i| self.declared[i as usize].0 == name)
            .map(|&i| &self.declared[i as usize].1)
    }

    /// Declares `name`, unless it is declared already: then the symbol it
    /// was first declared with.
    pub(super) fn declare(&mut self, name: &SmolStr, symbol: Symbol) -> Result<(), Symbol> {
        if let Some(first) = self.get(name) {
            return Err(*first);
        }
        let declared = &self.declared;
        self.by_name
            .insert_unique(hash(name), declared.len() as u32, |&i| {
                hash(&declared[i as usize].0)
            });
        self.declared.push((name.clone(), symbol));
        Ok(())
    }

    pub(super) fn len(&self) -> usize {
        self.declared.len()
    }

    /// The ids and their symbols, in the order declared.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, &Symbol)> {
        self.declared.iter().map(|(name, symbol)| (name.as_str(), symbol))
    }
}

fn hash(name: &str) -> u64 {
    FxBuildHasher.hash_one(name)
}

#[cfg(test)]
mod tests {
    use prog_syntax::Span;
    use prog_syntax::ast::{DeclKind, SmolStr};

    use super::Symbols;
    use crate::resolve::Symbol;
    use crate::{FileId, Location};

    fn symbol(index: u32) -> Symbol {
        Symbol {
            kind: DeclKind::Task,
            index,
            location: Location {
                file: FileId(0),
                span: Span::new(index as usize, index as usize + 1),
            },
        }
    }

    #[test]
    fn an_id_is_found_by_name_and_declared_once() {
        let mut symbols = Symbols::default();
        symbols.reserve(2);
        let names: Vec<SmolStr> = (0..1000).map(|i| SmolStr::new(format!("t{i}"))).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(symbols.declare(name, symbol(i as u32)).is_ok());
        }
        assert_eq!(symbols.get("t417").map(|s| s.index), Some(417));
        assert!(symbols.get("t1000").is_none());
        let again = symbols.declare(&names[3], symbol(1000));
        assert_eq!(
            again.map_err(|first| first.index),
            Err(3),
            "the first declaration"
        );
        assert_eq!(symbols.len(), 1000);
        let order: Vec<&str> = symbols.iter().take(3).map(|(name, _)| name).collect();
        assert_eq!(order, ["t0", "t1", "t2"]);
    }
}

//! The modules of a crate and which of them use which, to find module
//! cycles: two sibling modules that each reach into the other, so that
//! neither can be read (or moved) without the other.
//!
//! A use from a module into its own ancestor or descendant is not an edge
//! (a parent re-exporting its children, a child's tests reading the
//! parent). Any other use is lifted to the two siblings under the modules'
//! lowest common ancestor, the way rust-analyzer's architecture rule reads
//! "a module never imports its dispatcher".

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// A module path inside a crate, without `crate`: `["handlers", "hover"]`.
type ModPath = Vec<String>;

/// The module cycles of the crate whose `src` folder is `src`: each cycle
/// is a sorted list of sibling module paths (`a::b`), each reaching the
/// next. Binaries under `src/bin` are crates of their own and left out.
pub fn module_cycles(src: &Path) -> Result<Vec<Vec<String>>, String> {
    let mut modules = Modules::default();
    let root = ["lib.rs", "main.rs"]
        .iter()
        .map(|name| src.join(name))
        .find(|path| path.is_file())
        .ok_or_else(|| format!("{}: no lib.rs or main.rs", src.display()))?;
    modules.read_file(&root, Vec::new(), src)?;
    Ok(modules.cycles())
}

#[derive(Default)]
struct Modules {
    known: BTreeSet<ModPath>,
    /// (from, to) for every path that names a module, as written.
    uses: Vec<(ModPath, ModPath)>,
}

impl Modules {
    /// Reads the module at `path` (file) named `module`, whose child files
    /// live in `dir`.
    fn read_file(&mut self, path: &Path, module: ModPath, dir: &Path) -> Result<(), String> {
        let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        self.read_items(&file.items, module, dir)
    }

    fn read_items(&mut self, items: &[syn::Item], module: ModPath, dir: &Path) -> Result<(), String> {
        self.known.insert(module.clone());
        let children: BTreeSet<String> = items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Mod(m) => Some(m.ident.to_string()),
                _ => None,
            })
            .collect();
        let mut paths = PathCollector::default();
        for item in items {
            match item {
                syn::Item::Mod(m) => {
                    let mut child = module.clone();
                    child.push(m.ident.to_string());
                    let child_dir = dir.join(m.ident.to_string());
                    match &m.content {
                        Some((_, inner)) => self.read_items(inner, child, &child_dir)?,
                        None => {
                            let file = module_file(dir, &m.ident.to_string())?;
                            self.read_file(&file, child, &child_dir)?;
                        }
                    }
                }
                other => paths.visit_item(other),
            }
        }
        for written in paths.paths {
            if let Some(target) = absolute(&module, &children, &written) {
                self.uses.push((module.clone(), target));
            }
        }
        Ok(())
    }

    /// The longest known module that starts `path`.
    fn module_of(&self, path: &[String]) -> ModPath {
        (0..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|prefix| self.known.contains(prefix))
            .unwrap_or_default()
    }

    fn sibling_edges(&self) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
        let mut edges: BTreeMap<ModPath, BTreeSet<ModPath>> = BTreeMap::new();
        for (from, written) in &self.uses {
            let to = self.module_of(written);
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            if common == from.len() || common == to.len() {
                continue; // an ancestor or a descendant
            }
            edges
                .entry(from[..=common].to_vec())
                .or_default()
                .insert(to[..=common].to_vec());
        }
        edges
    }

    fn cycles(&self) -> Vec<Vec<String>> {
        let edges = self.sibling_edges();
        let mut graph = petgraph::graphmap::DiGraphMap::<usize, ()>::new();
        let names: Vec<&ModPath> = self.known.iter().collect();
        let index = |m: &ModPath| names.iter().position(|n| *n == m);
        for (from, tos) in &edges {
            for to in tos {
                if let (Some(a), Some(b)) = (index(from), index(to)) {
                    graph.add_edge(a, b, ());
                }
            }
        }
        let mut cycles: Vec<Vec<String>> = petgraph::algo::tarjan_scc(&graph)
            .into_iter()
            .filter(|scc| scc.len() > 1)
            .map(|scc| {
                let mut cycle: Vec<String> = scc.iter().map(|&i| names[i].join("::")).collect();
                cycle.sort();
                cycle
            })
            .collect();
        cycles.sort();
        cycles
    }
}

/// `dir/name.rs` or `dir/name/mod.rs`.
fn module_file(dir: &Path, name: &str) -> Result<PathBuf, String> {
    [dir.join(format!("{name}.rs")), dir.join(name).join("mod.rs")]
        .into_iter()
        .find(|path| path.is_file())
        .ok_or_else(|| format!("{}: no file for module {name}", dir.display()))
}

/// A path as written in `module` (whose child modules are `children`),
/// made absolute; `None` for paths that name no module of this crate.
fn absolute(module: &ModPath, children: &BTreeSet<String>, written: &[String]) -> Option<ModPath> {
    let (first, rest) = written.split_first()?;
    match first.as_str() {
        "crate" => Some(rest.to_vec()),
        "self" => Some(module.iter().chain(rest).cloned().collect()),
        "super" => {
            let mut base = module.clone();
            base.pop()?;
            let mut rest = rest;
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
            Some(base.into_iter().chain(rest.iter().cloned()).collect())
        }
        name if children.contains(name) => Some(module.iter().chain(written).cloned().collect()),
        _ => None,
    }
}

/// Every path written in an item: use trees spelled out, and the paths of
/// expressions, types and patterns. Nested inline modules are read apart.
#[derive(Default)]
struct PathCollector {
    paths: Vec<Vec<String>>,
}

impl PathCollector {
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.push_with(prefix, n.ident.to_string()),
            syn::UseTree::Rename(r) => self.push_with(prefix, r.ident.to_string()),
            syn::UseTree::Glob(_) => self.paths.push(prefix.clone()),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| self.use_tree(prefix, t)),
        }
    }

    fn push_with(&mut self, prefix: &[String], last: String) {
        let mut path = prefix.to_vec();
        if last != "self" {
            path.push(last);
        }
        self.paths.push(path);
    }
}

impl<'ast> Visit<'ast> for PathCollector {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_item_mod(&mut self, _: &'ast syn::ItemMod) {}

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.paths
            .push(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn a_handler_that_imports_its_dispatcher_is_a_cycle() {
        let dir = crate_with(&[
            ("lib.rs", "mod server; mod handlers;"),
            ("server.rs", "use crate::handlers::hover; pub struct Server;"),
            ("handlers/mod.rs", "pub mod hover;"),
            ("handlers/hover.rs", "fn f(_: &crate::server::Server) {}"),
        ]);
        assert_eq!(
            module_cycles(dir.path()).unwrap(),
            vec![vec!["handlers".to_string(), "server".to_string()]]
        );
    }

    #[test]
    fn parents_children_and_tests_are_no_cycle() {
        let dir = crate_with(&[
            ("lib.rs", "mod a; pub use a::b::X; fn f() { a::g() }"),
            ("a.rs", "pub mod b; use crate::f; pub fn g() { b::h() }"),
            (
                "a/b.rs",
                "pub struct X; pub fn h() { super::super::f() }\n#[cfg(test)] mod tests { use super::*; }",
            ),
        ]);
        assert!(module_cycles(dir.path()).unwrap().is_empty());
    }

    #[test]
    fn a_cycle_between_siblings_deep_in_the_tree() {
        let dir = crate_with(&[
            ("lib.rs", "mod level;"),
            (
                "level.rs",
                "mod sgs; mod problem { use super::sgs::Sgs; pub struct P; }",
            ),
            ("level/sgs.rs", "pub struct Sgs(super::problem::P);"),
        ]);
        assert_eq!(
            module_cycles(dir.path()).unwrap(),
            vec![vec!["level::problem".to_string(), "level::sgs".to_string()]]
        );
    }
}

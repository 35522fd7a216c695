//! No module of any crate reaches into a sibling that reaches back: each
//! concept has one home, and a module can be read (or moved) without the
//! modules that use it. `cargo run -p prog_tools --bin module_cycles` lists
//! the cycles when this fails.

use std::path::Path;

use prog_tools::module_graph::module_cycles;

#[test]
fn no_crate_has_a_module_cycle() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = Vec::new();
    let mut read = 0;
    for entry in std::fs::read_dir(&crates).unwrap() {
        let src = entry.unwrap().path().join("src");
        if !src.is_dir() {
            continue;
        }
        read += 1;
        for cycle in module_cycles(&src).unwrap() {
            found.push(format!("{}: {}", src.display(), cycle.join(" <-> ")));
        }
    }
    assert!(read >= 10, "only {read} crates found under {}", crates.display());
    assert!(found.is_empty(), "module cycles:\n{}", found.join("\n"));
}

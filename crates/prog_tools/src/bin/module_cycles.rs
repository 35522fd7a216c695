//! Prints the module cycles of every crate under `crates/` (or of the crate
//! folders given): `cargo run -p prog_tools --bin module_cycles`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut crates: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if crates.is_empty() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let Ok(entries) = std::fs::read_dir(&root) else {
            eprintln!("cannot read {}", root.display());
            return ExitCode::from(2);
        };
        crates = entries.flatten().map(|e| e.path()).collect();
        crates.sort();
    }
    let mut found = false;
    for dir in crates.iter().filter(|dir| dir.join("src").is_dir()) {
        match prog_tools::module_graph::module_cycles(&dir.join("src")) {
            Ok(cycles) => {
                for cycle in cycles {
                    found = true;
                    println!("{}: {}", dir.display(), cycle.join(" <-> "));
                }
            }
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    if found {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

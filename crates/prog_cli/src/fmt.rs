//! `prog fmt`: the canonical layout, written in place or checked.

use std::path::PathBuf;

use crate::{emit, exit_code, inputs};

pub fn run(paths: &[PathBuf], check: bool) -> Result<u8, String> {
    let mut code = 0;
    let mut out = String::new();
    for path in inputs::plan_paths(paths)? {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        match prog_ide::format(&text) {
            Ok(formatted) if formatted == text => {}
            Ok(_) if check => {
                out.push_str(&format!("{}: not formatted\n", path.display()));
                code = exit_code::PROBLEMS;
            }
            Ok(formatted) => {
                std::fs::write(&path, formatted).map_err(|e| format!("{}: {e}", path.display()))?;
                out.push_str(&format!("{}: formatted\n", path.display()));
            }
            Err(e) => {
                eprintln!("prog: {}: {}", path.display(), e.message);
                code = exit_code::PROBLEMS;
            }
        }
    }
    emit(&out);
    Ok(code)
}

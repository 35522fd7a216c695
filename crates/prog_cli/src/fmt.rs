//! `prog fmt`: the canonical layout, written in place or checked.

use std::path::PathBuf;

use prog_report::escape::terminal;

use crate::{emit, exit_code, inputs};

pub fn run(paths: &[PathBuf], check: bool) -> Result<u8, String> {
    let mut code = 0;
    let mut out = String::new();
    for path in inputs::plan_paths(paths)? {
        // A file name is printed as any text of the plan's is.
        let shown = terminal(&path.display().to_string());
        let text = prog_db::read_text(&path, prog_db::FileKind::Plan)
            .map_err(|why| format!("{}: {why}", path.display()))?;
        match prog_ide::format(&text) {
            Ok(formatted) if formatted == text => {}
            Ok(_) if check => {
                out.push_str(&format!("{shown}: not formatted\n"));
                code = exit_code::PROBLEMS;
            }
            Ok(formatted) => {
                std::fs::write(&path, formatted).map_err(|e| format!("{}: {e}", path.display()))?;
                out.push_str(&format!("{shown}: formatted\n"));
            }
            Err(e) => {
                eprintln!("prog: {shown}: {}", terminal(&e.message));
                code = exit_code::PROBLEMS;
            }
        }
    }
    emit(&out);
    Ok(code)
}

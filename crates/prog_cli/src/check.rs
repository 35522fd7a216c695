//! `prog check`: every problem of every plan, exit 1 if any is an error.

use std::path::PathBuf;

use prog_db::Database;
use prog_sema::Severity;

use crate::{Format, diagnostics_printer, exit_code, inputs};

pub fn run(paths: &[PathBuf], format: Format) -> Result<u8, String> {
    let files = inputs::plan_paths(paths)?;
    if files.is_empty() {
        return Err("no .prog files found".to_string());
    }
    let mut db = Database::default();
    let plans = inputs::load_plans(&mut db, &files)?;
    let mut errors = 0;
    let mut report = diagnostics_printer::DiagnosticsPrinter::default();
    for project in plans {
        let diagnostics = prog_db::diagnostics(&db, project);
        errors += diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        report.add(&db, project, diagnostics);
    }
    match format {
        Format::Text => report.print_text(),
        Format::Json => report.print_json(),
    }
    Ok(if errors > 0 { exit_code::PROBLEMS } else { 0 })
}

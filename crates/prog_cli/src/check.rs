//! `prog check`: every problem of every plan, exit 1 if any is an error (or,
//! with `--deny-warnings`, a warning).

use std::path::PathBuf;

use prog_db::Database;
use prog_sema::Severity;

use crate::{Format, diagnostics_printer, exit_code, inputs};

pub fn run(paths: &[PathBuf], format: Format, deny_warnings: bool) -> Result<u8, String> {
    let files = inputs::plan_paths(paths)?;
    if files.is_empty() {
        return Err("no .prog files found".to_string());
    }
    let mut db = Database::once();
    let plans = inputs::load_plans(&mut db, &files)?;
    let mut failing = 0;
    let mut report = diagnostics_printer::DiagnosticsPrinter::default();
    for project in plans {
        let diagnostics = prog_db::analyse_with_helper(&db, project, |db| prog_db::diagnostics(db, project));
        failing += diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning))
            .count();
        report.add(&db, project, &diagnostics);
    }
    match format {
        Format::Text => report.print_text(),
        Format::Json => report.print_json(),
    }
    Ok(if failing > 0 { exit_code::PROBLEMS } else { 0 })
}

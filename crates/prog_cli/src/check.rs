//! `prog check`: every problem of every plan, exit 1 if any is an error.

use std::path::PathBuf;

use prog_sema::Severity;

use crate::{Format, inputs, render, status};

pub fn run(paths: &[PathBuf], format: Format) -> Result<u8, String> {
    let files = inputs::plan_files(paths)?;
    if files.is_empty() {
        return Err("no .prog files found".to_string());
    }
    let plans = inputs::load_plans(&files)?;
    let mut errors = 0;
    let mut report = render::Report::default();
    for sources in &plans {
        let analysis = prog_db::analyze(sources);
        errors += analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        report.add(sources, &analysis.diagnostics);
    }
    match format {
        Format::Text => report.print_text(),
        Format::Json => report.print_json(),
    }
    Ok(if errors > 0 { status::PROBLEMS } else { 0 })
}

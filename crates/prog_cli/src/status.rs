//! `prog status`: the weekly status report of a running program.

use std::path::Path;

use clap::ValueEnum;
use prog_db::Database;
use prog_report::status::{self, StatusReport};

use crate::inputs;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Md,
    Html,
    Json,
}

/// Writes the status report of the plan at `path` to `out` (stdout without
/// one). Errors in the plan go to stderr and the report of what could be
/// understood is still written (exit status 1).
pub fn run(
    path: &Path,
    out: Option<&Path>,
    format: StatusFormat,
    baseline: Option<&str>,
) -> Result<u8, String> {
    let mut db = Database::default();
    let (project, code) = inputs::load_reporting_errors(&mut db, path)?;
    let baseline = crate::baseline::active(&db, project, baseline)?;
    let plan = &prog_db::resolved(&db, project).plan;
    let cal = prog_db::work_calendar(&db, project);
    let forecast = prog_report::report_forecast(plan, cal);
    let report = StatusReport::new(
        plan,
        prog_db::schedule(&db, project),
        prog_db::load(&db, project),
        cal,
        forecast.as_ref(),
        baseline.as_ref(),
    );
    let text = match format {
        StatusFormat::Md => status::markdown::write(&report),
        StatusFormat::Html => status::html::write(&report),
        StatusFormat::Json => serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n",
    };
    match out {
        Some(file) => std::fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))?,
        None => crate::emit(&text),
    }
    Ok(code)
}

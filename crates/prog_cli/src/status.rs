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
    since: Option<&str>,
) -> Result<u8, String> {
    let mut db = Database::default();
    let (project, code) = inputs::load_reporting_errors(&mut db, path)?;
    // Last week's plan, read from git as `prog diff --git` reads it.
    let then = match since {
        Some(rev) => Some(
            crate::diff::from_git(&mut db, Path::new(rev), path)
                .map_err(|e| format!("--since {rev}: {e}"))?,
        ),
        None => None,
    };
    let baseline = crate::baseline::active(&db, project, baseline)?;
    let plan = &prog_db::resolved(&db, project).plan;
    let cal = prog_db::work_calendar(&db, project);
    let forecast = prog_report::report_forecast(plan, cal);
    let mut report = StatusReport::new(
        plan,
        prog_db::schedule(&db, project),
        prog_db::load(&db, project),
        cal,
        forecast.as_ref(),
        baseline.as_ref(),
    );
    if let (Some(rev), Some(then)) = (since, then) {
        let (old, new) = (crate::diff::side(&db, then), crate::diff::side(&db, project));
        let mut diff = prog_diff::diff(&old, &new);
        diff.earned_value = prog_diff::earned_value(&old, &new, baseline.as_ref());
        report = report.with_since(status::SinceRevision::new(rev, &diff));
    }
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

//! `prog report`: the plan as an HTML page, Markdown, JSON, CSV, a Mermaid
//! gantt chart or a Graphviz graph.

use std::path::Path;

use clap::ValueEnum;
use prog_db::Database;

use crate::inputs;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Md,
    Json,
    Csv,
    Mermaid,
    Dot,
}

impl From<ReportFormat> for prog_report::Format {
    fn from(format: ReportFormat) -> Self {
        match format {
            ReportFormat::Html => prog_report::Format::Html,
            ReportFormat::Md => prog_report::Format::Markdown,
            ReportFormat::Json => prog_report::Format::Json,
            ReportFormat::Csv => prog_report::Format::Csv,
            ReportFormat::Mermaid => prog_report::Format::Mermaid,
            ReportFormat::Dot => prog_report::Format::Dot,
        }
    }
}

/// How many of the plan's last commits the S-curve reads without `--trend`:
/// a quarter of weekly updates.
const DEFAULT_TREND: usize = 13;

/// Writes the report of the plan at `path` to `out` (stdout without one).
/// Errors in the plan go to stderr and the report of what could be
/// understood is still written (exit status 1).
pub fn run(
    path: &Path,
    out: Option<&Path>,
    format: ReportFormat,
    baseline: Option<&str>,
    trend: Option<usize>,
) -> Result<u8, String> {
    let mut db = Database::once();
    let (project, code) = inputs::load_reporting_errors(&mut db, path)?;
    // The S-curve draws earned value and actual cost through the plan's
    // history: by default its last commits when it is kept in git (and
    // none, silently, when it is not); `--trend 0` draws none. Each past
    // plan is analysed again, so none is read for a report without earned
    // value (no status date) or in a format that shows none of it.
    let measured = prog_db::resolved(&db, project).plan.program.status_date.is_some()
        && matches!(format, ReportFormat::Html | ReportFormat::Md | ReportFormat::Json);
    let past = match trend {
        Some(count) => crate::status::past_plans(&mut db, path, count)?,
        None if measured => crate::status::past_plans(&mut db, path, DEFAULT_TREND).unwrap_or_default(),
        None => Vec::new(),
    };
    let baseline = crate::baseline::active(&db, project, baseline)?;
    let mut report = prog_ide::report(&db, project, baseline.as_ref());
    if let Some(status) = &mut report.status {
        status.trend = crate::status::trend_points(&db, &past, baseline.as_ref());
    }
    let text = prog_report::render(&report, format.into());
    match out {
        Some(file) => std::fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))?,
        None => crate::emit(&text),
    }
    Ok(code)
}

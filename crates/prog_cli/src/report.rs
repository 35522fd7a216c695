//! `prog report`: the plan as an HTML page, Markdown, JSON, CSV, a Mermaid
//! gantt chart or a Graphviz graph.

use std::path::Path;

use clap::ValueEnum;
use prog_db::{Database, Project, plan_files};
use prog_report::{Problem, Report};
use prog_sema::Diagnostic;

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

/// Writes the report of the plan at `path` to `out` (stdout without one).
/// Errors in the plan go to stderr and the report of what could be
/// understood is still written (exit status 1).
pub fn run(
    path: &Path,
    out: Option<&Path>,
    format: ReportFormat,
    baseline: Option<&str>,
) -> Result<u8, String> {
    let mut db = Database::default();
    let (project, mut code) = inputs::load_reporting_errors(&mut db, path)?;
    let baseline = crate::baseline::active(&db, project, baseline, &mut code)?;
    let diagnostics = prog_db::diagnostics(&db, project);
    let plan = &prog_db::resolved(&db, project).plan;
    let cal = prog_db::work_calendar(&db, project);
    let forecast = prog_report::report_forecast(plan, cal);
    let report = Report::new(
        plan,
        prog_db::schedule(&db, project),
        prog_db::load(&db, project),
        cal,
        forecast.as_ref(),
        diagnostics.iter().map(|d| problem(&db, project, d)).collect(),
        baseline.as_ref(),
    );
    let text = prog_report::render(&report, format.into());
    match out {
        Some(file) => std::fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))?,
        None => crate::emit(&text),
    }
    Ok(code)
}

fn problem(db: &Database, project: Project, d: &Diagnostic) -> Problem {
    let file = plan_files(db, project).files[d.location.file.0 as usize];
    let text = file.text(db);
    let offset = d.location.span.start.min(text.len());
    let at = prog_db::line_index(db, file).line_col(offset);
    let line_start = offset - at.col as usize;
    Problem {
        severity: d.severity.as_str(),
        code: d.code.as_str(),
        message: d.message.clone(),
        file: file.path(db).clone(),
        line: at.line as usize + 1,
        column: text.get(line_start..offset).map_or(1, |s| s.chars().count() + 1),
    }
}

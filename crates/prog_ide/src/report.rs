//! What the reports are made of, read from the database in one place: the
//! plan's report (the same page `prog report` writes, for live previews of
//! unsaved text and for the command line alike), the weekly status, its
//! trend, and the side of a diff.

use prog_db::{Project, plan_files};
use prog_diff::Side;
use prog_plan::baseline::Baseline;
use prog_report::status::{StatusReport, TrendPoint};
use prog_report::{Problem, Report};
use prog_sema::Diagnostic;

/// The report model of `project` as the database holds it now (open
/// documents' unsaved text included), compared with `baseline` if given.
pub fn report(db: &dyn salsa::Database, project: Project, baseline: Option<&Baseline>) -> Report {
    let diagnostics = prog_db::diagnostics(db, project);
    let plan = &prog_db::resolved(db, project).plan;
    let cal = prog_db::work_calendar(db, project);
    let forecast = prog_report::report_forecast(plan, cal);
    Report::new(
        plan,
        prog_db::schedule(db, project),
        prog_db::load(db, project),
        cal,
        forecast.as_ref(),
        diagnostics.iter().map(|d| problem(db, project, d)).collect(),
        baseline,
    )
}

/// The weekly status of `project` at its status date, compared with
/// `baseline` if given.
pub fn status(db: &dyn salsa::Database, project: Project, baseline: Option<&Baseline>) -> StatusReport {
    let plan = &prog_db::resolved(db, project).plan;
    let cal = prog_db::work_calendar(db, project);
    let forecast = prog_report::report_forecast(plan, cal);
    StatusReport::new(
        plan,
        prog_db::schedule(db, project),
        prog_db::load(db, project),
        cal,
        forecast.as_ref(),
        baseline,
    )
}

/// Earned value and the forecast finish of `project` (the plan at commit
/// `rev`) at its own status date, against `baseline` if given.
pub fn trend_point(
    db: &dyn salsa::Database,
    project: Project,
    rev: &str,
    baseline: Option<&Baseline>,
) -> TrendPoint {
    TrendPoint::measure(
        rev,
        &prog_db::resolved(db, project).plan,
        prog_db::schedule(db, project),
        prog_db::work_calendar(db, project),
        baseline,
    )
}

/// `project` as `prog diff` compares it.
pub fn diff_side(db: &dyn salsa::Database, project: Project) -> Side<'_> {
    Side {
        plan: &prog_db::resolved(db, project).plan,
        schedule: prog_db::schedule(db, project),
        load: prog_db::load(db, project),
        calendar: prog_db::work_calendar(db, project),
    }
}

/// The HTML report of `project`: one self-contained page that fetches
/// nothing. Memoised: clients that ask again without an edit get it free.
/// Compared with the program's baseline, which the loader read.
#[salsa::tracked(returns(ref))]
pub fn preview_html(db: &dyn salsa::Database, project: Project) -> String {
    let baseline = crate::baseline::active(db, project);
    prog_report::html::write(&report(db, project, baseline))
}

fn problem(db: &dyn salsa::Database, project: Project, d: &Diagnostic) -> Problem {
    let file = plan_files(db, project).files[d.location.file.0 as usize];
    let text = file.text(db);
    let offset = d.location.span.start().min(text.len());
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

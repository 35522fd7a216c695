//! Reports of plan files, built the way `prog report` builds them.

use std::path::{Path, PathBuf};

use prog_db::Database;
use prog_report::{Problem, Report};

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative)
}

/// The report of the plan file at `relative` (from the repository root).
pub fn report_of(relative: &str) -> Report {
    let mut db = Database::default();
    let project = prog_db::load_plan(&mut db, &repo_path(relative)).expect("the plan loads");
    let files = &prog_db::plan_files(&db, project).files;
    let problems = prog_db::diagnostics(&db, project)
        .iter()
        .map(|d| {
            let file = files[d.location.file.0 as usize];
            let at = prog_db::line_index(&db, file).line_col(d.location.span.start());
            Problem {
                severity: d.severity.as_str(),
                code: d.code.as_str(),
                message: d.message.clone(),
                // The name only: snapshots must not depend on where the checkout is.
                file: Path::new(file.path(&db))
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                line: at.line as usize + 1,
                column: at.col as usize + 1,
            }
        })
        .collect();
    let plan = &prog_db::resolved(&db, project).plan;
    let cal = prog_db::work_calendar(&db, project);
    let forecast = prog_report::report_forecast(plan, cal);
    Report::new(
        plan,
        prog_db::schedule(&db, project),
        prog_db::load(&db, project),
        cal,
        forecast.as_ref(),
        problems,
        None,
    )
}

//! `prog status`: the weekly status report of a running program.

use std::path::Path;

use clap::ValueEnum;
use prog_db::Database;
use prog_report::status;

use crate::inputs;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Md,
    Html,
    Json,
}

/// What the report compares with: a baseline (`--baseline`), last week's
/// plan (`--since REV`), the last N commits of the plan (`--trend N`).
pub struct History<'a> {
    pub baseline: Option<&'a str>,
    pub since: Option<&'a str>,
    pub trend: Option<usize>,
}

/// Writes the status report of the plan at `path` to `out` (stdout without
/// one). Errors in the plan go to stderr and the report of what could be
/// understood is still written (exit status 1).
/// With `audience`, the report is cut to what that stakeholder follows.
pub fn run(
    path: &Path,
    out: Option<&Path>,
    format: StatusFormat,
    history: History,
    audience: Option<&str>,
) -> Result<u8, String> {
    let History {
        baseline,
        since,
        trend,
    } = history;
    let mut db = Database::once();
    let (project, code) = inputs::load_reporting_errors(&mut db, path)?;
    // Last week's plan, and the plan at each commit of the trend, read from
    // git as `prog diff --git` reads them.
    let then = match since {
        Some(rev) => Some(
            crate::diff::from_git(&mut db, Path::new(rev), path)
                .map_err(|e| format!("--since {rev}: {e}"))?,
        ),
        None => None,
    };
    let past = match trend {
        Some(count) => past_plans(&mut db, path, count)?,
        None => Vec::new(),
    };
    let first_blocked = crate::blocked_history::first_blocked(&mut db, path, project);
    let baseline = crate::baseline::active(&db, project, baseline)?;
    let mut report = prog_ide::status(&db, project, baseline.as_ref());
    let plan = &prog_db::resolved(&db, project).plan;
    if let (Some(rev), Some(then)) = (since, then) {
        let (old, new) = (prog_ide::diff_side(&db, then), prog_ide::diff_side(&db, project));
        let mut diff = prog_diff::diff(&old, &new);
        diff.earned_value = prog_diff::earned_value(&old, &new, baseline.as_ref());
        report = report
            .with_since(status::SinceRevision::new(rev, &diff))
            .with_tell(plan, &diff);
    }
    report.trend = trend_points(&db, &past, baseline.as_ref());
    report = report.with_blocked_history(&first_blocked);
    if let Some(stakeholder) = audience {
        report = report.for_stakeholder(plan, stakeholder)?;
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

/// The plan at each of the last `count` commits that changed it, oldest
/// first, loaded into `db`.
pub(crate) fn past_plans(
    db: &mut Database,
    path: &Path,
    count: usize,
) -> Result<Vec<(String, prog_db::Project)>, String> {
    let mut past = Vec::new();
    for rev in crate::git::plan_history(path, count).map_err(|e| format!("--trend: {e}"))? {
        let at =
            crate::diff::from_git(db, Path::new(&rev), path).map_err(|e| format!("--trend {rev}: {e}"))?;
        past.push((rev, at));
    }
    Ok(past)
}

/// Earned value of each past plan at its own status date.
pub(crate) fn trend_points(
    db: &Database,
    past: &[(String, prog_db::Project)],
    baseline: Option<&prog_plan::baseline::Baseline>,
) -> Vec<status::TrendPoint> {
    past.iter()
        .map(|(rev, at)| prog_ide::trend_point(db, *at, rev, baseline))
        .collect()
}

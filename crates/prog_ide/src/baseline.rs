//! What the active baseline adds to the editor: each task's variance as an
//! inlay hint (`+3d`, `−2d`), the baseline dates in hover, and a lens over
//! the program ("vs baseline: finish +4d, 3 milestones late").

use std::fmt::Write;

use prog_db::Project;
use prog_plan::TaskId;
use prog_plan::baseline::{Baseline, Variance};

/// The program's active baseline, when it names one that can be used.
pub(crate) fn active(db: &dyn salsa::Database, project: Project) -> Option<&Baseline> {
    prog_db::program_baseline(db, project).as_ref()?.as_ref().ok()
}

/// The schedule against the active baseline. Memoised: inlay hints and
/// hover ask for it on every scroll and move of the mouse.
#[salsa::tracked(returns(ref))]
pub(crate) fn variance(db: &dyn salsa::Database, project: Project) -> Option<Variance> {
    let baseline = active(db, project)?;
    Some(Variance::new(
        prog_db::plan_shape(db, project),
        prog_db::schedule(db, project),
        prog_db::work_calendar(db, project),
        baseline,
    ))
}

/// A variance in working days as hints show it: `+3d`, `−2d` (a true
/// minus sign), `0d`.
pub(crate) fn days_label(days: f64) -> String {
    Variance::days_text(days).replacen('-', "\u{2212}", 1)
}

/// The inlay hint of a task against the baseline: its finish variance, or
/// `new` for a task the baseline does not have; `None` when it did not move.
pub(crate) fn hint_label(variance: &Variance, task: TaskId) -> Option<(String, String)> {
    let name = baseline_name(variance);
    match variance.tasks.get(task.index())? {
        None => Some(("new".to_string(), format!("not in {name}"))),
        Some(v) if v.finish_variance == 0.0 => None,
        Some(v) => Some((
            days_label(v.finish_variance),
            format!(
                "finish against {name}: {} (then {})",
                days_label(v.finish_variance),
                v.baseline_finish
            ),
        )),
    }
}

/// The hover line of a task against the baseline.
pub(crate) fn task_line(variance: &Variance, task: TaskId, md: &mut String) {
    let name = baseline_name(variance);
    let _ = match variance.tasks.get(task.index()) {
        Some(Some(v)) => writeln!(
            md,
            "{name}: {} → {} · start {} · finish {}\n",
            v.baseline_start,
            v.baseline_finish,
            days_label(v.start_variance),
            days_label(v.finish_variance)
        ),
        Some(None) => writeln!(md, "{name}: not in it (added since {})\n", variance.created),
        None => Ok(()),
    };
}

/// The lens over the program: `vs baseline: finish +4d, 3 milestones late`.
pub(crate) fn program_lens(db: &dyn salsa::Database, project: Project) -> Option<String> {
    let variance = variance(db, project).as_ref()?;
    let late = variance.milestones_late(prog_db::plan_shape(db, project));
    let mut title = format!("vs baseline: finish {}", days_label(variance.finish_variance));
    if late > 0 {
        let _ = write!(title, ", {late} {} late", plural(late, "milestone"));
    }
    for (count, what) in [
        (variance.added.len(), "added"),
        (variance.removed.len(), "removed"),
    ] {
        if count > 0 {
            let _ = write!(title, ", {count} {} {what}", plural(count, "task"));
        }
    }
    Some(title)
}

/// The program hover's line: what the baseline is and where the finish stands.
pub(crate) fn program_line(variance: &Variance, md: &mut String) {
    let _ = writeln!(
        md,
        "{} of {}: finish {} · now {}\n",
        baseline_name(variance),
        variance.created,
        variance.baseline_finish,
        days_label(variance.finish_variance)
    );
}

fn baseline_name(variance: &Variance) -> String {
    match &variance.name {
        Some(name) => format!("baseline `{name}`"),
        None => "the baseline".to_string(),
    }
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

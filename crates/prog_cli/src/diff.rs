//! `prog diff`: what a change does to a plan, between two plans on disk or
//! two revisions in git.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use prog_db::{Database, Project, load_plan_with};
use prog_diff::Diff;
use prog_plan::Work;

use crate::git::Revision;
use crate::{exit_code, inputs};

#[derive(clap::Args)]
pub struct Args {
    /// OLD NEW (plan files or folders); with --git: REV [REV2] PLAN.
    #[arg(required = true, num_args = 2..=3, value_name = "ARGS")]
    args: Vec<PathBuf>,
    /// Compare PLAN at git revision REV with REV2, or with the working tree.
    #[arg(long)]
    git: bool,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// Exit 1 when the finish or a milestone moves later by more than N
    /// working days.
    #[arg(long, value_name = "N")]
    fail_on_slip: Option<f64>,
    /// Compare both versions with this baseline (a file, or `git:REV`)
    /// instead of the new plan's own `baseline`.
    #[arg(long, value_name = "FILE|git:REV")]
    baseline: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Text,
    Md,
    Json,
}

pub fn run(args: &Args) -> Result<u8, String> {
    let mut db = Database::default();
    let db = &mut db;
    let (old, new) = match (args.git, args.args.as_slice()) {
        (false, [old, new]) => (from_disk(db, old)?, from_disk(db, new)?),
        (true, [rev, plan]) => (from_git(db, rev, plan)?, from_disk(db, plan)?),
        (true, [rev, rev2, plan]) => (from_git(db, rev, plan)?, from_git(db, rev2, plan)?),
        _ => {
            return Err(
                "diff compares two plans: `prog diff OLD NEW` or `prog diff --git REV [REV2] PLAN`".into(),
            );
        }
    };
    let code = inputs::report_errors(db, old).max(inputs::report_errors(db, new));
    let (old_side, new_side) = (prog_ide::diff_side(db, old), prog_ide::diff_side(db, new));
    let mut diff = prog_diff::diff(&old_side, &new_side);
    if let Some(baseline) = crate::baseline::active(db, new, args.baseline.as_deref())? {
        diff.baseline = Some(prog_diff::against_baseline(&old_side, &new_side, &baseline));
        diff.earned_value = prog_diff::earned_value(&old_side, &new_side, Some(&baseline));
    }
    crate::emit(&match args.format {
        DiffFormat::Text => {
            use std::io::IsTerminal;
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            prog_report::diff::text(&diff, colour)
        }
        DiffFormat::Md => prog_report::diff::markdown(&diff),
        DiffFormat::Json => prog_report::diff::json(&diff),
    });
    match args.fail_on_slip {
        Some(limit) if limit.is_nan() || limit < 0.0 => Err(format!(
            "--fail-on-slip {limit}: give a number of working days, 0 or more"
        )),
        Some(limit) => Ok(code.max(slip_gate(&diff, limit))),
        None => Ok(code),
    }
}

/// `PROBLEMS` (and the reasons on stderr) when the finish or a milestone
/// moves later by more than `limit` working days.
fn slip_gate(diff: &Diff, limit: f64) -> u8 {
    let too_late = |w: Work| w.as_days() > limit;
    let mut late: Vec<String> = diff
        .milestones
        .iter()
        .filter(|m| too_late(m.moved.working_days.0))
        .map(|m| format!("`{}` moves {}d later", m.id, m.moved.working_days.0.days_text()))
        .collect();
    if too_late(diff.finish.working_days.0) {
        late.insert(
            0,
            format!(
                "the finish moves {}d later",
                diff.finish.working_days.0.days_text()
            ),
        );
    }
    if late.is_empty() {
        return 0;
    }
    eprintln!(
        "prog: more than --fail-on-slip {limit} working days: {}",
        late.join(", ")
    );
    exit_code::PROBLEMS
}

/// The plan in the file, or the one plan of the folder, at `path`.
fn from_disk(db: &mut Database, path: &Path) -> Result<Project, String> {
    if path.is_dir() {
        let plans = inputs::load_plans(db, &inputs::plan_paths(&[path.to_path_buf()])?)?;
        one_plan(db, &path.display().to_string(), plans)
    } else {
        inputs::load(db, path)
    }
}

/// The plan at `path` as it was at revision `rev`.
pub(crate) fn from_git(db: &mut Database, rev: &Path, path: &Path) -> Result<Project, String> {
    let rev = rev.to_string_lossy();
    let (revision, relative) = Revision::locate(&rev, path)?;
    let load = |db: &mut Database, root: &str| {
        load_plan_with(db, root, |file, kind| revision.read(file, kind)).map_err(|e| e.to_string())
    };
    if !revision.is_folder(&relative) {
        return load(db, &relative);
    }
    let mut plans = Vec::new();
    for file in revision.plan_files(&relative)? {
        plans.push(load(db, &file)?);
    }
    // Paths read from git are relative to the top, `.` and `..` resolved:
    // equal paths are the same file.
    let plans = prog_db::independent_plans(db, plans, str::to_string);
    one_plan(db, &format!("{rev}:{relative}"), plans)
}

/// The plan of a folder: it must hold exactly one (files that another
/// imports are part of it).
fn one_plan(db: &Database, folder: &str, plans: Vec<Project>) -> Result<Project, String> {
    match plans.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!("{folder}: no .prog plan in this folder")),
        many => {
            let names: Vec<&str> = many.iter().map(|p| p.root(db).path(db).as_str()).collect();
            Err(format!(
                "{folder}: holds {} plans ({}); name the one to compare",
                many.len(),
                names.join(", ")
            ))
        }
    }
}

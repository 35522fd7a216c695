//! Baselines on the command line: `prog baseline` takes one, and the
//! commands that compare (`schedule`, `status`, `report`) find the active
//! one: `--baseline FILE` or `--baseline git:REV`, else the program's
//! `baseline "FILE"` statement (relative to the plan file).

use std::hash::Hasher;
use std::path::{Path, PathBuf};

use prog_db::{Database, Project, load_plan_with, plan_files};
use prog_plan::ApprovalStatus;
use prog_plan::baseline::{Baseline, Capture};

use crate::git::Revision;

use crate::{exit_code, inputs};

#[derive(clap::Args)]
pub struct Args {
    pub plan: PathBuf,
    /// The baseline file to write.
    #[arg(short, long)]
    pub output: PathBuf,
    #[arg(long)]
    pub name: Option<String>,
    /// The approved change request this baseline follows from; refused
    /// unless that approval exists and is `approved`.
    #[arg(long)]
    pub approval: Option<String>,
}

/// `prog baseline`: freezes the plan's schedule into a baseline file.
pub fn run(args: &Args) -> Result<u8, String> {
    let mut db = Database::default();
    let (project, code) = inputs::load_reporting_errors(&mut db, &args.plan)?;
    if code != 0 {
        eprintln!("error: the plan has errors; a baseline is taken of a plan that checks clean");
        return Ok(exit_code::PROBLEMS);
    }
    let plan = &prog_db::resolved(&db, project).plan;
    if let Some(id) = &args.approval {
        let Some(approval) = plan.approvals.iter().find(|a| &a.id == id) else {
            eprintln!(
                "error: there is no approval `{id}` in the plan: a rebaseline needs an approved change request"
            );
            return Ok(exit_code::PROBLEMS);
        };
        if approval.status != ApprovalStatus::Approved {
            let status = approval.status.as_str();
            let title = approval
                .title
                .as_deref()
                .map(|t| format!(" ({})", t.escape_debug()))
                .unwrap_or_default();
            eprintln!("error: approval `{id}`{title} is {status}: a rebaseline needs it `approved`");
            return Ok(exit_code::PROBLEMS);
        }
    }
    let baseline = Baseline::capture(
        plan,
        prog_db::schedule(&db, project),
        prog_db::work_calendar(&db, project),
        Capture {
            name: args.name.as_deref(),
            created: prog_ide::today(),
            plan_hash: plan_hash(&db, project),
            approval: args.approval.as_deref(),
        },
    );
    std::fs::write(&args.output, baseline.to_json())
        .map_err(|e| format!("{}: {e}", args.output.display()))?;
    eprintln!(
        "baseline of {} tasks written to {} (finish {})",
        baseline.tasks.len(),
        args.output.display(),
        baseline.finish
    );
    Ok(0)
}

/// FNV-1a over every file of the plan, path and text, in plan order.
pub fn plan_hash(db: &Database, project: Project) -> String {
    let mut hasher = fnv::FnvHasher::default();
    for file in &plan_files(db, project).files {
        hasher.write(file.path(db).as_bytes());
        hasher.write(&[0]);
        hasher.write(file.text(db).as_bytes());
        hasher.write(&[0]);
    }
    format!("fnv1a:{:016x}", hasher.finish())
}

/// The active baseline of the plan, if any: `--baseline FILE` or
/// `--baseline git:REV`, else the one the program names. A `--baseline`
/// that cannot be used is an error of the command line (`Err`); a
/// program's `baseline` that cannot be used is the plan's diagnostic P117,
/// printed with the others, and the command goes on without one.
pub fn active(db: &Database, project: Project, flag: Option<&str>) -> Result<Option<Baseline>, String> {
    let Some(flag) = flag else {
        return Ok(prog_db::program_baseline(db, project)
            .as_ref()
            .and_then(|b| b.as_ref().ok())
            .cloned());
    };
    let program = &prog_db::resolved(db, project).plan.program.id;
    let baseline = match flag.strip_prefix("git:") {
        Some(rev) => at_revision(db, project, rev),
        None => read(Path::new(flag)),
    }
    .and_then(|baseline| match baseline.program == *program {
        true => Ok(baseline),
        false => Err(format!(
            "it is a baseline of program `{}`, not of `{program}`",
            baseline.program.escape_debug()
        )),
    });
    baseline
        .map(Some)
        .map_err(|why| format!("--baseline {flag}: {why}"))
}

/// The baseline the plan's files at git revision `rev` make, computed as
/// `prog baseline` would have then; the working tree is not touched.
fn at_revision(db: &Database, project: Project, rev: &str) -> Result<Baseline, String> {
    let root = Path::new(project.root(db).path(db));
    let (revision, relative) = Revision::locate(rev, root)?;
    let mut then = Database::default();
    let project = load_plan_with(&mut then, &relative, |file, kind| revision.read(file, kind))
        .map_err(|e| e.to_string())?;
    let name = format!("git:{rev}");
    Ok(Baseline::capture(
        &prog_db::resolved(&then, project).plan,
        prog_db::schedule(&then, project),
        prog_db::work_calendar(&then, project),
        Capture {
            name: Some(&name),
            created: prog_ide::today(),
            plan_hash: plan_hash(&then, project),
            approval: None,
        },
    ))
}

fn read(path: &Path) -> Result<Baseline, String> {
    let text = prog_db::read_text(path, prog_db::FileKind::Baseline)
        .map_err(|why| format!("{}: {why}", path.display()))?;
    Baseline::from_json(&text).map_err(|e| e.to_string())
}

//! `prog import`: an MS Project XML (MSPDI) file as a `.prog` plan, in
//! `prog fmt` layout, with what could not be kept listed on stderr; or,
//! with `--from`, an issue tracker's export as a plan fragment.

use std::io::BufReader;
use std::path::{Path, PathBuf};

use prog_db::Database;
use prog_plan::baseline::{Baseline, Capture};

use prog_interchange::mspdi;

use crate::exit_code;

#[derive(clap::Args)]
pub struct Args {
    /// The MSPDI file ("Save as XML" in MS Project), or with `--from` a
    /// tracker's export.
    file: PathBuf,
    /// The `.prog` file to write; standard output without it.
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    tracker: crate::sync::Tracker,
}

pub fn run(args: &Args) -> Result<u8, String> {
    if args.tracker.from.is_some() {
        return from_tracker(args);
    }
    if !args.tracker.map.is_empty() {
        return Err("--map reads a CSV: give --from csv with it".into());
    }
    // Read by the reader's rules (a regular `.xml` file within its
    // limit), streamed.
    let open = || {
        prog_db::open_file(&args.file, prog_db::FileKind::ProjectXml)
            .map(|(file, _)| BufReader::new(file))
            .map_err(|e| format!("{}: {e}", args.file.display()))
    };
    let source = match mspdi::read(open()?) {
        Ok(source) => source,
        Err(error) => {
            let (line, column) = mspdi::line_column(open()?, error.offset);
            eprintln!(
                "{}:{line}:{column}: error: {}",
                args.file.display(),
                error.message
            );
            return Ok(exit_code::PROBLEMS);
        }
    };
    // A baseline goes beside the plan: OUT.prog's is OUT.baseline.json.
    let baseline_path = args
        .output
        .as_ref()
        .map(|out| out.with_extension("baseline.json"));
    let baseline_name = baseline_path
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let imported = mspdi::to_prog(&source, baseline_name.as_deref());
    // The generated text is well formed; should the formatter refuse it
    // anyway, the text is still written as generated.
    let text = prog_ide::format(&imported.text).unwrap_or(imported.text);
    for line in imported.losses.lines() {
        eprintln!("prog import: not kept: {line}");
    }
    crate::export::write_output(args.output.as_deref(), &text)?;
    if let (Some(out), Some(path)) = (&args.output, &baseline_path)
        && !imported.baseline.is_empty()
    {
        write_baseline(out, path, &imported.baseline)?;
    }
    Ok(0)
}

/// A tracker's issues as a plan fragment: groups from epics, parents and
/// milestones, a task per issue, a person per assignee.
fn from_tracker(args: &Args) -> Result<u8, String> {
    let issues = match args.tracker.read(&args.file)? {
        Ok(issues) => issues,
        Err(code) => return Ok(code),
    };
    let all: Vec<&prog_sync::Issue> = issues.iter().collect();
    let fragment = prog_sync::fragment::fragment(&all, &[]);
    let text = prog_ide::format(&fragment.text).unwrap_or(fragment.text);
    for note in &fragment.notes {
        eprintln!("prog import: {}", prog_report::escape::terminal(note));
    }
    crate::export::write_output(args.output.as_deref(), &text)?;
    Ok(0)
}

/// Writes the source's Baseline 0 as a `prog baseline` file of the plan
/// just written at `plan`.
fn write_baseline(
    plan: &Path,
    path: &Path,
    dates: &[(String, chrono::NaiveDateTime, chrono::NaiveDateTime)],
) -> Result<(), String> {
    let mut db = Database::default();
    let project = crate::inputs::load(&mut db, plan)?;
    let cal = prog_db::work_calendar(&db, project);
    let captured = Baseline::capture(
        &prog_db::resolved(&db, project).plan,
        prog_db::schedule(&db, project),
        cal,
        Capture {
            name: Some("MS Project baseline"),
            created: prog_ide::today(),
            plan_hash: crate::baseline::plan_hash(&db, project),
            approval: None,
        },
    );
    let baseline = mspdi::with_baseline_dates(captured, cal, dates);
    std::fs::write(path, baseline.to_json()).map_err(|e| format!("{}: {e}", path.display()))
}

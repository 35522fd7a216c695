//! `prog export`: a plan in another tool's format: MS Project's XML
//! (MSPDI) or an iCalendar file of milestones, deadlines and one owner's
//! tasks.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use prog_db::Database;
use prog_interchange::{ics, mspdi};

use crate::inputs;

#[derive(clap::Args)]
pub struct Args {
    plan: PathBuf,
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// With `--format ics`: also the tasks of this person or team.
    #[arg(long)]
    owner: Option<String>,
    /// The file to write; standard output without it.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// MS Project's XML (MSPDI).
    Mspdi,
    /// iCalendar (RFC 5545).
    Ics,
}

/// Errors in the plan go to stderr and what could be understood is still
/// exported (exit status 1), as with `prog report`.
pub fn run(args: &Args) -> Result<u8, String> {
    let mut db = Database::once();
    let (project, code) = inputs::load_reporting_errors(&mut db, &args.plan)?;
    let plan = &prog_db::resolved(&db, project).plan;
    let schedule = prog_db::schedule(&db, project);
    let calendar = prog_db::work_calendar(&db, project);
    let text = match args.format {
        ExportFormat::Mspdi => {
            if args.owner.is_some() {
                return Err("--owner goes with --format ics".into());
            }
            let baseline = crate::baseline::active(&db, project, None)?;
            mspdi::write(&mspdi::Export {
                plan,
                schedule,
                calendar,
                baseline: baseline.as_ref(),
                notes: &notes(&db, project),
            })
        }
        ExportFormat::Ics => {
            let owner = match &args.owner {
                Some(id) => Some(
                    plan.resources
                        .iter()
                        .position(|r| r.id == id)
                        .map(|i| prog_plan::ResourceId(i as u32))
                        .ok_or_else(|| format!("--owner {id}: no person or team has this id"))?,
                ),
                None => None,
            };
            // The file this export replaces, whose event numbers go on,
            // read by the rules of every other read (no FIFO, capped).
            let previous = args
                .output
                .as_deref()
                .and_then(|p| prog_db::read_text(p, prog_db::FileKind::Calendar).ok());
            ics::write(&ics::Events {
                plan,
                schedule,
                calendar,
                owner,
                stamp: now_utc(),
                previous: previous.as_deref(),
            })
        }
    };
    write_output(args.output.as_deref(), &text)?;
    Ok(code)
}

/// Each task's and resource's notes: the comment lines directly above its
/// declaration, where `prog import` writes MSPDI's notes.
fn notes(db: &Database, project: prog_db::Project) -> mspdi::Notes {
    let files = &prog_db::plan_files(db, project).files;
    let source_map = &prog_db::resolved(db, project).source_map;
    let above = |site: &prog_sema::DeclSite| {
        let text = files.get(site.decl.file.0 as usize)?.text(db);
        comments_above(text, site.decl.span.start())
    };
    mspdi::Notes {
        tasks: source_map.tasks.iter().map(above).collect(),
        resources: source_map.resources.iter().map(above).collect(),
    }
}

/// The text of the `#` comment lines that end right above the line of
/// `offset`, without their `#` and one space; `None` if there are none.
fn comments_above(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    // An item that does not start its line has no line above of its own.
    if !before[line_start..].trim().is_empty() {
        return None;
    }
    let mut lines: Vec<&str> = before[..line_start]
        .lines()
        .rev()
        .map_while(|line| line.trim_start().strip_prefix('#'))
        .map(|comment| comment.strip_prefix(' ').unwrap_or(comment))
        .collect();
    lines.reverse();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The current time in UTC, for DTSTAMP.
fn now_utc() -> chrono::NaiveDateTime {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .naive_utc()
}

/// Writes `text` to `out`, or to stdout without one.
pub fn write_output(out: Option<&Path>, text: &str) -> Result<(), String> {
    match out {
        Some(file) => std::fs::write(file, text).map_err(|e| format!("{}: {e}", file.display())),
        None => {
            crate::emit(text);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::comments_above;

    #[test]
    fn the_comments_right_above_a_line_are_its_notes() {
        let text = "# not mine\n\n  # one\n  #two\n  task a {\n";
        let at = text.find("task").unwrap();
        assert_eq!(comments_above(text, at).as_deref(), Some("one\ntwo"));
        assert_eq!(comments_above(text, 0), None);
        let nested = "# the group's\ngroup g { task a {\n";
        assert_eq!(comments_above(nested, nested.find("task").unwrap()), None);
        assert_eq!(comments_above(text, text.find("# one").unwrap()), None);
        // An offset inside a character is no place: no notes, no panic.
        assert_eq!(comments_above("é", 1), None);
    }
}

//! `prog preview PLAN`: the plan's HTML report served on 127.0.0.1 (a free
//! port, printed), kept current in the browser by server-sent events.
//!
//! Alone it follows the plan's files on disk. With `--stdin` (for editor
//! plugins) each line of standard input is a JSON string holding the page for
//! the buffer's unsaved text, which the plugin gets from the language server
//! (`prog/preview`); the preview ends when standard input closes.

mod server;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use prog_db::{Database, plan_files};

use server::Live;

#[derive(clap::Args)]
pub struct Args {
    plan: PathBuf,
    /// Take each new page from standard input (a JSON string per line) and
    /// stop when it closes, instead of following the files on disk.
    #[arg(long)]
    stdin: bool,
}

/// How often the files of a plan previewed alone are looked at.
const POLL: Duration = Duration::from_millis(200);

pub fn run(args: &Args) -> Result<u8, String> {
    let (page, files) = render(&args.plan)?;
    // Taken before the address is printed: a change made as soon as the
    // page can be fetched is a change.
    let seen = stamp(&files);
    let live = Arc::new(Live::new(page));
    let server = server::start(live.clone()).map_err(|e| format!("cannot serve the preview: {e}"))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "Preview of {} at {}", args.plan.display(), server.url())
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())?;
    drop(out);
    if args.stdin {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            match serde_json::from_str::<String>(&line) {
                Ok(page) => live.publish(page),
                Err(e) => eprintln!("prog preview: not a JSON string on standard input: {e}"),
            }
        }
    } else {
        follow(&args.plan, files, seen, &live);
    }
    server.stop();
    Ok(0)
}

/// The report page of the plan at `path`, and the files it was read from:
/// its own, and those of the other programs whose milestones it waits for.
fn render(path: &Path) -> Result<(String, Vec<PathBuf>), String> {
    let mut db = Database::default();
    let project = crate::inputs::load(&mut db, path)?;
    let programs = prog_db::Programs::get(&db).plans(&db);
    let files: Vec<PathBuf> = std::iter::once(&project)
        .chain(programs.iter().filter(|p| **p != project))
        .flat_map(|p| plan_files(&db, *p).files.iter())
        .map(|f| PathBuf::from(f.path(&db)))
        .collect();
    Ok((prog_ide::preview_html(&db, project).clone(), files))
}

/// When each file was last modified, and its length.
type Stamps = Vec<Option<(SystemTime, u64)>>;

fn stamp(files: &[PathBuf]) -> Stamps {
    files
        .iter()
        .map(|f| {
            std::fs::metadata(f)
                .ok()
                .and_then(|m| Some((m.modified().ok()?, m.len())))
        })
        .collect()
}

/// Renders the plan again whenever one of its files changes from `seen`;
/// runs until the process is stopped.
fn follow(plan: &Path, mut files: Vec<PathBuf>, mut seen: Stamps, live: &Live) {
    loop {
        std::thread::sleep(POLL);
        let now = stamp(&files);
        if now == seen {
            continue;
        }
        seen = now;
        match render(plan) {
            Ok((page, read)) => {
                live.publish(page);
                if read != files {
                    files = read;
                    seen = stamp(&files);
                }
            }
            Err(e) => eprintln!("prog preview: {e}"),
        }
    }
}

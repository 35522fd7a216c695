//! A second core for the command-line tool's analysis. A database that
//! analyses once spends about a third of a large plan's analysis parsing
//! and lowering its chunks, which resolution takes one after another.
//! While one handle of the database runs the analysis, a second lowers
//! every other chunk, in the order resolution takes them and at most
//! [`AHEAD`] before it (so that few lowered declarations are alive at once,
//! see `once`); resolution lowers the others as it comes to them. Lowering
//! a chunk is a query: whichever handle comes to it first runs it, and the
//! other uses (or waits for) the result.
//!
//! The people's load, block by block, was shared the same way (the second
//! handle from the last block back) and took a few percent more off the
//! wall clock, but two threads' allocations raised the peak of a plan of
//! long spans by 5 to 11 MB (BENCHMARKS.md, session 18).

use std::sync::atomic::{AtomicBool, Ordering};

use crate::database::Database;
use crate::files::plan_files;
use crate::inputs::Project;
use crate::items::{file_chunks, lower_chunk};
use crate::once::AnalysedOnce;

/// How many lowered chunks (of about 32 items each) may wait for
/// resolution.
const AHEAD: usize = 16;

/// Runs `analysis` of `project` on `db` with a second handle helping (see
/// the module); just `analysis` where there is nothing to gain (a database
/// that keeps its lowerings, one core, or one chunk). The database is not written to
/// meanwhile, which `&` ensures.
pub fn analyse_with_helper<'db, R>(
    db: &'db Database,
    project: Project,
    analysis: impl FnOnce(&'db Database) -> R,
) -> R {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let Some(once) = AnalysedOnce::try_get(db).filter(|_| cores > 1) else {
        return analysis(db);
    };
    // The helper lowers the second chunk on: a plan of one has no work
    // for a thread (the chunks are the analysis's first step anyway).
    let files = &plan_files(db, project).files;
    if files
        .iter()
        .map(|&file| file_chunks(db, file).len())
        .sum::<usize>()
        < 2
    {
        return analysis(db);
    }
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let helper = db.clone();
        let stop = &stop;
        // Set however the analysis ends, a panic included: the scope waits
        // for the helper, which waits for room until stopped.
        let _stop = Stop(stop);
        scope.spawn(move || help(&helper, project, once, stop));
        analysis(db)
    })
}

fn help(db: &Database, project: Project, once: AnalysedOnce, stop: &AtomicBool) {
    let files = &plan_files(db, project).files;
    let chunks = files.iter().flat_map(|&file| file_chunks(db, file));
    for at in chunks.skip(1).step_by(2) {
        if !once.wait_for_room(db, AHEAD, stop) {
            return;
        }
        lower_chunk(db, at.chunk);
    }
}

struct Stop<'a>(&'a AtomicBool);

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Release);
    }
}

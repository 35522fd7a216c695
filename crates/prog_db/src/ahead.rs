//! Lowering ahead of resolution, on a second core. A database that analyses
//! once (the command-line tool's) spends about a third of a large plan's
//! analysis parsing and lowering its chunks, which resolution then takes
//! one after another. While one handle of the database runs the analysis,
//! a second lowers the chunks in the order resolution takes them, at most
//! [`AHEAD`] before it, so that few lowered declarations are alive at once
//! (see `once`). Lowering is a query of its own: whichever handle comes to
//! a chunk first lowers it, and the other uses (or waits for) that result.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::database::Database;
use crate::files::plan_files;
use crate::inputs::Project;
use crate::items::{file_chunks, lower_chunk};
use crate::once::AnalysedOnce;

/// How many lowered chunks (of about 16 items each) may wait for
/// resolution.
const AHEAD: usize = 32;

/// Runs `analysis` of `project` on `db` while a second handle lowers every
/// other chunk of the plan ahead of it (resolution lowers the rest as it
/// comes to them, so the two share the work); just `analysis` where there
/// is nothing to gain (a database that keeps its lowerings, or one core).
/// The database is not written to meanwhile, which `&` ensures.
pub fn lowering_ahead<'db, R>(
    db: &'db Database,
    project: Project,
    analysis: impl FnOnce(&'db Database) -> R,
) -> R {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let Some(once) = AnalysedOnce::try_get(db).filter(|_| cores > 1) else {
        return analysis(db);
    };
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let ahead = db.clone();
        let stop = &stop;
        // Set however the analysis ends, a panic included: the scope waits
        // for the second handle, which waits for room until stopped.
        let _stop = Stop(stop);
        scope.spawn(move || {
            let files = &plan_files(&ahead, project).files;
            let chunks = files.iter().flat_map(|&file| file_chunks(&ahead, file));
            for at in chunks.skip(1).step_by(2) {
                if !once.wait_for_room(&ahead, AHEAD, stop) {
                    return;
                }
                lower_chunk(&ahead, at.chunk);
            }
        });
        analysis(db)
    })
}

struct Stop<'a>(&'a AtomicBool);

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Release);
    }
}

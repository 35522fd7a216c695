//! A database that analyses each input once: the command-line tool's.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use prog_sema::{LoweredDecl, TaskValues};

/// Marks a database that analyses each input once (the command-line
/// tool), and holds what its resolution takes of each lowered chunk.
///
/// Then resolution puts the task values into its model itself, and
/// `plan_shape` is that model, not a copy of it. An editor's database
/// (the default, without this input) leaves them out, so that an edit to
/// a value resolves nothing again and copies the model instead. Either
/// way gives the same `plan_shape`: this chooses memory (one model, not
/// two) over the cost of such an edit. Analysing once, chunks share their
/// file's text too (see `chunk_text`), the schedule's network is not
/// kept, and the lowered declarations are freed once resolved: lowering
/// leaves them here, by chunk serial, and resolution takes them (a memo
/// would keep them, the largest part of an analysis, about 350 bytes a
/// task, for as long as the database lives).
#[salsa::input(singleton)]
pub(crate) struct AnalysedOnce {
    #[returns(ref)]
    left: Arc<Left>,
}

/// The lowered chunks left for resolution, by serial, and a signal each
/// time it takes one (for the helper, see `crate::helper`).
#[derive(Default)]
pub(crate) struct Left {
    lowered: Mutex<HashMap<u64, Lowered>>,
    taken: Condvar,
    /// Someone waits on `taken`: a take signals only then (a signal is a
    /// system call, and resolution takes every chunk).
    waiting: AtomicBool,
}

/// What resolution takes of a lowered chunk: its anchored declarations and
/// task values (see `items::LoweredChunk`).
pub(crate) struct Lowered {
    pub decls: Arc<Vec<LoweredDecl>>,
    pub task_values: Arc<[TaskValues]>,
}

impl AnalysedOnce {
    pub(crate) fn create(db: &dyn salsa::Database) {
        AnalysedOnce::new(db, Arc::default());
    }

    /// Leaves what resolution will take of the chunk `serial`.
    pub(crate) fn leave(self, db: &dyn salsa::Database, serial: u64, lowered: Lowered) {
        self.left(db).lock().insert(serial, lowered);
    }

    /// Takes what lowering left of the chunk `serial`, if an earlier
    /// resolution has not.
    pub(crate) fn take(self, db: &dyn salsa::Database, serial: u64) -> Option<Lowered> {
        let left = self.left(db);
        let taken = left.lock().remove(&serial);
        if left.waiting.swap(false, Ordering::AcqRel) {
            left.taken.notify_all();
        }
        taken
    }

    /// Waits until fewer than `most` lowered chunks are left, or `stop`;
    /// whether there is room (not stopped).
    pub(crate) fn wait_for_room(self, db: &dyn salsa::Database, most: usize, stop: &AtomicBool) -> bool {
        let left = self.left(db);
        let mut lowered = left.lock();
        while lowered.len() >= most && !stop.load(Ordering::Acquire) {
            left.waiting.store(true, Ordering::Release);
            // Timed, so that a stop set between a look and the wait is seen.
            lowered = left
                .taken
                .wait_timeout(lowered, Duration::from_millis(1))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        !stop.load(Ordering::Acquire)
    }
}

impl Left {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Lowered>> {
        self.lowered.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub(crate) fn analysed_once(db: &dyn salsa::Database) -> bool {
    AnalysedOnce::try_get(db).is_some()
}

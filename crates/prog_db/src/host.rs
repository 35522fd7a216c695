//! The writer and the readers of the database (see the crate docs).

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use salsa::Cancelled;

use crate::database::Database;

/// How many times the host was written to: shared by every snapshot (a
/// never-changing input), so that a long computation that runs no query
/// can notice an edit (see [`cancellation_check`]).
#[salsa::input(singleton)]
pub(crate) struct Writes {
    #[returns(ref)]
    count: Arc<AtomicU64>,
}

/// A check for long loops that call no query (a forecast's runs): called
/// on any thread, it unwinds with [`Cancelled`] once the host has been
/// written to since the check was made, as a query would.
pub fn cancellation_check(db: &dyn salsa::Database) -> impl Fn() + Send + Sync + use<> {
    let count = Writes::try_get(db).map(|writes| writes.count(db).clone());
    let start = count.as_ref().map(|c| c.load(Ordering::Acquire));
    move || {
        if let (Some(count), Some(start)) = (&count, start)
            && count.load(Ordering::Acquire) != start
        {
            std::panic::resume_unwind(Box::new(Cancelled::PendingWrite));
        }
    }
}

/// Owns the database that edits are applied to.
#[derive(Default)]
pub struct AnalysisHost {
    db: Database,
}

impl AnalysisHost {
    pub fn new(db: Database) -> AnalysisHost {
        AnalysisHost { db }
    }

    /// For edits. Salsa cancels every snapshot's running queries first and
    /// waits until all snapshots are dropped; the loops that run no query
    /// notice it through [`cancellation_check`].
    pub fn db_mut(&mut self) -> &mut Database {
        if let Some(writes) = Writes::try_get(&self.db) {
            writes.count(&self.db).fetch_add(1, Ordering::AcqRel);
        }
        &mut self.db
    }

    pub fn db(&self) -> &Database {
        &self.db
    }

    /// A read-only view for another thread.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot { db: self.db.clone() }
    }
}

/// A clone of the database for one reader; drop it as soon as it answered.
pub struct Snapshot {
    db: Database,
}

impl Snapshot {
    /// Runs `f` against the snapshot; `Err(Cancelled)` if an edit arrived
    /// meanwhile, in which case the caller retries or gives up.
    pub fn with<T>(&self, f: impl FnOnce(&Database) -> T) -> Result<T, Cancelled> {
        Cancelled::catch(AssertUnwindSafe(|| f(&self.db)))
    }
}

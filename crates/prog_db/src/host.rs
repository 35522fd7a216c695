//! The writer and the readers of the database (see the crate docs).

use std::panic::AssertUnwindSafe;
use std::sync::atomic::Ordering;

pub use salsa::Cancelled;

use crate::database::Database;
use crate::writes::Writes;

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

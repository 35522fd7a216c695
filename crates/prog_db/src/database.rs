use std::sync::{Arc, Mutex};

use crate::inputs::Unreadable;
use crate::items::{CutCache, Cuts};
use crate::once::AnalysedOnce;
use crate::programs::Programs;
use crate::writes::Writes;

/// What a recording database saw: executed (`true`) or validated.
type Log = Arc<Mutex<Vec<(bool, salsa::DatabaseKeyIndex)>>>;

/// The salsa database. Clone it for a snapshot (see the crate docs).
#[salsa::db]
#[derive(Clone)]
pub struct Database {
    storage: salsa::Storage<Self>,
    /// Queries that ran (`true`) or whose memo was validated (`false`),
    /// when recording (tests of incrementality).
    executed: Option<Log>,
}

#[salsa::db]
impl salsa::Database for Database {}

impl Default for Database {
    fn default() -> Database {
        Database::with_storage(salsa::Storage::default(), None)
    }
}

impl Database {
    fn with_storage(storage: salsa::Storage<Database>, executed: Option<Log>) -> Database {
        let db = Database { storage, executed };
        Cuts::new(&db, Arc::new(Mutex::new(CutCache::default())));
        Writes::new(&db, Arc::default());
        Unreadable::new(&db, Default::default());
        Programs::new(&db, Vec::new());
        db
    }

    /// A database for analysing each input once, as the command-line tool
    /// does: it keeps one model of a plan, not also a copy to put edited
    /// values in (see `once::AnalysedOnce`). Edits still analyse
    /// correctly, only a value's edit resolves again.
    pub fn once() -> Database {
        let db = Database::default();
        AnalysedOnce::create(&db);
        db
    }

    /// A database that records every query it executes and every memo it
    /// validates, for [`Database::take_executed`] and
    /// [`Database::take_validated`].
    pub fn recording() -> Database {
        let executed: Log = Arc::default();
        let log = executed.clone();
        let storage = salsa::Storage::new(Some(Box::new(move |event: salsa::Event| {
            let entry = match event.kind {
                salsa::EventKind::WillExecute { database_key } => (true, database_key),
                salsa::EventKind::DidValidateMemoizedValue { database_key } => (false, database_key),
                _ => return,
            };
            log.lock().unwrap_or_else(|e| e.into_inner()).push(entry);
        })));
        Database::with_storage(storage, Some(executed))
    }

    /// The names of the queries executed since the last call, in order.
    pub fn take_executed(&self) -> Vec<String> {
        self.take(true)
    }

    /// The names of the queries whose memo from an earlier revision was
    /// validated since the last call: what salsa verified without running
    /// it again.
    pub fn take_validated(&self) -> Vec<String> {
        self.take(false)
    }

    fn take(&self, executed: bool) -> Vec<String> {
        let Some(log) = &self.executed else {
            return Vec::new();
        };
        let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
        let (taken, kept) = std::mem::take(&mut *log)
            .into_iter()
            .partition::<Vec<_>, _>(|(ran, _)| *ran == executed);
        *log = kept;
        drop(log);
        taken
            .into_iter()
            .map(|(_, key)| salsa::Database::ingredient_debug_name(self, key.ingredient_index()).into_owned())
            .collect()
    }
}

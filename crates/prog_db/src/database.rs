use std::sync::{Arc, Mutex};

use crate::items::{CutCache, Cuts};

/// The salsa database. Clone it for a snapshot (see the crate docs).
#[salsa::db]
#[derive(Clone)]
pub struct Database {
    storage: salsa::Storage<Self>,
    /// Queries that ran, when recording (tests of incrementality).
    executed: Option<Arc<Mutex<Vec<salsa::DatabaseKeyIndex>>>>,
}

#[salsa::db]
impl salsa::Database for Database {}

impl Default for Database {
    fn default() -> Database {
        Database::with_storage(salsa::Storage::default(), None)
    }
}

impl Database {
    fn with_storage(
        storage: salsa::Storage<Database>,
        executed: Option<Arc<Mutex<Vec<salsa::DatabaseKeyIndex>>>>,
    ) -> Database {
        let db = Database { storage, executed };
        Cuts::new(&db, Arc::new(Mutex::new(CutCache::default())));
        db
    }

    /// A database that records every query it executes, for
    /// [`Database::take_executed`].
    pub fn recording() -> Database {
        let executed: Arc<Mutex<Vec<salsa::DatabaseKeyIndex>>> = Arc::default();
        let log = executed.clone();
        let storage = salsa::Storage::new(Some(Box::new(move |event: salsa::Event| {
            if let salsa::EventKind::WillExecute { database_key } = event.kind {
                log.lock().unwrap_or_else(|e| e.into_inner()).push(database_key);
            }
        })));
        Database::with_storage(storage, Some(executed))
    }

    /// The names of the queries executed since the last call, in order.
    pub fn take_executed(&self) -> Vec<String> {
        let Some(executed) = &self.executed else {
            return Vec::new();
        };
        let keys = std::mem::take(&mut *executed.lock().unwrap_or_else(|e| e.into_inner()));
        keys.into_iter()
            .map(|key| salsa::Database::ingredient_debug_name(self, key.ingredient_index()).into_owned())
            .collect()
    }
}

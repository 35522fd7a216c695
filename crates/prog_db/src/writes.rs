//! The count of the host's writes, which every snapshot shares, so that a
//! long computation that runs no query can notice an edit.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use salsa::Cancelled;

/// How many times the host was written to: shared by every snapshot (a
/// never-changing input), so that a long computation that runs no query
/// can notice an edit (see [`cancellation_check`]).
#[salsa::input(singleton)]
pub(crate) struct Writes {
    #[returns(ref)]
    pub(crate) count: Arc<AtomicU64>,
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

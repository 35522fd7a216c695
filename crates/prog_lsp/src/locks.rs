//! The server's one lock policy.
//!
//! - Every `Mutex` is taken through [`lock`], which recovers a poisoned
//!   lock: what a panicking holder left is still consistent (each holder
//!   either finishes its update or only removed entries), and a server
//!   that gave up on a lock for good would stop answering.
//! - A lock is held for bookkeeping only: never across an `.await`, a
//!   query on a snapshot (which a new edit cancels by unwinding) or a read
//!   from disk. Work that can be cancelled takes what it needs out of the
//!   shared state, works on it unlocked, and puts it back.
//! - The state lock is taken by the edit path (which applies an edit and
//!   runs the queries that find the plan's files) and, briefly, by readers
//!   to get a snapshot and what translating needs.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// `mutex`, locked, whether or not an earlier holder panicked.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::lock;

    #[test]
    fn a_poisoned_lock_is_taken_again() {
        let shared = Arc::new(Mutex::new(1));
        let poisoner = shared.clone();
        let _ = std::thread::spawn(move || {
            let _guard = poisoner.lock().unwrap();
            panic!("poison it");
        })
        .join();
        assert!(shared.is_poisoned());
        *lock(&shared) += 1;
        assert_eq!(*lock(&shared), 2);
    }
}

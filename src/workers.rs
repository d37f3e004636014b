//! The background threads, one file each: loading, searching, sorting and saving run off the
//! thread that reads keys and draws, at a lower priority, and answer with the model's
//! [`Report`]s.

pub mod loader;
pub mod saver;
pub mod searcher;
pub mod sorter;

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};

use crate::model::Report;

/// How a worker answers: the report, and whether anybody still listens (false ends it).
pub type Reply = dyn Fn(Report) -> bool + Send;

/// Makes the worker threads (loading, searching) yield to the thread that reads keys and
/// draws: on a machine with few cores a million-paper search must not delay the echo of the
/// next keystroke. Call before any work starts; errors only mean the default pool is used.
pub fn lower_workers_priority() {
    let _ = rayon::ThreadPoolBuilder::new()
        .start_handler(|_| crate::os::lower_this_thread())
        .build_global();
}

/// Starts a worker thread named `papertui-{name}` at the workers' lower priority.
pub fn spawn(name: &str, work: impl FnOnce() + Send + 'static) -> io::Result<JoinHandle<()>> {
    thread::Builder::new()
        .name(format!("papertui-{name}"))
        .spawn(move || {
            crate::os::lower_this_thread();
            work();
        })
}

/// The newest request for a worker: a newer one replaces one not taken yet, and marks the
/// work under way stale, so the worker never spends time on an answer nobody will see.
pub struct Latest<T> {
    shared: Arc<Shared<T>>,
}

struct Shared<T> {
    slot: Mutex<Slot<T>>,
    ready: Condvar,
    /// Set when a request arrives, cleared when the worker takes it: the running work's
    /// cancel flag.
    newer: AtomicBool,
}

struct Slot<T> {
    request: Option<T>,
    closed: bool,
}

impl<T> Clone for Latest<T> {
    fn clone(&self) -> Self {
        Latest {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<T> Default for Latest<T> {
    fn default() -> Self {
        Latest {
            shared: Arc::new(Shared {
                slot: Mutex::new(Slot {
                    request: None,
                    closed: false,
                }),
                ready: Condvar::new(),
                newer: AtomicBool::new(false),
            }),
        }
    }
}

impl<T> Latest<T> {
    /// Puts a request, replacing any not taken yet.
    pub fn put(&self, request: T) {
        let mut slot = self.slot();
        slot.request = Some(request);
        // Under the lock, as in `take`: a request put after the worker took the last one
        // always leaves the flag set.
        self.shared.newer.store(true, Ordering::Relaxed);
        drop(slot);
        self.shared.ready.notify_one();
    }

    /// Waits for the newest request; None once closed.
    pub fn take(&self) -> Option<T> {
        let mut slot = self.slot();
        loop {
            if slot.closed {
                return None;
            }
            if let Some(request) = slot.request.take() {
                self.shared.newer.store(false, Ordering::Relaxed);
                return Some(request);
            }
            slot = self
                .shared
                .ready
                .wait(slot)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// True once a request newer than the one taken last has arrived.
    pub fn stale(&self) -> &AtomicBool {
        &self.shared.newer
    }

    /// Ends the worker once it is idle: [`Latest::take`] answers None from now on.
    pub fn close(&self) {
        self.slot().closed = true;
        self.shared.newer.store(true, Ordering::Relaxed);
        self.shared.ready.notify_all();
    }

    fn slot(&self) -> MutexGuard<'_, Slot<T>> {
        self.shared
            .slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_request_replaces_one_not_taken_and_marks_the_taken_one_stale() {
        let latest = Latest::default();
        latest.put(1);
        latest.put(2);
        assert_eq!(latest.take(), Some(2));
        assert!(!latest.stale().load(Ordering::Relaxed));
        latest.put(3);
        assert!(latest.stale().load(Ordering::Relaxed));
        latest.close();
        assert_eq!(latest.take(), None, "closed: the worker ends");
    }
}

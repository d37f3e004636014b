//! Saves read marks on a background thread: after marking a million papers read, writing the
//! file takes a while, and the reader must not stop for it. Saves run one at a time, in the
//! order asked.

use std::io;
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

use crate::model::read_state::{ReadChanges, SaveFailed, SaveResult};
use crate::storage::ReadStore;

/// What a save reports: done, or the changes handed back with the reason.
pub type Done = dyn Fn(SaveResult) + Send;

pub struct Saver {
    jobs: Sender<ReadChanges>,
    thread: JoinHandle<()>,
}

impl Saver {
    pub fn spawn(store: ReadStore, done: Box<Done>) -> io::Result<Saver> {
        let (jobs, queue) = mpsc::channel::<ReadChanges>();
        let thread = thread::Builder::new()
            .name("papertui-save".into())
            .spawn(move || {
                for changes in queue {
                    done(save(&store, changes));
                }
            })?;
        Ok(Saver { jobs, thread })
    }

    /// Queues a save; hands the changes back if the save thread is gone.
    pub fn submit(&self, changes: ReadChanges) -> Result<(), Box<ReadChanges>> {
        self.jobs.send(changes).map_err(|unsent| Box::new(unsent.0))
    }

    /// Waits until every save asked for has run.
    pub fn finish(self) {
        drop(self.jobs);
        let _ = self.thread.join();
    }
}

/// Writes `changes` into the read marks file; on failure hands them back with the reason.
pub fn save(store: &ReadStore, changes: ReadChanges) -> SaveResult {
    let mut marks = changes.to_marks();
    store.save(&mut marks).map_err(|e| {
        Box::new(SaveFailed {
            why: e.to_string(),
            changes,
        })
    })
}

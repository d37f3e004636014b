//! Saves read marks on a background thread: after marking a million papers read, writing the
//! file takes a while, and the reader must not stop for it. Saves run one at a time, in the
//! order asked.

use std::io;
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;

use std::collections::HashMap;

use rayon::prelude::*;

use super::Reply;
use crate::marks::read::ReadMarks;
use crate::model::Report;
use crate::model::read_state::{ReadChanges, SaveFailed, SaveResult};
use crate::storage::ReadStore;

pub struct Saver {
    jobs: Sender<ReadChanges>,
    thread: JoinHandle<()>,
}

impl Saver {
    /// Starts the save thread. It replies [`Report::ReadSaved`] for every save, in order.
    pub fn spawn(store: ReadStore, reply: Box<Reply>) -> io::Result<Saver> {
        let (jobs, queue) = mpsc::channel::<ReadChanges>();
        let thread = super::spawn("save", move || {
            for changes in queue {
                reply(Report::ReadSaved(save(&store, changes)));
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
    let mut marks = marks_of(&changes);
    store.save(&mut marks).map_err(|e| {
        Box::new(SaveFailed {
            why: e.to_string(),
            changes,
        })
    })
}

/// The changes as read marks to merge into the file; the last change of a paper wins.
pub fn marks_of(changes: &ReadChanges) -> ReadMarks {
    let len = changes.library.len();
    let keys: Vec<Option<String>> = changes
        .changes
        .par_iter()
        .map(|&(paper, _)| {
            let paper = paper as usize;
            (paper < len).then(|| changes.library.get(paper).key())
        })
        .collect();
    let mut last: HashMap<&str, bool> = HashMap::with_capacity(keys.len());
    for (key, &(_, read)) in keys.iter().zip(&changes.changes) {
        if let Some(key) = key {
            last.insert(key, read);
        }
    }
    let (read, unread): (Vec<_>, Vec<_>) = last.into_iter().partition(|&(_, read)| read);
    let owned = |v: Vec<(&str, bool)>| v.into_iter().map(|(k, _)| k.to_string()).collect();
    ReadMarks::changes(owned(read), owned(unread))
}

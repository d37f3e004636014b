//! The background sorter: sorts the library in the chosen order off the UI thread, so a
//! million papers never hold up typing. Only the newest request is sorted.

use std::io;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crate::model::sorting::{self, SortRequest};

/// What the sorter reports: the request's generation and the sorted indices. Returns false
/// when nobody listens any more.
pub type Done = dyn Fn(u64, Vec<u32>) -> bool + Send;

/// A handle on the sort thread. Dropping it ends the thread once it is idle.
pub struct Sorter {
    requests: Sender<SortRequest>,
}

impl Sorter {
    pub fn spawn(done: Box<Done>) -> io::Result<Sorter> {
        let (requests, queue) = mpsc::channel();
        thread::Builder::new()
            .name("papertui-sort".into())
            .spawn(move || {
                crate::os::lower_this_thread();
                serve(&queue, &*done)
            })?;
        Ok(Sorter { requests })
    }

    pub fn submit(&self, request: SortRequest) {
        // A send fails only if the thread ended, and then nobody is waiting for the result.
        let _ = self.requests.send(request);
    }
}

fn serve(queue: &Receiver<SortRequest>, done: &Done) {
    while let Ok(mut request) = queue.recv() {
        // Requests that a newer one replaced are never sorted.
        while let Ok(newer) = queue.try_recv() {
            request = newer;
        }
        let indices = sorting::sorted(&request.library, request.order);
        if !done(request.generation, indices) {
            break;
        }
    }
}

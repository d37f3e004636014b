//! Loads the lists on a background thread and reports as papers arrive, so the reader opens
//! on the first papers of a large file while the rest is still being read.

use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::library::Library;
use crate::load::{self, Collected, Progress, Source};

/// How often, at most, a growing library is sent while loading.
const GROWTH_EVERY: Duration = Duration::from_millis(150);

pub enum LoadEvent {
    /// A bigger snapshot of the library, and how far loading has come.
    Grew(Library, Progress),
    /// All sources read.
    Finished(Collected),
}

/// Starts loading `sources` in order; events arrive on the receiver, `Finished` last.
pub fn spawn(sources: Vec<Source>) -> std::io::Result<Receiver<LoadEvent>> {
    let (tx, rx) = mpsc::channel();
    super::spawn("load", move || {
        let mut sent = None::<Instant>;
        let all = load::collect(&sources, None, &mut |library, progress| {
            // The first papers go at once; then growth is batched.
            if sent.is_none_or(|at| at.elapsed() >= GROWTH_EVERY) {
                sent = Some(Instant::now());
                let _ = tx.send(LoadEvent::Grew(library.clone(), progress));
            }
        });
        let _ = tx.send(LoadEvent::Finished(all));
    })?;
    Ok(rx)
}

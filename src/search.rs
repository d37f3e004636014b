//! The background searcher: ranks the newest query off the UI thread and reports back, so
//! typing never waits for ranking. Requests still queued behind a newer one are dropped.

use std::io;
use std::sync::mpsc::{self, Sender};
use std::thread;

use crate::model::SearchRequest;
use crate::model::engine;
use crate::model::filter::Query;

/// Ranks the request's library for its query, best first. What the searcher runs; tests call
/// it directly to search synchronously.
pub fn run(request: &SearchRequest) -> Vec<u32> {
    let never = std::sync::atomic::AtomicBool::new(false);
    let query = Query::parse(&request.query);
    engine::search(&request.library, &query, None, None, &never)
        .expect("a search nobody cancels finishes")
}

/// A handle on the search thread. Dropping it ends the thread once it is idle.
pub struct Searcher {
    requests: Sender<SearchRequest>,
}

impl Searcher {
    /// Starts the search thread. It calls `done(generation, hits)` with each result; when
    /// `done` returns false (nobody listens any more) the thread ends.
    pub fn spawn(done: impl Fn(u64, Vec<u32>) -> bool + Send + 'static) -> io::Result<Searcher> {
        let (requests, queue) = mpsc::channel::<SearchRequest>();
        thread::Builder::new()
            .name("papertui-search".into())
            .spawn(move || {
                while let Ok(mut request) = queue.recv() {
                    while let Ok(newer) = queue.try_recv() {
                        request = newer;
                    }
                    let hits = run(&request);
                    if !done(request.generation, hits) {
                        break;
                    }
                }
            })?;
        Ok(Searcher { requests })
    }

    pub fn submit(&self, request: SearchRequest) {
        // A send fails only if the thread ended, and then nobody is waiting for the result.
        let _ = self.requests.send(request);
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::load::{Source, load_all};

    #[test]
    fn the_newest_request_is_always_answered_and_answers_never_go_back_in_time() {
        let library = load_all(&[Source::Bundled]).unwrap().library;
        let (tx, rx) = mpsc::channel();
        let searcher =
            Searcher::spawn(move |generation, hits| tx.send((generation, hits)).is_ok()).unwrap();
        for (generation, query) in [(1, "g"), (2, "ga"), (3, "galore")] {
            searcher.submit(SearchRequest {
                generation,
                query: query.into(),
                library: library.clone(),
            });
        }
        let mut seen = Vec::new();
        loop {
            // A guard against a hang, not a timing assertion.
            let (generation, hits) = rx.recv_timeout(Duration::from_secs(60)).unwrap();
            seen.push(generation);
            if generation == 3 {
                assert!(library.get(hits[0] as usize).title().starts_with("GaLore"));
                break;
            }
        }
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    }
}

//! Loads the lists on a background thread and reports as papers arrive, so the reader opens
//! on the first papers of a large file, or of a list still being fetched, while the rest
//! comes. Lists to fetch are fetched here, page by page, each page loaded as it arrives.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::library::Library;
use crate::lists::{self, Fetching, List};
use crate::load::{self, Collected, Collector, Progress, Source};
use crate::model::Severity;
use crate::sources::{self, FetchProgress, Unsaved};

/// How often, at most, a growing library is sent while loading.
const GROWTH_EVERY: Duration = Duration::from_millis(150);

pub enum LoadEvent {
    /// A bigger snapshot of the library, and how far loading has come.
    Grew(Library, Progress),
    /// What a fetch is doing, for the header ("fetching hf:today · page 2"); None once done.
    Fetching(Option<String>),
    /// A copy from the cache stands in for the network: "offline · Daily Papers of …".
    Offline(String),
    /// What an empty fetched list means ("No Daily Papers on Saturday 2026-11-28").
    Empty(String),
    /// Something for the footer: a list that could not be fetched, a warning.
    Said(Severity, String),
    /// All lists read.
    Finished(Collected),
}

/// Starts loading `lists` in order, fetching those to fetch; events arrive on the receiver,
/// `Finished` last.
pub fn spawn(lists: Vec<List>, fetching: Arc<Fetching>) -> std::io::Result<Receiver<LoadEvent>> {
    let (tx, rx) = mpsc::channel();
    super::spawn("load", move || {
        // An earlier load (before a refresh or a day moved) may still be writing what it
        // fetched to the cache; this one reads it.
        sources::wait_for_cache_writes();
        let files: Vec<&Source> = lists
            .iter()
            .filter_map(|l| match l {
                List::File(source) => Some(source),
                List::Fetch(_) => None,
            })
            .collect();
        // Lists are named after their files or what they are, unless a format names them.
        let now = Timestamp::now();
        let names: Vec<String> = lists
            .iter()
            .map(|list| match list {
                List::File(source) => load::default_name(source),
                List::Fetch(source) => source.resolve(now).title(now),
            })
            .collect();
        let fallback = (!names.is_empty()).then(|| names.join(" + "));
        let total = if files.len() == lists.len() {
            files.iter().map(|s| s.size()).sum()
        } else {
            None
        };
        let mut collector = Collector::new(total, fallback);
        collector.leave_out(&fetching.leave_out);
        let mut sent = None::<Instant>;
        let mut grew = |library: &Library, progress: Progress| {
            // The first papers go at once; then growth is batched.
            if sent.is_none_or(|at| at.elapsed() >= GROWTH_EVERY) {
                sent = Some(Instant::now());
                let _ = tx.send(LoadEvent::Grew(library.clone(), progress));
            }
        };
        // Fetched pages are written to the cache once on screen (the fsyncs would delay them
        // by as much): a list's before the next list is fetched, the last list's once all
        // are loaded.
        let mut unsaved: Option<(&sources::Source, Unsaved)> = None;
        let save = |unsaved: Option<(&sources::Source, Unsaved)>| {
            let (source, pages) = unsaved?;
            let warning = pages.save()?;
            let said = format!("{source}: {warning}");
            tx.send(LoadEvent::Said(Severity::Warning, said)).ok()
        };
        for list in &lists {
            save(unsaved.take());
            match list {
                List::File(source) => collector.add(source, None, &mut grew),
                List::Fetch(source) => {
                    unsaved = Some(fetch_into(source, &fetching, &mut collector, &tx));
                }
            }
        }
        let all = collector.finish();
        let _ = tx.send(LoadEvent::Finished(all));
        save(unsaved);
    })?;
    Ok(rx)
}

/// Fetches one list, loading each page as it arrives and saying how far the fetch has come;
/// the pages still to write to the cache.
fn fetch_into<'a>(
    source: &'a sources::Source,
    fetching: &Fetching,
    collector: &mut Collector,
    tx: &Sender<LoadEvent>,
) -> (&'a sources::Source, Unsaved) {
    let now = Timestamp::now();
    let title = source.resolve(now).title(now);
    let say = |event| {
        let _ = tx.send(event);
    };
    say(LoadEvent::Fetching(Some(format!("fetching {source}"))));
    let before = collector.progress().papers;
    let outcome = lists::fetch_list(fetching, source, &mut |progress| match progress {
        FetchProgress::Requesting { page, .. } if page > 1 => {
            say(LoadEvent::Fetching(Some(format!(
                "fetching {source} · page {page}"
            ))));
        }
        FetchProgress::Requesting { .. } => {}
        FetchProgress::Page { bytes, .. } => {
            // A page goes on screen as soon as it is loaded, not batched like a file's
            // growth: the pages of a list are few, and the last would otherwise wait for
            // the cache to be written.
            collector.add(
                &Source::Bytes(title.clone(), bytes),
                None,
                &mut |library, progress| {
                    let _ = tx.send(LoadEvent::Grew(library.clone(), progress));
                },
            );
        }
        FetchProgress::Waiting { wait, why } => {
            let wait = crate::net::duration_words(wait);
            say(LoadEvent::Fetching(Some(format!(
                "{source}: waiting {wait} ({why})"
            ))));
        }
    });
    say(LoadEvent::Fetching(None));
    match outcome {
        Ok(mut outcome) => {
            for warning in outcome.warnings {
                say(LoadEvent::Said(
                    Severity::Warning,
                    format!("{source}: {warning}"),
                ));
            }
            if let Some(offline) = outcome.offline {
                say(LoadEvent::Offline(offline));
            }
            if let Some(empty) = outcome.empty {
                say(LoadEvent::Empty(empty));
            } else if collector.progress().papers == before {
                say(LoadEvent::Empty(source.resolve(now).empty_message(now)));
            }
            (source, std::mem::take(&mut outcome.unsaved))
        }
        Err(e) => {
            if collector.progress().papers == before {
                say(LoadEvent::Empty(format!("Nothing to show: {e}")));
            }
            say(LoadEvent::Said(Severity::Error, e.to_string()));
            (source, Unsaved::default())
        }
    }
}

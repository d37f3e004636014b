//! Fetching a source: page by page through the cache (fresh copies used without asking,
//! stale ones revalidated), politely (arXiv one request at a time, 3 s apart; waits a 429 or
//! 503 asks for, capped), within the source's time, falling back to a stale copy when the
//! network fails.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};

use super::error::{Failure, FetchError};
use super::{Settings, Source, arxiv, hf};
use crate::load::feed;
use crate::net::{Cache, Client, ClientSettings, Entry, NetError, Response, Validators};

/// What a fetch may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchOptions {
    /// Read the cache only (`--offline`).
    pub offline: bool,
    /// Ask the network even when the cached copy is fresh (`--refresh`); it is still
    /// revalidated, so an unchanged list costs a 304.
    pub refresh: bool,
    /// The time freshness is judged at and copies are stamped with.
    pub now: Timestamp,
}

impl FetchOptions {
    pub fn now() -> FetchOptions {
        FetchOptions {
            offline: false,
            refresh: false,
            now: Timestamp::now(),
        }
    }
}

/// Where a page's bytes came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Fetched now.
    Network,
    /// The cached copy, confirmed unchanged by a 304.
    Revalidated,
    /// The cached copy, fresh enough to use without asking.
    Cache,
    /// The cached copy, stale, used because the network failed or `--offline`.
    Stale,
}

/// One response of a source (a Hugging Face list comes in pages of 100).
#[derive(Debug, Clone)]
pub struct Page {
    pub url: String,
    pub bytes: Arc<[u8]>,
    /// When these bytes were fetched or last confirmed.
    pub fetched: Timestamp,
    pub origin: Origin,
}

/// Why a stale copy is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offline {
    /// `--offline`.
    Asked,
    /// The network failed thus.
    Failed(Failure),
}

/// A source's pages, ready for the loaders.
#[derive(Debug)]
pub struct Fetched {
    /// The source with today and yesterday made dates.
    pub source: Source,
    /// The name it was asked by (`hf:today`).
    pub name: String,
    pub pages: Vec<Page>,
    /// Set when a copy from the cache stands in for the network.
    pub offline: Option<Offline>,
    /// Things that went wrong but did not stop the fetch (a cache that could not be written).
    pub warnings: Vec<String>,
    /// The pages still to write to the cache ([`fetch_unsaved`]); empty after [`fetch`].
    pub unsaved: Unsaved,
}

/// Pages fetched (or revalidated) and not yet written to the cache. A durable write (temp
/// file, fsync, rename) takes milliseconds a page, so a reader writes them once the pages are
/// on screen. Until they are written or dropped they count in [`wait_for_cache_writes`], so
/// quitting at once does not lose them.
#[derive(Debug, Default)]
pub struct Unsaved {
    cache: Option<Cache>,
    entries: Vec<Entry>,
}

/// How many [`Unsaved`] still hold entries, and a signal when that falls.
static PENDING: (Mutex<usize>, Condvar) = (Mutex::new(0), Condvar::new());

fn pending() -> MutexGuard<'static, usize> {
    PENDING.0.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Unsaved {
    fn new(cache: Option<&Cache>, entries: Vec<Entry>) -> Unsaved {
        let Some(cache) = cache.filter(|_| !entries.is_empty()) else {
            return Unsaved::default();
        };
        *pending() += 1;
        Unsaved {
            cache: Some(cache.clone()),
            entries,
        }
    }

    /// Writes the pages to the cache; a warning for the footer when it would not take them.
    pub fn save(mut self) -> Option<String> {
        let cache = self.cache.clone()?;
        let failed = self.entries.iter().find_map(|entry| cache.put(entry).err());
        self.done();
        failed.map(|e| {
            let dir = cache.path().display();
            format!("could not keep a copy in the cache {dir}: {e}")
        })
    }

    fn done(&mut self) {
        if self.cache.take().is_some() {
            self.entries.clear();
            *pending() -= 1;
            PENDING.1.notify_all();
        }
    }
}

impl Drop for Unsaved {
    fn drop(&mut self) {
        self.done();
    }
}

/// How long, at most, [`wait_for_cache_writes`] waits: a disk that takes longer loses a copy
/// that can be fetched again, rather than holding up the user.
const CACHE_PATIENCE: Duration = Duration::from_secs(5);

/// Waits for the pages fetched but not yet written to the cache to be written (or given
/// up): before the process ends, and before a new fetch reads the cache.
pub fn wait_for_cache_writes() {
    let count = pending();
    let _ = PENDING
        .1
        .wait_timeout_while(count, CACHE_PATIENCE, |n| *n > 0)
        .unwrap_or_else(PoisonError::into_inner);
}

/// What a fetch reports while it works, for a header ("fetching hf:today · page 2").
#[derive(Debug, Clone)]
pub enum FetchProgress {
    /// A request for page `page` (from 1) is going out.
    Requesting { page: usize, url: String },
    /// Page `page` (from 1) is here: papers can be shown before the next arrives.
    Page {
        page: usize,
        bytes: Arc<[u8]>,
        origin: Origin,
    },
    /// Waiting before asking again, and why.
    Waiting { wait: Duration, why: String },
}

/// The client, the cache and the settings: everything a fetch needs; `Send + Sync`, so one
/// can serve a worker thread.
#[derive(Debug, Clone)]
pub struct Fetcher {
    client: Client,
    cache: Option<Cache>,
    settings: Settings,
}

impl Fetcher {
    pub fn new(
        settings: Settings,
        client: ClientSettings,
        cache: Option<Cache>,
    ) -> Result<Fetcher, NetError> {
        Ok(Fetcher {
            client: Client::new(client)?,
            cache,
            settings,
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn cache(&self) -> Option<&Cache> {
        self.cache.as_ref()
    }
}

impl Fetched {
    /// When the oldest page was fetched or confirmed.
    pub fn fetched(&self) -> Option<Timestamp> {
        self.pages.iter().map(|p| p.fetched).min()
    }

    /// True when no page's bytes came over the network now.
    pub fn from_cache(&self) -> bool {
        self.pages.iter().all(|p| p.origin != Origin::Network)
    }

    /// The pages as sources for the loaders, named after the source.
    pub fn load_sources(&self) -> Vec<crate::load::Source> {
        let several = self.pages.len() > 1;
        self.pages
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let name = if several {
                    format!("{} page {}", self.name, i + 1)
                } else {
                    self.name.clone()
                };
                crate::load::Source::Bytes(name, p.bytes.clone())
            })
            .collect()
    }

    /// For the header and footer when a stale copy stands in:
    /// "offline · Daily Papers · Mon 30 Nov 2026, fetched 3 h ago".
    pub fn notice(&self, now: Timestamp) -> Option<String> {
        self.offline.as_ref()?;
        let ago = self
            .fetched()
            .map(|t| format!(", fetched {} ago", ago_words(now.duration_since(t))))
            .unwrap_or_default();
        Some(format!("offline · {}{ago}", self.source.title(now)))
    }
}

fn ago_words(d: SignedDuration) -> String {
    let secs = d.as_secs().max(0);
    match secs {
        s if s < 120 => format!("{s} s"),
        s if s < 2 * 3600 => format!("{} min", s / 60),
        s if s < 2 * 86400 => format!("{} h", s / 3600),
        s => format!("{} days", s / 86400),
    }
}

/// One request at a time to arXiv, `arxiv_interval` apart, across all threads: the time the
/// last one ended.
static ARXIV_GATE: Mutex<Option<Instant>> = Mutex::new(None);

/// Fetches `source`: its pages from the cache or the network, reporting each as it comes,
/// and writes what it fetched to the cache. Gives up within the settings' budget. A stale
/// cached copy stands in when the network fails (and says so in [`Fetched::offline`]).
pub fn fetch(
    source: &Source,
    fetcher: &Fetcher,
    options: &FetchOptions,
    progress: &mut dyn FnMut(FetchProgress),
) -> Result<Fetched, FetchError> {
    let mut fetched = fetch_unsaved(source, fetcher, options, progress)?;
    let unsaved = std::mem::take(&mut fetched.unsaved);
    fetched.warnings.extend(unsaved.save());
    Ok(fetched)
}

/// [`fetch`], leaving the pages to write to the cache in [`Fetched::unsaved`], for a caller
/// that shows them first.
pub fn fetch_unsaved(
    source: &Source,
    fetcher: &Fetcher,
    options: &FetchOptions,
    progress: &mut dyn FnMut(FetchProgress),
) -> Result<Fetched, FetchError> {
    let name = source.to_string();
    let now = options.now;
    let resolved = source.resolve(now);
    let settings = &fetcher.settings;
    let mut run = Run {
        fetcher,
        options,
        deadline: Instant::now() + settings.budget,
        arxiv: source.is_arxiv(),
        progress,
        offline: None,
        warnings: Vec::new(),
        pages: Vec::new(),
        unsaved: Vec::new(),
    };
    let result = match &resolved {
        Source::Hf(list) => {
            let fresh = list.fresh_for(now);
            let mut outcome = Ok(());
            for p in 0..settings.hf_max_pages.max(1) {
                let url = list.url(&settings.huggingface, p, now);
                match run.page(&url, &|t| t.saturating_add(fresh).unwrap_or(t), &json_items) {
                    Ok(n) if n >= hf::PAGE_LIMIT => {}
                    Ok(_) => break,
                    Err(e) => {
                        outcome = Err(e);
                        break;
                    }
                }
            }
            outcome
        }
        Source::ArxivNew(cats) => run
            .page(
                &arxiv::rss_url(&settings.arxiv_rss, cats),
                &arxiv::next_announcement,
                &any_items,
            )
            .map(drop),
        Source::ArxivSearch(query) => {
            let (mut start, mut outcome) = (0, Ok(()));
            while start < settings.arxiv_max_results {
                let n = settings
                    .arxiv_page_size
                    .clamp(1, settings.arxiv_max_results - start);
                let url = arxiv::api_url(&settings.arxiv_api, query, start, n);
                match run.page(&url, &arxiv::next_announcement, &feed_items) {
                    Ok(got) if got >= n => start += n,
                    Ok(_) => break,
                    Err(e) => {
                        outcome = Err(e);
                        break;
                    }
                }
            }
            outcome
        }
        Source::Url(url) => run
            .page(
                url,
                &|t| t.saturating_add(SignedDuration::from_hours(1)).unwrap_or(t),
                &any_items,
            )
            .map(drop),
    };
    let unsaved = Unsaved::new(fetcher.cache.as_ref(), std::mem::take(&mut run.unsaved));
    // A failure after some pages keeps them: a partial list beats none, and says why.
    match result {
        Err(failure) if run.pages.is_empty() => Err(FetchError::new(&name, failure)),
        other => {
            if let Err(failure) = other {
                let error = FetchError::new(&name, failure);
                run.warnings.push(format!("only the first pages: {error}"));
            }
            Ok(Fetched {
                source: resolved,
                name,
                pages: run.pages,
                offline: run.offline,
                warnings: run.warnings,
                unsaved,
            })
        }
    }
}

/// Counts a Hugging Face page's items (a JSON array); a web page is refused.
fn json_items(bytes: &[u8]) -> Result<usize, Failure> {
    refuse_web_page(bytes)?;
    Ok(serde_json::from_slice::<Vec<serde::de::IgnoredAny>>(bytes).map_or(0, |v| v.len()))
}

/// Counts an arXiv API page's entries; an `Error` entry is the query's error.
fn feed_items(bytes: &[u8]) -> Result<usize, Failure> {
    refuse_web_page(bytes)?;
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(0);
    };
    let Ok(read) = feed::read(text, "") else {
        return Ok(0);
    };
    match feed::arxiv_error(&read) {
        Some(message) => Err(Failure::Arxiv(message)),
        None => Ok(read.items.len()),
    }
}

fn any_items(bytes: &[u8]) -> Result<usize, Failure> {
    refuse_web_page(bytes).map(|()| 1)
}

fn refuse_web_page(bytes: &[u8]) -> Result<(), Failure> {
    if feed::is_web_page(bytes) {
        return Err(Failure::Net(NetError::HtmlPage { url: String::new() }));
    }
    Ok(())
}

/// One fetch under way.
struct Run<'a> {
    fetcher: &'a Fetcher,
    options: &'a FetchOptions,
    deadline: Instant,
    arxiv: bool,
    progress: &'a mut dyn FnMut(FetchProgress),
    offline: Option<Offline>,
    warnings: Vec<String>,
    pages: Vec<Page>,
    /// Entries to write to the cache once every page is here (and shown): a durable write
    /// (fsync) on the way would delay the next page by as much.
    unsaved: Vec<Entry>,
}

impl Run<'_> {
    /// Gets one page (from the cache when fresh), records it and returns its item count.
    fn page(
        &mut self,
        url: &str,
        fresh_until: &dyn Fn(Timestamp) -> Timestamp,
        items: &dyn Fn(&[u8]) -> Result<usize, Failure>,
    ) -> Result<usize, Failure> {
        let now = self.options.now;
        let cached = self.fetcher.cache.as_ref().and_then(|c| c.get(url));
        let fresh = cached
            .as_ref()
            .is_some_and(|e| now < fresh_until(e.fetched));
        if self.options.offline {
            let entry = cached.ok_or(Failure::NotCached)?;
            self.offline = Some(Offline::Asked);
            let origin = if fresh { Origin::Cache } else { Origin::Stale };
            return self.keep(entry, origin, items);
        }
        if let Some(entry) = cached.clone().filter(|_| fresh && !self.options.refresh) {
            return self.keep(entry, Origin::Cache, items);
        }
        let answer = self
            .request(url, cached.as_ref().map(|e| &e.validators))
            .and_then(|r| checked(r, url, items));
        match (answer, cached) {
            (Ok(r), Some(mut entry)) if r.not_modified() => {
                entry.fetched = now;
                if !r.validators.is_empty() {
                    entry.validators = r.validators;
                }
                self.store(&entry);
                self.keep(entry, Origin::Revalidated, items)
            }
            (Ok(r), _) if r.not_modified() => Err(Failure::Net(NetError::Protocol {
                host: crate::net::shown(url),
                why: "304 Not Modified to a request that had no copy to compare".into(),
            })),
            (Ok(r), _) => {
                let entry = Entry {
                    url: url.to_string(),
                    fetched: now,
                    validators: r.validators,
                    body: r.body,
                };
                self.store(&entry);
                self.keep(entry, Origin::Network, items)
            }
            (Err(failure @ (Failure::Arxiv(_) | Failure::Name(_))), _) | (Err(failure), None) => {
                Err(failure)
            }
            (Err(failure), Some(entry)) => {
                self.offline = Some(Offline::Failed(failure));
                self.keep(entry, Origin::Stale, items)
            }
        }
    }

    fn keep(
        &mut self,
        entry: Entry,
        origin: Origin,
        items: &dyn Fn(&[u8]) -> Result<usize, Failure>,
    ) -> Result<usize, Failure> {
        let count = items(&entry.body).unwrap_or(0);
        let bytes: Arc<[u8]> = entry.body.into();
        (self.progress)(FetchProgress::Page {
            page: self.pages.len() + 1,
            bytes: bytes.clone(),
            origin,
        });
        self.pages.push(Page {
            url: entry.url,
            bytes,
            fetched: entry.fetched,
            origin,
        });
        Ok(count)
    }

    fn store(&mut self, entry: &Entry) {
        if self.fetcher.cache.is_some() {
            self.unsaved.push(entry.clone());
        }
    }

    /// One GET, politely: through the arXiv gate, waiting and retrying on 429 (and 503) as
    /// the service asks, within the source's deadline.
    fn request(&mut self, url: &str, validators: Option<&Validators>) -> Result<Response, Failure> {
        let settings = &self.fetcher.settings;
        let mut tries = 0u8;
        loop {
            let result = if self.arxiv {
                let mut last = ARXIV_GATE
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if let Some(ended) = *last {
                    let ready = ended + settings.arxiv_interval;
                    let until = ready.min(self.deadline);
                    std::thread::sleep(until.saturating_duration_since(Instant::now()));
                }
                let result = self.get(url, validators);
                *last = Some(Instant::now());
                result
            } else {
                self.get(url, validators)
            };
            let error = match result {
                Ok(r) => return Ok(r),
                Err(e) => e,
            };
            let status = error.status().unwrap_or(0);
            let retried =
                status == 429 || (status == 503 && (self.arxiv || error.retry_after().is_some()));
            if !retried {
                if matches!(error, NetError::TimedOut { .. }) && Instant::now() >= self.deadline {
                    return Err(Failure::OutOfTime {
                        budget: settings.budget,
                        last: error,
                    });
                }
                return Err(Failure::Net(error));
            }
            tries += 1;
            let asked = error.retry_after();
            let wait = asked.unwrap_or(settings.default_wait);
            if tries > settings.retries || wait > settings.wait_cap {
                return Err(Failure::RateLimited {
                    status,
                    asked: Some(wait).filter(|w| *w > settings.wait_cap).or(asked),
                    cap: settings.wait_cap,
                });
            }
            if Instant::now() + wait >= self.deadline {
                return Err(Failure::OutOfTime {
                    budget: settings.budget,
                    last: error,
                });
            }
            (self.progress)(FetchProgress::Waiting {
                wait,
                why: format!(
                    "the service asked papertui to slow down (HTTP {status}); waiting {} as it asks",
                    crate::net::duration_words(wait)
                ),
            });
            std::thread::sleep(wait);
        }
    }

    fn get(&mut self, url: &str, validators: Option<&Validators>) -> Result<Response, NetError> {
        (self.progress)(FetchProgress::Requesting {
            page: self.pages.len() + 1,
            url: url.to_string(),
        });
        self.fetcher
            .client
            .get(url, validators, Some(self.deadline))
    }
}

/// A 2xx whose body is a web page or an arXiv error is refused here, before it is cached.
fn checked(
    r: Response,
    url: &str,
    items: &dyn Fn(&[u8]) -> Result<usize, Failure>,
) -> Result<Response, Failure> {
    if r.not_modified() {
        return Ok(r);
    }
    match items(&r.body) {
        Err(Failure::Net(NetError::HtmlPage { .. })) => Err(Failure::Net(NetError::HtmlPage {
            url: crate::net::shown(url),
        })),
        Err(other) => Err(other),
        Ok(_) => Ok(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_as_words() {
        assert_eq!(ago_words(SignedDuration::from_secs(30)), "30 s");
        assert_eq!(ago_words(SignedDuration::from_mins(5)), "5 min");
        assert_eq!(ago_words(SignedDuration::from_hours(3)), "3 h");
        assert_eq!(ago_words(SignedDuration::from_hours(72)), "3 days");
    }

    #[test]
    fn the_fetcher_can_go_to_a_worker_thread() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Fetcher>();
        send_sync::<Fetched>();
        send_sync::<FetchError>();
        send_sync::<FetchProgress>();
    }
}

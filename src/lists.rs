//! What the reader and the commands open, in the order given: files, and lists fetched by
//! name (`hf:today`, `arxiv:cs.CL`, a URL). A fetched list becomes the loaders' sources once
//! its pages are here.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use jiff::Timestamp;

use crate::config::SourceUrls;
use crate::library::AnnounceType;
use crate::load;
use crate::net::{Cache, ClientSettings, NetError};
use crate::sources::{self, FetchError, FetchOptions, FetchProgress, Fetched, Fetcher, Unsaved};

/// One list to open.
#[derive(Debug, Clone)]
pub enum List {
    File(load::Source),
    Fetch(sources::Source),
}

impl List {
    /// A command-line argument or a config list: a source name or URL, else a file (`-` is
    /// standard input). A name that is not a source is refused with what would be right.
    pub fn from_arg(arg: &OsStr) -> Result<List, FetchError> {
        match arg.to_str() {
            Some(name) if sources::is_name(name) => sources::Source::parse(name).map(List::Fetch),
            _ => Ok(List::File(load::Source::from_arg(arg))),
        }
    }

    /// Every argument as a list; the first argument that is not one, refused.
    pub fn from_args(args: &[OsString]) -> Result<Vec<List>, FetchError> {
        args.iter().map(|a| List::from_arg(a)).collect()
    }
}

/// How lists are fetched this run: where from, the cache, and `--offline` / `--refresh`. The
/// client is made on first use, so a run that fetches nothing never builds one.
pub struct Fetching {
    settings: sources::Settings,
    /// What the config leaves out of arXiv announcements.
    pub leave_out: Vec<AnnounceType>,
    cache_dir: Option<PathBuf>,
    pub offline: bool,
    pub refresh: bool,
    fetcher: OnceLock<Result<Arc<Fetcher>, NetError>>,
}

impl Fetching {
    pub fn new(
        urls: &SourceUrls,
        cache_dir: Option<PathBuf>,
        offline: bool,
        refresh: bool,
    ) -> Fetching {
        let settings = sources::Settings {
            huggingface: urls.huggingface.clone(),
            arxiv_rss: urls.arxiv_rss.clone(),
            arxiv_api: urls.arxiv_api.clone(),
            arxiv_max_results: urls.arxiv_max_results,
            ..sources::Settings::default()
        };
        let mut leave_out = Vec::new();
        if !urls.cross_lists {
            leave_out.extend([AnnounceType::Cross, AnnounceType::ReplaceCross]);
        }
        if !urls.replacements {
            leave_out.extend([AnnounceType::Replace, AnnounceType::ReplaceCross]);
        }
        Fetching {
            settings,
            leave_out,
            cache_dir,
            offline,
            refresh,
            fetcher: OnceLock::new(),
        }
    }

    /// The same, asking the network even for fresh copies (a refresh key).
    pub fn refreshing(&self) -> Fetching {
        Fetching {
            settings: self.settings.clone(),
            leave_out: self.leave_out.clone(),
            cache_dir: self.cache_dir.clone(),
            offline: self.offline,
            refresh: true,
            fetcher: OnceLock::new(),
        }
    }

    /// Fetches `source` through the cache, reporting progress as it goes; what it fetched is
    /// left in [`Fetched::unsaved`] for the caller to write.
    pub fn fetch(
        &self,
        source: &sources::Source,
        progress: &mut dyn FnMut(FetchProgress),
    ) -> Result<Fetched, FetchError> {
        let fetcher = self
            .fetcher
            .get_or_init(|| {
                let cache = self.cache_dir.clone().map(Cache::new);
                Fetcher::new(self.settings.clone(), ClientSettings::default(), cache).map(Arc::new)
            })
            .as_ref()
            .map_err(|e| FetchError::new(&source.to_string(), sources::Failure::Net(e.clone())))?;
        let options = FetchOptions {
            offline: self.offline,
            refresh: self.refresh,
            now: Timestamp::now(),
        };
        sources::fetch_unsaved(source, fetcher, &options, progress)
    }
}

/// What fetching a list gave, in words for a footer or standard error.
pub(crate) struct Outcome {
    /// The pages, as the loaders' sources.
    pub sources: Vec<load::Source>,
    /// "offline · Daily Papers · Mon 30 Nov 2026, fetched 3 h ago", when a cached copy stands in.
    pub offline: Option<String>,
    /// What an empty answer means ("No Daily Papers on Saturday 2026-11-28").
    pub empty: Option<String>,
    pub warnings: Vec<String>,
    /// The pages to write to the cache: at once on the command line, once shown in the reader.
    pub unsaved: Unsaved,
}

impl Outcome {
    /// Writes the pages to the cache now, a failure among the warnings.
    pub(crate) fn save(&mut self) {
        let unsaved = std::mem::take(&mut self.unsaved);
        self.warnings.extend(unsaved.save());
    }
}

/// Fetches one list and says what it gave; the failure in words if nothing could be had.
pub(crate) fn fetch_list(
    fetching: &Fetching,
    source: &sources::Source,
    progress: &mut dyn FnMut(FetchProgress),
) -> Result<Outcome, FetchError> {
    let mut fetched = fetching.fetch(source, progress)?;
    let now = Timestamp::now();
    let title = fetched.source.title(now);
    let mut sources = fetched.load_sources();
    // The list is named for what it is, not for its URL.
    for s in &mut sources {
        if let load::Source::Bytes(name, _) = s {
            name.clone_from(&title);
        }
    }
    let empty = fetched
        .pages
        .iter()
        .all(|p| p.bytes.iter().all(u8::is_ascii_whitespace) || is_empty_answer(&p.bytes))
        .then(|| fetched.source.empty_message(now));
    Ok(Outcome {
        sources,
        offline: fetched.notice(now),
        empty,
        warnings: std::mem::take(&mut fetched.warnings),
        unsaved: std::mem::take(&mut fetched.unsaved),
    })
}

/// An empty JSON array, or a feed with no item or entry: a day without papers.
fn is_empty_answer(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let trimmed = text.trim();
    trimmed == "[]"
        || (trimmed.starts_with('<') && !trimmed.contains("<item") && !trimmed.contains("<entry"))
}

/// The lists a day (a week, a month) before or after: each dated list moved, the others kept.
/// None when no list moves (none is dated, or the next one would be in the future).
pub(crate) fn shifted(lists: &[List], forward: bool, now: Timestamp) -> Option<Vec<List>> {
    let mut moved = false;
    let lists = lists
        .iter()
        .map(|list| match list {
            List::Fetch(source) => {
                let next = if forward {
                    source.next(now)
                } else {
                    source.previous(now)
                };
                moved |= next.is_some();
                List::Fetch(next.unwrap_or_else(|| source.clone()))
            }
            file @ List::File(_) => file.clone(),
        })
        .collect();
    moved.then_some(lists)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_list_moves_a_day_and_files_stay() -> Result<(), Box<dyn std::error::Error>> {
        let now: Timestamp = "2026-11-30T12:00:00Z".parse()?;
        let lists = vec![
            List::from_arg(OsStr::new("hf:2026-11-30"))?,
            List::from_arg(OsStr::new("papers.json"))?,
        ];
        let back = shifted(&lists, false, now).ok_or("hf:DATE moves back")?;
        assert!(matches!(&back[0], List::Fetch(s) if s.to_string() == "hf:2026-11-29"));
        assert!(matches!(&back[1], List::File(_)));
        assert!(
            shifted(&lists, true, now).is_none(),
            "tomorrow is in the future"
        );
        let arxiv = vec![List::from_arg(OsStr::new("arxiv:cs.CL"))?];
        assert!(
            shifted(&arxiv, false, now).is_none(),
            "an announcement has no day to move"
        );
        Ok(())
    }
}

//! What a source name means (`hf:today`, `arxiv:cs.CL`, `arxiv-search:QUERY`, a URL), where it
//! is fetched from, when a cached copy is stale, and fetching it politely through the cache.

mod arxiv;
mod error;
mod fetch;
mod hf;

use std::fmt;
use std::time::Duration;

use jiff::Timestamp;

pub use arxiv::next_announcement;
pub use error::{Failure, FetchError};
pub use fetch::{
    FetchOptions, FetchProgress, Fetched, Fetcher, Offline, Origin, Page, Unsaved, fetch,
    fetch_unsaved, wait_for_cache_writes,
};
pub use hf::HfList;

/// A list papertui can fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Hugging Face Daily Papers.
    Hf(HfList),
    /// The current arXiv announcement of these categories.
    ArxivNew(Vec<String>),
    /// An arXiv API search, newest first.
    ArxivSearch(String),
    /// Any https URL (http to loopback) whose content is a format papertui reads.
    Url(String),
}

/// Where the services are and how politely to ask them. Tests shorten the waits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub huggingface: String,
    pub arxiv_rss: String,
    pub arxiv_api: String,
    /// The most results an `arxiv-search:` fetches.
    pub arxiv_max_results: usize,
    /// Results per API request.
    pub arxiv_page_size: usize,
    /// Between two requests to arXiv (it asks for 3 s).
    pub arxiv_interval: Duration,
    /// The most pages of one Hugging Face list.
    pub hf_max_pages: usize,
    /// The longest wait a 429 or 503 is granted; asked for more, papertui gives up and says so.
    pub wait_cap: Duration,
    /// The wait after a 429 or 503 that names none.
    pub default_wait: Duration,
    /// Tries after a 429 or 503.
    pub retries: u8,
    /// A source gives up after this long, waits and retries included.
    pub budget: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            huggingface: "https://huggingface.co".into(),
            arxiv_rss: "https://rss.arxiv.org".into(),
            arxiv_api: "https://export.arxiv.org".into(),
            arxiv_max_results: 200,
            arxiv_page_size: 100,
            arxiv_interval: Duration::from_secs(3),
            hf_max_pages: 20,
            wait_cap: Duration::from_secs(20),
            default_wait: Duration::from_secs(5),
            retries: 2,
            budget: Duration::from_secs(30),
        }
    }
}

/// True when `arg` is meant as a source name or URL rather than a file.
pub fn is_name(arg: &str) -> bool {
    ["hf:", "arxiv:", "arxiv-search:", "https://", "http://"]
        .iter()
        .any(|p| arg.starts_with(p))
}

impl Source {
    /// Parses a source name; the error says what is wrong and what would be right.
    pub fn parse(name: &str) -> Result<Source, FetchError> {
        let refuse = |why: String| FetchError::new(name, Failure::Name(why));
        let name_t = name.trim();
        if let Some(rest) = name_t.strip_prefix("hf:") {
            return HfList::parse(rest).map(Source::Hf).map_err(refuse);
        }
        if let Some(rest) = name_t.strip_prefix("arxiv:") {
            return arxiv::parse_categories(rest)
                .map(Source::ArxivNew)
                .map_err(refuse);
        }
        if let Some(rest) = name_t.strip_prefix("arxiv-search:") {
            if rest.trim().is_empty() {
                return Err(refuse(
                    "no query; e.g. arxiv-search:cat:cs.CL AND ti:retrieval".into(),
                ));
            }
            return Ok(Source::ArxivSearch(rest.trim().to_string()));
        }
        if name_t.contains("://") {
            return crate::net::Address::parse(name_t)
                .map(|_| Source::Url(name_t.to_string()))
                .map_err(|e| FetchError::new(name, Failure::Net(e)));
        }
        Err(refuse(
            "not a source: use hf:..., arxiv:CATEGORY, arxiv-search:QUERY or an https:// URL"
                .into(),
        ))
    }

    /// `hf:today` made `hf:2026-11-30` (and yesterday likewise) from `now`; others unchanged.
    pub fn resolve(&self, now: Timestamp) -> Source {
        match self {
            Source::Hf(list) => Source::Hf(list.resolve(now)),
            other => other.clone(),
        }
    }

    /// The list before this one (`[`): a day, a week or a month back.
    pub fn previous(&self, now: Timestamp) -> Option<Source> {
        match self {
            Source::Hf(list) => list.previous(now).map(Source::Hf),
            _ => None,
        }
    }

    /// The list after this one (`]`), unless it is in the future.
    pub fn next(&self, now: Timestamp) -> Option<Source> {
        match self {
            Source::Hf(list) => list.next(now).map(Source::Hf),
            _ => None,
        }
    }

    /// What an empty answer means, for the list pane: "No Daily Papers on Saturday 2026-11-28".
    pub fn empty_message(&self, now: Timestamp) -> String {
        match self {
            Source::Hf(list) => list.empty_message(now),
            Source::ArxivNew(cats) => arxiv::empty_announcement(cats, now),
            Source::ArxivSearch(q) => format!("arXiv found no papers for {}", crate::net::shown(q)),
            Source::Url(url) => format!("{} holds no papers", crate::net::shown(url)),
        }
    }

    /// What the list is, for a header: "Daily Papers · Mon 30 Nov 2026", "arXiv cs.CL".
    pub fn title(&self, now: Timestamp) -> String {
        match self {
            Source::Hf(list) => list.title(now),
            Source::ArxivNew(cats) => format!("arXiv {}", cats.join("+")),
            Source::ArxivSearch(q) => format!("arXiv search {}", crate::net::shown(q)),
            Source::Url(url) => crate::net::shown(url),
        }
    }

    /// True for arXiv, which asks for one request at a time, 3 s apart.
    fn is_arxiv(&self) -> bool {
        matches!(self, Source::ArxivNew(_) | Source::ArxivSearch(_))
    }
}

impl std::str::FromStr for Source {
    type Err = FetchError;

    fn from_str(name: &str) -> Result<Source, FetchError> {
        Source::parse(name)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Hf(list) => list.fmt(f),
            Source::ArxivNew(cats) => write!(f, "arxiv:{}", cats.join("+")),
            Source::ArxivSearch(q) => write!(f, "arxiv-search:{}", crate::net::shown(q)),
            Source::Url(url) => f.write_str(&crate::net::shown(url)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_into_sources() -> Result<(), FetchError> {
        assert!(matches!(
            Source::parse("hf:today")?,
            Source::Hf(HfList::Today)
        ));
        assert_eq!(
            Source::parse("arxiv:cs.CL+cs.LG")?,
            Source::ArxivNew(vec!["cs.CL".into(), "cs.LG".into()])
        );
        assert_eq!(
            Source::parse("arxiv-search:ti:retrieval")?,
            Source::ArxivSearch("ti:retrieval".into())
        );
        assert!(matches!(
            Source::parse("https://example.org/feed.xml")?,
            Source::Url(_)
        ));
        assert!(matches!(
            Source::parse("http://127.0.0.1:8000/f.xml")?,
            Source::Url(_)
        ));
        Ok(())
    }

    #[test]
    fn a_date_that_is_not_a_date_is_refused_clearly() {
        let err = Source::parse("hf:2026-13-01").unwrap_err().to_string();
        assert_eq!(
            err,
            "hf:2026-13-01: not a date: there is no month 13 (months are 01 to 12)"
        );
        let err = Source::parse("http://example.org/feed")
            .unwrap_err()
            .to_string();
        assert!(err.contains("use https://"), "{err}");
    }

    #[test]
    fn only_names_and_urls_are_names() {
        assert!(is_name("hf:today") && is_name("https://x.org/f") && is_name("arxiv:cs.CL"));
        assert!(!is_name("papers.json") && !is_name("-"));
    }
}

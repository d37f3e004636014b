//! The bookmarks: what the user keeps, the file format that holds them, and how this
//! instance's own changes merge into what another instance (or a hand edit) wrote meanwhile.
//! Pure: storage reads and writes the bytes.
//!
//! The file (`bookmarks.json`) is pretty JSON, entries sorted by key, so it diffs well. Each
//! entry keeps what is needed to read the paper later without the list it came from, in the
//! field names of papertui's paper format (so `bookmarks --format json` loads as a list):
//!
//! ```json
//! {
//!   "version": 2,
//!   "bookmarks": [
//!     {
//!       "key": "arxiv:2403.03507",
//!       "id": "2403.03507",
//!       "title": "GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection",
//!       "abstract": "Training Large Language Models (LLMs) presents significant memory...",
//!       "authors": ["Jiawei Zhao", "Zhenyu Zhang"],
//!       "published": "2024-03-06",
//!       "upvotes": 187,
//!       "categories": ["cs.LG"],
//!       "links": ["https://arxiv.org/abs/2403.03507"],
//!       "tags": ["cite", "to-read"],
//!       "note": "section 3 for the projection",
//!       "bookmarked_at": "2024-03-14T09:30:00Z"
//!     }
//!   ]
//! }
//! ```
//!
//! Only `version` and each entry's `key` are required, and an empty field is left out. Fields
//! papertui does not know, at the top or in an entry, are kept as they are. Version 1 files
//! (`arxiv_id` and one `link`, no abstract) are read and written back as version 2.

mod file;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde_json::Value;

use crate::library::PaperRef;
use crate::library::paper;

pub use crate::marks::file_version::{BOOKMARKS_VERSION as FORMAT_VERSION, ParseError};

/// One bookmarked paper, with enough to read it later without the list that held it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Bookmark {
    /// The paper's stable key (`arxiv:<id>` or `title:<words>`).
    pub key: String,
    #[serde(rename = "id", skip_serializing_if = "Option::is_none")]
    pub arxiv_id: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(rename = "abstract", skip_serializing_if = "String::is_empty")]
    pub abstract_text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upvotes: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// The user's words for it (`to-read`, `cite`), sorted, each once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When it was bookmarked, RFC 3339 in UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bookmarked_at: Option<String>,
    /// Fields this papertui does not know (a later version's, a hand-written one), kept so a
    /// save never drops what someone else wrote.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl Bookmark {
    /// A bookmark of a paper of a loaded list.
    pub fn of_paper(paper: &PaperRef<'_>, now: SystemTime) -> Bookmark {
        Bookmark {
            key: paper.key(),
            arxiv_id: paper.arxiv_id().map(str::to_string),
            title: paper.title().to_string(),
            abstract_text: paper.abstract_text().to_string(),
            authors: paper.authors().map(str::to_string).collect(),
            published: paper.published().map(str::to_string),
            upvotes: paper.upvotes(),
            categories: paper.categories().map(str::to_string).collect(),
            links: stored_links(paper),
            bookmarked_at: Some(rfc3339_utc(now)),
            ..Bookmark::default()
        }
    }

    /// A bookmark known only by its arXiv id (normalized, without version): no title yet.
    pub fn of_arxiv_id(id: &str, now: SystemTime) -> Bookmark {
        Bookmark {
            key: paper::paper_key(Some(id), ""),
            arxiv_id: Some(id.to_string()),
            links: vec![paper::arxiv_url(id)],
            bookmarked_at: Some(rfc3339_utc(now)),
            ..Bookmark::default()
        }
    }

    /// The title, or the key for a bookmark that has none.
    pub fn display_title(&self) -> &str {
        if self.title.trim().is_empty() {
            &self.key
        } else {
            &self.title
        }
    }

    /// Fills the fields this bookmark lacks from `fuller` (the same paper as a list knows it);
    /// what it has (tags, note, when) is kept. True if anything changed.
    pub fn fill_from(&mut self, fuller: &Bookmark) -> bool {
        let before = self.clone();
        fn fill<T: Clone>(mine: &mut T, theirs: &T, empty: fn(&T) -> bool) {
            if empty(mine) && !empty(theirs) {
                *mine = theirs.clone();
            }
        }
        fill(&mut self.arxiv_id, &fuller.arxiv_id, Option::is_none);
        fill(&mut self.title, &fuller.title, |s| s.trim().is_empty());
        fill(
            &mut self.abstract_text,
            &fuller.abstract_text,
            String::is_empty,
        );
        fill(&mut self.authors, &fuller.authors, Vec::is_empty);
        fill(&mut self.published, &fuller.published, Option::is_none);
        fill(&mut self.upvotes, &fuller.upvotes, Option::is_none);
        fill(&mut self.categories, &fuller.categories, Vec::is_empty);
        for link in &fuller.links {
            if !self.links.contains(link) {
                self.links.push(link.clone());
            }
        }
        fill(
            &mut self.bookmarked_at,
            &fuller.bookmarked_at,
            Option::is_none,
        );
        *self != before
    }

    /// True if the bookmark carries `tag` (compared without case).
    pub fn has_tag(&self, tag: &str) -> bool {
        let tag = tag.trim_start_matches('#');
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

/// The arXiv page, then the links the list stored (code, project page, DOI); not the URLs of
/// the abstract, which are found again when it is read.
fn stored_links(paper: &PaperRef<'_>) -> Vec<String> {
    let mut links: Vec<String> = paper.arxiv_id().map(paper::arxiv_url).into_iter().collect();
    for link in paper.stored_links() {
        if !links.iter().any(|l| l == link) {
            links.push(link.to_string());
        }
    }
    links
}

/// A tag as it is kept: one word (spaces become `-`), no leading `#`, at most 40 characters,
/// no control characters; None if nothing is left.
pub fn clean_tag(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw
        .trim()
        .trim_start_matches('#')
        .split_whitespace()
        .collect();
    let tag: String = words
        .join("-")
        .chars()
        .filter(|c| !c.is_control() && *c != ',')
        .take(40)
        .collect();
    (!tag.is_empty()).then_some(tag)
}

/// All bookmarks, sorted by key, and the changes this instance made since it last saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmarks {
    /// The format version the file had when it was read; a save writes [`FORMAT_VERSION`].
    version: u64,
    entries: BTreeMap<String, Bookmark>,
    /// Top-level fields this papertui does not know, kept as found.
    extra: BTreeMap<String, Value>,
    /// Keys this instance bookmarked since the last save; the last action on a key wins, so a
    /// key is never in both sets.
    added: BTreeSet<String>,
    removed: BTreeSet<String>,
    /// Keys of bookmarks already saved whose fields this instance changed (tags, a note, what
    /// a list filled in); never in `removed`.
    updated: BTreeSet<String>,
}

impl Default for Bookmarks {
    fn default() -> Self {
        Bookmarks {
            version: FORMAT_VERSION,
            entries: BTreeMap::new(),
            extra: BTreeMap::new(),
            added: BTreeSet::new(),
            removed: BTreeSet::new(),
            updated: BTreeSet::new(),
        }
    }
}

impl Bookmarks {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    pub fn get(&self, key: &str) -> Option<&Bookmark> {
        self.entries.get(key)
    }

    /// The bookmarks in key order.
    pub fn iter(&self) -> impl Iterator<Item = &Bookmark> + '_ {
        self.entries.values()
    }

    /// The bookmarks, the most recently added first (those without a time last, by key).
    pub fn newest_first(&self) -> Vec<&Bookmark> {
        let mut all: Vec<&Bookmark> = self.entries.values().collect();
        // RFC 3339 in UTC sorts as text; the sort is stable, so ties stay in key order.
        all.sort_by(|a, b| b.bookmarked_at.cmp(&a.bookmarked_at));
        all
    }

    /// Changes the bookmark of `key` with `edit`, as a change of this instance; true if the
    /// key is bookmarked and `edit` changed it.
    pub fn update(&mut self, key: &str, edit: impl FnOnce(&mut Bookmark)) -> bool {
        let Some(entry) = self.entries.get_mut(key) else {
            return false;
        };
        let before = entry.clone();
        edit(entry);
        entry.key = before.key.clone();
        if *entry == before {
            return false;
        }
        if !self.added.contains(key) {
            self.updated.insert(key.to_string());
        }
        true
    }

    /// The format version the file had when it was read; a save writes [`FORMAT_VERSION`].
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Bookmarks `bookmark` unless its key already is; true if it was added.
    pub fn add(&mut self, bookmark: Bookmark) -> bool {
        if self.entries.contains_key(&bookmark.key) {
            return false;
        }
        self.removed.remove(&bookmark.key);
        self.added.insert(bookmark.key.clone());
        self.entries.insert(bookmark.key.clone(), bookmark);
        true
    }

    /// Removes the bookmark of `key`, returning it if there was one.
    pub fn remove(&mut self, key: &str) -> Option<Bookmark> {
        let gone = self.entries.remove(key)?;
        self.added.remove(key);
        self.updated.remove(key);
        self.removed.insert(key.to_string());
        Some(gone)
    }

    /// Bookmarks the paper, or removes its bookmark; true if it is bookmarked now.
    pub fn toggle(&mut self, paper: &PaperRef<'_>, now: SystemTime) -> bool {
        let key = paper.key();
        if self.remove(&key).is_some() {
            false
        } else {
            self.add(Bookmark::of_paper(paper, now))
        }
    }

    /// True if this instance changed something that no save has written yet.
    pub fn has_unsaved_changes(&self) -> bool {
        !self.added.is_empty() || !self.removed.is_empty() || !self.updated.is_empty()
    }

    /// The keys this instance added and removed since the last save, for telling the user.
    pub fn unsaved_changes(&self) -> (impl Iterator<Item = &str>, impl Iterator<Item = &str>) {
        (
            self.added.iter().map(String::as_str),
            self.removed.iter().map(String::as_str),
        )
    }

    /// What the file should hold after this instance saves: `on_disk` (what the file holds now,
    /// with other instances' bookmarks and hand edits) with only this instance's own changes
    /// applied. An own add keeps the entry on disk if the key is there already; an own remove
    /// removes that key only; an own update replaces the entry's known fields if the key is
    /// still there (fields unknown to this papertui are kept from disk). The result has no
    /// unsaved changes.
    pub fn merge_into(&self, on_disk: Bookmarks) -> Bookmarks {
        let mut merged = Bookmarks {
            added: BTreeSet::new(),
            removed: BTreeSet::new(),
            updated: BTreeSet::new(),
            ..on_disk
        };
        for key in &self.updated {
            if let (Some(mine), Some(theirs)) = (self.entries.get(key), merged.entries.get_mut(key))
            {
                let mut extra = std::mem::take(&mut theirs.extra);
                extra.extend(mine.extra.clone());
                *theirs = Bookmark {
                    extra,
                    ..mine.clone()
                };
            }
        }
        for key in &self.removed {
            merged.entries.remove(key);
        }
        for key in &self.added {
            if let Some(mine) = self.entries.get(key) {
                merged
                    .entries
                    .entry(key.clone())
                    .or_insert_with(|| mine.clone());
            }
        }
        merged
    }
}

/// `t` as RFC 3339 in UTC to the second (`2024-03-14T09:30:00Z`); times before 1970 read as
/// 1970.
pub fn rfc3339_utc(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests;

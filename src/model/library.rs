//! All papers of a run, held compactly: text lives in a few arenas per chunk, one offset per
//! field, so a million papers cost little more than their text. Chunks are immutable and shared,
//! so a background filter can read a snapshot while the loader appends.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, BuildHasherDefault};
use std::sync::Arc;

use super::paper::{self, Paper};
use crate::sanitize::{self, ABSTRACT_MAX, AUTHORS_MAX, FIELD_MAX, TITLE_MAX};

/// Separates list items (authors, categories, links) inside one arena field; the sanitizer
/// removes every control character, so no item can contain it.
const SEP: char = '\n';

/// A paper as a loader found it, before cleaning. Loaders fill it from their own format.
#[derive(Debug, Default, Clone)]
pub struct RawPaper<'a> {
    pub id: Option<Cow<'a, str>>,
    pub title: Cow<'a, str>,
    pub abstract_text: Cow<'a, str>,
    pub authors: Authors<'a>,
    pub published: Option<Cow<'a, str>>,
    pub upvotes: Option<u32>,
    pub categories: Vec<Cow<'a, str>>,
    pub links: Vec<Cow<'a, str>>,
}

/// Authors as formats give them: a list of names, or one string ("A, B and C").
#[derive(Debug, Clone)]
pub enum Authors<'a> {
    List(Vec<Cow<'a, str>>),
    Joined(Cow<'a, str>),
    /// Names one per line, already split.
    Lines(Cow<'a, str>),
}

impl Default for Authors<'_> {
    fn default() -> Self {
        Authors::List(Vec::new())
    }
}

/// One text arena and the end offset of each field in it.
#[derive(Debug, Default, Clone)]
struct Column {
    text: String,
    ends: Vec<u32>,
}

impl Column {
    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn close(&mut self) {
        self.ends.push(self.text.len() as u32);
    }
}

/// Papers appended together (one loader batch), stored column by column.
#[derive(Debug, Default, Clone)]
pub struct Chunk {
    titles: Column,
    abstracts: Column,
    authors: Column,
    ids: Column,
    dates: Column,
    categories: Column,
    links: Column,
    upvotes: Vec<Option<u32>>,
    key_hashes: Vec<u64>,
}

/// Why a paper was not added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected {
    EmptyTitle,
}

impl Chunk {
    /// A chunk for papers parsed from about `bytes` of input. The text cannot outgrow its
    /// source, and capacity never touched costs no memory, so reserving it all up front
    /// avoids the copies (and the doubled peak) of growing arenas.
    pub fn for_input(bytes: usize) -> Chunk {
        let mut c = Chunk::default();
        c.abstracts.text.reserve(bytes);
        c.titles.text.reserve(bytes / 4);
        c.authors.text.reserve(bytes / 4);
        for col in [&mut c.ids, &mut c.dates, &mut c.categories, &mut c.links] {
            col.text.reserve(bytes / 16);
        }
        c
    }

    pub fn len(&self) -> usize {
        self.titles.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Cleans and appends one paper. A paper whose title is empty once cleaned is refused.
    pub fn push(&mut self, raw: &RawPaper<'_>) -> Result<(), Rejected> {
        let n = self.len();
        if !sanitize::clean_into(&raw.title, TITLE_MAX, &mut self.titles.text) {
            return Err(Rejected::EmptyTitle);
        }
        self.titles.close();
        sanitize::clean_into(&raw.abstract_text, ABSTRACT_MAX, &mut self.abstracts.text);
        self.abstracts.close();
        match &raw.authors {
            Authors::List(names) => {
                push_items(&mut self.authors, names.iter().map(|n| &**n), FIELD_MAX)
            }
            Authors::Joined(s) => {
                let s = cleaned_if_escaped(s);
                push_items(&mut self.authors, split_authors(&s), FIELD_MAX)
            }
            Authors::Lines(s) => push_items(&mut self.authors, s.split('\n'), FIELD_MAX),
        }
        let id = raw.id.as_deref().and_then(paper::normalize_arxiv_id);
        self.ids.text.push_str(id.as_deref().unwrap_or(""));
        self.ids.close();
        if let Some(date) = &raw.published {
            sanitize::clean_into(date, FIELD_MAX, &mut self.dates.text);
        }
        self.dates.close();
        push_items(
            &mut self.categories,
            raw.categories.iter().map(|c| &**c),
            FIELD_MAX,
        );
        let links = raw
            .links
            .iter()
            .map(|l| l.trim())
            .filter(|l| paper::is_web_link(l));
        // A web link is clean already and at most LINK_MAX long: it is stored unchanged.
        push_items(&mut self.links, links, paper::LINK_MAX);
        self.upvotes.push(raw.upvotes);
        self.key_hashes
            .push(key_hash(id.as_deref(), self.titles.get(n)));
        Ok(())
    }

    pub fn get(&self, i: usize) -> PaperRef<'_> {
        PaperRef { chunk: self, i }
    }

    /// All abstracts of the chunk back to back, and where each ends: searched in one pass.
    pub fn abstracts(&self) -> (&str, &[u32]) {
        (&self.abstracts.text, &self.abstracts.ends)
    }

    /// The same papers without those at `drop` (sorted indices), for de-duplication.
    fn without(&self, drop: &[usize]) -> Chunk {
        let mut out = Chunk::default();
        for i in (0..self.len()).filter(|i| drop.binary_search(i).is_err()) {
            for (to, from) in out.columns_mut().into_iter().zip(self.columns()) {
                to.text.push_str(from.get(i));
                to.close();
            }
            out.upvotes.push(self.upvotes[i]);
            out.key_hashes.push(self.key_hashes[i]);
        }
        out
    }

    fn columns(&self) -> [&Column; 7] {
        [
            &self.titles,
            &self.abstracts,
            &self.authors,
            &self.ids,
            &self.dates,
            &self.categories,
            &self.links,
        ]
    }

    fn columns_mut(&mut self) -> [&mut Column; 7] {
        [
            &mut self.titles,
            &mut self.abstracts,
            &mut self.authors,
            &mut self.ids,
            &mut self.dates,
            &mut self.categories,
            &mut self.links,
        ]
    }

    /// Bytes of text and offsets held, for memory figures.
    pub fn heap_bytes(&self) -> usize {
        let cols: usize = self
            .columns()
            .iter()
            .map(|c| c.text.capacity() + c.ends.capacity() * 4)
            .sum();
        cols + self.upvotes.capacity() * 8 + self.key_hashes.capacity() * 8
    }

    /// Releases the slack the arenas grew while loading.
    pub fn shrink(&mut self) {
        for c in self.columns_mut() {
            c.text.shrink_to_fit();
            c.ends.shrink_to_fit();
        }
        self.upvotes.shrink_to_fit();
        self.key_hashes.shrink_to_fit();
    }
}

/// `s` cleaned when it holds an escape sequence, else as it is: splitting it into items
/// first could cut a sequence in two and let part of its payload through as an item.
pub fn cleaned_if_escaped(s: &str) -> Cow<'_, str> {
    if sanitize::has_escape(s) {
        Cow::Owned(sanitize::clean(s, ABSTRACT_MAX))
    } else {
        Cow::Borrowed(s)
    }
}

/// Appends cleaned, non-empty items of at most `max` characters joined by [`SEP`]; at most
/// [`AUTHORS_MAX`], then "et al.".
fn push_items<'a>(col: &mut Column, items: impl Iterator<Item = &'a str>, max: usize) {
    let mut count = 0;
    for item in items {
        if count == AUTHORS_MAX {
            col.text.push(SEP);
            col.text.push_str("et al.");
            break;
        }
        let mark = col.text.len();
        if count > 0 {
            col.text.push(SEP);
        }
        if sanitize::clean_into(item, max, &mut col.text) {
            count += 1;
        } else {
            col.text.truncate(mark);
        }
    }
    col.close();
}

/// Splits an authors string as arXiv writes it ("A, B and C"): at commas, semicolons and the
/// word "and", but not inside parentheses ("A (MIT, CSAIL)").
fn split_authors(s: &str) -> impl Iterator<Item = &str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b',' | b';' | b'\n' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            b'a' if depth == 0 && is_and_at(bytes, i) => {
                parts.push(&s[start..i]);
                start = i + 3;
                i += 2;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&s[start..]);
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty())
}

/// True if the word "and" stands alone at byte `i`.
fn is_and_at(b: &[u8], i: usize) -> bool {
    b[i..].starts_with(b"and")
        && i > 0
        && b[i - 1].is_ascii_whitespace()
        && b.get(i + 3).is_none_or(|c| c.is_ascii_whitespace())
}

/// The hash of a key as [`PaperRef::key_hash`] gives it, for looking papers up by key.
pub fn hash_of_key(key: &str) -> u64 {
    foldhash::fast::FixedState::with_seed(KEY_SEED).hash_one(key.as_bytes())
}

const KEY_SEED: u64 = 0x7061_7065_7274_7569;

/// The hash of a paper's key, built in a reused buffer: this runs for every loaded paper.
fn key_hash(id: Option<&str>, title: &str) -> u64 {
    thread_local! {
        static KEY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    KEY.with_borrow_mut(|key| {
        key.clear();
        paper::write_key(key, id, title);
        foldhash::fast::FixedState::with_seed(KEY_SEED).hash_one(key.as_slice())
    })
}

/// A borrowed view of one paper.
#[derive(Clone, Copy)]
pub struct PaperRef<'a> {
    chunk: &'a Chunk,
    i: usize,
}

impl<'a> PaperRef<'a> {
    pub fn title(&self) -> &'a str {
        self.chunk.titles.get(self.i)
    }

    pub fn abstract_text(&self) -> &'a str {
        self.chunk.abstracts.get(self.i)
    }

    /// The authors, one name per line: what the filter matches against.
    pub fn authors_text(&self) -> &'a str {
        self.chunk.authors.get(self.i)
    }

    pub fn authors(&self) -> impl Iterator<Item = &'a str> + 'a {
        split_items(self.authors_text())
    }

    pub fn arxiv_id(&self) -> Option<&'a str> {
        Some(self.chunk.ids.get(self.i)).filter(|s| !s.is_empty())
    }

    pub fn published(&self) -> Option<&'a str> {
        Some(self.chunk.dates.get(self.i)).filter(|s| !s.is_empty())
    }

    pub fn upvotes(&self) -> Option<u32> {
        self.chunk.upvotes[self.i]
    }

    pub fn categories(&self) -> impl Iterator<Item = &'a str> + 'a {
        split_items(self.chunk.categories.get(self.i))
    }

    /// The stored links (code, project page, DOI), without the derived ones.
    pub fn stored_links(&self) -> impl Iterator<Item = &'a str> + 'a {
        split_items(self.chunk.links.get(self.i))
    }

    /// All links: the arXiv page, then stored links, then URLs in the abstract; no repeats.
    pub fn links(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let arxiv = self.arxiv_id().map(paper::arxiv_url);
        let stored = self.stored_links().map(str::to_string);
        let found = paper::urls_in(self.abstract_text()).map(str::to_string);
        for link in arxiv.into_iter().chain(stored).chain(found) {
            if !out.contains(&link) {
                out.push(link);
            }
        }
        out
    }

    pub fn key(&self) -> String {
        paper::paper_key(self.arxiv_id(), self.title())
    }

    /// The hash of [`PaperRef::key`], stored at load: a cheap first test of a key.
    pub fn key_hash(&self) -> u64 {
        self.chunk.key_hashes[self.i]
    }

    /// An owned copy in papertui's JSON format, with its key and all links.
    pub fn to_paper(&self) -> Paper {
        Paper {
            key: Some(self.key()),
            id: self.arxiv_id().map(str::to_string),
            title: self.title().to_string(),
            abstract_text: self.abstract_text().to_string(),
            authors: self.authors().map(str::to_string).collect(),
            published: self.published().map(str::to_string),
            upvotes: self.upvotes(),
            categories: self.categories().map(str::to_string).collect(),
            links: self.links(),
        }
    }
}

fn split_items(s: &str) -> impl Iterator<Item = &str> {
    s.split(SEP).filter(|x| !x.is_empty())
}

/// The papers of a run in list order. Cloning is cheap (chunks are shared), which is how the
/// filter thread gets a snapshot.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub name: Option<String>,
    pub date: Option<String>,
    chunks: Vec<Arc<Chunk>>,
    /// Index of the first paper of each chunk.
    starts: Vec<usize>,
    len: usize,
}

impl Library {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Paper `i` in list order. Panics if `i >= len()`, like slice indexing.
    pub fn get(&self, i: usize) -> PaperRef<'_> {
        let c = self.starts.partition_point(|&s| s <= i) - 1;
        self.chunks[c].get(i - self.starts[c])
    }

    pub fn iter(&self) -> impl Iterator<Item = PaperRef<'_>> + '_ {
        self.chunks
            .iter()
            .flat_map(|c| (0..c.len()).map(|i| c.get(i)))
    }

    /// The chunks with the index of their first paper, for parallel scans.
    pub fn chunks(&self) -> impl Iterator<Item = (usize, &Chunk)> + '_ {
        self.starts
            .iter()
            .copied()
            .zip(self.chunks.iter().map(|c| &**c))
    }

    pub fn heap_bytes(&self) -> usize {
        self.chunks.iter().map(|c| c.heap_bytes()).sum()
    }
}

/// Grows a [`Library`], dropping papers whose key was seen before (the first one wins).
#[derive(Default)]
pub struct LibraryBuilder {
    library: Library,
    /// Key hash -> index of the paper with that key. The keys are hashes already.
    seen: HashMap<u64, usize, BuildHasherDefault<PassThrough>>,
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default)]
pub struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl LibraryBuilder {
    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn into_library(self) -> Library {
        self.library
    }

    pub fn set_name(&mut self, name: Option<String>, date: Option<String>) {
        let lib = &mut self.library;
        lib.name = lib.name.take().or(name);
        lib.date = lib.date.take().or(date);
    }

    /// Appends a chunk; returns how many of its papers were duplicates and dropped.
    pub fn append(&mut self, mut chunk: Chunk) -> usize {
        let base = self.library.len;
        let mut dups = Vec::new();
        self.seen.reserve(chunk.len());
        for i in 0..chunk.len() {
            match self.seen.entry(chunk.key_hashes[i]) {
                Entry::Vacant(v) => {
                    v.insert(base + i - dups.len());
                }
                Entry::Occupied(o) => {
                    // Equal hashes: compare the keys themselves before calling it a duplicate.
                    let earlier = *o.get();
                    let same = if earlier >= base {
                        // Only possible within this chunk (kept papers precede it).
                        let local = chunk_local(earlier - base, &dups);
                        chunk.get(local).key() == chunk.get(i).key()
                    } else {
                        self.library.get(earlier).key() == chunk.get(i).key()
                    };
                    if same {
                        dups.push(i);
                    }
                }
            }
        }
        if !dups.is_empty() {
            chunk = chunk.without(&dups);
        }
        chunk.shrink();
        if !chunk.is_empty() {
            let lib = &mut self.library;
            lib.starts.push(lib.len);
            lib.len += chunk.len();
            lib.chunks.push(Arc::new(chunk));
        }
        dups.len()
    }
}

/// The index in the un-deduplicated chunk of the kept paper `kept` (dups are sorted).
fn chunk_local(kept: usize, dups: &[usize]) -> usize {
    let mut i = kept;
    for &d in dups {
        if d <= i {
            i += 1;
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw<'a>(id: Option<&'a str>, title: &'a str) -> RawPaper<'a> {
        RawPaper {
            id: id.map(Cow::from),
            title: title.into(),
            abstract_text: "An abstract.\n  Wrapped.".into(),
            authors: Authors::Joined("C. Bal\u{e1}zs, E. L. Berger and P. Nadolsky".into()),
            links: vec!["https://github.com/a/b".into(), "javascript:x".into()],
            ..Default::default()
        }
    }

    #[test]
    fn papers_read_back_cleaned() {
        let mut c = Chunk::default();
        c.push(&raw(Some("2310.12962v2"), "A  Title\n")).unwrap();
        let p = c.get(0);
        assert_eq!(p.title(), "A Title");
        assert_eq!(p.abstract_text(), "An abstract. Wrapped.");
        assert_eq!(
            p.authors().collect::<Vec<_>>(),
            ["C. Bal\u{e1}zs", "E. L. Berger", "P. Nadolsky"]
        );
        assert_eq!(p.arxiv_id(), Some("2310.12962"));
        assert_eq!(p.key(), "arxiv:2310.12962");
        assert_eq!(
            p.links(),
            ["https://arxiv.org/abs/2310.12962", "https://github.com/a/b"]
        );
    }

    #[test]
    fn only_whole_web_links_are_stored() {
        let long = format!("https://x.org/{}", "a".repeat(1000));
        let mut r = raw(None, "t");
        r.links = vec![
            long.as_str().into(),
            "https://x.org/\x1b]0;PWNED\x07".into(),
            "file:///etc/passwd".into(),
            " https://ok.org/trimmed ".into(),
        ];
        let mut c = Chunk::default();
        c.push(&r).unwrap();
        let links: Vec<_> = c.get(0).stored_links().collect();
        assert_eq!(links, [long.as_str(), "https://ok.org/trimmed"]);
    }

    #[test]
    fn empty_titles_are_refused() {
        let mut c = Chunk::default();
        assert_eq!(c.push(&raw(None, " \u{200b}\n")), Err(Rejected::EmptyTitle));
        assert!(c.is_empty());
    }

    #[test]
    fn duplicates_by_key_are_dropped_across_and_within_chunks() {
        let mut b = LibraryBuilder::default();
        let mut c1 = Chunk::default();
        c1.push(&raw(Some("2310.12962"), "First")).unwrap();
        c1.push(&raw(None, "Same Title")).unwrap();
        c1.push(&raw(None, "same title!")).unwrap();
        assert_eq!(b.append(c1), 1);
        let mut c2 = Chunk::default();
        c2.push(&raw(Some("2310.12962v3"), "First again")).unwrap();
        c2.push(&raw(None, "Other")).unwrap();
        assert_eq!(b.append(c2), 1);
        let lib = b.into_library();
        let titles: Vec<_> = lib.iter().map(|p| p.title()).collect();
        assert_eq!(titles, ["First", "Same Title", "Other"]);
        assert_eq!(lib.get(2).title(), "Other");
    }

    #[test]
    fn too_many_authors_end_in_et_al() {
        let names: Vec<String> = (0..150).map(|i| format!("Author {i}")).collect();
        let mut r = raw(None, "t");
        r.authors = Authors::List(names.iter().map(|n| n.as_str().into()).collect());
        let mut c = Chunk::default();
        c.push(&r).unwrap();
        let authors: Vec<_> = c.get(0).authors().collect();
        assert_eq!(authors.len(), AUTHORS_MAX + 1);
        assert_eq!(authors.last(), Some(&"et al."));
    }

    #[test]
    fn an_escape_sequence_is_never_split_into_authors() {
        let mut r = raw(None, "t");
        r.authors = Authors::Joined("A\x1b]0;PWNED, x; y\x07, B and C".into());
        let mut c = Chunk::default();
        c.push(&r).unwrap();
        assert_eq!(c.get(0).authors().collect::<Vec<_>>(), ["A", "B", "C"]);
    }

    #[test]
    fn author_strings_split_outside_parentheses() {
        let names: Vec<_> =
            split_authors("A. Smith (MIT, CSAIL), B. Anderson and C. Lee; D").collect();
        assert_eq!(
            names,
            ["A. Smith (MIT, CSAIL)", "B. Anderson", "C. Lee", "D"]
        );
    }
}

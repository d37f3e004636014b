//! Papers appended together, held compactly: text lives in a few arenas per chunk, one offset
//! per field, so a million papers cost little more than their text.

use std::hash::BuildHasher;

use super::details::Detail;
use super::raw::{Authors, RawPaper, cleaned_if_escaped, split_authors};
use crate::library::{latex, paper};
use crate::sanitize::{self, ABSTRACT_MAX, AUTHORS_MAX, FIELD_MAX, TITLE_MAX};

/// Separates list items (authors, categories, links) inside one arena field; the sanitizer
/// removes every control character, so no item can contain it.
pub(super) const SEP: char = '\n';

/// One text arena and the end offset of each field in it.
#[derive(Debug, Default, Clone)]
pub(super) struct Column {
    text: String,
    ends: Vec<u32>,
}

impl Column {
    pub(super) fn get(&self, i: usize) -> &str {
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
    pub(super) titles: Column,
    pub(super) abstracts: Column,
    pub(super) authors: Column,
    pub(super) ids: Column,
    pub(super) dates: Column,
    pub(super) categories: Column,
    pub(super) links: Column,
    /// Tagged items (see [`Detail`]): each a tag character, then the text.
    pub(super) details: Column,
    pub(super) upvotes: Vec<Option<u32>>,
    pub(super) key_hashes: Vec<u64>,
}

/// Why a paper was not added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejected {
    EmptyTitle,
}

impl Chunk {
    /// Empties the chunk for papers parsed from about `bytes` of input, keeping its capacity:
    /// a loader's working chunk, filled again and again. The text cannot outgrow its source,
    /// so reserving it all up front avoids the copies of growing arenas.
    pub fn reuse_for_input(&mut self, bytes: usize) {
        for c in self.columns_mut() {
            c.text.clear();
            c.ends.clear();
        }
        self.upvotes.clear();
        self.key_hashes.clear();
        self.abstracts.text.reserve(bytes);
        self.titles.text.reserve(bytes / 4);
        self.authors.text.reserve(bytes / 4);
        for col in [
            &mut self.ids,
            &mut self.dates,
            &mut self.categories,
            &mut self.links,
            &mut self.details,
        ] {
            col.text.reserve(bytes / 16);
        }
    }

    /// A copy of exactly the size of its papers, with no slack capacity: what a working
    /// chunk hands on to the library, which keeps it for the whole run.
    pub fn exact_copy(&self) -> Chunk {
        // A clone of a String or Vec allocates its length, never the original's capacity.
        self.clone()
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
        if !clean_latex_into(&raw.title, TITLE_MAX, &mut self.titles.text) {
            return Err(Rejected::EmptyTitle);
        }
        self.titles.close();
        clean_latex_into(&raw.abstract_text, ABSTRACT_MAX, &mut self.abstracts.text);
        self.abstracts.close();
        match &raw.authors {
            Authors::List(names) => {
                push_items(&mut self.authors, names.iter().map(|n| &**n), FIELD_MAX);
            }
            Authors::Joined(s) => {
                let s = cleaned_if_escaped(s);
                push_items(&mut self.authors, split_authors(&s), FIELD_MAX);
            }
            Authors::Lines(s) => push_items(&mut self.authors, s.split('\n'), FIELD_MAX),
        }
        let id = raw.id.as_deref().and_then(paper::arxiv_id_in);
        self.ids.text.push_str(id.unwrap_or(""));
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
        push_details(&mut self.details, raw);
        self.upvotes.push(raw.upvotes);
        self.key_hashes.push(key_hash(id, self.titles.get(n)));
        Ok(())
    }

    /// All abstracts of the chunk back to back, and where each ends: searched in one pass.
    pub fn abstracts(&self) -> (&str, &[u32]) {
        (&self.abstracts.text, &self.abstracts.ends)
    }

    /// All titles of the chunk back to back, and where each ends.
    pub fn titles(&self) -> (&str, &[u32]) {
        (&self.titles.text, &self.titles.ends)
    }

    /// All authors fields of the chunk back to back (names one a line), and where each ends.
    pub fn authors(&self) -> (&str, &[u32]) {
        (&self.authors.text, &self.authors.ends)
    }

    /// The same papers without those at `drop` (sorted indices), for de-duplication.
    pub(super) fn without(&self, drop: &[usize]) -> Chunk {
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

    /// The same papers, where each paper `i` of `fills` takes the fields it lacks from paper
    /// `j` of `from`: the same paper from another source (`fills` sorted by `i`).
    pub(super) fn filled(&self, fills: &[(usize, usize)], from: &Chunk) -> Chunk {
        let mut out = Chunk::default();
        let mut fills = fills.iter().peekable();
        for i in 0..self.len() {
            let other = fills.next_if(|(at, _)| *at == i).map(|&(_, j)| j);
            for (c, (to, mine)) in out
                .columns_mut()
                .into_iter()
                .zip(self.columns())
                .enumerate()
            {
                match other {
                    Some(j) => merge_field(&mut to.text, c, mine.get(i), from.columns()[c].get(j)),
                    None => to.text.push_str(mine.get(i)),
                }
                to.close();
            }
            let upvotes = self.upvotes[i].or(other.and_then(|j| from.upvotes[j]));
            out.upvotes.push(upvotes);
            out.key_hashes.push(self.key_hashes[i]);
        }
        out.shrink();
        out
    }

    /// Whether paper `j` of `from` has a field that paper `i` lacks, so [`Chunk::filled`]
    /// would change it.
    pub(super) fn would_fill(&self, i: usize, from: &Chunk, j: usize) -> bool {
        let mut merged = String::new();
        (self.upvotes[i].is_none() && from.upvotes[j].is_some())
            || self.columns().iter().enumerate().any(|(c, col)| {
                merged.clear();
                let mine = col.get(i);
                merge_field(&mut merged, c, mine, from.columns()[c].get(j));
                merged != mine
            })
    }

    fn columns(&self) -> [&Column; 8] {
        [
            &self.titles,
            &self.abstracts,
            &self.authors,
            &self.ids,
            &self.dates,
            &self.categories,
            &self.links,
            &self.details,
        ]
    }

    fn columns_mut(&mut self) -> [&mut Column; 8] {
        [
            &mut self.titles,
            &mut self.abstracts,
            &mut self.authors,
            &mut self.ids,
            &mut self.dates,
            &mut self.categories,
            &mut self.links,
            &mut self.details,
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

/// [`sanitize::clean_into`] of `s` with its LaTeX shown as symbols (titles and abstracts).
/// Text without LaTeX is cleaned as it is; the rest is converted in a buffer each loading
/// thread reuses, so no paper costs an allocation.
fn clean_latex_into(s: &str, max: usize, out: &mut String) -> bool {
    if !latex::may_hold_latex(s) {
        return sanitize::clean_into(s, max, out);
    }
    thread_local! {
        static CONVERTED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    CONVERTED.with_borrow_mut(|buf| {
        buf.clear();
        latex::write_unicode(s, buf);
        let appended = sanitize::clean_into(buf, max, out);
        // One huge field should not keep its buffer for the rest of the run.
        if buf.capacity() > 1 << 20 {
            *buf = String::new();
        }
        appended
    })
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

/// Writes into `out` field `column` of a paper (`mine`) filled from the same paper of
/// another source (`theirs`): the title stays; an empty text field takes theirs; categories
/// and links are joined; details take the kinds `mine` lacks.
fn merge_field(out: &mut String, column: usize, mine: &str, theirs: &str) {
    const CATEGORIES: usize = 5;
    const LINKS: usize = 6;
    const DETAILS: usize = 7;
    out.push_str(mine);
    match column {
        0 => {}
        CATEGORIES | LINKS => {
            for item in theirs.split(SEP).filter(|t| !t.is_empty()) {
                if !mine.split(SEP).any(|m| m == item) {
                    if !out.is_empty() {
                        out.push(SEP);
                    }
                    out.push_str(item);
                }
            }
        }
        DETAILS => {
            let has = |tag: char| mine.split(SEP).any(|m| m.starts_with(tag));
            for item in theirs.split(SEP) {
                // Of each kind, all from one source: keywords are theirs only if mine has none.
                let Some(tag) = item.chars().next() else {
                    continue;
                };
                if !has(tag) {
                    if !out.is_empty() {
                        out.push(SEP);
                    }
                    out.push_str(item);
                }
            }
        }
        _ if mine.is_empty() => out.push_str(theirs),
        _ => {}
    }
}

/// Appends a paper's details as tagged items, each cleaned like any text shown.
fn push_details(col: &mut Column, raw: &RawPaper<'_>) {
    let number = |n: Option<u32>| n.map(|n| std::borrow::Cow::Owned(n.to_string()));
    let single = [
        (Detail::Comment, raw.comment.clone()),
        (Detail::JournalRef, raw.journal_ref.clone()),
        (Detail::Doi, raw.doi.clone()),
        (Detail::PrimaryCategory, raw.primary_category.clone()),
        (Detail::Announce, raw.announce_type.map(|a| a.word().into())),
        (Detail::AiSummary, raw.ai_summary.clone()),
        (Detail::AiModel, raw.ai_model.clone()),
        (Detail::Stars, number(raw.stars)),
        (Detail::Comments, number(raw.comments)),
        (Detail::Organization, raw.organization.clone()),
        (Detail::SubmittedBy, raw.submitted_by.clone()),
        (Detail::ListDay, raw.list_day.clone()),
    ];
    let keywords = raw
        .keywords
        .iter()
        .take(AUTHORS_MAX)
        .map(|k| (Detail::Keyword, Some(k.clone())));
    for (detail, text) in single.into_iter().chain(keywords) {
        let Some(text) = text else { continue };
        let max = if detail == Detail::AiSummary {
            ABSTRACT_MAX
        } else {
            FIELD_MAX
        };
        push_detail(col, detail, &text, max);
    }
    col.close();
}

/// Appends one tagged item to the open field of `col`, unless it is empty once cleaned.
pub(super) fn push_detail(col: &mut Column, detail: Detail, text: &str, max: usize) {
    let mark = col.text.len();
    let field_start = col.ends.last().map_or(0, |&e| e as usize);
    if mark > field_start {
        col.text.push(SEP);
    }
    col.text.push(detail.tag());
    if !sanitize::clean_into(text, max, &mut col.text) {
        col.text.truncate(mark);
    }
}

/// The hash of a key as [`super::PaperRef::key_hash`] gives it, for looking papers up by key.
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

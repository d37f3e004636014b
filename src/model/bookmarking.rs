//! Bookmarks in the reader: marking papers, the bookmarked-only view, and taking in what
//! storage saved or read. Storage itself is the app's job; here a toggle only asks for a save.

use std::collections::HashSet;

use super::{Effect, Model, Notice, Severity};
use crate::library::hash_of_key;
use crate::marks::bookmarks::Bookmarks;

/// The reader's bookmarks and what follows from them.
#[derive(Default)]
pub(super) struct Marks {
    pub(super) all: Bookmarks,
    /// The hashes of the bookmarked keys: a million papers are tested against them cheaply.
    pub(super) hashes: HashSet<u64>,
    /// Why bookmarks cannot be changed (their file could not be read), naming the file.
    pub(super) read_only: Option<String>,
    /// How many papers of the library are bookmarked, and up to which paper that was counted.
    count: usize,
    counted: usize,
}

impl Marks {
    pub(super) fn new(all: Bookmarks, read_only: Option<String>) -> Marks {
        let hashes = all.iter().map(|b| hash_of_key(&b.key)).collect();
        Marks {
            all,
            hashes,
            read_only,
            count: 0,
            counted: 0,
        }
    }
}

impl Model {
    /// The model with the bookmarks storage read, or read-only with the reason if it could
    /// not read them (the file is then never written).
    pub fn with_bookmarks(mut self, bookmarks: Bookmarks, read_only: Option<String>) -> Model {
        self.marks = Marks::new(bookmarks, read_only.clone());
        if let Some(why) = read_only {
            self.say(
                Severity::Warning,
                &format!("Bookmarks are read-only: {why}"),
            );
        }
        let keep = self.selected_paper();
        self.refresh_view(keep);
        self
    }

    pub fn is_bookmarked(&self, paper: usize) -> bool {
        let paper = self.library.get(paper);
        self.marks.hashes.contains(&paper.key_hash()) && self.marks.all.contains(&paper.key())
    }

    /// True when the list shows a subset of the base: bookmarked or unread papers only, or
    /// the bookmarks a query's `#tag` names.
    pub(super) fn narrowed(&self) -> bool {
        self.bookmarked_only || self.unread_only || !self.filter.tags.is_empty()
    }

    /// The tags of paper `paper`'s bookmark (none if it is not bookmarked).
    pub fn tags_of(&self, paper: usize) -> &[String] {
        let p = self.library.get(paper);
        if !self.marks.hashes.contains(&p.key_hash()) {
            return &[];
        }
        self.marks.all.get(&p.key()).map_or(&[], |b| &b.tags)
    }

    /// The note of paper `paper`'s bookmark ("" if none).
    pub fn note_of(&self, paper: usize) -> &str {
        let p = self.library.get(paper);
        if !self.marks.hashes.contains(&p.key_hash()) {
            return "";
        }
        self.marks.all.get(&p.key()).map_or("", |b| b.note.as_str())
    }

    /// True if paper `paper` is bookmarked with every one of `tags`.
    fn has_tags(&self, paper: usize, tags: &[String]) -> bool {
        let mine = self.tags_of(paper);
        !mine.is_empty()
            && tags
                .iter()
                .all(|t| mine.iter().any(|m| m.eq_ignore_ascii_case(t)))
    }

    /// How many papers of the list are bookmarked.
    pub fn bookmark_count(&self) -> usize {
        self.marks.count
    }

    /// How many bookmarks there are, in this list or not.
    pub fn all_bookmarks_count(&self) -> usize {
        self.marks.all.len()
    }

    pub fn bookmarks(&self) -> &Bookmarks {
        &self.marks.all
    }

    /// Counts the bookmarked papers among those added since the last count (all, after the
    /// bookmarks changed), so a growing million-paper list is counted once.
    pub(super) fn count_bookmarked(&mut self, from_scratch: bool) {
        if from_scratch {
            (self.marks.count, self.marks.counted) = (0, 0);
        }
        let new = (self.marks.counted..self.library.len()).filter(|&i| self.is_bookmarked(i));
        self.marks.count += new.count();
        self.marks.counted = self.library.len();
    }

    /// Rebuilds the bookmarked-only and unread-only view and puts the selection back on paper
    /// `keep` if it is still shown (returns true), else on the first paper.
    pub(super) fn refresh_view(&mut self, keep: Option<usize>) -> bool {
        self.count_bookmarked(false);
        self.count_read(false);
        self.subset = self.narrowed().then(|| {
            let base = self.base();
            let tags = &self.filter.tags;
            (0..base.len())
                .filter_map(|pos| base.paper(pos))
                .filter(|&i| !self.bookmarked_only || self.is_bookmarked(i))
                .filter(|&i| !self.unread_only || !self.is_read(i))
                .filter(|&i| tags.is_empty() || self.has_tags(i, tags))
                .map(|i| i as u32)
                .collect()
        });
        let kept = keep.and_then(|p| self.visible().position(p));
        self.select(kept.unwrap_or(0));
        kept.is_some()
    }

    pub(super) fn toggle_bookmarked_only(&mut self) {
        let keep = self.selected_paper();
        self.bookmarked_only = !self.bookmarked_only;
        self.refresh_view(keep);
        if self.bookmarked_only {
            let empty = self.visible().is_empty();
            let elsewhere = self.marks.all.len().saturating_sub(self.marks.count);
            self.tell(Notice::BookmarkedOnly { empty, elsewhere });
        } else {
            self.say(Severity::Info, "Showing all papers");
        }
    }

    /// The selected paper, when its bookmark may change; else the footer says why, and true
    /// when the bookmarks file should be read again (it may have been fixed since).
    pub(super) fn paper_to_mark(&mut self) -> Result<usize, bool> {
        let Some(paper) = self.selected_paper() else {
            self.say(Severity::Warning, "No paper selected");
            return Err(false);
        };
        if let Some(why) = &self.marks.read_only {
            let text = format!("Bookmarks are read-only: {why}");
            self.say(Severity::Warning, &text);
            return Err(true);
        }
        Ok(paper)
    }

    pub(super) fn toggle_bookmark(&mut self) -> Option<Effect> {
        let paper = match self.paper_to_mark() {
            Ok(paper) => paper,
            Err(reload) => return reload.then_some(Effect::ReloadBookmarks),
        };
        let now = (self.clock)();
        let marked = self.marks.all.toggle(&self.library.get(paper), now);
        self.marks.hashes.insert(self.library.get(paper).key_hash());
        self.count_bookmarked(true);
        if !marked
            && self.bookmarked_only
            && let Some(view) = &mut self.subset
        {
            view.retain(|&i| i as usize != paper);
            self.detail_scroll = 0;
        }
        let text = if marked {
            "Bookmarked"
        } else {
            "Bookmark removed"
        };
        self.say(Severity::Info, text);
        Some(Effect::SaveBookmarks(self.marks.all.clone()))
    }

    /// Storage saved the bookmarks: they are now what the file holds, other instances'
    /// changes included. (Saves run as soon as asked, before the next key is handled.)
    pub(super) fn bookmarks_saved(&mut self, saved: Bookmarks) {
        self.take_bookmarks(saved, None);
    }

    /// Storage read the bookmarks again (after a read-only start): changes are possible now.
    pub(super) fn bookmarks_reloaded(&mut self, bookmarks: Bookmarks) {
        self.take_bookmarks(bookmarks, None);
        self.say(
            Severity::Info,
            "The bookmarks file can be read again: bookmarks are saved from now on",
        );
    }

    fn take_bookmarks(&mut self, bookmarks: Bookmarks, read_only: Option<String>) {
        let keep = self.selected_paper();
        self.marks = Marks::new(bookmarks, read_only);
        self.count_bookmarked(true);
        self.refresh_view(keep);
    }
}

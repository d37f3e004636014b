//! The filter's query: editing it asks the searcher for results under a new generation, and
//! only the newest generation's results are taken.

use super::{Effect, Mode, Model, Notice, Partial, QUERY_MAX};
use crate::library::Library;
use crate::sanitize;
use crate::search::query::Query;
use crate::search::{SearchRequest, Stage};

impl Model {
    /// Sets the query text; returns the search to run, if the terms changed and are not empty.
    pub(super) fn set_query(&mut self, text: String) -> Option<Effect> {
        let same_terms = text
            .split_whitespace()
            .eq(self.filter.text.split_whitespace());
        self.filter.text = text;
        if same_terms {
            return None;
        }
        self.filter.partial = None;
        self.filter.grew_meanwhile = false;
        let (tags, words) = tag_terms(&self.filter.text);
        self.filter.tags = tags;
        self.filter.query = Query::parse(&words);
        self.filter.generation += 1;
        if self.filter.query.is_empty() {
            let keep = self.selected_paper();
            self.filter.searching = false;
            self.filter.hits = None;
            self.refresh_view(keep);
            return None;
        }
        // The best match is selected when the results come, as in fzf.
        self.following_top = true;
        self.filter.searching = true;
        Some(self.search_request())
    }

    /// Shows the results of `generation` if it is the newest; older ones are stale. Results
    /// not complete are a first page only: the search goes on. If the list grew meanwhile,
    /// the search is asked again (only the new papers are searched then).
    pub(super) fn take_results(
        &mut self,
        generation: u64,
        hits: Vec<u32>,
        stage: Stage,
    ) -> Option<Effect> {
        let partial = match stage {
            Stage::Complete => None,
            Stage::BestPage => Some(Partial::BestPage),
            Stage::ListOrder => Some(Partial::InListOrder),
        };
        let complete = partial.is_none();
        if generation != self.filter.generation || self.filter.query.is_empty() {
            return None;
        }
        let keep = self.selected_paper().filter(|_| !self.following_top);
        self.filter.searching = !complete;
        self.filter.partial = partial;
        self.filter.hits = Some(hits);
        if !self.refresh_view(keep) {
            self.following_top = true;
        }
        if complete && std::mem::take(&mut self.filter.grew_meanwhile) {
            return Some(self.new_search());
        }
        None
    }

    /// A search for the current query under a new generation.
    fn new_search(&mut self) -> Effect {
        self.filter.generation += 1;
        self.filter.searching = true;
        self.filter.grew_meanwhile = false;
        self.search_request()
    }

    fn search_request(&self) -> Effect {
        Effect::Search(SearchRequest {
            generation: self.filter.generation,
            query: tag_terms(&self.filter.text).1,
            library: self.library.clone(),
        })
    }

    pub(super) fn library_grew(&mut self, library: Library) -> Option<Effect> {
        let keep = self.selected_paper();
        let keep_key = keep.map(|i| self.library.get(i).key());
        self.library = library;
        self.fields.update(&self.library);
        let len = self.library.len();
        if let Some(hits) = &mut self.filter.hits {
            hits.retain(|&i| (i as usize) < len);
        }
        let keep = keep_key.and_then(|key| {
            keep.filter(|&i| i < len && self.library.get(i).key() == key)
                .or_else(|| (0..len).find(|&i| self.library.get(i).key() == key))
        });
        self.refresh_view(keep);
        if self.filter.query.is_empty() {
            return None;
        }
        // A search under way is not restarted: growth every few hundred milliseconds would
        // cancel it again and again. Its results come first, then the new papers are searched.
        if self.filter.searching {
            self.filter.grew_meanwhile = true;
            return None;
        }
        Some(self.new_search())
    }

    pub(super) fn start_filter(&mut self) {
        self.mode = Mode::Filter;
        self.following_top = false;
        self.focus = super::Focus::List;
        self.filter.before = self.filter.text.clone();
    }

    pub(super) fn type_char(&mut self, c: char) -> Option<Effect> {
        let mut text = self.filter.text.clone();
        // A typed character is untrusted too (a terminal can send any): no bidi control or
        // invisible character reaches the footer.
        if sanitize::is_allowed(c) && text.chars().count() < QUERY_MAX {
            text.push(c);
        }
        self.set_query(text)
    }

    pub(super) fn backspace(&mut self) -> Option<Effect> {
        let mut text = self.filter.text.clone();
        text.pop();
        self.set_query(text)
    }

    pub(super) fn delete_word(&mut self) -> Option<Effect> {
        let kept = self.filter.text.trim_end();
        let cut = kept.rfind(' ').map_or(0, |i| i + 1);
        self.set_query(kept[..cut].to_string())
    }

    /// Pasted text goes into the query while it is edited, cleaned; elsewhere it is ignored.
    pub(super) fn paste(&mut self, pasted: &str) -> Option<Effect> {
        if self.mode != Mode::Filter {
            return None;
        }
        let clean = sanitize::clean(pasted, pasted.len());
        let mut text = self.filter.text.clone();
        let room = QUERY_MAX.saturating_sub(text.chars().count());
        text.extend(clean.chars().take(room));
        self.set_query(text)
    }

    pub(super) fn accept_filter(&mut self) {
        self.mode = Mode::Browse;
        self.following_top = false;
    }

    pub(super) fn cancel_filter(&mut self) -> Option<Effect> {
        self.accept_filter();
        let before = std::mem::take(&mut self.filter.before);
        self.set_query(before)
    }

    /// Esc while browsing: clears the query, else the bookmarked-only view, else the
    /// unread-only one.
    pub(super) fn clear_filter(&mut self) -> Option<Effect> {
        if !self.filter.text.is_empty() {
            return self.set_query(String::new());
        }
        if self.bookmarked_only {
            self.toggle_bookmarked_only();
        } else if self.unread_only {
            self.toggle_unread_only();
        } else {
            self.tell(Notice::NothingToClear);
        }
        None
    }
}

/// The `#tag` terms of a query (without `#`), and its other terms, which are searched.
fn tag_terms(text: &str) -> (Vec<String>, String) {
    let (tags, words): (Vec<&str>, Vec<&str>) = text
        .split_whitespace()
        .partition(|term| term.len() > 1 && term.starts_with('#'));
    let tags = tags.iter().map(|t| t[1..].to_string()).collect();
    (tags, words.join(" "))
}

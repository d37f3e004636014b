//! The filter's query: editing it asks the searcher for results under a new generation, and
//! only the newest generation's results are taken.

use super::{Effect, Model, Partial, SearchRequest};
use crate::library::Library;
use crate::search::query::Query;

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
        self.filter.query = Query::parse(&self.filter.text);
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
    /// not `complete` are the best page only: the search goes on. If the list grew meanwhile,
    /// the search is asked again (only the new papers are searched then).
    pub(super) fn take_results(
        &mut self,
        generation: u64,
        hits: Vec<u32>,
        partial: Option<Partial>,
    ) -> Option<Effect> {
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
            query: self.filter.text.clone(),
            library: self.library.clone(),
        })
    }

    pub(super) fn library_grew(&mut self, library: Library) -> Option<Effect> {
        let keep = self.selected_paper();
        let keep_key = keep.map(|i| self.library.get(i).key());
        self.library = library;
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
}

//! The lists being opened: the library growing as they load, and starting over when other
//! lists open in their place (another day, or the same fetched anew).

use super::sorting::Order;
use super::{Effect, Model};
use crate::layout::list::FieldStats;
use crate::library::Library;

impl Model {
    /// A bigger snapshot of the library: the filter and the chosen order take in the new papers.
    pub(super) fn grew(&mut self, library: Library) -> Vec<Effect> {
        let mut effects: Vec<Effect> = self.library_grew(library).into_iter().collect();
        if self.sort.order != Order::List {
            effects.extend(self.request_sort());
        }
        effects
    }

    /// Other lists open in place of these: nothing of the old ones stays on screen, and an
    /// answer about them (a search, a sort) is stale.
    pub(super) fn reopening(&mut self) -> Option<Effect> {
        self.fetch = super::FetchState::default();
        self.library = Library::default();
        self.fields = FieldStats::default();
        self.sort.indices = None;
        self.filter.generation += 1;
        self.filter.searching = false;
        self.filter.partial = None;
        self.filter.hits = (!self.filter.query.is_empty()).then(Vec::new);
        self.detail_scroll = 0;
        self.count_bookmarked(true);
        self.count_read(true);
        self.refresh_view(None);
        None
    }

    /// What a fetch is doing, for the header.
    pub fn fetching(&self) -> Option<&str> {
        self.fetch.doing.as_deref()
    }

    /// "offline · Daily Papers · Mon 30 Nov 2026, fetched 3 h ago", when a cached copy stands in.
    pub fn offline(&self) -> Option<&str> {
        self.fetch.offline.as_deref()
    }

    /// What the list means when it is empty ("No Daily Papers on Saturday 2026-11-28").
    pub fn empty_meaning(&self) -> Option<&str> {
        self.fetch.empty.as_deref()
    }
}

//! The filter's query: editing it asks the searcher for results under a new generation, and
//! only the newest generation's results are taken.

use super::{Effect, Mode, Model, Notice, Partial, QUERY_MAX};
use crate::library::Library;
use crate::sanitize;
use crate::search::query::Query;
use crate::search::{FIRST_PAGE, SearchRequest, Stage};

/// While only a broad query's best papers are ranked, more are asked for once the selection
/// comes this close to the last of them: they are ranked before the user gets there.
const RANK_AHEAD: usize = 100;
/// Most papers asked for ahead of the whole ranking: past them, it is as quick to wait for it.
const RANK_DEEPEST: usize = 1 << 16;

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
        self.filter.depth = FIRST_PAGE;
        self.filter.wants_last = false;
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
        // The last paper was asked for before the whole ranking was known: it is now.
        if complete && std::mem::take(&mut self.filter.wants_last) {
            self.select(self.visible().len().saturating_sub(1));
            self.following_top = false;
        }
        if complete && std::mem::take(&mut self.filter.grew_meanwhile) {
            return Some(self.new_search());
        }
        None
    }

    /// A search for the current query under a new generation.
    fn new_search(&mut self) -> Effect {
        self.filter.generation += 1;
        self.filter.depth = FIRST_PAGE;
        self.filter.searching = true;
        self.filter.grew_meanwhile = false;
        self.search_request()
    }

    fn search_request(&self) -> Effect {
        Effect::Search(SearchRequest {
            generation: self.filter.generation,
            query: tag_terms(&self.filter.text).1,
            library: self.library.clone(),
            depth: self.filter.depth,
        })
    }

    /// While a broad query shows only its best papers ranked, the list is ranked as far as it
    /// is scrolled: near the last ranked paper, four times as many are asked for (the same
    /// generation: the whole ranking goes on after them). A wish for the very last paper
    /// waits for the whole ranking instead.
    pub(super) fn rank_further(&mut self) -> Option<Effect> {
        let shown = self.visible().len();
        let near_end = self.selected + RANK_AHEAD >= shown;
        let ranked = self.filter.hits.as_ref().map_or(0, Vec::len);
        if self.filter.partial != Some(Partial::BestPage)
            || !near_end
            || self.filter.wants_last
            || ranked < self.filter.depth
            || ranked >= RANK_DEEPEST
        {
            return None;
        }
        self.filter.depth = ranked.saturating_mul(4);
        Some(self.search_request())
    }

    /// The selection moved: to the very end of a list still being ranked, the last paper is
    /// shown once the ranking is whole.
    pub(super) fn moved_to(&mut self, last: bool) {
        self.filter.wants_last = last && self.filter.searching && self.filter.partial.is_some();
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;
    use crate::action::Action as A;
    use crate::model::Report;
    use crate::model::testing::{library, reference};
    use crate::search::scan::{self, Among};

    /// 3,000 papers, each titled with "paper" as a word, a word's start or inside a word.
    fn broad() -> (Model, Library) {
        let titles: Vec<String> = (0..3_000)
            .map(|i| match i % 5 {
                0 => format!("paper {i}"),
                1 => format!("papers on things {i}"),
                2 => format!("a newspaper {i}"),
                _ => format!("other paper work {i}"),
            })
            .collect();
        let papers: Vec<(&str, &str, &str)> = titles.iter().map(|t| (t.as_str(), "", "")).collect();
        let lib = library(&papers, 700);
        let mut m = Model::new(lib.clone());
        m.update(A::Resize {
            width: 120,
            height: 36,
        });
        (m, lib)
    }

    fn searches(effects: &[Effect]) -> Vec<&SearchRequest> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Search(request) => Some(request),
                _ => None,
            })
            .collect()
    }

    /// The best page the searcher answers `request` with.
    fn best_page(request: &SearchRequest) -> Report {
        let query = Query::parse(&request.query);
        let never = AtomicBool::new(false);
        let page = scan::best_page(&request.library, &query, Among::All, request.depth, &never);
        Report::SearchDone {
            generation: request.generation,
            hits: page.unwrap().unwrap().into_iter().map(|(_, i)| i).collect(),
            stage: Stage::BestPage,
        }
    }

    fn shown(m: &Model) -> Vec<u32> {
        let v = m.visible();
        (0..v.len())
            .map(|pos| v.paper(pos).unwrap() as u32)
            .collect()
    }

    /// Types `query` and answers with its best page; returns the request.
    fn typed_and_paged(m: &mut Model, query: &str) -> SearchRequest {
        m.update(A::StartFilter);
        let mut request = None;
        for c in query.chars() {
            request = searches(&m.update(A::FilterInput(c))).pop().cloned();
        }
        let request = request.unwrap();
        assert_eq!(request.depth, FIRST_PAGE);
        m.take(best_page(&request));
        m.update(A::AcceptFilter);
        request
    }

    #[test]
    fn a_broad_querys_best_page_shows_ranked_and_scrolling_ranks_further() {
        let (mut m, lib) = broad();
        let all = reference(&lib, "paper");
        let first = typed_and_paged(&mut m, "paper");
        assert_eq!(shown(&m), all[..FIRST_PAGE]);
        assert_eq!(m.showing_first_page(), Some(Partial::BestPage));
        // Paging down: near the last ranked paper, four times as many are asked for.
        let mut asked = Vec::new();
        for _ in 0..20 {
            asked.extend(searches(&m.update(A::PageDown)).into_iter().cloned());
        }
        let [deeper] = asked.as_slice() else {
            panic!("one request for more, not {}", asked.len());
        };
        assert_eq!(
            (deeper.generation, deeper.depth),
            (first.generation, 4 * FIRST_PAGE)
        );
        let selected = m.selected_paper();
        m.take(best_page(deeper));
        assert_eq!(shown(&m), all[..4 * FIRST_PAGE]);
        assert_eq!(m.selected_paper(), selected, "the selection stays put");
        // The whole ranking comes last.
        m.take(Report::SearchDone {
            generation: first.generation,
            hits: all.clone(),
            stage: Stage::Complete,
        });
        assert_eq!(shown(&m), all);
        assert_eq!(m.selected_paper(), selected);
        assert!(searches(&m.update(A::SelectLast)).is_empty());
    }

    #[test]
    fn the_end_of_a_list_still_ranking_is_its_last_paper_once_known() {
        let (mut m, lib) = broad();
        let all = reference(&lib, "paper");
        let first = typed_and_paged(&mut m, "paper");
        // End asks for no more pages: the last paper is that of the whole ranking.
        assert!(searches(&m.update(A::SelectLast)).is_empty());
        assert_eq!(m.selected(), FIRST_PAGE - 1);
        m.take(Report::SearchDone {
            generation: first.generation,
            hits: all.clone(),
            stage: Stage::Complete,
        });
        assert_eq!(m.selected(), all.len() - 1);
        assert_eq!(m.selected_paper(), Some(*all.last().unwrap() as usize));
    }

    #[test]
    fn moving_after_end_drops_the_wish_for_the_last_paper() {
        let (mut m, lib) = broad();
        let all = reference(&lib, "paper");
        let first = typed_and_paged(&mut m, "paper");
        m.update(A::SelectLast);
        m.update(A::SelectFirst);
        m.take(Report::SearchDone {
            generation: first.generation,
            hits: all,
            stage: Stage::Complete,
        });
        assert_eq!(m.selected(), 0);
    }
}

//! The background searcher: ranks the newest query off the UI thread, so typing never waits.
//!
//! A newer request cancels the running search at once. Finished rankings are cached by query:
//! a query that extends a cached one (`pre` -> `pret`) only searches within its results, a
//! query seen before (after Backspace) is answered at once, and when the list grows only the
//! new papers are searched and merged in. A broad query's best page is ranked first (an exact
//! top-k, which bounds from the titles make cheap), then deeper pages as far as the list is
//! scrolled, while the whole ranking finishes.

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::{Latest, Reply};
use crate::library::latex;
use crate::model::Report;
use crate::search::query::{Hit, Query};
use crate::search::scan::{self, Among, Cancelled};
use crate::search::{FIRST_PAGE, SearchRequest, Stage};

/// Below this many papers to search, the full ranking is quick enough to show at once.
const PAGE_FIRST_ABOVE: usize = 10_000;
/// A query is broad if a first page of matches is among this many papers: then that page is
/// shown, in list order, while the ranking runs (when the best page cannot be found cheaply).
const BROAD_WITHIN: usize = 20_000;
/// An earlier ranking holding more than this share of the papers (1/n) is not searched within:
/// whole chunks are searched in bulk, which is quicker than paper by paper at that density.
const WITHIN_SHARE: usize = 4;
/// Rankings kept for narrowing and Backspace.
const CACHE_ENTRIES: usize = 8;
/// Most hits the cache holds in all (16 bytes each), so it never rivals the library's size.
const CACHE_HITS: usize = 4_000_000;

/// A handle on the search thread. Dropping it ends the thread once it is idle.
pub struct Searcher {
    requests: Latest<SearchRequest>,
}

impl Searcher {
    /// Starts the search thread. It replies [`Report::SearchDone`] for each answer (a first
    /// page, then the whole ranking); when nobody listens any more the thread ends.
    pub fn spawn(reply: Box<Reply>) -> io::Result<Searcher> {
        let requests = Latest::default();
        let queue = requests.clone();
        super::spawn("search", move || serve(&queue, &*reply))?;
        Ok(Searcher { requests })
    }

    /// Asks for a ranking; a search under way for an older request stops at once.
    pub fn submit(&self, request: SearchRequest) {
        self.requests.put(request);
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.requests.close();
    }
}

fn serve(queue: &Latest<SearchRequest>, reply: &Reply) {
    let mut cache = Cache::default();
    while let Some(request) = queue.take() {
        let generation = request.generation;
        let mut listening = true;
        let result = answer(&mut cache, &request, queue.stale(), &mut |hits, stage| {
            listening = reply(Report::SearchDone {
                generation,
                hits,
                stage,
            });
        });
        if !listening {
            break;
        }
        // A cancelled search is simply dropped: the request that cancelled it is waiting.
        let _: Result<(), Cancelled> = result;
    }
}

/// Answers one request through `emit(hits, stage)`, using and filling the cache.
fn answer(
    cache: &mut Cache,
    request: &SearchRequest,
    cancel: &AtomicBool,
    emit: &mut dyn FnMut(Vec<u32>, Stage),
) -> Result<(), Cancelled> {
    let lib = &request.library;
    let query = Query::parse(&request.query);
    let key = terms_of(&request.query);
    let (from, within) = match cache.get(&key) {
        Some(entry) if entry.len == lib.len() => {
            emit(indices(&entry.hits), Stage::Complete);
            return Ok(());
        }
        // The list grew: only the new papers are searched, then merged in.
        Some(entry) => (entry.len, Some(entry)),
        None => match cache.narrowest_for(&key) {
            Some(entry) if entry.hits.len() <= lib.len() / WITHIN_SHARE => (entry.len, Some(entry)),
            _ => (0, None),
        },
    };
    let exact = within.as_ref().is_some_and(|e| e.key == key);
    let candidates = within.as_ref().map_or(0, |e| e.hits.len()) + lib.len() - from;
    let ids: Option<Vec<u32>> = within
        .as_ref()
        .filter(|_| !exact)
        .map(|e| e.hits.iter().map(|&(_, i)| i).collect());
    // The grown papers' part and the earlier part, each ranked, then merged: the whole ranking
    // (`limit` None) or its best `limit` (found by bounds: None if that is no quicker).
    let search = |limit: Option<usize>| -> Result<Option<Vec<Hit>>, Cancelled> {
        let part = |scope: Among<'_>| match limit {
            Some(k) => scan::best_page(lib, &query, scope, k, cancel),
            None => scan::ranked(lib, &query, scope, None, cancel).map(Some),
        };
        let Some(grown) = part(Among::From(from))? else {
            return Ok(None);
        };
        let earlier = match (&within, &ids) {
            (Some(entry), None) => entry.hits.clone(),
            (_, Some(ids)) => match part(Among::Within(ids))? {
                Some(hits) => Arc::new(hits),
                None => return Ok(None),
            },
            (None, None) => return Ok(Some(grown)),
        };
        let mut all = scan::merge(&earlier, &grown);
        all.truncate(limit.unwrap_or(usize::MAX));
        Ok(Some(all))
    };
    if candidates > PAGE_FIRST_ABOVE && !exact {
        // First screens before the whole ranking: the best page when bounds find it cheaply
        // (then every screen shown is in its final order), else the first matches in list
        // order when they are dense enough to find at once.
        let depth = request.depth.max(FIRST_PAGE);
        match search(Some(depth))? {
            // Fewer than asked: every match was scored, and this is the whole ranking.
            Some(best) if best.len() < depth => {
                finish(cache, key, lib.len(), best, emit);
                return Ok(());
            }
            Some(best) => emit(indices(&best), Stage::BestPage),
            None => {
                let scope = ids.as_deref().map_or(Among::From(from), Among::Within);
                if let Some(page) =
                    scan::first_in_order(lib, &query, scope, FIRST_PAGE, BROAD_WITHIN)
                {
                    emit(page, Stage::ListOrder);
                }
            }
        }
    }
    let hits = search(None)?.expect("a whole ranking is always found");
    finish(cache, key, lib.len(), hits, emit);
    Ok(())
}

/// Shows and keeps a whole ranking.
fn finish(
    cache: &mut Cache,
    key: String,
    len: usize,
    hits: Vec<Hit>,
    emit: &mut dyn FnMut(Vec<u32>, Stage),
) {
    emit(indices(&hits), Stage::Complete);
    cache.put(Entry {
        key,
        len,
        hits: Arc::new(hits),
    });
}

fn indices(hits: &[Hit]) -> Vec<u32> {
    hits.iter().map(|&(_, i)| i).collect()
}

/// The query's terms joined by single spaces: queries that differ only in spacing are one.
fn terms_of(query: &str) -> String {
    query.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True if query `key` extends `older` so that it can only narrow the results: more terms, or
/// a longer last term. Not so when it adds an alternative (`a | b`), nor when the last term
/// grows from a negation (`!a` excludes more than `!ab`), an end (`a$` is not `a$b`), with
/// a hyphen in it, or into the name of a symbol (`lambd` finds no `λ`, `lambda` does).
fn narrows(key: &str, older: &str) -> bool {
    let Some(added) = key.strip_prefix(older) else {
        return false;
    };
    let grows_last = !added.is_empty() && !added.starts_with(' ');
    let last = older.rsplit(' ').next().unwrap_or("");
    let grown = key.rsplit(' ').next().unwrap_or("");
    // A hyphen typed into a word may be left out where it sits between letters, and so
    // match more (`pre-` finds less than `pre-t`, which finds "pret").
    let grows_safely = !grows_last
        || !(last.starts_with('!')
            || last.ends_with('$')
            || grown.contains('-')
            || !latex::symbols_named(grown).is_empty());
    grows_safely && !key.split(' ').any(|t| t == "|")
}

#[derive(Clone)]
struct Entry {
    key: String,
    /// The library length the ranking covers (papers are only ever appended).
    len: usize,
    hits: Arc<Vec<Hit>>,
}

/// Finished rankings, most recent first.
#[derive(Default)]
struct Cache {
    entries: VecDeque<Entry>,
}

impl Cache {
    fn get(&self, key: &str) -> Option<Entry> {
        self.entries.iter().find(|e| e.key == key).cloned()
    }

    /// The ranking of the longest cached query that `key` only narrows, so that the new
    /// results are among the old ones.
    fn narrowest_for(&self, key: &str) -> Option<Entry> {
        self.entries
            .iter()
            .filter(|e| !e.key.is_empty() && narrows(key, &e.key))
            .max_by_key(|e| e.key.len())
            .cloned()
    }

    fn put(&mut self, entry: Entry) {
        self.entries.retain(|e| e.key != entry.key);
        self.entries.push_front(entry);
        self.entries.truncate(CACHE_ENTRIES);
        let mut total = 0;
        self.entries.retain(|e| {
            total += e.hits.len();
            total <= CACHE_HITS
        });
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use crate::library::Library;
    use crate::load::{Source, load_all};

    fn bundled() -> Library {
        load_all(&[Source::Bundled]).unwrap().library
    }

    fn ask(cache: &mut Cache, library: &Library, query: &str) -> Vec<(Vec<u32>, Stage)> {
        ask_deeper(cache, library, query, FIRST_PAGE)
    }

    fn ask_deeper(
        cache: &mut Cache,
        library: &Library,
        query: &str,
        depth: usize,
    ) -> Vec<(Vec<u32>, Stage)> {
        let request = SearchRequest {
            generation: 1,
            query: query.into(),
            library: library.clone(),
            depth,
        };
        let mut answers = Vec::new();
        answer(
            cache,
            &request,
            &AtomicBool::new(false),
            &mut |hits, stage| answers.push((hits, stage)),
        )
        .unwrap();
        answers
    }

    #[test]
    fn cached_narrowed_and_fresh_answers_agree() {
        let lib = bundled();
        let mut cache = Cache::default();
        for query in [
            "p",
            "pr",
            "pre",
            "pret",
            "pretrain",
            "pretrain  la",
            "pre",
            "la",
            "lan",
            "lan |",
            "lan | gal",
            "!pr",
            "!pre",
            "^pre",
            "^pret",
            "s$",
            "s$ la",
            "difusion",
            "pre-",
            "pre-t",
            "pre-training",
        ] {
            let answers = ask(&mut cache, &lib, query);
            let (hits, stage) = answers.last().unwrap();
            assert_eq!(*stage, Stage::Complete);
            let fresh = crate::search::run(&SearchRequest {
                generation: 0,
                query: query.into(),
                library: lib.clone(),
                depth: FIRST_PAGE,
            });
            assert_eq!(hits, &fresh, "query {query:?}");
        }
    }

    #[test]
    fn only_queries_that_narrow_search_within_earlier_results() {
        assert!(narrows("pret", "pre"));
        assert!(narrows("pre train", "pre"));
        assert!(narrows("^pre !x", "^pre"));
        assert!(!narrows("pre | x", "pre"));
        assert!(!narrows("!ab", "!a"));
        assert!(!narrows("a$b", "a$"));
        assert!(narrows("a$ b", "a$"));
        assert!(!narrows("xpre", "pre"));
        assert!(!narrows("pre-t", "pre-"));
        assert!(narrows("pre-t x", "pre-t"));
        assert!(!narrows("lambda", "lambd"));
        assert!(narrows("lambdas", "lambda"));
        assert!(narrows("lambda x", "lambda"));
    }

    #[test]
    fn a_grown_list_is_ranked_as_if_searched_whole() {
        let whole = bundled();
        let mut cache = Cache::default();
        // The same papers, first only the first chunk's worth: build a prefix library.
        let mut builder = crate::library::LibraryBuilder::default();
        let mut first = crate::library::Chunk::default();
        for p in whole.iter().take(40) {
            first.push(&raw(&p)).unwrap();
        }
        builder.append(first);
        let partial = builder.library().clone();
        let mut rest = crate::library::Chunk::default();
        for p in whole.iter().skip(40) {
            rest.push(&raw(&p)).unwrap();
        }
        builder.append(rest);
        let grown = builder.into_library();
        ask(&mut cache, &partial, "model");
        let answers = ask(&mut cache, &grown, "model");
        let expected = crate::search::run(&SearchRequest {
            generation: 0,
            query: "model".into(),
            library: whole.clone(),
            depth: FIRST_PAGE,
        });
        assert_eq!(answers, [(expected, Stage::Complete)]);
    }

    /// 60,000 papers: "paper" in every title (broad), "zebra" in one in 200 (a few hundred),
    /// "stripes" in one abstract in 7 and nowhere else.
    fn zebras() -> Library {
        let titles: Vec<String> = (0..60_000)
            .map(|i| match i % 200 {
                0 => format!("zebra study paper {i}"),
                1 if i % 600 == 1 => format!("Zebra: a study {i}"),
                _ => format!("paper {i}"),
            })
            .collect();
        let papers: Vec<(&str, &str, &str)> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    t.as_str(),
                    "",
                    if i % 7 == 0 { "on stripes" } else { "plain" },
                )
            })
            .collect();
        crate::model::testing::library(&papers, 4096)
    }

    #[test]
    fn a_broad_querys_best_page_comes_first_and_is_the_top_of_the_ranking() {
        let lib = zebras();
        for query in ["paper", "zebra", "pa", "zeb stu"] {
            let answers = ask(&mut Cache::default(), &lib, query);
            let [(page, Stage::BestPage), (all, Stage::Complete)] = answers.as_slice() else {
                panic!("{query:?}: expected the best page, then the ranking");
            };
            assert_eq!(
                all,
                &crate::model::testing::reference(&lib, query),
                "{query:?}"
            );
            assert_eq!(page.as_slice(), &all[..FIRST_PAGE], "{query:?}");
        }
    }

    #[test]
    fn deeper_pages_are_ranked_as_asked() {
        let lib = zebras();
        let reference = crate::model::testing::reference(&lib, "paper");
        for depth in [0, FIRST_PAGE, 1000, 4 * 1024] {
            let answers = ask_deeper(&mut Cache::default(), &lib, "paper", depth);
            let [(page, Stage::BestPage), (all, Stage::Complete)] = answers.as_slice() else {
                panic!("expected the best page, then the ranking");
            };
            assert_eq!(page.as_slice(), &reference[..depth.max(FIRST_PAGE)]);
            assert_eq!(all, &reference);
        }
    }

    #[test]
    fn a_best_page_with_room_to_spare_is_the_whole_ranking() {
        let lib = zebras();
        // 400 zebras: asked for 1000, they are all there is.
        let answers = ask_deeper(&mut Cache::default(), &lib, "zebra", 1000);
        let [(all, Stage::Complete)] = answers.as_slice() else {
            panic!("expected the ranking at once");
        };
        assert_eq!(all, &crate::model::testing::reference(&lib, "zebra"));
        // Cached: the same answer at once.
        let mut cache = Cache::default();
        ask_deeper(&mut cache, &lib, "zebra", 1000);
        assert_eq!(ask(&mut cache, &lib, "zebra"), answers);
    }

    #[test]
    fn without_a_cheap_best_page_the_first_matches_show_in_list_order() {
        // The bounds rest on the abstracts (only they hold "stripes"): the first matches in
        // list order, then the ranking.
        let lib = zebras();
        let answers = ask(&mut Cache::default(), &lib, "stripe");
        let [(page, Stage::ListOrder), (all, Stage::Complete)] = answers.as_slice() else {
            panic!("expected the first matches in list order, then the ranking");
        };
        assert!(page.windows(2).all(|w| w[0] < w[1]) && page.len() == FIRST_PAGE);
        assert_eq!(all, &crate::model::testing::reference(&lib, "stripe"));
    }

    #[test]
    fn a_query_narrowing_most_of_the_list_searches_it_whole() {
        let lib = zebras();
        let mut cache = Cache::default();
        for query in [
            "p",
            "pa",
            "pap",
            "paper",
            "paper z",
            "paper ze",
            "paper zeb",
        ] {
            let answers = ask(&mut cache, &lib, query);
            let (all, stage) = answers.last().unwrap();
            assert_eq!(*stage, Stage::Complete);
            assert_eq!(
                all,
                &crate::model::testing::reference(&lib, query),
                "{query:?}"
            );
        }
    }

    fn raw<'a>(p: &crate::library::PaperRef<'a>) -> crate::library::RawPaper<'a> {
        crate::library::RawPaper {
            title: p.title().into(),
            abstract_text: p.abstract_text().into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_newest_request_is_always_answered_and_answers_never_go_back_in_time() {
        let library = bundled();
        let (tx, rx) = mpsc::channel();
        let searcher = Searcher::spawn(Box::new(move |report| match report {
            Report::SearchDone {
                generation,
                hits,
                stage,
            } => tx.send((generation, hits, stage)).is_ok(),
            _ => true,
        }))
        .unwrap();
        for (generation, query) in [(1, "g"), (2, "ga"), (3, "galore")] {
            searcher.submit(SearchRequest {
                generation,
                query: query.into(),
                library: library.clone(),
                depth: FIRST_PAGE,
            });
        }
        let mut seen = Vec::new();
        loop {
            // A guard against a hang, not a timing assertion.
            let (generation, hits, stage) = rx.recv_timeout(Duration::from_mins(1)).unwrap();
            let complete = stage == Stage::Complete;
            seen.push(generation);
            if generation == 3 && complete {
                assert!(library.get(hits[0] as usize).title().starts_with("GaLore"));
                break;
            }
        }
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    }
}

//! The search engine: runs a query over a library on all cores. A search can be cancelled (a
//! newer keystroke), and can be limited to earlier results (a query that extends the last one
//! only narrows it). Ranking is [`Query::score`] and [`filter::rank`], whoever calls.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use aho_corasick::Input;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::filter::{self, Hit, Query};
use super::library::{Chunk, Library};

/// The search was cancelled before it finished.
#[derive(Debug, PartialEq, Eq)]
pub struct Cancelled;

/// How often (in papers) a scan looks at the cancel flag.
const CANCEL_EVERY: usize = 1024;
/// Papers per task when searching within earlier results.
const WITHIN_TASK: usize = 4096;
const NOWHERE: u32 = u32::MAX;

/// Which papers a search looks at.
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    All,
    /// Papers from this index on: those a growing list added since the last search.
    From(usize),
    /// These papers, in any order: the results of a query the new one only narrows.
    Within(&'a [u32]),
}

/// The papers matching `query`, best first, at most `limit`; only among `within` when given.
/// An empty query keeps list order (or `within`'s order).
pub fn search(
    lib: &Library,
    query: &Query,
    within: Option<&[u32]>,
    limit: Option<usize>,
    cancel: &AtomicBool,
) -> Result<Vec<u32>, Cancelled> {
    let scope = within.map_or(Scope::All, Scope::Within);
    Ok(ranked(lib, query, scope, limit, cancel)?
        .into_iter()
        .map(|(_, i)| i)
        .collect())
}

/// [`search`] over a [`Scope`], with the scores, so results can be merged later.
pub fn ranked(
    lib: &Library,
    query: &Query,
    scope: Scope<'_>,
    limit: Option<usize>,
    cancel: &AtomicBool,
) -> Result<Vec<Hit>, Cancelled> {
    let take = limit.unwrap_or(usize::MAX);
    if query.is_empty() {
        return Ok(match scope {
            Scope::Within(ids) => ids.iter().take(take).map(|&i| (0, i)).collect(),
            Scope::All | Scope::From(_) => {
                let from = match scope {
                    Scope::From(from) => from,
                    _ => 0,
                };
                (from..lib.len())
                    .take(take)
                    .map(|i| (0, i as u32))
                    .collect()
            }
        });
    }
    let matcher = crate::model::filter::matcher();
    let bar = Bar::new(limit);
    let hits: Vec<Vec<Hit>> = match scope {
        Scope::All | Scope::From(_) => {
            let from = if let Scope::From(from) = scope {
                from
            } else {
                0
            };
            let chunks: Vec<(usize, &Chunk)> = lib
                .chunks()
                .filter(|(start, chunk)| start + chunk.len() > from)
                .collect();
            chunks
                .into_par_iter()
                .map(|(start, chunk)| {
                    let skip = from.saturating_sub(start);
                    scan_chunk(query, &matcher, chunk, start, skip, &bar, cancel)
                })
                .collect::<Result<_, _>>()?
        }
        Scope::Within(ids) => {
            // Earlier results come best first, scattered over the library: in list order
            // the papers are read from memory front to back instead of at random.
            let mut ids = ids.to_vec();
            ids.par_sort_unstable();
            ids.par_chunks(WITHIN_TASK)
                .map(|ids| scan_within(query, &matcher, lib, ids, &bar, cancel))
                .collect::<Result<_, _>>()?
        }
    };
    Ok(filter::rank_hits(
        hits.into_iter().flatten().collect(),
        limit,
    ))
}

/// The first `n` papers matching `query` in list order (among `scope`), found without
/// scoring, or None if fewer than `n` are among the first `budget` papers looked at: a quick
/// first screen for a broad query while its ranking runs.
pub fn first_in_order(
    lib: &Library,
    query: &Query,
    scope: Scope<'_>,
    n: usize,
    budget: usize,
) -> Option<Vec<u32>> {
    let matcher = filter::matcher();
    let sorted;
    let candidates: Box<dyn Iterator<Item = u32>> = match scope {
        Scope::All => Box::new(0..lib.len() as u32),
        Scope::From(from) => Box::new(from as u32..lib.len() as u32),
        Scope::Within(ids) => {
            sorted = {
                let mut ids = ids.to_vec();
                ids.sort_unstable();
                ids
            };
            Box::new(sorted.iter().copied())
        }
    };
    let found: Vec<u32> = candidates
        .take(budget)
        .filter(|&i| query.matches(&matcher, &lib.get(i as usize)))
        .take(n)
        .collect();
    (found.len() == n).then_some(found)
}

/// Merges two rankings (each best first) into one.
pub fn merge(a: &[Hit], b: &[Hit]) -> Vec<Hit> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if filter::best_first(&a[i], &b[j]).is_le() {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Scores every paper of a chunk. Each term is first looked for in all the chunk's abstracts
/// in one pass, which is far cheaper than one search per abstract.
fn scan_chunk(
    query: &Query,
    matcher: &SkimMatcherV2,
    chunk: &Chunk,
    start: usize,
    skip: usize,
    bar: &Bar,
    cancel: &AtomicBool,
) -> Result<Vec<Hit>, Cancelled> {
    let (text, ends) = chunk.abstracts();
    let firsts: Vec<Vec<u32>> = query
        .abstract_finders()
        .map(|finder| first_matches(finder, text, ends))
        .collect();
    let mut best = Best::new(bar.limit);
    for i in skip..chunk.len() {
        if i % CANCEL_EVERY == 0 && cancel.load(Ordering::Relaxed) {
            return Err(Cancelled);
        }
        let paper = chunk.get(i);
        if bar.limit.is_some() {
            let bound = query.upper_bound(&paper, |k| firsts[k][i] != NOWHERE);
            let index = (start + i) as u32;
            if bound.is_none_or(|b| b < bar.shared() || best.full_and_beats(b, index)) {
                continue;
            }
        }
        let from = if i == 0 { 0 } else { ends[i - 1] };
        let first = |k: usize| match firsts[k][i] {
            NOWHERE => None,
            at => Some((at - from) as usize),
        };
        if let Some(score) = query.score_with(matcher, &paper, first) {
            best.offer(score, (start + i) as u32, bar);
        }
    }
    Ok(best.into_vec())
}

/// Scores the papers `ids` (in any order: each is compared with what it must beat on its own).
fn scan_within(
    query: &Query,
    matcher: &SkimMatcherV2,
    lib: &Library,
    ids: &[u32],
    bar: &Bar,
    cancel: &AtomicBool,
) -> Result<Vec<(i64, u32)>, Cancelled> {
    let mut best = Best::new(bar.limit);
    let finders: Vec<_> = query.abstract_finders().collect();
    // Where each term first occurs in the abstract, looked for only when asked.
    let mut firsts: Vec<Option<Option<usize>>> = vec![None; finders.len()];
    for (n, &i) in ids.iter().enumerate() {
        if n % CANCEL_EVERY == 0 && cancel.load(Ordering::Relaxed) {
            return Err(Cancelled);
        }
        let paper = lib.get(i as usize);
        let abs = paper.abstract_text();
        firsts.fill(None);
        let mut first =
            |k: usize| *firsts[k].get_or_insert_with(|| finders[k].find(abs).map(|m| m.start()));
        if bar.limit.is_some() {
            let bound = query.upper_bound(&paper, |k| first(k).is_some());
            if bound.is_none_or(|b| b < bar.shared() || best.full_and_beats(b, i)) {
                continue;
            }
        }
        if let Some(score) = query.score_with(matcher, &paper, first) {
            best.offer(score, i, bar);
        }
    }
    Ok(best.into_vec())
}

/// With a limit, the score a paper must beat to be wanted anywhere: the highest "worst of the
/// best `limit`" any task holds so far. Tasks cover other parts of the list, so only a bound
/// strictly below it rules a paper out.
struct Bar {
    limit: Option<usize>,
    worst_kept: AtomicI64,
}

impl Bar {
    fn new(limit: Option<usize>) -> Bar {
        Bar {
            limit,
            worst_kept: AtomicI64::new(i64::MIN),
        }
    }

    fn shared(&self) -> i64 {
        self.worst_kept.load(Ordering::Relaxed)
    }
}

/// One task's hits: all of them, or with a limit only the best `limit` (a min-heap whose top
/// is the worst kept: lowest score, then latest in the list).
struct Best {
    limit: Option<usize>,
    all: Vec<(i64, u32)>,
    heap: BinaryHeap<Reverse<(i64, Reverse<u32>)>>,
}

impl Best {
    fn new(limit: Option<usize>) -> Best {
        Best {
            limit,
            all: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    /// True if `limit` papers are kept and each beats a paper at `index` scoring `score`
    /// (a higher score, or the same one earlier in the list).
    fn full_and_beats(&self, score: i64, index: u32) -> bool {
        let full = self.limit.is_some_and(|l| self.heap.len() >= l);
        full && self
            .heap
            .peek()
            .is_some_and(|Reverse(worst)| (score, Reverse(index)) <= *worst)
    }

    fn offer(&mut self, score: i64, index: u32, bar: &Bar) {
        let Some(limit) = self.limit else {
            self.all.push((score, index));
            return;
        };
        if limit == 0 || self.full_and_beats(score, index) {
            return;
        }
        self.heap.push(Reverse((score, Reverse(index))));
        if self.heap.len() > limit {
            self.heap.pop();
        }
        if self.heap.len() == limit
            && let Some(Reverse((worst, _))) = self.heap.peek()
        {
            bar.worst_kept.fetch_max(*worst, Ordering::Relaxed);
        }
    }

    fn into_vec(self) -> Vec<(i64, u32)> {
        match self.limit {
            None => self.all,
            Some(_) => self
                .heap
                .into_iter()
                .map(|Reverse((s, Reverse(i)))| (s, i))
                .collect(),
        }
    }
}

/// For each abstract (ending at `ends[i]` in `text`), the offset in `text` of the term's
/// first occurrence, or NOWHERE. After a hit the search jumps to the next abstract.
fn first_matches(finder: &aho_corasick::AhoCorasick, text: &str, ends: &[u32]) -> Vec<u32> {
    let mut firsts = vec![NOWHERE; ends.len()];
    let mut pos = 0;
    while let Some(m) = finder.find(Input::new(text).span(pos..text.len())) {
        let i = ends.partition_point(|&e| e as usize <= m.start());
        let end = ends[i] as usize;
        if m.end() <= end {
            firsts[i] = m.start() as u32;
            pos = end;
        } else {
            // A match across two abstracts is none; look again just after its start.
            pos = m.start() + 1;
        }
    }
    firsts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{self, Lcg};

    /// Papers spread over several chunks, so the bulk scan meets chunk and abstract borders.
    fn library(papers: &[(&str, &str)], per_chunk: usize) -> Library {
        let papers: Vec<_> = papers.iter().map(|(t, a)| (*t, "Ann Author", *a)).collect();
        testing::library(&papers, per_chunk)
    }

    fn run(lib: &Library, q: &str, within: Option<&[u32]>) -> Vec<u32> {
        search(lib, &Query::parse(q), within, None, &AtomicBool::new(false)).unwrap()
    }

    #[test]
    fn bulk_abstract_search_agrees_with_the_plain_scan() {
        let lib = library(
            &[
                ("One", "alpha beta"),
                ("Two", "gamma alp"),
                ("Three", "ha beta alpha"),
                ("Four", ""),
                ("Alpha five", "nothing"),
                ("Six", "xalphax"),
            ],
            2,
        );
        for q in [
            "alpha", "alp", "ha", "beta", "al be", "x", "nothing", "zz", "Alpha",
        ] {
            assert_eq!(
                run(&lib, q, None),
                testing::reference(&lib, q),
                "query {q:?}"
            );
        }
    }

    #[test]
    fn random_corpora_and_queries_rank_as_the_plain_scan_does() {
        let mut random = Lcg(2024);
        let letters: Vec<char> = "abcdeABCDE  -é".chars().collect();
        let never = AtomicBool::new(false);
        for round in 0..40 {
            let papers: Vec<(String, String, String)> = (0..1 + random.below(120))
                .map(|_| {
                    let title = format!("t{} {}", random.below(9), random.string(&letters, 12));
                    (
                        title,
                        random.string(&letters, 6),
                        random.string(&letters, 40),
                    )
                })
                .collect();
            let papers: Vec<(&str, &str, &str)> = papers
                .iter()
                .map(|(t, a, b)| (t.as_str(), a.as_str(), b.as_str()))
                .collect();
            let lib = testing::library(&papers, 1 + random.below(30));
            for _ in 0..10 {
                let len = 1 + random.below(5);
                let q = random.string(&letters, len);
                let expected = testing::reference(&lib, &q);
                let query = Query::parse(&q);
                let m = filter::matcher();
                let matching: Vec<u32> = (0..lib.len() as u32)
                    .filter(|&i| query.matches(&m, &lib.get(i as usize)))
                    .collect();
                let mut ranked_set = expected.clone();
                ranked_set.sort_unstable();
                assert_eq!(
                    matching, ranked_set,
                    "matches() and score() disagree on {q:?}"
                );
                let n = matching.len().min(3);
                if n > 0 {
                    let page = first_in_order(&lib, &query, Scope::All, n, lib.len());
                    assert_eq!(page.as_deref(), Some(&matching[..n]), "{q:?}");
                }
                assert_eq!(run(&lib, &q, None), expected, "round {round}, query {q:?}");
                let limit = 1 + random.below(10);
                let top = search(&lib, &Query::parse(&q), None, Some(limit), &never).unwrap();
                assert_eq!(
                    top,
                    expected[..limit.min(expected.len())],
                    "{q:?} limit {limit}"
                );
                // Narrowing: the results of a prefix of the query, then the query within them.
                let prefix = &q[..q.char_indices().nth(1).map_or(q.len(), |(i, _)| i)];
                let broad = run(&lib, prefix, None);
                assert_eq!(
                    run(&lib, &q, Some(&broad)),
                    expected,
                    "{q:?} within {prefix:?}"
                );
            }
        }
    }

    #[test]
    fn a_match_across_two_abstracts_is_not_a_match() {
        let lib = library(&[("One", "ends with al"), ("Two", "pha starts")], 2);
        assert!(run(&lib, "alpha", None).is_empty());
    }

    #[test]
    fn narrowing_within_earlier_results_equals_a_fresh_search() {
        let lib = library(
            &[
                ("pretraining", "a"),
                ("pre", "b"),
                ("training", "c"),
                ("pretrain x", "d"),
            ],
            3,
        );
        let broad = run(&lib, "pre", None);
        assert_eq!(
            run(&lib, "pretrain", Some(&broad)),
            run(&lib, "pretrain", None)
        );
    }

    #[test]
    fn a_cancelled_search_says_so() {
        let lib = library(&[("a", "a"); 3000].map(|(t, a)| (t, a)), 3000);
        let cancel = AtomicBool::new(true);
        assert_eq!(
            search(&lib, &Query::parse("a"), None, None, &cancel),
            Err(Cancelled)
        );
    }

    #[test]
    fn a_limited_search_is_the_top_of_the_full_ranking() {
        let titles: Vec<String> = (0..500)
            .map(|i| match i % 7 {
                0 => format!("Pretraining models {i}"),
                1 => format!("pretrain {i}"),
                2 => format!("a preliminary training {i}"),
                3 => format!("Other work {i}"),
                4 => format!("PRE-TRAINING {i}"),
                5 => format!("xp r e t r a i n {i}"),
                _ => format!("Re-pretraining {i}"),
            })
            .collect();
        let papers: Vec<(&str, &str)> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), if i % 5 == 0 { "we pretrain here" } else { "" }))
            .collect();
        let lib = library(&papers, 37);
        let never = AtomicBool::new(false);
        for q in ["pretrain", "pre train", "Pre", "xp", "models 4", "here"] {
            let full = run(&lib, q, None);
            for limit in [1, 5, 50, 1000] {
                let top = search(&lib, &Query::parse(q), None, Some(limit), &never).unwrap();
                assert_eq!(top, full[..limit.min(full.len())], "{q:?} limit {limit}");
            }
        }
    }

    #[test]
    fn a_limited_search_within_results_is_the_top_of_the_full_ranking() {
        let titles: Vec<String> = (0..300)
            .map(|i| format!("pre {i} train {}", i % 13))
            .collect();
        let papers: Vec<(&str, &str)> = titles.iter().map(|t| (t.as_str(), "")).collect();
        let lib = library(&papers, 50);
        let mut within: Vec<u32> = (0..300).rev().collect();
        within.retain(|i| i % 3 != 0);
        let never = AtomicBool::new(false);
        let full = run(&lib, "pretrain 1", Some(&within));
        for limit in [1, 7, 500] {
            let top = search(
                &lib,
                &Query::parse("pretrain 1"),
                Some(&within),
                Some(limit),
                &never,
            )
            .unwrap();
            assert_eq!(top, full[..limit.min(full.len())], "limit {limit}");
        }
    }

    #[test]
    fn a_grown_list_is_searched_from_where_it_grew_and_merged() {
        let papers: Vec<(String, String)> = (0..400)
            .map(|i| {
                (
                    format!("paper {i} on pretraining"),
                    format!("abstract {}", i % 9),
                )
            })
            .collect();
        let papers: Vec<(&str, &str)> = papers
            .iter()
            .map(|(t, a)| (t.as_str(), a.as_str()))
            .collect();
        let lib = library(&papers, 64);
        let never = AtomicBool::new(false);
        let q = Query::parse("pre 3");
        let whole = ranked(&lib, &q, Scope::All, None, &never).unwrap();
        for from in [0, 1, 63, 64, 65, 250, 399, 400] {
            let before = ranked(
                &lib,
                &q,
                Scope::Within(&(0..from as u32).collect::<Vec<_>>()),
                None,
                &never,
            )
            .unwrap();
            let after = ranked(&lib, &q, Scope::From(from), None, &never).unwrap();
            assert_eq!(merge(&before, &after), whole, "grown from {from}");
        }
    }

    #[test]
    fn limits_keep_the_best() {
        let lib = library(&[("galore", ""), ("g a l o r e", ""), ("GaLore x", "")], 3);
        assert_eq!(
            search(
                &lib,
                &Query::parse("galore"),
                None,
                Some(1),
                &AtomicBool::new(false)
            ),
            Ok(vec![0])
        );
    }
}

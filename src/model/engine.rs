//! The search engine: runs a query over a library on all cores. A search can be cancelled (a
//! newer keystroke), and can be limited to earlier results (a query that extends the last one
//! only narrows it). Ranking is [`Query::score`] and [`filter::rank`], whoever calls.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use aho_corasick::Input;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::filter::{self, Query};
use super::library::{Chunk, Library};

/// The search was cancelled before it finished.
#[derive(Debug, PartialEq, Eq)]
pub struct Cancelled;

/// How often (in papers) a scan looks at the cancel flag.
const CANCEL_EVERY: usize = 1024;
/// Papers per task when searching within earlier results.
const WITHIN_TASK: usize = 4096;
const NOWHERE: u32 = u32::MAX;

/// The papers matching `query`, best first, at most `limit`; only among `within` when given
/// (any order). An empty query keeps list order (or `within`'s order).
pub fn search(
    lib: &Library,
    query: &Query,
    within: Option<&[u32]>,
    limit: Option<usize>,
    cancel: &AtomicBool,
) -> Result<Vec<u32>, Cancelled> {
    let take = limit.unwrap_or(usize::MAX);
    if query.is_empty() {
        return Ok(match within {
            Some(ids) => ids.iter().copied().take(take).collect(),
            None => (0..lib.len().min(take) as u32).collect(),
        });
    }
    let matcher = SkimMatcherV2::default();
    let bar = Bar::new(limit);
    let hits: Vec<Vec<(i64, u32)>> = match within {
        None => {
            let chunks: Vec<(usize, &Chunk)> = lib.chunks().collect();
            chunks
                .into_par_iter()
                .map(|(start, chunk)| scan_chunk(query, &matcher, chunk, start, &bar, cancel))
                .collect::<Result<_, _>>()?
        }
        Some(ids) => ids
            .par_chunks(WITHIN_TASK)
            .map(|ids| scan_within(query, &matcher, lib, ids, &bar, cancel))
            .collect::<Result<_, _>>()?,
    };
    Ok(filter::rank(hits.into_iter().flatten().collect(), limit))
}

/// Scores every paper of a chunk. Each term is first looked for in all the chunk's abstracts
/// in one pass, which is far cheaper than one search per abstract.
fn scan_chunk(
    query: &Query,
    matcher: &SkimMatcherV2,
    chunk: &Chunk,
    start: usize,
    bar: &Bar,
    cancel: &AtomicBool,
) -> Result<Vec<(i64, u32)>, Cancelled> {
    let (text, ends) = chunk.abstracts();
    let firsts: Vec<Vec<u32>> = query
        .abstract_finders()
        .map(|finder| first_matches(finder, text, ends))
        .collect();
    let mut best = Best::new(bar.limit);
    for i in 0..chunk.len() {
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
    use crate::model::library::{Authors, LibraryBuilder, RawPaper};

    /// Papers spread over several chunks, so the bulk scan meets chunk and abstract borders.
    fn library(papers: &[(&str, &str)], per_chunk: usize) -> Library {
        let mut b = LibraryBuilder::default();
        for group in papers.chunks(per_chunk) {
            let mut chunk = Chunk::default();
            for (title, abs) in group {
                chunk
                    .push(&RawPaper {
                        title: (*title).into(),
                        abstract_text: (*abs).into(),
                        authors: Authors::Joined("Ann Author".into()),
                        ..Default::default()
                    })
                    .unwrap();
            }
            b.append(chunk);
        }
        b.into_library()
    }

    /// The straightforward scan the engine must agree with.
    fn reference(lib: &Library, q: &str) -> Vec<u32> {
        let m = SkimMatcherV2::default();
        let query = Query::parse(q);
        let hits = lib
            .iter()
            .enumerate()
            .filter_map(|(i, p)| query.score(&m, &p).map(|s| (s, i as u32)))
            .collect();
        filter::rank(hits, None)
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
            assert_eq!(run(&lib, q, None), reference(&lib, q), "query {q:?}");
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

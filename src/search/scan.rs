//! The search engine: runs a query over a library on all cores. A search can be cancelled (a
//! newer keystroke), and can be limited to earlier results (a query that extends the last one
//! only narrows it). Ranking is [`Query::score`] and [`filter::rank`], whoever calls.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use rayon::prelude::*;

use crate::library::{Chunk, Library};
use crate::search::finder::Finder;
use crate::search::query::{self as filter, Hit, Query};

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
pub enum Among<'a> {
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
    let scope = within.map_or(Among::All, Among::Within);
    Ok(ranked(lib, query, scope, limit, cancel)?
        .into_iter()
        .map(|(_, i)| i)
        .collect())
}

/// [`search`] over a [`Among`], with the scores, so results can be merged later.
pub fn ranked(
    lib: &Library,
    query: &Query,
    scope: Among<'_>,
    limit: Option<usize>,
    cancel: &AtomicBool,
) -> Result<Vec<Hit>, Cancelled> {
    let take = limit.unwrap_or(usize::MAX);
    if query.is_empty() {
        return Ok(match scope {
            Among::Within(ids) => ids.iter().take(take).map(|&i| (0, i)).collect(),
            Among::All | Among::From(_) => {
                let from = match scope {
                    Among::From(from) => from,
                    _ => 0,
                };
                (from..lib.len())
                    .take(take)
                    .map(|i| (0, i as u32))
                    .collect()
            }
        });
    }
    let bar = Bar::new(limit);
    let hits: Vec<Vec<Hit>> = match scope {
        Among::All | Among::From(_) => {
            let from = if let Among::From(from) = scope {
                from
            } else {
                0
            };
            chunks_from(lib, from)
                .into_par_iter()
                .map(|(start, chunk)| {
                    let skip = from.saturating_sub(start);
                    scan_chunk(query, chunk, start, skip, &bar, cancel)
                })
                .collect::<Result<_, _>>()?
        }
        Among::Within(ids) => {
            // Earlier results come best first, scattered over the library: in list order
            // the papers are read from memory front to back instead of at random.
            let mut ids = ids.to_vec();
            ids.par_sort_unstable();
            ids.par_chunks(WITHIN_TASK)
                .map(|ids| scan_within(query, lib, ids, &bar, cancel))
                .collect::<Result<_, _>>()?
        }
    };
    let mut hits: Vec<Hit> = hits.into_iter().flatten().collect();
    if limit.is_some_and(|l| l < hits.len()) {
        return Ok(filter::rank_hits(hits, limit));
    }
    // A million hits are sorted on all cores.
    hits.par_sort_unstable_by(filter::best_first);
    Ok(hits)
}

/// Most papers [`best_page`] scores before it gives up: past that, the bounds rest on terms
/// that may be in any abstract, and the whole ranking (which searches the abstracts in bulk)
/// is the quicker way to the best.
const BEST_PAGE_SCORES: usize = 16_384;
/// Most bound values [`best_page`] goes down through (each a pass over the bounds).
const BEST_PAGE_VALUES: usize = 64;
/// A paper that cannot match, in [`best_page`]'s bounds.
const NO_BOUND: i64 = i64::MIN;

/// The best `k` papers matching `query` among `scope`, best first: the top of [`ranked`], found
/// without scoring most papers. Every paper is bounded from its title, searched in bulk a
/// chunk at a time (its authors and abstract taken to hold every term they have room for);
/// then papers are scored best bound first (ties in list order, as they rank) until no bound
/// left can make the page. A broad query's best page is decided by titles, so few papers are
/// scored; if the page needs papers whose bounds rest on their authors, the authors are
/// searched too. None if the page would take more than [`BEST_PAGE_SCORES`] papers scored:
/// the bounds rest on the abstracts then, and the whole ranking is quicker.
pub fn best_page(
    lib: &Library,
    query: &Query,
    scope: Among<'_>,
    k: usize,
    cancel: &AtomicBool,
) -> Result<Option<Vec<Hit>>, Cancelled> {
    if query.is_empty() || k == 0 {
        return ranked(lib, query, scope, Some(k), cancel).map(Some);
    }
    let mut walk = Walk {
        best: Best::new(Some(k)),
        scored: 0,
        visits: 0,
        budget: BEST_PAGE_SCORES.max(4 * k),
    };
    let mut below = None;
    if !matches!(scope, Among::Within(_)) {
        // Above the ceiling, bounds from titles alone are the exact ones; at and below it, a
        // paper's bound may rest on its authors, which are searched only if the page needs it.
        let ceiling = query.authors_ceiling();
        let parts = bounds(lib, query, scope, false, cancel)?;
        match walk.run(lib, query, &parts, None, Some(ceiling), cancel)? {
            Walked::Done => return Ok(Some(walk.page())),
            Walked::GaveUp => return Ok(None),
            Walked::Below => below = Some(ceiling),
        }
    }
    let parts = bounds(lib, query, scope, true, cancel)?;
    Ok(match walk.run(lib, query, &parts, below, None, cancel)? {
        Walked::GaveUp => None,
        Walked::Done | Walked::Below => Some(walk.page()),
    })
}

/// Scoring papers best bound first: the best so far, and the work done.
struct Walk {
    best: Best,
    scored: usize,
    visits: usize,
    budget: usize,
}

enum Walked {
    /// The best page is known.
    Done,
    /// Bounds down to the floor are done; the best page needs papers below it.
    Below,
    /// Too many papers would be scored.
    GaveUp,
}

impl Walk {
    /// Scores the papers with bounds at most `ceiling` (if given) and above `floor` (if given),
    /// best bound first, ties in list order, until the page is known.
    fn run(
        &mut self,
        lib: &Library,
        query: &Query,
        parts: &[Bounded],
        ceiling: Option<i64>,
        floor: Option<i64>,
        cancel: &AtomicBool,
    ) -> Result<Walked, Cancelled> {
        let unused = Bar::new(self.best.limit);
        let mut value = next_bound(parts, ceiling.map_or(i64::MAX, |c| c.saturating_add(1)));
        loop {
            let Some(v) = value else {
                return Ok(Walked::Done);
            };
            if floor.is_some_and(|floor| v <= floor) {
                return Ok(Walked::Below);
            }
            self.visits += 1;
            if self.visits > BEST_PAGE_VALUES {
                return Ok(Walked::GaveUp);
            }
            // The papers bounded by `v`, in list order, gathered as they are scored: a broad
            // query's page is often full within the first part.
            let mut candidates = parts.iter().filter(|p| p.max >= v).flat_map(|p| {
                let found = p.bounds.iter().enumerate().filter(move |&(_, &b)| b == v);
                found.map(|(j, _)| p.id(j))
            });
            let mut batch = 64;
            loop {
                let some: Vec<u32> = candidates.by_ref().take(batch).collect();
                let Some(&first) = some.first() else {
                    break;
                };
                // Papers still to score come later in the list or have lower bounds: once the
                // page is full and beats this one, it beats them all.
                if self.best.full_and_beats(v, first) {
                    return Ok(Walked::Done);
                }
                self.scored += some.len();
                if self.scored > self.budget {
                    return Ok(Walked::GaveUp);
                }
                let scores: Vec<Option<i64>> = some
                    .par_iter()
                    .map(|&i| query.score(&lib.get(i as usize)))
                    .collect();
                if cancel.load(Ordering::Relaxed) {
                    return Err(Cancelled);
                }
                for (&i, score) in some.iter().zip(scores) {
                    if self.best.full_and_beats(v, i) {
                        return Ok(Walked::Done);
                    }
                    if let Some(score) = score {
                        self.best.offer(score, i, &unused);
                    }
                }
                batch = (batch * 2).min(4096);
            }
            value = next_bound(parts, v);
        }
    }

    fn page(self) -> Vec<Hit> {
        filter::rank_hits(self.best.into_vec(), None)
    }
}

/// The highest bound below `below` of any paper.
fn next_bound(parts: &[Bounded], below: i64) -> Option<i64> {
    let of = |p: &Bounded| {
        if p.max < below {
            Some(p.max)
        } else {
            p.bounds.iter().copied().filter(|&b| b < below).max()
        }
    };
    parts.iter().filter_map(of).filter(|&b| b != NO_BOUND).max()
}

/// Some papers' bounds (see [`best_page`]), in list order: papers from `first` on, or those
/// `ids` lists.
struct Bounded {
    first: u32,
    ids: Option<Vec<u32>>,
    bounds: Vec<i64>,
    /// The highest of the bounds.
    max: i64,
}

impl Bounded {
    fn id(&self, j: usize) -> u32 {
        self.ids
            .as_ref()
            .map_or(self.first + j as u32, |ids| ids[j])
    }
}

/// Every paper of `scope` bounded, on all cores: whole chunks with their titles (and
/// `authors`) searched in bulk, scattered papers one by one.
fn bounds(
    lib: &Library,
    query: &Query,
    scope: Among<'_>,
    authors: bool,
    cancel: &AtomicBool,
) -> Result<Vec<Bounded>, Cancelled> {
    let from = match scope {
        Among::All => 0,
        Among::From(from) => from,
        Among::Within(ids) => {
            let mut ids = ids.to_vec();
            ids.par_sort_unstable();
            return ids
                .par_chunks(WITHIN_TASK)
                .map(|ids| {
                    if cancel.load(Ordering::Relaxed) {
                        return Err(Cancelled);
                    }
                    let bounds: Vec<i64> = ids
                        .iter()
                        .map(|&i| {
                            let paper = lib.get(i as usize);
                            query.upper_bound(&paper, |_| true).unwrap_or(NO_BOUND)
                        })
                        .collect();
                    Ok(Bounded {
                        first: 0,
                        ids: Some(ids.to_vec()),
                        max: bounds.iter().copied().max().unwrap_or(NO_BOUND),
                        bounds,
                    })
                })
                .collect();
        }
    };
    chunks_from(lib, from)
        .into_par_iter()
        .map(|(start, chunk)| {
            if cancel.load(Ordering::Relaxed) {
                return Err(Cancelled);
            }
            let skip = from.saturating_sub(start);
            let fits = query.named_fits(chunk, skip, authors);
            let bounds = query.chunk_bounds(chunk, skip, &fits, NO_BOUND);
            Ok(Bounded {
                first: (start + skip) as u32,
                ids: None,
                max: bounds.iter().copied().max().unwrap_or(NO_BOUND),
                bounds,
            })
        })
        .collect()
}

/// The first `n` papers matching `query` in list order (among `scope`), found without
/// scoring, or None if fewer than `n` are among the first `budget` papers looked at: a quick
/// first screen for a broad query while its ranking runs.
pub fn first_in_order(
    lib: &Library,
    query: &Query,
    scope: Among<'_>,
    n: usize,
    budget: usize,
) -> Option<Vec<u32>> {
    let sorted;
    let candidates: Box<dyn Iterator<Item = u32>> = match scope {
        Among::All => Box::new(0..lib.len() as u32),
        Among::From(from) => Box::new(from as u32..lib.len() as u32),
        Among::Within(ids) => {
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
        .filter(|&i| query.matches(&lib.get(i as usize)))
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
    chunk: &Chunk,
    start: usize,
    skip: usize,
    bar: &Bar,
    cancel: &AtomicBool,
) -> Result<Vec<Hit>, Cancelled> {
    let mut best = Best::new(bar.limit);
    if bar.limit.is_some() {
        // The best few: bound every paper cheaply (taking every abstract to match, so none
        // is searched yet), then score them best bound first, and stop at the first bound
        // that cannot beat what is kept: the bounds are nearly exact.
        let mut bounded: Vec<(i64, u32)> = Vec::new();
        for i in skip..chunk.len() {
            if i % CANCEL_EVERY == 0 && cancel.load(Ordering::Relaxed) {
                return Err(Cancelled);
            }
            let bound = query.upper_bound(&chunk.get(i), |_| true);
            if let Some(b) = bound.filter(|&b| b >= bar.shared()) {
                bounded.push((b, i as u32));
            }
        }
        bounded.sort_unstable_by(filter::best_first);
        for (bound, i) in bounded {
            let index = start as u32 + i;
            if bound < bar.shared() || best.full_and_beats(bound, index) {
                break;
            }
            if let Some(score) = query.score(&chunk.get(i as usize)) {
                best.offer(score, index, bar);
            }
        }
        return Ok(best.into_vec());
    }
    let (text, ends) = chunk.abstracts();
    let firsts: Vec<Vec<u32>> = query
        .abstract_finders()
        .map(|finder| finder.map_or_else(Vec::new, |f| first_matches(f, text, ends)))
        .collect();
    for i in skip..chunk.len() {
        if i % CANCEL_EVERY == 0 && cancel.load(Ordering::Relaxed) {
            return Err(Cancelled);
        }
        let from = if i == 0 { 0 } else { ends[i - 1] };
        let first = |k: usize| match firsts[k].get(i) {
            None | Some(&NOWHERE) => None,
            Some(&at) => Some((at - from) as usize),
        };
        if let Some(score) = query.score_with(&chunk.get(i), first) {
            best.offer(score, (start + i) as u32, bar);
        }
    }
    Ok(best.into_vec())
}

/// Scores the papers `ids` (in any order: each is compared with what it must beat on its own).
fn scan_within(
    query: &Query,
    lib: &Library,
    ids: &[u32],
    bar: &Bar,
    cancel: &AtomicBool,
) -> Result<Vec<(i64, u32)>, Cancelled> {
    let mut best = Best::new(bar.limit);
    let finders: Vec<_> = query.abstract_finders().collect();
    // Where each term first occurs in the abstract, looked for only when asked.
    let mut firsts: Vec<Option<Option<usize>>> = vec![None; finders.len()];
    let score = |i: u32, firsts: &mut Vec<Option<Option<usize>>>| {
        let paper = lib.get(i as usize);
        let abs = paper.abstract_text();
        firsts.fill(None);
        let first = |k: usize| {
            *firsts[k].get_or_insert_with(|| finders[k]?.find(abs.as_bytes(), 0).map(|(s, _)| s))
        };
        query.score_with(&paper, first)
    };
    if bar.limit.is_some() {
        // As in `scan_chunk`: bound every paper, then score best bound first.
        let mut bounded: Vec<(i64, u32)> = Vec::new();
        for (n, &i) in ids.iter().enumerate() {
            if n % CANCEL_EVERY == 0 && cancel.load(Ordering::Relaxed) {
                return Err(Cancelled);
            }
            let bound = query.upper_bound(&lib.get(i as usize), |_| true);
            if let Some(b) = bound.filter(|&b| b >= bar.shared()) {
                bounded.push((b, i));
            }
        }
        bounded.sort_unstable_by(filter::best_first);
        for (bound, i) in bounded {
            if bound < bar.shared() || best.full_and_beats(bound, i) {
                break;
            }
            if let Some(s) = score(i, &mut firsts) {
                best.offer(s, i, bar);
            }
        }
        return Ok(best.into_vec());
    }
    for (n, &i) in ids.iter().enumerate() {
        if n % CANCEL_EVERY == 0 && cancel.load(Ordering::Relaxed) {
            return Err(Cancelled);
        }
        if let Some(s) = score(i, &mut firsts) {
            best.offer(s, i, bar);
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
fn first_matches(finder: &Finder, text: &str, ends: &[u32]) -> Vec<u32> {
    let mut firsts = vec![NOWHERE; ends.len()];
    let mut pos = 0;
    while let Some((start, stop)) = finder.find(text.as_bytes(), pos) {
        let i = ends.partition_point(|&e| e as usize <= start);
        let end = ends[i] as usize;
        if stop <= end {
            firsts[i] = start as u32;
            pos = end;
        } else {
            // A match across two abstracts is none; look again just after its start.
            pos = start + 1;
        }
    }
    firsts
}

/// The chunks holding papers from index `from` on, with the index of their first paper.
fn chunks_from(lib: &Library, from: usize) -> Vec<(usize, &Chunk)> {
    lib.chunks()
        .filter(|(start, chunk)| start + chunk.len() > from)
        .collect()
}

#[cfg(test)]
mod tests;

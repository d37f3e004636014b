//! The search engine: the query and its ranking rules, an exact bound of the fuzzy score, and
//! the scan that runs a query over a library on all cores.

pub mod best_lines;
mod case;
mod finder;
pub mod query;
pub mod scan;
pub mod skim_bound;
pub mod syntax;
mod term;
mod words;

use std::sync::atomic::AtomicBool;

use crate::library::Library;
use query::Query;

/// Papers ranked before the whole ranking of a broad query: more than any screen holds.
pub const FIRST_PAGE: usize = 256;

/// Rank `library` for `query`; the answer comes back as the searcher's answer with the same
/// generation.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    pub library: Library,
    /// How many of the best papers the list needs ranked before the whole ranking (at least
    /// [`FIRST_PAGE`]): more as the user scrolls down a broad query's results.
    pub depth: usize,
}

/// How far a search's answer has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The first matches in list order, found without scoring: a broad query's first screen.
    ListOrder,
    /// The best matches, ranked (an exact top-k): what a screen shows is final, and more are
    /// ranked as far as the list is scrolled.
    BestPage,
    /// The whole ranking.
    Complete,
}

/// Ranks the request's library for its query, best first, in one go: what the searcher
/// computes, run synchronously (the tests' harness).
pub fn run(request: &SearchRequest) -> Vec<u32> {
    let never = AtomicBool::new(false);
    let query = Query::parse(&request.query);
    scan::search(&request.library, &query, None, None, &never)
        .expect("a search nobody cancels finishes")
}

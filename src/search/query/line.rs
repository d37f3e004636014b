//! The score of a paper that is a title alone, without loading it.

use super::{Fields, Query, WORDS_FIRST};

/// Above every score of a paper that matches only fuzzily.
pub const FUZZY_CEILING: i64 = WORDS_FIRST - 1;

impl Query {
    /// [`Query::score`] of a paper with this title and nothing else: what a line holding only
    /// a plain title scores, found without parsing it.
    pub fn title_score(&self, title: &str) -> Option<i64> {
        self.score_fields(Self::title_alone(title), true)
    }

    /// [`Query::title_score`] where every clause holds as words, None elsewhere (a paper that
    /// matches only fuzzily scores at most [`FUZZY_CEILING`]).
    pub fn title_words_score(&self, title: &str) -> Option<i64> {
        self.score_fields(Self::title_alone(title), false)
    }

    fn title_alone(title: &str) -> Fields<'_, fn(usize) -> Option<usize>> {
        Fields {
            title,
            authors: "",
            abs: "",
            first: |_| None,
        }
    }
}

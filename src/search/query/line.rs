//! A bound of the score of the paper on a raw JSON line, found without parsing it.

use super::{CLOSEST, MOST_POINTS, Query, WORDS_FIRST, points, read_as_written};
use crate::search::syntax::Kind;
use crate::search::words::Fit;

impl Query {
    /// An upper bound of the score of the paper a raw JSON line holds, for a line that
    /// [`Query::may_match_line`] passes; never below its [`Query::score`], even once a later
    /// duplicate has given it the fields it lacks (a title is never filled in, but authors
    /// and an abstract may be). A line loaded as written (see [`read_as_written`]) holds each
    /// term at its best fit in the whole line at most, and a term it does not hold can come
    /// only from authors filled in; any other line may hold every term as a word of the title.
    pub fn line_bound(&self, line: &[u8]) -> i64 {
        let text = read_as_written(line)
            .then(|| std::str::from_utf8(line).ok())
            .flatten();
        let mut words = 0;
        for clause in &self.clauses {
            let mut best = 0;
            for &k in clause {
                let t = &self.terms[k];
                let got = match (t.negated, t.kind, text) {
                    (true, ..) => 0,
                    (false, Kind::Word | Kind::Exact, Some(text)) => t
                        .best_fit(text, 0)
                        .map_or(points(1, Fit::Whole), |fit| points(0, fit)),
                    _ => MOST_POINTS,
                };
                best = best.max(got);
            }
            words += best;
        }
        WORDS_FIRST + words + CLOSEST * (self.clauses.len() as i64 - 1).max(0)
    }
}

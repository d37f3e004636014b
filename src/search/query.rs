//! Ranking: which papers match a query, best first. The reader's filter and `papertui search`
//! both call [`Query::score`], so they always agree.
//!
//! A query is space-separated terms that must all match (like fzf). A term matches a paper if
//! it fuzzily matches the title or an author (fuzzy-matcher's SkimMatcherV2, smart case), or
//! appears as a substring of the abstract (fuzzy matching over a whole abstract would match
//! almost anything). A term scores its best field, weighted title > authors > abstract.

use std::cell::RefCell;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::library::PaperRef;
use crate::search::skim_bound;

pub const TITLE_WEIGHT: i64 = 4;
pub const AUTHORS_WEIGHT: i64 = 2;
pub const ABSTRACT_WEIGHT: i64 = 1;

/// The fuzzy matcher every ranking uses: SkimMatcherV2 with smart case.
pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().smart_case()
}

/// A parsed query: its terms, each ready to match.
pub struct Query {
    text: String,
    terms: Vec<Term>,
}

struct Term {
    text: String,
    /// Smart case: a term with an ASCII capital matches case-sensitively (as SkimMatcherV2 does).
    case_sensitive: bool,
    /// The term's bytes as matched by the subsequence prefilter (ASCII lower-cased unless
    /// case-sensitive).
    needle: Vec<u8>,
    /// The ASCII bytes of `needle`: all that can be looked for in text not yet decoded.
    ascii_needle: Vec<u8>,
    /// Finds the term in an abstract (ASCII case-insensitive unless case-sensitive).
    finder: AhoCorasick,
    /// No skim score can exceed this: each character scores at most a match plus the largest
    /// bonus. Lets a strong title match skip the other fields.
    max_score: i64,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let terms = text.split_whitespace().map(Term::new).collect();
        Query {
            text: text.to_string(),
            terms,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// An empty query matches everything, in list order.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The paper's score, or None if some term does not match it. Higher is better.
    pub fn score(&self, p: &PaperRef<'_>) -> Option<i64> {
        let abs = p.abstract_text();
        self.score_with(p, |k| self.terms[k].finder.find(abs).map(|f| f.start()))
    }

    /// [`Query::score`], with where each term first occurs in the abstract (byte offset)
    /// given by `first_in_abstract(term index)`: the engine finds those for a whole chunk at once.
    pub fn score_with(
        &self,
        p: &PaperRef<'_>,
        mut first_in_abstract: impl FnMut(usize) -> Option<usize>,
    ) -> Option<i64> {
        let (title, authors, abs) = (p.title(), p.authors_text(), p.abstract_text());
        let mut total = 0;
        for (k, term) in self.terms.iter().enumerate() {
            total += term.score(title, authors, || first_in_abstract(k).map(|at| (abs, at)))?;
        }
        Some(total)
    }

    /// Whether the paper matches at all, without scoring it: a fuzzy match exists exactly when
    /// the term is a subsequence (which the prefilter decides for ASCII terms), so most papers
    /// are answered without the matcher.
    pub fn matches(&self, p: &PaperRef<'_>) -> bool {
        let (title, authors, abs) = (p.title(), p.authors_text(), p.abstract_text());
        self.terms.iter().all(|term| {
            let fuzzy = |text: &str| {
                term.is_subsequence_of(text.as_bytes())
                    && (term.text.is_ascii() || matcher().fuzzy(text, &term.text, false).is_some())
            };
            fuzzy(title) || fuzzy(authors) || term.finder.find(abs).is_some()
        })
    }

    /// A cheap test on a raw JSON line: false only if no paper written on it can match. Each
    /// term's ASCII bytes must occur in order (case folded); decoding JSON and cleaning text
    /// never create ASCII characters, except `\u` escapes, so such lines always pass.
    pub fn may_match_line(&self, line: &[u8]) -> bool {
        if memchr::memchr_iter(b'\\', line).any(|i| line.get(i + 1) == Some(&b'u')) {
            return true;
        }
        self.terms
            .iter()
            .all(|t| is_subsequence(&t.ascii_needle, t.case_sensitive, line))
    }

    /// A cheap upper bound of [`Query::score_with`] (None: the paper cannot match), from the
    /// prefilters alone, with no fuzzy scoring. A search that wants only the best few skips
    /// every paper whose bound cannot beat the ones it holds. `in_abstract(k)` says whether
    /// term `k` occurs in the abstract.
    pub fn upper_bound(
        &self,
        p: &PaperRef<'_>,
        mut in_abstract: impl FnMut(usize) -> bool,
    ) -> Option<i64> {
        let (title, authors) = (p.title(), p.authors_text());
        let mut total = 0;
        for (k, term) in self.terms.iter().enumerate() {
            let named = [
                term.fuzzy_bound(title).map(|b| TITLE_WEIGHT * b),
                term.fuzzy_bound(authors).map(|b| AUTHORS_WEIGHT * b),
            ];
            let named = named.into_iter().flatten().max();
            // An abstract match scores at most max_score: when the title or the authors match,
            // that bounds the abstract without looking in it.
            let abs = ABSTRACT_WEIGHT * term.max_score;
            total += match named {
                Some(b) => b.max(abs),
                None => in_abstract(k).then_some(abs)?,
            };
        }
        Some(total)
    }

    /// The finders of the terms, in order, to search abstracts in bulk.
    pub fn abstract_finders(&self) -> impl Iterator<Item = &AhoCorasick> {
        self.terms.iter().map(|t| &t.finder)
    }

    /// Character positions in `title` matched by the terms, for highlighting.
    pub fn title_positions(&self, title: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .terms
            .iter()
            .filter_map(|t| matcher().fuzzy(title, &t.text, true))
            .flat_map(|(_, pos)| pos)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

impl Term {
    fn new(text: &str) -> Term {
        let case_sensitive = text.bytes().any(|b| b.is_ascii_uppercase());
        let needle = if case_sensitive {
            text.as_bytes().to_vec()
        } else {
            text.to_ascii_lowercase().into_bytes()
        };
        let finder = AhoCorasick::builder()
            .ascii_case_insensitive(!case_sensitive)
            .kind(Some(AhoCorasickKind::DFA))
            .build([text])
            .expect("one short pattern always builds");
        Term {
            text: text.to_string(),
            case_sensitive,
            ascii_needle: needle.iter().copied().filter(u8::is_ascii).collect(),
            needle,
            finder,
            max_score: 32 * text.chars().count() as i64,
        }
    }

    /// The term's weighted score in its best field. `abs_match` gives the abstract and where
    /// the term first occurs in it; it is only asked when the other fields cannot win.
    fn score<'a>(
        &self,
        title: &str,
        authors: &str,
        abs_match: impl FnOnce() -> Option<(&'a str, usize)>,
    ) -> Option<i64> {
        let title = self.fuzzy(title).map(|s| TITLE_WEIGHT * s);
        if title.is_some_and(|t| t >= AUTHORS_WEIGHT * self.max_score) {
            return title;
        }
        let authors = self.fuzzy(authors).map(|s| AUTHORS_WEIGHT * s);
        let best = title.max(authors);
        if best.is_some_and(|b| b >= ABSTRACT_WEIGHT * self.max_score) {
            return best;
        }
        let in_abstract = abs_match().and_then(|(abs, at)| self.in_abstract(abs, at));
        best.max(in_abstract.map(|s| ABSTRACT_WEIGHT * s))
    }

    /// An upper bound of [`Term::fuzzy`] on `text`, or None if it cannot match.
    ///
    /// For ASCII, [`skim_bound::score_bound`] runs the matcher's own recurrence: the exact score.
    /// Otherwise each character scores at most 16 plus a bonus of 8 (16 for the text's first
    /// character), and the first match pays 1. `bounds_are_never_exceeded` checks both against
    /// fuzzy-matcher itself.
    fn fuzzy_bound(&self, text: &str) -> Option<i64> {
        if text.is_ascii() && self.text.is_ascii() {
            // The recurrence finds out itself whether the term matches at all, and gives the
            // same on the whole text as on the part the matcher is given: a fresh matcher's
            // exact score.
            let carried = 0;
            let b = skim_bound::score_bound(
                text.as_bytes(),
                self.text.as_bytes(),
                self.case_sensitive,
                carried,
            )?;
            return Some(i64::from(b).max(1));
        }
        if !self.is_subsequence_of(text.as_bytes()) {
            return None;
        }
        let starts = self.matches_first_char(self.trim_for_matcher(text));
        let n = self.text.chars().count() as i64;
        Some(24 * n - 1 + if starts { 8 } else { 0 })
    }

    /// Skim score of the term in `text`, at least 1 so that weights keep their order.
    fn fuzzy(&self, text: &str) -> Option<i64> {
        if !self.is_subsequence_of(text.as_bytes()) {
            return None;
        }
        // A fresh matcher each time: SkimMatcherV2 reuses its score matrix between calls and
        // reads a few cells it did not write, so a reused one can score the same text
        // differently after other texts, and differently on another thread.
        matcher()
            .fuzzy(self.trim_for_matcher(text), &self.text, false)
            .map(|(s, _)| s.max(1))
    }

    /// True if `text` starts with the term's first character (as the matcher compares them).
    fn matches_first_char(&self, text: &str) -> bool {
        let (Some(t), Some(p)) = (text.chars().next(), self.text.chars().next()) else {
            return false;
        };
        if self.case_sensitive {
            t == p
        } else {
            t.eq_ignore_ascii_case(&p)
        }
    }

    /// `text` from the character before the first place the term's first character occurs to
    /// the last place its last character occurs. SkimMatcherV2 neither scores nor reads
    /// anything left of that first character (only its type, for the next one's bonus), and a
    /// match must end on the last character, whose score depends on nothing to its right: the
    /// score is the same, and the rest costs nothing. `trimmed_text_scores_the_same` checks
    /// this against fuzzy-matcher.
    fn trim_for_matcher<'t>(&self, text: &'t str) -> &'t str {
        let first = self.needle[0];
        let start = match self.find_byte(first, text.as_bytes(), false) {
            Some(at) if at > 0 => text[..at].char_indices().next_back().map_or(0, |(i, _)| i),
            _ => 0,
        };
        let last = self.text.chars().next_back().expect("terms are not empty");
        let end = if last.is_ascii() {
            self.find_byte(last as u8, text.as_bytes(), true)
                .map(|at| at + 1)
        } else {
            text.rfind(last).map(|at| at + last.len_utf8())
        };
        match end {
            Some(end) if end > start => &text[start..end],
            _ => &text[start..],
        }
    }

    /// The first (or last) place of byte `b` in `hay`, either case for a letter unless the
    /// term is case-sensitive.
    fn find_byte(&self, b: u8, hay: &[u8], last: bool) -> Option<usize> {
        let lower = b.to_ascii_lowercase();
        if self.case_sensitive || !b.is_ascii_alphabetic() {
            if last {
                memchr::memrchr(b, hay)
            } else {
                memchr::memchr(b, hay)
            }
        } else if last {
            memchr::memrchr2(lower, lower.to_ascii_uppercase(), hay)
        } else {
            memchr::memchr2(lower, lower.to_ascii_uppercase(), hay)
        }
    }

    /// The cheap prefilter: are the term's bytes a subsequence of `hay` (ASCII case folded
    /// unless case-sensitive)? Never false for a text SkimMatcherV2 would match.
    fn is_subsequence_of(&self, hay: &[u8]) -> bool {
        is_subsequence(&self.needle, self.case_sensitive, hay)
    }

    /// A match in the abstract at byte `at`: the term as a substring, scored like a title
    /// match over the word it sits in (so a word-prefix match beats one inside a word).
    fn in_abstract(&self, abs: &str, at: usize) -> Option<i64> {
        let word_start = abs[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let window = abs.get(word_start..at + self.text.len())?;
        Some(window_score(&self.text, window))
    }
}

/// The matcher's score of `term` over `window`, at least 1. The same few words ("contrastive",
/// "Contrastive,") hold a term in thousands of abstracts, so scores are kept per thread
/// (computed with a fresh matcher, so they never depend on what was matched before).
fn window_score(term: &str, window: &str) -> i64 {
    const KEPT: usize = 1 << 16;
    thread_local! {
        static SCORES: RefCell<(String, HashMap<String, i64>)> = RefCell::default();
    }
    SCORES.with_borrow_mut(|(key, scores)| {
        key.clear();
        key.push_str(term);
        key.push('\0');
        key.push_str(window);
        if let Some(&score) = scores.get(key.as_str()) {
            return score;
        }
        let score = matcher()
            .fuzzy(window, term, false)
            .map_or(1, |(s, _)| s.max(1));
        if scores.len() >= KEPT {
            scores.clear();
        }
        scores.insert(key.clone(), score);
        score
    })
}

/// True if `needle`'s bytes occur in `hay` in order; ASCII letters match either case unless
/// `case_sensitive` (the needle is lower-cased then).
fn is_subsequence(needle: &[u8], case_sensitive: bool, hay: &[u8]) -> bool {
    let mut rest = hay;
    for &b in needle {
        let found = if case_sensitive || !b.is_ascii_alphabetic() {
            memchr::memchr(b, rest)
        } else {
            memchr::memchr2(b, b.to_ascii_uppercase(), rest)
        };
        match found {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

/// A matching paper: its score and its index in the list.
pub type Hit = (i64, u32);

/// The ranking order: higher score first, ties in list order.
pub fn best_first(a: &Hit, b: &Hit) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

/// Sorts hits best first. With `limit`, only the best `limit` are kept and sorted (a partial
/// sort: a million matches are never sorted to show fifty).
pub fn rank_hits(mut hits: Vec<Hit>, limit: Option<usize>) -> Vec<Hit> {
    if let Some(limit) = limit.filter(|&l| l < hits.len()) {
        if limit == 0 {
            return Vec::new();
        }
        hits.select_nth_unstable_by(limit - 1, best_first);
        hits.truncate(limit);
    }
    hits.sort_unstable_by(best_first);
    hits
}

/// [`rank_hits`], as list indices.
pub fn rank(hits: Vec<Hit>, limit: Option<usize>) -> Vec<u32> {
    rank_hits(hits, limit).into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests;

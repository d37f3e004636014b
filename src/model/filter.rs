//! Ranking: which papers match a query, best first. The reader's filter and `papertui search`
//! both call [`Query::score`], so they always agree.
//!
//! A query is space-separated terms that must all match (like fzf). A term matches a paper if
//! it fuzzily matches the title or an author (fuzzy-matcher's SkimMatcherV2, smart case), or
//! appears as a substring of the abstract (fuzzy matching over a whole abstract would match
//! almost anything). A term scores its best field, weighted title > authors > abstract.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use fuzzy_matcher::skim::SkimMatcherV2;

use rayon::prelude::*;

use super::library::{Library, PaperRef};

pub const TITLE_WEIGHT: i64 = 4;
pub const AUTHORS_WEIGHT: i64 = 2;
pub const ABSTRACT_WEIGHT: i64 = 1;

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
    pub fn score(&self, m: &SkimMatcherV2, p: &PaperRef<'_>) -> Option<i64> {
        let (title, authors, abstract_text) = (p.title(), p.authors_text(), p.abstract_text());
        let mut total = 0;
        for term in &self.terms {
            total += term.score(m, title, authors, abstract_text)?;
        }
        Some(total)
    }

    /// Character positions in `title` matched by the terms, for highlighting.
    pub fn title_positions(&self, m: &SkimMatcherV2, title: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .terms
            .iter()
            .filter_map(|t| m.fuzzy(title, &t.text, true))
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
            needle,
            finder,
            max_score: 32 * text.chars().count() as i64,
        }
    }

    fn score(&self, m: &SkimMatcherV2, title: &str, authors: &str, abs: &str) -> Option<i64> {
        let title = self.fuzzy(m, title).map(|s| TITLE_WEIGHT * s);
        if title.is_some_and(|t| t >= AUTHORS_WEIGHT * self.max_score) {
            return title;
        }
        let authors = self.fuzzy(m, authors).map(|s| AUTHORS_WEIGHT * s);
        let best = title.max(authors);
        if best.is_some_and(|b| b >= ABSTRACT_WEIGHT * self.max_score) {
            return best;
        }
        best.max(self.in_abstract(m, abs).map(|s| ABSTRACT_WEIGHT * s))
    }

    /// Skim score of the term in `text`, at least 1 so that weights keep their order.
    fn fuzzy(&self, m: &SkimMatcherV2, text: &str) -> Option<i64> {
        if !self.is_subsequence_of(text.as_bytes()) {
            return None;
        }
        m.fuzzy(text, &self.text, false).map(|(s, _)| s.max(1))
    }

    /// The cheap prefilter: are the term's bytes a subsequence of `hay` (ASCII case folded
    /// unless case-sensitive)? Never false for a text SkimMatcherV2 would match.
    fn is_subsequence_of(&self, hay: &[u8]) -> bool {
        let mut rest = hay;
        for &b in &self.needle {
            let found = if self.case_sensitive || !b.is_ascii_alphabetic() {
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

    /// A match in the abstract: the term as a substring, scored like a title match over the
    /// word it sits in (so a word-prefix match beats one inside a word).
    fn in_abstract(&self, m: &SkimMatcherV2, abs: &str) -> Option<i64> {
        let found = self.finder.find(abs)?;
        let word_start = abs[..found.start()]
            .rfind(char::is_whitespace)
            .map_or(0, |i| i + 1);
        let window = &abs[word_start..found.end()];
        m.fuzzy(window, &self.text, false).map(|(s, _)| s.max(1))
    }
}

/// The papers matching `query`, best first (at most `limit`); the whole list in order for an
/// empty query. Scores chunks on all cores.
pub fn search(lib: &Library, query: &Query, limit: Option<usize>) -> Vec<u32> {
    if query.is_empty() {
        let n = limit.unwrap_or(usize::MAX).min(lib.len());
        return (0..n as u32).collect();
    }
    let matcher = SkimMatcherV2::default();
    let hits: Vec<(i64, u32)> = lib
        .chunks()
        .collect::<Vec<_>>()
        .into_par_iter()
        .flat_map_iter(|(start, chunk)| {
            let (query, matcher) = (&query, &matcher);
            (0..chunk.len()).filter_map(move |i| {
                let p = Library::chunk_paper(chunk, i);
                query.score(matcher, &p).map(|s| (s, (start + i) as u32))
            })
        })
        .collect();
    rank(hits, limit)
}

/// Ranks candidates by score, best first; ties keep list order. `score` returns None for a
/// paper that does not match. With `limit`, only the best `limit` are sorted (partial sort).
pub fn rank(mut hits: Vec<(i64, u32)>, limit: Option<usize>) -> Vec<u32> {
    let order = |a: &(i64, u32), b: &(i64, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if let Some(limit) = limit.filter(|&l| l < hits.len()) {
        if limit == 0 {
            return Vec::new();
        }
        hits.select_nth_unstable_by(limit - 1, order);
        hits.truncate(limit);
    }
    hits.sort_unstable_by(order);
    hits.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::library::{Authors, Chunk, LibraryBuilder, RawPaper};

    fn library(papers: &[(&str, &str, &str)]) -> crate::model::library::Library {
        let mut chunk = Chunk::default();
        for (title, authors, abs) in papers {
            chunk
                .push(&RawPaper {
                    title: (*title).into(),
                    authors: Authors::Joined((*authors).into()),
                    abstract_text: (*abs).into(),
                    ..Default::default()
                })
                .unwrap();
        }
        let mut b = LibraryBuilder::default();
        b.append(chunk);
        b.into_library()
    }

    fn search(lib: &crate::model::library::Library, q: &str) -> Vec<usize> {
        let m = SkimMatcherV2::default();
        let query = Query::parse(q);
        let hits = lib
            .iter()
            .enumerate()
            .filter_map(|(i, p)| query.score(&m, &p).map(|s| (s, i as u32)))
            .collect();
        rank(hits, None).into_iter().map(|i| i as usize).collect()
    }

    #[test]
    fn title_beats_authors_beats_abstract_for_the_same_match() {
        let lib = library(&[
            ("Other things", "Ann Lee", "We study galore here."),
            ("Another paper", "Galore Smith", "Nothing."),
            ("GaLore: low rank", "Bo Chen", "Nothing."),
        ]);
        assert_eq!(search(&lib, "galore"), [2, 1, 0]);
    }

    #[test]
    fn all_terms_must_match() {
        let lib = library(&[
            ("Pretraining language models", "A", ""),
            ("Language models", "B", ""),
            ("Pretraining vision models", "C", ""),
        ]);
        assert_eq!(search(&lib, "pretrain lang"), [0]);
        assert_eq!(search(&lib, "models"), [0, 1, 2]);
    }

    #[test]
    fn abstracts_need_a_substring_not_a_scattered_subsequence() {
        let lib = library(&[("T", "A", "great abstract on learning")]);
        assert_eq!(search(&lib, "learn"), [0]);
        assert!(
            search(&lib, "gal").is_empty(),
            "g..a..l scattered must not match"
        );
    }

    #[test]
    fn smart_case_follows_capitals() {
        let lib = library(&[("lora tuning", "A", ""), ("LoRA adapters", "B", "")]);
        assert_eq!(search(&lib, "LoRA"), [1]);
        assert_eq!(search(&lib, "lora").len(), 2);
    }

    #[test]
    fn tight_matches_beat_scattered_ones_and_ties_keep_order() {
        let lib = library(&[
            ("Gradient aligned learning of representations", "A", ""),
            ("Galore one", "B", ""),
            ("Galore two", "C", ""),
        ]);
        assert_eq!(search(&lib, "galore"), [1, 2, 0]);
    }

    #[test]
    fn an_empty_query_is_empty() {
        assert!(Query::parse("  ").is_empty());
    }

    #[test]
    fn partial_sort_keeps_the_best_in_order() {
        let hits = vec![(1, 0), (5, 1), (3, 2), (5, 3), (9, 4)];
        assert_eq!(rank(hits.clone(), Some(3)), [4, 1, 3]);
        assert_eq!(rank(hits.clone(), None), [4, 1, 3, 2, 0]);
        assert!(rank(hits, Some(0)).is_empty());
    }

    #[test]
    fn highlights_are_title_character_positions() {
        let m = SkimMatcherV2::default();
        assert_eq!(Query::parse("gal").title_positions(&m, "GaLore"), [0, 1, 2]);
    }
}

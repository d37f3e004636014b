//! Ranking: which papers match a query, best first. The reader's filter and `papertui search`
//! both call [`Query::score`], so they always agree.
//!
//! A query is clauses that must all hold (fzf's extended syntax, see [`syntax`]). A plain term
//! holds where it is a word or a word's start in the title, an author or the abstract (smart
//! case: a term with a capital, ASCII or not, is case-sensitive). Papers where every clause
//! holds so come first, scored in points: a term in the title 24, in the authors 16, in the
//! abstract 8, plus 2 for a whole word or 1 for a word's start; then 3 for each two terms side
//! by side in order, 2 in order a few words apart, 1 near but in the other order. The other
//! papers follow, scored as fuzzy matches: a term that is no word of the paper must match the
//! title or an author tightly (a letter or two left out, so typos are forgiven but letters
//! scattered over a title are not), or sit inside a word of the abstract; it scores
//! fuzzy-matcher's SkimMatcherV2 score in its best field, weighted title > authors > abstract.
//! Ties keep list order.
//!
//! [`syntax`]: crate::search::syntax

use crate::library::{Chunk, PaperRef};
use crate::search::finder::Finder;
use crate::search::syntax::{self, Kind};
pub use crate::search::term::{ABSTRACT_WEIGHT, AUTHORS_WEIGHT, TITLE_WEIGHT};
use crate::search::term::{Term, is_subsequence};
use crate::search::words::Fit;

mod line;
pub use line::FUZZY_CEILING;

/// Scores of papers where every clause holds as words start here: above any fuzzy score.
const WORDS_FIRST: i64 = 1 << 40;
/// Points of a term found as words, by field: title, authors, abstract.
const FIELD_POINTS: [i64; 3] = [24, 16, 8];
/// The most points a term can bring: a whole word of the title.
const MOST_POINTS: i64 = 26;
/// The most points two neighbouring terms can bring: side by side, in order.
const CLOSEST: i64 = 3;

fn points(field: usize, fit: Fit) -> i64 {
    FIELD_POINTS[field]
        + match fit {
            Fit::Whole => 2,
            Fit::Start => 1,
            Fit::Inside => 0,
        }
}

/// Where a paper's fields can be looked at: the abstract's first occurrence of each term is
/// asked lazily (the engine finds those for a whole chunk at once).
struct Fields<'a, F> {
    title: &'a str,
    authors: &'a str,
    abs: &'a str,
    first: F,
}

impl<F: FnMut(usize) -> Option<usize>> Fields<'_, F> {
    fn in_abstract(&mut self, k: usize) -> Option<usize> {
        (self.first)(k)
    }
}

/// A parsed query: its clauses, each one or more terms of which one must hold.
pub struct Query {
    text: String,
    clauses: Vec<Vec<usize>>,
    terms: Vec<Term>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let mut terms = Vec::new();
        let clauses = syntax::parse(text)
            .into_iter()
            .map(|clause| {
                clause
                    .iter()
                    .map(|piece| {
                        terms.push(Term::of(piece));
                        terms.len() - 1
                    })
                    .collect()
            })
            .collect();
        Query {
            text: text.to_string(),
            clauses,
            terms,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// An empty query matches everything, in list order.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The paper's score, or None if some clause does not hold. Higher is better.
    pub fn score(&self, p: &PaperRef<'_>) -> Option<i64> {
        let abs = p.abstract_text();
        let mut firsts: Vec<Option<Option<usize>>> = vec![None; self.terms.len()];
        self.score_with(p, |k| {
            *firsts[k]
                .get_or_insert_with(|| self.terms[k].finder.find(abs.as_bytes(), 0).map(|(s, _)| s))
        })
    }

    /// [`Query::score`], with where each term first occurs in the abstract (byte offset)
    /// given by `first_in_abstract(term index)`.
    pub fn score_with(
        &self,
        p: &PaperRef<'_>,
        first_in_abstract: impl FnMut(usize) -> Option<usize>,
    ) -> Option<i64> {
        self.score_fields(
            Fields {
                title: p.title(),
                authors: p.authors_text(),
                abs: p.abstract_text(),
                first: first_in_abstract,
            },
            true,
        )
    }

    /// [`Query::score_with`] of a paper's fields; without `fuzzy`, None for a paper that
    /// matches only fuzzily.
    fn score_fields<F: FnMut(usize) -> Option<usize>>(
        &self,
        mut f: Fields<'_, F>,
        fuzzy: bool,
    ) -> Option<i64> {
        let mut total = 0;
        let mut found = Vec::with_capacity(self.clauses.len());
        for clause in &self.clauses {
            let mut best: Option<(i64, Option<usize>)> = None;
            for &k in clause {
                let got = self.word_points(k, &mut f);
                if got.map(|g| g.0) > best.map(|b| b.0) {
                    best = got;
                }
            }
            match best {
                Some((points, term)) => {
                    total += points;
                    found.push(term);
                }
                None if fuzzy => return self.fuzzy_score(&mut f),
                None => return None,
            }
        }
        Some(WORDS_FIRST + total + self.closeness(&found, &mut f))
    }

    /// Term `k`'s points where it holds as words (and the term, if its place counts for
    /// closeness); None where it does not.
    fn word_points<F: FnMut(usize) -> Option<usize>>(
        &self,
        k: usize,
        f: &mut Fields<'_, F>,
    ) -> Option<(i64, Option<usize>)> {
        let t = &self.terms[k];
        if t.negated {
            let in_abstract =
                matches!(t.kind, Kind::Word | Kind::Exact) && f.in_abstract(k).is_some();
            return (!t.held_by(f.title, f.authors, in_abstract)).then_some((0, None));
        }
        if !matches!(t.kind, Kind::Word | Kind::Exact) {
            return t.title_holds(f.title).then_some((MOST_POINTS, None));
        }
        let field = if let Some(fit) = t.best_fit(f.title, 0) {
            points(0, fit)
        } else if let Some(fit) = t.best_fit(f.authors, 0) {
            points(1, fit)
        } else {
            let at = f.in_abstract(k)?;
            points(2, t.best_fit(f.abs, at)?)
        };
        Some((field, Some(k)))
    }

    /// The score of a paper some clause of which holds only fuzzily.
    fn fuzzy_score<F: FnMut(usize) -> Option<usize>>(&self, f: &mut Fields<'_, F>) -> Option<i64> {
        let mut total = 0;
        for clause in &self.clauses {
            let mut best = None;
            for &k in clause {
                let t = &self.terms[k];
                let got = if t.kind == Kind::Word && !t.negated {
                    let (title, authors, abs) = (f.title, f.authors, f.abs);
                    // A spelling with or without a hyphen may hold as a word and not fuzzily.
                    t.fuzzy_score(title, authors, || f.in_abstract(k).map(|at| (abs, at)))
                        .or_else(|| self.word_points(k, f).map(|(p, _)| p))
                } else {
                    self.word_points(k, f).map(|(p, _)| p)
                };
                best = best.max(got);
            }
            total += best?;
        }
        Some(total)
    }

    /// Points for neighbouring clauses whose terms sit close, in the title or the abstract.
    fn closeness<F: FnMut(usize) -> Option<usize>>(
        &self,
        found: &[Option<usize>],
        f: &mut Fields<'_, F>,
    ) -> i64 {
        let mut total = 0;
        for pair in found.windows(2) {
            let (Some(a), Some(b)) = (pair[0], pair[1]) else {
                continue;
            };
            let (ta, tb) = (&self.terms[a], &self.terms[b]);
            let starts = |t: &Term, text: &str, from| t.starts(text, from);
            let mut best = crate::search::words::closeness(
                f.title,
                &starts(ta, f.title, 0),
                &starts(tb, f.title, 0),
            );
            if best < CLOSEST
                && let (Some(x), Some(y)) = (f.in_abstract(a), f.in_abstract(b))
            {
                let near = crate::search::words::closeness(
                    f.abs,
                    &starts(ta, f.abs, x),
                    &starts(tb, f.abs, y),
                );
                best = best.max(near);
            }
            total += best;
        }
        total
    }

    /// Whether the paper matches at all, without scoring it: the same answer as
    /// [`Query::score`], from substring and tightness tests alone.
    pub fn matches(&self, p: &PaperRef<'_>) -> bool {
        let (title, authors, abs) = (p.title(), p.authors_text(), p.abstract_text());
        self.clauses.iter().all(|clause| {
            clause.iter().any(|&k| {
                let t = &self.terms[k];
                let in_abstract = || t.finder.is_match(abs.as_bytes());
                match (t.negated, t.kind) {
                    (true, Kind::Word | Kind::Exact) => !t.held_by(title, authors, in_abstract()),
                    (true, _) => !t.title_holds(title),
                    (false, Kind::Word) => {
                        t.shows_in(title) || t.shows_in(authors) || in_abstract()
                    }
                    (false, Kind::Exact) => t.held_by(title, authors, in_abstract()),
                    (false, _) => t.title_holds(title),
                }
            })
        })
    }

    /// A cheap test on a raw JSON line: false only if no paper written on it can match. Some
    /// term of each clause must have its ASCII bytes occur in order (case folded); decoding
    /// JSON, showing LaTeX as symbols and cleaning text never create ASCII characters, except
    /// `\u` escapes, so such lines always pass.
    pub fn may_match_line(&self, line: &[u8]) -> bool {
        if memchr::memchr_iter(b'\\', line).any(|i| line.get(i + 1) == Some(&b'u')) {
            return true;
        }
        self.clauses.iter().all(|clause| {
            clause.iter().any(|&k| {
                let t = &self.terms[k];
                t.negated || is_subsequence(&t.ascii_needle, t.case_sensitive(), line)
            })
        })
    }

    /// [`Query::may_match_line`] for papers where every clause holds as words (see
    /// [`holds_as_words`]): some term of each clause occurs in the line as written (ASCII case
    /// folded). Lines that loading may change (see [`read_as_written`]) are tested as
    /// [`Query::may_match_line`] tests them.
    pub fn may_hold_words_line(&self, line: &[u8]) -> bool {
        if !read_as_written(line) {
            return self.may_match_line(line);
        }
        self.clauses.iter().all(|clause| {
            clause.iter().any(|&k| {
                let t = &self.terms[k];
                t.negated || t.finder.is_match(line)
            })
        })
    }

    /// [`Query::may_match_line`] with fuzzy matches only where tight, as they count: false
    /// for a line whose terms are only scattered over it.
    pub fn may_match_line_tightly(&self, line: &[u8]) -> bool {
        if !read_as_written(line) {
            return self.may_match_line(line);
        }
        self.clauses.iter().all(|clause| {
            clause.iter().any(|&k| {
                let t = &self.terms[k];
                t.negated
                    || match t.kind {
                        Kind::Word => t.is_tight_in_bytes(line) || t.finder.is_match(line),
                        _ => t.finder.is_match(line),
                    }
            })
        })
    }

    /// A cheap upper bound of [`Query::score_with`] (None: the paper cannot match), with no
    /// fuzzy scoring and no search of the abstract. A search that wants only the best few skips
    /// every paper whose bound cannot beat the ones it holds. `in_abstract(k)` says whether
    /// term `k` may occur in the abstract.
    pub fn upper_bound(
        &self,
        p: &PaperRef<'_>,
        in_abstract: impl Fn(usize) -> bool,
    ) -> Option<i64> {
        let (title, authors) = (p.title(), p.authors_text());
        let fit = |k: usize, field: usize| {
            self.terms[k].best_fit(if field == 0 { title } else { authors }, 0)
        };
        let has_abstract = !p.abstract_text().is_empty();
        self.bound_with(p, fit, has_abstract, in_abstract)
    }

    /// Each plain and exact term's best fit as words in the titles (and the authors, if
    /// `authors`) of the papers of `chunk` from `from` on, found in one pass per field over the
    /// chunk's text: what [`Query::upper_bound_fitted`] needs, for a fraction of the cost of
    /// asking paper by paper.
    pub(crate) fn named_fits(&self, chunk: &Chunk, from: usize, authors: bool) -> NamedFits {
        let fits = |(text, ends): (&str, &[u32])| -> Vec<Vec<Option<Fit>>> {
            self.terms
                .iter()
                .map(|t| match (t.negated, t.kind) {
                    (false, Kind::Word | Kind::Exact) => t.best_fits(text, ends, from),
                    _ => Vec::new(),
                })
                .collect()
        };
        NamedFits {
            title: fits(chunk.titles()),
            authors: authors.then(|| fits(chunk.authors())),
        }
    }

    /// [`Query::upper_bound`] of paper `i` of `chunk`, with `fits` its [`Query::named_fits`]:
    /// the same bound, or without the authors' fits a looser one (every term taken to be a
    /// word of the authors). The paper's text is read only where a term needs more than its
    /// fits: a million abstracts are never touched.
    pub(crate) fn upper_bound_fitted(
        &self,
        chunk: &Chunk,
        fits: &NamedFits,
        i: usize,
        in_abstract: impl Fn(usize) -> bool,
    ) -> Option<i64> {
        let filled = |ends: &[u32]| ends[i] > i.checked_sub(1).map_or(0, |before| ends[before]);
        let has_authors = filled(chunk.authors().1);
        let fit = |k: usize, field: usize| match (field, &fits.authors) {
            (0, _) => fits.title[k][i],
            (_, Some(authors)) => authors[k][i],
            (_, None) => has_authors.then_some(Fit::Whole),
        };
        let has_abstract = filled(chunk.abstracts().1);
        self.bound_with(&chunk.get(i), fit, has_abstract, in_abstract)
    }

    /// [`Query::upper_bound_fitted`] of every paper of `chunk` from `from` on (`none` for a
    /// paper that cannot match): for queries of plain and exact terms, from the fits alone
    /// without a call per paper.
    pub(crate) fn chunk_bounds(
        &self,
        chunk: &Chunk,
        from: usize,
        fits: &NamedFits,
        none: i64,
    ) -> Vec<i64> {
        let simple =
            (self.terms.iter()).all(|t| !t.negated && matches!(t.kind, Kind::Word | Kind::Exact));
        let (authors, abstracts) = (chunk.authors().1, chunk.abstracts().1);
        let filled = |ends: &[u32], i: usize| ends[i] > i.checked_sub(1).map_or(0, |b| ends[b]);
        let pairs = CLOSEST * (self.clauses.len() as i64 - 1);
        let words = |i: usize| -> Option<i64> {
            let (has_authors, has_abstract) = (filled(authors, i), filled(abstracts, i));
            let mut total = WORDS_FIRST + pairs;
            for clause in &self.clauses {
                let mut best = None;
                for &k in clause {
                    let named = match fits.title[k][i] {
                        Some(fit) => Some(points(0, fit)),
                        None => match &fits.authors {
                            Some(found) => found[k][i].map(|fit| points(1, fit)),
                            None => has_authors.then_some(points(1, Fit::Whole)),
                        },
                    };
                    best = best.max(named.or(has_abstract.then_some(points(2, Fit::Whole))));
                }
                total += best?;
            }
            Some(total)
        };
        (from..chunk.len())
            .map(|i| {
                simple
                    .then(|| words(i))
                    .flatten()
                    .or_else(|| self.upper_bound_fitted(chunk, fits, i, |_| true))
                    .unwrap_or(none)
            })
            .collect()
    }

    /// The highest bound [`Query::upper_bound_fitted`] can give without the authors' fits to a
    /// paper whose bound rests on a term taken to be a word of its authors (some clause holds
    /// nowhere in the title): every other bound above it is exact already.
    pub(crate) fn authors_ceiling(&self) -> i64 {
        let clauses = self.clauses.len() as i64;
        WORDS_FIRST + MOST_POINTS * (clauses - 1) + points(1, Fit::Whole) + CLOSEST * (clauses - 1)
    }

    /// The bound, with each plain or exact term's best fit as words in the title (field 0)
    /// and the authors (field 1) given by `fit(term, field)`.
    fn bound_with(
        &self,
        p: &PaperRef<'_>,
        fit: impl Fn(usize, usize) -> Option<Fit>,
        has_abstract: bool,
        in_abstract: impl Fn(usize) -> bool,
    ) -> Option<i64> {
        let may = |k: usize| has_abstract && in_abstract(k);
        let word_bound = |k: usize| {
            let t = &self.terms[k];
            match (t.negated, t.kind) {
                (true, _) => Some(0),
                (false, Kind::Word | Kind::Exact) => fit(k, 0)
                    .map(|f| points(0, f))
                    .or_else(|| fit(k, 1).map(|f| points(1, f)))
                    .or_else(|| may(k).then_some(points(2, Fit::Whole))),
                (false, _) => t.title_holds(p.title()).then_some(MOST_POINTS),
            }
        };
        let mut words = Some(0);
        for clause in &self.clauses {
            let best = clause.iter().map(|&k| word_bound(k)).max().flatten();
            words = words.zip(best).map(|(a, b)| a + b);
            if words.is_none() {
                break;
            }
        }
        if let Some(words) = words {
            let pairs = self.clauses.len() as i64 - 1;
            return Some(WORDS_FIRST + words + CLOSEST * pairs);
        }
        let (title, authors) = (p.title(), p.authors_text());
        let mut total = 0;
        for clause in &self.clauses {
            let mut best = None;
            for &k in clause {
                let t = &self.terms[k];
                let got = match (t.negated, t.kind) {
                    (false, Kind::Word) => t
                        .fuzzy_score_bound(title, authors, may(k))
                        .max(word_bound(k)),
                    _ => word_bound(k),
                };
                best = best.max(got);
            }
            total += best?;
        }
        Some(total)
    }

    /// The finders of the terms, in order, to search abstracts in bulk; None for a term that
    /// never looks at the abstract.
    pub(crate) fn abstract_finders(&self) -> impl Iterator<Item = Option<&Finder>> {
        self.terms
            .iter()
            .map(|t| matches!(t.kind, Kind::Word | Kind::Exact).then_some(&t.finder))
    }

    /// Character positions in `title` matched by the terms, for highlighting: their words,
    /// or a term's tight fuzzy match where it is no word of the title.
    pub fn title_positions(&self, title: &str) -> Vec<usize> {
        self.positions(title, true)
    }

    /// Character positions in `text` (a line of an abstract) where the terms occur as words.
    pub fn word_positions(&self, text: &str) -> Vec<usize> {
        self.positions(text, false)
    }

    fn positions(&self, text: &str, title: bool) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let chars = |from: usize, to: usize| {
            let first = text[..from].chars().count();
            first..first + text[from..to].chars().count()
        };
        for t in self.terms.iter().filter(|t| !t.negated) {
            match t.kind {
                Kind::Word | Kind::Exact => {
                    let before = out.len();
                    for (s, e, _) in t.found(text, 0) {
                        out.extend(chars(s, e));
                    }
                    if title
                        && out.len() == before
                        && t.kind == Kind::Word
                        && t.is_tight_in(text)
                        && let Some(pos) = t.fuzzy_positions(text)
                    {
                        out.extend(pos);
                    }
                }
                _ if title => {
                    if let Some((s, e)) = t.title_match(text) {
                        out.extend(chars(s, e));
                    }
                }
                _ => {}
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// True if the paper matches but no term shows in its title or authors: it matched in
    /// its abstract only, which the list says.
    pub fn only_in_abstract(&self, p: &PaperRef<'_>) -> bool {
        let (title, authors) = (p.title(), p.authors_text());
        let mut positive = self.terms.iter().filter(|t| !t.negated).peekable();
        if positive.peek().is_none() {
            return false;
        }
        let shown = positive.any(|t| match t.kind {
            Kind::Word => t.shows_in(title) || t.shows_in(authors),
            Kind::Exact => t.held_by(title, authors, false),
            _ => t.title_holds(title),
        });
        !shown && self.matches(p)
    }
}

/// True if loading a JSON line keeps its ASCII text as it is written, so that a term found
/// in the papers is found in the line: it is all ASCII (no invisible character to remove),
/// with no escape (`\n`, `\"`, any LaTeX command), no `$` (a formula's dollars are dropped:
/// `$p$-adic` is "p-adic"), no brace but the record's own (LaTeX groups are dropped) and no
/// run of spaces (collapsed to one).
fn read_as_written(line: &[u8]) -> bool {
    let inner = line
        .get(1..line.len().saturating_sub(1))
        .unwrap_or_default();
    line.is_ascii()
        && memchr::memchr2(b'\\', b'$', line).is_none()
        && memchr::memchr2(b'{', b'}', inner).is_none()
        && memchr::memmem::find(line, b"  ").is_none()
}

/// True for the score of a paper where every clause of the query holds as words: such papers
/// rank above all others.
pub fn holds_as_words(score: i64) -> bool {
    score >= WORDS_FIRST
}

/// Each plain and exact term's best fit as words in the titles and the authors of a chunk's
/// papers (see [`Query::named_fits`]).
pub(crate) struct NamedFits {
    /// Per term, per paper of the chunk (none for the other terms).
    title: Vec<Vec<Option<Fit>>>,
    /// The same for the authors, if searched.
    authors: Option<Vec<Vec<Option<Fit>>>>,
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
